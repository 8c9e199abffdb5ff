"""Drill scoring: what became of each checklist item, and scores and P/S/M/U ratings per
capability area, per role and for the whole drill.

Item outcome. `performed` is the evaluator's rating (done / partly / not_done / na) or
"not_observed" when nobody recorded it (or only a note): a gap, never a pass. Time limits count on the drill
clock from the item's `time_from` (T0, the triggering inject, or a predecessor; see
drills.progress.due_minutes). An item done or partly done is on time when it happened at or before
its due minute and late after it; on_time is None when it has no limit, its clock never started,
or it was not performed.

Credit of an item, 0..1 (na items are left out of every score):
    done 1, partly 0.5, not_done 0, not_observed 0 (a gap earns nothing);
    x 0.5 when late;
    x the quality mark's factor: P 1, S 0.9, M 0.7, U 0.5 (no mark: 1).
Who did it and in which order do not change the credit: they become findings (drills.findings).

Area or role score = 100 x sum of credits / items that are not na. An area or role with no entry
but na ones has nothing to score: it is "not rated" (score None, never 0) and left out of means.
Coverage = share of the items with an entry (an na entry counts as observed).
Rating and grade bands: drills.ratings (P >= 90, S >= 75, M >= 50, U below; no rating when
under 50 % of the items were observed). Since a gap earns nothing, an area observed below 90 % can
never be rated P and below 75 % never S.
Overall score = weighted mean of the area scores (areas without a score left out); weights are
per area, 1 each by default. Grade from the overall score and the overall coverage (drills.ratings).
An override replaces an area's rating, never its score or the overall grade; the computed rating
and the override's reason are kept beside it for the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from drills.clock import DrillClock, clock_from
from drills.model import ChecklistItem, ClockEvent, Inject
from drills.progress import NO_ROLE, Progress, due_minutes
from drills.ratings import (
    RatingOverride,
    area_of,
    checked_areas,
    checked_overrides,
    checked_weights,
    grade_of,
    rating_of,
)
from drills.state import DrillState
from i18n.glossary import CAPABILITY_AREAS, RATINGS

BASE_CREDIT = MappingProxyType({"done": 1.0, "partly": 0.5, "not_done": 0.0, "not_observed": 0.0})
QUALITY_FACTOR = MappingProxyType({"P": 1.0, "S": 0.9, "M": 0.7, "U": 0.5})
LATE_FACTOR = 0.5
_HAPPENED = frozenset({"done", "partly"})


@dataclass(frozen=True)
class ItemResult:
    """What became of one checklist item; minutes are drill-clock minutes."""

    item: ChecklistItem
    area: str
    performed: str  # one of PERFORMED
    quality: str | None = None
    done_by: str | None = None
    note: str = ""
    happened_min: float | None = None
    due_min: float | None = None
    on_time: bool | None = None
    late_min: float | None = None
    by_expected_role: bool | None = None
    before_prerequisites: bool | None = None  # True: happened before a predecessor happened
    credit: float | None = None  # None for na
    evidence: tuple[str, ...] = ()  # observation ids: the entry and its amendments

    @property
    def late(self) -> bool:
        return self.on_time is False

    @property
    def gap(self) -> bool:
        return self.performed == "not_observed"


@dataclass(frozen=True)
class Counts(Progress):
    """Items of one group by outcome (as drills.progress counts them), the late ones and the sum
    of their credits."""

    late: int = 0
    credit: float = 0.0

    @property
    def coverage(self) -> float | None:
        """Share of the items with an entry (None for an empty group)."""
        return self.share if self.total else None

    @property
    def rated(self) -> bool:
        """Whether anything in the group can be scored: an entry other than na. A group with
        none is "not rated" (never 0) and is left out of every mean."""
        return self.done + self.partly + self.not_done > 0

    @property
    def score(self) -> float | None:
        """0-100 over the items that are not na (None when the group is not rated)."""
        expected = self.total - self.na
        return round(100.0 * self.credit / expected, 4) if expected and self.rated else None


def _count(results: Sequence[ItemResult]) -> Counts:
    late, credit = 0, 0.0
    for result in results:
        late += result.late
        credit += result.credit or 0.0
    return Counts.of((result.performed for result in results), late=late, credit=credit)


@dataclass(frozen=True)
class AreaResult:
    area: str
    counts: Counts
    weight: float
    computed_rating: str | None
    override: RatingOverride | None = None

    score = property(lambda self: self.counts.score)
    coverage = property(lambda self: self.counts.coverage)

    @property
    def rating(self) -> str | None:
        """The rating in force: the override's, else the computed one."""
        return self.override.rating if self.override else self.computed_rating


@dataclass(frozen=True)
class RoleResult:
    role: str  # the items' lead role; NO_ROLE for items of no role
    counts: Counts

    score = property(lambda self: self.counts.score)
    coverage = property(lambda self: self.counts.coverage)
    rating = property(lambda self: rating_of(self.counts.score, self.counts.coverage))


