"""What a drill design must satisfy to be stored (drills.validate.require_design and its shape
rules): a tidied design when it fits the plan, else every problem at once."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from drills.checklist import derive_checklist
from drills.errors import DrillProblemsError
from drills.model import ChecklistItem, DrillDesign, EvaluatorAssignment, Inject
from drills.validate import UNFINISHED, fits_part, minutes_ok, require_design, shape_problems
from tests.drill_samples import plan_of

PLAN = plan_of("a→b")
DESIGN = DrillDesign(
    title="Fire drill",
    version_id=1,
    checklist=derive_checklist(PLAN),
    evaluators=(EvaluatorAssignment("eva", roles=("r1",)),),
    directors=("director",),
)


def keys(problems) -> list[str]:
    return [p.key for p in problems]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (None, True),
        (0, True),
        (12.5, True),
        (-1, False),
        (math.inf, False),
        (math.nan, False),
        (True, False),
        ("5", False),
    ],
)
def test_minutes_are_none_or_a_finite_number_not_below_zero(value, ok):
    assert minutes_ok(value) is ok


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, []),
        ({"title": ""}, ["drills.design.no_title"]),
        ({"drill_type": "drone"}, ["drills_store.design.bad_type"]),
        ({"scope": "galactic"}, ["drills_store.design.bad_scope"]),
        ({"checklist": (ChecklistItem(" ", "call"),)}, ["drills_store.design.empty_item"]),
        ({"checklist": (ChecklistItem("c1", ""),)}, ["drills_store.design.empty_item"]),
        (
            {"checklist": (ChecklistItem("c1", "call", phase="lunch"),)},
            ["drills_store.design.bad_phase"],
        ),
        (
            {"checklist": (ChecklistItem("c1", "call", time_limit_min=-5),)},
            ["drills_store.design.bad_minutes"],
        ),
        ({"injects": (Inject("i1", ""),)}, ["drills_store.design.empty_inject"]),
        ({"injects": (Inject("i1", "call", kind="rumour"),)}, ["drills_store.design.bad_kind"]),
        (
            {"injects": (Inject("i1", "call", offset_min=math.inf),)},
            ["drills_store.design.bad_minutes"],
        ),
        (
            {"title": "", "scope": "x"},
            ["drills.design.no_title", "drills_store.design.bad_scope"],
        ),
    ],
)
def test_a_design_no_drill_can_have_is_reported_by_shape(change, expected):
    assert keys(shape_problems(replace(DESIGN, **change))) == expected


def test_a_fitting_design_comes_back_tidied():
    messy = replace(
        DESIGN,
        title="  Fire drill ",
        directors=(" director", "director", " "),
        evaluation_leads=("lead ", "lead"),
    )
    tidy = require_design(messy, PLAN)
    assert (tidy.title, tidy.directors, tidy.evaluation_leads) == (
        "Fire drill",
        ("director",),
        ("lead",),
    )


def test_a_design_without_checklist_gets_the_plans_while_designing():
    assert require_design(replace(DESIGN, checklist=()), PLAN).checklist == DESIGN.checklist


def test_an_unfinished_design_is_stored_while_designing_but_not_sealed():
    unfinished = replace(DESIGN, evaluators=())
    assert require_design(unfinished, PLAN).evaluators == ()
    with pytest.raises(DrillProblemsError) as refused:
        require_design(unfinished, PLAN, sealing=True)
    assert set(keys(refused.value.problems)) <= UNFINISHED


def test_every_problem_of_a_design_is_raised_at_once():
    bad = replace(
        DESIGN, title=" ", directors=(), checklist=(ChecklistItem("c1", "call", step_id="nowhere"),)
    )
    with pytest.raises(DrillProblemsError) as refused:
        require_design(bad, PLAN)
    assert keys(refused.value.problems) == [
        "drills.design.no_title",
        "drills.check.no_director",
        "drills.check.item_step_unknown",
    ]
    assert refused.value.key == "drills.design.no_title"


@pytest.mark.parametrize(
    ("part", "roles", "user_unit", "fits"),
    [
        ("director", {"drill_director"}, "north", True),
        ("director", {"drill_director"}, "south", False),
        ("director", {"evaluation_lead"}, "north", False),
        ("evaluation_lead", {"evaluation_lead"}, "south", True),
        ("evaluation_lead", {"evaluator"}, "north", False),
        ("evaluator", {"evaluator"}, "south", True),
        ("evaluator", {"evaluation_lead"}, "north", True),
        ("evaluator", {"plan_author"}, "north", False),
        ("participant", set(), None, True),
    ],
)
def test_each_part_in_a_drill_needs_its_system_role(part, roles, user_unit, fits):
    assert fits_part(part, frozenset(roles), user_unit, "north") is fits
