"""What the director console and the evaluator screen read from the state: progress per
role and phase, overdue items against their time limits, the items expected next."""

from __future__ import annotations

import pytest

from drills.model import Inject
from drills.progress import (
    NO_ROLE,
    Progress,
    due_minutes,
    next_expected,
    overall_progress,
    overdue,
    progress_by_phase,
    progress_by_role,
)
from drills.state import fold
from tests.drill_samples import at, clock, items_of, rated

RUNNING = clock(("start", 0))


def test_progress_per_role_counts_each_rating_and_the_items_not_observed():
    checklist = items_of(
        "c1, c2, c3, c4, c5",
        c1={"roles": ("r1",)},
        c2={"roles": ("r1", "r2")},
        c3={"roles": ("r2",)},
        c4={"roles": ("r2",)},
        c5={"roles": ()},
    )
    state = fold(
        checklist,
        [rated("o1", "c1", "done"), rated("o2", "c2", "partly"), rated("o3", "c3", "na")],
    )
    by_role = progress_by_role(checklist, state)
    assert list(by_role) == ["r1", "r2", NO_ROLE]
    assert by_role["r1"] == Progress(total=2, done=1, partly=1)
    assert by_role["r2"] == Progress(total=3, partly=1, na=1, not_observed=1)
    assert by_role["r2"].share == pytest.approx(2 / 3)
    assert by_role["r2"].share_of("na") == pytest.approx(1 / 3)
    assert by_role[NO_ROLE] == Progress(total=1, not_observed=1)
    assert list(progress_by_role(checklist, state, ["r3", "r1"])) == ["r3", "r1"]
    assert progress_by_role(checklist, state, ["r3"])["r3"].share == 0.0
    assert overall_progress(checklist, state) == Progress(
        total=5, done=1, partly=1, na=1, not_observed=2
    )


def test_progress_per_phase_follows_the_checklist():
    checklist = items_of(
        "c1, c2, c3", c1={"phase": "report"}, c2={"phase": "disposal"}, c3={"phase": "report"}
    )
    state = fold(checklist, [rated("o1", "c3", "not_done")])
    assert progress_by_phase(checklist, state) == {
        "report": Progress(total=2, not_done=1, not_observed=1),
        "disposal": Progress(total=1, not_observed=1),
    }


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([], Progress()),
        (["done", "na", None], Progress(total=3, done=1, na=1, not_observed=1)),
        (
            ["partly", "not_done", "not_observed"],
            Progress(total=3, partly=1, not_done=1, not_observed=1),
        ),
        (["unknown"], Progress(total=1, not_observed=1)),  # no known rating: a gap
    ],
)
def test_a_tally_counts_each_rating_and_everything_else_as_not_observed(ratings, expected):
    assert Progress.of(ratings) == expected


def late_ids(checklist, observations, events, wall, released=()):
    state = fold(checklist, observations, events)
    return [o.item.id for o in overdue(checklist, state, events, at(wall), released)]


@pytest.mark.parametrize(
    ("observations", "events", "wall", "late"),
    [
        ([], (), 99, []),  # not started: nothing is late
        ([], RUNNING, 10, []),  # exactly at the limit is not late yet
        ([], RUNNING, 10.5, ["c1"]),
        ([rated("o1", "c1", "done", entered=12)], RUNNING, 30, []),  # done late: not overdue
        ([rated("o1", "c1", "na", entered=5)], RUNNING, 30, []),
        ([rated("o1", "c1", "partly", entered=5)], RUNNING, 30, []),
        ([rated("o1", "c1", "not_done", entered=5)], RUNNING, 30, ["c1"]),
        ([], clock(("start", 0), ("pause", 5), ("resume", 20)), 24, []),  # 9 drill minutes
        ([], clock(("start", 0), ("pause", 5), ("resume", 20)), 26, ["c1"]),
    ],
)
def test_an_item_with_a_limit_from_t0_is_overdue_once_the_drill_clock_passes_it(
    observations, events, wall, late
):
    checklist = items_of("c1", c1={"time_limit_min": 10})
    assert late_ids(checklist, observations, events, wall) == late


@pytest.mark.parametrize(
    ("observations", "wall", "late"),
    [
        ([], 100, []),  # c1 has not happened: c2's clock has not started
        ([rated("o1", "c1", "done", entered=20)], 34, []),
        ([rated("o1", "c1", "done", entered=20)], 36, ["c2"]),
        ([rated("o1", "c1", "done", entered=40, happened=20)], 41, ["c2"]),  # caught up
        ([rated("o1", "c1", "not_done", entered=20)], 100, []),  # c1 never happened
    ],
)
def test_a_limit_counted_from_a_predecessor_starts_when_it_happened(observations, wall, late):
    """c1 → c2; c2 within 15 minutes of c1."""
    checklist = items_of("c1→c2", c2={"time_limit_min": 15, "time_from": "c1"})
    assert late_ids(checklist, observations, RUNNING, wall) == late


