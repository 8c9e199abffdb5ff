"""Drills for the analytics tests (tests/integration/drills_world.py's world): ended drills with
their evaluation saved, taps on c1, another published plan, a revision of the world's plan and
corrective actions, shared by the store tests and the page tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from db import actions_store, findings_store, plans_store
from db import analytics_store as an
from db import drills_store as store
from drills.actions import CorrectiveAction
from drills.findings import Finding
from drills.model import ClockEvent
from drills.scoring import Evaluation, score_drill
from drills.state import fold
from tests.actors import APPROVER, OWNER
from tests.integration.drills_world import at, design, obs

DAY = 24 * 60  # minutes


def evaluate(world, drill) -> Evaluation:
    """The drill scored by the engine from its stored record (as the report does)."""
    lead = world.lead
    checklist = store.checklist_for(world.db, lead, drill)
    events = store.drill_events(world.db, lead, drill)
    clock = [
        ClockEvent(e.kind, e.happened_at, e.by)
        for e in events
        if e.kind in ("start", "pause", "resume", "end")
    ]
    state = fold(checklist, store.observations(world.db, lead, drill), clock)
    return score_drill(checklist, state, clock)


def run_drill(
    world,
    *taps,
    save: bool = True,
    pause: tuple[float, float] | None = None,
    day: int = 0,
    version_id: int | None = None,
) -> int:
    """An ended drill (started `day` days after T0, on `version_id` or the world's plan) with the
    taps recorded; its evaluation saved unless `save` is false."""
    start = day * DAY
    drill = store.create_drill(
        world.db,
        world.director,
        design(world, version_id=version_id or world.version_id),
        now=at(start - 60),
    )
    store.seal_drill(world.db, world.director, drill, now=at(start - 30))
    store.start_drill(world.db, world.director, drill, now=at(start))
    if pause:
        store.pause_drill(world.db, world.director, drill, now=at(start + pause[0]))
        store.resume_drill(world.db, world.director, drill, now=at(start + pause[1]))
    for who, tap in taps:
        store.record_observation(world.db, getattr(world, who), tap(drill))
    store.end_drill(world.db, world.director, drill, now=at(start + 90))
    if save:
        an.save_scores(world.db, world.lead, drill, evaluate(world, drill), now=at(start + 100))
    return drill


def missed_c1(day: int = 0):
    return ("eva", lambda d: obs(d, "eva", "c1", minute=day * DAY + 2, rating="not_done"))


def done_c1(day: int = 0):
    return ("eva", lambda d: obs(d, "eva", "c1", minute=day * DAY + 2, rating="done"))


def plan_of(world, version_id: int | None = None) -> int:
    return plans_store.version_info(world.db, OWNER, version_id or world.version_id).plan_id


def publish(world, plan, *, day: int) -> int:
    """Another published plan of the unit; its version id."""
    imported = plans_store.import_plan(
        world.db,
        OWNER,
        plan,
        document=plan.title.encode(),
        filename="other.docx",
        now=at(day * DAY),
    )
    plans_store.submit_for_review(world.db, OWNER, imported.version_id, at(day * DAY + 1))
    plans_store.approve(world.db, APPROVER, imported.version_id, at(day * DAY + 2))
    return imported.version_id


def revise(world, plan, *, day: int) -> int:
    """The world's plan published again as `plan` (a new version); its version id."""
    draft = plans_store.new_draft(
        world.db, OWNER, plan_of(world), from_version_id=world.version_id, now=at(day * DAY)
    )
    plans_store.save_version(
        world.db, OWNER, draft, plan, expected_revision=1, now=at(day * DAY + 1)
    )
    plans_store.submit_for_review(world.db, OWNER, draft, at(day * DAY + 2))
    plans_store.approve(world.db, APPROVER, draft, at(day * DAY + 3))
    return draft


def with_step(plan, step_id: str, **changes):
    return replace(
        plan, steps=tuple(replace(s, **changes) if s.id == step_id else s for s in plan.steps)
    )


def add_actions(world, drill: int, *dues: tuple[str, date, str]) -> list[str]:
    """A finding on c1 of the drill and one corrective action per (text, due, status)."""
    finding = Finding(
        "missed-c1",
        "未及时报告",
        "c1 未完成",
        cause="plan_defect",
        grade="deficiency",
        step_id="s1",
        kind="missed",
        item_id="c1",
    )
    findings_store.save_proposed_findings(world.db, world.lead, drill, [finding], now=at(100))
    ids = []
    for text, due, status in dues:
        action = CorrectiveAction(
            "", "missed-c1", text, "张三", due, status, "复核通过" if status == "verified" else ""
        )
        ids.append(actions_store.add_action(world.db, world.lead, drill, action, now=at(101)))
    return ids