@dataclass(frozen=True)
class Evaluation:
    items: tuple[ItemResult, ...]
    areas: tuple[AreaResult, ...]  # every area, in CAPABILITY_AREAS order
    roles: tuple[RoleResult, ...]  # lead roles in checklist order
    counts: Counts
    score: float | None
    grade: str | None
    _by_item: Mapping[str, ItemResult] = field(default_factory=dict, repr=False, compare=False)

    coverage = property(lambda self: self.counts.coverage)

    def item(self, item_id: str) -> ItemResult | None:
        return self._by_item.get(item_id)

    def area(self, area: str) -> AreaResult:
        return next(result for result in self.areas if result.area == area)


def _credit(performed: str, quality: str | None, late: bool) -> float | None:
    if performed == "na":
        return None
    credit = BASE_CREDIT[performed] * QUALITY_FACTOR.get(quality, 1.0)
    return credit * LATE_FACTOR if late else credit


def _item_result(
    item: ChecklistItem,
    state: DrillState,
    area: str,
    due: float | None,
    happened: Mapping[str, float | None],
) -> ItemResult:
    entry = state.entry(item.id)
    if entry is None:
        return ItemResult(item, area, "not_observed", credit=0.0)
    evidence = tuple(o.id for o in entry.history)
    if entry.rating not in RATINGS:  # a note without a rating still leaves the item a gap
        return ItemResult(
            item, area, "not_observed", note=entry.note, credit=0.0, evidence=evidence
        )
    performed = entry.rating
    minute = happened.get(item.id)
    on_time = late_min = by_role = out_of_order = None
    if performed in _HAPPENED:
        if due is not None and minute is not None:
            late_min = max(minute - due, 0.0)
            on_time = minute <= due
        if entry.done_by and item.roles:
            by_role = entry.done_by in item.roles
        before = [happened[p] for p in item.after if happened.get(p) is not None]
        if minute is not None and before:
            out_of_order = any(minute < other for other in before)
    return ItemResult(
        item=item,
        area=area,
        performed=performed,
        quality=entry.quality,
        done_by=entry.done_by,
        note=entry.note,
        happened_min=minute,
        due_min=due,
        on_time=on_time,
        late_min=late_min,
        by_expected_role=by_role,
        before_prerequisites=out_of_order,
        credit=_credit(performed, entry.quality, on_time is False),
        evidence=evidence,
    )


def _happened_minutes(
    checklist: Sequence[ChecklistItem], state: DrillState, clock: DrillClock
) -> dict[str, float | None]:
    """item id -> drill minute it happened, for the items done or partly done."""
    minutes = {}
    for item in checklist:
        entry = state.entry(item.id)
        if entry is not None and entry.rating in _HAPPENED and clock.started:
            minutes[item.id] = clock.minute_of(entry.happened_at)
    return minutes


def _overall(areas: Sequence[AreaResult]) -> float | None:
    scored = [(a.weight, a.score) for a in areas if a.score is not None and a.weight > 0]
    total = sum(weight for weight, _ in scored)
    if not total:
        return None
    return round(sum(weight * score for weight, score in scored) / total, 4)


def score_drill(
    checklist: Sequence[ChecklistItem],
    state: DrillState,
    clock_events: Iterable[ClockEvent] | DrillClock,
    released_injects: Iterable[tuple[Inject, datetime]] = (),
    *,
    weights: Mapping[str, float] | None = None,
    overrides: Iterable[RatingOverride] = (),
    areas: Mapping[str, str] | None = None,
) -> Evaluation:
    """Score a drill from its folded state (fold it with the same clock events). `released_injects`
    pairs each released inject with its release time; `weights` are per area (default 1 each);
    `areas` maps plan phases onto areas where an organisation departs from AREA_OF_PHASE.

    Raises:
        DrillError: an unknown area, a negative weight, an override with an unknown rating or
            without a reason ("scoring.override_needs_reason").
    """
    mapping = checked_areas(areas)
    area_weights = checked_weights(weights)
    chosen = checked_overrides(overrides)
    clock = clock_events if isinstance(clock_events, DrillClock) else clock_from(clock_events)
    dues = due_minutes(checklist, state, clock, released_injects)
    happened = _happened_minutes(checklist, state, clock)
    results = tuple(
        _item_result(item, state, area_of(item.phase, mapping), dues[item.id], happened)
        for item in checklist
    )
    by_area: dict[str, list[ItemResult]] = {area: [] for area in CAPABILITY_AREAS}
    by_role: dict[str, list[ItemResult]] = {}
    for result in results:
        by_area[result.area].append(result)
        by_role.setdefault(result.item.lead or NO_ROLE, []).append(result)
    area_results = []
    for area, members in by_area.items():
        counts = _count(members)
        computed = rating_of(counts.score, counts.coverage)
        area_results.append(
            AreaResult(area, counts, area_weights[area], computed, chosen.get(area))
        )
    counts = _count(results)
    score = _overall(area_results)
    return Evaluation(
        items=results,
        areas=tuple(area_results),
        roles=tuple(RoleResult(role, _count(members)) for role, members in by_role.items()),
        counts=counts,
        score=score,
        grade=grade_of(score, counts.coverage),
        _by_item=MappingProxyType({result.item.id: result for result in results}),
    )


__all__ = [
    "AreaResult",
    "Counts",
    "Evaluation",
    "ItemResult",
    "RatingOverride",
    "RoleResult",
    "area_of",
    "score_drill",
]
