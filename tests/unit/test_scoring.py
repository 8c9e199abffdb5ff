"""Drill scoring: each item's outcome, honest coverage, area scores and P/S/M/U ratings,
weights, overrides, the overall grade and per-role scores."""

from __future__ import annotations

import pytest

import i18n
from drills.errors import DrillError
from drills.model import Inject
from drills.progress import Progress, overall_progress
from drills.ratings import AREA_OF_PHASE, grade_of, rating_of
from drills.scoring import Counts, RatingOverride, area_of, score_drill
from drills.state import fold
from i18n.glossary import CAPABILITY_AREAS, PHASES
from tests.drill_samples import amend, at, clock, items_of, rated

RUNNING = clock(("start", 0))


def evaluate(checklist, observations, events=RUNNING, released=(), **options):
    state = fold(checklist, observations, events)
    return score_drill(checklist, state, events, released, **options)


def many(phase_ratings: dict[str, list[str | None]]):
    """A checklist of items per phase and their ratings (None: nobody recorded it)."""
    overrides, observations = {}, []
    for phase, ratings in phase_ratings.items():
        for n, rating in enumerate(ratings):
            item = f"{phase}{n}"
            overrides[item] = {"phase": phase}
            if rating is not None:
                observations.append(rated(f"o-{item}", item, rating))
    return items_of("", **overrides), observations


@pytest.mark.parametrize(
    ("ratings", "coverage", "score", "gaps"),
    [
        (["done", "done", "done", "done"], 1.0, 100.0, 0),
        (["done", "done", None, None], 0.5, 50.0, 2),  # a gap earns nothing
        ([None, None, None, None], 0.0, None, 4),  # nothing to score: not rated, never 0
        (["done", "na", None, None], 0.5, 100 / 3, 2),  # na is observed, left out of the score
        (["partly", "not_done", "done", "done"], 1.0, 62.5, 0),
        (["na", "na", "na", "na"], 1.0, None, 0),
    ],
)
def test_coverage_counts_an_item_nobody_recorded_as_a_gap_never_as_a_pass(
    ratings, coverage, score, gaps
):
    checklist, observations = many({"disposal": ratings})
    evaluation = evaluate(checklist, observations)
    disposal = evaluation.area("disposal")
    assert disposal.coverage == coverage == evaluation.coverage
    assert disposal.score == (None if score is None else pytest.approx(score, abs=1e-3))
    assert disposal.counts.not_observed == gaps
    assert sum(result.gap for result in evaluation.items) == gaps
    assert all(r.performed == "not_observed" for r in evaluation.items if r.gap)


def test_an_item_entry_without_a_rating_leaves_the_item_a_gap_with_its_note_kept():
    checklist = items_of("c1")
    evaluation = evaluate(checklist, [rated("o1", "c1", None, note="看不清")])
    result = evaluation.item("c1")
    assert (result.performed, result.note, result.evidence, result.credit) == (
        "not_observed",
        "看不清",
        ("o1",),
        0.0,
    )


@pytest.mark.parametrize(
    ("rating", "quality", "happened", "credit"),
    [
        ("done", None, 5, 1.0),
        ("done", "P", 5, 1.0),
        ("done", "S", 5, 0.9),
        ("done", "M", 5, 0.7),
        ("done", "U", 5, 0.5),
        ("partly", None, 5, 0.5),
        ("done", None, 12, 0.5),  # late halves the credit
        ("partly", "S", 12, 0.225),
        ("not_done", None, 5, 0.0),
        ("na", None, 5, None),
    ],
)
def test_an_items_credit_follows_the_documented_formula(rating, quality, happened, credit):
    checklist = items_of("c1", c1={"time_limit_min": 10})
    observation = rated("o1", "c1", rating, entered=happened, quality=quality)
    result = evaluate(checklist, [observation]).item("c1")
    assert result.credit == (None if credit is None else pytest.approx(credit))


@pytest.mark.parametrize(
    ("events", "happened", "on_time", "late_min"),
    [
        (RUNNING, 4, True, 0.0),
        (RUNNING, 10, True, 0.0),  # at the limit is on time
        (RUNNING, 10.5, False, 0.5),
        (clock(("start", 0), ("pause", 5), ("resume", 20)), 24, True, 0.0),  # 9 drill minutes
        (clock(("start", 0), ("pause", 5), ("resume", 20)), 27, False, 2.0),
    ],
)
def test_on_time_or_late_counts_on_the_drill_clock_from_t0(events, happened, on_time, late_min):
    checklist = items_of("c1", c1={"time_limit_min": 10})
    result = evaluate(checklist, [rated("o1", "c1", "done", entered=happened)], events).item("c1")
    assert (result.due_min, result.on_time, result.late_min) == (10.0, on_time, late_min)
    assert result.late is (not on_time)


