"""check_plan reports every defect at once; each check is triggered by one edit of a sound plan
and left silent by a near miss."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError, replace

import pytest

import i18n
from plans.checks import Defect, check_plan, critical_path_by_level
from plans.model import Level, Plan, Role, Step
from tests.unit.sound_plan import SOUND, STEPS, edit


def every_finding(plan: Plan) -> list[Defect]:
    """check_plan's findings with the follow-on findings listed under each cause."""
    return [g for f in check_plan(plan) for g in (f, *f.consequences)]


def codes(plan: Plan) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in every_finding(plan):
        found.setdefault(finding.code, set()).add(finding.target_id)
    return found


# (code, severity, target, plan that triggers it, near miss that does not)
CASES = [
    ("no_steps", "error", "", edit(drop="s1 s2 s3 s4 s5"), SOUND),
    ("no_roles", "error", "", replace(SOUND, roles=()), SOUND),
    ("duplicate_step_id", "error", "s1", edit(add=(Step("s1", "再次报告", "再报"),)), SOUND),
    ("duplicate_role_id", "error", "r2", edit(add=(Role("r2", "值班员"),)), SOUND),
    ("duplicate_level_id", "error", "I", edit(add=(Level("I", "一级"),)), SOUND),
    ("unknown_role", "error", "s3", edit(s3={"support": ("r9",)}), edit(s3={"support": ("r4",)})),
    ("unknown_role", "error", "s2", edit(s2={"notifies": ("r9",)}), edit(s2={"notifies": ("r3",)})),
    ("unknown_role", "error", "s1", edit(s1={"roles": ("r9",)}), SOUND),
    ("unknown_step", "error", "s2", edit(s2={"after": ("s1", "s9")}), SOUND),
    ("unknown_step", "error", "s3", edit(s3={"time_from": "s9"}), edit(s3={"time_from": "s2"})),
    # an after-the-fact deadline counts from the end of the response, which is no step
    (
        "unknown_step",
        "error",
        "s5",
        edit(s5={"time_from": "s9", "time_limit_min": 21600}),
        edit(s5={"time_from": "response_end", "time_limit_min": 21600}),
    ),
    ("unknown_level", "error", "s3", edit(s3={"levels": ("III",)}), edit(s3={"levels": ("II",)})),
    ("unknown_parent", "error", "r3", edit(r3={"parent": "r9"}), edit(r3={"parent": "r1"})),
    (
        "role_parent_cycle",
        "error",
        "r2",
        edit(r2={"parent": "r3"}, r3={"parent": "r2"}),
        edit(r2={"parent": "r1"}, r3={"parent": "r1"}),
    ),
    ("step_without_owner", "error", "s3", edit(s3={"roles": ()}), edit(s3={"support": ()})),
    ("report_without_owner", "error", "s1", edit(s1={"roles": ()}), SOUND),
    ("activation_without_owner", "error", "s2", edit(s2={"roles": ()}), SOUND),
    (
        "report_without_time_limit",
        "warning",
        "s1",
        edit(s1={"time_limit_min": None}),
        edit(s1={"time_limit_min": 0}),
    ),
    (
        "invalid_time_limit",
        "error",
        "s3",
        edit(s3={"time_limit_min": -5}),
        edit(s3={"time_limit_min": 0}),
    ),
    ("unknown_phase", "warning", "s3", edit(s3={"phase": "处置"}), SOUND),
    ("no_report_step", "warning", "", edit(s1={"phase": "warning"}), SOUND),
    ("no_activation", "warning", "", edit(s2={"phase": "command"}), SOUND),
    ("no_termination", "warning", "", edit(s5={"phase": "recovery"}), SOUND),
    (
        "activation_without_report",
        "warning",
        "s2",
        edit(s2={"after": ()}),
        # a report two steps earlier is enough
        edit(s2={"after": ("s0",)}, add=(Step("s0", "核实", "核实情况", ("r2",), after=("s1",)),)),
    ),
    (
        "role_without_steps",
        "warning",
        "r4",
        edit(drop="s4", s5={"after": ("s3",)}),
        edit(s3={"support": ("r4",)}, drop="s4", s5={"after": ("s3",)}),
    ),
    (
        "level_without_steps",
        "warning",
        "II",
        edit(drop="s4 s5 r4", s1={"levels": ("I",)}, s2={"levels": ("I",)}),
        edit(drop="s4 r4"),  # s5 applies at every level
    ),
    (
        "level_not_named",
        "info",
        "II",
        edit(drop="s4 r4", s5={"after": ("s3",)}),
        edit(s3={"levels": ()}, s4={"levels": ()}),  # no step names a level: nothing to compare
    ),
    ("cycle", "error", "s2", edit(s2={"after": ("s1", "s5")}), SOUND),
    (
        "unreachable",
        "warning",
        "s6",
        edit(
            add=(
                Step("s6", "值守", "值守", ("r2",), after=("s7",)),
                Step("s7", "巡查", "巡查", ("r2",), after=("s6",)),
            )
        ),
        # a start step leads into this cycle: it is a cycle, not an unreachable step
        edit(
            add=(
                Step("s6", "值守", "值守", ("r2",), after=("s7", "s1")),
                Step("s7", "巡查", "巡查", ("r2",), after=("s6",)),
            )
        ),
    ),
    (
        "deadline_before_predecessor",
        "warning",
        "s2",
        edit(s2={"time_limit_min": 5}),
        # different clocks cannot be compared
        edit(s2={"time_limit_min": 5, "time_from": "trigger"}),
    ),
    (
        "duplicate_step",
        "warning",
        "s6",
        edit(add=(Step("s6", "抢险", "（2）抢险救援组开展抢险。", ("r3",), levels=("I",)),)),
        # the same words at another level are an alternative, not a duplicate
        edit(add=(Step("s6", "抢险", "（2）抢险救援组开展抢险。", ("r3",), levels=("II",)),)),
    ),
    (
        "critical_path",
        "info",
        "I",
        SOUND,
        edit(
            s1={"time_limit_min": None},
            s2={"time_limit_min": None},
            s3={"time_limit_min": None},
            s4={"time_limit_min": None},
        ),
    ),
    (
        "critical_path_untimed",
        "info",
        "",
        replace(
            SOUND, levels=(), steps=tuple(replace(s, time_limit_min=None, levels=()) for s in STEPS)
        ),
        SOUND,
    ),
    (
        "critical_path_concentrated",
        "info",
        "r1",
        edit(s3={"roles": ("r1",)}, s4={"roles": ("r1", "r4")}),
        SOUND,
    ),
]
IDS = [f"{c[0]}-{c[2] or 'plan'}" for c in CASES]


