"""A drill's checklist derived from the plan graph, then edited by the director.

Plans are drawn as arrows ("a→b→c": a before b before c). A checklist is summed up as
"step<before,before" in checklist order, with step ids in place of item ids.
"""

from __future__ import annotations

import pytest

from drills.checklist import (
    add_extra_item,
    derive_checklist,
    group_by_phase,
    items_for_roles,
    remove_items,
)
from drills.errors import DrillChecklistError, DrillError
from plans.errors import PlanCycleError
from tests.drill_samples import items_of, plan_of


def summary(checklist) -> list[str]:
    step_of = {item.id: item.step_id or item.name for item in checklist}
    return [
        item_name + ("<" + ",".join(step_of[b] for b in item.after) if item.after else "")
        for item_name, item in ((step_of[item.id], item) for item in checklist)
    ]


@pytest.mark.parametrize(
    ("plan", "level", "roles", "expected"),
    [
        (plan_of("a→b→c"), None, None, ["a", "b<a", "c<b"]),
        (plan_of("c→a, b"), None, None, ["c", "a<c", "b"]),
        (plan_of("a→b→c", b={"levels": ("I",)}), "I", None, ["a", "b<a", "c<b"]),
        (plan_of("a→b→c", b={"levels": ("I",)}), "II", None, ["a", "c"]),
        (plan_of("a→b→c", b={"roles": ("r2",)}), None, ("r1",), ["a", "c<a"]),
        (plan_of("a→b→c", b={"roles": ("r2",)}), None, ("r2",), ["b"]),
        (plan_of("a→b→c", b={"roles": ("r2",)}), None, (), ["a", "b<a", "c<b"]),
        (
            plan_of("a→b→d, a→c→d", b={"roles": ("r2",)}, c={"roles": ("r2",)}),
            None,
            ("r1",),
            ["a", "d<a"],
        ),
        (plan_of("a→b→d, c→d", b={"roles": ("r2",)}), None, ("r1",), ["a", "c", "d<a,c"]),
        (
            plan_of("a→b→c, a→x→c", b={"levels": ("I",)}, x={"levels": ("II",)}),
            "II",
            None,
            ["a", "x<a", "c<x"],
        ),
        (plan_of("a→b→c", b={"roles": ()}), None, ("r1",), ["a", "c<a"]),
        (plan_of("a→b→c", b={"roles": ()}), None, None, ["a", "b<a", "c<b"]),
        (plan_of(""), None, None, []),
    ],
)
def test_the_checklist_holds_the_expected_steps_in_order_bridging_those_left_out(
    plan, level, roles, expected
):
    """Bridging: with b's owner not taking part in a→b→c, c comes straight after a. A step of
    another level is no gap to bridge: it does not happen at this level, and the plan's
    ordering at the level (plans.graph) stands, as in a→b→c, a→x→c with b at I and x at II."""
    assert summary(derive_checklist(plan, level=level, roles=roles)) == expected


def test_items_are_numbered_in_execution_order_and_stay_linked_to_their_steps():
    plan = plan_of("c→a, b", a={"time_limit_min": 30, "phase": "report", "text": "十分钟内报告"})
    checklist = derive_checklist(plan)
    assert [(i.id, i.step_id, i.position) for i in checklist] == [
        ("c1", "c", 0),
        ("c2", "a", 1),
        ("c3", "b", 2),
    ]
    second = checklist[1]
    assert (second.name, second.text, second.phase) == ("步骤a", "十分钟内报告", "report")
    assert second.time_limit_min == 30.0 and not second.extra


@pytest.mark.parametrize(
    ("time_from", "roles", "expected"),
    [
        ("T0", None, "T0"),
        ("trigger", None, "trigger"),
        ("a", None, "c1"),  # a step id becomes the item id of that step
        ("b", ("r1",), "T0"),  # b is left out: the time counts from T0
        ("nowhere", None, "T0"),
    ],
)
def test_time_from_a_step_becomes_the_item_of_that_step(time_from, roles, expected):
    plan = plan_of("a→b→c", b={"roles": ("r2",)}, c={"time_limit_min": 15, "time_from": time_from})
    last = derive_checklist(plan, roles=roles)[-1]
    assert last.step_id == "c" and last.time_from == expected


def test_a_deadline_after_the_response_is_not_timed_in_the_drill():
    plan = plan_of("a→b", b={"time_limit_min": 21600, "time_from": "response_end"})
    last = derive_checklist(plan)[-1]
    assert (last.step_id, last.time_limit_min, last.time_from) == ("b", None, "T0")


def test_item_roles_keep_the_owners_taking_part_lead_first():
    plan = plan_of("a", a={"roles": ("r1", "r2", "r3")})
    assert derive_checklist(plan)[0].roles == ("r1", "r2", "r3")
    assert derive_checklist(plan, roles=("r3", "r2"))[0].roles == ("r2", "r3")
    assert derive_checklist(plan, roles=("r3",))[0].lead == "r3"


def test_a_plan_whose_steps_wait_on_each_other_has_no_checklist():
    with pytest.raises(PlanCycleError):
        derive_checklist(plan_of("a→b→a"))


