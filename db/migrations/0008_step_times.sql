-- The time of a step beyond its one limit (DESIGN.md section 5): the parts of a limit with
-- several ("30分钟内电话、1小时内书面" keeps 30 in steps.time_limit_min and both parts here) and
-- the period of a repeated duty (每两小时 → 120), which is not a time limit.

ALTER TABLE steps ADD COLUMN IF NOT EXISTS frequency_min DOUBLE;

CREATE TABLE IF NOT EXISTS step_time_parts (
    version_id  BIGINT NOT NULL REFERENCES versions (id),
    step_id     VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    minutes     DOUBLE NOT NULL,
    part_text   VARCHAR NOT NULL,
    PRIMARY KEY (version_id, step_id, position)
);
