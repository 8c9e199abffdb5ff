"""Looking across drills: the analytics queries over stored drills."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from access.errors import NotAllowedError
from db import analytics_store as an
from db import drills_store as store
from drills.csv_export import to_csv
from drills.scoring import Counts, Evaluation
from tests.integration.analytics_world import (
    DAY,
    add_actions,
    done_c1,
    evaluate,
    missed_c1,
    plan_of,
    publish,
    revise,
    run_drill,
    with_step,
)
from tests.integration.drills_world import at, design, obs, seed
from tests.sample_plans import chemical_plan


@pytest.fixture
def world(database):
    w = seed(database)
    yield w
    w.db.close()


def test_steps_missed_or_late_counts_missed_and_unobserved_and_honours_undo(world):
    run_drill(world, ("eva", lambda d: obs(d, "eva", "c1", minute=2, rating="not_done")))
    run_drill(
        world,
        ("eva", lambda d: obs(d, "eva", "c1", minute=2, rating="not_done", oid=f"x{d}")),
        (
            "eva",
            lambda d: obs(
                d, "eva", None, minute=3, kind="undo", rating=None, ref=f"x{d}", reason="误点"
            ),
        ),
        ("evb", lambda d: obs(d, "evb", "c3", minute=4, rating="done")),
    )
    stats = {
        s.step_id: s
        for s in an.steps_missed_or_late(world.db, world.manager, unit=world.manager.unit)
    }
    assert stats["s1"].drills == 2 and stats["s1"].missed == 1 and stats["s1"].not_observed == 1
    assert stats["s3"].not_observed == 1 and stats["s3"].missed == 0
    assert stats["s2"].not_observed == 2
    assert stats["s1"].step_name
    csv = to_csv(stats.values()).decode("utf-8-sig")
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
    drill = run_drill(
        world, ("eva", lambda d: obs(d, "eva", "c1", minute=2, rating="not_done")), save=False
    )
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
    late = an.not_drilled_within(
        world.db,
        world.manager,
        unit=unit,
        today=date(2026, 6, 1),
        periods={kind: 10 for kind in an.DEFAULT_PERIODS},
    )
    assert len(late) == 4 and late[0].due_by == date(2026, 5, 11)


def test_before_after_without_a_revision_counts_everything_before(world):
    run_drill(world, ("eva", lambda d: obs(d, "eva", "c1", minute=2, rating="not_done")))
    plan_id = world.db.execute(
        "SELECT plan_id FROM versions WHERE id = ?", [world.version_id]
    ).fetchone()[0]
    result = an.before_after_revision(world.db, world.manager, (plan_id, "s1"))
    assert result.revised_in is None
    assert result.before == (1, 1, 1, 0) and result.after == (0, 0, 0, 0)
    assert result.miss_rate_before == 1.0 and result.miss_rate_after is None
    with pytest.raises(NotAllowedError):
        an.before_after_revision(world.db, world.elsewhere_manager, (plan_id, "s1"))


def test_steps_are_narrowed_to_one_plan_and_to_drills_ended_in_a_time_window(world):
    unit = world.manager.unit
    run_drill(world, missed_c1(0), day=0)  # ends 2026-05-01
    run_drill(world, missed_c1(40), day=40)  # ends 2026-06-10
    other = publish(world, chemical_plan("另一化工预案"), day=41)
    run_drill(world, done_c1(42), day=42, version_id=other)  # ends 2026-06-12

    def s1(**window) -> tuple[int, int]:
        found = [
            s
            for s in an.steps_missed_or_late(world.db, world.manager, unit=unit, **window)
            if s.step_id == "s1"
        ]
        return sum(s.drills for s in found), sum(s.missed for s in found)

    assert s1() == (3, 2)
    assert s1(plan_id=plan_of(world)) == (2, 2)
    assert s1(plan_id=plan_of(world, other)) == (1, 0)
    june = datetime(2026, 6, 1, tzinfo=UTC)
    assert s1(since=june) == (2, 1)
    assert s1(until=june) == (1, 1)
    assert s1(since=june, until=datetime(2026, 6, 11, tzinfo=UTC)) == (1, 1)
    assert s1(since=june, plan_id=plan_of(world, other)) == (1, 0)
    assert s1(since=datetime(2026, 7, 1, tzinfo=UTC)) == (0, 0)


def test_the_bench_parameters_follow_the_query_placeholders():
    params = an.steps_missed_or_late_params("u", plan_id=7, since=1, until=2, limit=5)
    assert an.steps_missed_or_late_sql().count("?") == len(params)
    assert params == ["u", 7, 7, 1, 1, 2, 2, 5]


def test_ratings_by_role_carry_the_role_names_and_follow_the_filters(world):
    unit = world.manager.unit
    first = run_drill(world, missed_c1(0), day=0)
    second = run_drill(world, done_c1(40), day=40)
    by_role = an.ratings_over_time(world.db, world.manager, unit=unit, by="role")
    names = {p.key: p.name for p in by_role}
    assert names == {"r1": "应急指挥部", "r2": "指挥部办公室", "r3": "抢险救援组"}
    r2 = [(p.drill_id, p.score) for p in by_role if p.key == "r2"]
    assert r2 == [(first, 0.0), (second, 100.0)]  # c1 is r2's only item
    assert all(p.plan_id == plan_of(world) for p in by_role)
    late = an.ratings_over_time(
        world.db, world.manager, unit=unit, by="role", since=datetime(2026, 6, 1, tzinfo=UTC)
    )
    assert {p.drill_id for p in late} == {second}
    early = an.ratings_over_time(
        world.db, world.manager, unit=unit, by="overall", until=datetime(2026, 6, 1, tzinfo=UTC)
    )
    assert [p.drill_id for p in early] == [first] and early[0].name == "overall"
    assert (
        an.ratings_over_time(
            world.db, world.manager, unit=unit, by="area", plan_id=plan_of(world) + 1000
        )
        == []
    )
    with pytest.raises(NotAllowedError):
        an.ratings_over_time(world.db, world.pat, unit=unit, by="role")


def test_not_drilled_within_can_be_asked_for_one_plan(world):
    unit = world.manager.unit
    other = publish(world, chemical_plan("另一化工预案"), day=1)
    both = an.not_drilled_within(world.db, world.manager, unit=unit, today=date(2026, 6, 1))
    assert {n.plan_id for n in both} == {plan_of(world), plan_of(world, other)}
    one = an.not_drilled_within(
        world.db, world.manager, unit=unit, today=date(2026, 6, 1), plan_id=plan_of(world, other)
    )
    assert {n.plan_id for n in one} == {plan_of(world, other)}
    assert [n.role_id for n in one] == [None, "r1", "r2", "r3"]


def test_unit_plans_lists_the_plans_to_filter_on_for_overseers_only(world):
    other = publish(world, chemical_plan("另一化工预案"), day=1)
    plans = an.unit_plans(world.db, world.manager, unit=world.manager.unit)
    assert [(p.id, p.title, p.kind) for p in plans] == [
        (plan_of(world, other), "另一化工预案", "special"),
        (plan_of(world), "示例化工泄漏应急预案", "special"),
    ]
    with pytest.raises(NotAllowedError):
        an.unit_plans(world.db, world.eva, unit=world.manager.unit)


def test_overdue_actions_name_drill_and_finding_most_overdue_first(world):
    unit = world.manager.unit
    drill = run_drill(world, missed_c1(0), day=0)
    later = run_drill(world, missed_c1(40), day=40)
    soon, old, _, _ = add_actions(
        world,
        drill,
        ("修订报告时限", date(2026, 5, 25), "open"),
        ("培训值班人员", date(2026, 5, 10), "in_progress"),
        ("更新通讯录", date(2026, 5, 5), "verified"),
        ("演练复盘", date(2026, 7, 1), "open"),
    )
    (other,) = add_actions(world, later, ("补充物资", date(2026, 6, 20), "open"))  # after it
    today = date(2026, 6, 25)
    overdue = an.overdue_actions(world.db, world.manager, unit=unit, today=today)
    assert [(o.action_id, o.days_overdue) for o in overdue] == [(old, 46), (soon, 31), (other, 5)]
    first = overdue[0]
    assert (
        first.drill_id,
        first.drill_title,
        first.finding_title,
        first.action,
        first.owner,
        first.due,
        first.status,
    ) == (
        drill,
        "危化品泄漏双盲演练",
        "未及时报告",
        "培训值班人员",
        "张三",
        date(2026, 5, 10),
        "in_progress",
    )
    june = datetime(2026, 6, 1, tzinfo=UTC)

    def ids(**window) -> list[str]:
        found = an.overdue_actions(world.db, world.manager, unit=unit, today=today, **window)
        return [o.action_id for o in found]

    assert ids(since=june) == [other]
    assert ids(until=june) == [old, soon]
    assert ids(plan_id=plan_of(world)) == [old, soon, other]
    assert ids(plan_id=plan_of(world) + 1000) == []
    with pytest.raises(NotAllowedError):
        an.overdue_actions(world.db, world.elsewhere_manager, unit=unit, today=today)


def test_a_revised_step_shows_its_rates_before_and_after_the_revision(world):
    unit = world.manager.unit
    run_drill(world, missed_c1(0), day=0)
    run_drill(world, missed_c1(1), day=1)
    quicker = with_step(chemical_plan(), "s1", name="5分钟内报告事故信息", time_limit_min=5)
    v2 = revise(world, quicker, day=2)
    run_drill(world, done_c1(3), day=3, version_id=v2)
    effects = an.revision_effects(world.db, world.manager, unit=unit)
    assert [(e.step_id, e.revised_in) for e in effects] == [("s1", 2)]  # s2-s4 unchanged
    s1 = effects[0]
    assert s1.step_name == "5分钟内报告事故信息"
    assert s1.before == (2, 2, 2, 0) and s1.after == (1, 1, 0, 0)
    assert (s1.miss_rate_before, s1.miss_rate_after) == (1.0, 0.0)
    assert s1.verdict == "too_few"  # one drill since the revision says little
    run_drill(world, done_c1(4), day=4, version_id=v2)
    run_drill(world, missed_c1(5), day=5, version_id=v2)
    (s1,) = an.revision_effects(world.db, world.manager, unit=unit)
    assert s1.after == (3, 3, 1, 0) and s1.verdict == "better"
    single = an.before_after_revision(world.db, world.manager, (plan_of(world), "s1"))
    assert (single.revised_in, single.before, single.after) == (2, s1.before, s1.after)
    unchanged = an.before_after_revision(world.db, world.manager, (plan_of(world), "s2"))
    assert unchanged.revised_in is None and unchanged.before[0] == 5
    window = an.revision_effects(
        world.db, world.manager, unit=unit, since=at(3 * DAY), until=at(4 * DAY + 120)
    )
    assert window[0].before == (0, 0, 0, 0) and window[0].after == (2, 2, 0, 0)
    assert window[0].verdict == "too_few"
    assert (
        an.revision_effects(world.db, world.manager, unit=unit, plan_id=plan_of(world) + 1000) == []
    )
    with pytest.raises(NotAllowedError):
        an.revision_effects(world.db, world.pat, unit=unit)


@pytest.mark.parametrize(
    ("before", "after", "verdict"),
    [
        ((4, 4, 2, 0), (3, 3, 0, 1), "better"),
        ((4, 4, 0, 1), (3, 3, 1, 1), "worse"),
        ((2, 2, 1, 0), (4, 4, 1, 1), "same"),
        ((0, 0, 0, 0), (3, 3, 0, 0), "no_before"),
        ((9, 9, 9, 0), (2, 2, 0, 0), "too_few"),
    ],
)
def test_the_verdict_compares_the_share_of_items_missed_or_late(before, after, verdict):
    assert an.BeforeAfter(1, "s1", 2, before, after).verdict == verdict


def test_csv_takes_mappings_and_defuses_formulas():
    rows = [{"步骤": '=HYPERLINK("x")', "n": 3}, {"步骤": "报告", "n": None, "extra": "-1"}]
    text = to_csv(rows).decode("utf-8-sig").splitlines()
    assert text == ["步骤,n,extra", '"\'=HYPERLINK(""x"")",3,', "报告,,'-1"]


def test_csv_writes_times_to_the_minute_and_days_as_days():
    # QA walk: the CSV showed "2026-11-29T19:50:50.829480"
    naive = datetime(2026, 11, 29, 19, 50, 50, 829480)
    aware = datetime(2026, 11, 29, 11, 50, 50, tzinfo=UTC)
    rows = [{"结束时间": naive, "本地": aware, "期限": date(2026, 12, 1)}]
    text = to_csv(rows).decode("utf-8-sig").splitlines()
    local = aware.astimezone().strftime("%Y-%m-%d %H:%M")  # the server's zone, as on screen
    assert text == ["结束时间,本地,期限", f"2026-11-29 19:50,{local},2026-12-01"]
