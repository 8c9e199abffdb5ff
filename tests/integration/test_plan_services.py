"""The plan use cases the screens call (services/plans.py, services/revision.py) on a real DuckDB
file: what one screen reads together comes from one snapshot, even when another session writes
between the reads, and a drill's revision already open is gone on with."""

from __future__ import annotations

import pytest

from db import drills_store
from drills.findings import Finding
from plans.model import Plan, replace
from services import plans, revision
from services.errors import InvalidTransitionError, VersionConflictError
from tests.actors import APPROVER, OWNER
from tests.integration.drills_world import at, design, seed

NOW = at(300)
REPORT_LATE = Finding(
    "missed-c1",
    "接报后未按时报告指挥部",
    cause="plan_defect",
    grade="deficiency",
    status="accepted",
    step_id="s1",
    role_id="r2",
)


@pytest.fixture
def world(database):
    world = seed(database)
    world.plan_id = plans.version_info(world.db, OWNER, world.version_id).plan_id
    yield world
    world.db.close()


def new_draft(world) -> int:
    return plans.new_draft(
        world.db, OWNER, world.plan_id, from_version_id=world.version_id, now=NOW
    )


def report_in_five(plan: Plan) -> Plan:
    """The plan with its first step's limit cut to five minutes."""
    return replace(plan, steps=(replace(plan.steps[0], time_limit_min=5), *plan.steps[1:]))


def test_a_working_copy_is_the_content_at_its_revision_when_a_save_lands_between_the_reads(
    world, monkeypatch
):
    draft_id = new_draft(world)
    before = plans.load_version(world.db, OWNER, draft_id)
    store_read = plans.load_version

    def saved_meanwhile(conn, actor, version_id):  # another session saves after the facts
        plans.save_version(
            world.db, OWNER, draft_id, report_in_five(before), expected_revision=1, now=NOW
        )
        return store_read(conn, actor, version_id)

    monkeypatch.setattr(plans, "load_version", saved_meanwhile)
    copy = plans.working_copy(world.db, OWNER, draft_id)
    monkeypatch.undo()
    assert (copy.info.revision, copy.plan) == (1, before)
    assert plans.version_info(world.db, OWNER, draft_id).revision == 2
    with pytest.raises(VersionConflictError):  # the copy's save is stale, not a silent overwrite
        plans.save_version(
            world.db, OWNER, draft_id, copy.plan, expected_revision=copy.info.revision, now=NOW
        )


def test_a_version_in_review_is_shown_to_an_approver_with_approval_offered(world):
    draft_id = new_draft(world)
    plans.submit_for_review(world.db, OWNER, draft_id, NOW)
    shown = plans.review_version(world.db, APPROVER, draft_id)
    assert shown.info.status == "in_review"
    assert {"plan.approve", "plan.return"} <= shown.permissions
    assert shown.plan == plans.load_version(world.db, APPROVER, draft_id)
    assert shown.waivers == []


def test_a_version_is_shown_as_of_its_facts_when_a_save_lands_between_the_reads(world, monkeypatch):
    draft_id = new_draft(world)
    before = plans.load_version(world.db, OWNER, draft_id)
    store_facts = plans.version_info

    def saved_meanwhile(conn, actor, version_id):  # another session saves after the unit began
        facts = store_facts(conn, actor, version_id)
        plans.save_version(
            world.db, OWNER, draft_id, report_in_five(before), expected_revision=1, now=NOW
        )
        return facts

    monkeypatch.setattr(plans, "version_info", saved_meanwhile)
    shown = plans.review_version(world.db, OWNER, draft_id)
    monkeypatch.undo()
    assert (shown.info.revision, shown.plan) == (1, before)
    assert {"plan.edit", "plan.submit"} <= shown.permissions


def test_two_versions_compare_by_their_changes(world):
    draft_id = new_draft(world)
    plan = plans.load_version(world.db, OWNER, draft_id)
    plans.save_version(
        world.db, OWNER, draft_id, report_in_five(plan), expected_revision=1, now=NOW
    )
    changes = plans.compare_versions(world.db, OWNER, world.version_id, draft_id)
    assert [(c.kind, c.change, c.new_id) for c in changes.changes] == [("step", "changed", "s1")]
    assert plans.compare_versions(world.db, OWNER, world.version_id, world.version_id).is_empty


@pytest.fixture
def drill_id(world) -> int:
    return drills_store.create_drill(world.db, world.director, design(world), now=at(-60))


def test_opening_a_drills_revision_again_goes_on_with_the_draft_already_open(world, drill_id):
    first = revision.open_or_resume_revision(world.db, OWNER, drill_id, [REPORT_LATE], now=NOW)
    again = revision.open_or_resume_revision(world.db, OWNER, drill_id, [REPORT_LATE], now=NOW)
    assert again == first
    assert len(plans.list_versions(world.db, OWNER, world.plan_id)) == 2


def test_a_draft_not_opened_from_the_drill_still_refuses_its_revision(world, drill_id):
    draft_id = new_draft(world)
    with pytest.raises(InvalidTransitionError) as refused:
        revision.open_or_resume_revision(world.db, OWNER, drill_id, [REPORT_LATE], now=NOW)
    assert refused.value.key == revision.DRAFT_EXISTS
    assert refused.value.params["version_id"] == draft_id
