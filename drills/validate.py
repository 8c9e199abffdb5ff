"""Checks of a drill design against its plan version, every problem at once (before sealing),
and what a design must satisfy to be stored at all (require_design, which the store calls).

Errors make the drill impossible to run or score as designed; warnings are worth a look.
"""

from __future__ import annotations

import math
from dataclasses import replace

from drills.checklist import derive_checklist
from drills.errors import DrillProblemsError, Problem, problem
from drills.model import DrillDesign
from drills.objectives import check_objectives
from i18n.glossary import DRILL_SCOPES, DRILL_TYPES, INJECT_KINDS, PHASES
from plans.graph import T0, TRIGGER
from plans.model import Plan

# The system role a person needs for each part they play in a drill.
NEEDED_ROLES = {
    "director": frozenset({"drill_director"}),
    "evaluation_lead": frozenset({"evaluation_lead"}),
    "evaluator": frozenset({"evaluator", "evaluation_lead"}),
    "participant": None,  # anyone with an account
}

# Problems of a design still in the making: allowed while designing, refused when sealing.
UNFINISHED = frozenset(
    {"drills.check.evaluator_without_share", "drills.check.no_items", "drills.check.no_evaluators"}
)


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


def require_design(design: DrillDesign, plan: Plan, *, sealing: bool = False) -> DrillDesign:
    """The design, tidied (title trimmed, names once each), when it fits the plan; a design
    without checklist gets the one derived from the plan for its level and roles. While
    designing, an unfinished design (an evaluator without a share) may be stored; `sealing`
    refuses it too.

    Raises: DrillProblemsError listing every problem at once.
    """
    design = replace(
        design,
        title=(design.title or "").strip(),
        directors=tuple(dict.fromkeys(n.strip() for n in design.directors if n.strip())),
        evaluation_leads=tuple(dict.fromkeys(n.strip() for n in design.evaluation_leads)),
    )
    if not design.checklist and not sealing:
        design = replace(design, checklist=_derived(design, plan))
    problems = shape_problems(design) + [
        p for p in blocking(check_design(design, plan)) if sealing or p.key not in UNFINISHED
    ]
    if problems:
        raise DrillProblemsError(problems)
    return design


def _derived(design: DrillDesign, plan: Plan):
    level = design.level if design.level in {lv.id for lv in plan.levels} else None
    return derive_checklist(plan, level=level, roles=design.participating_roles)


def shape_problems(design: DrillDesign) -> list[Problem]:
    """What the database would refuse or no drill can have: no title, unknown choices, empty
    ids or names, negative or endless minutes (references are check_design's)."""
    found: list[Problem] = []
    if not design.title:
        found.append(problem("drills.design.no_title"))
    if design.drill_type not in DRILL_TYPES:
        found.append(problem("drills_store.design.bad_type", value=design.drill_type))
    if design.scope not in DRILL_SCOPES:
        found.append(problem("drills_store.design.bad_scope", value=design.scope))
    for item in design.checklist:
        if not (item.id or "").strip() or not (item.name or "").strip():
            found.append(problem("drills_store.design.empty_item", item=item.id))
        if item.phase not in PHASES:
            found.append(problem("drills_store.design.bad_phase", item=item.id, phase=item.phase))
        if not minutes_ok(item.time_limit_min):
            found.append(
                problem("drills_store.design.bad_minutes", item=item.id, value=item.time_limit_min)
            )
    for inject in design.injects:
        if not (inject.id or "").strip() or not (inject.title or "").strip():
            found.append(problem("drills_store.design.empty_inject", inject=inject.id))
        if inject.kind not in INJECT_KINDS:
            found.append(
                problem("drills_store.design.bad_kind", inject=inject.id, kind=inject.kind)
            )
        if not minutes_ok(inject.offset_min):
            found.append(
                problem("drills_store.design.bad_minutes", item=inject.id, value=inject.offset_min)
            )
    return found


def fits_part(part: str, roles: frozenset[str], user_unit: str | None, unit: str) -> bool:
    """Whether an account with system `roles` in `user_unit` may play `part` in a drill of
    `unit`: a director is a drill director of that unit, an evaluator an evaluator or an
    evaluation lead, an evaluation lead one; anyone may take part."""
    needed = NEEDED_ROLES[part]
    in_unit = part != "director" or user_unit == unit
    return (needed is None or bool(roles & needed)) and in_unit


def minutes_ok(value) -> bool:
    """A number of minutes a design may hold: none, or a finite number not below zero."""
    if value is None:
        return True
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    return ok and math.isfinite(value) and value >= 0


__all__ = [
    "NEEDED_ROLES",
    "UNFINISHED",
    "blocking",
    "check_design",
    "fits_part",
    "minutes_ok",
    "require_design",
    "shape_problems",
]
