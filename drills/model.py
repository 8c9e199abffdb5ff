"""The drill model: a drill's design, its checklist and injects, and the append-only events
(clock changes, inject releases, observations) from which its live state is folded.

Statuses follow access.secrecy: designing → sealed → running ⇄ paused → ended. Times are
timezone-aware datetimes passed in by the caller; minutes are counted on the drill clock, which
starts at T0 (the unannounced start) and stands still while the drill is paused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from plans.bidi import strip_bidi_fields

OBSERVATION_KINDS = ("item", "free", "undo", "amendment", "answer")

__all__ = [
    "OBSERVATION_KINDS",
    "Blinding",
    "ChecklistItem",
    "ClockEvent",
    "DrillDesign",
    "EvaluatorAssignment",
    "Inject",
    "InjectRelease",
    "Objective",
    "Observation",
    "RevealEvent",
    "Scenario",
]


@dataclass(frozen=True)
class Blinding:
    """What the tested units are not told in advance; a true double-blind drill withholds all
    four and notifies no unit."""

    withhold_time: bool = True
    withhold_place: bool = True
    withhold_scenario: bool = True
    withhold_subject: bool = True
    notified_units: tuple[str, ...] = ()
    evaluators_see_before_start: bool = False

    @property
    def double_blind(self) -> bool:
        withheld = (
            self.withhold_time,
            self.withhold_place,
            self.withhold_scenario,
            self.withhold_subject,
        )
        return all(withheld) and not self.notified_units


@dataclass(frozen=True)
class Scenario:
    incident_type: str = ""
    place: str = ""
    description: str = ""
    expected_level: str | None = None  # a level id of the plan version

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "incident_type", "place")


@dataclass(frozen=True)
class ChecklistItem:
    """One expected action. `step_id` links it to its plan step (None for an extra item the
    director added); `after` lists checklist item ids that must come first; `roles` are plan
    role ids, lead first; `time_from` is "T0", "trigger" (the inject that set it off) or an
    item id."""

    id: str
    name: str
    text: str = ""
    step_id: str | None = None
    roles: tuple[str, ...] = ()
    phase: str = "disposal"
    time_limit_min: float | None = None
    time_from: str = "T0"
    after: tuple[str, ...] = ()
    position: int = 0

    @property
    def extra(self) -> bool:
        return self.step_id is None

    @property
    def lead(self) -> str | None:
        """The role expected to do it ("done by" defaults to it); None for an item of no role."""
        return self.roles[0] if self.roles else None

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "name")


@dataclass(frozen=True)
class Inject:
    """A scenario message (情景注入), task card (任务卡) or question released to plan roles, at
    `offset_min` on the drill clock or by hand (offset None)."""

    id: str
    title: str
    content: str = ""
    kind: str = "message"
    offset_min: float | None = None
    to_roles: tuple[str, ...] = ()  # plan role ids; () = every participating role
    expected_steps: tuple[str, ...] = ()  # checklist item ids it is expected to set off

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "title")


@dataclass(frozen=True)
class EvaluatorAssignment:
    """An evaluator (user name) and their share: plan roles and/or places to watch."""

    username: str
    roles: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "username")


@dataclass(frozen=True)
class Objective:
    """A drill objective (演练目的/目标): what the drill is to show, tied to capability areas
    (i18n.glossary.CAPABILITY_AREAS) and plan phases (PHASES); rated P/S/M/U after the drill
    (drills.objectives)."""

    id: str
    text: str
    areas: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DrillDesign:
    """Everything the director decides before the start. The plan version must be published."""

    title: str
    version_id: int
    drill_type: str = "tabletop"
    scope: str = "single"
    scenario: Scenario = field(default_factory=Scenario)
    participating_roles: tuple[str, ...] = ()  # plan role ids; () = every role
    level: str | None = None  # the response level the checklist is derived for
    planned_start: datetime | None = None  # known only to the directors
    planned_end: datetime | None = None
    blinding: Blinding = field(default_factory=Blinding)
    checklist: tuple[ChecklistItem, ...] = ()
    injects: tuple[Inject, ...] = ()
    evaluators: tuple[EvaluatorAssignment, ...] = ()
    directors: tuple[str, ...] = ()  # user names
    evaluation_leads: tuple[str, ...] = ()
    objectives: tuple[Objective, ...] = ()
    evaluation_criteria: str = ""  # 评估标准: what the evaluators judge by, in the lead's words

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "title", "directors", "evaluation_leads")


@dataclass(frozen=True)
class ClockEvent:
    """start (T0), pause, resume or end of a drill, at a wall-clock time."""

    kind: str
    at: datetime
    by: str = ""


@dataclass(frozen=True)
class InjectRelease:
    """An inject was released to its roles, at a wall-clock time (timed or by hand)."""

    inject_id: str
    at: datetime
    by: str = ""


@dataclass(frozen=True)
class RevealEvent:
    """One line of the reveal log. `kind`: "created" and "sealed" (by the director), "insider_added"
    / "insider_removed" (`person` may or may no longer see the sealed drill), "viewed" (`person`
    opened it before the start), "revealed" (the start made it known)."""

    kind: str
    at: datetime
    person: str = ""
    by: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Observation:
    """One evaluator entry, never changed once stored. `kind`: "item" (a checklist item was
    rated), "free" (an unexpected action), "answer" (to a task card or question inject),
    "undo" (withdraws observation `ref`), "amendment" (corrects `ref` after the drill ended,
    with a `reason`). `happened_at` may be earlier than `entered_at` when catching up."""

    id: str  # a client-made unique id: a retried tap is stored once
    drill_id: int
    kind: str
    evaluator: str
    entered_at: datetime
    happened_at: datetime
    item_id: str | None = None
    rating: str | None = None
    quality: str | None = None
    done_by: str | None = None  # plan role id
    note: str = ""
    photo_id: str | None = None
    inject_id: str | None = None
    ref: str | None = None
    reason: str = ""
