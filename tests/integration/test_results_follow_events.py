"""Results follow events, never page views: ending a drill, an amendment after the end, a rating
override and new area weights each recompute and store the scores, item outcomes and proposed
findings (services/evaluation.py, services/drills.py), with no screen open.

The world's checklist is c1 (s1, warning_report) → c2 → c3 (s3, disposal) → c4. Each drill here
has c1 rated not done by eva and c3 done by evb: warning_report scores 0, disposal 100, overall
50 with equal weights.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from db import analytics_store as an
from db import drills_store as store
from db import findings_store as fs
from db.errors import InvalidTransitionError
from drills.model import Observation
from drills.ratings import RatingOverride
from services import drills as drill_cases
from services import evaluation
from tests.integration.drills_world import at, obs, seed
from tests.integration.rated_drills import running_drill


@pytest.fixture
def world(database):
    w = seed(database)
    yield w
    w.db.close()


def ended_drill(world, *, start: float = 0) -> int:
    drill = running_drill(world, start=start)
    drill_cases.end_drill(world.db, world.director, drill, now=at(start + 90))
    return drill


def overall(world) -> dict[int, float | None]:
    """drill id -> stored overall score, as the analytics read it (the unit's manager)."""
    points = an.ratings_over_time(world.db, world.manager, unit=world.manager.unit, by="overall")
    return {p.drill_id: p.score for p in points}


def steps(world) -> dict[str, an.StepStats]:
    found = an.steps_missed_or_late(world.db, world.manager, unit=world.manager.unit)
    return {s.step_id: s for s in found}


def test_a_drill_ended_with_no_screen_open_appears_in_the_analytics_with_its_scores(world):
    drill = running_drill(world)
    assert overall(world) == {} and steps(world) == {}
    drill_cases.end_drill(world.db, world.director, drill, now=at(90))
    assert overall(world) == {drill: 50.0}
    areas = an.ratings_over_time(world.db, world.manager, unit=world.manager.unit, by="area")
    assert {p.key: p.rating for p in areas if p.score is not None} == {
        "warning_report": "U",
        "disposal": "P",
    }
    assert steps(world)["s1"].missed == 1 and steps(world)["s3"].missed == 0
    stored = [s.finding.id for s in fs.list_findings(world.db, world.lead, drill)]
    assert "missed-c1" in stored


def test_the_screen_shows_the_stored_evaluation_to_every_reader(world):
    drill = ended_drill(world)
    for reader in (world.lead, world.director, world.manager):
        review = evaluation.review_snapshot(world.db, reader, drill, "zh", now=at(100))
        assert review.evaluation.scores.score == overall(world)[drill]
        assert [s.finding.id for s in review.findings] == [
            s.finding.id for s in fs.list_findings(world.db, world.lead, drill)
        ]
    assert evaluation.review_snapshot(world.db, world.lead, drill, "zh", now=at(100)).editor
    assert not evaluation.review_snapshot(world.db, world.manager, drill, "zh", now=at(100)).editor


def amendment(drill: int, rating: str) -> Observation:
    return Observation(
        id=uuid.uuid4().hex,
        drill_id=drill,
        kind="amendment",
        evaluator="eva",
        entered_at=at(120),
        happened_at=at(2),
        item_id="c1",
        rating=rating,
        ref=f"c1-{drill}",
        reason="复核录像：已报告",
    )


def test_an_amendment_after_the_end_changes_the_stored_score(world):
    drill = ended_drill(world)
    assert overall(world)[drill] == 50.0 and steps(world)["s1"].missed == 1
    fix = amendment(drill, "done")
    drill_cases.amend_entry(world.db, world.eva, fix, now=at(120))
    assert overall(world)[drill] == 100.0
    assert steps(world)["s1"].missed == 0
    assert drill_cases.amend_entry(world.db, world.eva, fix, now=at(121)) is None  # resent


def test_a_rating_override_is_stored_with_the_drill_results(world):
    drill = ended_drill(world)
    override = RatingOverride("warning_report", "M", "报告迟但完整", "lead")
    evaluation.set_override(world.db, world.lead, drill, override, now=at(110))
    areas = an.ratings_over_time(world.db, world.manager, unit=world.manager.unit, by="area")
    assert {p.key: p.rating for p in areas}["warning_report"] == "M"


def test_new_weights_rescore_every_ended_drill_of_the_unit(world):
    first, second = ended_drill(world), ended_drill(world, start=200)
    running = running_drill(world, start=400)
    assert overall(world) == {first: 50.0, second: 50.0}
    evaluation.set_weights(
        world.db, world.lead, world.lead.unit, {"disposal": 3.0}, now=at(500), expected={}
    )
    assert overall(world) == {first: 75.0, second: 75.0}
    area = an.ratings_over_time(world.db, world.manager, unit=world.manager.unit, by="area")
    assert {p.drill_id for p in area} == {first, second}  # the running drill is not scored
    assert running not in overall(world)


def test_a_proposed_finding_the_lead_edited_keeps_the_edit_after_a_recompute(world):
    drill = ended_drill(world)
    stored = {s.finding.id: s for s in fs.list_findings(world.db, world.lead, drill)}
    missed = stored["missed-c1"]
    edited = replace(missed.finding, title="值班员未在10分钟内报告", status="accepted")
    fs.update_finding(world.db, world.lead, drill, edited, missed.version, now=at(105))
    fs.update_finding(
        world.db,
        world.lead,
        drill,
        replace(stored["gap-mobilisation"].finding, status="rejected"),
        stored["gap-mobilisation"].version,
        now=at(106),
    )
    evaluation.recompute_results(world.db, drill, now=at(130))
    drill_cases.amend_entry(world.db, world.eva, amendment(drill, "partly"), now=at(131))
    after = {s.finding.id: s.finding for s in fs.list_findings(world.db, world.lead, drill)}
    assert list(after) == list(stored)  # nothing proposed twice, nothing dropped
    assert after["missed-c1"].title == "值班员未在10分钟内报告"
    assert after["missed-c1"].status == "accepted"
    assert after["gap-mobilisation"].status == "rejected"


def test_a_recompute_before_the_end_is_refused_and_stores_nothing(world):
    drill = running_drill(world)
    with pytest.raises(InvalidTransitionError):
        evaluation.recompute_results(world.db, drill, now=at(50))
    assert overall(world) == {}


def test_a_conflict_settled_after_the_end_changes_the_stored_score(world):
    drill = running_drill(world)  # eva: c1 not done
    store.record_observation(world.db, world.lead, obs(drill, "lead", "c1", minute=3, oid="lc1"))
    drill_cases.end_drill(world.db, world.director, drill, now=at(90))
    assert overall(world)[drill] == 100.0  # unsettled: the latest entry (done) counts
    evaluation.settle_conflict(
        world.db,
        world.lead,
        drill,
        "c1",
        [f"c1-{drill}", "lc1"],
        "not_done",
        "录像显示未报告",
        now=at(100),
    )
    assert overall(world)[drill] == 50.0


def test_drills_ended_before_results_were_kept_are_caught_up_once(world):
    old = running_drill(world)
    store.end_drill(world.db, world.director, old, now=at(90))  # the store alone: no results
    kept = ended_drill(world, start=200)
    assert overall(world) == {kept: 50.0}
    caught = evaluation.recompute_missing(world.db, now=at(400))
    assert [r.drill_id for r in caught] == [old]
    assert overall(world) == {old: 50.0, kept: 50.0}
    assert evaluation.recompute_missing(world.db, now=at(401)) == []
