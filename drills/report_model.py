"""The input of the drill evaluation documents: everything the report, the debrief and the Excel
export show, in one frozen value, so the documents never depend on the scoring module's
internals. Whoever assembles it (from the drill design, the folded state, the scores, the
findings and the corrective actions) fills in display text in the report's language; the
documents translate only their own labels and these keys:

- drill_type: "tabletop" | "live"; scope: "single" | "comprehensive" (other text is shown as is)
- BlindingFacts.withheld: "time" | "place" | "scenario" | "subject"
- FindingRow.grade: an id of i18n.glossary.FINDING_GRADES (or "strength")
- FindingRow.cause: an id of FINDING_CAUSES (the ids the database keeps)
- ActionRow.status: an id of ACTION_STATUSES (the ids the database keeps)
- ScoreRow ratings: an id of QUALITY_MARKS (HSEEP P/S/M/U)
- outcome: plan step id -> an id of OUTCOME_CATEGORIES or "out_of_scope" (no checklist item)
- categories: category -> number of checklist items (the same counts on every view)
- RecordRow.category / ItemRow.category: a category key; RecordRow.kind: "item" | "free" | "answer"
- FindingRow.kind: where the finding came from (FINDING_KINDS); "gap" findings
  are about the evaluation's coverage, internal to the evaluators

Lists may be given as lists or tuples; they are stored as tuples.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime

from drills.report_signoff import AreaConclusionRow, ObjectiveRow, TeamRow
from i18n.glossary import BLINDING_ASPECTS, OUTCOME_CATEGORIES

OUTCOMES = (*OUTCOME_CATEGORIES, "out_of_scope")
INTERNAL_FINDINGS = frozenset({"gap"})  # about the evaluators' coverage: not for participants

Moment = datetime | date | str | None


def _freeze(instance) -> None:
    """Lists become tuples (a frozen value stays hashable and unchanged)."""
    for f in fields(instance):
        value = getattr(instance, f.name)
        if isinstance(value, list):
            object.__setattr__(instance, f.name, tuple(value))


@dataclass(frozen=True)
class ScenarioFacts:
    incident: str = ""  # incident type, e.g. 危险化学品泄漏
    place: str = ""
    description: str = ""
    level: str = ""  # the response level's name, e.g. Ⅱ级响应


@dataclass(frozen=True)
class BlindingFacts:
    withheld: tuple[str, ...] = BLINDING_ASPECTS  # ids of BLINDING_ASPECTS (or text)
    notified_units: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _freeze(self)

    @property
    def double_blind(self) -> bool:
        return set(BLINDING_ASPECTS) <= set(self.withheld) and not self.notified_units


@dataclass(frozen=True)
class RevealRow:
    """One line of the reveal log: who could see the drill before its start, and when."""

    at: Moment
    who: str
    event: str


@dataclass(frozen=True)
class TimelineRow:
    """One event of the drill: minute on the drill clock, the lane it belongs to (a role, "导调"
    for injects and clock events), what happened and who did it. `kind` colours its mark in
    the timeline chart: "clock" | "inject" | "on_time" | "late" | "note" ("" = plain)."""

    minute: float
    lane: str
    what: str
    who: str = ""
    kind: str = ""


@dataclass(frozen=True)
class ScoreRow:
    """One capability area: how many checklist items it has, the share observed (0-1), its
    0-100 score, the computed and final P/S/M/U rating and the evaluators' reason for a change."""

    area: str
    items: int
    coverage: float | None
    score: float | None
    computed_rating: str
    final_rating: str
    override_reason: str = ""

    @property
    def overridden(self) -> bool:
        return bool(self.final_rating) and self.final_rating != self.computed_rating