def test_a_sound_plan_has_no_errors_and_no_warnings():
    assert {f.severity for f in check_plan(SOUND)} == {"info"}
    assert set(codes(SOUND)) == {"critical_path"}


@pytest.mark.parametrize(("code", "severity", "target", "bad", "good"), CASES, ids=IDS)
def test_each_check_reports_its_defect(code, severity, target, bad, good):
    found = [f for f in every_finding(bad) if f.code == code and f.target_id == target]
    assert found, f"{code} not reported: {codes(bad)}"
    assert {f.severity for f in found} == {severity}


@pytest.mark.parametrize(("code", "severity", "target", "bad", "good"), CASES, ids=IDS)
def test_each_check_stays_silent_on_a_near_miss(code, severity, target, bad, good):
    assert not [f for f in every_finding(good) if f.code == code and f.target_id == target]


@pytest.mark.parametrize(("code", "severity", "target", "bad", "good"), CASES, ids=IDS)
def test_each_finding_reads_well_in_chinese_and_english(code, severity, target, bad, good):
    for finding in (f for f in every_finding(bad) if f.code == code):
        for lang in ("zh", "en"):
            text = finding.message(lang)
            assert not re.search(r"⟦|\{|\}|\['", text), text
            assert bool(re.search(r"[\u4e00-\u9fff]", text)) or lang == "en"
            assert not finding.target_id or finding.target_id in text, text


def test_a_finding_names_the_row_by_name_and_id():
    (finding,) = [f for f in check_plan(edit(s3={"roles": ()})) if f.code == "step_without_owner"]
    assert finding.message("zh") == "步骤 现场抢险 (s3) 没有负责角色：请指定牵头角色"
    assert finding.message("en") == "Step 现场抢险 (s3) has no owner: name the role that leads it"


