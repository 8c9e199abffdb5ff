"""Editing a plan as tables: plan → rows for the editor, edited rows → a new plan.

Rows carry ids; a row without an id is new, a visible id missing from the rows was deleted.
Deleting a role or step removes the references to it (owners, predecessors) and says so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from i18n.glossary import PHASES
from plans.contacts import CONTACT_FIELDS
from plans.errors import PlanValidationError
from plans.model import Level, Plan, Role, Step
from plans.timelimits import restate_deadline
from plans.validity import (
    TIME_ORIGINS,
    hierarchy_problems,
    id_problems,
    new_time_origin_problems,
    order_problems,
    owner_problems,
    refuse,
    role_problems,
    step_problems,
    unknown_step_problems,
)

LIST_SEP = re.compile(r"\s*[；;、,，\n]\s*")


@dataclass(frozen=True)
class EditResult:
    plan: Plan
    notes: tuple[tuple[str, dict], ...] = ()  # (message key, params) to show the user


def split_list(value) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    if isinstance(value, str):
        return tuple(v for v in LIST_SEP.split(value) if v)
    if hasattr(value, "__iter__"):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(v for v in LIST_SEP.split(str(value)) if v)


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _minutes(value) -> float | None:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        minutes = float(value)
    except (TypeError, ValueError) as exc:
        raise PlanValidationError("edit.bad_minutes", value=value) from exc
    if minutes < 0:
        raise PlanValidationError("edit.bad_minutes", value=value)
    return minutes


def next_id(prefix: str, taken: set[str]) -> str:
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def role_rows(plan: Plan) -> list[dict]:
    return [
        {
            "id": r.id,
            "name": r.name,
            "aliases": "、".join(r.aliases),
            "parent": r.parent,
            "responsibilities": "；".join(r.responsibilities),
            "phone": r.phone,
            "duty_phone": r.duty_phone,
            "source_block": r.source.block if r.source else None,
            "source_text": r.source.text if r.source else "",
        }
        for r in plan.roles
    ]


def step_rows(plan: Plan) -> list[dict]:
    return [
        {
            "id": s.id,
            "name": s.name,
            "text": s.text,
            "roles": list(s.roles),
            "phase": s.phase,
            "levels": list(s.levels),
            "time_limit_min": s.time_limit_min,
            "after": list(s.after),
            "source_block": s.source.block if s.source else None,
            "source_text": s.source.text if s.source else "",
        }
        for s in plan.steps
    ]


def level_rows(plan: Plan) -> list[dict]:
    return [{"id": lv.id, "name": lv.name, "condition": lv.condition} for lv in plan.levels]


def apply_role_rows(plan: Plan, rows: list[dict], visible: list[str]) -> EditResult:
    """Apply the edited role table. Raises: PlanValidationError for an impossible edit."""
    by_id = {r.id: r for r in plan.roles}
    taken = set(by_id)
    kept: dict[str, Role] = {}
    new: list[Role] = []
    for row in rows:
        name = _text(row.get("name"))
        rid = _text(row.get("id"))
        if not name and not rid:
            continue  # an empty new row: ignore it
        fields = {
            "name": name,
            "aliases": split_list(row.get("aliases")),
            "parent": _text(row.get("parent")) or None,
            "responsibilities": split_list(row.get("responsibilities")),
            **{field: _text(row.get(field)) for field in CONTACT_FIELDS if field in row},
        }
        refuse(role_problems(Role(id=rid, **fields)))
        if rid in by_id:
            kept[rid] = replace(by_id[rid], **fields)
        else:
            rid = next_id("r", taken)
            taken.add(rid)
            new.append(Role(id=rid, **fields))
    deleted = {rid for rid in visible if rid in by_id and rid not in kept}
    roles = [kept.get(r.id, r) for r in plan.roles if r.id not in deleted] + new
    refuse(hierarchy_problems(roles))
    roles = [replace(r, parent=None) if r.parent in deleted else r for r in roles]
    steps, notes = plan.steps, []
    if deleted:
        touched = [s.id for s in steps if set(s.roles) & deleted or set(s.support) & deleted]
        steps = tuple(
            replace(
                s,
                roles=tuple(r for r in s.roles if r not in deleted),
                support=tuple(r for r in s.support if r not in deleted),
                notifies=tuple(r for r in s.notifies if r not in deleted),
            )
            for s in steps
        )
        notes.append(
            (
                "edit.roles_deleted",
                {"roles": "、".join(sorted(deleted)), "steps": "、".join(touched) or "-"},
            )
        )
    return EditResult(replace(plan, roles=tuple(roles), steps=tuple(steps)), tuple(notes))


def apply_step_rows(plan: Plan, rows: list[dict], visible: list[str]) -> EditResult:
    """Apply the edited step table. Raises: PlanValidationError for an impossible edit."""
    by_id = {s.id: s for s in plan.steps}
    role_ids = {r.id for r in plan.roles}
    level_ids = {lv.id for lv in plan.levels}
    taken = set(by_id)
    kept: dict[str, Step] = {}
    new: list[Step] = []
    restated: list[str] = []
    for row in rows:
        name, text, sid = _text(row.get("name")), _text(row.get("text")), _text(row.get("id"))
        if not name and not text and not sid:
            continue  # an empty new row: ignore it
        refuse(step_problems(Step(id=sid, name=name, text=text)))
        phase = _text(row.get("phase")) or "disposal"
        if phase not in PHASES:
            raise PlanValidationError("edit.bad_phase", phase=phase)
        owners = split_list(row.get("roles"))
        refuse(owner_problems(Step(id=sid, name=name, text=text, roles=owners), role_ids))
        levels = tuple(lv for lv in split_list(row.get("levels")) if lv in level_ids)
        fields = {
            "name": name or text[:20],
            "text": text or name,
            "roles": owners,
            "phase": phase,
            "levels": levels,
            "time_limit_min": _minutes(row.get("time_limit_min")),
            "after": split_list(row.get("after")),
        }
        if sid in by_id:
            old = by_id[sid]
            support = tuple(r for r in old.support if r in owners)
            if fields["time_limit_min"] != old.time_limit_min:
                # a limit typed by hand replaces what the text said: its parts and wording;
                # the words themselves follow when they state the old limit and were not edited
                fields.update(time_parts=(), time_text="")
                said = _restated(old, fields)
                if said is not None:
                    fields["text"] = said
                    restated.append(name or sid)
            kept[sid] = replace(old, support=support, **fields)
        else:
            sid = next_id("s", taken)
            taken.add(sid)
            new.append(Step(id=sid, **fields))
    deleted = {sid for sid in visible if sid in by_id and sid not in kept}
    steps = [kept.get(s.id, s) for s in plan.steps if s.id not in deleted] + new
    notes = []
    if deleted:
        steps = [replace(s, after=tuple(a for a in s.after if a not in deleted)) for s in steps]
    refuse(order_problems(steps))
    if deleted:
        notes.append(("edit.steps_deleted", {"steps": "、".join(sorted(deleted))}))
    if restated:
        notes.append(("edit.text_restated", {"steps": "、".join(restated)}))
    return EditResult(replace(plan, steps=tuple(steps)), tuple(notes))


def _restated(old: Step, fields: dict) -> str | None:
    """The step's words with the new limit, when they were left as they were and stated the
    old limit (plans.timelimits.restate_deadline); None otherwise."""
    if fields["text"] != old.text or old.time_limit_min is None:
        return None
    if fields["time_limit_min"] is None:
        return None
    return restate_deadline(old.text, old.time_limit_min, fields["time_limit_min"])


def apply_level_rows(plan: Plan, rows: list[dict]) -> EditResult:
    """Apply the edited level table (ids are typed by the user: Ⅰ, Ⅱ, W1 …)."""
    levels: list[Level] = []
    old = {lv.id: lv for lv in plan.levels}
    seen: set[str] = set()
    for row in rows:
        lid, name = _text(row.get("id")), _text(row.get("name"))
        if not lid and not name:
            continue
        lid = lid or next_id("L", seen | set(old))
        seen.add(lid)
        base = old.get(lid, Level(id=lid, name=name))
        levels.append(replace(base, name=name or lid, condition=_text(row.get("condition"))))
    refuse(id_problems("level", levels))
    removed = set(old) - seen
    steps = plan.steps
    notes = []
    if removed:
        steps = tuple(
            replace(s, levels=tuple(x for x in s.levels if x not in removed)) for s in steps
        )
        notes.append(("edit.levels_deleted", {"levels": "、".join(sorted(removed))}))
    return EditResult(replace(plan, levels=tuple(levels), steps=steps), tuple(notes))


def apply_step_changes(
    plan: Plan,
    visible: list[str],
    edited: dict | None = None,
    added: list[dict] | None = None,
    deleted: list[int] | None = None,
) -> EditResult:
    """Apply a grid's changes to the steps shown in it (`visible`, in grid order): `edited` maps a
    row position to its changed columns, `added` lists new rows, `deleted` row positions. Only
    the rows touched are rebuilt, so an edit costs the same on a plan of any size.
    Raises: PlanValidationError for an impossible edit."""
    rows_by_id = {s.id: s for s in plan.steps}
    rows: list[dict] = []
    for position, changes in (edited or {}).items():
        position = int(position)
        if position >= len(visible) or visible[position] not in rows_by_id:
            continue
        rows.append({**step_rows_of(plan, [visible[position]])[0], **changes})
    rows.extend({**row, "id": None} for row in (added or []))
    gone = [visible[int(p)] for p in (deleted or []) if int(p) < len(visible)]
    touched = [r["id"] for r in rows if r.get("id")] + gone
    return apply_step_rows(plan, rows, touched)


def step_rows_of(plan: Plan, ids: list[str]) -> list[dict]:
    """The grid rows of the steps `ids` (in that order)."""
    wanted = set(ids)
    by_id = {row["id"]: row for row in step_rows(_only(plan, wanted))}
    return [by_id[i] for i in ids if i in by_id]


def _only(plan: Plan, ids: set[str]) -> Plan:
    return replace(plan, steps=tuple(s for s in plan.steps if s.id in ids))


STEP_TIME_FROM = TIME_ORIGINS


def change_step(plan: Plan, step_id: str, **changes) -> EditResult:
    """Change fields of one step (the detail panel): the grid's columns (name, text, roles, phase,
    levels, time_limit_min, after) plus time_from and frequency_min.
    Raises: PlanValidationError for an impossible edit."""
    step = plan.step(step_id)
    refuse(unknown_step_problems(step_id, [s.id for s in plan.steps]))
    extra = {k: changes.pop(k) for k in ("time_from", "frequency_min") if k in changes}
    result = apply_step_rows(plan, [{**step_rows_of(plan, [step_id])[0], **changes}], [step_id])
    if not extra:
        return result
    fields = {}
    if "time_from" in extra:
        origin = _text(extra["time_from"]) or "T0"
        refuse(
            new_time_origin_problems(replace(step, time_from=origin), [s.id for s in plan.steps])
        )
        fields["time_from"] = origin
    if "frequency_min" in extra:
        fields["frequency_min"] = _minutes(extra["frequency_min"])
    steps = tuple(replace(s, **fields) if s.id == step_id else s for s in result.plan.steps)
    return EditResult(replace(result.plan, steps=steps), result.notes)


def add_step(plan: Plan, after: str | None = None, *, name: str, phase: str = "") -> EditResult:
    """A new step placed right after the step `after` (at the end without one), in its phase."""
    taken = {s.id for s in plan.steps}
    sid = next_id("s", taken)
    anchor = plan.step(after) if after else None
    new = Step(
        id=sid, name=name, text=name, phase=phase or (anchor.phase if anchor else "disposal")
    )
    steps = list(plan.steps)
    at = steps.index(anchor) + 1 if anchor else len(steps)
    steps.insert(at, replace(new, part=anchor.part) if anchor else new)
    return EditResult(replace(plan, steps=tuple(steps)))


def delete_step(plan: Plan, step_id: str) -> EditResult:
    """Remove one step and every reference to it (says so in the notes)."""
    return apply_step_rows(plan, [], [step_id])
