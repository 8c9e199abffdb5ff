-- Plan revisions opened from drill findings (issue 5).
-- plan_due_for_revision is append-only: a plan is due while a row for one of its drills has no
-- released version opened from that drill. plan_revision_flags rows are inserted with the draft
-- they flag and never deleted; only `resolved` and `note` change, each change audited.

CREATE SEQUENCE IF NOT EXISTS revision_flag_id_seq START 1;

CREATE TABLE IF NOT EXISTS plan_revision_flags (
    id             BIGINT PRIMARY KEY DEFAULT nextval('revision_flag_id_seq'),
    version_id     BIGINT NOT NULL REFERENCES versions (id),  -- the draft opened for the revision
    base_version_id BIGINT NOT NULL REFERENCES versions (id),  -- the published version it was copied from
    kind           VARCHAR NOT NULL CHECK (kind IN ('step', 'role')),
    item_id        VARCHAR NOT NULL,
    drill_id       BIGINT NOT NULL REFERENCES drills (id),
    finding_id     VARCHAR NOT NULL,
    finding_title  VARCHAR NOT NULL,
    note           VARCHAR NOT NULL DEFAULT '',
    resolved       BOOLEAN NOT NULL DEFAULT false,
    created_by     VARCHAR NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (version_id, kind, item_id, finding_id)
);

CREATE TABLE IF NOT EXISTS plan_due_for_revision (
    plan_id        BIGINT NOT NULL REFERENCES plans (id),
    drill_id       BIGINT NOT NULL REFERENCES drills (id),
    finding_id     VARCHAR NOT NULL,
    finding_title  VARCHAR NOT NULL,
    since          TIMESTAMPTZ NOT NULL,
    marked_by      VARCHAR NOT NULL,
    PRIMARY KEY (plan_id, drill_id, finding_id)
);