@pytest.mark.parametrize(
    ("removed", "expected"),
    [
        (["c2"], ["c1", "c3<c1", "c4<c1"]),
        (["c1"], ["c2", "c3<c2", "c4<c2"]),
        (["c2", "c3"], ["c1", "c4<c1"]),
        (["c4", "nonexistent"], ["c1", "c2<c1", "c3<c2"]),
        ([], ["c1", "c2<c1", "c3<c2", "c4<c2"]),
    ],
)
def test_removing_items_bridges_the_order_over_them(removed, expected):
    """c1 → c2 → c3, c2 → c4."""
    checklist = items_of("c1→c2→c3, c2→c4")
    left = remove_items(checklist, removed)
    assert summary(left) == expected
    assert [item.position for item in left] == list(range(len(left)))


def test_a_time_counted_from_a_removed_item_counts_from_t0():
    checklist = items_of("c1→c2", c2={"time_from": "c1", "time_limit_min": 5})
    assert remove_items(checklist, ["c1"])[0].time_from == "T0"


def test_an_extra_item_comes_last_with_no_plan_step():
    checklist = derive_checklist(plan_of("a→b"))
    longer = add_extra_item(
        checklist, " 清点人数 ", roles=("r2",), phase="support", time_limit_min=20, after=("c2",)
    )
    extra = longer[-1]
    assert (extra.id, extra.name, extra.step_id, extra.extra) == ("c3", "清点人数", None, True)
    assert (extra.roles, extra.phase, extra.time_limit_min, extra.after) == (
        ("r2",),
        "support",
        20.0,
        ("c2",),
    )
    assert extra.position == 2 and longer[:2] == checklist
    assert add_extra_item(remove_items(longer, ["c2"]), "再来一项")[-1].id == "c4"


@pytest.mark.parametrize(
    ("name", "options", "key"),
    [
        ("  ", {}, "drills.checklist.empty_name"),
        ("清点", {"phase": "lunch"}, "drills.checklist.bad_phase"),
        ("清点", {"time_limit_min": -5}, "drills.checklist.bad_time_limit"),
        ("清点", {"time_limit_min": "soon"}, "drills.checklist.bad_time_limit"),
        ("清点", {"after": ("c9",)}, "drills.checklist.unknown_item"),
        ("清点", {"time_from": "c9", "time_limit_min": 5}, "drills.checklist.unknown_item"),
    ],
)
def test_an_impossible_extra_item_is_refused_with_a_reason(name, options, key):
    with pytest.raises(DrillChecklistError) as caught:
        add_extra_item(items_of("c1"), name, **options)
    assert caught.value.key == key and isinstance(caught.value, DrillError)


def test_an_evaluator_sees_the_items_of_their_roles_and_of_no_role():
    checklist = items_of(
        "c1, c2, c3, c4",
        c1={"roles": ("r1",)},
        c2={"roles": ("r2", "r1")},
        c3={"roles": ()},
        c4={"roles": ("r3",)},
    )
    assert [i.id for i in items_for_roles(checklist, ["r2"])] == ["c2", "c3"]
    assert [i.id for i in items_for_roles(checklist, None)] == ["c1", "c2", "c3", "c4"]


def test_items_are_grouped_by_phase_in_the_order_of_a_response():
    checklist = items_of(
        "c1, c2, c3", c1={"phase": "disposal"}, c2={"phase": "report"}, c3={"phase": "disposal"}
    )
    groups = group_by_phase(checklist)
    assert list(groups) == ["report", "disposal"]
    assert [i.id for i in groups["disposal"]] == ["c1", "c3"]


def test_a_measure_written_twice_is_one_item_owned_by_both():
    """The same measure under two headings (numbering aside) is one item; owners join."""
    plan = plan_of("a→b→c", c={"text": "（3）a 的原文", "roles": ("r2",)})
    items = derive_checklist(plan)
    assert [item.step_id for item in items] == ["a", "b"]
    assert items[0].roles == ("r1", "r2")


def test_a_regenerated_checklist_keeps_the_directors_items_on_the_new_ids():
    from drills.checklist import regenerate_checklist

    plan = plan_of("a→b→c", b={"levels": ("I",)})
    first = derive_checklist(plan, level="I")  # a=c1, b=c2, c=c3
    first = add_extra_item(first, "清点人数", after=("c2",), time_from="c3")
    first = add_extra_item(first, "复核", after=("c1", "c4"))
    again = regenerate_checklist(first, plan, level="II")  # b is not at level II: a=c1, c=c2
    assert [(i.id, i.step_id or i.name) for i in again] == [
        ("c1", "a"),
        ("c2", "c"),
        ("c3", "清点人数"),
        ("c4", "复核"),
    ]
    extra, second = again[2], again[3]
    assert extra.after == () and extra.time_from == "c2"  # b is gone; c moved to c2
    assert second.after == ("c1", "c3")
    assert [i.position for i in again] == [0, 1, 2, 3]


def test_roles_taking_part_with_no_item_are_named():
    from drills.checklist import roles_without_items

    plan = plan_of("a→b", b={"roles": ("r2",)})
    items = derive_checklist(plan, roles=("r1", "r2", "r3"))
    assert roles_without_items(items, ("r1", "r2", "r3")) == ["r3"]
    assert roles_without_items(items, None) == []
