-- Accounts, sign-in attempts and the audit log.
-- login_attempts and audit_log are append-only: rows are inserted, never updated or deleted,
-- so concurrent sessions never conflict on them and the record cannot be rewritten.
-- A user's last sign-in is read from login_attempts rather than kept on the users row, so that
-- signing in never updates a row another session may be changing.
-- IF NOT EXISTS everywhere: the migration can be applied again without harm.

CREATE SEQUENCE IF NOT EXISTS user_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS login_attempt_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS audit_id_seq START 1;

CREATE TABLE IF NOT EXISTS users (
    id                    BIGINT PRIMARY KEY DEFAULT nextval('user_id_seq'),
    username              VARCHAR NOT NULL,         -- as typed at creation
    username_key          VARCHAR NOT NULL UNIQUE,  -- casefolded: one account per name
    display_name          VARCHAR NOT NULL DEFAULT '',
    password_hash         VARCHAR NOT NULL,         -- argon2id, PHC string
    roles                 VARCHAR[] NOT NULL,       -- system roles (access/policy.py)
    unit                  VARCHAR NOT NULL DEFAULT '',
    disabled              BOOLEAN NOT NULL DEFAULT FALSE,
    must_change_password  BOOLEAN NOT NULL DEFAULT TRUE,
    demo                  BOOLEAN NOT NULL DEFAULT FALSE,  -- a demo account, known password
    password_changed_at   TIMESTAMPTZ NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    created_by            VARCHAR NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    updated_by            VARCHAR NOT NULL
);

-- One row per sign-in attempt (and per password reset, which ends a lock-out).
-- Lock-out counts the bad_credentials rows after the newest ok or reset row.
CREATE TABLE IF NOT EXISTS login_attempts (
    id            BIGINT PRIMARY KEY DEFAULT nextval('login_attempt_id_seq'),
    username_key  VARCHAR NOT NULL,  -- also for names that have no account
    attempted_at  TIMESTAMPTZ NOT NULL,
    success       BOOLEAN NOT NULL,
    reason        VARCHAR NOT NULL
                  CHECK (reason IN ('ok', 'bad_credentials', 'locked', 'disabled', 'reset')),
    ip            VARCHAR
);

-- Every change to plans, versions and users, written in the transaction of the change.
-- before_json/after_json hold compact JSON of the facts that changed, never whole plans.
CREATE TABLE IF NOT EXISTS audit_log (
    id           BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
    recorded_at  TIMESTAMPTZ NOT NULL,
    actor        VARCHAR NOT NULL,
    action       VARCHAR NOT NULL,
    entity       VARCHAR NOT NULL,  -- plan | version | user
    entity_id    VARCHAR NOT NULL,
    before_json  VARCHAR,
    after_json   VARCHAR,
    detail       VARCHAR NOT NULL DEFAULT ''
);
