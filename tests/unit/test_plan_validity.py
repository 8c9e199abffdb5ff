"""Plan validity is decided once (plans/validity.py): storage and the editor answer with the same
catalogue keys, and every key exists in both languages."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from i18n import t
from plans import edit, validity
from plans.errors import PlanValidationError
from plans.model import Level, Plan, Role, Step

PLAN = Plan(
    "预案",
    roles=(Role("r1", "指挥部"), Role("r2", "办公室", parent="r1")),
    levels=(Level("I", "Ⅰ级"),),
    steps=(
        Step("s1", "接警", "接警。", roles=("r2",), levels=("I",)),
        Step("s2", "报告", "报告。", roles=("r2",), after=("s1",)),
    ),
)


def test_a_sound_plan_has_no_problem():
    assert validity.plan_problems(PLAN) == []
    validity.validate_plan(PLAN)


@pytest.mark.parametrize(
    ("broken", "key"),
    [
        (replace(PLAN, title=" "), "plan.invalid.empty_title"),
        (replace(PLAN, roles=(*PLAN.roles, Role("r1", "重复"))), "plan.invalid.duplicate_role_id"),
        (replace(PLAN, roles=(Role("r1", " "), PLAN.roles[1])), "plan.invalid.empty_role_name"),
        (
            replace(PLAN, roles=(replace(PLAN.roles[0], phone="找张科长"), PLAN.roles[1])),
            "plan.invalid.bad_phone",
        ),
        (
            replace(PLAN, steps=(replace(PLAN.steps[0], roles=("r9",)), PLAN.steps[1])),
            "plan.invalid.unknown_role",
        ),
        (
            replace(PLAN, steps=(PLAN.steps[0], replace(PLAN.steps[1], time_from="s9"))),
            "plan.invalid.unknown_time_from",
        ),
    ],
)
def test_storage_names_the_problem_with_one_key(broken, key):
    with pytest.raises(PlanValidationError) as caught:
        validity.validate_plan(broken)
    assert caught.value.key == key
    assert caught.value.params["problems"][0][0] == key


@pytest.mark.parametrize(
    ("table", "rows", "visible", "key"),
    [
        ("roles", [{"id": "r1", "name": ""}], ["r1"], "plan.invalid.empty_role_name"),
        (
            "roles",
            [{"id": "r1", "name": "指挥部", "phone": "找张科长"}],
            ["r1"],
            "plan.invalid.bad_phone",
        ),
        (
            "roles",
            [{"id": "r1", "name": "指挥部", "parent": "r1"}],
            ["r1"],
            "plan.invalid.parent_self",
        ),
        (
            "roles",
            [{"id": "r1", "name": "指挥部", "parent": "r9"}],
            ["r1"],
            "plan.invalid.unknown_parent",
        ),
        (
            "roles",
            [{"id": "r1", "name": "指挥部", "parent": "r2"}],
            ["r1"],
            "plan.invalid.parent_cycle",
        ),
        ("steps", [{"id": "s1", "name": "", "text": ""}], ["s1"], "plan.invalid.empty_step"),
        (
            "steps",
            [{"id": "s1", "name": "接警", "roles": "r9"}],
            ["s1"],
            "plan.invalid.unknown_role",
        ),
        (
            "steps",
            [{"id": "s1", "name": "接警", "after": "s9"}],
            ["s1"],
            "plan.invalid.unknown_step",
        ),
        ("steps", [{"id": "s1", "name": "接警", "after": "s1"}], ["s1"], "plan.invalid.after_self"),
    ],
)
def test_the_editor_refuses_with_the_same_keys(table, rows, visible, key):
    apply = edit.apply_role_rows if table == "roles" else edit.apply_step_rows
    with pytest.raises(PlanValidationError) as caught:
        apply(PLAN, rows, visible)
    assert caught.value.key == key


def test_a_repeated_level_id_in_the_editor_is_the_same_problem_as_in_storage():
    rows = [{"id": "I", "name": "Ⅰ级"}, {"id": "I", "name": "又一个"}]
    with pytest.raises(PlanValidationError) as caught:
        edit.apply_level_rows(PLAN, rows)
    assert caught.value.key == "plan.invalid.duplicate_level_id"


def test_every_key_the_rules_can_give_is_in_the_catalogue_in_both_languages():
    source = Path(validity.__file__).read_text(encoding="utf-8")
    keys = set(re.findall(r'"(plan\.invalid\.[a-z_]+)"', source))
    keys |= {
        f"plan.invalid.{kind}_{what}_id"
        for kind in ("empty", "duplicate")
        for what in ("role", "level", "step", "part", "section")
    }
    keys |= {"plan.invalid.bad_phone", "plan.invalid.bad_duty_phone"}
    for key in keys:
        for lang in ("zh", "en"):
            assert not t(key, lang=lang).startswith("⟦"), (key, lang)
