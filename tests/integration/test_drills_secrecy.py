"""Drill secrecy through the store: a participant learns nothing of a drill before
its start, not by list, not by id, not by count; evaluators see their share only; injects stay
invisible until released; other units see nothing; a refusal looks exactly like a missing id."""

from __future__ import annotations

from dataclasses import replace

import pytest

from access.errors import NotAllowedError
from db import drills_store as store
from db.errors import NotFoundError
from i18n import t
from tests.integration.drills_world import at, design, obs, seed

READS = {
    "summary": lambda db, who, d: store.drill_summary(db, who, d),
    "design": lambda db, who, d: store.load_design(db, who, d),
    "export": lambda db, who, d: store.export_design(db, who, d),
    "injects": lambda db, who, d: store.visible_injects(db, who, d),
    "checklist": lambda db, who, d: store.checklist_for(db, who, d),
    "observations": lambda db, who, d: store.observations(db, who, d),
    "timeline": lambda db, who, d: store.drill_events(db, who, d),
    "activity": lambda db, who, d: store.evaluator_activity(db, who, d),
    "reveal_log": lambda db, who, d: store.reveal_log(db, who, d),
}
OUTSIDERS_BEFORE_START = [
    "pat",
    "eva",
    "evb",
    "lead",
    "manager",
    "root",
    "director2",
    "elsewhere",
    "elsewhere_manager",
]


@pytest.fixture(scope="module")
def world(module_database):
    w = seed(module_database)
    w.designing = store.create_drill(w.db, w.director, design(w, title="设计中的演练"), now=at(-90))
    w.sealed = store.create_drill(w.db, w.director, design(w, title="已封存的演练"), now=at(-80))
    store.seal_drill(w.db, w.director, w.sealed, now=at(-70))
    w.running = store.create_drill(w.db, w.director, design(w, title="进行中的演练"), now=at(-60))
    store.seal_drill(w.db, w.director, w.running, now=at(-50))
    store.set_participants(w.db, w.director, w.running, {"pat": ["r3"], "pat2": ["r1"]}, now=at(-1))
    store.start_drill(w.db, w.director, w.running, now=at(0))
    store.release_inject(w.db, w.director, w.running, "i2", now=at(2))  # to r2
    store.release_due_injects(w.db, w.running, now=at(6))  # i1, to r3
    yield w
    w.db.close()


def refusal_of_a_missing_drill(world, reader):
    with pytest.raises(NotFoundError) as caught:
        reader(world.db, world.director, 999)
    return caught.value


@pytest.mark.parametrize("who", OUTSIDERS_BEFORE_START)
def test_nobody_but_its_directors_lists_a_drill_before_its_start(world, who):
    listed = {d.id for d in store.list_drills(world.db, world.actors[who])}
    assert world.designing not in listed and world.sealed not in listed


def test_a_participant_lists_nothing_at_all_before_any_start(world):
    assert [d.id for d in store.list_drills(world.db, world.pat)] == [world.running]
    mine = [world.running, world.sealed, world.designing]
    listed = [d.id for d in store.list_drills(world.db, world.director)]
    assert [d for d in listed if d in mine] == mine  # newest first


@pytest.mark.parametrize("read", READS)
@pytest.mark.parametrize("who", ["pat", "eva", "root", "manager", "elsewhere"])
def test_opening_a_sealed_drill_by_id_looks_exactly_like_a_missing_id(world, who, read):
    reader = READS[read]
    missing = refusal_of_a_missing_drill(world, reader)
    with pytest.raises(NotFoundError) as caught:
        reader(world.db, world.actors[who], world.sealed)
    assert caught.value.key == missing.key
    assert t(caught.value.key, **caught.value.params) == t(
        missing.key, **{**missing.params, "drill_id": world.sealed}
    )


@pytest.mark.parametrize("who", ["pat", "eva", "lead", "root", "manager", "elsewhere"])
def test_nothing_written_for_others_before_the_start_names_the_drill(world, who):
    with pytest.raises(NotFoundError):
        store.drill_summary(world.db, world.actors[who], world.designing)
    with pytest.raises(NotFoundError):
        store.record_observation(world.db, world.actors[who], obs(world.sealed, who))


