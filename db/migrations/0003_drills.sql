-- Drills (issue 4): the design, replaced as a whole while the drill is being designed, and the
-- append-only record of the drill, whose rows are inserted and never updated or deleted:
-- drill_seals, drill_clock_events, inject_releases, observations, photos, reveal_log.
-- A drill's status is folded from them (designing → sealed → running ⇄ paused → ended), so live
-- sessions never update a shared row: concurrent writers only append, and a retried write meets
-- its own primary key and is stored once.
-- Lists that are updated in place are JSON text (`drills` is referenced by foreign keys; see
-- 0001); list columns live only in rows that are replaced or appended.
-- "at" and "by" are reserved words in DuckDB: the columns say what time or person they hold.

CREATE SEQUENCE IF NOT EXISTS drill_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS reveal_id_seq START 1;

CREATE TABLE IF NOT EXISTS drills (
    id                           BIGINT PRIMARY KEY DEFAULT nextval('drill_id_seq'),
    plan_id                      BIGINT NOT NULL REFERENCES plans (id),
    version_id                   BIGINT NOT NULL REFERENCES versions (id),
    unit                         VARCHAR NOT NULL,  -- the plan's unit when the drill was created
    revision                     INTEGER NOT NULL DEFAULT 1,  -- +1 on every design change
    title                        VARCHAR NOT NULL,
    drill_type                   VARCHAR NOT NULL CHECK (drill_type IN ('tabletop', 'live')),
    scope                        VARCHAR NOT NULL CHECK (scope IN ('single', 'comprehensive')),
    incident_type                VARCHAR NOT NULL,
    place                        VARCHAR NOT NULL,
    description                  VARCHAR NOT NULL,
    expected_level               VARCHAR,
    participating_roles          VARCHAR NOT NULL,  -- JSON list of plan role ids; [] = all
    response_level               VARCHAR,  -- the level the checklist is derived for
    planned_start                TIMESTAMPTZ,  -- known only to the directors
    planned_end                  TIMESTAMPTZ,
    withhold_time                BOOLEAN NOT NULL,
    withhold_place               BOOLEAN NOT NULL,
    withhold_scenario            BOOLEAN NOT NULL,
    withhold_subject             BOOLEAN NOT NULL,
    notified_units               VARCHAR NOT NULL,  -- JSON list
    evaluators_see_before_start  BOOLEAN NOT NULL,
    created_by                   VARCHAR NOT NULL,
    created_at                   TIMESTAMPTZ NOT NULL,
    updated_by                   VARCHAR NOT NULL,
    updated_at                   TIMESTAMPTZ NOT NULL,
    template_of                  BIGINT  -- the drill this one was copied from
);

-- The people named in a drill. Evaluators carry their share (plan roles and places to watch);
-- participants the plan roles they play (which injects reach them).
CREATE TABLE IF NOT EXISTS drill_people (
    drill_id      BIGINT NOT NULL REFERENCES drills (id),
    username      VARCHAR NOT NULL,
    role          VARCHAR NOT NULL
                  CHECK (role IN ('director', 'evaluation_lead', 'evaluator', 'participant')),
    position      INTEGER NOT NULL,
    share_roles   VARCHAR[] NOT NULL,
    share_places  VARCHAR[] NOT NULL,
    PRIMARY KEY (drill_id, role, username)
);

CREATE TABLE IF NOT EXISTS checklist_items (
    drill_id        BIGINT NOT NULL REFERENCES drills (id),
    id              VARCHAR NOT NULL,
    position        INTEGER NOT NULL,
    step_id         VARCHAR,  -- NULL for an extra item the director added
    name            VARCHAR NOT NULL,
    body            VARCHAR NOT NULL,
    roles           VARCHAR[] NOT NULL,  -- plan role ids, lead first
    phase           VARCHAR NOT NULL,
    time_limit_min  DOUBLE,
    time_from       VARCHAR NOT NULL,
    after_items     VARCHAR[] NOT NULL,
    PRIMARY KEY (drill_id, id)
);