@dataclass(frozen=True)
class ItemRow:
    """One checklist item's result, for the Excel export. `rating`: done | partly | not_done |
    na | not_observed; `timing`: on_time | late | "" ; minutes on the drill clock."""

    area: str
    item: str
    role: str = ""
    rating: str = ""
    timing: str = ""
    minute: float | None = None
    limit_min: float | None = None
    done_by: str = ""
    note: str = ""
    item_id: str = ""
    step_id: str = ""
    category: str = ""  # an id of OUTCOME_CATEGORIES
    quality: str = ""
    amended: str = ""  # the amendment in force, said in full
    conflict: bool = False


@dataclass(frozen=True)
class AmendRow:
    """One amendment of an entry: the values before and after, why, by whom and when."""

    before: str
    after: str
    reason: str
    by: str = ""
    at: Moment = None


@dataclass(frozen=True)
class RecordRow:
    """One line of the process record (drills.evaluation.RecordEntry in display text)."""

    kind: str  # item | free | answer
    what: str
    evaluator: str
    minute: float | None = None
    observed: Moment = None
    recorded: Moment = None
    result: str = ""  # the category (or rating) in force, said in full
    category: str = ""
    quality: str = ""
    note: str = ""
    done_by: str = ""
    photo: str = ""  # photo id
    undone: str = ""  # who undid it and when, said in full ("" when in force)
    amendments: tuple[AmendRow, ...] = ()
    conflict: bool = False
    remark: str = ""  # superseded, set aside, a refused quality mark
    id: str = ""
    item_id: str = ""

    def __post_init__(self) -> None:
        _freeze(self)


@dataclass(frozen=True)
class ConflictRow:
    item: str
    entries: tuple[str, ...]  # each evaluator's entry, said in full
    settlement: str = ""  # "" while open

    def __post_init__(self) -> None:
        _freeze(self)


@dataclass(frozen=True)
class PhotoRow:
    id: str
    caption: str
    data: bytes = field(default=b"", repr=False, compare=False)


@dataclass(frozen=True)
class Overall:
    score: float | None = None
    grade: str = ""  # display text, e.g. 良好 / Satisfactory
    coverage: float | None = None


@dataclass(frozen=True)
class FindingRow:
    title: str
    description: str = ""
    cause: str = ""  # an id of FINDING_CAUSES or text
    grade: str = "improvement"  # an id of FINDING_GRADES or text
    target: str = ""  # the plan step or role it concerns (display text)
    evidence: str = ""  # a summary: observations, photos (may name evaluators)
    strength: bool = False
    id: str = ""
    kind: str = "manual"
    cause_analysis: str = ""  # the evaluation lead's own words (原因分析), not the category
    area: str = ""  # the capability area (display text)
    area_key: str = ""


@dataclass(frozen=True)
class ActionRow:
    finding: str  # the finding's title (or id)
    action: str
    owner: str = ""
    due: Moment = None
    status: str = "open"  # an id of ACTION_STATUSES or text
    verification: str = ""
    capability: str = ""  # the finding's capability area (display text)
    element: str = ""  # HSEEP capability element: an id of POETE_ELEMENTS
    organization: str = ""  # primary responsible organization
    contact: str = ""  # point of contact (display name)
    start: Moment = None


@dataclass(frozen=True)
class ParticipantRow:
    role: str
    people: str = ""


@dataclass(frozen=True)
class ReviewRow:
    """One participant's own review (参演人员自评), by the role played, without the name."""

    role: str
    went_well: str = ""
    to_improve: str = ""
    rating: int | None = None  # 1 (poor) to 5 (very good)


