"""Running a drill: the director's clock (start = T0, pause, resume, end), inject releases by hand
or by the drill clock, the injects each person may see, and who plays which plan role.

Clock changes and releases are appended rows; a release is keyed by (drill, inject) and inserted
with ON CONFLICT DO NOTHING, so releasing twice, or from several sessions, schedulers or processes
at once, stores one release. The drill clock stamps a release with its due time, not the time it
ran, so a late or catching-up scheduler stores the same row an on-time one would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

import duckdb

from access.policy import Actor
from access.secrecy import InjectRecord, is_director, is_evaluator
from access.secrecy import visible_injects as secrecy_visible_injects
from db.connection import transaction
from db.drills_design import insert_people, read_injects
from db.drills_design_checks import resolve_people
from db.drills_lookup import (
    DrillFacts,
    Person,
    audit,
    known_facts,
    log_reveal,
    require_director,
    require_status,
    retrying,
)
from db.drills_roster import bump_roster
from db.drills_sealed_cache import facts_for_clock
from db.errors import NotFoundError, StoreError
from drills.clock import TRANSITIONS, DrillClock
from drills.model import Inject

SYSTEM_NAME = "system"  # who released an inject that the drill clock released


@dataclass(frozen=True)
class InjectView:
    """An inject as one person may see it: released_at is None until released. Only directors
    and evaluators see the items an inject is expected to set off (for the others, a script)."""

    inject: Inject
    released_at: datetime | None = None
    released_by: str | None = None
    auto: bool = False
    clock_min: float | None = None  # the drill clock at the release


def start_drill(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, *, now: datetime):
    """Start a sealed drill unannounced: `now` is T0. The reveal log records the reveal; the
    audit log receives the drill's history before the start, kept from it until now.

    Raises: NotFoundError; NotAllowedError unless a director; InvalidTransitionError.
    """
    _change_clock(conn, actor, drill_id, "start", now)


def pause_drill(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, *, now: datetime):
    """Stop the drill clock (running → paused). Raises: as start_drill."""
    _change_clock(conn, actor, drill_id, "pause", now)


def resume_drill(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, *, now: datetime):
    """Run the drill clock again (paused → running). Raises: as start_drill."""
    _change_clock(conn, actor, drill_id, "resume", now)


def end_drill(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, *, now: datetime):
    """End the drill (running or paused → ended): its observations are locked from now on,
    later corrections are amendments. Raises: as start_drill."""
    _change_clock(conn, actor, drill_id, "end", now)


def _change_clock(conn, actor: Actor, drill_id: int, kind: str, now: datetime) -> None:
    def write() -> None:
        with conn.cursor() as cur, transaction(cur):
            facts = known_facts(cur, actor, drill_id)
            require_director(actor, facts)
            allowed, target = TRANSITIONS[kind]
            require_status(facts, *allowed)
            # n is the event's number: a second session changing the clock at the same moment
            # writes the same key, fails, and on its retry meets the new status.
            cur.execute(
                "INSERT INTO drill_clock_events (drill_id, n, kind, happened_at, recorded_by)"
                " VALUES (?, ?, ?, ?, ?)",
                [drill_id, len(facts.clock_events) + 1, kind, now, actor.username],
            )
            view = {"status": target}
            if kind == "start":
                log_reveal(cur, drill_id, actor.username, "revealed", now)
                view = _history_view(cur, facts) | view
            audit(
                cur,
                actor,
                f"drill.{kind}",
                "drill",
                drill_id,
                now=now,
                before={"status": facts.status},
                after=view,
            )

    retrying(write)


def _history_view(cur, facts: DrillFacts) -> dict:
    n_items, n_injects = cur.execute(
        "SELECT (SELECT count(*) FROM checklist_items WHERE drill_id = ?),"
        " (SELECT count(*) FROM injects WHERE drill_id = ?)",
        [facts.id, facts.id],
    ).fetchone()
    return {
        "title": facts.title,
        "plan_id": facts.plan_id,
        "version_id": facts.version_id,
        "created_by": facts.created_by,
        "created_at": facts.created_at,
        "sealed_at": facts.sealed_at,
        "directors": sorted(facts.named("director")),
        "evaluation_leads": sorted(facts.named("evaluation_lead")),
        "evaluators": sorted(facts.named("evaluator")),
        "items": n_items,
        "injects": n_injects,
    }


def release_inject(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    inject_id: str,
    *,
    now: datetime,
    auto: bool = False,
) -> bool:
    """Release an inject to its roles now; True when this call released it, False when it was
    released before (a second click stores nothing).

    Raises: NotFoundError (drill or inject); NotAllowedError unless a director;
    InvalidTransitionError unless the drill is running or paused.
    """

    def write() -> bool:
        with conn.cursor() as cur, transaction(cur):
            facts = known_facts(cur, actor, drill_id)
            require_director(actor, facts)
            require_status(facts, "running", "paused")
            if not any(i.id == inject_id for i in read_injects(cur, drill_id)):
                raise NotFoundError("drills_store.inject_not_found", inject_id=inject_id)
            return bool(_release(cur, facts, [inject_id], actor.username, auto, now))

    return retrying(write)


def release_due_injects(
    conn: duckdb.DuckDBPyConnection, drill_id: int, *, now: datetime
) -> list[str]:
    """Release the timed injects of a running or paused drill whose due time (T0 + offset on the
    drill clock, pauses left out) is at or before `now`, each stamped with its due time; return
    the ids this call released, earliest due first. One transaction; an inject already released
    (by hand, another session, another scheduler) is left as it is, so each is released once.
    No actor: the drill clock releases them.

    Raises: NotFoundError for an unknown drill.
    """

    def write() -> list[str]:
        with conn.cursor() as cur, transaction(cur):
            facts, injects = facts_for_clock(conn, cur, drill_id)
            if facts.status not in ("running", "paused"):
                return []
            released = {
                r[0]
                for r in cur.execute(
                    "SELECT inject_id FROM inject_releases WHERE drill_id = ?", [drill_id]
                ).fetchall()
            }
            due = _due(facts.clock, injects, released, now)
            return _insert_releases(cur, facts.id, due)

    return retrying(write)


def _due(clock: DrillClock, injects, released: set[str], now: datetime) -> list[tuple]:
    """(inject id, due time, drill minute) of the timed injects not yet released whose due time
    has come, earliest first (then design order)."""
    due = []
    for position, inject in enumerate(injects):
        if inject.offset_min is None or inject.id in released:
            continue
        at = clock.at_minute(inject.offset_min)  # None: the clock has not reached it
        if at is not None and at <= now:
            due.append((at, position, inject.id, inject.offset_min))
    return [(inject_id, at, minute) for at, _, inject_id, minute in sorted(due)]


def _insert_releases(cur, drill_id: int, due: list[tuple]) -> list[str]:
    done = []
    for inject_id, at, minute in due:
        row = cur.execute(
            "INSERT INTO inject_releases (drill_id, inject_id, released_at, released_by, auto,"
            " clock_min) VALUES (?, ?, ?, ?, TRUE, ?) ON CONFLICT DO NOTHING RETURNING inject_id",
            [drill_id, inject_id, at, SYSTEM_NAME, minute],
        ).fetchone()
        if row is not None:
            done.append(inject_id)
    return done


def drills_with_timed_injects_pending(conn: duckdb.DuckDBPyConnection) -> list[int]:
    """The running or paused drills that have a timed inject not released yet (for the drill
    clock's scheduler, which then releases those that are due)."""
    with conn.cursor() as cur:
        rows = cur.execute(
            "SELECT DISTINCT i.drill_id FROM injects i"
            " WHERE i.offset_min IS NOT NULL"
            " AND EXISTS (SELECT 1 FROM drill_clock_events s"
            "  WHERE s.drill_id = i.drill_id AND s.kind = 'start')"
            " AND NOT EXISTS (SELECT 1 FROM drill_clock_events e"
            "  WHERE e.drill_id = i.drill_id AND e.kind = 'end')"
            " AND NOT EXISTS (SELECT 1 FROM inject_releases r"
            "  WHERE r.drill_id = i.drill_id AND r.inject_id = i.id)"
            " ORDER BY i.drill_id"
        ).fetchall()
    return [row[0] for row in rows]


def _release(cur, facts: DrillFacts, ids: list[str], by: str, auto: bool, now) -> list[str]:
    if not ids:
        return []
    minute = facts.clock.minute_of(now)
    rows = cur.execute(
        "INSERT INTO inject_releases (drill_id, inject_id, released_at, released_by, auto,"
        " clock_min) SELECT ?, unnest(?::VARCHAR[]), ?, ?, ?, ?"
        " ON CONFLICT DO NOTHING RETURNING inject_id",
        [facts.id, ids, now, by, auto, minute],
    ).fetchall()
    done = {row[0] for row in rows}
    return [i for i in ids if i in done]


def visible_injects(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> list[InjectView]:
    """The injects the actor may see (access/secrecy.py): directors all of them in design order,
    released or not; after the start, evaluators and overseers the released ones and a
    participant those released to a plan role they play, in order of release; nobody else any.

    Raises: NotFoundError (also for a drill the actor may not know of).
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        injects = read_injects(cur, drill_id)
        releases = {
            row[0]: row[1:]
            for row in cur.execute(
                "SELECT inject_id, released_at, released_by, auto, clock_min FROM inject_releases"
                " WHERE drill_id = ?",
                [drill_id],
            ).fetchall()
        }
    record = facts.record
    records = [
        InjectRecord(i.id, drill_id, releases.get(i.id, (None,))[0], frozenset(i.to_roles))
        for i in injects
    ]
    shown = {
        r.id for r in secrecy_visible_injects(actor, record, records, facts.share("participant"))
    }
    insider = is_director(actor, record) or is_evaluator(actor, record)
    views = [
        InjectView(i if insider else replace(i, expected_steps=()), *releases.get(i.id, ()))
        for i in injects
        if i.id in shown
    ]
    if is_director(actor, record):
        return views
    return sorted(views, key=lambda v: (v.released_at, v.clock_min or 0.0))


def set_participants(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    players: Mapping[str, Iterable[str]],
    *,
    now: datetime,
) -> None:
    """Say who plays which plan roles (user name -> plan role ids), replacing what was said
    (for seeding and the command line; the console changes role by role: db/drills_roster.py):
    it decides which released injects reach whom. Until the drill ends.

    Raises: NotFoundError; NotAllowedError unless a director; InvalidTransitionError once ended;
    StoreError drills_store.unknown_person, drills_store.design.unknown_role.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_director(actor, facts)
        require_status(facts, "designing", "sealed", "running", "paused")
        plan_roles = {
            r[0]
            for r in cur.execute(
                "SELECT id FROM roles WHERE version_id = ?", [facts.version_id]
            ).fetchall()
        }
        people = []
        for name, roles in players.items():
            roles = tuple(dict.fromkeys(roles))
            for role in roles:
                if role not in plan_roles:
                    raise StoreError("drills_store.design.unknown_role", ref=role)
            people.append(Person(name, "participant", roles))
        people = resolve_people(cur, people, facts.unit)
        cur.execute(
            "DELETE FROM drill_people WHERE drill_id = ? AND role = 'participant'", [drill_id]
        )
        insert_people(cur, drill_id, people)
        bump_roster(cur, actor, drill_id)
        if facts.status in ("running", "paused"):
            audit(
                cur,
                actor,
                "drill.participants",
                "drill",
                drill_id,
                now=now,
                after={p.username: list(p.roles) for p in people},
            )


__all__ = [
    "InjectView",
    "drills_with_timed_injects_pending",
    "end_drill",
    "pause_drill",
    "release_due_injects",
    "release_inject",
    "resume_drill",
    "set_participants",
    "start_drill",
    "visible_injects",
]
