"""Checks of a drill design against its plan, the proof of blindness, and the drill
messages in both languages."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

import i18n
from drills.blindness import blindness_summary
from drills.checklist import derive_checklist
from drills.model import Blinding, DrillDesign, EvaluatorAssignment, Inject, RevealEvent, Scenario
from drills.validate import blocking, check_design
from i18n import keys as message_keys
from tests.drill_samples import at, plan_of

PLAN = plan_of("a→b→c", b={"roles": ("r2",)}, c={"roles": ("r3",)})
DESIGN = DrillDesign(
    title="双盲演练",
    version_id=1,
    participating_roles=("r1", "r2", "r3"),
    level="I",
    scenario=Scenario(expected_level="II"),
    planned_start=at(0),
    planned_end=at(120),
    checklist=derive_checklist(PLAN),
    injects=(Inject("i1", "接警", to_roles=("r1",), expected_steps=("c1",)),),
    evaluators=(EvaluatorAssignment("eva", roles=("r2",)),),
    directors=("director",),
)
ROOT = Path(__file__).resolve().parents[2]


def keys(problems) -> list[str]:
    return [p.key for p in problems]


def test_a_sound_design_has_no_problems():
    assert check_design(DESIGN, PLAN) == []


@pytest.mark.parametrize(
    ("changes", "key", "params"),
    [
        ({"checklist": (), "injects": ()}, "drills.check.no_items", {}),
        ({"directors": ()}, "drills.check.no_director", {}),
        (
            {"evaluators": (EvaluatorAssignment("eva"),)},
            "drills.check.evaluator_without_share",
            {"user": "eva"},
        ),
        (
            {"evaluators": (EvaluatorAssignment("eva", roles=("r9",)),)},
            "drills.check.unknown_evaluator_role",
            {"user": "eva", "role": "r9"},
        ),
        ({"planned_end": at(-5)}, "drills.check.window_reversed", {}),
        ({"planned_end": at(0)}, "drills.check.window_reversed", {}),
        ({"level": "V"}, "drills.check.unknown_level", {"level": "V"}),
        (
            {"scenario": Scenario(expected_level="V")},
            "drills.check.unknown_expected_level",
            {"level": "V"},
        ),
        (
            {"participating_roles": ("r1", "消防队")},
            "drills.check.unknown_participating_role",
            {"role": "消防队"},
        ),
        (
            {"injects": (Inject("i1", "接警", to_roles=("r9",)),)},
            "drills.check.inject_role_unknown",
            {"inject": "i1", "role": "r9"},
        ),
        (
            {"injects": (Inject("i1", "接警", expected_steps=("c9",)),)},
            "drills.check.inject_step_unknown",
            {"inject": "i1", "item": "c9"},
        ),
        (
            {"injects": (Inject("i1", "接警"), Inject("i1", "又一个"))},
            "drills.check.duplicate_inject",
            {"inject": "i1"},
        ),
    ],
)
def test_each_problem_of_a_design_is_found(changes, key, params):
    problems = check_design(replace(DESIGN, **changes), PLAN)
    assert keys(problems) == [key]
    assert dict(problems[0].params) == params
    assert blocking(problems) == problems


@pytest.mark.parametrize(
    ("item_changes", "key"),
    [
        ({"step_id": "zz"}, "drills.check.item_step_unknown"),
        ({"roles": ("r9",)}, "drills.check.item_role_unknown"),
        ({"after": ("c9",)}, "drills.check.item_ref_unknown"),
        ({"time_from": "c9"}, "drills.check.item_ref_unknown"),
        ({"id": "c1"}, "drills.check.duplicate_item"),
    ],
)
def test_a_checklist_item_out_of_step_with_the_plan_is_found(item_changes, key):
    checklist = list(DESIGN.checklist)
    checklist[1] = replace(checklist[1], **item_changes)
    assert key in keys(check_design(replace(DESIGN, checklist=tuple(checklist)), PLAN))


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        (
            {"participating_roles": ("r2",), "injects": (Inject("i1", "接警", to_roles=("r1",)),)},
            "drills.check.inject_role_not_taking_part",
        ),
    ],
)
def test_doubtful_choices_are_warnings_that_do_not_block(changes, key):
    problems = check_design(replace(DESIGN, **changes), PLAN)
    assert keys(problems) == [key] and blocking(problems) == []


def test_errors_come_before_warnings_and_all_are_reported_at_once():
    problems = check_design(replace(DESIGN, evaluators=(), directors=(), level="V"), PLAN)
    assert keys(problems) == [
        "drills.check.no_director",
        "drills.check.no_evaluators",
        "drills.check.unknown_level",
    ]


def reveal(kind: str, minute: float, person: str = "") -> RevealEvent:
    return RevealEvent(kind, at(minute), person=person, by="director")


def test_the_blindness_proof_names_what_was_withheld_and_who_could_see_it_when():
    design = replace(
        DESIGN,
        blinding=Blinding(withhold_place=False, notified_units=("消防大队",)),
        evaluation_leads=("lead",),
    )
    log = [
        reveal("created", -300),
        reveal("sealed", -200),
        reveal("insider_added", -150, "safety_officer"),
        reveal("viewed", -100, "director"),
        reveal("viewed", -90, "safety_officer"),
        reveal("insider_removed", -60, "safety_officer"),
        reveal("viewed", -30, "safety_officer"),  # no longer an insider
        reveal("viewed", -20, "eva"),  # evaluators were not let in before the start
        reveal("revealed", 0),
        reveal("viewed", 5, "participant"),  # after the start: no matter
    ]
    summary = blindness_summary(design, log)
    assert not summary["double_blind"]
    assert summary["withheld"] == ["time", "scenario", "subject"]
    assert summary["disclosed"] == ["place"]
    assert summary["notified_units"] == ["消防大队"]
    assert (summary["created_at"], summary["sealed_at"], summary["revealed_at"]) == (
        at(-300),
        at(-200),
        at(0),
    )
    assert summary["insiders"] == [
        {"person": "director", "as": "director", "since": at(-300), "until": None},
        {"person": "safety_officer", "as": "granted", "since": at(-150), "until": at(-60)},
    ]
    assert len(summary["views_before_start"]) == 4
    assert summary["seen_by_outsiders"] == ["safety_officer", "eva"]


def test_evaluators_let_in_before_the_start_are_insiders_from_the_sealing():
    design = replace(DESIGN, blinding=Blinding(evaluators_see_before_start=True))
    summary = blindness_summary(design, [reveal("sealed", -60), reveal("viewed", -30, "eva")])
    assert summary["double_blind"]
    assert {"person": "eva", "as": "evaluator", "since": at(-60), "until": None} in summary[
        "insiders"
    ]
    assert summary["seen_by_outsiders"] == [] and summary["revealed_at"] is None


KEY_IN_CODE = re.compile(r"""["'](drills\.[a-z_]+\.?[a-z0-9_.]*)["']""")


def test_every_drill_message_key_used_in_the_code_exists_in_both_languages():
    used = {
        key
        for path in (ROOT / "drills").glob("*.py")
        for key in KEY_IN_CODE.findall(path.read_text(encoding="utf-8"))
        if not key.endswith((".py", "."))  # "drills.type." + a value: a dynamic key
    }
    assert used and not [key for key in used if not i18n.has(key)]
    for key in (k for k in message_keys() if k.startswith("drills.")):
        assert re.search(r"[\u4e00-\u9fff]", i18n.t(key, lang="zh")), key
        assert i18n.t(key, lang="en"), key


def test_a_drill_without_evaluators_cannot_be_sealed_nobody_could_score_it():
    problems = check_design(replace(DESIGN, evaluators=()), PLAN)
    assert keys(blocking(problems)) == ["drills.check.no_evaluators"]