@pytest.mark.parametrize(
    ("released", "happened", "due", "on_time"),
    [
        ([(5, "i1")], 10, 11.0, True),
        ([(5, "i1")], 12, 11.0, False),
        ([(5, "i1"), (1, "i2")], 8, 7.0, False),  # the earliest triggering release counts
        ([], 8, 6.0, False),  # no inject named it: counted from when it became due (T0 here)
    ],
)
def test_on_time_or_late_counts_from_the_release_of_the_triggering_inject(
    released, happened, due, on_time
):
    checklist = items_of("c1", c1={"time_limit_min": 6, "time_from": "trigger"})
    injects = {
        "i1": Inject("i1", "泄漏", expected_steps=("c1",)),
        "i2": Inject("i2", "起火", expected_steps=("c1",)),
    }
    pairs = [(injects[i], at(minute)) for minute, i in released]
    observation = rated("o1", "c1", "done", entered=happened)
    result = evaluate(checklist, [observation], released=pairs).item("c1")
    assert (result.due_min, result.on_time) == (due, on_time)


@pytest.mark.parametrize(
    ("c1_at", "c2_at", "due", "on_time"),
    [
        (20, 30, 35.0, True),
        (20, 36, 35.0, False),
        (None, 36, None, None),  # c1 never happened: c2's clock never started
    ],
)
def test_on_time_or_late_counts_from_the_predecessor_it_names(c1_at, c2_at, due, on_time):
    """c1 → c2; c2 within 15 minutes of c1."""
    checklist = items_of("c1→c2", c2={"time_limit_min": 15, "time_from": "c1"})
    observations = [rated("o2", "c2", "done", entered=c2_at)]
    if c1_at is not None:
        observations.append(rated("o1", "c1", "done", entered=c1_at))
    result = evaluate(checklist, observations).item("c2")
    assert (result.due_min, result.on_time) == (due, on_time)


@pytest.mark.parametrize(
    ("limit", "rating", "events"),
    [
        (None, "done", RUNNING),  # no time limit
        (10, "not_done", RUNNING),  # not performed
        (10, "na", RUNNING),
        (10, "done", ()),  # the clock never started
    ],
)
def test_timing_is_none_without_a_limit_a_performance_or_a_clock(limit, rating, events):
    checklist = items_of("c1", c1={"time_limit_min": limit})
    result = evaluate(checklist, [rated("o1", "c1", rating, entered=30)], events).item("c1")
    assert (result.on_time, result.late_min) == (None, None)


@pytest.mark.parametrize(
    ("roles", "rating", "done_by", "expected"),
    [
        (("r1",), "done", "r1", True),
        (("r1", "r2"), "done", "r2", True),  # a co-owner counts
        (("r1",), "partly", "r2", False),
        (("r1",), "done", None, None),  # not recorded who
        ((), "done", "r2", None),  # an item of no role
        (("r1",), "not_done", "r2", None),  # not performed
    ],
)
def test_done_by_the_expected_role_or_not(roles, rating, done_by, expected):
    checklist = items_of("c1", c1={"roles": roles})
    observation = rated("o1", "c1", rating, done_by=done_by)
    assert evaluate(checklist, [observation]).item("c1").by_expected_role is expected


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        ({"c1": ("done", 5), "c2": ("done", 9), "c3": ("done", 12)}, False),
        ({"c1": ("done", 5), "c2": ("done", 9), "c3": ("done", 8)}, True),  # before c2
        ({"c1": ("done", 9), "c2": ("done", 5), "c3": ("done", 8)}, True),  # before c1
        ({"c1": ("done", 5), "c2": ("done", 8), "c3": ("done", 8)}, False),  # same minute
        ({"c1": ("done", 5), "c3": ("done", 8)}, False),  # c2 never recorded: judged on c1
        ({"c1": ("partly", 10), "c3": ("done", 8)}, True),
        ({"c1": ("not_done", 10), "c2": ("na", 1), "c3": ("done", 8)}, None),  # none happened
        ({"c3": ("done", 8)}, None),
        ({"c1": ("done", 10), "c3": ("not_done", 8)}, None),  # c3 not performed
    ],
)
def test_done_before_its_prerequisites_or_not(recorded, expected):
    """c1 → c3, c2 → c3: the outcome of c3; c1 has no predecessor, so never out of order."""
    checklist = items_of("c1→c3, c2→c3")
    observations = [rated(f"o-{i}", i, r, entered=m) for i, (r, m) in recorded.items()]
    evaluation = evaluate(checklist, observations)
    assert evaluation.item("c3").before_prerequisites is expected
    assert evaluation.item("c1").before_prerequisites is None


