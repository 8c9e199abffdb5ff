-- A step's own words as they stood in its source block at import (plans.model.Source.quote):
-- what a revision replaces, as a tracked change, in the original document; '' for steps stored
-- before it was kept and for steps added by hand.

ALTER TABLE steps ADD COLUMN IF NOT EXISTS source_quote VARCHAR DEFAULT '';
