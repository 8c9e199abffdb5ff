"""Editing one step at a time (the editor's grid changes and detail panel): plans/edit.py."""

from __future__ import annotations

import pytest

from plans import edit
from plans.errors import PlanValidationError
from plans.model import TimePart, replace
from tests.sample_plans import chemical_plan

IDS = ["s1", "s2", "s3", "s4"]


@pytest.mark.parametrize(
    ("edited", "step", "field", "expected"),
    [
        ({1: {"roles": ["r2", "r3"]}}, "s2", "roles", ("r2", "r3")),
        ({"2": {"phase": "command"}}, "s3", "phase", "command"),
        ({0: {"time_limit_min": None}}, "s1", "time_limit_min", None),
        ({3: {"after": ["s1", "s2"]}}, "s4", "after", ("s1", "s2")),
    ],
)
def test_a_grid_change_touches_only_its_row(edited, step, field, expected):
    plan = chemical_plan()
    changed = edit.apply_step_changes(plan, IDS, edited).plan
    assert getattr(changed.step(step), field) == expected
    others = [s for s in plan.steps if s.id != step]
    assert all(changed.step(s.id) == s for s in others)


def test_grid_rows_are_positions_in_the_filtered_grid():
    changed = edit.apply_step_changes(chemical_plan(), ["s3", "s4"], {1: {"name": "终止"}}).plan
    assert changed.step("s4").name == "终止" and changed.step("s3").name == "关闭泄漏阀门"


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"after": ["s2"]}, "plan.invalid.after_self"),
        ({"roles": ["r9"]}, "plan.invalid.unknown_role"),
        ({"time_from": "s9"}, "plan.invalid.unknown_time_from"),
        ({"time_from": "s2"}, "plan.invalid.after_self"),
        ({"frequency_min": -1}, "edit.bad_minutes"),
    ],
)
def test_an_impossible_change_of_one_step_is_refused(changes, key):
    with pytest.raises(PlanValidationError) as caught:
        edit.change_step(chemical_plan(), "s2", **changes)
    assert caught.value.key == key


def test_a_step_counts_its_time_from_another_step_and_repeats():
    changed = edit.change_step(chemical_plan(), "s3", time_from="s1", frequency_min=120).plan
    assert (changed.step("s3").time_from, changed.step("s3").frequency_min) == ("s1", 120)


def test_a_time_limit_typed_in_the_panel_replaces_the_parts_read_from_the_text():
    plan = chemical_plan()
    parts = (TimePart(10, "电话"), TimePart(60, "书面"))
    plan = replace(plan, steps=(replace(plan.steps[0], time_parts=parts), *plan.steps[1:]))
    assert edit.change_step(plan, "s1", time_limit_min=5).plan.step("s1").time_parts == ()
    assert edit.change_step(plan, "s1", phase="warning").plan.step("s1").time_parts == parts


def test_a_step_is_added_after_another_in_its_phase_and_deleted_with_its_links():
    added = edit.add_step(chemical_plan(), "s2", name="通知专家").plan
    assert [s.id for s in added.steps] == ["s1", "s2", "s5", "s3", "s4"]
    assert added.step("s5").phase == "activation"
    result = edit.delete_step(chemical_plan(), "s2")
    assert result.plan.step("s3").after == () and result.notes[0][0] == "edit.steps_deleted"


@pytest.mark.parametrize(
    ("text", "old", "new", "expected"),
    [
        (
            "指挥部办公室应在30分钟内电话报告，1小时内书面报告。",
            30,
            15,
            "指挥部办公室应在15分钟内电话报告，1小时内书面报告。",
        ),
        ("接报后一个半小时内报告", 90, 120, "接报后2小时内报告"),
        (
            "Notify the CIO within 2 hours of detection.",
            120,
            90,
            "Notify the CIO within 90 minutes of detection.",
        ),
        ("立即报告", 0, 5, None),  # 立即 is no number to restate
        ("应在30分钟内报告", 20, 5, None),  # the words say another limit: left alone
    ],
)
def test_a_deadline_in_the_words_is_restated(text, old, new, expected):
    from plans.timelimits import restate_deadline

    assert restate_deadline(text, old, new) == expected


def test_a_limit_changed_by_hand_rewrites_the_words_that_stated_the_old_one():
    plan = chemical_plan()
    step = plan.steps[0]
    plan = replace(
        plan,
        steps=(replace(step, text="接报后10分钟内报告指挥部", time_limit_min=10), *plan.steps[1:]),
    )
    result = edit.change_step(plan, step.id, time_limit_min=5)
    assert result.plan.step(step.id).text == "接报后5分钟内报告指挥部"
    assert ("edit.text_restated", {"steps": step.name}) in result.notes
    typed = edit.change_step(plan, step.id, time_limit_min=5, text="接报后尽快报告指挥部")
    assert typed.plan.step(step.id).text == "接报后尽快报告指挥部"  # typed words win
    assert not [n for n in typed.notes if n[0] == "edit.text_restated"]
