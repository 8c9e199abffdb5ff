"""The database allows exactly the glossary's ids in every column it constrains to a closed set: read
from the CHECK constraints of a freshly migrated database, on DuckDB and on PostgreSQL."""

from __future__ import annotations

import re

from access.sessions import REASON_MESSAGES
from db import connection
from drills.model import OBSERVATION_KINDS
from drills.revision import FLAG_KINDS
from i18n import LANGUAGES
from i18n.glossary import (
    ACTION_STATUSES,
    CLOCK_EVENTS,
    DRILL_POSTS,
    DRILL_SCOPES,
    DRILL_TYPES,
    FINDING_CAUSES,
    FINDING_GRADES,
    FINDING_STATUSES,
    INJECT_KINDS,
    PERFORMED,
    QUALITY_MARKS,
    RATINGS,
    REVEAL_EVENTS,
    SCORE_DIMENSIONS,
    VERSION_STATUSES,
)

VOCABULARY_OF_COLUMN = {
    ("versions", "status"): VERSION_STATUSES,
    ("drills", "drill_type"): DRILL_TYPES,
    ("drills", "scope"): DRILL_SCOPES,
    ("drill_people", "role"): DRILL_POSTS,
    ("injects", "kind"): INJECT_KINDS,
    ("drill_clock_events", "kind"): CLOCK_EVENTS,
    ("reveal_log", "event"): REVEAL_EVENTS,
    ("observations", "rating"): RATINGS,
    ("observations", "quality"): QUALITY_MARKS,
    ("conflict_settlements", "outcome"): RATINGS,
    ("drill_item_outcomes", "outcome"): PERFORMED,
    ("rating_overrides", "rating"): QUALITY_MARKS,
    ("objective_ratings", "rating"): QUALITY_MARKS,
    ("drill_scores", "dimension"): SCORE_DIMENSIONS,
    ("findings", "cause"): FINDING_CAUSES,
    ("findings", "grade"): FINDING_GRADES,
    ("findings", "status"): FINDING_STATUSES,
    ("corrective_actions", "status"): ACTION_STATUSES,
    # sets nobody reads as words: the code's own constants, or the store's alone
    ("observations", "kind"): OBSERVATION_KINDS,
    ("plan_revision_flags", "kind"): FLAG_KINDS,
    ("sessions", "revoke_reason"): tuple(REASON_MESSAGES),
    ("evaluation_texts", "lang"): LANGUAGES,
    ("step_owners", "kind"): ("owner", "support"),
    ("login_attempts", "reason"): ("ok", "bad_credentials", "locked", "disabled", "reset"),
}

DUCKDB_CHECKS = (
    "SELECT table_name, constraint_column_names[1], constraint_text FROM duckdb_constraints()"
    " WHERE constraint_type = 'CHECK' AND len(constraint_column_names) = 1"
)
POSTGRES_CHECKS = (
    "SELECT rel.relname, att.attname, pg_get_constraintdef(con.oid)"
    " FROM pg_constraint con"
    " JOIN pg_class rel ON rel.oid = con.conrelid"
    " JOIN pg_namespace ns ON ns.oid = rel.relnamespace"
    " JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]"
    " WHERE con.contype = 'c' AND ns.nspname = 'public' AND cardinality(con.conkey) = 1"
)
QUOTED = re.compile(r"'((?:[^']|'')*)'")


def allowed_values(conn, engine: str) -> dict[tuple[str, str], set[str]]:
    """Each column whose CHECK names quoted strings (a closed set) -> those strings."""
    rows = conn.execute(DUCKDB_CHECKS if engine == "duckdb" else POSTGRES_CHECKS).fetchall()
    found: dict[tuple[str, str], set[str]] = {}
    for table, column, text in rows:
        values = {v.replace("''", "'") for v in QUOTED.findall(text)}
        if values:
            found.setdefault((table, column), set()).update(values)
    return found


def test_each_closed_column_allows_exactly_the_ids_of_its_vocabulary(database):
    engine = "duckdb" if not str(database).startswith("postgresql") else "postgres"
    conn = connection.connect(database)
    try:
        found = allowed_values(conn, engine)
    finally:
        conn.close()
    assert set(found) == set(VOCABULARY_OF_COLUMN), set(found) ^ set(VOCABULARY_OF_COLUMN)
    differ = {
        column: (sorted(found[column]), sorted(ids))
        for column, ids in VOCABULARY_OF_COLUMN.items()
        if found[column] != set(ids)
    }
    assert not differ, differ


def test_the_reading_of_constraints_sees_each_quoted_value():
    duckdb = "CHECK((\"role\" IN ('director', 'evaluation_lead', 'it''s')))"
    postgres = (
        "CHECK (((status)::text = ANY ((ARRAY['open'::character varying, "
        "'done'::character varying])::text[])))"
    )
    assert {v.replace("''", "'") for v in QUOTED.findall(duckdb)} == {
        "director",
        "evaluation_lead",
        "it's",
    }
    assert set(QUOTED.findall(postgres)) == {"open", "done"}
