-- Findings, corrective actions, participants' reviews, area weights, rating overrides and the
-- per-drill score summary (issue 5). Rows that are edited in place carry `version` (optimistic
-- locking, +1 on every change). No foreign key points at a row that is updated (DuckDB rewrites
-- such rows as delete + insert): corrective_actions names its finding without a foreign key and
-- the store checks it. "at" and "by" are reserved words: columns say what time or person they hold.

CREATE SEQUENCE IF NOT EXISTS action_id_seq START 1;

CREATE TABLE IF NOT EXISTS findings (
    drill_id     BIGINT NOT NULL REFERENCES drills (id),
    id           VARCHAR NOT NULL,  -- stable proposal id ("missed-c3") or a manual one
    position     INTEGER NOT NULL,
    kind         VARCHAR NOT NULL,
    title        VARCHAR NOT NULL,
    description  VARCHAR NOT NULL,
    evidence     VARCHAR NOT NULL,  -- JSON list of observation ids
    cause        VARCHAR CHECK (cause IN ('plan_defect', 'execution', 'resources', 'training',
                                          'coordination')),
    grade        VARCHAR CHECK (grade IN ('deficiency', 'must_fix', 'improvement')),
    strength     BOOLEAN NOT NULL,
    step_id      VARCHAR,
    role_id      VARCHAR,
    item_id      VARCHAR,
    area         VARCHAR,
    status       VARCHAR NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected')),
    proposed_at  TIMESTAMPTZ NOT NULL,
    edited_by    VARCHAR,
    edited_at    TIMESTAMPTZ,
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (drill_id, id)
);

CREATE TABLE IF NOT EXISTS corrective_actions (
    id            BIGINT PRIMARY KEY DEFAULT nextval('action_id_seq'),
    drill_id      BIGINT NOT NULL REFERENCES drills (id),
    finding_id    VARCHAR NOT NULL,
    action        VARCHAR NOT NULL,
    owner         VARCHAR NOT NULL,
    due           DATE NOT NULL,
    status        VARCHAR NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'verified')),
    verification  VARCHAR NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_by    VARCHAR NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_by    VARCHAR NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- One review per participant and drill; a second submission replaces the first.
CREATE TABLE IF NOT EXISTS participant_reviews (
    drill_id      BIGINT NOT NULL REFERENCES drills (id),
    username      VARCHAR NOT NULL,
    role          VARCHAR,  -- plan role id they played
    went_well     VARCHAR NOT NULL,
    to_improve    VARCHAR NOT NULL,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    submitted_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (drill_id, username)
);

-- The unit's weights of the evaluation areas (an area without a row weighs 1).
CREATE TABLE IF NOT EXISTS area_weights (
    unit    VARCHAR NOT NULL,
    area    VARCHAR NOT NULL,
    weight  DOUBLE NOT NULL CHECK (weight >= 0),
    set_by  VARCHAR NOT NULL,
    set_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (unit, area)
);

CREATE TABLE IF NOT EXISTS rating_overrides (
    drill_id  BIGINT NOT NULL REFERENCES drills (id),
    area      VARCHAR NOT NULL,
    rating    VARCHAR NOT NULL CHECK (rating IN ('P', 'S', 'M', 'U')),
    reason    VARCHAR NOT NULL CHECK (length(trim(reason)) > 0),
    set_by    VARCHAR NOT NULL,
    set_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (drill_id, area)
);

-- A drill's Evaluation summary, saved at its end (and replaced when it is scored again): one row
-- per area and per lead role, for the ratings-over-time analytics.
CREATE TABLE IF NOT EXISTS drill_scores (
    drill_id      BIGINT NOT NULL REFERENCES drills (id),
    dimension     VARCHAR NOT NULL CHECK (dimension IN ('area', 'role', 'overall')),
    key           VARCHAR NOT NULL,
    score         DOUBLE,
    rating        VARCHAR,
    coverage      DOUBLE,
    total         INTEGER NOT NULL,
    not_done      INTEGER NOT NULL,
    not_observed  INTEGER NOT NULL,
    late          INTEGER NOT NULL,
    saved_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (drill_id, dimension, key)
);