CREATE TABLE IF NOT EXISTS injects (
    drill_id        BIGINT NOT NULL REFERENCES drills (id),
    id              VARCHAR NOT NULL,
    position        INTEGER NOT NULL,
    title           VARCHAR NOT NULL,
    content         VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL CHECK (kind IN ('message', 'task_card', 'question')),
    offset_min      DOUBLE,  -- NULL: released by hand
    to_roles        VARCHAR[] NOT NULL,
    expected_items  VARCHAR[] NOT NULL,
    PRIMARY KEY (drill_id, id)
);

-- Sealing freezes the design; one row per drill.
CREATE TABLE IF NOT EXISTS drill_seals (
    drill_id   BIGINT PRIMARY KEY REFERENCES drills (id),
    sealed_at  TIMESTAMPTZ NOT NULL,
    sealed_by  VARCHAR NOT NULL
);

-- start (T0), pause, resume, end. `n` counts a drill's events from 1: two sessions changing the
-- clock at once both write the same n, and the second is refused instead of doubling a pause.
CREATE TABLE IF NOT EXISTS drill_clock_events (
    drill_id     BIGINT NOT NULL REFERENCES drills (id),
    n            INTEGER NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('start', 'pause', 'resume', 'end')),
    happened_at  TIMESTAMPTZ NOT NULL,
    recorded_by  VARCHAR NOT NULL,
    PRIMARY KEY (drill_id, n)
);

-- An inject is released once: a second release (a double click, two sessions releasing due
-- injects) meets the primary key and stores nothing.
CREATE TABLE IF NOT EXISTS inject_releases (
    drill_id     BIGINT NOT NULL REFERENCES drills (id),
    inject_id    VARCHAR NOT NULL,
    released_at  TIMESTAMPTZ NOT NULL,
    released_by  VARCHAR NOT NULL,
    auto         BOOLEAN NOT NULL,  -- released by the drill clock, not by hand
    clock_min    DOUBLE NOT NULL,   -- minutes on the drill clock at the release
    PRIMARY KEY (drill_id, inject_id)
);

-- Evaluator entries. The id is made by the client, so a retried tap is stored once.
CREATE TABLE IF NOT EXISTS observations (
    id           VARCHAR PRIMARY KEY,
    drill_id     BIGINT NOT NULL REFERENCES drills (id),
    kind         VARCHAR NOT NULL CHECK (kind IN ('item', 'free', 'undo', 'amendment', 'answer')),
    evaluator    VARCHAR NOT NULL,
    entered_at   TIMESTAMPTZ NOT NULL,
    happened_at  TIMESTAMPTZ NOT NULL,
    item_id      VARCHAR,
    rating       VARCHAR CHECK (rating IN ('done', 'partly', 'not_done', 'na')),
    quality      VARCHAR CHECK (quality IN ('P', 'S', 'M', 'U')),
    done_by      VARCHAR,
    note         VARCHAR NOT NULL,
    photo_id     VARCHAR,
    inject_id    VARCHAR,
    ref          VARCHAR,  -- the observation an undo withdraws or an amendment corrects
    reason       VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS photos (
    id              VARCHAR PRIMARY KEY,  -- made by the client, like observation ids
    drill_id        BIGINT NOT NULL REFERENCES drills (id),
    observation_id  VARCHAR,
    mime            VARCHAR NOT NULL,  -- sniffed from the bytes, never taken from the file name
    size            BIGINT NOT NULL,
    bytes           BLOB NOT NULL,
    uploaded_by     VARCHAR NOT NULL,
    uploaded_at     TIMESTAMPTZ NOT NULL
);

-- Proof of blindness: who could see the drill before its start, and when it was revealed.
CREATE TABLE IF NOT EXISTS reveal_log (
    id         BIGINT PRIMARY KEY DEFAULT nextval('reveal_id_seq'),
    drill_id   BIGINT NOT NULL REFERENCES drills (id),
    logged_at  TIMESTAMPTZ NOT NULL,
    who        VARCHAR NOT NULL,
    event      VARCHAR NOT NULL CHECK (event IN ('created', 'updated', 'sealed',
               'evaluator_access_granted', 'insider_added', 'insider_removed', 'viewed',
               'revealed')),
    detail     VARCHAR NOT NULL  -- JSON: who could see it from then on, how it was viewed...
);
