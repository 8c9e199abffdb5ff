"""What changed between two versions of a plan: roles, steps and levels added, removed or changed.

Items are paired in four passes, so that re-numbered items are recognised and a reused id does
not hide a move: (1) same id and same name or text, (2) same name (in order of appearance),
(3) same id, (4) the rest are added or removed. References to other items (owners, `after`,
levels, parent) are compared through that pairing, so re-numbering alone is not a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from i18n import has, join_names, t
from i18n.glossary import PHASES
from plans.model import Level, Plan, Role, Step, TimePart

KINDS = ("plan", "level", "role", "step")
# The words naming the kinds and fields of items: the editor's column headers where they say the same.
KIND_WORDS = {
    "plan": "common.plan",
    "level": "common.level",
    "role": "common.role",
    "step": "common.step",
}
FIELD_WORDS = {
    "id": "col.id",
    "title": "common.title",
    "kind": "common.category",
    "language": "common.language",
    "name": "col.name",
    "condition": "col.condition",
    "aliases": "diff.field.aliases",
    "parent": "col.parent",
    "responsibilities": "col.duties",
    "part": "diff.field.part",
    "phone": "col.phone",
    "duty_phone": "col.duty_phone",
    "text": "col.text",
    "roles": "diff.field.roles",
    "support": "diff.field.support",
    "notifies": "diff.field.notifies",
    "phase": "col.phase",
    "time_limit_min": "common.time_limit",
    "time_from": "diff.field.time_from",
    "time_parts": "diff.field.time_parts",
    "frequency_min": "diff.field.frequency_min",
    "levels": "col.levels",
    "after": "col.after",
}
PLAN_FIELDS = ("title", "kind", "language")
PLAN_WORDS = {"kind": "kind", "language": "lang"}  # catalogue prefixes of the plan's own words
LEVEL_FIELDS = ("name", "condition")
ROLE_FIELDS = (
    "name",
    "aliases",
    "parent",
    "responsibilities",
    "kind",
    "part",
    "phone",
    "duty_phone",
)
STEP_FIELDS = (
    "name",
    "text",
    "roles",
    "support",
    "notifies",
    "phase",
    "time_limit_min",
    "time_from",
    "time_parts",
    "frequency_min",
    "levels",
    "after",
    "part",
)
ITEMS = (
    ("level", "levels", LEVEL_FIELDS),
    ("role", "roles", ROLE_FIELDS),
    ("step", "steps", STEP_FIELDS),
)
# Fields whose order means nothing (owners are ordered: the lead comes first).
UNORDERED = {"aliases", "support", "notifies", "levels", "after"}
# Fields holding ids of other items, and the kind of item they point to.
REFERENCES = {
    ("role", "parent"): "role",
    ("step", "roles"): "role",
    ("step", "support"): "role",
    ("step", "notifies"): "role",
    ("step", "levels"): "level",
    ("step", "after"): "step",
    ("step", "time_from"): "step",
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ItemChange:
    """One plan, level, role or step that was added, removed or changed.

    `old_id`/`new_id` are None on the side where the item does not exist; `fields` lists the
    changed fields of a changed item (an "id" change means it was re-numbered).
    """

    kind: str  # plan | level | role | step
    change: str  # added | removed | changed
    old_id: str | None
    new_id: str | None
    name: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class PlanDiff:
    old: Plan
    new: Plan
    changes: tuple[ItemChange, ...]

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def of(self, kind: str, change: str | None = None) -> list[ItemChange]:
        """The changes of one kind of item ("step", "role", ...), optionally of one change."""
        return [c for c in self.changes if c.kind == kind and change in (None, c.change)]


def _pair(old: tuple, new: tuple) -> dict[int, int]:
    """Index in `old` -> index in `new` for items that are the same item in both versions."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()

    def match(key, also=lambda a, b: True) -> None:
        waiting: dict[str, list[int]] = {}
        for j, b in enumerate(new):
            if j not in taken and key(b):
                waiting.setdefault(key(b), []).append(j)
        for i, a in enumerate(old):
            candidates = waiting.get(key(a), []) if i not in pairs and key(a) else []
            j = next((j for j in candidates if j not in taken and also(a, new[j])), None)
            if j is not None:
                pairs[i] = j
                taken.add(j)

    match(lambda x: x.id, _same_content)
    match(lambda x: x.name.strip())
    match(lambda x: x.id)
    return pairs


def _same_content(a, b) -> bool:
    text_a, text_b = getattr(a, "text", ""), getattr(b, "text", "")
    return a.name == b.name or (bool(text_a) and text_a == text_b)


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """Every difference between two versions of a plan, in the order plan, levels, roles, steps."""
    changes: list[ItemChange] = []
    plan_fields = _changed_fields(old, new, PLAN_FIELDS, lambda _field, value: value)
    if plan_fields:
        changes.append(ItemChange("plan", "changed", None, None, new.title, plan_fields))
    pairings = {kind: _pair(getattr(old, attr), getattr(new, attr)) for kind, attr, _ in ITEMS}
    renames: dict[str, dict[str, str]] = {}
    for kind, attr, _ in ITEMS:
        olds, news = getattr(old, attr), getattr(new, attr)
        renames[kind] = {olds[i].id: news[j].id for i, j in pairings[kind].items()}
    for kind, attr, names in ITEMS:
        olds, news = getattr(old, attr), getattr(new, attr)
        changes.extend(_item_changes(kind, olds, news, pairings[kind], names, renames))
    return PlanDiff(old, new, tuple(changes))


