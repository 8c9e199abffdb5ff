"""The one evaluation of a drill, computed once from its record; the review screen, the Word
report, the debrief, the Excel workbook and the charts all render from it, so they cannot
disagree.

Categories of an item (one vocabulary everywhere, OUTCOME_CATEGORIES): on time, late, partly
done, not done, not applicable, not observed. Partly done is its own category whatever its
timing; an item nobody rated is not observed, never not done. The process record lists every
item, free and answer entry in the order things happened, withdrawn ones (undone) and
superseded ones included, each with its amendments (original, new value, reason). Two
evaluators whose entries in force on the same item differ are a conflict (drills.conflicts); a
settlement (chosen entry, reason) decides which entry counts, otherwise the latest entry counts
as before and the conflict stays flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import pairwise
from types import MappingProxyType

from drills.clock import DrillClock, clock_from
from drills.conflicts import Conflict, Settlement, find_conflicts, item_entries, settlement_of
from drills.model import ChecklistItem, ClockEvent, Inject, Observation
from drills.ratings import RatingOverride
from drills.scoring import AreaResult, Evaluation, ItemResult, score_drill
from drills.state import DrillState, Entry, fold
from i18n.glossary import OUTCOME_CATEGORIES

SCORED = frozenset({"on_time", "late", "partly", "not_done"})


def category_of(performed: str | None, on_time: bool | None = None) -> str:
    """The category of a rating ("done", "partly", "not_done", "na"; None or anything else: not
    observed) and its timing (False: late)."""
    if performed == "done":
        return "late" if on_time is False else "on_time"
    return performed if performed in ("partly", "not_done", "na") else "not_observed"


def quality_refused(rating: str | None, quality: str | None) -> bool:
    """A quality mark says how well something was done: a "not done" entry takes none."""
    return rating == "not_done" and bool(quality)


def detect_conflicts(
    checklist: Iterable[ChecklistItem],
    state: DrillState,
    settlements: Iterable[Settlement] = (),
) -> tuple[Conflict, ...]:
    """Items on which two or more evaluators' latest entries in force give different ratings,
    in checklist order, each with the latest settlement that covers all its entries (a new
    disagreeing entry opens a settled item again). Entries without a rating are left out."""
    settlements = tuple(settlements)
    entries = item_entries(state)
    in_order = {item.id: entries[item.id] for item in checklist if item.id in entries}
    return tuple(
        replace(conflict, settlement=settlement_of(conflict, settlements))
        for conflict in find_conflicts(in_order)
    )


@dataclass(frozen=True)
class RecordEntry:
    """One line of the process record: an item rating, free observation or answer to an inject.
    `entry` holds the original, its amendments and the values in force; `category` is the
    item entry's category by its own time (empty for other kinds)."""

    entry: Entry
    category: str = ""
    original_category: str = ""
    undo: Observation | None = None  # the undo that withdrew it
    in_force: bool = True  # the item entry that counts (False: withdrawn, superseded, overruled)
    conflict: bool = False

    kind = property(lambda self: self.entry.kind)
    id = property(lambda self: self.entry.id)

    @property
    def withdrawn(self) -> bool:
        return self.undo is not None

    @property
    def amendments(self) -> tuple[tuple[Observation, Observation], ...]:
        """(before, after) of each amendment in force, in order; `after.reason` says why."""
        return tuple(pairwise(self.entry.history))

    @property
    def quality_refused(self) -> bool:
        return quality_refused(self.entry.rating, self.entry.quality)

    @property
    def photo_id(self) -> str | None:
        """The entry's photo: an amendment that names none keeps the original's (a photo once
        taken stays evidence)."""
        return next((o.photo_id for o in reversed(self.entry.history) if o.photo_id), None)


@dataclass(frozen=True)
class DrillEvaluation:
    """Everything the views show of a drill's result (see the module docstring)."""

    checklist: tuple[ChecklistItem, ...]
    scores: Evaluation
    state: DrillState
    categories: Mapping[str, str]  # item id -> category
    record: tuple[RecordEntry, ...]
    conflicts: tuple[Conflict, ...]
    injects: Mapping[str, Inject] = field(default_factory=dict)

    items = property(lambda self: self.scores.items)
    areas = property(lambda self: self.scores.areas)
    roles = property(lambda self: self.scores.roles)
    score = property(lambda self: self.scores.score)
    grade = property(lambda self: self.scores.grade)
    coverage = property(lambda self: self.scores.coverage)
    counts = property(lambda self: self.scores.counts)

    def item(self, item_id: str) -> ItemResult | None:
        return self.scores.item(item_id)

    def area(self, area: str) -> AreaResult:
        return self.scores.area(area)

    @property
    def category_counts(self) -> dict[str, int]:
        """How many checklist items ended in each category, in OUTCOME_CATEGORIES order."""
        return count_categories(self.categories.values())

    def area_categories(self, area: str) -> dict[str, int]:
        return count_categories(self.categories[r.item.id] for r in self.items if r.area == area)

    def role_categories(self, role: str) -> dict[str, int]:
        """Categories of the items `role` leads ("" for items of no role, as scoring groups)."""
        return count_categories(
            self.categories[r.item.id] for r in self.items if (r.item.lead or "") == role
        )

    def conflict(self, item_id: str) -> Conflict | None:
        return next((c for c in self.conflicts if c.item_id == item_id), None)

    @property
    def photos(self) -> tuple[RecordEntry, ...]:
        """The entries with a photo that were not withdrawn, in record order."""
        return tuple(r for r in self.record if r.photo_id and not r.withdrawn)


