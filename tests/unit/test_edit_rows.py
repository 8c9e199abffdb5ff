"""Edits from the plan editor's step table: a limit typed by hand replaces the text's reading."""

from __future__ import annotations

from plans.edit import apply_step_rows
from plans.model import Plan, Role, Step, TimePart

PLAN = Plan(
    title="某预案",
    roles=(Role("r1", "办公室"),),
    steps=(
        Step(
            "s1",
            "报告",
            "30分钟内电话报告、1小时内书面报告",
            roles=("r1",),
            phase="report",
            time_limit_min=30,
            time_parts=(TimePart(30, "30分钟内电话报告"), TimePart(60, "1小时内书面报告")),
            time_text="30分钟内电话报告、1小时内书面报告",
        ),
    ),
)


def _row(limit):
    return {
        "id": "s1",
        "name": "报告",
        "text": "30分钟内电话报告、1小时内书面报告",
        "roles": "r1",
        "phase": "report",
        "levels": "",
        "time_limit_min": limit,
        "after": "",
    }


def test_a_changed_time_limit_drops_the_parts_read_from_the_text():
    step = apply_step_rows(PLAN, [_row(15)], ["s1"]).plan.steps[0]
    assert step.time_limit_min == 15
    assert step.time_parts == () and step.time_text == ""


def test_an_unchanged_time_limit_keeps_its_parts():
    step = apply_step_rows(PLAN, [_row(30)], ["s1"]).plan.steps[0]
    assert len(step.time_parts) == 2 and step.time_text.startswith("30分钟内")
