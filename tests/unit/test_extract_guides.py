"""English guides of the kinds real plans use, written for these tests, scored like the corpus:
a guide of "Steps for <role>" sections with numbered imperative lists, and an incident-response
procedure organised by phase around an Incident Commander with a severity table."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest

from plans.extract import import_document
from plans.model import plan_to_dict

DATA = Path(__file__).resolve().parents[1] / "data" / "plans"
SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score_import.py"


def _score(gold: dict, plan: dict) -> dict:
    spec = importlib.util.spec_from_file_location("score_import", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score(gold, plan)


def _import(name: str) -> dict:
    path = DATA / f"{name}.md"
    return plan_to_dict(import_document(path.read_bytes(), path.name))


@pytest.mark.parametrize(
    "name, floors",
    [
        ("en_role_steps", {"roles": 0.9, "steps": 0.9, "owner": 0.9, "order": 0.5}),
        ("en_phase_ic", {"roles": 0.9, "steps": 0.9, "owner": 0.9, "order": 0.6}),
    ],
)
def test_an_english_guide_is_read_into_roles_steps_owners_and_order(name, floors):
    gold = json.loads((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))
    score = _score(gold, _import(name))
    assert score["roles"]["recall"] >= floors["roles"]
    assert score["roles"]["precision"] >= floors["roles"]
    assert score["steps"]["recall"] >= floors["steps"]
    assert score["steps"]["precision"] >= floors["steps"]
    assert score["owner_accuracy"] >= floors["owner"]
    assert score["order"]["f1"] >= floors["order"]


def test_steps_for_a_role_belong_to_that_role_and_run_in_their_numbered_order():
    plan = _import("en_role_steps")
    lead = next(r for r in plan["roles"] if r["name"] == "IT Security Lead")
    steps = [s for s in plan["steps"] if s["roles"] == [lead["id"]]]
    assert [s["text"].split()[0] for s in steps] == [
        "Confirm",
        "Isolate",
        "Preserve",
        "Reset",
        "Report",
    ]
    for before, later in itertools.pairwise(steps):
        assert before["id"] in later["after"]


def test_a_document_heading_is_not_a_role():
    names = {r["name"] for r in _import("en_role_steps")["roles"]}
    assert "Data Breach Response Guide" not in names
    assert "Response team" not in names


def test_a_severity_table_gives_the_levels():
    levels = _import("en_phase_ic")["levels"]
    assert [(lv["id"], lv["name"]) for lv in levels] == [
        ("I", "SEV-1"),
        ("II", "SEV-2"),
        ("III", "SEV-3"),
    ]
    assert "whole service is down" in levels[0]["condition"]


def test_a_role_defined_with_a_short_form_is_found_by_it():
    plan = _import("en_phase_ic")
    ic = next(r for r in plan["roles"] if r["name"] == "Incident Commander")
    assert "IC" in ic["aliases"]
    step = next(s for s in plan["steps"] if s["text"].startswith("Then the IC declares"))
    assert step["roles"] == [ic["id"]]


def test_a_lowercase_post_named_as_subject_is_a_role():
    plan = _import("en_phase_ic")
    oncall = next(r for r in plan["roles"] if r["name"] == "on-call engineer")
    acknowledge = next(s for s in plan["steps"] if "acknowledges the page" in s["text"])
    assert acknowledge["roles"] == [oncall["id"]]
    assert acknowledge["time_limit_min"] == 5


def test_a_site_procedure_gives_each_post_its_own_duties():
    """A building's fire procedure: posts from a responsibilities list (title case, no post
    word: "Reception"), a rank that makes another post ("Chief Fire Warden" is not the "Fire
    Warden"), everybody as one role, and the person who discovers the fire."""
    plan = _import("en_site_fire")
    names = {r["id"]: r["name"] for r in plan["roles"]}
    assert {"Fire Warden", "Chief Fire Warden", "Reception", "All staff"} <= set(names.values())
    owner = {s["text"][:30]: [names[r] for r in s["roles"]] for s in plan["steps"]}
    assert owner["Raise the alarm by breaking th"] == ["Person who discovers a fire"]
    assert owner["Reception calls the fire servic"[:30]] == ["Reception"]
    assert owner["The Chief Fire Warden takes the"[:30]] == ["Chief Fire Warden"]
    texts = " ".join(s["text"] for s in plan["steps"])
    assert "Do not use the lifts" not in texts and "Nobody re-enters" not in texts