def _item_changes(kind, old, new, pairs, names, renames) -> list[ItemChange]:
    def translate(fieldname: str, value):
        mapping = renames.get(REFERENCES.get((kind, fieldname)), {})
        if isinstance(value, tuple):
            return tuple(mapping.get(v, v) for v in value)
        return mapping.get(value, value)

    result = []
    for i, a in enumerate(old):
        if i not in pairs:
            result.append(ItemChange(kind, "removed", a.id, None, a.name))
            continue
        b = new[pairs[i]]
        fields = _changed_fields(a, b, names, translate)
        if a.id != b.id:
            fields = (FieldChange("id", a.id, b.id), *fields)
        if fields:
            result.append(ItemChange(kind, "changed", a.id, b.id, b.name, fields))
    paired = set(pairs.values())
    result.extend(
        ItemChange(kind, "added", None, b.id, b.name) for j, b in enumerate(new) if j not in paired
    )
    return result


def _changed_fields(a, b, names, translate) -> tuple[FieldChange, ...]:
    """Fields whose value differs; `before` is shown as in the old version (its own ids)."""
    return tuple(
        FieldChange(name, getattr(a, name), getattr(b, name))
        for name in names
        if _comparable(name, translate(name, getattr(a, name)))
        != _comparable(name, getattr(b, name))
    )


def _comparable(fieldname: str, value):
    return sorted(value) if fieldname in UNORDERED and isinstance(value, tuple) else value


def summary_rows(diff: PlanDiff, lang: str = "zh") -> list[dict[str, str]]:
    """The diff as table rows (kind, id, name, change, field, before, after) in `lang`.

    An added or removed item is one row (its name under after or before); a changed item has one
    row per changed field. References are shown as "name (id)" from the version they belong to.
    """
    rows = []
    for item in diff.changes:
        base = {
            "kind": t(KIND_WORDS[item.kind], lang=lang),
            "id": item.new_id or item.old_id or "",
            "name": item.name,
            "change": t(f"diff.change.{item.change}", lang=lang),
        }
        if item.change == "added":
            rows.append({**base, "field": "", "before": "", "after": item.name})
        elif item.change == "removed":
            rows.append({**base, "field": "", "before": item.name, "after": ""})
        for change in item.fields:
            rows.append(
                {
                    **base,
                    "field": t(FIELD_WORDS[change.field], lang=lang),
                    "before": _shown(diff.old, item.kind, change.field, change.before, lang),
                    "after": _shown(diff.new, item.kind, change.field, change.after, lang),
                }
            )
    return rows


def _shown(plan: Plan, kind: str, fieldname: str, value, lang: str) -> str:
    """A field value as a plan owner reads it: names instead of ids, phases and minutes in words."""
    if value is None or value == "" or value == ():
        if fieldname == "levels":
            return t("common.all_levels", lang=lang)
        return t("common.none", lang=lang)
    target = REFERENCES.get((kind, fieldname))
    if fieldname == "phase" and value in PHASES:
        return PHASES.label(value, lang)
    if fieldname in ("time_limit_min", "frequency_min") and isinstance(value, (int, float)):
        key = "diff.minutes" if fieldname == "time_limit_min" else "diff.every_minutes"
        return t(key, lang=lang, minutes=_minutes(value))
    if fieldname == "time_parts":
        return _join([_part(part, lang) for part in value], lang)
    word = f"{PLAN_WORDS.get(fieldname)}.{value}"
    if kind == "plan" and fieldname in PLAN_WORDS and has(word):
        return t(word, lang=lang)
    if fieldname == "time_from" and value in ("T0", "trigger", "response_end"):
        return t(f"editor.from_{value}", lang=lang)
    if target is not None:
        values = value if isinstance(value, tuple) else (value,)
        return _join([_named(plan, target, v) for v in values], lang)
    if isinstance(value, tuple):
        return _join([str(v) for v in value], lang)
    return str(value)


def _minutes(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _part(part: TimePart, lang: str) -> str:
    shown = t("diff.minutes", lang=lang, minutes=_minutes(part.minutes))
    return f"{shown} ({part.text})" if part.text else shown


def _named(plan: Plan, kind: str, item_id: str) -> str:
    items: tuple[Level | Role | Step, ...] = {
        "role": plan.roles,
        "step": plan.steps,
        "level": plan.levels,
    }[kind]
    item = next((x for x in items if x.id == item_id), None)
    return f"{item.name} ({item_id})" if item and item.name else item_id


def _join(values: list[str], lang: str) -> str:
    return join_names(values, lang)
