"""Live scoring is a fold over the observation log: undo, amendment, duplicates,
out-of-order and late entries. Observations are written rated(id, item, rating, entered=m)."""

from __future__ import annotations

import random

import pytest

from drills.state import fold, last_entry_of, newest
from tests.drill_samples import amend, at, clock, items_of, rated, undo

CHECKLIST = items_of("c1→c2→c3")


def ratings(state) -> dict:
    return {item.id: state.rating(item.id) for item in CHECKLIST}


@pytest.mark.parametrize(
    ("observations", "expected"),
    [
        ([], {"c1": None, "c2": None, "c3": None}),
        ([rated("o1", "c1", "done")], {"c1": "done", "c2": None, "c3": None}),
        (  # the latest entry for an item is the one in force
            [rated("o1", "c1", "done", entered=1), rated("o2", "c1", "partly", entered=2)],
            {"c1": "partly", "c2": None, "c3": None},
        ),
        (  # same minute: the id decides, so every reader agrees
            [rated("o2", "c1", "partly", entered=1), rated("o1", "c1", "done", entered=1)],
            {"c1": "partly", "c2": None, "c3": None},
        ),
        (  # undo withdraws the entry
            [rated("o1", "c1", "done", entered=1), undo("u1", "o1", entered=2)],
            {"c1": None, "c2": None, "c3": None},
        ),
        (  # undo of the newer entry brings back the older
            [
                rated("o1", "c1", "done", entered=1),
                rated("o2", "c1", "not_done", entered=2),
                undo("u1", "o2", entered=3),
            ],
            {"c1": "done", "c2": None, "c3": None},
        ),
        (  # undo of an undo restores the entry
            [
                rated("o1", "c1", "done", entered=1),
                undo("u1", "o1", entered=2),
                undo("u2", "u1", entered=3),
            ],
            {"c1": "done", "c2": None, "c3": None},
        ),
        (  # out of order: c3 before c1, both simply recorded
            [rated("o1", "c3", "done", entered=1), rated("o2", "c1", "na", entered=2)],
            {"c1": "na", "c2": None, "c3": "done"},
        ),
        (  # an amendment replaces the rating
            [rated("o1", "c2", "done", entered=1), amend("a1", "o1", "partly", entered=90)],
            {"c1": None, "c2": "partly", "c3": None},
        ),
        (  # an amendment of an amendment amends the same entry
            [
                rated("o1", "c2", "done", entered=1),
                amend("a1", "o1", "partly", entered=90),
                amend("a2", "a1", "not_done", entered=91),
            ],
            {"c1": None, "c2": "not_done", "c3": None},
        ),
        (  # an undone amendment leaves the original in force
            [
                rated("o1", "c2", "done", entered=1),
                amend("a1", "o1", "partly", entered=90),
                undo("u1", "a1", entered=91),
            ],
            {"c1": None, "c2": "done", "c3": None},
        ),
    ],
)
def test_each_item_shows_the_entry_in_force(observations, expected):
    assert ratings(fold(CHECKLIST, observations)) == expected
    shuffled = list(observations)
    random.Random(4).shuffle(shuffled)
    assert ratings(fold(CHECKLIST, shuffled)) == expected  # the log's order does not matter


def test_a_retried_tap_with_the_same_id_counts_once():
    first = rated("o1", "c1", "done", entered=1, note="第一次")
    retry = rated("o1", "c1", "done", entered=1.1, note="重试")
    state = fold(CHECKLIST, [first, retry, retry])
    assert len(state.observations) == 1 and state.entry("c1").note == "第一次"
    assert state.earlier("c1") == ()


def test_an_amendment_keeps_the_original_in_the_history():
    original = rated("o1", "c2", "done", entered=1, quality="P", done_by="r1")
    fix = amend("a1", "o1", "partly", entered=90, quality="S", done_by="r2", reason="看错了")
    entry = fold(CHECKLIST, [original, fix]).entry("c2")
    assert entry.amended and entry.observation is original and entry.current is fix
    assert entry.history == (original, fix)
    assert (entry.rating, entry.quality, entry.done_by) == ("partly", "S", "r2")
    assert (entry.id, entry.item_id, entry.evaluator) == ("o1", "c2", "eva")


def test_a_superseded_entry_is_kept_as_earlier():
    state = fold(
        CHECKLIST, [rated("o1", "c1", "done", entered=1), rated("o2", "c1", "na", entered=2)]
    )
    assert [e.id for e in state.earlier("c1")] == ["o1"]


def test_a_catch_up_entry_keeps_when_it_happened_on_the_drill_clock():
    """Entered at wall minute 20 (drill minute 15, paused 10-15), happened at wall minute 8."""
    events = clock(("start", 0), ("pause", 10), ("resume", 15))
    state = fold(CHECKLIST, [rated("o1", "c1", "done", entered=20, happened=8)], events)
    entry = state.entry("c1")
    assert entry.happened_at == at(8) and entry.entered_at == at(20)
    assert entry.happened_min == pytest.approx(8.0)
    assert fold(CHECKLIST, [rated("o1", "c1", entered=20, happened=14)], events).entry(
        "c1"
    ).happened_min == pytest.approx(10.0)


def test_without_clock_events_no_minute_is_known():
    assert fold(CHECKLIST, [rated("o1", "c1")]).entry("c1").happened_min is None


def test_free_observations_and_answers_are_kept_in_order():
    observations = [
        rated("f2", None, None, kind="free", entered=3, note="有人擅自离岗"),
        rated("q1", None, None, kind="answer", entered=2, inject_id="i3", note="共 3 人受伤"),
        rated("f1", None, None, kind="free", entered=1, note="提前疏散"),
        undo("u1", "f2", entered=4),
    ]
    state = fold(CHECKLIST, observations)
    assert [e.note for e in state.free] == ["提前疏散"]
    assert [e.note for e in state.answers_to("i3")] == ["共 3 人受伤"]


@pytest.mark.parametrize(
    "stray",
    [
        undo("u9", "nothing", entered=1),
        amend("a9", "nothing", "done", entered=1),
        rated("o9", "c99", "done", entered=1),  # no such item
        rated("x9", "c1", "done", kind="wave", entered=1),
    ],
)
def test_an_entry_that_refers_to_nothing_known_is_kept_aside_and_changes_nothing(stray):
    state = fold(CHECKLIST, [rated("o1", "c1", "done"), stray])
    assert ratings(state) == {"c1": "done", "c2": None, "c3": None}
    assert state.unresolved == (stray,)


def test_undo_takes_back_the_evaluators_own_last_entry_step_by_step():
    log = [
        rated("o1", "c1", entered=1),
        rated("o2", "c2", entered=2),
        rated("o3", "c3", entered=3, evaluator="other"),
    ]
    state = fold(CHECKLIST, log)
    assert last_entry_of(state, "eva").id == "o2"
    state = fold(CHECKLIST, [*log, undo("u1", "o2", entered=4)])
    assert last_entry_of(state, "eva").id == "o1"
    state = fold(CHECKLIST, [*log, undo("u1", "o2", entered=4), undo("u2", "o1", entered=5)])
    assert last_entry_of(state, "eva") is None
    assert last_entry_of(state, "other").id == "o3"


def test_each_evaluators_last_activity_and_the_newest_entries_are_known():
    log = [
        rated("o1", "c1", entered=1),
        rated("o2", "c2", entered=7, evaluator="other"),
        undo("u1", "o1", entered=9),
    ]
    state = fold(CHECKLIST, log)
    assert state.last_activity == {"eva": at(9), "other": at(7)}
    assert [o.id for o in newest(state, 5)] == ["o2"]
