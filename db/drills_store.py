"""The drill store: designing, sealing, listing and copying drills; re-exports running them
(db/drills_run.py), observations and photos (db/drills_observations.py) and the director's
console (db/drills_console.py), so pages and tools need only this module.

Every call consults access/secrecy.py: a drill the actor may not know of is reported exactly like
a missing id, and a participant learns nothing of a drill before its start, not even a count.
Before the start, changes and reads of a drill go only into its reveal log (proof of
blindness, read by its directors): the audit log is read by admins, from whom a drill is as
secret as from anyone not directing it. The start writes the drill's history so far to the audit
log; every change after it (clock, amendments) is audited in the transaction of the change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import duckdb

from access.policy import SYSTEM, Actor
from access.secrecy import can_know_drill_exists, insiders, is_director
from db.connection import transaction
from db.drills_console import (
    DrillEvent,
    EvaluatorActivity,
    drill_events,
    evaluator_activity,
    reveal_log,
)
from db.drills_design import (
    DESIGN_COLUMNS,
    delete_design_rows,
    design_people,
    design_values,
    insert_design_rows,
    read_design,
)
from db.drills_design_checks import resolve_people, version_for_drill
from db.drills_lookup import (
    DrillFacts,
    fetch_facts,
    fetch_many,
    is_lead,
    known_facts,
    log_reveal,
    log_view,
    require_director,
    require_status,
)
from db.drills_observations import (
    MAX_PHOTO_BYTES,
    attach_photo,
    checklist_for,
    load_photo,
    observations,
    record_observation,
)
from db.drills_roster import Roster, read_roster, update_roster
from db.drills_run import (
    InjectView,
    end_drill,
    pause_drill,
    release_due_injects,
    release_inject,
    resume_drill,
    set_participants,
    start_drill,
    visible_injects,
)
from db.errors import VersionConflictError
from drills.design_io import copy_as_template
from drills.model import DrillDesign
from drills.validate import require_design


@dataclass(frozen=True)
class DrillSummary:
    """One drill as a list shows it. The planned window reaches its directors only; `my_role`
    is how the actor is named in it (director, evaluation_lead, evaluator, participant, None)."""

    id: int
    title: str
    status: str
    drill_type: str
    scope: str
    plan_id: int
    version_id: int
    unit: str
    started_at: datetime | None
    ended_at: datetime | None
    elapsed_min: float | None
    planned_start: datetime | None
    planned_end: datetime | None
    my_role: str | None
    template_of: int | None
    revision: int


def create_drill(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    design: DrillDesign,
    *,
    now: datetime,
    template_of: int | None = None,
) -> int:
    """Store a new drill in design on a published plan version; return its id. The actor, a
    drill director of the plan's unit, becomes one of its directors.

    Raises: NotFoundError for a version the actor may not read; NotAllowedError unless a drill
    director of the plan's unit; InvalidTransitionError for a version not published; StoreError
    drills_store.* for a design that does not fit the plan or names unknown people.
    """
    plan, info, unit = version_for_drill(conn, actor, design.version_id)
    design = replace(design, directors=(actor.username, *design.directors))
    design = require_design(design, plan)
    with conn.cursor() as cur, transaction(cur):
        people = resolve_people(cur, design_people(design), unit)
        columns = ", ".join(DESIGN_COLUMNS)
        marks = ", ".join("?" * len(DESIGN_COLUMNS))
        drill_id = cur.execute(
            f"INSERT INTO drills (plan_id, version_id, unit, {columns}, created_by, created_at,"
            f" updated_by, updated_at, template_of) VALUES (?, ?, ?, {marks}, ?, ?, ?, ?, ?)"
            " RETURNING id",
            [
                info.plan_id,
                info.id,
                unit,
                *design_values(design),
                actor.username,
                now,
                actor.username,
                now,
                template_of,
            ],
        ).fetchone()[0]
        insert_design_rows(cur, drill_id, design, people)
        directors = sorted(p.username for p in people if p.role == "director")
        log_reveal(
            cur,
            drill_id,
            actor.username,
            "created",
            now,
            insiders=directors,
            template_of=template_of,
        )
    return drill_id


def update_design(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    design: DrillDesign,
    *,
    now: datetime,
    expected_revision: int | None = None,
) -> int:
    """Replace the design of a drill still being designed; return its new revision.

    Raises: NotFoundError; NotAllowedError unless a director of it; InvalidTransitionError once
    sealed; VersionConflictError when someone changed it since `expected_revision`; StoreError
    drills_store.* for a design that does not fit the plan.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_director(actor, facts)
    if design.version_id != facts.version_id:
        design = replace(design, version_id=facts.version_id)
    plan, _, _ = version_for_drill(conn, actor, facts.version_id, published=False)
    design = require_design(replace(design, directors=(actor.username, *design.directors)), plan)
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_director(actor, facts)
        require_status(facts, "designing")
        if expected_revision is not None and facts.revision != expected_revision:
            by = cur.execute("SELECT updated_by FROM drills WHERE id = ?", [drill_id]).fetchone()
            raise VersionConflictError(
                "drills_store.design_conflict",
                expected=expected_revision,
                actual=facts.revision,
                updated_by=by[0] or "?",
            )
        people = resolve_people(cur, design_people(design), facts.unit)
        sets = ", ".join(f"{c} = ?" for c in DESIGN_COLUMNS)
        cur.execute(
            f"UPDATE drills SET {sets}, revision = revision + 1, updated_by = ?, updated_at = ?"
            " WHERE id = ?",
            [*design_values(design), actor.username, now, drill_id],
        )
        delete_design_rows(cur, drill_id)
        insert_design_rows(cur, drill_id, design, people)
        directors = sorted(p.username for p in people if p.role == "director")
        log_reveal(cur, drill_id, actor.username, "updated", now, insiders=directors)
    return facts.revision + 1


