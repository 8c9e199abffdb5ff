"""Taps from a device: malformed ones are left out, the moment is the device's corrected clock
kept within [T0, now], and the evaluator's share picks their items."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from drills.model import ChecklistItem
from drills.taps import Tap, parse_batch, tap_moment, watched_items

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(minutes=10)
GOOD = {"id": "ab" * 16, "item": "c1", "rating": "done", "at": 1.0, "offset": 0}


@pytest.mark.parametrize(
    ("change", "kept"),
    [
        ({}, True),
        ({"id": "not-hex!"}, False),
        ({"id": "ab"}, False),
        ({"rating": "great"}, False),
        ({"item": ""}, False),
        ({"at": "yesterday"}, False),
        ({"at": float("nan")}, False),
        ({"at": True}, False),
        ({"offset": None}, True),
    ],
)
def test_a_malformed_tap_is_left_out_of_a_batch(change, kept):
    taps = parse_batch({"sent": 1, "taps": [GOOD | change]})
    assert bool(taps) is kept


def test_a_batch_that_is_no_batch_holds_no_taps():
    assert parse_batch(None) == [] and parse_batch({"taps": "x"}) == [] and parse_batch([]) == []


def _tap(at: datetime, offset_ms: float | None = 0.0) -> Tap:
    return Tap("ab" * 16, "c1", "done", at.timestamp() * 1000, offset_ms)


@pytest.mark.parametrize(
    ("device", "offset_ms", "expected"),
    [
        (T0 + timedelta(minutes=4), 0.0, T0 + timedelta(minutes=4)),  # delivered later: kept
        (T0 + timedelta(minutes=4), 90_000.0, T0 + timedelta(minutes=5.5)),  # a slow phone clock
        (T0 + timedelta(minutes=4), None, T0 + timedelta(minutes=4)),  # offset not known yet
        (NOW + timedelta(minutes=3), 0.0, NOW),  # never in the server's future
        (T0 - timedelta(minutes=3), 0.0, T0),  # never before the start
    ],
)
def test_a_tap_happened_at_the_device_clock_corrected_and_kept_in_bounds(
    device, offset_ms, expected
):
    assert tap_moment(_tap(device, offset_ms), now=NOW, t0=T0) == expected


def test_an_evaluator_watches_the_items_of_their_roles_and_those_of_no_role():
    items = [
        ChecklistItem("c1", "a", roles=("r1",)),
        ChecklistItem("c2", "b", roles=("r2", "r3")),
        ChecklistItem("c3", "c"),
    ]
    assert [i.id for i in watched_items(items, ("r3",))] == ["c2", "c3"]
    assert [i.id for i in watched_items(items, None)] == ["c1", "c2", "c3"]
