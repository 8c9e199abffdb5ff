"""Checks of a drill design against its plan version, every problem at once (before sealing).

Errors make the drill impossible to run or score as designed; warnings are worth a look.
"""

from __future__ import annotations

from drills.errors import Problem, problem
from drills.model import DrillDesign
from drills.objectives import check_objectives
from plans.graph import T0, TRIGGER
from plans.model import Plan


def _unknown(ids, known) -> list[str]:
    return [value for value in dict.fromkeys(ids) if value not in known]


def _check_people(design: DrillDesign) -> list[Problem]:
    found = []
    if not design.directors:
        found.append(problem("drills.check.no_director"))
    if not design.evaluators:
        found.append(problem("drills.check.no_evaluators"))  # nobody could score it
    for evaluator in design.evaluators:
        if not evaluator.roles and not evaluator.places:
            found.append(problem("drills.check.evaluator_without_share", user=evaluator.username))
    return found


def _check_scope(design: DrillDesign, plan: Plan, roles: set[str]) -> list[Problem]:
    found = []
    levels = {level.id for level in plan.levels}
    if design.level is not None and design.level not in levels:
        found.append(problem("drills.check.unknown_level", level=design.level))
    expected = design.scenario.expected_level
    if expected is not None and expected not in levels:
        found.append(problem("drills.check.unknown_expected_level", level=expected))
    for role in _unknown(design.participating_roles, roles):
        found.append(problem("drills.check.unknown_participating_role", role=role))
    for evaluator in design.evaluators:
        for role in _unknown(evaluator.roles, roles):
            found.append(
                problem("drills.check.unknown_evaluator_role", user=evaluator.username, role=role)
            )
    start, end = design.planned_start, design.planned_end
    if start is not None and end is not None and end <= start:
        found.append(problem("drills.check.window_reversed"))
    return found


def _check_checklist(design: DrillDesign, plan: Plan, roles: set[str]) -> list[Problem]:
    if not design.checklist:
        return [problem("drills.check.no_items")]
    found = []
    steps = {step.id for step in plan.steps}
    ids = [item.id for item in design.checklist]
    for item_id in {i for i in ids if ids.count(i) > 1}:
        found.append(problem("drills.check.duplicate_item", item=item_id))
    known = set(ids)
    for item in design.checklist:
        if item.step_id is not None and item.step_id not in steps:
            found.append(problem("drills.check.item_step_unknown", item=item.id, step=item.step_id))
        for role in _unknown(item.roles, roles):
            found.append(problem("drills.check.item_role_unknown", item=item.id, role=role))
        anchor = [] if item.time_from in (T0, TRIGGER) else [item.time_from]
        for ref in _unknown((*item.after, *anchor), known):
            found.append(problem("drills.check.item_ref_unknown", item=item.id, ref=ref))
    return found


def _check_injects(design: DrillDesign, roles: set[str]) -> list[Problem]:
    found = []
    items = {item.id for item in design.checklist}
    taking_part = set(design.participating_roles)
    ids = [inject.id for inject in design.injects]
    for inject_id in {i for i in ids if ids.count(i) > 1}:
        found.append(problem("drills.check.duplicate_inject", inject=inject_id))
    for inject in design.injects:
        for role in _unknown(inject.to_roles, roles):
            found.append(problem("drills.check.inject_role_unknown", inject=inject.id, role=role))
        if taking_part:
            for role in _unknown(inject.to_roles, taking_part | (set(inject.to_roles) - roles)):
                key = "drills.check.inject_role_not_taking_part"
                found.append(problem(key, severity="warning", inject=inject.id, role=role))
        for ref in _unknown(inject.expected_steps, items):
            found.append(problem("drills.check.inject_step_unknown", inject=inject.id, item=ref))
    return found


def check_design(design: DrillDesign, plan: Plan) -> list[Problem]:
    """Every problem of the design against `plan` (its plan version), errors before warnings."""
    roles = {role.id for role in plan.roles}
    found = [
        *_check_people(design),
        *_check_scope(design, plan, roles),
        *_check_checklist(design, plan, roles),
        *_check_injects(design, roles),
        *check_objectives(design.objectives),
    ]
    return sorted(found, key=lambda p: p.severity != "error")


def blocking(problems: list[Problem]) -> list[Problem]:
    """The problems that keep a design from being sealed."""
    return [p for p in problems if p.severity == "error"]


__all__ = ["blocking", "check_design"]
