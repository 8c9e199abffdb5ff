"""A drill design as a JSON-ready dict and back, and a design copied as the next drill's template.

The dict is what `python -m drills create FILE --director USER` reads: the DrillDesign fields,
times as ISO 8601 with a time zone, lists for tuples, items' positions given by list order.
Reading checks types, choices and references and reports every problem at once; unknown keys
are ignored. An optional "status" ("designing", the default, or "sealed") is read by
`initial_status`. Objectives (`objectives`: id, text, areas, phases) and the evaluation
criteria (`evaluation_criteria`) are optional. Whether the roles, levels and plan version exist
is drills.validate's job.
"""

from __future__ import annotations

import math
from dataclasses import asdict, fields, replace
from datetime import datetime
from typing import Any

from drills.errors import DrillDesignError, DrillError, Problem, problem
from drills.model import (
    Blinding,
    ChecklistItem,
    DrillDesign,
    EvaluatorAssignment,
    Inject,
    Objective,
    Scenario,
)
from i18n.glossary import CAPABILITY_AREAS, DRILL_SCOPES, DRILL_TYPES, INJECT_KINDS, PHASES
from plans.graph import T0, TRIGGER

FORMAT = "plandrill.drill"
FORMAT_VERSION = 1
CREATE_STATUSES = ("designing", "sealed")


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def design_to_dict(design: DrillDesign) -> dict:
    """The design as a dict of JSON types (json.dumps takes it as it is)."""
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, **_plain(asdict(design))}
    for item in data["checklist"]:
        item.pop("position", None)
    return data


def copy_as_template(design: DrillDesign, *, title: str) -> DrillDesign:
    """The design as the template of the next drill: new title, no planned window.

    Raises:
        DrillError: the title is empty ("drills.design.no_title").
    """
    if not (title or "").strip():
        raise DrillError("drills.design.no_title")
    return replace(design, title=title.strip(), planned_start=None, planned_end=None)