@pytest.mark.parametrize(
    ("released", "observations", "wall", "late"),
    [
        ([], [], 100, []),  # no inject released, c1 not recorded: c2 is not due yet
        ([(5, "i1")], [], 9, []),
        ([(5, "i1")], [], 11.5, ["c2"]),
        ([(5, "i1"), (1, "i2")], [], 7.5, ["c2"]),  # the earliest triggering release counts
        ([(5, "i3")], [], 100, []),  # i3 triggers something else
        ([], [rated("o1", "c1", "done", entered=30)], 35, []),  # due once c1 happened
        ([], [rated("o1", "c1", "done", entered=30)], 37, ["c2"]),
        ([], [rated("o1", "c1", "na", entered=30)], 7, ["c2"]),  # c1 not applicable: from T0
    ],
)
def test_a_limit_counted_from_the_trigger_starts_at_the_release_of_its_inject(
    released, observations, wall, late
):
    """c1 → c2; c2 within 6 minutes of the inject that sets it off (i1 or i2)."""
    checklist = items_of("c1→c2", c2={"time_limit_min": 6, "time_from": "trigger"})
    injects = {
        "i1": Inject("i1", "泄漏", expected_steps=("c2",)),
        "i2": Inject("i2", "起火", expected_steps=("c2", "c1")),
        "i3": Inject("i3", "记者", expected_steps=("c1",)),
    }
    pairs = [(injects[i], at(minute)) for minute, i in released]
    assert late_ids(checklist, observations, RUNNING, wall, pairs) == late


def test_due_minutes_give_each_items_deadline_or_none():
    checklist = items_of(
        "c1→c2, c3", c1={"time_limit_min": 10}, c2={"time_limit_min": 5, "time_from": "c1"}
    )
    state = fold(checklist, [rated("o1", "c1", "done", entered=4)], RUNNING)
    assert due_minutes(checklist, state, RUNNING) == {"c1": 10.0, "c2": 9.0, "c3": None}


@pytest.mark.parametrize(
    ("recorded", "roles", "expected"),
    [
        ([], None, ["c1", "c4", "c2", "c3", "c5"]),
        (["c1"], None, ["c2", "c4", "c3", "c5"]),
        (["c1", "c2"], None, ["c3", "c4", "c5"]),
        (["c3"], None, ["c1", "c4", "c2", "c5"]),  # c3 out of order: recorded, so not expected
        ([], ["r2"], ["c4", "c2", "c5"]),  # r2's share and the item of no role
        (["c1", "c2", "c3", "c4"], ["r1"], ["c5"]),
    ],
)
def test_the_next_expected_items_are_those_whose_predecessors_are_recorded(
    recorded, roles, expected
):
    """c1 → c2 → c3, c4 → c5: c2 belongs to r2, c4 to no role."""
    checklist = items_of(
        "c1→c2→c3, c4→c5", c2={"roles": ("r2",)}, c4={"roles": ()}, c5={"roles": ("r1", "r2")}
    )
    state = fold(checklist, [rated(f"o{i}", item, "done") for i, item in enumerate(recorded)])
    assert [item.id for item in next_expected(checklist, state, roles)] == expected


def test_the_next_expected_items_come_soonest_due_first_and_those_not_due_yet_last():
    """c1 (30 min), c2 (10 min), c3 (no limit), c4 (at once: 5 min), all from T0."""
    checklist = items_of(
        "c1, c2, c3, c4",
        c1={"time_limit_min": 30},
        c2={"time_limit_min": 10},
        c4={"time_limit_min": 0},
    )
    state = fold(checklist, [], RUNNING)
    due = due_minutes(checklist, state, RUNNING)
    assert [i.id for i in next_expected(checklist, state, due=due)] == ["c4", "c2", "c1", "c3"]


def test_an_immediate_step_is_due_a_few_minutes_after_its_start_not_at_once():
    from drills.progress import IMMEDIATE_MIN

    checklist = items_of("c1, c2", c1={"time_limit_min": 0.0}, c2={"time_limit_min": 3.0})
    state = fold(checklist, [])
    assert due_minutes(checklist, state, RUNNING) == {"c1": IMMEDIATE_MIN, "c2": 3.0}
    assert [o.item.id for o in overdue(checklist, state, RUNNING, at(4))] == ["c2"]
    assert [o.item.id for o in overdue(checklist, state, RUNNING, at(6))] == ["c1", "c2"]
