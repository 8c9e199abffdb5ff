"""Looking across drills (issue 5): the analytics queries over stored drills."""

from __future__ import annotations

from datetime import date

import pytest

from access.errors import NotAllowedError
from db import analytics_store as an
from db import drills_store as store
from drills.model import ClockEvent
from drills.scoring import Counts, Evaluation, score_drill
from drills.state import fold
from tests.integration.drills_world import at, design, obs, seed


@pytest.fixture
def world(tmp_path):
    w = seed(tmp_path / "plandrill.duckdb")
    yield w
    w.db.close()


def evaluate(world, drill) -> Evaluation:
    """The drill scored by the engine from its stored record (as the report does)."""
    lead = world.lead
    checklist = store.checklist_for(world.db, lead, drill)
    events = store.drill_events(world.db, lead, drill)
    clock = [ClockEvent(e.kind, e.happened_at, e.by) for e in events
             if e.kind in ("start", "pause", "resume", "end")]  # fmt: skip
    state = fold(checklist, store.observations(world.db, lead, drill), clock)
    return score_drill(checklist, state, clock)


def run_drill(world, *taps, save: bool = True, pause: tuple[float, float] | None = None) -> int:
    """An ended drill with the taps recorded; its evaluation saved unless `save` is false."""
    drill = store.create_drill(world.db, world.director, design(world), now=at(-60))
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.start_drill(world.db, world.director, drill, now=at(0))
    if pause:
        store.pause_drill(world.db, world.director, drill, now=at(pause[0]))
        store.resume_drill(world.db, world.director, drill, now=at(pause[1]))
    for who, tap in taps:
        store.record_observation(world.db, getattr(world, who), tap(drill))
    store.end_drill(world.db, world.director, drill, now=at(90))
    if save:
        an.save_scores(world.db, world.lead, drill, evaluate(world, drill), now=at(100))
    return drill


def test_steps_missed_or_late_counts_missed_and_unobserved_and_honours_undo(world):
    run_drill(world, ("eva", lambda d: obs(d, "eva", "c1", minute=2, rating="not_done")))
    run_drill(
        world,
        ("eva", lambda d: obs(d, "eva", "c1", minute=2, rating="not_done", oid=f"x{d}")),
        ("eva", lambda d: obs(d, "eva", None, minute=3, kind="undo", rating=None, ref=f"x{d}",
                              reason="误点")),
        ("evb", lambda d: obs(d, "evb", "c3", minute=4, rating="done")),
    )
    stats = {s.step_id: s for s in an.steps_missed_or_late(world.db, world.manager,
                                                           unit=world.manager.unit)}  # fmt: skip
    assert stats["s1"].drills == 2 and stats["s1"].missed == 1 and stats["s1"].not_observed == 1
    assert stats["s3"].not_observed == 1 and stats["s3"].missed == 0
    assert stats["s2"].not_observed == 2
    assert stats["s1"].step_name
    csv = an.to_csv(stats.values()).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("plan_id,step_id,step_name")


def test_analytics_are_refused_to_participants_evaluators_and_other_units(world):
    unit = world.manager.unit
    for who in (world.pat, world.eva, world.elsewhere_manager):
        with pytest.raises(NotAllowedError):
            an.steps_missed_or_late(world.db, who, unit=unit)
        with pytest.raises(NotAllowedError):
            an.not_drilled_within(world.db, who, unit=unit, today=date(2026, 6, 1))


def test_a_drill_in_progress_does_not_count(world):
    drill = store.create_drill(world.db, world.director, design(world), now=at(-60))
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.start_drill(world.db, world.director, drill, now=at(0))
    assert an.steps_missed_or_late(world.db, world.director, unit=world.director.unit) == []


def test_a_drill_ended_without_saved_scores_does_not_count_until_scored(world):
    drill = run_drill(world, ("eva", lambda d: obs(d, "eva", "c1", minute=2, rating="not_done")),
                      save=False)  # fmt: skip
    unit = world.manager.unit
    assert an.steps_missed_or_late(world.db, world.manager, unit=unit) == []
    an.save_scores(world.db, world.lead, drill, evaluate(world, drill), now=at(100))
    stats = {s.step_id: s for s in an.steps_missed_or_late(world.db, world.manager, unit=unit)}
    assert stats["s1"].drills == 1 and stats["s1"].missed == 1


