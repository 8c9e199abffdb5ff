"""The facts of sealed drills, kept per connection for the evaluators' taps.

Sealing freezes a drill's row, its directors, evaluators and checklist: nothing in db/ changes
them afterwards and rows are never deleted, so once read they are kept for as long as the
connection lives. That holds for every writer, so it holds for several app instances sharing
one PostgreSQL database too: none of them can change what another keeps.
The clock is read afresh every time (with a tapped observation's id, in the same query).
Participants may still change after sealing and are left out: callers that need them read the
full facts (drills_lookup.fetch_facts).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

import duckdb

from access.policy import Actor
from access.secrecy import can_know_drill_exists
from db.connection import transaction
from db.drills_design import read_injects
from db.drills_lookup import DrillFacts, drill_not_found, fetch_facts
from drills.model import ClockEvent, Inject

ItemRoles = Mapping[str, tuple[str, ...]]  # checklist item id -> plan role ids
_KEPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # conn -> {drill id: _Kept}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Kept:
    facts: DrillFacts  # without clock events and participants
    items: ItemRoles
    injects: tuple[Inject, ...]


def facts_for_tap(
    conn: duckdb.DuckDBPyConnection,
    cur: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    observation_id: str,
) -> tuple[DrillFacts, ItemRoles, tuple | None]:
    """(facts without participants, checklist item roles, the (drill id, evaluator) of the
    observation `observation_id` if stored) for a drill the actor may know of. Once the drill is
    sealed this is one query (its clock and the id), which keeps a tap short.

    Raises: NotFoundError, the same for a drill one may not know of as for a missing id.
    """
    kept = _kept(conn, drill_id)
    if kept is None:
        with transaction(cur):
            kept = _read(conn, cur, drill_id)
            existing = cur.execute(
                "SELECT drill_id, evaluator FROM observations WHERE id = ?", [observation_id]
            ).fetchone()
        facts = kept.facts
    else:
        events, existing = _clock_and_observation(cur, drill_id, observation_id)
        facts = replace(kept.facts, clock_events=events)
    if not can_know_drill_exists(actor, facts.record):
        raise drill_not_found(drill_id)
    return facts, kept.items, existing


def facts_for_clock(
    conn: duckdb.DuckDBPyConnection, cur: duckdb.DuckDBPyConnection, drill_id: int
) -> tuple[DrillFacts, tuple[Inject, ...]]:
    """(facts without participants, injects) with the clock read afresh, in the caller's
    transaction; no actor: for the drill clock's own work (releasing due injects).

    Raises: NotFoundError for an unknown drill.
    """
    kept = _kept(conn, drill_id)
    if kept is None:
        kept = _read(conn, cur, drill_id)
        return kept.facts, kept.injects
    events, _ = _clock_and_observation(cur, drill_id, "")
    return replace(kept.facts, clock_events=events), kept.injects


def _kept(conn, drill_id: int) -> _Kept | None:
    with _LOCK:
        return _KEPT.get(conn, {}).get(drill_id)


def _read(conn, cur, drill_id: int) -> _Kept:
    """The full facts (clock and participants included), kept without them once sealed; in
    the caller's transaction."""
    facts = fetch_facts(cur, drill_id)
    rows = cur.execute("SELECT id, roles FROM checklist_items WHERE drill_id = ?", [drill_id])
    rows = rows.fetchall()
    injects = read_injects(cur, drill_id)
    items = MappingProxyType({item_id: tuple(roles) for item_id, roles in rows})
    if facts.sealed_at is not None:
        people = tuple(p for p in facts.people if p.role != "participant")
        static = replace(facts, clock_events=(), people=people)
        with _LOCK:
            _KEPT.setdefault(conn, {})[drill_id] = _Kept(static, items, injects)
    return _Kept(facts, items, injects)


def _clock_and_observation(cur, drill_id: int, observation_id: str):
    rows = cur.execute(
        "SELECT n, kind, happened_at, recorded_by, NULL, NULL FROM drill_clock_events"
        " WHERE drill_id = ?"
        " UNION ALL SELECT NULL, NULL, NULL, NULL, drill_id, evaluator FROM observations"
        " WHERE id = ?",
        [drill_id, observation_id],
    ).fetchall()
    events = sorted((r for r in rows if r[0] is not None), key=lambda r: r[0])
    existing = next((r[4:] for r in rows if r[0] is None), None)
    return tuple(ClockEvent(kind, at, by) for _, kind, at, by, _, _ in events), existing


__all__ = ["ItemRoles", "facts_for_clock", "facts_for_tap"]
