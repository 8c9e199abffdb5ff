"""The drill screens' use cases that take more than one store call: each reads one snapshot or
writes all or nothing (services/drill_design.py, services/drills.py, services/observations.py,
services/review.py), on a real DuckDB file."""

from __future__ import annotations

from dataclasses import replace

import pytest

from db import drills_store as store
from db import findings_store as fs
from db.errors import NotFoundError, VersionConflictError
from drills.actions import ParticipantReview
from drills.checklist import derive_checklist
from services import drill_design as design_cases
from services import drills as drill_cases
from services import observations as observation_cases
from services import review as review_cases
from tests.integration.drills_world import at, design, obs, seed

JPEG = b"\xff\xd8\xff" + bytes(64)


@pytest.fixture
def world(database):
    w = seed(database)
    yield w
    w.db.close()


def running_drill(world) -> int:
    drill = store.create_drill(world.db, world.director, design(world), now=at(-60))
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.start_drill(world.db, world.director, drill, now=at(0))
    store.record_observation(
        world.db, world.eva, obs(drill, "eva", "c1", minute=2, rating="not_done")
    )
    return drill


def test_a_new_drill_has_the_whole_plans_checklist_and_its_creator_as_director(world):
    drill = design_cases.new_drill(
        world.db, world.director, world.version_id, "Leak drill", now=at(-60)
    )
    opened = design_cases.open_design(world.db, world.director, drill, now=at(-59))
    assert opened.summary.status == "designing"
    assert (opened.design.title, opened.design.directors) == ("Leak drill", ("director",))
    assert opened.design.checklist == derive_checklist(opened.plan)


def test_a_design_opens_for_its_directors_only(world):
    drill = design_cases.new_drill(
        world.db, world.director, world.version_id, "Leak drill", now=at(-60)
    )
    with pytest.raises(NotFoundError):
        design_cases.open_design(world.db, world.director2, drill, now=at(-59))


def test_the_console_reads_the_drill_at_the_moment_asked(world):
    drill = running_drill(world)
    view = drill_cases.console_snapshot(world.db, world.director, drill, now=at(10))
    assert view.summary.elapsed_min == pytest.approx(10)
    assert [o.item_id for o in view.observations] == ["c1"]
    assert {i.id for i in view.checklist} >= {"c1", "c3"}
    assert view.plan.title and view.events and view.injects


def test_an_evaluator_sees_the_share_and_the_entries_of_one_read(world):
    drill = running_drill(world)
    view = observation_cases.evaluator_view(world.db, world.eva, drill, world.version_id)
    assert view.share == ("r2",)
    assert [o.item_id for o in view.watched.observations] == ["c1"]
    assert view.watched == observation_cases.watched(world.db, world.eva, drill, view.share)


def test_an_entry_with_a_photo_names_the_photo_stored_first(world):
    drill = running_drill(world)
    entry = obs(drill, "eva", None, minute=3, kind="free", rating=None, note="smoke")
    assert observation_cases.record_entry(world.db, world.eva, entry, JPEG)
    stored = next(o for o in store.observations(world.db, world.lead, drill) if o.id == entry.id)
    assert review_cases.load_photo(world.db, world.lead, drill, stored.photo_id)[1] == JPEG


def test_accepting_every_proposal_accepts_none_when_one_changed_meanwhile(world):
    drill = running_drill(world)
    drill_cases.end_drill(world.db, world.director, drill, now=at(90))
    proposed = [
        s for s in fs.list_findings(world.db, world.lead, drill) if s.finding.status == "proposed"
    ]
    assert len(proposed) >= 2
    last = proposed[-1]
    fs.update_finding(
        world.db,
        world.director,
        drill,
        replace(last.finding, title="Renamed"),
        last.version,
        now=at(100),
    )
    with pytest.raises(VersionConflictError):
        review_cases.accept_findings(world.db, world.lead, drill, proposed, now=at(101))
    statuses = {s.finding.status for s in fs.list_findings(world.db, world.lead, drill)}
    assert statuses == {"proposed"}
    fresh = fs.list_findings(world.db, world.lead, drill)
    review_cases.accept_findings(world.db, world.lead, drill, fresh, now=at(102))
    assert {s.finding.status for s in fs.list_findings(world.db, world.lead, drill)} == {"accepted"}


def test_a_participants_review_comes_back_with_its_stored_time(world):
    drill = store.create_drill(world.db, world.director, design(world), now=at(-60))
    store.set_participants(world.db, world.director, drill, {"pat": ("r2",)}, now=at(-50))
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.start_drill(world.db, world.director, drill, now=at(0))
    drill_cases.end_drill(world.db, world.director, drill, now=at(90))
    form = review_cases.review_form(world.db, world.pat, drill, world.version_id)
    assert (form.roles, form.earlier) == (("r2",), None)
    review = ParticipantReview("pat", "r2", "quick alarm", "radio checks", 4)
    stored_at = review_cases.submit_review(
        world.db, world.pat, drill, review, now=at(120), replacing=None
    )
    assert stored_at == at(120)
    with pytest.raises(VersionConflictError):
        review_cases.submit_review(world.db, world.pat, drill, review, now=at(121), replacing=None)
