"""Drill objectives: added, checked, rated, and carried by the design's JSON."""

from __future__ import annotations

import pytest

from drills.design_io import design_from_dict, design_to_dict
from drills.errors import DrillDesignError, DrillProblemsError
from drills.model import DrillDesign, Objective
from drills.objectives import (
    ObjectiveRating,
    add_objective,
    check_objectives,
    check_rating,
    rate,
    remove_objectives,
)


def test_objectives_get_the_next_free_id_and_keep_their_areas_and_phases():
    first = add_objective(
        (), "  30分钟内  完成信息报告 ", areas=["warning_report"], phases=["report"]
    )
    both = add_objective(first, "警戒区域1小时内建立", areas=["disposal"])
    assert [(o.id, o.text, o.areas, o.phases) for o in both] == [
        ("o1", "30分钟内 完成信息报告", ("warning_report",), ("report",)),
        ("o2", "警戒区域1小时内建立", ("disposal",), ()),
    ]
    assert [o.id for o in add_objective(remove_objectives(both, ["o1"]), "再加一项")] == [
        "o2",
        "o3",
    ]


@pytest.mark.parametrize(
    ("objective", "key"),
    [
        (Objective("o1", " "), "drills.objective.no_text"),
        (Objective("o1", "x", areas=("bravery",)), "drills.objective.unknown_area"),
        (Objective("o1", "x", phases=("lunch",)), "drills.objective.unknown_phase"),
    ],
)
def test_a_bad_objective_is_reported(objective, key):
    assert [p.key for p in check_objectives([objective])] == [key]
    with pytest.raises(DrillProblemsError):
        add_objective((), objective.text, areas=objective.areas, phases=objective.phases)


def test_a_rating_is_p_s_m_or_u_of_a_known_objective():
    objectives = (Objective("o1", "报告"),)
    assert check_rating(ObjectiveRating("o1", "S"), objectives) == []
    assert [p.key for p in check_rating(ObjectiveRating("o9", "X"), objectives)] == [
        "drills.objective.unknown",
        "drills.objective.bad_rating",
    ]


def test_each_objective_gets_its_latest_rating():
    objectives = (Objective("o1", "报告"), Objective("o2", "警戒"))
    rated = rate(objectives, [ObjectiveRating("o1", "M"), ObjectiveRating("o1", "S", "补充")])
    assert [(r.id, r.rating and r.rating.rating) for r in rated] == [("o1", "S"), ("o2", None)]


def test_the_design_json_carries_objectives_and_criteria():
    design = DrillDesign(
        "演练",
        3,
        objectives=(Objective("o1", "报告及时", ("warning_report",), ("report",)),),
        evaluation_criteria="AQ/T 9009-2015",
    )
    data = design_to_dict(design)
    assert data["objectives"] == [
        {"id": "o1", "text": "报告及时", "areas": ["warning_report"], "phases": ["report"]}
    ]
    assert design_from_dict(data) == design


def test_a_design_json_with_a_bad_objective_is_refused_with_every_problem():
    data = design_to_dict(DrillDesign("演练", 3))
    data["objectives"] = [
        {"id": "o1", "text": "", "areas": ["bravery"]},
        {"id": "o1", "text": "x", "phases": ["lunch"]},
    ]
    with pytest.raises(DrillDesignError) as caught:
        design_from_dict(data)
    keys = [p.key for p in caught.value.problems]
    assert keys.count("drills.design.bad_choice") == 2
    assert "drills.design.duplicate_id" in keys and "drills.design.missing" in keys
