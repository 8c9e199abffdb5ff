-- Conflicts between evaluators (drills/conflicts.py): two evaluators' entries in force on one
-- checklist item with different outcomes. Conflicts themselves are never stored: they are
-- computed from the observations. What is stored is the evaluation lead's (or director's)
-- settlement: the entries it settled, the outcome chosen for the item and why. Rows are
-- appended, never changed; an item's latest settlement stands. Each settlement is also audited.

CREATE SEQUENCE IF NOT EXISTS conflict_settlement_id_seq START 1;

CREATE TABLE IF NOT EXISTS conflict_settlements (
    id          BIGINT PRIMARY KEY DEFAULT nextval('conflict_settlement_id_seq'),
    drill_id    BIGINT NOT NULL REFERENCES drills (id),
    item_id     VARCHAR NOT NULL,
    entry_ids   VARCHAR[] NOT NULL,  -- the observation ids settled, sorted
    outcome     VARCHAR NOT NULL CHECK (outcome IN ('done', 'partly', 'not_done', 'na')),
    reason      VARCHAR NOT NULL,
    settled_by  VARCHAR NOT NULL,
    settled_at  TIMESTAMPTZ NOT NULL
);
