-- Drill objectives (演练目的/目标) and evaluation criteria (评估标准), part of the design:
-- objectives are replaced with the design while it is being designed (like checklist_items);
-- after the drill the evaluation lead rates each one P/S/M/U with a note (one row per
-- objective, replaced by a new rating; every rating is audited).

ALTER TABLE drills ADD COLUMN IF NOT EXISTS evaluation_criteria VARCHAR DEFAULT '';

CREATE TABLE IF NOT EXISTS drill_objectives (
    drill_id  BIGINT NOT NULL REFERENCES drills (id),
    id        VARCHAR NOT NULL,
    position  INTEGER NOT NULL,
    body      VARCHAR NOT NULL,
    areas     VARCHAR[] NOT NULL,  -- capability areas (drills.ratings.AREAS)
    phases    VARCHAR[] NOT NULL,  -- plan phases (plans.model.PHASES)
    PRIMARY KEY (drill_id, id)
);

CREATE TABLE IF NOT EXISTS objective_ratings (
    drill_id      BIGINT NOT NULL REFERENCES drills (id),
    objective_id  VARCHAR NOT NULL,
    rating        VARCHAR NOT NULL CHECK (rating IN ('P', 'S', 'M', 'U')),
    note          VARCHAR NOT NULL,
    rated_by      VARCHAR NOT NULL,
    rated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (drill_id, objective_id)
);
