"""A sound plan for the plan checks' tests, which no check finds fault with, and `edit`, which
makes it (or another plan) trip one check by dropping, adding or changing a few items."""

from __future__ import annotations

from dataclasses import replace

from plans.model import Level, Plan, Role, Step

ROLES = (
    Role("r1", "总指挥", kind="command"),
    Role("r2", "值班室"),
    Role("r3", "抢险救援组"),
    Role("r4", "医疗救治组"),
)
LEVELS = (Level("I", "Ⅰ级响应"), Level("II", "Ⅱ级响应"))
#   s1 接警报告(r2, 10) → s2 启动响应(r1, 30) → s3 现场抢险(r3, I, 60)   → s5 终止响应(r1)
#                                          → s4 伤员救治(r4, II, 90) →
STEPS = (
    Step("s1", "接警报告", "接到报警后10分钟内报告", ("r2",), "report", 10),
    Step("s2", "启动响应", "总指挥决定启动响应", ("r1",), "activation", 30, after=("s1",)),
    Step("s3", "现场抢险", "抢险救援组开展抢险", ("r3",), "disposal", 60, ("I",), ("s2",)),
    Step("s4", "伤员救治", "医疗救治组救治伤员", ("r4",), "disposal", 90, ("II",), ("s2",)),
    Step("s5", "终止响应", "总指挥宣布响应终止", ("r1",), "termination", None, (), ("s3", "s4")),
)
SOUND = Plan("危险化学品泄漏应急预案", roles=ROLES, levels=LEVELS, steps=STEPS)


def edit(plan: Plan = SOUND, *, drop: str = "", add: tuple = (), **changes: dict) -> Plan:
    """The plan with steps/roles/levels dropped by id, items added, and fields of steps changed:
    edit(s2={"roles": ()}, drop="r4", add=(Role("r9", "x"),))."""
    dropped = set(drop.split())
    kept = {
        "steps": [s for s in plan.steps if s.id not in dropped],
        "roles": [r for r in plan.roles if r.id not in dropped],
        "levels": [lv for lv in plan.levels if lv.id not in dropped],
    }
    for item in add:
        kept[{Step: "steps", Role: "roles", Level: "levels"}[type(item)]].append(item)
    kept["steps"] = [replace(s, **changes.get(s.id, {})) for s in kept["steps"]]
    kept["roles"] = [replace(r, **changes.get(r.id, {})) for r in kept["roles"]]
    return replace(plan, **{k: tuple(v) for k, v in kept.items()})
