"""The plan model: frozen dataclasses shared by the reader, extraction, store, checks and pages."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

from i18n.glossary import PHASES, PLAN_KINDS  # kept importable here for the extraction's tests
from plans.bidi import strip_bidi_fields


@dataclass(frozen=True)
class Block:
    """One unit of a document in reading order: a heading, paragraph, list item or table row.

    `level` is the heading level (1 = top) for headings and the nesting depth for list items;
    `label` is the numbering written or generated in front of the text ("第一章", "（一）", "1.1").
    """

    index: int
    kind: str  # heading | paragraph | list_item | table_row
    text: str
    level: int = 0
    label: str = ""
    cells: tuple[str, ...] = ()
    style: str = ""


@dataclass(frozen=True)
class Source:
    """Where an item was read: the block's index and text; for a step also `quote`, its own
    words as they stood in that block at import (what a revision replaces in the original)."""

    block: int
    text: str
    quote: str = ""


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    responsibilities: tuple[str, ...] = ()
    source: Source | None = None
    part: str | None = None
    kind: str = ""  # command | office | group | unit | post | team | other
    phone: str = ""  # contact numbers as written ("0532-8888 1234 转 801"); see plans.contacts
    duty_phone: str = ""  # 值班电话: the number answered day and night

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "name", "aliases")


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    condition: str = ""
    source: Source | None = None
    part: str | None = None

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "name")


@dataclass(frozen=True)
class TimePart:
    """One part of a time limit with several: "30分钟内电话" of "30分钟内电话、1小时内书面报告"."""

    minutes: float
    text: str = ""


@dataclass(frozen=True)
class Step:
    """One concrete action. `roles` lists the owners, lead first; `support` the supporting ones.

    `time_limit_min` counts from `time_from`: "T0" (the incident), "trigger" (what set the step
    off), "response_end" (an after-the-fact deadline, off the response path) or a step id. A
    limit with several parts keeps the first in `time_limit_min` and all of them in
    `time_parts`; a repeated duty ("每两小时") is `frequency_min`, not a time limit.
    """

    id: str
    name: str
    text: str
    roles: tuple[str, ...] = ()
    phase: str = "disposal"
    time_limit_min: float | None = None
    levels: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    source: Source | None = None
    part: str | None = None
    support: tuple[str, ...] = ()
    notifies: tuple[str, ...] = ()
    time_from: str = "T0"
    time_text: str = ""
    time_parts: tuple[TimePart, ...] = ()
    frequency_min: float | None = None

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "name")


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    kind: str = ""

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "title")


# what a section of a plan holds (GB/T 29639 chapters; HSEEP/NIST phases for English plans)
SECTION_KINDS = (
    "general",
    "organisation",
    "levels",
    "warning",
    "report",
    "response",
    "termination",
    "recovery",
    "support",
    "annex",
    "excluded",
    "other",
)


@dataclass(frozen=True)
class Section:
    """A heading of the document with its narrative text; `kind` (one of SECTION_KINDS, "" when
    unknown) says what the section holds, so steps come only from response kinds."""

    id: str
    heading: str
    level: int
    text: str = ""
    part: str | None = None
    block: int | None = None
    kind: str = ""

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "heading")


@dataclass(frozen=True)
class Plan:
    title: str
    language: str = "zh"
    kind: str = "other"
    roles: tuple[Role, ...] = ()
    levels: tuple[Level, ...] = ()
    steps: tuple[Step, ...] = ()
    parts: tuple[Part, ...] = ()
    sections: tuple[Section, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "title")


# optional text fields that older or hand-written plan JSON may give as null or a number
TEXT_FIELDS = frozenset({"phone", "duty_phone"})

_NESTED = {"roles": Role, "levels": Level, "steps": Step, "parts": Part, "sections": Section}


def plan_to_dict(plan: Plan) -> dict:
    """The plan JSON of DESIGN.md section 5 (plus optional fields): what `asdict` gives with
    tuples as lists, built directly (asdict deep-copies every value: 0.1 s for a 100-page
    plan)."""
    return _plain(plan)


def _plain(value: Any) -> Any:
    names = _FIELD_NAMES.get(type(value))
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _item_from_dict(cls: type, data: dict) -> Any:
    known = {f.name: f for f in fields(cls)}
    kwargs = {}
    for key, value in data.items():
        if key not in known:
            continue
        if key == "source" and value is not None:
            value = Source(
                block=int(value.get("block", -1)),
                text=str(value.get("text", "")),
                quote=str(value.get("quote", "")),
            )
        elif key == "time_parts":
            value = tuple(
                TimePart(minutes=float(p["minutes"]), text=str(p.get("text", "")))
                for p in value or ()
            )
        elif isinstance(value, list):
            value = tuple(value)
        elif key in TEXT_FIELDS:  # a number written as JSON number, or null: text all the same
            value = "" if value is None else str(value)
        kwargs[key] = value
    return cls(**kwargs)


def plan_from_dict(data: dict) -> Plan:
    """Build a Plan from plan JSON; unknown keys are ignored, missing optional keys defaulted."""
    kwargs: dict[str, Any] = {
        "title": str(data.get("title", "")),
        "language": str(data.get("language", "zh")),
        "kind": str(data.get("kind", "other")),
    }
    for key, cls in _NESTED.items():
        kwargs[key] = tuple(_item_from_dict(cls, item) for item in data.get(key) or [])
    kwargs["warnings"] = tuple(data.get("warnings") or ())
    return Plan(**kwargs)


__all__ = [
    "PHASES",
    "PLAN_KINDS",
    "SECTION_KINDS",
    "Block",
    "Level",
    "Part",
    "Plan",
    "Role",
    "Section",
    "Source",
    "Step",
    "TimePart",
    "plan_from_dict",
    "plan_to_dict",
    "replace",
]
