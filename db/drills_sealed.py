"""The facts of sealed drills, kept per connection for the evaluators' taps.

Sealing freezes a drill's row, its directors, evaluators and checklist: nothing in db/ changes
them afterwards and rows are never deleted, so once read they are kept for as long as the
connection lives (one process writes the file: no other process can change them behind it).
The clock is read afresh every time. Participants may still change after sealing and are left
out: callers that need them read the full facts (drills_facts.fetch_facts).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

import duckdb

from access.policy import Actor
from access.secrecy import can_know_drill_exists
from db.drills_facts import DrillFacts, drill_not_found, fetch_facts
from drills.model import ClockEvent

ItemRoles = Mapping[str, tuple[str, ...]]  # checklist item id -> plan role ids
_KEPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def known_sealed_facts(
    conn: duckdb.DuckDBPyConnection, cur: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> tuple[DrillFacts, ItemRoles]:
    """(facts without participants, checklist item roles) of a drill the actor may know of,
    read on `cur` in the caller's transaction; once sealed, only its clock is read again.

    Raises: NotFoundError, the same for a drill one may not know of as for a missing id.
    """
    with _LOCK:
        kept = _KEPT.get(conn, {}).get(drill_id)
    if kept is None:
        facts = fetch_facts(cur, drill_id)
        rows = cur.execute(
            "SELECT id, roles FROM checklist_items WHERE drill_id = ?", [drill_id]
        ).fetchall()
        items = MappingProxyType({item_id: tuple(roles) for item_id, roles in rows})
        if facts.sealed_at is not None:
            people = tuple(p for p in facts.people if p.role != "participant")
            with _LOCK:
                _KEPT.setdefault(conn, {})[drill_id] = (
                    replace(facts, clock_events=(), people=people),
                    items,
                )
    else:
        static, items = kept
        facts = replace(static, clock_events=_clock(cur, drill_id))
    if not can_know_drill_exists(actor, facts.record):
        raise drill_not_found(drill_id)
    return facts, items


def _clock(cur: duckdb.DuckDBPyConnection, drill_id: int) -> tuple[ClockEvent, ...]:
    rows = cur.execute(
        "SELECT kind, happened_at, recorded_by FROM drill_clock_events WHERE drill_id = ?"
        " ORDER BY n",
        [drill_id],
    ).fetchall()
    return tuple(ClockEvent(kind, happened_at, by) for kind, happened_at, by in rows)


__all__ = ["ItemRoles", "known_sealed_facts"]
