-- Plans, their source documents and versions; each version holds a full copy of the plan content.
-- Model ids (r1, s3, L2) are kept as they are and are unique within a version: content tables
-- have composite keys (version_id, id). `position` keeps the order of every list.
-- DuckDB rewrites a row whose LIST column is updated as delete + insert, which a foreign key
-- pointing at the row refuses: referenced tables (plans, documents, versions) have no LIST
-- columns that change, and list columns live only in rows that are replaced, never updated.

CREATE SEQUENCE plan_id_seq START 1;
CREATE SEQUENCE document_id_seq START 1;
CREATE SEQUENCE version_id_seq START 1;

CREATE TABLE plans (
    id          BIGINT PRIMARY KEY DEFAULT nextval('plan_id_seq'),
    title       VARCHAR NOT NULL,   -- mirrors the newest version, for listing and search
    kind        VARCHAR NOT NULL,
    language    VARCHAR NOT NULL,
    unit        VARCHAR NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  VARCHAR NOT NULL,
    deleted     BOOLEAN NOT NULL DEFAULT FALSE,
    deleted_at  TIMESTAMPTZ,
    deleted_by  VARCHAR
);

CREATE TABLE documents (
    id           BIGINT PRIMARY KEY DEFAULT nextval('document_id_seq'),
    plan_id      BIGINT NOT NULL REFERENCES plans (id),  -- the plan that first uploaded it
    filename     VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL UNIQUE,
    size         BIGINT NOT NULL,
    bytes        BLOB NOT NULL,
    uploaded_at  TIMESTAMPTZ NOT NULL,
    uploaded_by  VARCHAR NOT NULL
);

CREATE TABLE versions (
    id               BIGINT PRIMARY KEY DEFAULT nextval('version_id_seq'),
    plan_id          BIGINT NOT NULL REFERENCES plans (id),
    number           INTEGER NOT NULL,
    status           VARCHAR NOT NULL
                     CHECK (status IN ('draft', 'in_review', 'published', 'superseded')),
    revision         INTEGER NOT NULL DEFAULT 1,  -- optimistic locking: +1 on every change
    title            VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,
    language         VARCHAR NOT NULL,
    warnings         VARCHAR NOT NULL,  -- JSON list; a LIST column here could not be UPDATEd (below)
    created_by       VARCHAR NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_by       VARCHAR NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    submitted_by     VARCHAR,
    submitted_at     TIMESTAMPTZ,
    approved_by      VARCHAR,
    approved_at      TIMESTAMPTZ,
    returned_by      VARCHAR,      -- who sent it back from review to draft, with `note`
    returned_at      TIMESTAMPTZ,
    base_version_id  BIGINT,
    note             VARCHAR NOT NULL DEFAULT '',
    document_id      BIGINT REFERENCES documents (id),
    UNIQUE (plan_id, number)
);

CREATE TABLE parts (
    version_id  BIGINT NOT NULL REFERENCES versions (id),
    id          VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    title       VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    PRIMARY KEY (version_id, id)
);

CREATE TABLE sections (
    version_id  BIGINT NOT NULL REFERENCES versions (id),
    id          VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    heading     VARCHAR NOT NULL,
    level       INTEGER NOT NULL,
    body        VARCHAR NOT NULL,
    part        VARCHAR,
    block       INTEGER,
    PRIMARY KEY (version_id, id)
);

CREATE TABLE roles (
    version_id        BIGINT NOT NULL REFERENCES versions (id),
    id                VARCHAR NOT NULL,
    position          INTEGER NOT NULL,
    name              VARCHAR NOT NULL,
    aliases           VARCHAR[] NOT NULL,
    parent            VARCHAR,
    responsibilities  VARCHAR[] NOT NULL,
    source_block      INTEGER,  -- NULL when the role has no source
    source_text       VARCHAR,
    part              VARCHAR,
    kind              VARCHAR NOT NULL,
    PRIMARY KEY (version_id, id)
);

CREATE TABLE levels (
    version_id      BIGINT NOT NULL REFERENCES versions (id),
    id              VARCHAR NOT NULL,
    position        INTEGER NOT NULL,
    name            VARCHAR NOT NULL,
    condition_text  VARCHAR NOT NULL,
    source_block    INTEGER,
    source_text     VARCHAR,
    part            VARCHAR,
    PRIMARY KEY (version_id, id)
);

CREATE TABLE steps (
    version_id      BIGINT NOT NULL REFERENCES versions (id),
    id              VARCHAR NOT NULL,
    position        INTEGER NOT NULL,
    name            VARCHAR NOT NULL,
    body            VARCHAR NOT NULL,  -- Step.text: the quotation from the source
    phase           VARCHAR NOT NULL,
    time_limit_min  DOUBLE,
    time_from       VARCHAR NOT NULL,
    time_text       VARCHAR NOT NULL,
    source_block    INTEGER,
    source_text     VARCHAR,
    part            VARCHAR,
    PRIMARY KEY (version_id, id)
);

-- Step.roles are kind 'owner' (the first one, position 0, is the lead); Step.support are 'support'.
CREATE TABLE step_owners (
    version_id  BIGINT NOT NULL REFERENCES versions (id),
    step_id     VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('owner', 'support')),
    position    INTEGER NOT NULL,
    role_id     VARCHAR NOT NULL,
    is_lead     BOOLEAN NOT NULL,
    PRIMARY KEY (version_id, step_id, kind, position)
);

CREATE TABLE step_order (
    version_id     BIGINT NOT NULL REFERENCES versions (id),
    step_id        VARCHAR NOT NULL,
    position       INTEGER NOT NULL,
    after_step_id  VARCHAR NOT NULL,
    PRIMARY KEY (version_id, step_id, position)
);

CREATE TABLE step_levels (
    version_id  BIGINT NOT NULL REFERENCES versions (id),
    step_id     VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    level_id    VARCHAR NOT NULL,
    PRIMARY KEY (version_id, step_id, position)
);

-- Whom a step notifies: a role of the plan (role_id) or free text (recipient) such as "县政府".
CREATE TABLE notifications (
    version_id  BIGINT NOT NULL REFERENCES versions (id),
    step_id     VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    role_id     VARCHAR,
    recipient   VARCHAR,
    PRIMARY KEY (version_id, step_id, position),
    CHECK ((role_id IS NULL) <> (recipient IS NULL))
);
