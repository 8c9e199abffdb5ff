-- Organisation units (单位) that an administrator created, so that a unit can exist before any
-- account or plan is in it. Accounts, plans and drills name their unit (users.unit, plans.unit,
-- drills.unit); db/units_store.py lists the units of this table together with every unit those
-- rows name, so databases from before this table need no copying.
CREATE TABLE IF NOT EXISTS units (
    name        VARCHAR PRIMARY KEY,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  VARCHAR NOT NULL
);