def test_a_cycle_is_named_step_by_step_once_per_level_it_loops_in():
    """s2 waits for s5: I loops s2 → s3 → s5 → s2, II loops s2 → s4 → s5 → s2"""
    one, two = [f for f in check_plan(edit(s2={"after": ("s1", "s5")})) if f.code == "cycle"]
    assert one.params["steps"] == ["s2", "s3", "s5", "s2"]
    assert two.params["steps"] == ["s2", "s4", "s5", "s2"]
    assert "启动响应 (s2) → 现场抢险 (s3) → 终止响应 (s5) → 启动响应 (s2)" in one.message()


def test_every_problem_is_reported_at_once_errors_first():
    plan = edit(s1={"roles": (), "time_limit_min": None}, s3={"roles": ("r9",)}, s5={"phase": "x"})
    found = check_plan(plan)
    assert {
        "report_without_owner",
        "report_without_time_limit",
        "unknown_role",
        "unknown_phase",
        "no_termination",
    } <= {f.code for f in found}
    ranks = [("error", "warning", "info").index(f.severity) for f in found]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize("limit", [-5, float("nan"), float("inf"), "半小时"])
def test_an_impossible_time_limit_is_reported_and_ignored_by_the_critical_path(limit):
    plan = edit(s4={"time_limit_min": limit})
    assert "s4" in codes(plan)["invalid_time_limit"]
    assert critical_path_by_level(plan)["II"] == (30, ["s1", "s2", "s4", "s5"])


def test_steps_that_wait_on_each_other_only_across_levels_are_not_a_cycle():
    """I: s2 → s3 → s5        II: s2 → s4 → s5        plus s3(I) after s4(II) and s4 after s3"""
    plan = edit(s3={"after": ("s2", "s4")}, s4={"after": ("s2", "s3")})
    assert "cycle" not in codes(plan)
    assert "cycle" in codes(
        edit(s3={"after": ("s2", "s4")}, s4={"after": ("s2", "s3"), "levels": ("I", "II")})
    )


def test_an_empty_plan_says_it_has_no_steps_and_no_roles_and_nothing_else():
    assert {f.code for f in check_plan(Plan("空预案"))} == {"no_steps", "no_roles"}


def test_a_command_role_without_steps_of_its_own_or_its_groups_is_a_note_not_a_warning():
    plan = edit(add=(Role("r0", "应急指挥部", kind="command"),))
    (finding,) = [f for f in check_plan(plan) if f.code == "role_without_steps"]
    assert (finding.target_id, finding.severity) == ("r0", "info")


def test_the_critical_path_is_summed_up_per_level():
    assert critical_path_by_level(SOUND) == {
        "I": (60, ["s1", "s2", "s3", "s5"]),
        "II": (90, ["s1", "s2", "s4", "s5"]),
    }
    messages = [f.message("zh") for f in check_plan(SOUND) if f.code == "critical_path"]
    assert messages[1].startswith("关键路径（Ⅱ级响应 (II)）：90 分钟，4 个步骤：接警报告 (s1) →")


def test_a_plan_without_levels_has_one_critical_path_for_all_steps():
    plan = replace(SOUND, levels=(), steps=tuple(replace(s, levels=()) for s in STEPS))
    assert critical_path_by_level(plan) == {"*": (90, ["s1", "s2", "s4", "s5"])}
    (finding,) = [f for f in check_plan(plan) if f.code == "critical_path"]
    assert finding.message("en").startswith("Critical path (all levels): 90 minutes")


def test_a_level_whose_order_has_a_cycle_has_no_critical_path():
    plan = edit(s3={"after": ("s2", "s5")})
    assert set(critical_path_by_level(plan)) == {"II"}


def test_a_finding_is_a_frozen_hashable_value():
    finding = Defect("no_steps", "error", "plan", "", {"x": 1})
    with pytest.raises(FrozenInstanceError):
        finding.code = "other"  # type: ignore[misc]
    assert finding in {finding}


def test_every_finding_code_has_a_message_and_a_hint_in_both_languages():
    for code in {c[0] for c in CASES}:
        assert i18n.has(f"checks.{code}"), code
        assert i18n.has(f"checks.hint.{code}"), code
