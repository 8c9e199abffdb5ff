"""The facts of a drill that every drill store call starts from: its row, seal, clock and people,
folded into the status; what the access policy is told about it (who may know of it and do what
with it is decided in access/).

A drill the actor may not know of is reported exactly like a missing id. The record rows
(clock, releases, observations, reveal log) are appended, never changed; writes that two
sessions may make at once are retried, and a retry meets the first write's primary key.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TypeVar

import duckdb

from access import policy
from access.drill_rights import drill_resource
from access.policy import Actor
from access.secrecy import DrillRecord, is_evaluation_lead
from db import audit_store
from db.errors import InvalidTransitionError, NotFoundError, StoreError
from drills.clock import DrillClock, clock_from
from drills.model import ClockEvent

T = TypeVar("T")
_DRILL_COLUMNS = (
    "d.id, d.plan_id, d.version_id, d.unit, d.revision, d.title, d.drill_type, d.scope,"
    " d.participating_roles, d.evaluators_see_before_start, d.created_by, d.created_at,"
    " d.template_of, d.planned_start, d.planned_end, s.sealed_at"
)
_FROM = " FROM drills d LEFT JOIN drill_seals s ON s.drill_id = d.id"


@dataclass(frozen=True)
class Person:
    """Someone named in a drill: director, evaluation lead, evaluator (with their share of plan
    roles and places) or participant (with the plan roles they play)."""

    username: str
    role: str
    roles: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class DrillFacts:
    id: int
    plan_id: int
    version_id: int
    unit: str
    revision: int
    title: str
    drill_type: str
    scope: str
    participating_roles: tuple[str, ...]
    evaluators_see_before_start: bool
    created_by: str
    created_at: datetime
    template_of: int | None
    planned_start: datetime | None
    planned_end: datetime | None
    sealed_at: datetime | None
    clock_events: tuple[ClockEvent, ...] = ()
    people: tuple[Person, ...] = ()

    @cached_property
    def clock(self) -> DrillClock:
        return clock_from(self.clock_events)

    @property
    def status(self) -> str:
        if self.sealed_at is None:
            return "designing"
        return self.clock.status

    def named(self, role: str) -> frozenset[str]:
        return frozenset(p.username for p in self.people if p.role == role)

    def share(self, role: str) -> dict[str, tuple[str, ...]]:
        """username -> plan roles, for the people of `role` (evaluator or participant)."""
        return {p.username: p.roles for p in self.people if p.role == role}

    @cached_property
    def record(self) -> DrillRecord:
        """What the secrecy rules are told about the drill."""
        return DrillRecord(
            id=self.id,
            plan_unit=self.unit,
            status=self.status,
            directors=self.named("director"),
            evaluators=self.named("evaluator"),
            evaluation_leads=self.named("evaluation_lead"),
            evaluators_see_before_start=self.evaluators_see_before_start,
            participant_roles=frozenset(self.participating_roles),
        )

    def resource(self, **more) -> dict:
        """What the access policy is told about the drill (access.drill_rights.drill_resource);
        `more` adds what one action reads (author, inject, item_roles...)."""
        return drill_resource(self.record, participants=self.named("participant"), **more)


def fetch_facts(cur: duckdb.DuckDBPyConnection, drill_id: int) -> DrillFacts:
    """Raises: NotFoundError for an unknown id."""
    found = fetch_many(cur, [drill_id])
    if not found:
        raise drill_not_found(drill_id)
    return found[0]


def fetch_many(cur: duckdb.DuckDBPyConnection, drill_ids: list[int] | None) -> list[DrillFacts]:
    """The facts of the given drills (None: all), newest first, in three queries."""
    where, params = "", []
    if drill_ids is not None:
        try:
            params = [[int(i) for i in drill_ids]]
        except (TypeError, ValueError):
            return []  # an id that is no number names no drill
        where = " WHERE d.id = ANY(?)"
    rows = cur.execute(f"SELECT {_DRILL_COLUMNS}{_FROM}{where} ORDER BY d.id DESC", params)
    rows = rows.fetchall()
    if not rows:
        return []
    wanted = [row[0] for row in rows]
    clocks: dict[int, list[ClockEvent]] = {}
    for drill_id, kind, happened_at, by in cur.execute(
        "SELECT drill_id, kind, happened_at, recorded_by FROM drill_clock_events"
        " WHERE drill_id = ANY(?) ORDER BY drill_id, n",
        [wanted],
    ).fetchall():
        clocks.setdefault(drill_id, []).append(ClockEvent(kind, happened_at, by))
    people: dict[int, list[Person]] = {}
    for drill_id, username, role, roles, places in cur.execute(
        "SELECT drill_id, username, role, share_roles, share_places FROM drill_people"
        " WHERE drill_id = ANY(?) ORDER BY drill_id, role, position",
        [wanted],
    ).fetchall():
        people.setdefault(drill_id, []).append(Person(username, role, tuple(roles), tuple(places)))
    return [
        DrillFacts(
            *row[:8],
            tuple(json.loads(row[8])),
            *row[9:],
            clock_events=tuple(clocks.get(row[0], ())),
            people=tuple(people.get(row[0], ())),
        )
        for row in rows
    ]


def drill_not_found(drill_id) -> NotFoundError:
    return NotFoundError("drills_store.not_found", drill_id=drill_id)


def known_facts(cur: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> DrillFacts:
    """The drill's facts, if the secrecy rules let the actor know it exists.

    Raises: NotFoundError, the same for a drill one may not know of as for a missing id.
    """
    facts = fetch_facts(cur, drill_id)
    if not policy.allowed(actor, "drill.know", facts.resource()):
        raise drill_not_found(drill_id)
    return facts


def require_drill(actor: Actor, action: str, facts: DrillFacts, **more) -> None:
    """Raises: NotAllowedError (its key says who may) unless the policy allows `action` on the
    drill; `more` adds what the action reads (author, item_roles...)."""
    policy.require(actor, action, facts.resource(**more))


def may(actor: Actor, action: str, facts: DrillFacts, **more) -> bool:
    """Whether the policy allows `action` on the drill (what a page may offer)."""
    return policy.allowed(actor, action, facts.resource(**more))


def require_director(actor: Actor, facts: DrillFacts) -> None:
    """Raises: NotAllowedError unless the actor directs the drill (drill.direct)."""
    require_drill(actor, "drill.direct", facts)


def is_lead(actor: Actor, facts: DrillFacts) -> bool:
    """Whether the actor is named an evaluation lead of the drill (a fact, not a right)."""
    return is_evaluation_lead(actor, facts.record)


def sees_whole_record(actor: Actor, facts: DrillFacts) -> bool:
    """Who may read every observation, the timeline and the reveal log (drill.read_record)."""
    return may(actor, "drill.read_record", facts)


def require_status(facts: DrillFacts, *allowed: str) -> None:
    """Raises: InvalidTransitionError naming the status when it is not one of `allowed`."""
    if facts.status not in allowed:
        raise InvalidTransitionError(
            f"drills_store.status_{facts.status}", drill_id=facts.id, status=facts.status
        )


def log_reveal(cur, drill_id: int, who: str, event: str, now, **detail) -> None:
    """Append one reveal-log row (proof of blindness) in the caller's transaction."""
    cur.execute(
        "INSERT INTO reveal_log (drill_id, logged_at, who, event, detail)"
        " VALUES (?, coalesce(?::TIMESTAMPTZ, current_timestamp), ?, ?, ?)",
        [drill_id, now, who, event, _json(detail)],
    )


