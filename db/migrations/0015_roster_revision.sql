-- The roster of participants (drill_people rows with role 'participant') gets its own
-- optimistic-locking revision: the console's roster form is refused when someone saved the
-- roster after the form was opened, and names who did. +1 on every roster change.

ALTER TABLE drills ADD COLUMN IF NOT EXISTS roster_revision INTEGER DEFAULT 1;
ALTER TABLE drills ADD COLUMN IF NOT EXISTS roster_updated_by VARCHAR DEFAULT '';