def seal_drill(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, *, now: datetime):
    """Freeze a finished design until the director starts the drill; if the director chose so,
    its evaluators may learn of it from now on (each grant goes into the reveal log).

    Raises: NotFoundError; NotAllowedError unless a director; InvalidTransitionError when not
    being designed; DrillProblemsError when the design is not finished (every problem).
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_director(actor, facts)
        require_status(facts, "designing")
        design, revision = read_design(cur, drill_id), facts.revision
    plan, _, _ = version_for_drill(conn, actor, facts.version_id, published=False)
    require_design(design, plan, sealing=True)
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_status(facts, "designing")
        if facts.revision != revision:  # changed while it was being checked
            raise VersionConflictError(expected=revision, actual=facts.revision, updated_by="")
        cur.execute(
            "INSERT INTO drill_seals (drill_id, sealed_at, sealed_by) VALUES (?, ?, ?)",
            [drill_id, now, actor.username],
        )
        record = replace(facts.record, status="sealed")
        log_reveal(
            cur,
            drill_id,
            actor.username,
            "sealed",
            now,
            insiders=sorted(map(str, insiders(record))),
        )
        if facts.evaluators_see_before_start:
            for name in sorted(record.evaluators | record.evaluation_leads):
                log_reveal(cur, drill_id, name, "evaluator_access_granted", now, by=actor.username)


def load_design(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, *, now: datetime | None = None
) -> DrillDesign:
    """The whole design, for its directors (a read before the start is logged as "viewed").

    Raises: NotFoundError; NotAllowedError for anyone else who may know of the drill.
    """
    return _read_design(conn, actor, drill_id, "opened", now)


def export_design(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, *, now: datetime | None = None
) -> DrillDesign:
    """The design, to be written as JSON (templates, reviews, tests): for its directors and for
    the machine's operator (SYSTEM, the command line), who holds the database file anyway. An
    export before the start goes into the reveal log.

    Raises: NotFoundError; NotAllowedError.
    """
    return _read_design(conn, actor, drill_id, "exported", now)


def copy_drill_as_template(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    *,
    now: datetime,
    title: str | None = None,
    version_id: int | None = None,
) -> int:
    """A new drill in design with the design of `drill_id` but no planned window (on
    `version_id`, default the same version, which must still be published); return its id.

    Raises: as export_design and create_drill.
    """
    design = _read_design(conn, actor, drill_id, "copied", now)
    design = copy_as_template(design, title=title or design.title)
    design = replace(design, version_id=version_id or design.version_id)
    return create_drill(conn, actor, design, now=now, template_of=drill_id)


def list_drills(conn: duckdb.DuckDBPyConnection, actor: Actor, *, now=None) -> list[DrillSummary]:
    """The drills the actor may know of, newest first; the others leave no trace, not even in
    the count."""
    with conn.cursor() as cur, transaction(cur):
        found = fetch_many(cur, None)
    return [_summary(actor, facts, now) for facts in found if _knows(actor, facts)]


def drill_summary(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, *, now: datetime | None = None
) -> DrillSummary:
    """One drill's summary; `elapsed_min` is the drill clock at `now` (None without it).

    Raises: NotFoundError (also for a drill the actor may not know of).
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
    return _summary(actor, facts, now)


def _read_design(conn, actor: Actor, drill_id: int, how: str, now) -> DrillDesign:
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id) if actor != SYSTEM else fetch_facts(cur, drill_id)
        if actor != SYSTEM:
            require_director(actor, facts)
        design = read_design(cur, drill_id)
        log_view(cur, facts, actor, now, how)
    return design


def _knows(actor: Actor, facts: DrillFacts) -> bool:
    return can_know_drill_exists(actor, facts.record)


def _summary(actor: Actor, facts: DrillFacts, now: datetime | None) -> DrillSummary:
    clock = facts.clock if facts.sealed_at is not None else None
    director = is_director(actor, facts.record)
    return DrillSummary(
        id=facts.id,
        title=facts.title,
        status=facts.status,
        drill_type=facts.drill_type,
        scope=facts.scope,
        plan_id=facts.plan_id,
        version_id=facts.version_id,
        unit=facts.unit,
        started_at=clock.t0 if clock else None,
        ended_at=clock.ended_at if clock else None,
        elapsed_min=clock.elapsed_min(now) if clock and now is not None else None,
        planned_start=facts.planned_start if director else None,
        planned_end=facts.planned_end if director else None,
        my_role=_my_role(actor, facts, director),
        template_of=facts.template_of if director else None,
        revision=facts.revision,
    )


def _my_role(actor: Actor, facts: DrillFacts, director: bool) -> str | None:
    if director:
        return "director"
    if is_lead(actor, facts):
        return "evaluation_lead"
    for role in ("evaluator", "participant"):
        if actor.username in facts.named(role):
            return role
    return None


__all__ = [
    "MAX_PHOTO_BYTES",
    "DrillEvent",
    "DrillSummary",
    "EvaluatorActivity",
    "InjectView",
    "Roster",
    "attach_photo",
    "checklist_for",
    "copy_drill_as_template",
    "create_drill",
    "drill_events",
    "drill_summary",
    "end_drill",
    "evaluator_activity",
    "export_design",
    "list_drills",
    "load_design",
    "load_photo",
    "observations",
    "pause_drill",
    "read_roster",
    "record_observation",
    "release_due_injects",
    "release_inject",
    "resume_drill",
    "reveal_log",
    "seal_drill",
    "set_participants",
    "start_drill",
    "update_design",
    "update_roster",
    "visible_injects",
]
