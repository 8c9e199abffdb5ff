"""Tiny hand-made plans, times and events shared by the drill tests.

Plans are written as arrows, "a→b→c, a→d": every letter is a step, a→b means a comes before b.
Times: T0 is 2026-05-01 09:00 (Beijing); at(m) is m wall-clock minutes after it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from drills.model import ChecklistItem, ClockEvent, Observation
from plans.model import Level, Plan, Role, Step

BEIJING = timezone(timedelta(hours=8))
T0 = datetime(2026, 5, 1, 9, 0, tzinfo=BEIJING)
ROLES = (
    Role("r1", "总指挥", aliases=("指挥长",)),
    Role("r2", "抢险救援组"),
    Role("r3", "医疗救治组", aliases=("医疗组",)),
)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def plan_of(arrows: str = "", **steps: dict) -> Plan:
    """A plan from arrows plus per-step overrides: plan_of("a→b", b={"roles": ("r2",)})."""
    after: dict[str, list[str]] = {}
    for chain in filter(None, re.split(r"[,\s]+", arrows)):
        names = chain.split("→")
        for before, name in zip([None, *names], names, strict=False):
            after.setdefault(name, [])
            if before is not None:
                after[name].append(before)
    for name in steps:
        after.setdefault(name, [])
    built = []
    for name, befores in after.items():
        fields = {"text": f"{name} 的原文", "roles": ("r1",), "after": tuple(befores)}
        fields.update(steps.get(name, {}))
        built.append(Step(id=name, name=f"步骤{name}", **fields))
    levels = (Level("I", "Ⅰ级"), Level("II", "Ⅱ级"))
    return Plan("测试预案", roles=ROLES, levels=levels, steps=tuple(built))


def items_of(arrows: str, **overrides: dict) -> tuple[ChecklistItem, ...]:
    """A checklist from arrows of item ids: items_of("c1→c2", c2={"time_limit_min": 5})."""
    after: dict[str, list[str]] = {}
    for chain in filter(None, re.split(r"[,\s]+", arrows)):
        names = chain.split("→")
        for before, name in zip([None, *names], names, strict=False):
            after.setdefault(name, [])
            if before is not None:
                after[name].append(before)
    for name in overrides:
        after.setdefault(name, [])
    items = []
    for position, (name, befores) in enumerate(after.items()):
        fields = {"roles": ("r1",), "after": tuple(befores), "position": position}
        fields.update(overrides.get(name, {}))
        items.append(ChecklistItem(id=name, name=f"检查项{name}", step_id=name, **fields))
    return tuple(items)


def clock(*events: tuple[str, float]) -> tuple[ClockEvent, ...]:
    """clock(("start", 0), ("pause", 10), ("resume", 15)): events at wall minutes after T0."""
    return tuple(ClockEvent(kind, at(minute), by="director") for kind, minute in events)


def rated(
    oid: str,
    item: str | None,
    rating: str | None = "done",
    *,
    entered: float = 0,
    happened: float | None = None,
    kind: str = "item",
    evaluator: str = "eva",
    **more,
) -> Observation:
    """An observation entered `entered` wall minutes after T0 (happened then, unless given)."""
    return Observation(
        id=oid,
        drill_id=1,
        kind=kind,
        evaluator=evaluator,
        entered_at=at(entered),
        happened_at=at(entered if happened is None else happened),
        item_id=item,
        rating=rating,
        **more,
    )


def undo(oid: str, ref: str, *, entered: float, evaluator: str = "eva") -> Observation:
    return rated(oid, None, None, entered=entered, kind="undo", evaluator=evaluator, ref=ref)


def amend(oid: str, ref: str, rating: str, *, entered: float, **more) -> Observation:
    return rated(oid, None, rating, entered=entered, kind="amendment", ref=ref, **more)
