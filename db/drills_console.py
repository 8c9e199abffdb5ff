"""What the director's console reads: the drill's timeline (clock, inject releases,
observations), each evaluator's last activity, and the reveal log (proof of blindness)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import duckdb

from access.errors import NotAllowedError
from access.policy import Actor
from access.secrecy import is_director
from db.connection import transaction
from db.drills_lookup import DrillFacts, known_facts, sees_whole_record
from db.drills_observations import COLUMNS
from drills.model import Observation, RevealEvent


@dataclass(frozen=True)
class DrillEvent:
    """One point of the timeline. `kind`: start, pause, resume, end, release, observation;
    `minute` is the drill clock at `happened_at`; `ref` the inject or observation id."""

    happened_at: datetime
    minute: float
    kind: str
    by: str
    ref: str | None = None
    observation: Observation | None = None
    auto: bool = False


@dataclass(frozen=True)
class EvaluatorActivity:
    """An evaluator (or evaluation lead) of the drill, their share and their last entry."""

    username: str
    role: str
    roles: tuple[str, ...]
    places: tuple[str, ...]
    entries: int
    last_entered_at: datetime | None
    last_observation_id: str | None


def _require_record_reader(actor: Actor, facts: DrillFacts) -> None:
    if not sees_whole_record(actor, facts):
        raise NotAllowedError("drills_store.not_director", action="drill.read_record")


def drill_events(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, *, since: datetime | None = None
) -> list[DrillEvent]:
    """The timeline in order of time (observations at when they happened), optionally only what
    was entered after `since`; for the directors and evaluation leads (overseers once ended).

    Raises: NotFoundError; NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        _require_record_reader(actor, facts)
        releases = cur.execute(
            "SELECT inject_id, released_at, released_by, auto FROM inject_releases"
            " WHERE drill_id = ? AND (?::TIMESTAMPTZ IS NULL OR released_at > ?)",
            [drill_id, since, since],
        ).fetchall()
        rows = cur.execute(
            f"SELECT {', '.join(COLUMNS)} FROM observations WHERE drill_id = ?"
            " AND (?::TIMESTAMPTZ IS NULL OR entered_at > ?) ORDER BY entered_at, id",
            [drill_id, since, since],
        ).fetchall()
    clock = facts.clock
    events = [
        DrillEvent(e.at, clock.minute_of(e.at), e.kind, e.by)
        for e in facts.clock_events
        if since is None or e.at > since
    ]
    events += [
        DrillEvent(at, clock.minute_of(at), "release", by, inject_id, auto=auto)
        for inject_id, at, by, auto in releases
    ]
    for row in rows:
        obs = Observation(*row)
        events.append(
            DrillEvent(
                obs.happened_at,
                clock.minute_of(obs.happened_at),
                "observation",
                obs.evaluator,
                obs.id,
                obs,
            )
        )
    return sorted(events, key=lambda e: (e.happened_at, e.kind != "start"))


def evaluator_activity(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> list[EvaluatorActivity]:
    """Every evaluator and evaluation lead of the drill with their number of entries and their
    last one (None: nothing yet), leads first, then by name.

    Raises: NotFoundError; NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        _require_record_reader(actor, facts)
        last = {
            row[0]: row[1:]
            for row in cur.execute(
                "SELECT evaluator, count(*), max(entered_at),"
                " (array_agg(id ORDER BY entered_at DESC NULLS LAST))[1]"
                " FROM observations WHERE drill_id = ? GROUP BY evaluator",
                [drill_id],
            ).fetchall()
        }
    people = [p for p in facts.people if p.role in ("evaluation_lead", "evaluator")]
    people.sort(key=lambda p: (p.role != "evaluation_lead", p.username))
    return [
        EvaluatorActivity(
            p.username, p.role, p.roles, p.places, *last.get(p.username, (0, None, None))
        )
        for p in people
    ]


def reveal_log(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> list[RevealEvent]:
    """Who could see the drill before its start and when it was revealed, oldest first: for its
    directors; after the start also for its evaluation leads (and its overseers once ended), as
    the evaluation report's proof of blindness.

    Raises: NotFoundError; NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        started = facts.status in ("running", "paused", "ended")
        if not (is_director(actor, facts.record) or (started and sees_whole_record(actor, facts))):
            raise NotAllowedError("drills_store.not_director", action="drill.read_record")
        rows = cur.execute(
            "SELECT event, logged_at, who, detail FROM reveal_log WHERE drill_id = ? ORDER BY id",
            [drill_id],
        ).fetchall()
    return [
        RevealEvent(kind, logged_at, who, json.loads(detail or "{}").get("by", who), detail or "")
        for kind, logged_at, who, detail in rows
    ]


__all__ = [
    "DrillEvent",
    "EvaluatorActivity",
    "drill_events",
    "evaluator_activity",
    "reveal_log",
]
