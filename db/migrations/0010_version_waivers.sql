-- An approver's waiver of an error-level check still open when a version was approved: one row
-- per check (plans.checks.Finding.key), with the finding itself (code, target and params as JSON,
-- so its message is shown in the reader's language) and the written reason.

CREATE TABLE IF NOT EXISTS version_waivers (
    version_id   BIGINT NOT NULL REFERENCES versions (id),
    finding_key  VARCHAR NOT NULL,
    position     INTEGER NOT NULL,
    code         VARCHAR NOT NULL,
    target_kind  VARCHAR NOT NULL,
    target_id    VARCHAR NOT NULL,
    params       VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    waived_by    VARCHAR NOT NULL,
    waived_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (version_id, finding_key)
);
