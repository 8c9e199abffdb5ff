"""Comparing two versions of a plan: what was added, removed, changed or only re-numbered."""

from __future__ import annotations

from dataclasses import replace

import pytest

from i18n import t
from plans.diff import diff_plans, summary_rows
from plans.model import Level, Plan, Role, Step, TimePart

OLD = Plan(
    "危险化学品泄漏应急预案",
    roles=(
        Role("r1", "总指挥", responsibilities=("决定启动响应",)),
        Role("r2", "值班室", aliases=("总值班室",), parent="r1"),
        Role("r3", "抢险救援组", parent="r1"),
    ),
    levels=(Level("I", "Ⅰ级响应", "死亡3人以上"), Level("II", "Ⅱ级响应", "死亡3人以下")),
    steps=(
        Step("s1", "接警报告", "接到报警后立即报告", ("r2",), "report", 10),
        Step("s2", "启动响应", "总指挥决定启动响应", ("r1",), "activation", 30, after=("s1",)),
        Step("s3", "现场抢险", "开展抢险", ("r3",), "disposal", 60, ("I",), ("s2",)),
    ),
)


def with_steps(plan: Plan, *steps: Step) -> Plan:
    return replace(plan, steps=steps)


def test_the_same_plan_has_no_differences():
    diff = diff_plans(OLD, OLD)
    assert diff.is_empty and summary_rows(diff) == []


@pytest.mark.parametrize(
    ("field", "value", "before", "after"),
    [
        ("name", "先期报告", "接警报告", "先期报告"),
        ("text", "接到报警后5分钟内报告", "接到报警后立即报告", "接到报警后5分钟内报告"),
        ("roles", ("r2", "r1"), "值班室 (r2)", "值班室 (r2)和总指挥 (r1)"),
        ("phase", "initial", "信息报告", "先期处置"),
        ("time_limit_min", 5, "10 分钟", "5 分钟"),
        ("time_limit_min", None, "10 分钟", "无"),
        ("levels", ("II",), "全部级别", "Ⅱ级响应 (II)"),
        ("support", ("r3",), "无", "抢险救援组 (r3)"),
        ("phase", "上报", "信息报告", "上报"),  # a phase the catalogue does not know
        ("time_from", "response_end", "事发（T0）", "响应结束"),
        ("frequency_min", 120, "无", "每 120 分钟"),
        (
            "time_parts",
            (TimePart(10, "10分钟内电话"), TimePart(60, "1小时内书面")),
            "无",
            "10 分钟 (10分钟内电话)和60 分钟 (1小时内书面)",
        ),
    ],
)
def test_a_changed_step_field_is_shown_before_and_after(field, value, before, after):
    new = with_steps(OLD, replace(OLD.steps[0], **{field: value}), *OLD.steps[1:])
    diff = diff_plans(OLD, new)
    (item,) = diff.changes
    assert (item.kind, item.change, item.old_id, item.new_id) == ("step", "changed", "s1", "s1")
    (row,) = summary_rows(diff, "zh")
    assert row["field"] and (row["before"], row["after"]) == (before, after)


@pytest.mark.parametrize(
    ("field", "value", "before", "after"),
    [
        ("name", "现场指挥部值班室", "值班室", "现场指挥部值班室"),
        ("aliases", ("总值班室", "值班"), "总值班室", "总值班室和值班"),
        ("parent", "r3", "总指挥 (r1)", "抢险救援组 (r3)"),
        ("responsibilities", ("接警",), "无", "接警"),
    ],
)
def test_a_changed_role_field_is_shown_before_and_after(field, value, before, after):
    new = replace(OLD, roles=(OLD.roles[0], replace(OLD.roles[1], **{field: value}), OLD.roles[2]))
    (row,) = summary_rows(diff_plans(OLD, new), "zh")
    assert (row["kind"], row["id"], row["change"]) == (
        t("common.role"),
        "r2",
        t("diff.change.changed"),
    )
    assert (row["before"], row["after"]) == (before, after)


def test_added_and_removed_steps_are_listed_once_each():
    new = with_steps(
        OLD,
        OLD.steps[0],
        OLD.steps[1],
        Step("s4", "疏散群众", "疏散周边群众", ("r3",), after=("s2",)),
    )
    diff = diff_plans(OLD, new)
    assert [(c.change, c.old_id, c.new_id) for c in diff.of("step")] == [
        ("removed", "s3", None),
        ("added", None, "s4"),
    ]
    rows = summary_rows(diff, "en")
    assert rows == [
        {
            "kind": "Step",
            "id": "s3",
            "name": "现场抢险",
            "change": "Removed",
            "field": "",
            "before": "现场抢险",
            "after": "",
        },
        {
            "kind": "Step",
            "id": "s4",
            "name": "疏散群众",
            "change": "Added",
            "field": "",
            "before": "",
            "after": "疏散群众",
        },
    ]