@pytest.mark.parametrize(
    ("score", "coverage", "rating"),
    [
        (100, 1.0, "P"),
        (90, 1.0, "P"),
        (89.999, 1.0, "S"),
        (75, 1.0, "S"),
        (74.999, 1.0, "M"),
        (50, 1.0, "M"),
        (49.999, 1.0, "U"),
        (0, 1.0, "U"),
        (50, 0.5, "M"),  # coverage of one half is enough to rate
        (50, 0.499, None),  # below it, too little was observed to rate
        (None, 1.0, None),
        (80, None, None),
    ],
)
def test_ratings_at_the_band_edges(score, coverage, rating):
    assert rating_of(score, coverage) == rating


@pytest.mark.parametrize(
    ("score", "coverage", "grade"),
    [
        (90, 1.0, "excellent"),
        (89.99, 1.0, "good"),
        (75, 1.0, "good"),
        (74.99, 1.0, "pass"),
        (60, 1.0, "pass"),
        (59.99, 1.0, "fail"),
        (95, 0.4, None),
        (None, 1.0, None),
    ],
)
def test_grades_at_the_band_edges(score, coverage, grade):
    assert grade_of(score, coverage) == grade


@pytest.mark.parametrize(
    ("ratings", "score", "rating"),
    [
        (["done"] * 9 + ["partly", "not_done"] + ["na"], 86.3636, "S"),
        (["done"] * 9 + ["not_done"], 90.0, "P"),
        (["done"] * 8 + [None] * 2, 80.0, "S"),  # 80 % observed: never P
        (["done"] * 3 + ["partly"] + [None], 70.0, "M"),
        (["done"] * 2 + [None] * 2, 50.0, "M"),
        (["done"] * 2 + [None] * 3, 40.0, None),  # 40 % observed: not rated
        (["not_done"] * 3 + ["done"], 25.0, "U"),
    ],
)
def test_an_areas_score_and_rating_come_from_its_items(ratings, score, rating):
    checklist, observations = many({"command": ratings})
    command = evaluate(checklist, observations).area("command")
    assert command.score == pytest.approx(score, abs=1e-3)
    assert command.computed_rating == command.rating == rating


def test_every_phase_maps_onto_a_known_area_and_every_area_has_a_name():
    assert {area_of(phase) for phase in PHASES} <= set(CAPABILITY_AREAS)
    assert set(AREA_OF_PHASE) == set(PHASES)
    for area in CAPABILITY_AREAS:
        for lang in ("zh", "en"):
            assert not i18n.t(f"scoring.area.{area}", lang=lang).startswith("⟦")


@pytest.mark.parametrize(
    ("phase", "area"),
    [
        ("warning", "warning_report"),
        ("report", "warning_report"),
        ("initial", "mobilisation"),
        ("activation", "mobilisation"),
        ("command", "command"),
        ("escalation", "command"),
        ("disposal", "disposal"),
        ("support", "support"),
        ("public_info", "public_info"),
        ("recovery", "recovery"),
        ("termination", "termination"),
        ("unheard_of", "disposal"),
    ],
)
def test_plan_phases_map_onto_the_aqt_9009_areas(phase, area):
    assert area_of(phase) == area


def test_an_organisation_can_map_a_phase_onto_another_area():
    checklist, observations = many({"warning": ["done"], "report": ["not_done"]})
    evaluation = evaluate(checklist, observations, areas={"warning": "preparation"})
    assert evaluation.area("preparation").score == 100.0
    assert evaluation.area("warning_report").score == 0.0


def test_areas_without_items_or_score_are_left_out_of_the_overall():
    checklist, observations = many({"report": ["done"], "disposal": ["not_done", "done"]})
    evaluation = evaluate(checklist, observations)
    assert [a.area for a in evaluation.areas] == list(CAPABILITY_AREAS)
    assert evaluation.area("support").counts.total == 0
    assert evaluation.area("support").score is evaluation.area("support").rating is None
    assert evaluation.score == pytest.approx(75.0)  # (100 + 50) / 2
    assert evaluation.grade == "good"


@pytest.mark.parametrize(
    ("weights", "score", "grade"),
    [
        (None, 75.0, "good"),
        ({"warning_report": 3}, 87.5, "good"),  # (3·100 + 50) / 4
        ({"disposal": 0}, 100.0, "excellent"),
        ({"warning_report": 0, "disposal": 2}, 50.0, "fail"),
        ({"warning_report": 0, "disposal": 0}, None, None),
    ],
)
def test_area_weights_change_the_overall_score(weights, score, grade):
    checklist, observations = many({"report": ["done"], "disposal": ["not_done", "done"]})
    evaluation = evaluate(checklist, observations, weights=weights)
    assert evaluation.score == score
    assert evaluation.grade == grade


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"weights": {"disposal": -1}}, "scoring.bad_weight"),
        ({"weights": {"disposal": "heavy"}}, "scoring.bad_weight"),
        ({"weights": {"disposal": float("nan")}}, "scoring.bad_weight"),
        ({"weights": {"bravery": 1}}, "scoring.unknown_area"),
        ({"areas": {"report": "bravery"}}, "scoring.unknown_area"),
        ({"overrides": [RatingOverride("bravery", "P", "好")]}, "scoring.unknown_area"),
        ({"overrides": [RatingOverride("command", "A", "好")]}, "scoring.bad_rating"),
        ({"overrides": [RatingOverride("command", "P", "")]}, "scoring.override_needs_reason"),
        ({"overrides": [RatingOverride("command", "P", "  ")]}, "scoring.override_needs_reason"),
    ],
)
def test_impossible_options_are_refused_with_a_translated_message(options, key):
    checklist, observations = many({"command": ["done"]})
    with pytest.raises(DrillError) as caught:
        evaluate(checklist, observations, **options)
    assert caught.value.key == key
    assert i18n.has(key)
    assert "⟦" not in i18n.t(key, lang="en", **caught.value.params)


