"""Conflicts between evaluators, found from the folded observation log (drills/conflicts.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from drills.conflicts import (
    Settlement,
    conflicts_in,
    find_conflicts,
    item_entries,
    settled_conflicts,
    settled_outcomes,
)
from drills.model import ChecklistItem, Observation
from drills.state import fold

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
CHECKLIST = (ChecklistItem("c1", "报告"), ChecklistItem("c2", "警戒"))


def tap(oid, who, rating="done", *, minute=1, item="c1", kind="item", ref=None, reason=""):
    moment = T0 + timedelta(minutes=minute)
    return Observation(
        oid, 1, kind, who, moment, moment, item_id=item, rating=rating, ref=ref, reason=reason
    )


def undo(oid, who, ref, minute):
    return tap(oid, who, None, minute=minute, kind="undo", ref=ref)


def amend(oid, who, ref, rating, minute):
    return tap(oid, who, rating, minute=minute, kind="amendment", ref=ref, reason="看错了")


def open_ones(*observations, settlements=()):
    state = fold(CHECKLIST, observations)
    return [(c.item_id, c.outcomes) for c in conflicts_in(state, settlements)]


@pytest.mark.parametrize(
    ("observations", "expected"),
    [
        pytest.param([tap("a", "eva"), tap("b", "evb")], [], id="agreeing evaluators"),
        pytest.param(
            [tap("a", "eva"), tap("b", "evb", "partly", minute=2)],
            [("c1", ("done", "partly"))],
            id="two outcomes on one item",
        ),
        pytest.param(
            [tap("a", "eva"), tap("b", "eva", "partly", minute=2)], [], id="one changes her mind"
        ),
        pytest.param(
            [tap("a", "eva"), tap("b", "evb", "not_done", minute=2), undo("u", "evb", "b", 3)],
            [],
            id="the disagreeing tap undone",
        ),
        pytest.param(
            [tap("a", "eva"), tap("b", "evb", "na", minute=2), tap("c", "evb", minute=3)],
            [],
            id="the second evaluator re-taps into agreement",
        ),
        pytest.param(
            [
                tap("a", "eva"),
                tap("b", "evb", "partly", minute=2),
                amend("m", "evb", "b", "done", 9),
            ],
            [],
            id="amended into agreement",
        ),
        pytest.param(
            [tap("a", "eva"), tap("b", "evb", minute=2), amend("m", "evb", "b", "partly", 9)],
            [("c1", ("done", "partly"))],
            id="amended into disagreement",
        ),
        pytest.param(
            [tap("a", "eva"), tap("b", "evb", "partly", item="c2", minute=2)],
            [],
            id="different items",
        ),
        pytest.param(
            [
                tap("a", "eva"),
                tap("b", "evb", "partly", minute=2),
                undo("u", "evb", "b", 3),
                undo("v", "evb", "u", 4),
            ],
            [("c1", ("done", "partly"))],
            id="an undo undone brings the conflict back",
        ),
    ],
)
def test_conflicts_follow_undo_and_amendments(observations, expected):
    assert open_ones(*observations) == expected


def test_a_conflict_keeps_each_evaluators_latest_entry_oldest_first():
    state = fold(
        CHECKLIST,
        [
            tap("a", "eva"),
            tap("b", "evb", "partly", minute=2),
            tap("c", "eva", "not_done", minute=3),
        ],
    )
    (conflict,) = find_conflicts(item_entries(state))
    assert [(e.evaluator, e.rating) for e in conflict.entries] == [
        ("evb", "partly"),
        ("eva", "not_done"),
    ]
    assert conflict.entry_ids == ("b", "c") and conflict.involves("eva")
    assert not conflict.involves("lead")


def settlement(*ids, outcome="done", minute=10):
    return Settlement(
        "c1", tuple(sorted(ids)), outcome, "录像显示已报告", "lead", T0 + timedelta(minutes=minute)
    )


def test_a_settled_conflict_is_no_longer_open_and_its_outcome_stands():
    taps = [tap("a", "eva"), tap("b", "evb", "partly", minute=2)]
    settled = settlement("a", "b", outcome="partly")
    assert open_ones(*taps, settlements=[settled]) == []
    state = fold(CHECKLIST, taps)
    (found,) = settled_conflicts(state, [settled])
    assert (found.item_id, found.outcome, found.reason, found.settled_by) == (
        "c1",
        "partly",
        "录像显示已报告",
        "lead",
    )
    assert [e.id for e in found.entries] == ["a", "b"]
    assert found.chosen_entry_id == "b"
    assert settled_outcomes([settled]) == {"c1": "partly"}


def test_a_new_disagreeing_entry_after_the_settlement_opens_the_item_again():
    taps = [tap("a", "eva"), tap("b", "evb", "partly", minute=2), tap("c", "eva", "na", minute=11)]
    assert open_ones(*taps, settlements=[settlement("a", "b")]) == [("c1", ("partly", "na"))]


def test_the_latest_settlement_of_an_item_is_the_one_that_stands():
    first, second = (
        settlement("a", "b", outcome="done"),
        settlement("a", "b", "c", outcome="na", minute=20),
    )
    assert settled_outcomes([second, first]) == {"c1": "na"}
