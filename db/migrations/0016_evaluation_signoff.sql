-- What makes the evaluation documents signable: the evaluation lead's own texts (per-area
-- conclusions, cause analysis per finding or per area, the overall conclusion), kept per
-- document language and replaced on every save (a missing row means: the draft drafted from the
-- data); the document standard (AQ/T 9009 / GB/T 46792 or HSEEP AAR/IP) chosen per drill or per
-- unit; and the HSEEP Improvement Plan's start date and responsible organization of a
-- corrective action. Every change is audited.

CREATE TABLE IF NOT EXISTS evaluation_texts (
    drill_id    BIGINT NOT NULL REFERENCES drills (id),
    key         VARCHAR NOT NULL,  -- conclusion | area:<area> | cause:<finding id> | cause_area:<area>
    lang        VARCHAR NOT NULL CHECK (lang IN ('zh', 'en')),
    body        VARCHAR NOT NULL,
    written_by  VARCHAR NOT NULL,
    written_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (drill_id, key, lang)
);

ALTER TABLE drills ADD COLUMN IF NOT EXISTS report_standard VARCHAR DEFAULT '';

CREATE TABLE IF NOT EXISTS unit_settings (
    unit             VARCHAR PRIMARY KEY,
    report_standard  VARCHAR NOT NULL DEFAULT '',
    set_by           VARCHAR NOT NULL,
    set_at           TIMESTAMPTZ NOT NULL
);

ALTER TABLE corrective_actions ADD COLUMN IF NOT EXISTS start_date DATE;
ALTER TABLE corrective_actions ADD COLUMN IF NOT EXISTS organization VARCHAR DEFAULT '';
