"""A small world for the drill store tests: accounts, a published chemical plan and a drill design.

The plan (tests/sample_plans.py chemical_plan): r1 应急指挥部, r2 指挥部办公室, r3 抢险救援组; the
derived checklist is c1 (s1, r2) → c2 (s2, r1) → c3 (s3, r3) → c4 (s4, r1). Evaluator "eva"
watches r2 (she sees c1), "evb" watches r3 (c3); "lead" is the evaluation lead; "pat" plays r3.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from access.policy import SYSTEM, Actor
from db import connection, plans_store, users_store
from drills.model import DrillDesign, EvaluatorAssignment, Inject, Observation, Scenario
from tests.actors import APPROVER, OTHER_UNIT, OWNER, UNIT
from tests.sample_plans import chemical_plan

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
PASSWORD = "Drill-Password-2026"
ACCOUNTS = {
    "director": ("drill_director",),
    "director2": ("drill_director",),
    "eva": ("evaluator",),
    "evb": ("evaluator",),
    "lead": ("evaluation_lead",),
    "pat": ("participant",),
    "pat2": ("participant",),
    "manager": ("manager",),
    "root": ("admin",),
}
OTHER_ACCOUNTS = {"elsewhere": ("drill_director",), "elsewhere_manager": ("manager",)}


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@dataclass
class World:
    db: object
    path: Path
    version_id: int
    actors: dict[str, Actor]

    def __getattr__(self, name: str) -> Actor:
        try:
            return self.__dict__["actors"][name]
        except KeyError:
            raise AttributeError(name) from None


def seed(path: Path, *, evaluators: int = 0) -> World:
    """Accounts, a published plan (and `evaluators` extra evaluators e01..eNN watching r1-r3)."""
    db = connection.connect(path)
    accounts = dict(ACCOUNTS) | {f"e{n:02d}": ("evaluator",) for n in range(1, evaluators + 1)}
    for name, roles in accounts.items():
        users_store.create_user(
            db,
            SYSTEM,
            name,
            PASSWORD,
            roles=roles,
            unit=UNIT,
            must_change=False,
            now=T0 - timedelta(days=9),
        )
    for name, roles in OTHER_ACCOUNTS.items():
        users_store.create_user(
            db,
            SYSTEM,
            name,
            PASSWORD,
            roles=roles,
            unit=OTHER_UNIT,
            must_change=False,
            now=T0 - timedelta(days=9),
        )
    imported = plans_store.import_plan(
        db,
        OWNER,
        chemical_plan(),
        document=b"chemical plan",
        filename="plan.docx",
        now=T0 - timedelta(days=8),
    )
    plans_store.submit_for_review(db, OWNER, imported.version_id, T0 - timedelta(days=7))
    plans_store.approve(db, APPROVER, imported.version_id, T0 - timedelta(days=6))
    actors = {name: users_store.act_as(db, name) for name in [*accounts, *OTHER_ACCOUNTS]}
    return World(db, path, imported.version_id, actors)


def design(world: World, **changes) -> DrillDesign:
    base = DrillDesign(
        title="危化品泄漏双盲演练",
        version_id=world.version_id,
        drill_type="live",
        scope="comprehensive",
        scenario=Scenario("泄漏", "罐区", "储罐阀门泄漏", "I"),
        participating_roles=("r1", "r2", "r3"),
        level="I",
        planned_start=at(0),
        planned_end=at(120),
        injects=(
            Inject(
                "i1",
                "泄漏扩大",
                "泄漏量增大",
                offset_min=5,
                to_roles=("r3",),
                expected_steps=("c3",),
            ),
            Inject("i2", "媒体来电", "记者询问", to_roles=("r2",)),
            Inject("q1", "提问：报告时限？", kind="question", to_roles=("r2",)),
            Inject("i3", "通报全体", offset_min=30),
        ),
        evaluators=(EvaluatorAssignment("eva", ("r2",)), EvaluatorAssignment("evb", ("r3",))),
        evaluation_leads=("lead",),
    )
    return replace(base, **changes)


def obs(
    world_or_drill,
    evaluator: str,
    item: str | None = "c1",
    *,
    minute: float = 1,
    kind: str = "item",
    rating: str | None = "done",
    oid: str | None = None,
    drill_id: int | None = None,
    **fields,
) -> Observation:
    """An observation entered at `minute` after T0 (wall clock)."""
    return Observation(
        id=oid or uuid.uuid4().hex,
        drill_id=drill_id if drill_id is not None else world_or_drill,
        kind=kind,
        evaluator=evaluator,
        entered_at=fields.pop("entered_at", at(minute)),
        happened_at=fields.pop("happened_at", at(minute)),
        item_id=item,
        rating=rating,
        **fields,
    )