def test_after_the_start_a_participant_knows_the_drill_but_not_its_plans(world):
    summary = store.drill_summary(world.db, world.pat, world.running)
    assert (summary.title, summary.status, summary.my_role) == (
        "进行中的演练",
        "running",
        "participant",
    )
    assert summary.planned_start is None and summary.planned_end is None
    assert store.checklist_for(world.db, world.pat, world.running) == []  # it would be a script
    for read in ("design", "observations", "timeline", "activity", "reveal_log"):
        with pytest.raises(NotAllowedError):
            READS[read](world.db, world.pat, world.running)


def test_a_participant_sees_only_the_injects_released_to_a_role_they_play(world):
    seen = store.visible_injects(world.db, world.pat, world.running)  # plays r3
    assert [v.inject.id for v in seen] == ["i1"]
    assert seen[0].released_at == at(5)  # its due time, not the time the clock ran
    assert seen[0].inject.expected_steps == ()
    assert store.visible_injects(world.db, world.pat2, world.running) == []  # plays r1


def test_an_inject_for_every_role_reaches_every_participant_once_released(world):
    assert store.release_due_injects(world.db, world.running, now=at(31)) == ["i3"]
    for who, expected in (("pat", ["i1", "i3"]), ("pat2", ["i3"])):
        assert [
            v.inject.id for v in store.visible_injects(world.db, world.actors[who], world.running)
        ] == expected


def test_a_director_sees_every_inject_released_or_not(world):
    views = store.visible_injects(world.db, world.director, world.running)
    released = {v.inject.id: v.released_at for v in views}
    assert set(released) == {"i1", "i2", "q1", "i3"}
    assert released["q1"] is None


def test_evaluators_see_released_injects_with_what_they_should_set_off(world):
    views = store.visible_injects(world.db, world.evb, world.running)
    assert {v.inject.id for v in views} >= {"i1", "i2"} and "q1" not in {v.inject.id for v in views}
    assert next(v for v in views if v.inject.id == "i1").inject.expected_steps == ("c3",)


@pytest.mark.parametrize(
    "who, items",
    [
        ("eva", ["c1"]),  # watches r2
        ("evb", ["c3"]),  # watches r3
        ("lead", ["c1", "c2", "c3", "c4"]),
        ("director", ["c1", "c2", "c3", "c4"]),
        ("manager", []),  # overseers see the checklist once the drill ended
        ("pat", []),
    ],
)
def test_each_person_sees_only_their_share_of_the_checklist(world, who, items):
    checklist = store.checklist_for(world.db, world.actors[who], world.running)
    assert [i.id for i in checklist] == items


def test_an_evaluator_cannot_record_an_item_outside_their_share(world):
    with pytest.raises(NotFoundError):
        store.record_observation(world.db, world.eva, obs(world.running, "eva", "c3", minute=8))
    assert store.record_observation(world.db, world.eva, obs(world.running, "eva", "c1", minute=8))


def test_an_evaluator_reads_only_their_own_observations(world):
    # (each evaluator records here: the test does not lean on what others recorded before it)
    store.record_observation(world.db, world.eva, obs(world.running, "eva", "c1", minute=10))
    store.record_observation(world.db, world.evb, obs(world.running, "evb", "c3", minute=9))
    mine = store.observations(world.db, world.evb, world.running)
    assert mine and {o.evaluator for o in mine} == {"evb"}
    everyone = store.observations(world.db, world.lead, world.running)
    assert {o.evaluator for o in everyone} >= {"eva", "evb"}


@pytest.mark.parametrize("who", ["elsewhere", "elsewhere_manager"])
def test_other_units_learn_nothing_even_after_the_start(world, who):
    assert store.list_drills(world.db, world.actors[who]) == []
    with pytest.raises(NotFoundError):
        store.visible_injects(world.db, world.actors[who], world.running)


def test_evaluators_know_of_a_sealed_drill_only_when_the_director_lets_them(world):
    blinding = replace(design(world).blinding, evaluators_see_before_start=True)
    drill = store.create_drill(
        world.db, world.director, design(world, blinding=blinding), now=at(-40)
    )
    assert drill not in {d.id for d in store.list_drills(world.db, world.eva)}  # designing
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    assert drill in {d.id for d in store.list_drills(world.db, world.eva)}
    assert [i.id for i in store.checklist_for(world.db, world.eva, drill)] == ["c1"]
    assert store.visible_injects(world.db, world.eva, drill) == []  # injects: after the start
    assert drill not in {d.id for d in store.list_drills(world.db, world.pat)}
