"""Conflicts between evaluators and their settlement, and drill objectives with their ratings, on a
real DuckDB file (reopened where it matters)."""

from __future__ import annotations

import pytest

from access.errors import NotAllowedError
from db import audit_store, connection, drills_conflicts, drills_objectives, drills_store
from db.errors import InvalidTransitionError, StoreError
from drills.model import EvaluatorAssignment, Objective
from drills.objectives import ObjectiveRating
from tests.integration.drills_world import at, design, obs, seed

BOTH_WATCH_C1 = (EvaluatorAssignment("eva", ("r2",)), EvaluatorAssignment("evb", ("r2", "r3")))
OBJECTIVES = (
    Objective("o1", "30分钟内完成信息报告", ("warning_report",), ("report",)),
    Objective("o2", "1小时内建立警戒区", ("disposal",), ("disposal",)),
)


@pytest.fixture
def world(database):
    built = seed(database)
    yield built
    built.db.close()


def started(world, **changes) -> int:
    drill = design(world, evaluators=BOTH_WATCH_C1, **changes)
    drill_id = drills_store.create_drill(world.db, world.director, drill, now=at(-60))
    drills_store.seal_drill(world.db, world.director, drill_id, now=at(-30))
    drills_store.start_drill(world.db, world.director, drill_id, now=at(0))
    return drill_id


def disagree(world, drill_id: int) -> None:
    drills_store.record_observation(
        world.db, world.eva, obs(drill_id, "eva", "c1", minute=2, oid="a")
    )
    drills_store.record_observation(
        world.db, world.evb, obs(drill_id, "evb", "c1", minute=3, rating="partly", oid="b")
    )


def test_both_evaluators_and_the_lead_see_the_conflict_the_participant_does_not(world):
    drill_id = started(world)
    disagree(world, drill_id)
    for who in ("eva", "evb", "lead", "director"):
        board = drills_conflicts.conflict_board(world.db, world.actors[who], drill_id)
        assert [(c.item_id, c.outcomes) for c in board.open] == [("c1", ("done", "partly"))]
        assert board.items == {"c1": next(iter(board.items.values()))}
    assert drills_conflicts.conflict_board(world.db, world.eva, drill_id).may_settle is False
    assert drills_conflicts.conflict_board(world.db, world.lead, drill_id).may_settle is True
    with pytest.raises(NotAllowedError):
        drills_conflicts.conflict_board(world.db, world.pat, drill_id)


def test_an_undo_ends_the_conflict_for_everyone(world):
    drill_id = started(world)
    disagree(world, drill_id)
    drills_store.record_observation(
        world.db, world.evb, obs(drill_id, "evb", "c1", minute=4, kind="undo", rating=None, ref="b")
    )
    assert drills_conflicts.conflict_board(world.db, world.eva, drill_id).open == ()


def test_the_lead_settles_with_a_reason_which_is_stored_and_audited(world):
    drill_id = started(world)
    disagree(world, drill_id)
    settle = drills_conflicts.settle_conflict
    with pytest.raises(StoreError) as no_reason:
        settle(world.db, world.lead, drill_id, "c1", ["a", "b"], "done", " ", now=at(10))
    assert no_reason.value.key == "drills_conflicts.no_reason"
    with pytest.raises(NotAllowedError):
        settle(world.db, world.eva, drill_id, "c1", ["a", "b"], "done", "我看到了", now=at(10))
    assert settle(
        world.db, world.lead, drill_id, "c1", ["b", "a"], "partly", "只报告了一半", now=at(10)
    )
    assert not settle(
        world.db, world.lead, drill_id, "c1", ["a", "b"], "partly", "再点一次", now=at(11)
    )
    board = drills_conflicts.conflict_board(world.db, world.evb, drill_id)
    assert board.open == ()
    (settled,) = board.settled
    assert (settled.outcome, settled.reason, settled.settled_by) == (
        "partly",
        "只报告了一半",
        "lead",
    )
    assert settled.chosen_entry_id == "b"

    world.db.close()  # stored, not merely kept in memory
    world.db = connection.connect(world.path)
    (kept,) = drills_conflicts.settled_conflicts(world.db, world.director, drill_id)
    assert [e.id for e in kept.entries] == ["a", "b"]
    assert kept.settled_at == at(10)
    entries = audit_store.search_audit(world.db, world.root, action="drill.settle_conflict")
    assert len(entries) == 1 and entries[0].after["reason"] == "只报告了一半"


def test_a_conflict_that_changed_since_it_was_shown_is_not_settled_blindly(world):
    drill_id = started(world)
    disagree(world, drill_id)
    drills_store.record_observation(
        world.db, world.eva, obs(drill_id, "eva", "c1", minute=5, rating="na", oid="c")
    )
    with pytest.raises(StoreError) as changed:
        drills_conflicts.settle_conflict(
            world.db, world.lead, drill_id, "c1", ["a", "b"], "done", "看录像", now=at(10)
        )
    assert changed.value.key == "drills_conflicts.changed"
    with pytest.raises(StoreError) as none:
        drills_conflicts.settle_conflict(
            world.db, world.lead, drill_id, "c3", ["x"], "done", "看录像", now=at(10)
        )
    assert none.value.key == "drills_conflicts.not_open"


def test_objectives_and_criteria_are_stored_with_the_design_and_rated_after_the_end(world):
    drill_id = started(world, objectives=OBJECTIVES, evaluation_criteria="按 AQ/T 9009 评估")
    rating = ObjectiveRating("o1", "S", "报告晚了5分钟")
    with pytest.raises(InvalidTransitionError):
        drills_objectives.rate_objective(world.db, world.lead, drill_id, rating, now=at(20))
    drills_store.end_drill(world.db, world.director, drill_id, now=at(60))
    with pytest.raises(NotAllowedError):
        drills_objectives.rate_objective(world.db, world.eva, drill_id, rating, now=at(70))
    with pytest.raises(StoreError) as bad:
        drills_objectives.rate_objective(
            world.db, world.lead, drill_id, ObjectiveRating("o1", "Q"), now=at(70)
        )
    assert bad.value.key == "drills.objective.bad_rating"
    drills_objectives.rate_objective(world.db, world.lead, drill_id, rating, now=at(70))

    world.db.close()
    world.db = connection.connect(world.path)
    rated = drills_objectives.rated_objectives(world.db, world.director, drill_id)
    assert [(r.id, r.areas, r.rating and (r.rating.rating, r.rating.note)) for r in rated] == [
        ("o1", ("warning_report",), ("S", "报告晚了5分钟")),
        ("o2", ("disposal",), None),
    ]
    sheet = drills_objectives.objectives_sheet(world.db, world.lead, drill_id)
    assert sheet.criteria == "按 AQ/T 9009 评估" and sheet.may_rate
    assert [(m.username, m.post) for m in sheet.team] == [
        ("lead", "lead"),
        ("eva", "evaluator"),
        ("evb", "evaluator"),
    ]
    design_back = drills_store.export_design(world.db, world.director, drill_id)
    assert design_back.objectives == OBJECTIVES
    assert audit_store.search_audit(world.db, world.root, action="drill.rate_objective")