def _or_empty(value: Any, empty: Any) -> Any:
    return empty if value is None else value


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class _Reader:
    """Typed reads from JSON values; each bad value becomes a Problem and a harmless default."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, key: str, **params) -> None:
        self.problems.append(problem(key, **params))

    def obj(self, value: Any, where: str) -> dict:
        if isinstance(value, dict):
            return value
        if where:
            self.fail("drills.design.not_object", where=where)
        else:
            self.fail("drills.design.not_json_object")
        return {}

    def text(self, data: dict, key: str, where: str, *, required=False, default="") -> str:
        value = data.get(key, default)
        if value is None and not required:
            return default
        if not isinstance(value, str):
            self.fail("drills.design.bad_type", field=_path(where, key), expected="text")
            return default or ""
        if required and not value.strip():
            self.fail("drills.design.missing", field=_path(where, key))
        return value

    def optional_text(self, data: dict, key: str, where: str) -> str | None:
        return self.text(data, key, where, default=None) if data.get(key) is not None else None

    def choice(self, data: dict, key: str, where: str, allowed: tuple, default: str) -> str:
        value = data.get(key, default)
        if value not in allowed:
            self.fail(
                "drills.design.bad_choice",
                field=_path(where, key),
                value=str(value),
                allowed=", ".join(allowed),
            )
            return default
        return value

    def flag(self, data: dict, key: str, where: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail("drills.design.bad_type", field=_path(where, key), expected="true/false")
            return default
        return value

    def texts(self, data: dict, key: str, where: str) -> tuple[str, ...]:
        value = _or_empty(data.get(key), [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail("drills.design.bad_type", field=_path(where, key), expected="[text]")
            return ()
        return tuple(dict.fromkeys(value))

    def number(self, data: dict, key: str, where: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not ok or not math.isfinite(value) or value < 0:
            self.fail("drills.design.bad_number", field=_path(where, key), value=str(value))
            return None
        return float(value)

    def time(self, data: dict, key: str) -> datetime | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            self.fail("drills.design.bad_time", field=key, value=str(value))
            return None
        return moment

    def items(self, data: dict, key: str) -> list[tuple[str, dict]]:
        value = _or_empty(data.get(key), [])
        if not isinstance(value, list):
            self.fail("drills.design.bad_type", field=key, expected="[…]")
            return []
        return [(f"{key}[{n}]", self.obj(v, f"{key}[{n}]")) for n, v in enumerate(value, 1)]


def _checklist(r: _Reader, data: dict) -> tuple[ChecklistItem, ...]:
    raw = r.items(data, "checklist")
    ids = [item.get("id") for _, item in raw]
    items = []
    for position, (where, item) in enumerate(raw):
        item_id = r.text(item, "id", where, required=True)
        if item_id and ids.count(item_id) > 1 and ids.index(item_id) == position:
            r.fail("drills.design.duplicate_id", where=where, id=item_id)
        after = r.texts(item, "after", where)
        time_from = r.text(item, "time_from", where, default=T0) or T0
        for ref in (*after, *([time_from] if time_from not in (T0, TRIGGER) else [])):
            if ref not in ids or ref == item_id:
                r.fail("drills.design.unknown_item", where=where, item=ref)
        items.append(
            ChecklistItem(
                id=item_id,
                name=r.text(item, "name", where, required=True),
                text=r.text(item, "text", where),
                step_id=r.optional_text(item, "step_id", where),
                roles=r.texts(item, "roles", where),
                phase=r.choice(item, "phase", where, PHASES, "disposal"),
                time_limit_min=r.number(item, "time_limit_min", where),
                time_from=time_from,
                after=after,
                position=position,
            )
        )
    return tuple(items)


def _injects(r: _Reader, data: dict, item_ids: set[str]) -> tuple[Inject, ...]:
    injects, seen = [], set()
    for where, raw in r.items(data, "injects"):
        inject_id = r.text(raw, "id", where, required=True)
        if inject_id in seen:
            r.fail("drills.design.duplicate_id", where=where, id=inject_id)
        seen.add(inject_id)
        expected = r.texts(raw, "expected_steps", where)
        for ref in expected:
            if ref not in item_ids:
                r.fail("drills.design.unknown_item", where=where, item=ref)
        injects.append(
            Inject(
                id=inject_id,
                title=r.text(raw, "title", where, required=True),
                content=r.text(raw, "content", where),
                kind=r.choice(raw, "kind", where, INJECT_KINDS, "message"),
                offset_min=r.number(raw, "offset_min", where),
                to_roles=r.texts(raw, "to_roles", where),
                expected_steps=expected,
            )
        )
    return tuple(injects)


def _objectives(r: _Reader, data: dict) -> tuple[Objective, ...]:
    objectives, seen = [], set()
    for where, raw in r.items(data, "objectives"):
        objective_id = r.text(raw, "id", where, required=True)
        if objective_id in seen:
            r.fail("drills.design.duplicate_id", where=where, id=objective_id)
        seen.add(objective_id)
        areas, phases = r.texts(raw, "areas", where), r.texts(raw, "phases", where)
        for area in areas:
            if area not in CAPABILITY_AREAS:
                r.fail(
                    "drills.design.bad_choice",
                    field=f"{where}.areas",
                    value=area,
                    allowed=", ".join(CAPABILITY_AREAS),
                )
        for phase in phases:
            if phase not in PHASES:
                r.fail(
                    "drills.design.bad_choice",
                    field=f"{where}.phases",
                    value=phase,
                    allowed=", ".join(PHASES),
                )
        text = r.text(raw, "text", where, required=True)
        objectives.append(Objective(objective_id, text, areas, phases))
    return tuple(objectives)


def _blinding(r: _Reader, data: dict) -> Blinding:
    raw = r.obj(_or_empty(data.get("blinding"), {}), "blinding")
    flags = {
        f.name: r.flag(raw, f.name, "blinding", f.default)
        for f in fields(Blinding)
        if f.name != "notified_units"
    }
    return Blinding(notified_units=r.texts(raw, "notified_units", "blinding"), **flags)


def _scenario(r: _Reader, data: dict) -> Scenario:
    raw = r.obj(_or_empty(data.get("scenario"), {}), "scenario")
    return Scenario(
        incident_type=r.text(raw, "incident_type", "scenario"),
        place=r.text(raw, "place", "scenario"),
        description=r.text(raw, "description", "scenario"),
        expected_level=r.optional_text(raw, "expected_level", "scenario"),
    )


def _version_id(r: _Reader, data: dict) -> int:
    value = data.get("version_id")
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        r.fail("drills.design.bad_version", value=str(value))
        return 0
    return value


def design_from_dict(data: Any) -> DrillDesign:
    """The design a dict (parsed JSON) describes.

    Raises:
        DrillDesignError: wrong types or choices, bad times, duplicate ids, references to
            unknown checklist items; `problems` lists every one.
    """
    r = _Reader()
    data = r.obj(data, "")
    if r.problems:
        raise DrillDesignError(r.problems)
    initial_status(data, r)
    checklist = _checklist(r, data)
    design = DrillDesign(
        title=r.text(data, "title", "", required=True),
        version_id=_version_id(r, data),
        drill_type=r.choice(data, "drill_type", "", DRILL_TYPES, "tabletop"),
        scope=r.choice(data, "scope", "", DRILL_SCOPES, "single"),
        scenario=_scenario(r, data),
        participating_roles=r.texts(data, "participating_roles", ""),
        level=r.optional_text(data, "level", ""),
        planned_start=r.time(data, "planned_start"),
        planned_end=r.time(data, "planned_end"),
        blinding=_blinding(r, data),
        checklist=checklist,
        injects=_injects(r, data, {item.id for item in checklist}),
        evaluators=tuple(
            EvaluatorAssignment(
                username=r.text(raw, "username", where, required=True),
                roles=r.texts(raw, "roles", where),
                places=r.texts(raw, "places", where),
            )
            for where, raw in r.items(data, "evaluators")
        ),
        directors=r.texts(data, "directors", ""),
        evaluation_leads=r.texts(data, "evaluation_leads", ""),
        objectives=_objectives(r, data),
        evaluation_criteria=r.text(data, "evaluation_criteria", ""),
    )
    if r.problems:
        raise DrillDesignError(r.problems)
    return design


def initial_status(data: dict, reader: _Reader | None = None) -> str:
    """The status a created drill starts in: data["status"], "designing" (default) or "sealed".

    Raises:
        DrillDesignError: any other status (only when called without a reader).
    """
    r = reader or _Reader()
    status = r.choice(data, "status", "", CREATE_STATUSES, "designing")
    if reader is None and r.problems:
        raise DrillDesignError(r.problems)
    return status


__all__ = [
    "CREATE_STATUSES",
    "FORMAT",
    "copy_as_template",
    "design_from_dict",
    "design_to_dict",
    "initial_status",
]
