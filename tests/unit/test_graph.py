"""The ordering graph of a plan: order, cycles, starts, roles' steps and the critical path.

Plans are written as arrows, "a→b→c, a→d": every letter is a step, a→b means a comes before b.
"""

from __future__ import annotations

import re

import pytest

from plans import graph
from plans.errors import PlanCycleError
from plans.model import Level, Plan, Role, Step


def plan_of(arrows: str = "", **steps: dict) -> Plan:
    """A plan from arrows plus per-step overrides: plan_of("a→b", b={"time_limit_min": 30})."""
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
    roles = (Role("r1", "总指挥"), Role("r2", "抢险救援组"))
    return Plan(
        "测试预案", roles=roles, levels=(Level("I", "Ⅰ级"), Level("II", "Ⅱ级")), steps=tuple(built)
    )


@pytest.mark.parametrize(
    ("arrows", "order"),
    [
        ("a→b→c", ["a", "b", "c"]),
        ("c→a, b", ["c", "a", "b"]),  # plan order is c, a, b; a waits for c
        ("a→c, b→c", ["a", "b", "c"]),
        ("a→d, b→c→d", ["a", "b", "c", "d"]),
        ("", []),
    ],
)
def test_the_execution_order_respects_after_and_otherwise_keeps_the_plan_order(arrows, order):
    assert graph.execution_order(plan_of(arrows)) == order


@pytest.mark.parametrize(
    ("arrows", "cycle"),
    [
        ("a→a", ["a", "a"]),
        ("a→b→a", ["a", "b", "a"]),
        ("s→a→b→c→a", ["a", "b", "c", "a"]),
        ("x→y, a→b→c→b", ["b", "c", "b"]),
    ],
)
def test_a_cycle_stops_the_execution_order_with_an_error_naming_its_steps(arrows, cycle):
    with pytest.raises(PlanCycleError) as caught:
        graph.execution_order(plan_of(arrows))
    assert caught.value.params["steps"] == cycle
    assert caught.value.params["path"] == " → ".join(f"步骤{s} ({s})" for s in cycle)
    assert caught.value.key == "checks.cycle"


def test_find_cycles_gives_one_closed_cycle_per_knot_of_waiting_steps():
    """a → b → a        c → d → e → c        f → g (no cycle)"""
    plan = plan_of("a→b→a, c→d→e→c, f→g")
    assert graph.find_cycles(plan) == [["a", "b", "a"], ["c", "d", "e", "c"]]
    assert graph.find_cycles(plan_of("f→g")) == []


def test_start_steps_are_the_steps_nothing_has_to_come_before():
    """a → c ← b      d (alone)      e → f → e (a cycle has no start)"""
    assert graph.start_steps(plan_of("a→c, b→c, d, e→f→e")) == ["a", "b", "d"]


def test_the_graph_of_a_level_holds_only_the_steps_of_that_level_and_edges_between_them():
    """a → b(I) → d        a → c(II) → d        d also lists x, which does not exist"""
    plan = plan_of(
        "a→b→d, a→c→d", b={"levels": ("I",)}, c={"levels": ("II",)}, d={"after": ("b", "c", "x")}
    )
    level_one = graph.build_graph(plan, "I")
    assert sorted(level_one) == ["a", "b", "d"]
    assert sorted(level_one.edges) == [("a", "b"), ("b", "d")]
    assert sorted(graph.build_graph(plan).edges) == [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]
    assert level_one.nodes["b"]["lead"] == "r1"
    assert graph.execution_order(plan, "II") == ["a", "c", "d"]


def test_steps_for_role_lists_what_the_role_owns_in_execution_order():
    """c → a → b, where r2 owns b and c and supports a"""
    plan = plan_of("c→a→b", a={"support": ("r2",)}, b={"roles": ("r1", "r2")}, c={"roles": ("r2",)})
    assert graph.steps_for_role(plan, "r2") == ["c", "b"]
    assert graph.steps_for_role(plan, "r2", support=True) == ["c", "a", "b"]
    assert graph.steps_for_role(plan, "nobody") == []


def test_steps_for_role_still_answers_when_the_order_has_a_cycle():
    """x → a → b → a → y"""
    assert graph.steps_for_role(plan_of("x→a→b→a→y"), "r1") == ["x", "a", "b", "y"]