def test_lateness_is_on_the_drill_clock_as_scored(world):
    # c1 (s1) is due 10 minutes after T0. Done at wall-clock minute 15: late in a drill that ran
    # throughout, on time in one paused from minute 2 to 10 (drill-clock minute 7).
    done_at_15 = ("eva", lambda d: obs(d, "eva", "c1", minute=15, rating="done"))
    run_drill(world, done_at_15)
    unit = world.manager.unit
    stats = {s.step_id: s for s in an.steps_missed_or_late(world.db, world.manager, unit=unit)}
    assert stats["s1"].late == 1 and stats["s1"].missed == 0 and stats["s1"].not_observed == 0
    run_drill(world, done_at_15, pause=(2, 10))
    stats = {s.step_id: s for s in an.steps_missed_or_late(world.db, world.manager, unit=unit)}
    assert stats["s1"].drills == 2 and stats["s1"].late == 1
    assert stats["s1"].late_rate == 0.5


def test_saved_scores_give_ratings_over_time(world):
    drill = run_drill(world)
    outcomes = "SELECT count(*) FROM drill_item_outcomes WHERE drill_id = ?"
    assert world.db.execute(outcomes, [drill]).fetchone()[0] == 4  # c1-c4, saved by run_drill
    scored = evaluate(world, drill)
    an.save_scores(world.db, world.lead, drill, scored, now=at(100))  # replaces, no duplicates
    assert world.db.execute(outcomes, [drill]).fetchone()[0] == 4
    evaluation = Evaluation((), (), (), Counts(4, done=3, not_done=1, credit=3.0), 75.0, "S")
    an.save_scores(world.db, world.lead, drill, evaluation, now=at(100))
    an.save_scores(world.db, world.lead, drill, evaluation, now=at(101))  # replaces
    points = an.ratings_over_time(world.db, world.manager, unit=world.manager.unit, by="overall")
    assert [(p.drill_id, p.score, p.rating, p.coverage) for p in points] == [
        (drill, 75.0, "S", 1.0)
    ]
    with pytest.raises(NotAllowedError):
        an.save_scores(world.db, world.manager, drill, evaluation, now=at(102))


def test_plans_and_roles_not_drilled_within_their_period(world):
    unit = world.manager.unit
    never = an.not_drilled_within(world.db, world.manager, unit=unit, today=date(2026, 5, 1))
    assert {n.role_id for n in never} == {None, "r1", "r2", "r3"}
    assert all(n.last_drilled is None for n in never)
    run_drill(world)  # ends 2026-05-01 with r1-r3
    assert an.not_drilled_within(world.db, world.manager, unit=unit, today=date(2026, 6, 1)) == []
    late = an.not_drilled_within(world.db, world.manager, unit=unit, today=date(2026, 6, 1),
                                 periods={kind: 10 for kind in an.DEFAULT_PERIODS})  # fmt: skip
    assert len(late) == 4 and late[0].due_by == date(2026, 5, 11)


def test_before_after_without_a_revision_counts_everything_before(world):
    run_drill(world, ("eva", lambda d: obs(d, "eva", "c1", minute=2, rating="not_done")))
    plan_id = world.db.execute("SELECT plan_id FROM versions WHERE id = ?",
                               [world.version_id]).fetchone()[0]  # fmt: skip
    result = an.before_after_revision(world.db, world.manager, (plan_id, "s1"))
    assert result.revised_in is None
    assert result.before == (1, 1, 1, 0) and result.after == (0, 0, 0, 0)
    assert result.miss_rate_before == 1.0 and result.miss_rate_after is None
    with pytest.raises(NotAllowedError):
        an.before_after_revision(world.db, world.elsewhere_manager, (plan_id, "s1"))