def test_renumbered_steps_are_matched_by_name_and_their_references_are_not_changes():
    """A step inserted at the front shifts every id by one: s1→s2, s2→s3, s3→s4."""
    inserted = Step("s1", "监测预警", "发布预警", ("r1",), "warning")
    shifted = [
        replace(s, id=f"s{int(s.id[1:]) + 1}", after=tuple(f"s{int(a[1:]) + 1}" for a in s.after))
        for s in OLD.steps
    ]
    diff = diff_plans(OLD, with_steps(OLD, inserted, *shifted))
    assert [(c.change, c.old_id, c.new_id, [f.field for f in c.fields]) for c in diff.changes] == [
        ("changed", "s1", "s2", ["id"]),
        ("changed", "s2", "s3", ["id"]),
        ("changed", "s3", "s4", ["id"]),
        ("added", None, "s1", []),
    ]
    assert summary_rows(diff)[0]["field"] == t("col.id")


def test_a_renamed_step_that_keeps_its_id_is_a_change_not_a_swap():
    renamed = replace(OLD.steps[2], name="抢险救援", text="组织抢险救援")
    diff = diff_plans(OLD, with_steps(OLD, *OLD.steps[:2], renamed))
    (item,) = diff.changes
    assert (item.old_id, item.new_id, [f.field for f in item.fields]) == (
        "s3",
        "s3",
        ["name", "text"],
    )


def test_renumbered_roles_keep_their_steps_unchanged():
    roles = tuple(
        replace(r, id=r.id.replace("r", "role"), parent=r.parent and r.parent.replace("r", "role"))
        for r in OLD.roles
    )
    steps = tuple(
        replace(s, roles=tuple(x.replace("r", "role") for x in s.roles)) for s in OLD.steps
    )
    diff = diff_plans(OLD, replace(OLD, roles=roles, steps=steps))
    assert {c.kind for c in diff.changes} == {"role"}
    assert all([f.field for f in c.fields] == ["id"] for c in diff.changes)


def test_the_order_of_predecessors_and_levels_is_not_a_change():
    old = with_steps(
        OLD,
        *OLD.steps,
        Step("s4", "终止", "终止", ("r1",), "termination", levels=("I", "II"), after=("s2", "s3")),
    )
    new = with_steps(
        OLD,
        *OLD.steps,
        Step("s4", "终止", "终止", ("r1",), "termination", levels=("II", "I"), after=("s3", "s2")),
    )
    assert diff_plans(old, new).is_empty


def test_the_order_of_owners_is_a_change_because_the_lead_comes_first():
    old = with_steps(OLD, replace(OLD.steps[0], roles=("r2", "r3")))
    new = with_steps(OLD, replace(OLD.steps[0], roles=("r3", "r2")))
    (item,) = diff_plans(old, new).changes
    assert [f.field for f in item.fields] == ["roles"]


def test_a_new_predecessor_is_shown_by_name():
    new = with_steps(OLD, *OLD.steps[:2], replace(OLD.steps[2], after=("s1", "s2")))
    (row,) = summary_rows(diff_plans(OLD, new), "zh")
    assert (row["field"], row["before"], row["after"]) == (
        t("col.after"),
        "启动响应 (s2)",
        "接警报告 (s1)和启动响应 (s2)",
    )


def test_levels_and_the_plan_itself_are_compared_too():
    new = replace(
        OLD,
        title="危险化学品泄漏事故应急预案",
        levels=(replace(OLD.levels[0], condition="死亡10人以上"), Level("III", "Ⅲ级")),
    )
    rows = summary_rows(diff_plans(OLD, new), "en")
    assert [(r["kind"], r["id"], r["change"], r["field"]) for r in rows] == [
        ("Plan", "", "Changed", "Title"),
        ("Response level", "I", "Changed", "Starting condition"),
        ("Response level", "II", "Removed", ""),
        ("Response level", "III", "Added", ""),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_rows_have_the_same_columns_in_both_languages(lang):
    new = with_steps(
        OLD, replace(OLD.steps[0], phase="warning", time_from="trigger"), *OLD.steps[1:]
    )
    rows = summary_rows(diff_plans(OLD, new), lang)
    assert all(
        list(r) == ["kind", "id", "name", "change", "field", "before", "after"] for r in rows
    )
    assert all("⟦" not in value for r in rows for value in r.values())
    assert {r["field"] for r in rows} == {
        t("col.phase", lang=lang),
        t("diff.field.time_from", lang=lang),
    }