@pytest.mark.parametrize(
    ("arrows", "overrides", "minutes", "path"),
    [
        # a(≤30 from T0) → b(≤60 from T0): deadlines, so 60 and not 90
        ("a→b", {"a": 30, "b": 60}, 60, ["a", "b"]),
        # a(≤30) → b(20 after it is triggered): durations add up
        ("a→b", {"a": 30, "b": (20, "trigger")}, 50, ["a", "b"]),
        # a(≤10); b is due 15 minutes after a, with no `after`
        ("a, b", {"a": 10, "b": (15, "a")}, 25, ["a", "b"]),
        # a(≤60) → b(≤30): b cannot finish before a does
        ("a→b", {"a": 60, "b": 30}, 60, ["a", "b"]),
        # a(≤10) → b(≤60), a → c(≤30) → d(no limit): the later deadline wins
        ("a→b, a→c→d", {"a": 10, "b": 60, "c": 30}, 60, ["a", "b"]),
        # no limits at all: the longest chain of steps
        ("a→b→c, d", {}, 0, ["a", "b", "c"]),
        # trigger without predecessors counts from T0
        ("a", {"a": (5, "trigger")}, 5, ["a"]),
        # a(≤30) → b(30 days after the response ends): an after-the-fact deadline is off the path
        ("a→b", {"a": 30, "b": (43200, "response_end")}, 30, ["a", "b"]),
        ("", {}, 0, []),
    ],
)
def test_the_critical_path_follows_deadlines_without_adding_up_t0_limits(
    arrows, overrides, minutes, path
):
    steps = {}
    for name, value in overrides.items():
        limit, base = value if isinstance(value, tuple) else (value, "T0")
        steps[name] = {"time_limit_min": limit, "time_from": base}
    assert graph.critical_path_minutes(plan_of(arrows, **steps)) == (minutes, path)


def test_the_critical_path_of_a_level_uses_only_that_levels_steps():
    """a(10) → b(I, 120) → d      a → c(II, 45) → d"""
    plan = plan_of(
        "a→b→d, a→c→d",
        a={"time_limit_min": 10},
        b={"levels": ("I",), "time_limit_min": 120},
        c={"levels": ("II",), "time_limit_min": 45},
    )
    assert graph.critical_path_minutes(plan, "I") == (120, ["a", "b", "d"])
    assert graph.critical_path_minutes(plan, "II") == (45, ["a", "c", "d"])


def test_the_critical_path_refuses_a_cycle():
    """a → b → a"""
    with pytest.raises(PlanCycleError):
        graph.critical_path_minutes(plan_of("a→b→a"))


def test_a_time_reference_that_would_loop_does_not_break_the_critical_path():
    """a → b, with a counting its time from b: the clock of a starts when a is due"""
    plan = plan_of("a→b", a={"time_limit_min": 10, "time_from": "b"}, b={"time_limit_min": 30})
    assert graph.critical_path_minutes(plan) == (30, ["a", "b"])


def test_the_owner_share_says_how_much_of_the_critical_path_each_role_owns():
    """a(r2) → b(r2) → c(r1, r2) → d(r1)"""
    plan = plan_of("a→b→c→d", a={"roles": ("r2",)}, b={"roles": ("r2",)}, c={"roles": ("r1", "r2")})
    assert graph.critical_path_owner_share(plan) == {"r2": 0.75, "r1": 0.5}
    assert graph.critical_path_owner_share(plan_of("")) == {}


@pytest.mark.parametrize(
    ("arrows", "unreachable"),
    [
        ("a→b→c", []),
        ("a→b→a", ["a", "b"]),  # a cycle nobody enters
        ("s, a→b→a→c", ["a", "b", "c"]),  # and what only follows it
        ("s→a→b→a→c", []),  # a start leads into the cycle: reachable (the cycle is its own error)
    ],
)
def test_a_step_is_unreachable_when_no_chain_of_predecessors_starts_anywhere(arrows, unreachable):
    assert graph.unreachable_steps(plan_of(arrows)) == unreachable


def test_steps_before_lists_every_step_that_comes_earlier_directly_or_not():
    """a → b → c      d"""
    plan = plan_of("a→b→c, d")
    assert graph.steps_before(plan, "c") == {"a", "b"}
    assert graph.steps_before(plan, "d") == set()
    assert graph.steps_before(plan, "missing") == set()
