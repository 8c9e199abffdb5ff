"""The live state of a drill: a fold over its observation events.

Nothing is ever changed in the log; the state is computed from it, so a refresh, a crash or a
second evaluator cannot corrupt it. The rules:

- the same observation id counts once (a retried tap), the first copy wins;
- events are taken in (entered_at, id) order; out-of-order and late entries are simply recorded;
- an "undo" withdraws the observation it refers to (an undo of an undo brings that one back);
- an "amendment" replaces the fields of the entry it refers to (an amendment of an amendment
  amends the same entry) and keeps the original in the entry's history;
- an item's current entry is its latest "item" observation still in force; the ones it
  superseded are kept (DrillState.earlier(item_id));
- an undo or amendment of an unknown observation, and an item observation of an item that is
  not in the checklist, are kept in `unresolved` and change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from types import MappingProxyType

from drills.clock import DrillClock, clock_from
from drills.model import ChecklistItem, ClockEvent, Observation

_BASE_KINDS = frozenset({"item", "free", "answer"})


@dataclass(frozen=True)
class Entry:
    """An item rating, free observation or answer as it stands: `observation` is the original,
    `current` the original or its latest amendment (whose fields are in force), `history` the
    original followed by its amendments in force, in order."""

    observation: Observation
    current: Observation
    history: tuple[Observation, ...]
    clock: DrillClock | None = field(default=None, compare=False, repr=False)  # for happened_min

    id = property(lambda self: self.observation.id)
    kind = property(lambda self: self.observation.kind)
    item_id = property(lambda self: self.observation.item_id)
    inject_id = property(lambda self: self.observation.inject_id)
    evaluator = property(lambda self: self.observation.evaluator)
    entered_at = property(lambda self: self.observation.entered_at)
    rating = property(lambda self: self.current.rating)
    quality = property(lambda self: self.current.quality)
    done_by = property(lambda self: self.current.done_by)
    note = property(lambda self: self.current.note)
    photo_id = property(lambda self: self.current.photo_id)
    happened_at = property(lambda self: self.current.happened_at)

    @property
    def amended(self) -> bool:
        return self.current is not self.observation

    @property
    def happened_min(self) -> float | None:
        """When it happened on the drill clock; None without a started clock."""
        if self.clock is None or not self.clock.started:
            return None
        return self.clock.minute_of(self.current.happened_at)


@dataclass(frozen=True)
class DrillState:
    """What the observation log says now. Mappings are read-only."""

    items: Mapping[str, Entry]  # item id -> current entry (items with none: not observed)
    free: tuple[Entry, ...]
    answers: tuple[Entry, ...]
    observations: tuple[Observation, ...]  # each id once, in (entered_at, id) order
    withdrawn: frozenset[str]
    unresolved: tuple[Observation, ...]
    last_activity: Mapping[str, datetime]  # evaluator -> when they last entered anything
    # item id -> its item observations in force, oldest first; their amendments; the clock
    _by_item: Mapping[str, tuple[Observation, ...]] = field(default_factory=dict, repr=False)
    _amendments: Mapping[str, tuple[Observation, ...]] = field(default_factory=dict, repr=False)
    _clock: DrillClock | None = field(default=None, compare=False, repr=False)

    def entry(self, item_id: str) -> Entry | None:
        return self.items.get(item_id)

    def earlier(self, item_id: str) -> tuple[Entry, ...]:
        """The item's entries superseded by a later one, oldest first (built when asked: a
        busy drill has thousands, and the console never needs them)."""
        superseded = self._by_item.get(item_id, ())[:-1]
        return tuple(_entry(o, self._amendments, self._clock) for o in superseded)

    def rating(self, item_id: str) -> str | None:
        """done / partly / not_done / na, or None: not observed."""
        entry = self.items.get(item_id)
        return entry.rating if entry is not None else None

    def amendments_of(self, observation_id: str) -> tuple[Observation, ...]:
        """The amendments in force of an item, free or answer observation, oldest first."""
        return self._amendments.get(observation_id, ())

    def entry_of(self, observation: Observation) -> Entry:
        """Any item, free or answer observation as it stands after its amendments, withdrawn
        or superseded ones included (the process record shows them all)."""
        return _entry(observation, self._amendments, self._clock)

    def undo_of(self, observation_id: str) -> Observation | None:
        """The undo in force that withdrew the observation (None when it is in force)."""
        if observation_id not in self.withdrawn:
            return None
        for observation in reversed(self.observations):
            if (
                observation.kind == "undo"
                and observation.ref == observation_id
                and observation.id not in self.withdrawn
            ):
                return observation
        return None

    def answers_to(self, inject_id: str) -> list[Entry]:
        return [entry for entry in self.answers if entry.inject_id == inject_id]


_order = attrgetter("entered_at", "id")


def _entry(
    observation: Observation, amendments: Mapping[str, Sequence[Observation]], clock
) -> Entry:
    own = amendments.get(observation.id)
    if own:
        return Entry(observation, own[-1], (observation, *own), clock)
    return Entry(observation, observation, (observation,), clock)


def _withdrawn(ordered: Sequence[Observation], known: Mapping[str, Observation]) -> set[str]:
    """Ids withdrawn by undos in force. Latest first: an undo withdrawn by a later undo (which
    refers back in time) is out of force by the time it is reached."""
    withdrawn: set[str] = set()
    for observation in reversed(ordered):
        in_force = observation.kind == "undo" and observation.id not in withdrawn
        if in_force and observation.ref in known:
            withdrawn.add(observation.ref)
    return withdrawn


def _base_of(observation: Observation, known: Mapping[str, Observation]) -> Observation | None:
    """The item, free or answer observation an amendment finally refers to (None: unknown)."""
    seen = {observation.id}
    target = known.get(observation.ref or "")
    while target is not None and target.kind == "amendment" and target.id not in seen:
        seen.add(target.id)
        target = known.get(target.ref or "")
    return target if target is not None and target.kind in _BASE_KINDS else None


def fold(
    checklist: Iterable[ChecklistItem],
    observations: Iterable[Observation],
    clock_events: Iterable[ClockEvent] | DrillClock = (),
) -> DrillState:
    """The drill's state from its observations (any order, duplicates allowed). With the clock
    events (or a folded clock), each entry also gets its "happened" minute on the drill clock."""
    item_ids = {item.id for item in checklist}
    clock = clock_events if isinstance(clock_events, DrillClock) else clock_from(clock_events)
    known: dict[str, Observation] = {}
    for observation in observations:
        known.setdefault(observation.id, observation)
    ordered = sorted(known.values(), key=_order)
    withdrawn = _withdrawn(ordered, known)

    last_activity: dict[str, datetime] = {}
    amendments: dict[str, list[Observation]] = {}
    by_item: dict[str, list[Observation]] = {}
    free: list[Observation] = []
    answers: list[Observation] = []
    unresolved: list[Observation] = []
    for observation in ordered:
        last_activity[observation.evaluator] = observation.entered_at
        kind = observation.kind
        if observation.id in withdrawn:
            continue
        if kind == "item":
            if observation.item_id in item_ids:
                by_item.setdefault(observation.item_id, []).append(observation)
            else:
                unresolved.append(observation)
        elif kind == "amendment":
            base = _base_of(observation, known)
            if base is None:
                unresolved.append(observation)
            else:
                amendments.setdefault(base.id, []).append(observation)
        elif kind == "free":
            free.append(observation)
        elif kind == "answer":
            answers.append(observation)
        elif kind != "undo" or observation.ref not in known:
            unresolved.append(observation)

    return DrillState(
        items=MappingProxyType(
            {item_id: _entry(obs[-1], amendments, clock) for item_id, obs in by_item.items()}
        ),
        free=tuple(_entry(o, amendments, clock) for o in free),
        answers=tuple(_entry(o, amendments, clock) for o in answers),
        observations=tuple(ordered),
        withdrawn=frozenset(withdrawn),
        unresolved=tuple(unresolved),
        last_activity=MappingProxyType(last_activity),
        _by_item=MappingProxyType({k: tuple(v) for k, v in by_item.items()}),
        _amendments=MappingProxyType({k: tuple(v) for k, v in amendments.items()}),
        _clock=clock,
    )


def last_entry_of(state: DrillState, evaluator: str) -> Observation | None:
    """The evaluator's latest observation still in force (not an undo): what "undo" withdraws."""
    for observation in reversed(state.observations):
        if (
            observation.evaluator == evaluator
            and observation.kind != "undo"
            and observation.id not in state.withdrawn
        ):
            return observation
    return None


def newest(state: DrillState, limit: int = 10) -> list[Observation]:
    """The latest observations in force (undos left out), newest first, for the console."""
    found: list[Observation] = []
    for observation in reversed(state.observations):
        if len(found) >= limit:
            break
        if observation.kind != "undo" and observation.id not in state.withdrawn:
            found.append(observation)
    return found


__all__ = ["DrillState", "Entry", "fold", "last_entry_of", "newest"]
