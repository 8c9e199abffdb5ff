-- What each section of a plan holds (plans.model.SECTION_KINDS: organisation, levels, warning,
-- report, response, termination, recovery, support, annex, general, other), found at import;
-- '' for plans stored before it was kept.

ALTER TABLE sections ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT '';