def log_view(cur, facts: DrillFacts, actor: Actor, now, how: str, window_min: int = 60) -> None:
    """Log that someone read a drill before its start ("viewed"; `how`: opened, exported,
    copied), at most once per `window_min` minutes per person and way (pages re-run every few
    seconds)."""
    if facts.status not in ("designing", "sealed"):
        return
    detail = _json({"how": how, "status": facts.status})
    seen = cur.execute(
        "SELECT count(*) FROM reveal_log WHERE drill_id = ? AND who = ? AND event = 'viewed'"
        " AND detail = ? AND logged_at > coalesce(?::TIMESTAMPTZ, current_timestamp)"
        " - ? * INTERVAL '1 minute'",
        [facts.id, actor.username, detail, now, window_min],
    ).fetchone()[0]
    if not seen:
        log_reveal(cur, facts.id, actor.username, "viewed", now, how=how, status=facts.status)


def audit(cur, actor: Actor, action: str, entity: str, entity_id, *, now, **views) -> None:
    """One audit-log row in the caller's transaction, for a drill or an observation."""
    audit_store.record(cur, actor, action, entity, entity_id, now=now, **views)


def retrying(write: Callable[[], T], attempts: int = 8) -> T:
    """Run a write transaction; when another session's concurrent write of the same key made it
    fail, run it again: it then sees that write (and, being idempotent, stores nothing twice).

    Raises: the last StoreError when every attempt met a conflict.
    """
    for attempt in range(attempts):
        try:
            return write()
        except StoreError as exc:
            if attempt == attempts - 1 or not _conflict(exc):
                raise
            time.sleep(0.001 * (attempt + 1))
    raise AssertionError("unreachable")


def _conflict(exc: StoreError) -> bool:
    detail = str(exc.params.get("detail", ""))
    return exc.key in ("db.write_conflict", "db.constraint") or (
        "constraint violation" in detail or "Conflict" in detail
    )


def _json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


__all__ = [
    "DrillFacts",
    "Person",
    "audit",
    "drill_not_found",
    "fetch_facts",
    "fetch_many",
    "is_lead",
    "known_facts",
    "log_reveal",
    "log_view",
    "may",
    "require_director",
    "require_drill",
    "require_status",
    "retrying",
    "sees_whole_record",
]
