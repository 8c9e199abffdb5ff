"""The drill clock: a fold over start / pause / resume / end events.

T0 is the start. The drill clock counts minutes from T0 while the drill runs and stands still
while it is paused or after it ended, so "happened at" times and time limits are measured in
drill minutes, never in wall time. Events are folded in the order given (the store's order);
a wall clock that steps back a little makes a span of zero length, never an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from drills.errors import DrillError, DrillTransitionError
from drills.model import ClockEvent, Inject
from i18n.glossary import CLOCK_EVENTS

# event -> (statuses it may follow, status it leads to)
TRANSITIONS = {
    "start": (("sealed",), "running"),
    "pause": (("running",), "paused"),
    "resume": (("paused",), "running"),
    "end": (("running", "paused"), "ended"),
}
Span = tuple[datetime, datetime | None]  # a running stretch; None: still running


def next_status(status: str, event: str) -> str:
    """The status after `event` in `status`.

    Raises:
        DrillTransitionError: the event is not allowed now (params: from, to, event).
        DrillError: an unknown event ("drills.bad_clock_event").
    """
    if event not in TRANSITIONS:
        raise DrillError("drills.bad_clock_event", event=event, known=", ".join(CLOCK_EVENTS))
    allowed, target = TRANSITIONS[event]
    if status not in allowed:
        raise DrillTransitionError(**{"from": status, "to": target, "event": event})
    return target


def _minutes(delta: timedelta) -> float:
    return max(delta.total_seconds(), 0.0) / 60.0


@dataclass(frozen=True)
class DrillClock:
    """The clock folded from a drill's events. `spans` are the running stretches, in order."""

    status: str = "sealed"
    t0: datetime | None = None
    paused_at: datetime | None = None  # start of the current pause
    ended_at: datetime | None = None
    spans: tuple[Span, ...] = ()

    @property
    def started(self) -> bool:
        return self.t0 is not None

    @property
    def paused(self) -> bool:
        return self.status == "paused"

    @property
    def running(self) -> bool:
        return self.status == "running"

    def minute_of(self, at: datetime) -> float:
        """Drill minutes at wall time `at`: 0 before T0, standing still while paused or ended."""
        total = 0.0
        for start, end in self.spans:
            if at <= start:
                break
            stop = at if end is None or at < end else end
            total += _minutes(stop - start)
        return total

    def elapsed_min(self, now: datetime) -> float:
        """Drill minutes shown on the clock at `now` (0 before the start)."""
        return self.minute_of(now)

    def at_minute(self, minute: float) -> datetime | None:
        """The wall time at which the drill clock shows `minute` (0 or less: T0); None when the
        drill has not started or the clock stopped (paused, ended) before reaching it."""
        if not self.spans:
            return None
        left = max(float(minute), 0.0)
        for start, end in self.spans:
            length = None if end is None else _minutes(end - start)
            if length is None or left <= length:
                return start + timedelta(minutes=left)
            left -= length
        return None


def clock_from(events: Iterable[ClockEvent], *, initial: str = "sealed") -> DrillClock:
    """Fold clock events into a DrillClock, starting from status `initial`.

    Raises:
        DrillTransitionError: an event the status did not allow (a stored log never has one).
    """
    status, t0, paused_at, ended_at = initial, None, None, None
    spans: list[list] = []
    for event in events:
        status = next_status(status, event.kind)
        if event.kind == "start":
            t0 = event.at
            spans.append([event.at, None])
        elif event.kind == "resume":
            spans.append([max(event.at, paused_at or event.at), None])
            paused_at = None
        elif spans[-1][1] is None:  # pause, or end while running
            spans[-1][1] = max(event.at, spans[-1][0])
            paused_at = event.at if event.kind == "pause" else None
        if event.kind == "end":
            ended_at, paused_at = event.at, None
    return DrillClock(status, t0, paused_at, ended_at, tuple((s, e) for s, e in spans))


def status_after(events: Iterable[ClockEvent], *, initial: str = "sealed") -> str:
    """The status once every event happened (the store checks a new event by appending it).

    Raises:
        DrillTransitionError: one of the events was not allowed.
    """
    status = initial
    for event in events:
        status = next_status(status, event.kind)
    return status


def minute_of(events: Iterable[ClockEvent], at: datetime) -> float:
    """Wall time `at` as drill-clock minutes (paused spans left out; 0 before the start)."""
    return clock_from(events).minute_of(at)


def at_minute(events: Iterable[ClockEvent], minute: float) -> datetime | None:
    """The wall time at which the drill clock showed (or shows) `minute`; None if never."""
    return clock_from(events).at_minute(minute)


def due_injects(
    injects: Sequence[Inject],
    released_ids: Iterable[str],
    events: Iterable[ClockEvent],
    now: datetime,
) -> list[Inject]:
    """Timed injects whose offset the running drill clock has reached at `now` and that are not
    released yet, earliest offset first (then design order). Nothing is due unless running."""
    clock = clock_from(events)
    if not clock.running:
        return []
    minute = clock.minute_of(now)
    released = set(released_ids)
    due = [
        inject
        for inject in injects
        if inject.offset_min is not None
        and inject.id not in released
        and inject.offset_min <= minute
    ]
    return sorted(due, key=lambda inject: inject.offset_min)


__all__ = [
    "TRANSITIONS",
    "DrillClock",
    "at_minute",
    "clock_from",
    "due_injects",
    "minute_of",
    "next_status",
    "status_after",
]
