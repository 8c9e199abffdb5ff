"""Conflicts between evaluators: two evaluators' entries in force on one checklist item that give
different outcomes, and the evaluation lead's settlement of them.

The rules:

- an item's entries are its "item" observations in force (undone ones left out), each with its
  latest amendment applied (drills.state.fold does both);
- each evaluator speaks through their latest entry on the item: a second tap of one's own is a
  change of mind, never a conflict with oneself;
- a conflict is an item whose evaluators' latest entries give two or more outcomes;
- a settlement names the entries it settled; it settles a conflict when it names every entry of
  it, so a new disagreeing entry (a third evaluator, a changed mind) opens the item again, and
  an entry withdrawn or amended into agreement ends the conflict by itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from drills.state import DrillState, Entry


@dataclass(frozen=True)
class Settlement:
    """The lead's decision on a conflict: the outcome (a rating) that stands for the item, why,
    and the entries it settled."""

    item_id: str
    entry_ids: tuple[str, ...]
    outcome: str
    reason: str
    settled_by: str
    settled_at: datetime

    def covers(self, conflict: Conflict) -> bool:
        return conflict.item_id == self.item_id and set(conflict.entry_ids) <= set(self.entry_ids)


@dataclass(frozen=True)
class Conflict:
    """Evaluators disagreeing on one item: each one's latest entry in force (amendments
    applied), oldest first, and the settlement that covers them when one was looked for and
    found (drills.evaluation.detect_conflicts)."""

    item_id: str
    entries: tuple[Entry, ...]
    settlement: Settlement | None = None

    @property
    def settled(self) -> bool:
        return self.settlement is not None

    @property
    def entry_ids(self) -> tuple[str, ...]:
        return tuple(sorted(e.id for e in self.entries))

    @property
    def evaluators(self) -> tuple[str, ...]:
        return tuple(e.evaluator for e in self.entries)

    @property
    def outcomes(self) -> tuple[str, ...]:
        """The outcomes given, each once, in the order first given."""
        return tuple(dict.fromkeys(e.rating for e in self.entries))

    def involves(self, username: str) -> bool:
        return username in self.evaluators


@dataclass(frozen=True)
class SettledConflict:
    """A settlement with the entries it settled as they stand now (an entry withdrawn since is
    left out; `entries` may then agree)."""

    item_id: str
    entries: tuple[Entry, ...]
    settlement: Settlement

    outcome = property(lambda self: self.settlement.outcome)
    reason = property(lambda self: self.settlement.reason)
    settled_by = property(lambda self: self.settlement.settled_by)
    settled_at = property(lambda self: self.settlement.settled_at)

    def involves(self, username: str) -> bool:
        return any(e.evaluator == username for e in self.entries)

    @property
    def chosen_entry_id(self) -> str | None:
        """The latest settled entry that gave the chosen outcome (None: the lead chose an
        outcome no evaluator gave)."""
        chosen = [e for e in self.entries if e.rating == self.outcome]
        return chosen[-1].id if chosen else None


def item_entries(state: DrillState) -> dict[str, tuple[Entry, ...]]:
    """Every item's entries in force (undone ones left out, amendments applied), oldest first."""
    return {item_id: (*state.earlier(item_id), entry) for item_id, entry in state.items.items()}


def find_conflicts(entries_by_item: Mapping[str, Sequence[Entry]]) -> list[Conflict]:
    """The items whose evaluators' latest entries disagree, settled or not, in the mapping's
    order. Entries without an outcome are left out."""
    found = []
    for item_id, entries in entries_by_item.items():
        latest: dict[str, Entry] = {}
        for entry in sorted(entries, key=lambda e: (e.entered_at, e.id)):
            if entry.rating is not None:
                latest.pop(entry.evaluator, None)  # re-inserted: the mapping keeps time order
                latest[entry.evaluator] = entry
        if len({e.rating for e in latest.values()}) > 1:
            found.append(Conflict(item_id, tuple(latest.values())))
    return found


def settlement_of(conflict: Conflict, settlements: Iterable[Settlement]) -> Settlement | None:
    """The latest settlement that covers the conflict, or None: it is open."""
    covering = [s for s in settlements if s.covers(conflict)]
    return max(covering, key=lambda s: s.settled_at) if covering else None


def open_conflicts(
    entries_by_item: Mapping[str, Sequence[Entry]], settlements: Iterable[Settlement] = ()
) -> list[Conflict]:
    """The conflicts no settlement covers."""
    settlements = tuple(settlements)
    return [c for c in find_conflicts(entries_by_item) if settlement_of(c, settlements) is None]


def conflicts_in(state: DrillState, settlements: Iterable[Settlement] = ()) -> list[Conflict]:
    """The open conflicts of a folded drill."""
    return open_conflicts(item_entries(state), settlements)


def latest_settlements(settlements: Iterable[Settlement]) -> dict[str, Settlement]:
    """Item id -> its latest settlement: the outcome the lead chose for the item."""
    latest: dict[str, Settlement] = {}
    for settlement in sorted(settlements, key=lambda s: s.settled_at):
        latest[settlement.item_id] = settlement
    return latest


def settled_conflicts(
    state: DrillState, settlements: Iterable[Settlement]
) -> list[SettledConflict]:
    """Each item's latest settlement with the entries it names that are still in force (as they
    stand now), in the order settled."""
    entries = item_entries(state)
    found = []
    for item_id, settlement in latest_settlements(settlements).items():
        named = set(settlement.entry_ids)
        kept = tuple(e for e in entries.get(item_id, ()) if e.id in named)
        found.append(SettledConflict(item_id, kept, settlement))
    return found


def settled_outcomes(settlements: Iterable[Settlement]) -> dict[str, str]:
    """Item id -> the outcome the lead chose (what the evaluation should count for the item)."""
    return {item_id: s.outcome for item_id, s in latest_settlements(settlements).items()}


__all__ = [
    "Conflict",
    "SettledConflict",
    "Settlement",
    "conflicts_in",
    "find_conflicts",
    "item_entries",
    "latest_settlements",
    "open_conflicts",
    "settled_conflicts",
    "settled_outcomes",
    "settlement_of",
]
