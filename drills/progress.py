"""What the director console and the evaluator screen read from a drill's state: progress per
role and per phase, items overdue against their time limits, the items expected next.

Time limits count on the drill clock from the item's `time_from`:
    "T0"       the start;
    an item id that item's "happened" minute (once it is recorded as done or partly done);
    "trigger"  the earliest release of an inject expected to set the item off; when no released
               inject names it, the moment it became due: the latest "happened" minute of its
               predecessors (T0 when it has none).
Until its clock starts, an item cannot be overdue. An item is settled, never overdue, once it is
rated done, partly done or not applicable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Self

from drills.clock import DrillClock, clock_from
from drills.model import ChecklistItem, ClockEvent, Inject
from drills.state import DrillState
from i18n.glossary import PERFORMED
from plans.graph import T0, TRIGGER

HAPPENED = frozenset({"done", "partly"})
SETTLED = frozenset({"done", "partly", "na"})
NO_ROLE = ""  # progress key of the items that belong to no role
# A step to be done "immediately" (立即, 马上, 第一时间: time limit 0) counts as on time within
# this many minutes of its start on the drill clock; a limit of 0 would make every such step late.
IMMEDIATE_MIN = 5.0


@dataclass(frozen=True)
class Progress:
    """Counts of one group of items by rating; `not_observed` have no entry yet. The scores of
    a drill count the same way and more (drills.scoring.Counts)."""

    total: int = 0
    done: int = 0
    partly: int = 0
    not_done: int = 0
    na: int = 0
    not_observed: int = 0

    @property
    def recorded(self) -> int:
        return self.total - self.not_observed

    @property
    def share(self) -> float:
        """Share of the items recorded so far (0..1; 0 for an empty group)."""
        return self.recorded / self.total if self.total else 0.0

    def share_of(self, rating: str) -> float:
        """Share of the items with `rating` (one of PERFORMED)."""
        return getattr(self, rating) / self.total if self.total else 0.0

    @classmethod
    def of(cls, ratings: Iterable[str | None], **more) -> Self:
        """The counts of `ratings`, one per item (None: no entry, not observed); `more` fills
        the fields of a subclass (drills.scoring.Counts)."""
        counts = dict.fromkeys(PERFORMED, 0)
        for rating in ratings:
            counts[rating if rating in counts else "not_observed"] += 1
        return cls(total=sum(counts.values()), **counts, **more)


def _tally(items: Iterable[ChecklistItem], state: DrillState) -> Progress:
    return Progress.of(state.rating(item.id) for item in items)


def progress_by_role(
    checklist: Sequence[ChecklistItem], state: DrillState, roles: Iterable[str] | None = None
) -> dict[str, Progress]:
    """role id -> Progress of the items it owns (lead or co-owner), so an item with two owners
    counts for both; items of no role under NO_ROLE. `roles` picks and orders the roles shown;
    by default every role, in the order they first appear in the checklist."""
    groups: dict[str, list[ChecklistItem]] = {}
    for item in checklist:
        for role in item.roles or (NO_ROLE,):
            groups.setdefault(role, []).append(item)
    wanted = list(groups) if roles is None else list(dict.fromkeys(roles))
    return {role: _tally(groups.get(role, ()), state) for role in wanted}


def progress_by_phase(checklist: Sequence[ChecklistItem], state: DrillState) -> dict[str, Progress]:
    """phase -> Progress of its items, phases in the order they first appear in the checklist."""
    groups: dict[str, list[ChecklistItem]] = {}
    for item in checklist:
        groups.setdefault(item.phase, []).append(item)
    return {phase: _tally(items, state) for phase, items in groups.items()}


def overall_progress(checklist: Sequence[ChecklistItem], state: DrillState) -> Progress:
    return _tally(checklist, state)


@dataclass(frozen=True)
class Overdue:
    item: ChecklistItem
    due_min: float  # drill minute by which it should have happened
    late_min: float  # how far the clock has gone past that


def _happened(state: DrillState, item_id: str) -> float | None:
    entry = state.entry(item_id)
    if entry is None or entry.rating not in HAPPENED:
        return None
    return entry.happened_min


def _trigger_minutes(
    released: Iterable[tuple[Inject, datetime]], clock: DrillClock
) -> dict[str, float]:
    first: dict[str, float] = {}
    for inject, released_at in released:
        minute = clock.minute_of(released_at)
        for item_id in inject.expected_steps:
            first[item_id] = min(minute, first.get(item_id, minute))
    return first


def _ready_minute(item: ChecklistItem, state: DrillState) -> float | None:
    """When the item became due: its predecessors all happened (or were not applicable)."""
    latest = 0.0
    for before in item.after:
        if state.rating(before) == "na":
            continue
        minute = _happened(state, before)
        if minute is None:
            return None
        latest = max(latest, minute)
    return latest


def due_minute(
    item: ChecklistItem, state: DrillState, triggers: dict[str, float], known: set[str]
) -> float | None:
    """The drill minute the item is due by (None: no limit, or its clock has not started)."""
    if item.time_limit_min is None:
        return None
    if item.time_from == T0 or (item.time_from != TRIGGER and item.time_from not in known):
        anchor = 0.0
    elif item.time_from == TRIGGER:
        anchor = triggers.get(item.id)
        if anchor is None:
            anchor = _ready_minute(item, state)
    else:
        anchor = _happened(state, item.time_from)
    limit = item.time_limit_min or IMMEDIATE_MIN  # "立即 / immediately" is not "at minute 0"
    return None if anchor is None else anchor + limit


def due_minutes(
    checklist: Sequence[ChecklistItem],
    state: DrillState,
    clock_events: Iterable[ClockEvent] | DrillClock,
    released: Iterable[tuple[Inject, datetime]] = (),
) -> dict[str, float | None]:
    """item id -> the drill minute it is due by (None: no limit or not counting yet)."""
    clock = clock_events if isinstance(clock_events, DrillClock) else clock_from(clock_events)
    triggers = _trigger_minutes(released, clock)
    known = {item.id for item in checklist}
    return {item.id: due_minute(item, state, triggers, known) for item in checklist}


def overdue(
    checklist: Sequence[ChecklistItem],
    state: DrillState,
    clock_events: Iterable[ClockEvent] | DrillClock,
    now: datetime,
    released: Iterable[tuple[Inject, datetime]] = (),
) -> list[Overdue]:
    """Items past their time limit on the drill clock at `now` and not settled, in checklist
    order. `released` pairs each released inject with its release time."""
    clock = clock_events if isinstance(clock_events, DrillClock) else clock_from(clock_events)
    if not clock.started:
        return []
    minute = clock.minute_of(now)
    dues = due_minutes(checklist, state, clock, released)
    late = []
    for item in checklist:
        due = dues[item.id]
        if due is not None and minute > due and state.rating(item.id) not in SETTLED:
            late.append(Overdue(item, due, minute - due))
    return late


def next_expected(
    checklist: Sequence[ChecklistItem],
    state: DrillState,
    roles: Iterable[str] | None = None,
    due: Mapping[str, float | None] | None = None,
) -> list[ChecklistItem]:
    """The items not recorded yet for an evaluator watching `roles` (None: all; items of no role
    are everyone's): first those whose predecessors are all recorded, then the others, each
    group in checklist order. With `due` (item id -> the drill minute it is due by, see
    due_minutes), the soonest due come first, those not counting yet last; the rest as above.
    The evaluator screen shows these first."""
    share = None if roles is None else set(roles)
    ready, waiting = [], []
    for item in checklist:
        if state.rating(item.id) is not None:
            continue
        if share is not None and item.roles and not share.intersection(item.roles):
            continue
        recorded = all(state.rating(before) is not None for before in item.after)
        (ready if recorded else waiting).append(item)
    order = ready + waiting
    if due is None:
        return order
    return sorted(order, key=lambda i: (due.get(i.id) is None, due.get(i.id) or 0.0))


__all__ = [
    "NO_ROLE",
    "Overdue",
    "Progress",
    "due_minute",
    "due_minutes",
    "next_expected",
    "overall_progress",
    "overdue",
    "progress_by_phase",
    "progress_by_role",
]
