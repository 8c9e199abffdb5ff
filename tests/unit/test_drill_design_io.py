"""A drill design as JSON and back, and as the template of the next drill."""

from __future__ import annotations

import json

import pytest

from drills.checklist import add_extra_item, derive_checklist
from drills.design_io import copy_as_template, design_from_dict, design_to_dict, initial_status
from drills.errors import DrillDesignError, DrillError
from drills.model import Blinding, DrillDesign, EvaluatorAssignment, Inject, Scenario
from tests.drill_samples import at, plan_of

PLAN = plan_of("a→b→c", b={"roles": ("r2",), "time_limit_min": 30, "phase": "report"})
DESIGN = DrillDesign(
    title="化工泄漏双盲演练",
    version_id=7,
    drill_type="live",
    scope="comprehensive",
    scenario=Scenario("危化品泄漏", "东区储罐", "储罐阀门破裂，有毒气体扩散", "I"),
    participating_roles=("r1", "r2"),
    level="I",
    planned_start=at(0),
    planned_end=at(180),
    blinding=Blinding(withhold_place=False, notified_units=("消防大队",)),
    checklist=add_extra_item(derive_checklist(PLAN), "清点人数", roles=("r2",), after=("c2",)),
    injects=(
        Inject("i1", "接警", "报警电话", offset_min=0, to_roles=("r1",), expected_steps=("c1",)),
        Inject("q1", "伤亡多少", kind="question", to_roles=("r2",)),
    ),
    evaluators=(
        EvaluatorAssignment("eva", roles=("r2",)),
        EvaluatorAssignment("ewa", places=("东区",)),
    ),
    directors=("director",),
    evaluation_leads=("lead",),
)


def test_a_design_survives_a_round_trip_through_json():
    text = json.dumps(design_to_dict(DESIGN), ensure_ascii=False)
    assert design_from_dict(json.loads(text)) == DESIGN


def test_the_json_holds_times_with_their_zone_and_items_in_order():
    data = design_to_dict(DESIGN)
    assert data["format"] == "plandrill.drill" and data["format_version"] == 1
    assert data["planned_start"] == "2026-05-01T09:00:00+08:00"
    assert [item["id"] for item in data["checklist"]] == ["c1", "c2", "c3", "c4"]
    assert "position" not in data["checklist"][0]


def test_a_minimal_design_gets_the_defaults():
    design = design_from_dict({"title": "桌面推演", "version_id": 3})
    assert design == DrillDesign(title="桌面推演", version_id=3)
    assert design.blinding.double_blind


def test_the_status_to_create_in_is_designing_unless_sealed_is_asked_for():
    assert initial_status({}) == "designing"
    assert initial_status({"status": "sealed"}) == "sealed"
    with pytest.raises(DrillDesignError) as caught:
        initial_status({"status": "running"})
    assert caught.value.key == "drills.design.bad_choice"


def good() -> dict:
    return design_to_dict(DESIGN)


def changed(path: str, value) -> dict:
    """The good design dict with one value replaced: changed("checklist.1.phase", "lunch")."""
    data = good()
    *parents, last = path.split(".")
    target = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return data


@pytest.mark.parametrize(
    ("data", "key", "params"),
    [
        ([], "drills.design.not_json_object", {}),
        (changed("title", " "), "drills.design.missing", {"field": "title"}),
        (changed("version_id", "7"), "drills.design.bad_version", {"value": "7"}),
        (changed("version_id", True), "drills.design.bad_version", {}),
        (changed("version_id", 0), "drills.design.bad_version", {}),
        (changed("drill_type", "drill"), "drills.design.bad_choice", {"field": "drill_type"}),
        (changed("scope", None), "drills.design.bad_choice", {"field": "scope"}),
        (changed("status", "ended"), "drills.design.bad_choice", {"field": "status"}),
        (changed("planned_start", "2026-05-01T09:00"), "drills.design.bad_time", {}),
        (changed("planned_end", "tomorrow"), "drills.design.bad_time", {"field": "planned_end"}),
        (
            changed("blinding.withhold_time", "yes"),
            "drills.design.bad_type",
            {"field": "blinding.withhold_time"},
        ),
        (changed("blinding.notified_units", "消防"), "drills.design.bad_type", {}),
        (changed("blinding", []), "drills.design.not_object", {"where": "blinding"}),
        (changed("participating_roles", [1]), "drills.design.bad_type", {}),
        (changed("checklist.1.phase", "lunch"), "drills.design.bad_choice", {}),
        (changed("checklist.1.id", "c1"), "drills.design.duplicate_id", {"id": "c1"}),
        (changed("checklist.1.after", ["c9"]), "drills.design.unknown_item", {"item": "c9"}),
        (changed("checklist.2.time_from", "c9"), "drills.design.unknown_item", {"item": "c9"}),
        (changed("checklist.0.time_limit_min", -1), "drills.design.bad_number", {}),
        (changed("checklist.0.name", ""), "drills.design.missing", {"field": "checklist[1].name"}),
        (changed("checklist.0", "c1"), "drills.design.not_object", {"where": "checklist[1]"}),
        (changed("injects.1.id", "i1"), "drills.design.duplicate_id", {"where": "injects[2]"}),
        (changed("injects.0.kind", "email"), "drills.design.bad_choice", {}),
        (changed("injects.0.offset_min", "5"), "drills.design.bad_number", {}),
        (changed("injects.0.expected_steps", ["a"]), "drills.design.unknown_item", {"item": "a"}),
        (changed("evaluators.0.username", ""), "drills.design.missing", {}),
        (changed("checklist", {}), "drills.design.bad_type", {"field": "checklist"}),
    ],
)
def test_a_bad_design_file_is_refused_with_the_reason(data, key, params):
    with pytest.raises(DrillDesignError) as caught:
        design_from_dict(data)
    assert caught.value.key == key
    assert {k: caught.value.params[k] for k in params} == params


def test_every_problem_of_a_design_file_is_reported_at_once():
    data = changed("drill_type", "drill")
    data["injects"][0]["kind"] = "email"
    with pytest.raises(DrillDesignError) as caught:
        design_from_dict(data)
    assert len(caught.value.problems) == 2


def test_a_copy_as_template_keeps_the_design_but_not_the_planned_window():
    copy = copy_as_template(DESIGN, title=" 第二次演练 ")
    assert copy.title == "第二次演练"
    assert (copy.planned_start, copy.planned_end) == (None, None)
    assert (copy.checklist, copy.injects, copy.blinding) == (
        DESIGN.checklist,
        DESIGN.injects,
        DESIGN.blinding,
    )
    with pytest.raises(DrillError):
        copy_as_template(DESIGN, title="")
