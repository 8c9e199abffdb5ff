-- What became of each checklist item of a drill (issue 5 analytics), written once per drill by
-- db/analytics_store.save_scores from the scoring engine's item results (drills.scoring), in
-- the same transaction as drill_scores, and replaced when the drill is scored again. The
-- analytics read this table with a plain group-by instead of re-deriving outcomes from the raw
-- observations. A drill ended without saved scores has no rows here and so does not count.
-- Minutes are drill-clock minutes (pauses left out; due counts from the item's time_from).

CREATE TABLE IF NOT EXISTS drill_item_outcomes (
    drill_id      BIGINT NOT NULL REFERENCES drills (id),
    item_id       VARCHAR NOT NULL,
    step_id       VARCHAR,  -- NULL for an extra item the director added
    plan_id       BIGINT NOT NULL,
    version_id    BIGINT NOT NULL,
    role_id       VARCHAR,  -- the item's lead role (NULL: an item of no role)
    area          VARCHAR NOT NULL,
    outcome       VARCHAR NOT NULL CHECK (outcome IN ('done', 'partly', 'not_done', 'na',
                                                      'not_observed')),
    late          BOOLEAN NOT NULL,  -- done or partly done after its due minute
    happened_min  DOUBLE,
    due_min       DOUBLE,
    saved_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (drill_id, item_id)
);