@dataclass(frozen=True)
class ReportData:
    lang: str
    drill_title: str
    plan_title: str
    plan_version: str = ""
    drill_type: str = "tabletop"
    scope: str = "single"
    scenario: ScenarioFacts = field(default_factory=ScenarioFacts)
    started_at: Moment = None
    ended_at: Moment = None
    duration_min: float | None = None
    directors: tuple[str, ...] = ()
    evaluators: tuple[str, ...] = ()
    participants_roles: tuple[ParticipantRow, ...] = ()  # plain strings are taken as roles
    blinding: BlindingFacts = field(default_factory=BlindingFacts)
    reveal_log: tuple[RevealRow, ...] = ()
    evaluation_method: str = ""  # empty: a standard sentence
    timeline: tuple[TimelineRow, ...] = ()
    score_rows: tuple[ScoreRow, ...] = ()
    overall: Overall = field(default_factory=Overall)
    findings: tuple[FindingRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()
    outcome: dict[str, str] = field(default_factory=dict)
    conclusion: str = ""
    item_rows: tuple[ItemRow, ...] = ()
    evaluation_leads: tuple[str, ...] = ()
    report_date: Moment = None
    reviews: tuple[ReviewRow, ...] = ()
    categories: dict[str, int] = field(default_factory=dict)
    record: tuple[RecordRow, ...] = ()
    conflicts: tuple[ConflictRow, ...] = ()
    photos: tuple[PhotoRow, ...] = ()
    step_names: dict[str, str] = field(default_factory=dict)
    not_rated: tuple[str, ...] = ()  # areas with items but nothing to score (display text)
    standard: str = ""  # "aqt9009" | "hseep" (drills.signoff.STANDARDS); "": by the language
    objectives: tuple[ObjectiveRow, ...] = ()
    criteria: str = ""
    team: tuple[TeamRow, ...] = ()
    area_conclusions: tuple[AreaConclusionRow, ...] = ()
    conclusion_edited: bool = False  # the conclusion is the lead's text, not the draft
    unit: str = ""  # the organisation that signs and seals

    def __post_init__(self) -> None:
        _freeze(self)
        roles = tuple(
            ParticipantRow(p) if isinstance(p, str) else p for p in self.participants_roles
        )
        object.__setattr__(self, "participants_roles", roles)
        object.__setattr__(self, "outcome", dict(self.outcome or {}))
        object.__setattr__(self, "step_names", dict(self.step_names or {}))
        counts = dict.fromkeys(OUTCOME_CATEGORIES, 0) | dict(self.categories or {})
        object.__setattr__(self, "categories", counts)
        if self.lang not in ("zh", "en"):
            object.__setattr__(self, "lang", "zh")

    @property
    def hseep(self) -> bool:
        """Whether the document is the HSEEP AAR/IP (else the AQ/T 9009 / GB/T 46792 report):
        the chosen standard, else by the document's language."""
        return self.standard == "hseep" or (not self.standard and self.lang == "en")

    @property
    def strengths(self) -> tuple[FindingRow, ...]:
        return tuple(f for f in self.findings if f.strength)

    @property
    def problems(self) -> tuple[FindingRow, ...]:
        return tuple(f for f in self.findings if not f.strength)

    @property
    def participant_problems(self) -> tuple[FindingRow, ...]:
        """The problems participants should see: not the evaluators' own coverage gaps."""
        return tuple(f for f in self.problems if f.kind not in INTERNAL_FINDINGS)

    def photo_number(self, photo_id: str) -> int | None:
        """The photo's number in the document (1-based), None for an unknown one."""
        return next((n for n, p in enumerate(self.photos, start=1) if p.id == photo_id), None)

    def outcome_counts(self, step_ids=None) -> dict[str, int]:
        """How many plan steps ended in each outcome; "not_observed" counts `step_ids` (the
        plan's steps) without one."""
        counts = dict.fromkeys(OUTCOMES, 0)
        for value in self.outcome.values():
            if value in counts:
                counts[value] += 1
        if step_ids is not None:
            counts["not_observed"] = sum(1 for s in step_ids if s not in self.outcome)
        return counts


__all__ = [
    "INTERNAL_FINDINGS",
    "OUTCOMES",
    "ActionRow",
    "AmendRow",
    "AreaConclusionRow",
    "BlindingFacts",
    "ConflictRow",
    "FindingRow",
    "ItemRow",
    "ObjectiveRow",
    "Overall",
    "ParticipantRow",
    "PhotoRow",
    "RecordRow",
    "ReportData",
    "RevealRow",
    "ReviewRow",
    "ScenarioFacts",
    "ScoreRow",
    "TeamRow",
    "TimelineRow",
]
