"""Whether a plan can be stored or an edit accepted: each problem as a (catalogue key, params) pair.

The one place these rules live: the stores call `validate_plan` before they write, the editor
(plans/edit.py) calls the rules for the rows it rebuilds. Items are named by their name, or their
id when they have none. The editor is stricter than storage in one respect: a role hierarchy with
a cycle, or a step after itself, is refused while editing but stored when it was extracted, so the
checks (plans/checks.py) can report it and the plan owner can fix it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from plans.contacts import contact_problems
from plans.errors import PlanValidationError
from plans.model import Plan, Role, Step

Problem = tuple[str, dict]

# What a step's time limit may count from, besides another step.
TIME_ORIGINS = ("T0", "trigger", "response_end")
_ITEMS = ("role", "level", "step", "part", "section")


def refuse(problems: list[Problem]) -> None:
    """Raise for the first of `problems`, if any.

    Raises: PlanValidationError with the first problem's key; params["problems"] lists all of
    them as (key, params) pairs.
    """
    if problems:
        key, params = problems[0]
        raise PlanValidationError(key, **params, problems=problems)


def validate_plan(plan: Plan, *, references: bool = True) -> None:
    """Refuse a plan that cannot be stored: empty title, empty or repeated ids, empty names, bad
    phone numbers and, with `references`, owners/predecessors/levels/parents/parts/time origins
    that are not in the plan.

    Raises: PlanValidationError (see `refuse`).
    """
    refuse(plan_problems(plan, references=references))


def plan_problems(plan: Plan, *, references: bool = True) -> list[Problem]:
    """Every problem that keeps `plan` from being stored (see `validate_plan`)."""
    problems = _structure_problems(plan)
    if references:
        problems += _reference_problems(plan)
    return problems


def role_problems(role: Role) -> list[Problem]:
    """A role needs a name, and its contact fields hold phone numbers."""
    problems: list[Problem] = []
    if not role.name.strip():
        problems.append(("plan.invalid.empty_role_name", {"id": role.id}))
    return problems + contact_problems(role)


def step_problems(step: Step) -> list[Problem]:
    """A step needs a name or a text."""
    if step.name.strip() or step.text.strip():
        return []
    return [("plan.invalid.empty_step", {"id": step.id})]


def owner_problems(step: Step, role_ids: Iterable[str]) -> list[Problem]:
    """The owners and supporters of `step` that are not roles of the plan."""
    return _missing(
        "plan.invalid.unknown_role", set(role_ids), [*step.roles, *step.support], step=_label(step)
    )


def hierarchy_problems(roles: Iterable[Role]) -> list[Problem]:
    """For an edit: a role under itself or under a missing parent (role by role), then a cycle."""
    roles = list(roles)
    known = {r.id for r in roles}
    problems: list[Problem] = []
    for role in roles:
        if role.parent == role.id:
            problems.append(("plan.invalid.parent_self", {"role": _label(role)}))
        wanted = [role.parent] if role.parent else []
        problems += _missing("plan.invalid.unknown_parent", known, wanted, role=_label(role))
    parent = {r.id: r.parent for r in roles}
    for start in parent:
        seen, node = set(), start
        while node:
            if node in seen:
                return [*problems, ("plan.invalid.parent_cycle", {"role": start})]
            seen.add(node)
            node = parent.get(node)
    return problems


def order_problems(steps: Iterable[Step]) -> list[Problem]:
    """For an edit: a step after itself or after a step not among `steps` (step by step)."""
    steps = list(steps)
    known = {s.id for s in steps}
    problems: list[Problem] = []
    for step in steps:
        if step.id in step.after:
            problems.append(("plan.invalid.after_self", {"step": _label(step)}))
        problems += _missing("plan.invalid.unknown_step", known, step.after, step=_label(step))
    return problems


def time_origin_problems(step: Step, step_ids: Iterable[str]) -> list[Problem]:
    """A time limit counts from T0, the trigger, the end of the response or another step."""
    known = {*TIME_ORIGINS, *step_ids}
    wanted = [step.time_from or "T0"]  # empty means the default, T0
    return _missing("plan.invalid.unknown_time_from", known, wanted, step=_label(step))


def id_problems(what: str, items: Iterable) -> list[Problem]:
    """Empty or repeated ids among `items`, the plan's roles, levels, steps, parts or sections
    (`what`: role, level, step, part, section)."""
    ids = [item.id for item in items]
    problems: list[Problem] = []
    if any(not (i or "").strip() for i in ids):
        problems.append((f"plan.invalid.empty_{what}_id", {}))
    for item_id, count in Counter(ids).items():
        if count > 1 and item_id:
            problems.append((f"plan.invalid.duplicate_{what}_id", {"id": item_id}))
    return problems


def new_time_origin_problems(step: Step, step_ids: Iterable[str]) -> list[Problem]:
    """For an edit: as `time_origin_problems`, and a time limit cannot count from its own step."""
    problems = time_origin_problems(step, step_ids)
    if step.time_from == step.id:
        problems.append(("plan.invalid.after_self", {"step": _label(step)}))
    return problems


def unknown_step_problems(step_id: str, step_ids: Iterable[str]) -> list[Problem]:
    """A step that is not in the plan (asked for by id)."""
    return _missing("plan.invalid.unknown_step", set(step_ids), [step_id], step=step_id)


def _structure_problems(plan: Plan) -> list[Problem]:
    problems: list[Problem] = []
    if not plan.title.strip():
        problems.append(("plan.invalid.empty_title", {}))
    for what in _ITEMS:
        problems += id_problems(what, getattr(plan, what + "s"))
    for role in plan.roles:
        problems += role_problems(role)
    for step in plan.steps:
        problems += step_problems(step)
    return problems


def _reference_problems(plan: Plan) -> list[Problem]:
    roles = {r.id for r in plan.roles}
    steps = {s.id for s in plan.steps}
    levels = {lv.id for lv in plan.levels}
    parts = {p.id for p in plan.parts}
    problems: list[Problem] = []
    for role in plan.roles:
        wanted = [role.parent] if role.parent else []
        problems += _missing("plan.invalid.unknown_parent", roles, wanted, role=_label(role))
    for step in plan.steps:
        problems += owner_problems(step, roles)
        problems += _missing("plan.invalid.unknown_step", steps, step.after, step=_label(step))
        problems += _missing("plan.invalid.unknown_level", levels, step.levels, step=_label(step))
        problems += time_origin_problems(step, steps)
    for item in (*plan.roles, *plan.levels, *plan.steps, *plan.sections):
        wanted = [item.part] if item.part else []
        problems += _missing("plan.invalid.unknown_part", parts, wanted, item=item.id)
    return problems


def _missing(key: str, known: set[str], wanted: Iterable[str], **params) -> list[Problem]:
    unknown = [x for x in wanted if x not in known]
    return [(key, {**params, "ids": ", ".join(unknown)})] if unknown else []


def _label(item: Role | Step) -> str:
    return (item.name or "").strip() or item.id


__all__ = [
    "TIME_ORIGINS",
    "Problem",
    "hierarchy_problems",
    "id_problems",
    "new_time_origin_problems",
    "order_problems",
    "owner_problems",
    "plan_problems",
    "refuse",
    "role_problems",
    "step_problems",
    "time_origin_problems",
    "unknown_step_problems",
    "validate_plan",
]
