"""Use cases of running a drill: the list and summary of drills, the clock (start, pause,
resume, end), releasing injects, the roster of players, the director console's live view, and
an evaluator's amendment after the end.

A store call that is a whole use case is re-exported as it is: the store asks access/ for the
actor's rights and runs the call in one transaction. Where a screen needs several reads that
must agree, or an event reaches the stored results, the use case is written out here: the
console reads one snapshot, and the end and an amendment have the system recompute the
results (services/evaluation.py), derived data rewritten whole on each event, so no one has to
open a screen for them to be kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from access.policy import Actor
from db import drills_store, plans_store
from db.drills_store import (
    DrillSummary,
    InjectView,
    drill_summary,
    list_drills,
    pause_drill,
    read_roster,
    release_inject,
    resume_drill,
    start_drill,
    update_roster,
    visible_injects,
)
from db.unit_of_work import unit_of_work
from drills.model import ChecklistItem, Observation
from plans.model import Plan
from services import evaluation
from services.evaluation import Results


@dataclass(frozen=True)
class Console:
    """What the director console's live panels show of a drill, from one snapshot."""

    summary: DrillSummary
    checklist: list[ChecklistItem]
    observations: list[Observation]
    injects: list[InjectView]
    events: list  # db.drills_console.DrillEvent
    activity: list  # db.drills_console.EvaluatorActivity
    plan: Plan


def console_snapshot(conn, actor: Actor, drill_id: int, *, now: datetime) -> Console:
    """The drill's summary (its clock at `now`), checklist, observations, injects, events,
    evaluators' activity and plan, read in one transaction.

    Raises: NotFoundError; NotAllowedError for one who may not follow the drill live."""
    with unit_of_work(conn) as uow:
        summary = drills_store.drill_summary(uow, actor, drill_id, now=now)
        return Console(
            summary=summary,
            checklist=drills_store.checklist_for(uow, actor, drill_id),
            observations=drills_store.observations(uow, actor, drill_id),
            injects=drills_store.visible_injects(uow, actor, drill_id),
            events=drills_store.drill_events(uow, actor, drill_id),
            activity=drills_store.evaluator_activity(uow, actor, drill_id),
            plan=plans_store.load_version(uow, actor, summary.version_id),
        )


def end_drill(conn, actor: Actor, drill_id: int, *, now: datetime) -> Results:
    """End the drill (a director, running or paused) and keep its evaluation at once.

    Raises: as drills_store.end_drill; a failed recompute after the end raises too (the drill
    stays ended; the next event or recompute keeps its results)."""
    drills_store.end_drill(conn, actor, drill_id, now=now)
    return evaluation.recompute_results(conn, drill_id, now=now)


def amend_entry(conn, actor: Actor, amendment: Observation, *, now: datetime) -> Results | None:
    """Store an evaluator's amendment (after the end, with a reason) and rescore the drill.
    None when this amendment was stored before (a resent form): nothing changed.

    Raises: as drills_store.record_observation (StoreError for an amendment without a reason or
    before the end)."""
    if not drills_store.record_observation(conn, actor, amendment):
        return None
    return evaluation.recompute_results(conn, amendment.drill_id, now=now)


__all__ = [
    "Console",
    "DrillSummary",
    "InjectView",
    "amend_entry",
    "console_snapshot",
    "drill_summary",
    "end_drill",
    "list_drills",
    "pause_drill",
    "read_roster",
    "release_inject",
    "resume_drill",
    "start_drill",
    "update_roster",
    "visible_injects",
]
