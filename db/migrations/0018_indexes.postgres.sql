-- Indexes for the lookups the stores make by something other than a primary key, on PostgreSQL
-- (which does not index the referencing side of a foreign key by itself); on DuckDB this number
-- is 0018_indexes.sql, which creates none.

CREATE INDEX IF NOT EXISTS plans_unit ON plans (unit);
CREATE INDEX IF NOT EXISTS versions_plan ON versions (plan_id);
CREATE INDEX IF NOT EXISTS users_unit ON users (unit);
CREATE INDEX IF NOT EXISTS login_attempts_name ON login_attempts (username_key, id);
CREATE INDEX IF NOT EXISTS login_attempts_ip ON login_attempts (ip, attempted_at);
CREATE INDEX IF NOT EXISTS audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX IF NOT EXISTS audit_log_recorded ON audit_log (recorded_at);
CREATE INDEX IF NOT EXISTS drills_unit ON drills (unit);
CREATE INDEX IF NOT EXISTS drills_plan ON drills (plan_id);
CREATE INDEX IF NOT EXISTS drill_people_user ON drill_people (username);
CREATE INDEX IF NOT EXISTS observations_drill ON observations (drill_id, entered_at);
CREATE INDEX IF NOT EXISTS photos_drill ON photos (drill_id);
CREATE INDEX IF NOT EXISTS reveal_log_drill ON reveal_log (drill_id, logged_at);
CREATE INDEX IF NOT EXISTS corrective_actions_drill ON corrective_actions (drill_id, finding_id);
CREATE INDEX IF NOT EXISTS corrective_actions_owner ON corrective_actions (owner);
CREATE INDEX IF NOT EXISTS drill_item_outcomes_plan ON drill_item_outcomes (plan_id, step_id);
CREATE INDEX IF NOT EXISTS conflict_settlements_drill ON conflict_settlements (drill_id, item_id);
CREATE INDEX IF NOT EXISTS plan_revision_flags_drill ON plan_revision_flags (drill_id);
CREATE INDEX IF NOT EXISTS plan_due_for_revision_drill ON plan_due_for_revision (drill_id);
