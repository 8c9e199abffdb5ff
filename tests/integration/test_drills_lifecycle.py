"""A drill's life through the store on a real DuckDB file: designed on a published plan
version, sealed, started unannounced, paused, resumed, ended; copied as a template; its design
exported as it was stored; every change in the reveal log before the start, in the audit log
after it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from access.errors import NotAllowedError
from db import drills_store as store
from db import plans_store
from db.errors import InvalidTransitionError, NotFoundError, StoreError, VersionConflictError
from drills.errors import DrillProblemsError
from drills.model import ChecklistItem
from tests.actors import APPROVER, OWNER
from tests.integration.drills_world import at, design, seed


@pytest.fixture
def world(database):
    w = seed(database)
    yield w
    w.db.close()


@pytest.fixture
def drill(world):
    return store.create_drill(world.db, world.director, design(world), now=at(-60))


def status(world, drill_id) -> str:
    return store.drill_summary(world.db, world.director, drill_id).status


def test_a_drill_goes_from_design_to_sealed_to_running_to_ended(world, drill):
    assert status(world, drill) == "designing"
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    assert status(world, drill) == "sealed"
    store.start_drill(world.db, world.director, drill, now=at(0))
    assert status(world, drill) == "running"
    store.pause_drill(world.db, world.director, drill, now=at(10))
    assert status(world, drill) == "paused"
    store.resume_drill(world.db, world.director, drill, now=at(15))
    store.end_drill(world.db, world.director, drill, now=at(40))
    summary = store.drill_summary(world.db, world.director, drill, now=at(90))
    assert (summary.status, summary.started_at, summary.ended_at) == ("ended", at(0), at(40))
    assert summary.elapsed_min == pytest.approx(35)  # 10 + 25 minutes: the pause does not count


def test_the_drill_clock_stands_still_while_paused(world, drill):
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.start_drill(world.db, world.director, drill, now=at(0))
    store.pause_drill(world.db, world.director, drill, now=at(10))
    assert store.drill_summary(world.db, world.director, drill, now=at(14)).elapsed_min == 10
    store.resume_drill(world.db, world.director, drill, now=at(15))
    assert store.drill_summary(world.db, world.director, drill, now=at(20)).elapsed_min == 15


@pytest.mark.parametrize(
    "steps, refused",
    [
        ([], "start"),  # not sealed yet
        (["seal"], "pause"),
        (["seal", "start"], "resume"),
        (["seal", "start"], "start"),
        (["seal", "start", "end"], "pause"),
        (["seal", "start", "end"], "end"),
    ],
)
def test_a_clock_change_the_status_does_not_allow_is_refused(world, drill, steps, refused):
    calls = {
        "seal": store.seal_drill,
        "start": store.start_drill,
        "pause": store.pause_drill,
        "resume": store.resume_drill,
        "end": store.end_drill,
    }
    for n, step in enumerate(steps):
        calls[step](world.db, world.director, drill, now=at(n))
    with pytest.raises(InvalidTransitionError):
        calls[refused](world.db, world.director, drill, now=at(50))


def test_the_stored_design_is_the_one_given_with_the_checklist_derived_from_the_plan(world, drill):
    loaded = store.load_design(world.db, world.director, drill)
    assert loaded == replace(design(world), checklist=loaded.checklist, directors=("director",))
    assert [(i.id, i.step_id, i.roles) for i in loaded.checklist] == [
        ("c1", "s1", ("r2",)),
        ("c2", "s2", ("r1",)),
        ("c3", "s3", ("r3",)),
        ("c4", "s4", ("r1",)),
    ]
    assert store.export_design(world.db, world.director, drill) == loaded


def test_a_director_can_remove_items_and_add_extra_ones_while_designing(world, drill):
    loaded = store.load_design(world.db, world.director, drill)
    extra = ChecklistItem("x1", "疏散周边人员", roles=("r3",), phase="disposal", position=3)
    changed = replace(loaded, checklist=(*loaded.checklist[:3], extra), title="改名后的演练")
    revision = store.update_design(
        world.db, world.director, drill, changed, now=at(-50), expected_revision=1
    )
    assert revision == 2
    again = store.load_design(world.db, world.director, drill)
    assert again.title == "改名后的演练"
    assert [(i.id, i.step_id) for i in again.checklist] == [
        ("c1", "s1"),
        ("c2", "s2"),
        ("c3", "s3"),
        ("x1", None),
    ]
    with pytest.raises(VersionConflictError):
        store.update_design(
            world.db, world.director, drill, changed, now=at(-49), expected_revision=1
        )


def test_a_sealed_design_can_no_longer_be_changed(world, drill):
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    with pytest.raises(InvalidTransitionError):
        store.update_design(world.db, world.director, drill, design(world), now=at(-20))


def test_a_design_that_does_not_fit_the_plan_is_refused_with_every_problem(world):
    bad = design(
        world,
        participating_roles=("r1", "r9"),
        level="V",
        checklist=(ChecklistItem("c1", "x", step_id="s99", after=("c7",)),),
    )
    with pytest.raises(DrillProblemsError) as caught:
        store.create_drill(world.db, world.director, bad, now=at(-60))
    keys = {p.key for p in caught.value.problems}
    assert {
        "drills.check.unknown_participating_role",
        "drills.check.unknown_level",
        "drills.check.item_step_unknown",
        "drills.check.item_ref_unknown",
    } <= keys
    assert store.list_drills(world.db, world.director) == []


def test_an_evaluator_without_a_share_may_be_saved_but_not_sealed(world):
    unfinished = design(world, evaluators=(replace(design(world).evaluators[0], roles=()),))
    drill = store.create_drill(world.db, world.director, unfinished, now=at(-60))
    with pytest.raises(DrillProblemsError):
        store.seal_drill(world.db, world.director, drill, now=at(-30))
    assert status(world, drill) == "designing"


def test_a_drill_runs_only_on_a_published_plan_version(world):
    draft = plans_store.new_draft(world.db, OWNER, 1, from_version_id=world.version_id, now=at(-90))
    with pytest.raises(NotFoundError):  # a director never even reads drafts
        store.create_drill(world.db, world.director, design(world, version_id=draft), now=at(-60))
    plans_store.submit_for_review(world.db, OWNER, draft, at(-89))
    plans_store.approve(world.db, APPROVER, draft, at(-88))
    with pytest.raises(InvalidTransitionError):  # the old version is superseded now
        store.create_drill(world.db, world.director, design(world), now=at(-60))
    assert store.create_drill(
        world.db, world.director, design(world, version_id=draft), now=at(-60)
    )


@pytest.mark.parametrize("who", ["eva", "lead", "manager", "root", "elsewhere"])
def test_only_a_drill_director_of_the_plans_unit_creates_a_drill(world, who):
    with pytest.raises((NotAllowedError, NotFoundError)):
        store.create_drill(world.db, world.actors[who], design(world), now=at(-60))


@pytest.mark.parametrize(
    "changes, key",
    [
        ({"evaluation_leads": ("nobody",)}, "drills_store.unknown_person"),
        ({"evaluation_leads": ("pat",)}, "drills_store.person_lacks_role"),
        ({"directors": ("eva",)}, "drills_store.person_lacks_role"),
        ({"directors": ("elsewhere",)}, "drills_store.person_lacks_role"),  # another unit
    ],
)
def test_the_people_of_a_drill_need_accounts_with_the_right_roles(world, changes, key):
    with pytest.raises(StoreError) as caught:
        store.create_drill(world.db, world.director, design(world, **changes), now=at(-60))
    assert caught.value.key == key


def test_people_are_stored_as_their_accounts_spell_them(world):
    drill = store.create_drill(
        world.db, world.director, design(world, evaluation_leads=(" LEAD",)), now=at(-60)
    )
    assert store.load_design(world.db, world.director, drill).evaluation_leads == ("lead",)


def test_only_a_director_of_the_drill_changes_or_runs_it(world, drill):
    other = world.director2  # a drill director of the same unit, not named in this drill
    with pytest.raises(NotFoundError):
        store.seal_drill(world.db, other, drill, now=at(-30))
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.start_drill(world.db, world.director, drill, now=at(0))
    with pytest.raises(NotAllowedError):  # after the start he knows of it, but does not direct it
        store.pause_drill(world.db, other, drill, now=at(5))
    with pytest.raises(NotAllowedError):
        store.release_inject(world.db, world.eva, drill, "i2", now=at(5))


def test_a_co_director_named_in_the_design_directs_it_too(world):
    drill = store.create_drill(
        world.db, world.director, design(world, directors=("director2",)), now=at(-60)
    )
    store.seal_drill(world.db, world.director2, drill, now=at(-30))
    assert status(world, drill) == "sealed"


def test_a_drill_copied_as_a_template_keeps_its_design_without_the_planned_window(world, drill):
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    copy = store.copy_drill_as_template(
        world.db, world.director, drill, now=at(-20), title="下一次演练"
    )
    assert copy != drill
    original = store.load_design(world.db, world.director, drill)
    copied = store.load_design(world.db, world.director, copy)
    assert copied == replace(original, title="下一次演练", planned_start=None, planned_end=None)
    summary = store.drill_summary(world.db, world.director, copy)
    assert (summary.status, summary.template_of) == ("designing", drill)


def test_before_the_start_changes_and_views_go_to_the_reveal_log_and_not_the_audit_log(
    world, drill
):
    store.load_design(world.db, world.director, drill, now=at(-55))
    store.load_design(world.db, world.director, drill, now=at(-54))  # a rerun: logged once
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    audit = "SELECT count(*) FROM audit_log WHERE entity = 'drill'"
    assert world.db.execute(audit).fetchone()[0] == 0  # admins read the audit log
    store.start_drill(world.db, world.director, drill, now=at(0))
    kinds = [e.kind for e in store.reveal_log(world.db, world.director, drill)]
    assert kinds == ["created", "viewed", "sealed", "revealed"]
    rows = world.db.execute(
        "SELECT action, after_json FROM audit_log WHERE entity = 'drill' ORDER BY id"
    ).fetchall()
    assert [r[0] for r in rows] == ["drill.start"]
    assert "危化品泄漏双盲演练" in rows[0][1] and "evb" in rows[0][1]


def test_evaluators_granted_a_look_before_the_start_are_in_the_reveal_log(world):
    blinding = replace(design(world).blinding, evaluators_see_before_start=True)
    drill = store.create_drill(
        world.db, world.director, design(world, blinding=blinding), now=at(-60)
    )
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.checklist_for(world.db, world.eva, drill, now=at(-10))
    events = [(e.kind, e.person) for e in store.reveal_log(world.db, world.director, drill)]
    assert events == [
        ("created", "director"),
        ("sealed", "director"),
        ("evaluator_access_granted", "eva"),
        ("evaluator_access_granted", "evb"),
        ("evaluator_access_granted", "lead"),
        ("viewed", "eva"),
    ]


def test_the_clock_and_releases_show_on_the_directors_timeline(world, drill):
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.start_drill(world.db, world.director, drill, now=at(0))
    assert store.release_inject(world.db, world.director, drill, "i2", now=at(3)) is True
    assert store.release_inject(world.db, world.director, drill, "i2", now=at(4)) is False
    store.pause_drill(world.db, world.director, drill, now=at(10))
    events = store.drill_events(world.db, world.director, drill)
    assert [(e.kind, e.minute, e.ref) for e in events] == [
        ("start", 0, None),
        ("release", 3, "i2"),
        ("pause", 10, None),
    ]
    with pytest.raises(NotFoundError):
        store.release_inject(world.db, world.director, drill, "nope", now=at(11))


def test_text_that_looks_like_sql_is_stored_verbatim(world):
    # an injection test for each text field that reaches SQL
    evil = "'); DROP TABLE observations; --"
    scenario = replace(design(world).scenario, description=evil, place=evil)
    drill = store.create_drill(
        world.db, world.director, design(world, title=evil, scenario=scenario), now=at(-60)
    )
    loaded = store.load_design(world.db, world.director, drill)
    assert (loaded.title, loaded.scenario.description, loaded.scenario.place) == (evil, evil, evil)
    assert world.db.execute("SELECT count(*) FROM observations").fetchone()[0] == 0
