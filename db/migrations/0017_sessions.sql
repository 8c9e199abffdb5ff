-- Signed-in sessions of browsers, kept here rather than in one server process's memory, so
-- that a reload, a phone that locked its screen or another app instance keeps the session.
-- A session's secrets are stored only as SHA-256 hashes: the token the browser holds in its
-- HttpOnly cookie, and the one-time login code that the browser swaps for that cookie within
-- a minute of signing in. A session ends when revoked_at is set; the drill clock deletes rows
-- that ended 30 days ago (services/sessions.purge_ended_sessions).

CREATE SEQUENCE IF NOT EXISTS session_id_seq START 1;

CREATE TABLE IF NOT EXISTS sessions (
    id               BIGINT PRIMARY KEY DEFAULT nextval('session_id_seq'),
    user_id          BIGINT NOT NULL REFERENCES users (id),
    token_hash       VARCHAR,             -- NULL until the browser swapped its login code
    code_hash        VARCHAR,             -- the login code; NULL once swapped
    code_expires_at  TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    verified_at      TIMESTAMPTZ NOT NULL,  -- the user's password was last checked in it
    last_seen        TIMESTAMPTZ NOT NULL,  -- the user's last action (an automatic refresh is none)
    revoked_at       TIMESTAMPTZ,
    revoke_reason    VARCHAR
                     CHECK (revoke_reason IN ('signed_out', 'idle', 'lifetime', 'password',
                                              'disabled', 'other_session')),
    user_agent       VARCHAR NOT NULL DEFAULT '',
    ip               VARCHAR
);
