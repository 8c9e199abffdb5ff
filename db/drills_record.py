"""What the evaluation documents need of an ended drill beyond its observations: the people's
display names (documents never show login names), the photos taken, and the plan version's
number, for those who read the drill's whole record only; and which drills of a unit have ended,
for the system's rescoring when the unit's weights change."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from access.errors import NotAllowedError
from access.policy import Actor
from db.connection import transaction
from db.drills_lookup import fetch_many, known_facts, sees_whole_record


@dataclass(frozen=True)
class Photo:
    id: str
    mime: str
    data: bytes = field(repr=False)
    observation_id: str | None = None
    uploaded_by: str = ""


@dataclass(frozen=True)
class RecordExtras:
    names: dict[str, str]  # user name -> display name (the user name when none is set)
    photos: dict[str, Photo]  # photo id -> photo
    version_number: int | None = None


def record_extras(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> RecordExtras:
    """Display names of everyone named in the drill or its record, its photos and the number of
    its plan version.

    Raises: NotFoundError; NotAllowedError unless the actor reads the whole record.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        if not sees_whole_record(actor, facts):
            raise NotAllowedError("drills_store.not_evaluator", action="drill.read_observations")
        rows = cur.execute(
            "SELECT username, display_name FROM users WHERE username IN ("
            " SELECT username FROM drill_people WHERE drill_id = ?"
            " UNION SELECT evaluator FROM observations WHERE drill_id = ?"
            " UNION SELECT recorded_by FROM drill_clock_events WHERE drill_id = ?)",
            [drill_id, drill_id, drill_id],
        ).fetchall()
        photos = cur.execute(
            "SELECT id, mime, bytes, observation_id, uploaded_by FROM photos WHERE drill_id = ?"
            " ORDER BY uploaded_at, id",
            [drill_id],
        ).fetchall()
        number = cur.execute(
            "SELECT number FROM versions WHERE id = ?", [facts.version_id]
        ).fetchone()
    return RecordExtras(
        names={user: (shown or "").strip() or user for user, shown in rows},
        photos={p[0]: Photo(p[0], p[1], bytes(p[2]), p[3], p[4]) for p in photos},
        version_number=number[0] if number else None,
    )


def ended_drills(
    conn: duckdb.DuckDBPyConnection, unit: str | None = None, *, unscored: bool = False
) -> list[int]:
    """The ids of the ended drills (of `unit`, None: every unit; `unscored`: only those without
    stored scores), oldest first: the system's own read (no actor), for results that follow
    the unit's area weights and for catching up with drills ended before results were kept."""
    with conn.cursor() as cur, transaction(cur):
        ids = [
            row[0]
            for row in cur.execute(
                "SELECT DISTINCT d.id FROM drills d JOIN drill_clock_events e ON e.drill_id = d.id"
                " WHERE e.kind = 'end' AND (?::VARCHAR IS NULL OR d.unit = ?)"
                " AND (NOT ?::BOOLEAN"
                "      OR NOT EXISTS (SELECT 1 FROM drill_scores s WHERE s.drill_id = d.id))",
                [unit, unit, unscored],
            ).fetchall()
        ]
        return sorted(f.id for f in fetch_many(cur, ids) if f.status == "ended")


__all__ = ["Photo", "RecordExtras", "ended_drills", "record_extras"]
