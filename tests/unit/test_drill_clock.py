"""The drill clock: T0 is the unannounced start; the clock stands still while paused."""

from __future__ import annotations

import pytest

from drills.clock import at_minute, clock_from, due_injects, minute_of, status_after
from drills.errors import DrillError, DrillTransitionError
from drills.model import Inject
from tests.drill_samples import T0, at, clock

PAUSED_10_TO_15 = clock(("start", 0), ("pause", 10), ("resume", 15))


@pytest.mark.parametrize(
    ("events", "status"),
    [
        ((), "sealed"),
        (clock(("start", 0)), "running"),
        (clock(("start", 0), ("pause", 5)), "paused"),
        (PAUSED_10_TO_15, "running"),
        (clock(("start", 0), ("end", 30)), "ended"),
        (clock(("start", 0), ("pause", 5), ("end", 30)), "ended"),
    ],
)
def test_the_status_follows_the_clock_events(events, status):
    assert status_after(events) == status
    assert clock_from(events).status == status


@pytest.mark.parametrize(
    ("events", "before", "after"),
    [
        (clock(("start", 0), ("start", 1)), "running", "running"),  # start only once
        (clock(("pause", 0)), "sealed", "paused"),
        (clock(("start", 0), ("pause", 1), ("pause", 2)), "paused", "paused"),
        (clock(("start", 0), ("resume", 1)), "running", "running"),
        (clock(("end", 0)), "sealed", "ended"),
        (clock(("start", 0), ("end", 1), ("resume", 2)), "ended", "running"),
        (clock(("start", 0), ("end", 1), ("start", 2)), "ended", "running"),
    ],
)
def test_a_clock_event_the_status_does_not_allow_is_refused(events, before, after):
    with pytest.raises(DrillTransitionError) as caught:
        status_after(events)
    assert caught.value.key == "drills.bad_transition"
    assert (caught.value.params["from"], caught.value.params["to"]) == (before, after)


def test_a_designing_drill_cannot_start_before_it_is_sealed():
    with pytest.raises(DrillTransitionError):
        status_after(clock(("start", 0)), initial="designing")


def test_an_unknown_clock_event_is_an_error():
    with pytest.raises(DrillError) as caught:
        status_after(clock(("explode", 0)))
    assert caught.value.key == "drills.bad_clock_event"


@pytest.mark.parametrize(
    ("events", "wall", "minute"),
    [
        ((), 20, 0.0),
        (clock(("start", 0)), -5, 0.0),  # before T0
        (clock(("start", 0)), 7.5, 7.5),
        (PAUSED_10_TO_15, 10, 10.0),
        (PAUSED_10_TO_15, 12, 10.0),  # during the pause the clock stands still
        (PAUSED_10_TO_15, 15, 10.0),
        (PAUSED_10_TO_15, 20, 15.0),  # 20 wall minutes, 5 of them paused
        (clock(("start", 0), ("pause", 10)), 60, 10.0),
        (
            clock(("start", 0), ("pause", 10), ("resume", 15), ("pause", 20), ("resume", 40)),
            45,
            20.0,
        ),
        (clock(("start", 0), ("end", 30)), 90, 30.0),
        (clock(("start", 0), ("pause", 10), ("end", 30)), 90, 10.0),
    ],
)
def test_drill_minutes_leave_the_paused_spans_out(events, wall, minute):
    assert minute_of(events, at(wall)) == pytest.approx(minute)
    assert clock_from(events).elapsed_min(at(wall)) == pytest.approx(minute)


@pytest.mark.parametrize(
    ("events", "minute", "wall"),
    [
        ((), 5, None),
        (clock(("start", 0)), 0, 0),
        (clock(("start", 0)), -3, 0),
        (clock(("start", 0)), 90, 90),
        (PAUSED_10_TO_15, 10, 10),
        (PAUSED_10_TO_15, 12, 17),
        (clock(("start", 0), ("pause", 10)), 12, None),  # not reached while paused
        (clock(("start", 0), ("end", 30)), 30, 30),
        (clock(("start", 0), ("end", 30)), 31, None),
    ],
)
def test_a_drill_minute_converts_back_to_the_wall_clock(events, minute, wall):
    assert at_minute(events, minute) == (None if wall is None else at(wall))


def test_the_folded_clock_tells_t0_pause_and_end():
    paused = clock_from(clock(("start", 0), ("pause", 10)))
    assert (paused.t0, paused.paused, paused.paused_at, paused.ended_at) == (T0, True, at(10), None)
    ended = clock_from(clock(("start", 0), ("pause", 10), ("end", 20)))
    assert (ended.paused, ended.paused_at, ended.ended_at) == (False, None, at(20))


def test_a_wall_clock_stepping_back_makes_an_empty_span_not_an_error():
    events = clock(("start", 10), ("pause", 9.9), ("resume", 12))
    assert minute_of(events, at(13)) == pytest.approx(1.0)


INJECTS = (
    Inject("i1", "接警", offset_min=0),
    Inject("i2", "泄漏扩大", offset_min=12),
    Inject("i3", "人工下达的问题", kind="question"),
    Inject("i4", "记者到场", offset_min=5),
)


@pytest.mark.parametrize(
    ("events", "released", "wall", "due"),
    [
        ((), [], 30, []),  # not started
        (clock(("start", 0)), [], 0, ["i1"]),
        (clock(("start", 0)), [], 6, ["i1", "i4"]),
        (clock(("start", 0)), ["i1"], 30, ["i4", "i2"]),  # earliest offset first
        (PAUSED_10_TO_15, ["i1", "i4"], 16, []),  # 16 wall minutes are 11 drill minutes
        (PAUSED_10_TO_15, ["i1", "i4"], 17, ["i2"]),
        (clock(("start", 0), ("pause", 4)), [], 30, []),  # nothing is due while paused
        (clock(("start", 0), ("end", 30)), [], 40, []),
    ],
)
def test_timed_injects_fall_due_at_their_offset_on_the_drill_clock(events, released, wall, due):
    assert [i.id for i in due_injects(INJECTS, released, events, at(wall))] == due
