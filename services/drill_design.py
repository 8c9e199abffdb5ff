"""Use cases of designing a drill (its directors): a new drill on a published plan, the design
opened with its plan, changes, sealing, copying as a template, the evaluation team and the
reveal log (proof of blindness).

Re-exported store calls are whole use cases: the store asks access/ and runs one transaction
(reads before the start go into the reveal log in it). Opening a design and creating a drill
read the plan too, so each is one unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from access.policy import Actor
from db import drills_store, plans_store
from db.drills_objectives import evaluation_team
from db.drills_store import copy_drill_as_template, reveal_log, seal_drill, update_design
from db.unit_of_work import unit_of_work
from drills.checklist import derive_checklist
from drills.model import DrillDesign
from plans.model import Plan
from services.drills import DrillSummary


@dataclass(frozen=True)
class OpenDesign:
    """A drill's summary, its whole design and the plan version it is designed on."""

    summary: DrillSummary
    design: DrillDesign
    plan: Plan


def open_design(conn, actor: Actor, drill_id: int, *, now: datetime) -> OpenDesign:
    """The design with its summary and plan, read in one transaction (before the start, the
    reading goes into the reveal log as "opened").

    Raises: NotFoundError; NotAllowedError for anyone but its directors."""
    with unit_of_work(conn) as uow:
        summary = drills_store.drill_summary(uow, actor, drill_id)
        design = drills_store.load_design(uow, actor, drill_id, now=now)
        return OpenDesign(summary, design, plans_store.load_version(uow, actor, design.version_id))


def published_plans(conn, actor: Actor) -> list:
    """The plans the actor may read that have a published version, to design a drill on
    (db.plans_list.PlanSummary)."""
    return [p for p in plans_store.list_plans(conn, actor) if p.published_version_id]


def new_drill(conn, actor: Actor, version_id: int, title: str, *, now: datetime) -> int:
    """A new drill in design on the published `version_id`, its checklist derived from the
    whole plan, the actor its director; return its id. The plan is read and the drill stored
    in one unit of work.

    Raises: NotFoundError; NotAllowedError unless a drill director of the plan's unit;
    InvalidTransitionError for a version not published; DrillProblemsError."""
    with unit_of_work(conn) as uow:
        plan = plans_store.load_version(uow, actor, version_id)
        design = DrillDesign(
            title=title,
            version_id=version_id,
            checklist=derive_checklist(plan),
            directors=(actor.username,),
        )
        return drills_store.create_drill(uow, actor, design, now=now)


__all__ = [
    "OpenDesign",
    "copy_drill_as_template",
    "evaluation_team",
    "new_drill",
    "open_design",
    "published_plans",
    "reveal_log",
    "seal_drill",
    "update_design",
]
