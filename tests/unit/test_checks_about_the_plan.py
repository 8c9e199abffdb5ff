"""Checks speak about the plan: follow-on findings sit under their cause, each check says how to
clear it, idle roles are really idle, each level has its own critical path, and limits counted
from a trigger cause no timing conflicts."""

from __future__ import annotations

import pytest

from plans.checks import Defect, check_plan, critical_path_by_level, open_errors
from plans.model import Level, Role, Step
from tests.unit.sound_plan import SOUND, edit


def top(plan, code: str) -> list[Defect]:
    return [f for f in check_plan(plan) if f.code == code]


# (what, plan, cause code, follow-on code, follow-on targets)
GROUPS = [
    (
        "without any report step, each activation's missing report follows from it",
        edit(
            s1={"phase": "warning"},
            add=(
                Step("s6", "扩大响应", "总指挥决定扩大响应", ("r1",), "activation", after=("s2",)),
            ),
        ),
        "no_report_step",
        "activation_without_report",
        {"s2", "s6"},
    ),
    (
        "steps that follow a cycle nobody enters are listed under the cycle",
        #   s6 ⇄ s7 → s8
        edit(
            add=(
                Step("s6", "值守", "值守", ("r2",), after=("s7",)),
                Step("s7", "巡查", "巡查", ("r2",), after=("s6",)),
                Step("s8", "记录", "记录", ("r2",), after=("s7",)),
            )
        ),
        "cycle",
        "unreachable",
        {"s6", "s7", "s8"},
    ),
    (
        "report steps without a time limit are one finding listing them",
        edit(
            s1={"time_limit_min": None},
            add=(Step("s6", "续报", "及时续报", ("r2",), "report", after=("s2",)),),
        ),
        "reports_without_time_limit",
        "report_without_time_limit",
        {"s1", "s6"},
    ),
    (
        "activations that no report precedes are one finding listing them",
        edit(
            s2={"after": ()},
            add=(Step("s6", "扩大响应", "总指挥决定扩大响应", ("r1",), "activation"),),
        ),
        "activations_without_report",
        "activation_without_report",
        {"s2", "s6"},
    ),
    (
        "idle roles are one finding listing them",
        edit(add=(Role("r8", "新闻组"), Role("r9", "后勤组"))),
        "roles_without_steps",
        "role_without_steps",
        {"r8", "r9"},
    ),
]


@pytest.mark.parametrize(("what", "plan", "cause", "follow", "targets"), GROUPS)
def test_follow_on_findings_are_listed_under_their_cause(what, plan, cause, follow, targets):
    (finding,) = top(plan, cause)
    assert {f.target_id for f in finding.consequences} == targets
    assert {f.code for f in finding.consequences} == {follow}
    assert not top(plan, follow), "a follow-on finding is not repeated on its own"
    for lang in ("zh", "en"):
        assert "⟦" not in finding.message(lang) + finding.hint(lang)


def test_one_activation_without_report_stays_a_finding_of_its_own():
    assert [f.target_id for f in top(edit(s2={"after": ()}), "activation_without_report")] == ["s2"]


def test_errors_are_never_merged_so_that_each_can_be_waived():
    plan = edit(s3={"roles": ()}, s4={"roles": ()})
    assert [f.target_id for f in open_errors(check_plan(plan))] == ["s3", "s4"]


def test_every_finding_says_how_to_clear_it():
    plan = edit(
        s1={"phase": "warning", "time_limit_min": None},
        s2={"after": ("s1", "s5")},
        s3={"roles": ("r9",), "levels": ("III",)},
        add=(Role("r8", "新闻组", parent="r0"),),
    )
    for finding in [g for f in check_plan(plan) for g in (f, *f.consequences)]:
        for lang in ("zh", "en"):
            assert not finding.hint(lang).startswith("⟦"), finding.code