def count_categories(categories: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(OUTCOME_CATEGORIES, 0)
    for category in categories:
        counts[category] += 1
    return counts


def evaluate(
    checklist: Sequence[ChecklistItem],
    observations: Sequence[Observation],
    clock_events: Iterable[ClockEvent] | DrillClock,
    released: Iterable[tuple[Inject, datetime]] = (),
    *,
    weights: Mapping[str, float] | None = None,
    overrides: Iterable[RatingOverride] = (),
    areas: Mapping[str, str] | None = None,
    settlements: Iterable[Settlement] = (),
    injects: Iterable[Inject] = (),
) -> DrillEvaluation:
    """The drill's evaluation from its record (see the module docstring). Raises: DrillError
    from drills.scoring.score_drill (bad weights, areas or overrides)."""
    checklist = tuple(checklist)
    released = list(released)
    clock = clock_events if isinstance(clock_events, DrillClock) else clock_from(clock_events)
    state = fold(checklist, observations, clock)
    conflicts = detect_conflicts(checklist, state, settlements)
    scoring_state = state
    overruled, decided = _settled_record(conflicts, state)
    if overruled or decided:
        kept = [o for o in observations if o.id not in overruled]
        scoring_state = fold(checklist, [*kept, *decided], clock)
    scores = score_drill(
        checklist, scoring_state, clock, released, weights=weights, overrides=overrides, areas=areas
    )
    categories = {r.item.id: category_of(r.performed, r.on_time) for r in scores.items}
    return DrillEvaluation(
        checklist=checklist,
        scores=scores,
        state=state,
        categories=MappingProxyType(categories),
        record=_record(state, scores, scoring_state, conflicts),
        conflicts=conflicts,
        injects=MappingProxyType(
            {i.id: i for i in (*injects, *(inject for inject, _ in released))}
        ),
    )


def _settled_record(
    conflicts: Sequence[Conflict], state: DrillState
) -> tuple[set[str], list[Observation]]:
    """What a settlement changes in the record that is scored: the entries set aside (every
    other entry on the item when one entry gave the chosen outcome) and, when none did, a
    correction of the latest entry to the chosen outcome."""
    overruled: set[str] = set()
    decided: list[Observation] = []
    for conflict in conflicts:
        settlement = conflict.settlement
        if settlement is None:
            continue
        current = state.entry(conflict.item_id)
        entries = (*state.earlier(conflict.item_id), *((current,) if current else ()))
        agreeing = [e for e in conflict.entries if e.rating == settlement.outcome]
        if agreeing:
            chosen = agreeing[-1].id
            overruled |= {e.id for e in entries if e.id != chosen}
        elif current is not None:
            decided.append(
                replace(
                    current.current,
                    id=f"settled-{current.id}",
                    kind="amendment",
                    ref=current.id,
                    rating=settlement.outcome,
                    reason=settlement.reason,
                    entered_at=max(current.current.entered_at, settlement.settled_at),
                )
            )
    return overruled, decided


def _record(
    state: DrillState, scores: Evaluation, counted: DrillState, conflicts: Sequence[Conflict]
) -> tuple[RecordEntry, ...]:
    in_conflict = {entry_id for c in conflicts for entry_id in c.entry_ids}
    rows = []
    for observation in state.observations:
        if observation.kind not in ("item", "free", "answer"):
            continue
        entry = state.entry_of(observation)
        category = original = ""
        if observation.kind == "item":
            result = scores.item(observation.item_id or "")
            if result is None:
                continue  # an item not in the checklist
            category = _entry_category(entry.current, entry, result)
            original = _entry_category(entry.observation, entry, result)
        counting = counted.entry(observation.item_id or "") if observation.kind == "item" else None
        rows.append(
            RecordEntry(
                entry=entry,
                category=category,
                original_category=original,
                undo=state.undo_of(observation.id),
                in_force=observation.kind != "item"
                or (counting is not None and counting.id == observation.id),
                conflict=observation.id in in_conflict,
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.entry.happened_at, r.entry.entered_at, r.id)))


def _entry_category(values: Observation, entry: Entry, result: ItemResult) -> str:
    """An item entry's category by its own rating and time against the item's due minute."""
    on_time = None
    clock = entry.clock
    if values.rating == "done" and result.due_min is not None and clock and clock.started:
        on_time = clock.minute_of(values.happened_at) <= result.due_min
    return category_of(values.rating, on_time)


__all__ = [
    "DrillEvaluation",
    "RecordEntry",
    "category_of",
    "count_categories",
    "detect_conflicts",
    "evaluate",
    "quality_refused",
]
