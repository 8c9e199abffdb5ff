"""The revision loop in values: flags from findings, due for revision, the revision record."""

from __future__ import annotations

import pytest

from drills.findings import Finding
from drills.revision import Flag, due_for_revision, flags_for, revision_record
from plans.model import Plan, Role, Step, replace


def plan(**step_changes) -> Plan:
    return Plan(
        title="仓库火灾现场处置方案",
        language="zh",
        roles=(Role("r1", "班长"), Role("r2", "消防队"), Role("r3", "值班室")),
        steps=(
            Step("s1", "报警", "班长立即报警。", roles=("r1",), phase="report", time_limit_min=30),
            replace(
                Step("s2", "灭火", "消防队扑救。", roles=("r2",), after=("s1",)), **step_changes
            ),
        ),
    )


def finding(fid="f1", **fields) -> Finding:
    fields = {
        "cause": "plan_defect",
        "grade": "deficiency",
        "status": "accepted",
        "step_id": "s1",
        "role_id": "r1",
    } | fields
    return Finding(fid, "报警超时", **fields)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, [("step", "s1")]),
        ({"step_id": None}, [("role", "r1")]),
        ({"grade": "must_fix", "status": "proposed"}, [("step", "s1")]),
        ({"grade": "improvement"}, []),
        ({"cause": "execution"}, []),
        ({"status": "rejected"}, []),
        ({"step_id": None, "role_id": None}, []),
    ],
)
def test_only_plan_defects_that_must_be_fixed_flag_their_step_or_role(fields, expected):
    assert [(f.kind, f.item_id) for f in flags_for([finding(**fields)])] == expected


def test_a_flag_carries_the_finding_and_the_drill():
    (flag,) = flags_for([finding(), finding()], drill_id=7)  # the same finding twice: one flag
    assert flag == Flag("step", "s1", "f1", "报警超时", drill_id=7)


@pytest.mark.parametrize(
    ("findings", "due"),
    [
        ([finding()], True),
        ([finding(grade="must_fix")], False),
        ([finding(status="proposed")], False),
        ([finding(cause="training")], False),
        ([], False),
    ],
)
def test_an_accepted_plan_defect_deficiency_makes_the_plan_due(findings, due):
    assert due_for_revision(findings) is due


STEP = Flag("step", "s1", "f1", "报警超时")
ROLE = Flag("role", "r2", "f2", "消防队职责不清")


@pytest.mark.parametrize(
    ("new", "flag", "lang", "change", "item"),
    [
        (plan(), STEP, "zh", "未修改", "步骤：报警"),
        (plan(), STEP, "en", "not changed", "Step: 报警"),
        (None, STEP, "zh", "时限 30 分钟 → 15 分钟", "步骤：报警"),
        (None, STEP, "en", "Time limit 30 min → 15 min", "Step: 报警"),
        (
            None,
            Flag("step", "s2", "f3", "x"),
            "zh",
            "负责角色 消防队 (r2) → 值班室 (r3)",
            "步骤：灭火",
        ),
        (
            None,
            Flag("step", "s2", "f3", "x"),
            "en",
            "Owners 消防队 (r2) → 值班室 (r3)",
            "Step: 灭火",
        ),
        (plan(), ROLE, "zh", "未修改", "角色：消防队"),
    ],
)
def test_the_record_says_what_changed_in_the_flagged_item(new, flag, lang, change, item):
    if new is None:
        old = plan()
        new = replace(
            old,
            steps=(replace(old.steps[0], time_limit_min=15), replace(old.steps[1], roles=("r3",))),
        )
    (row,) = revision_record(plan(), new, [flag], lang=lang, date="2026-12-01")
    assert row == {
        "finding": flag.finding_title,
        "change": change,
        "item": item,
        "date": "2026-12-01",
    }


def test_a_rewritten_text_is_named_not_quoted_and_the_owner_note_follows():
    new = plan(text="消防队到场后 5 分钟内出水扑救。")
    flag = Flag("step", "s2", "f3", "出水时间未规定", note="增加出水时限")
    (row,) = revision_record(plan(), new, [flag], lang="zh")
    assert row["change"] == "原文已修改（说明：增加出水时限）"


def test_a_removed_step_is_reported_as_removed():
    old = plan()
    new = replace(old, steps=old.steps[:1])
    (row,) = revision_record(old, new, [Flag("step", "s2", "f3", "灭火步骤多余")], lang="en")
    assert (row["change"], row["item"]) == ("removed", "Step: 灭火")


def test_several_changes_of_one_step_are_listed_together():
    new = plan(time_limit_min=20, phase="support")
    (row,) = revision_record(plan(), new, [Flag("step", "s2", "f3", "x")], lang="zh")
    assert row["change"] == "阶段 应急处置 → 应急保障；时限 无 → 20 分钟"
