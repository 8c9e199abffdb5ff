"""Helpers of the findings and corrective-action store tests: an ended drill of the drills_world
world in which eva rated c1 not done, and the proposed findings (a miss of c1, a strength)."""

from __future__ import annotations

from db import drills_store as store
from drills.findings import Finding
from tests.integration.drills_world import at, design, obs


def ended_drill(world, *, end=True) -> int:
    drill = store.create_drill(world.db, world.director, design(world), now=at(-60))
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.start_drill(world.db, world.director, drill, now=at(0))
    store.set_participants(world.db, world.director, drill, {"pat": ("r3",)}, now=at(1))
    store.record_observation(
        world.db, world.eva, obs(drill, "eva", "c1", minute=2, rating="not_done")
    )
    if end:
        store.end_drill(world.db, world.director, drill, now=at(90))
    return drill


PROPOSED = [
    Finding(
        "missed-c1",
        "未报告",
        "c1 未完成",
        ("o1",),
        "plan_defect",
        "deficiency",
        step_id="s1",
        role_id="r2",
        kind="missed",
        item_id="c1",
    ),
    Finding(
        "strength-command",
        "指挥有力",
        cause=None,
        grade=None,
        strength=True,
        kind="strength",
        area="command",
    ),
]
