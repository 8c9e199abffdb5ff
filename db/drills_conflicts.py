"""Conflicts between evaluators, read from the observations (drills/conflicts.py finds them), and
the settlements of the evaluation lead or director, appended and audited.

Who sees what: the drill's directors and evaluation leads (and its overseers once it ended) see
every conflict and settlement; an evaluator sees those their own entries are part of, with the
other evaluators' entries on that item (an item both of them watch). Participants see nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

import duckdb

from access.errors import NotAllowedError
from access.policy import Actor, action_resource, allowed, require
from access.secrecy import is_evaluator
from db.connection import transaction
from db.drills_design import read_checklist
from db.drills_lookup import DrillFacts, audit, known_facts, require_status, sees_whole_record
from db.drills_observations import COLUMNS
from db.errors import StoreError
from db.users_records import display_names
from drills import conflicts as rules
from drills.conflicts import (
    Conflict,
    SettledConflict,
    Settlement,
    find_conflicts,
    item_entries,
    settlement_of,
)
from drills.model import Observation
from drills.state import DrillState, fold
from i18n.glossary import RATINGS

MAX_REASON = 4000
_SETTLEMENT_COLUMNS = "item_id, entry_ids, outcome, reason, settled_by, settled_at"


@dataclass(frozen=True)
class ConflictBoard:
    """What one person sees of a drill's conflicts: the open ones and the settled ones (each
    item's latest settlement), item names, display names of the evaluators and settlers, and
    whether this person may settle."""

    open: tuple[Conflict, ...]
    settled: tuple[SettledConflict, ...]
    items: Mapping[str, str] = field(default_factory=dict)  # item id -> name
    names: Mapping[str, str] = field(default_factory=dict)  # user name -> display name
    may_settle: bool = False

    def name(self, username: str) -> str:
        return self.names.get(username) or username


def settle_resource(facts: DrillFacts) -> dict:
    """The policy's resource for settling (access.policy: drill.settle_conflict)."""
    return action_resource(facts.unit, facts.named("director") | facts.named("evaluation_lead"))


def conflict_board(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> ConflictBoard:
    """The conflicts the actor may see (see the module docstring).

    Raises: NotFoundError (also for a drill the actor may not know of); NotAllowedError for
    someone who is neither an evaluator of it nor reads its whole record.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        whole = sees_whole_record(actor, facts)
        if not whole and not is_evaluator(actor, facts.record):
            raise NotAllowedError("drills_store.not_evaluator", action="drill.read_observations")
        state, settlements, items = _record(cur, facts)
        conflicts = find_conflicts(item_entries(state))
        open_ = [c for c in conflicts if settlement_of(c, settlements) is None]
        settled = rules.settled_conflicts(state, settlements)
        if not whole:
            open_ = [c for c in open_ if c.involves(actor.username)]
            settled = [s for s in settled if s.involves(actor.username)]
        people = {e.evaluator for c in open_ for e in c.entries}
        people |= {e.evaluator for s in settled for e in s.entries}
        people |= {s.settled_by for s in settled}
        names = display_names(cur, people)
    shown = {c.item_id for c in open_} | {s.item_id for s in settled}
    return ConflictBoard(
        open=tuple(open_),
        settled=tuple(settled),
        items=MappingProxyType({i.id: i.name for i in items if i.id in shown}),
        names=MappingProxyType(names),
        may_settle=allowed(actor, "drill.settle_conflict", settle_resource(facts))
        and facts.status in ("running", "paused", "ended"),
    )


def settle_conflict(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    item_id: str,
    entry_ids: Sequence[str],
    outcome: str,
    reason: str,
    *,
    now: datetime,
) -> bool:
    """Settle the open conflict on `item_id` whose entries are `entry_ids` (those the lead was
    shown) with the outcome that stands and why; True once stored, False when exactly that
    conflict was settled already (a second click).

    Raises: NotFoundError; NotAllowedError unless a director or evaluation lead of the drill;
    InvalidTransitionError before the start; StoreError drills_conflicts.no_reason,
    drills_conflicts.bad_outcome, drills_conflicts.too_long, drills_conflicts.not_open (the
    entries agree now), drills_conflicts.changed (entries came or went since it was shown).
    """
    reason = (reason or "").strip()
    if outcome not in RATINGS:
        raise StoreError("drills_conflicts.bad_outcome", outcome=str(outcome))
    if not reason:
        raise StoreError("drills_conflicts.no_reason")
    if len(reason) > MAX_REASON:
        raise StoreError("drills_conflicts.too_long", limit=MAX_REASON)
    wanted = tuple(sorted(entry_ids))
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require(actor, "drill.settle_conflict", settle_resource(facts))
        require_status(facts, "running", "paused", "ended")
        state, settlements, _ = _record(cur, facts)
        conflict = next(
            (c for c in find_conflicts(item_entries(state)) if c.item_id == item_id), None
        )
        if conflict is None:
            raise StoreError("drills_conflicts.not_open", item_id=item_id)
        if conflict.entry_ids != wanted:
            raise StoreError("drills_conflicts.changed", item_id=item_id)
        if settlement_of(conflict, settlements) is not None:
            return False
        cur.execute(
            f"INSERT INTO conflict_settlements (drill_id, {_SETTLEMENT_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [drill_id, item_id, list(wanted), outcome, reason, actor.username, now],
        )
        before = {
            "item_id": item_id,
            "entries": [
                {"id": e.id, "evaluator": e.evaluator, "rating": e.rating} for e in conflict.entries
            ],
        }
        audit(
            cur,
            actor,
            "drill.settle_conflict",
            "drill",
            drill_id,
            now=now,
            before=before,
            after={"item_id": item_id, "outcome": outcome, "reason": reason},
        )
    return True


def settled_conflicts(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> list[SettledConflict]:
    """Every item's latest settlement with the entries it settled as they stand now, in the
    order settled: for the evaluation report (item id, entries, outcome, reason, settled_by,
    settled_at). For those who read the drill's whole record.

    Raises: NotFoundError; NotAllowedError for anyone else.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        if not sees_whole_record(actor, facts):
            raise NotAllowedError("drills_store.not_director", action="drill.read_record")
        state, settlements, _ = _record(cur, facts)
    return rules.settled_conflicts(state, settlements)


def _record(cur, facts: DrillFacts) -> tuple[DrillState, list[Settlement], tuple]:
    """The drill's item entries folded (undo and amendments applied), its settlements and its
    checklist."""
    items = read_checklist(cur, facts.id)
    rows = cur.execute(
        f"SELECT {', '.join(COLUMNS)} FROM observations WHERE drill_id = ?"
        " AND kind IN ('item', 'undo', 'amendment') ORDER BY entered_at, id",
        [facts.id],
    ).fetchall()
    state = fold(items, [Observation(*row) for row in rows], facts.clock)
    return state, read_settlements(cur, facts.id), items


def read_settlements(cur, drill_id: int) -> list[Settlement]:
    rows = cur.execute(
        f"SELECT {_SETTLEMENT_COLUMNS} FROM conflict_settlements WHERE drill_id = ?"
        " ORDER BY settled_at, id",
        [drill_id],
    ).fetchall()
    return [Settlement(item, tuple(ids), *rest) for item, ids, *rest in rows]


__all__ = [
    "ConflictBoard",
    "conflict_board",
    "read_settlements",
    "settle_conflict",
    "settle_resource",
    "settled_conflicts",
]