def test_an_override_keeps_the_computed_rating_and_reason_beside_it():
    checklist, observations = many({"command": ["done", "not_done"]})
    override = RatingOverride("command", "S", "通信中断系导调设置，非参演人员失误", by="lead")
    evaluation = evaluate(checklist, observations, overrides=[override])
    command = evaluation.area("command")
    assert (command.computed_rating, command.rating, command.override) == ("M", "S", override)
    assert command.score == 50.0  # an override changes the rating, never the score
    assert evaluation.score == 50.0


def test_the_last_override_of_an_area_wins():
    checklist, observations = many({"command": ["done", "not_done"]})
    first = RatingOverride("command", "S", "理由一")
    second = RatingOverride("command", "U", "理由二")
    command = evaluate(checklist, observations, overrides=[first, second]).area("command")
    assert command.override == second and command.rating == "U"


def test_an_override_may_rate_an_area_that_has_no_items():
    checklist, observations = many({"command": ["done"]})
    override = RatingOverride("preparation", "P", "物资与人员提前到位")
    preparation = evaluate(checklist, observations, overrides=[override]).area("preparation")
    assert (preparation.computed_rating, preparation.rating) == (None, "P")


def test_the_overall_grade_needs_half_of_the_items_observed():
    checklist, observations = many({"disposal": ["done", "done", None, None, None]})
    evaluation = evaluate(checklist, observations)
    assert evaluation.coverage == pytest.approx(0.4)
    assert evaluation.score == pytest.approx(40.0)
    assert evaluation.grade is None


def test_roles_are_scored_by_the_items_lead_role():
    checklist = items_of(
        "c1, c2, c3, c4",
        c1={"roles": ("r1", "r2")},
        c2={"roles": ("r2",)},
        c3={"roles": ("r2", "r1")},
        c4={"roles": ()},
    )
    observations = [
        rated("o1", "c1", "done"),
        rated("o2", "c2", "partly"),
        rated("o3", "c3", "done"),
    ]
    roles = {r.role: r for r in evaluate(checklist, observations).roles}
    assert list(roles) == ["r1", "r2", ""]
    assert (roles["r1"].score, roles["r1"].counts.total) == (100.0, 1)
    assert (roles["r2"].score, roles["r2"].rating) == (75.0, "S")
    # nothing observed for the item of no role: not rated, never 0
    assert (roles[""].score, roles[""].coverage, roles[""].rating) == (None, 0.0, None)


def test_an_items_evidence_is_its_observation_and_amendments():
    checklist = items_of("c1")
    observations = [
        rated("o1", "c1", "not_done", entered=3),
        rated("o2", "c1", "partly", entered=4),
        amend("o3", "o2", "done", entered=60, reason="录像核实"),
    ]
    result = evaluate(checklist, observations).item("c1")
    assert (result.performed, result.evidence) == ("done", ("o2", "o3"))


def test_the_same_log_always_gives_the_same_evaluation():
    checklist, observations = many({"report": ["done", None], "disposal": ["partly", "na"]})
    assert evaluate(checklist, observations) == evaluate(checklist, list(reversed(observations)))


def test_the_counts_of_a_score_tally_like_the_live_progress_and_add_lateness_and_credit():
    checklist, observations = many({"disposal": ["done", "partly", "na", None]})
    evaluation = evaluate(checklist, observations)
    state = fold(checklist, observations, RUNNING)
    counts = evaluation.area("disposal").counts
    progress = overall_progress(checklist, state)
    assert isinstance(counts, Progress)
    tallied = ("total", "done", "partly", "not_done", "na", "not_observed")
    assert [getattr(counts, f) for f in tallied] == [getattr(progress, f) for f in tallied]
    assert counts.coverage == progress.share == pytest.approx(0.75)
    assert (counts.late, counts.credit, counts.score) == (0, 1.5, 50.0)
    assert Counts().coverage is None and Progress().share == 0.0
