"""Helpers of the review-screen page tests: an ended drill with two evaluators' entries, the
review page opened as a user, the findings stored."""

from __future__ import annotations

from datetime import UTC, datetime

from db import drills_store, findings_store
from services import drills as drill_cases
from tests.integration.drills_world import obs
from tests.ui.drill_pages import open_page, running_drill


def ended_drill_with_two_entries(world) -> int:
    """A drill in which eva recorded c1 as done and evb c3 as not done (with a note), then ended."""
    drill_id = running_drill(world)
    moment = datetime.now(UTC)
    for entry in (
        obs(drill_id, "eva", "c1", entered_at=moment, happened_at=moment),
        obs(
            drill_id,
            "evb",
            "c3",
            rating="not_done",
            note="堵漏器材未到位",
            entered_at=moment,
            happened_at=moment,
        ),
    ):
        drills_store.record_observation(world.db, world.actors[entry.evaluator], entry)
    drill_cases.end_drill(world.db, world.director, drill_id, now=datetime.now(UTC))
    return drill_id


def review_page(world, user: str, drill_id: int, **state):
    at = open_page(world, "drill_review", user, drill_id=drill_id, **state)
    assert not at.exception, at.exception
    return at


def stored(world, drill_id: int, finding_id: str | None = None):
    found = findings_store.list_findings(world.db, world.lead, drill_id)
    if finding_id is None:
        return found
    return next(s for s in found if s.finding.id == finding_id)