# (what, plan, role, severity or None for no finding)
IDLE = [
    ("an owner acts", SOUND, "r3", None),
    ("a supporting role acts", edit(s3={"support": ("r9",)}, add=(Role("r9", "x"),)), "r9", None),
    (
        "a headquarters acts through its groups, however deep",
        edit(
            add=(Role("r0", "应急指挥部"), Role("r5", "专项工作组", parent="r0")),
            r3={"parent": "r5"},
        ),
        "r0",
        None,
    ),
    (
        "a member of an acting group is a note: the group's steps may be its duties",
        edit(add=(Role("r9", "成员单位甲", parent="r3"),)),
        "r9",
        "info",
    ),
    (
        "a role that is only notified is a note",
        edit(s1={"notifies": ("r9",)}, add=(Role("r9", "总值班室"),)),
        "r9",
        "info",
    ),
    ("a role nobody mentions is a warning", edit(add=(Role("r9", "新闻组"),)), "r9", "warning"),
]


@pytest.mark.parametrize(("what", "plan", "role", "severity"), IDLE, ids=[c[0] for c in IDLE])
def test_only_roles_that_take_no_part_are_flagged_idle(what, plan, role, severity):
    found = [
        g
        for f in check_plan(plan)
        for g in (f, *f.consequences)
        if g.code == "role_without_steps" and g.target_id == role
    ]
    assert [f.severity for f in found] == ([severity] if severity else [])


def test_the_critical_path_of_a_level_leaves_out_the_steps_of_other_levels():
    """I: s1 → s2 → s3(I, 60) → s5        II: s1 → s2 → s4(II, 90) → s5
    s4 is the slowest step of the plan, yet level I's path never passes it."""
    paths = critical_path_by_level(SOUND)
    assert "s4" not in paths["I"][1] and "s3" not in paths["II"][1]
    assert paths["I"][0] == 60


def test_levels_with_the_same_critical_path_share_one_finding():
    plan = edit(
        add=(Level("III", "Ⅲ级响应"),),
        s3={"levels": ()},
        s4={"levels": (), "time_limit_min": 20},
    )
    (finding,) = top(plan, "critical_path")
    assert finding.message("en").startswith("Critical path (all levels): 60 minutes")
    two = edit(s3={"levels": ()}, s4={"levels": ("II",), "time_limit_min": 20})
    (finding,) = top(two, "critical_path")
    assert "all levels" in finding.message("en")


# (what, the step's time fields after s1 (10 min from T0) → s2): none is a conflict
RELATIVE = [
    ("立即: at once after its trigger", {"time_limit_min": 0, "time_from": "trigger"}),
    ("5 minutes after it is received", {"time_limit_min": 5, "time_from": "trigger"}),
    ("5 minutes after step s1", {"time_limit_min": 5, "time_from": "s1"}),
    ("an after-the-fact deadline", {"time_limit_min": 5, "time_from": "response_end"}),
]


@pytest.mark.parametrize(("what", "fields"), RELATIVE, ids=[c[0] for c in RELATIVE])
def test_limits_counted_from_a_trigger_make_no_timing_conflict(what, fields):
    plan = edit(s2=fields)
    assert "deadline_before_predecessor" not in {f.code for f in check_plan(plan)}


def test_immediately_after_a_report_is_due_when_the_report_is():
    """s1 (10 min from T0) → s2 立即: due at minute 10, not at T0."""
    plan = edit(s2={"time_limit_min": 0, "time_from": "trigger"}, s3={"time_limit_min": None})
    assert critical_path_by_level(plan)["I"][0] == 10


def test_a_finding_key_is_the_same_in_every_language_and_names_its_row():
    plan = edit(s3={"roles": ("r9",)})
    (finding,) = open_errors(check_plan(plan))
    assert finding.key == "unknown_role:step:s3:roles:r9"
    assert finding.key == open_errors(check_plan(edit(s3={"roles": ("r9",)})))[0].key
