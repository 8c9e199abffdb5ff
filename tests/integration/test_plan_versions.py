"""Version lifecycle on a real DuckDB file: draft → in_review → published → superseded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from access.policy import NotAllowedError
from db import connection, plans_store
from db.errors import (
    InvalidTransitionError,
    NotFoundError,
    ReadOnlyVersionError,
    VersionConflictError,
)
from i18n import t
from plans.errors import PlanValidationError
from plans.model import Level, Plan, Role, Step, TimePart, plan_to_dict, replace
from tests.actors import ADMIN, actor

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=5)
ALICE = actor("alice", "plan_owner")
BOB = actor("bob", "approver", "plan_owner")  # edits when he must, approves what he did not


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    yield conn
    conn.close()


def small_plan(title: str = "仓库火灾现场处置方案") -> Plan:
    return Plan(
        title=title,
        kind="onsite",
        roles=(Role("r1", "班长"), Role("r2", "消防队")),
        levels=(Level("I", "Ⅰ级"),),
        steps=(
            Step(
                "s1",
                "报警",
                "班长立即报警。",
                roles=("r1",),
                phase="report",
                time_limit_min=0,
                time_parts=(TimePart(0, "立即电话报警"), TimePart(60, "1小时内书面报告")),
            ),
            Step(
                "s2",
                "灭火",
                "消防队扑救。",
                roles=("r2",),
                support=("r1",),
                after=("s1",),
                frequency_min=30,
            ),
        ),
    )


@pytest.fixture
def draft(db):
    return plans_store.import_plan(
        db, ALICE, small_plan(), document=b"doc", filename="a.docx", now=NOW
    )


def status(db, version_id) -> str:
    return plans_store.version_info(db, ADMIN, version_id).status


def test_a_version_goes_from_draft_to_review_to_published(db, draft):
    plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
    info = plans_store.version_info(db, ALICE, draft.version_id)
    assert (info.status, info.submitted_by, info.submitted_at) == ("in_review", "alice", NOW)
    plans_store.approve(db, BOB, draft.version_id, LATER)
    info = plans_store.version_info(db, ALICE, draft.version_id)
    assert (info.status, info.approved_by, info.approved_at) == ("published", "bob", LATER)
    summary = plans_store.list_plans(db, ALICE)[0]
    assert summary.published_version_id == draft.version_id


def test_publishing_a_new_version_supersedes_the_old_one(db, draft):
    plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
    plans_store.approve(db, BOB, draft.version_id, NOW)
    second = plans_store.new_draft(
        db, ALICE, draft.plan_id, from_version_id=draft.version_id, now=LATER
    )
    plans_store.save_version(
        db, ALICE, second, small_plan("修订版"), expected_revision=1, now=LATER
    )
    plans_store.submit_for_review(db, ALICE, second, LATER)
    assert status(db, draft.version_id) == "published"  # still in force while under review
    plans_store.approve(db, BOB, second, LATER)
    versions = plans_store.list_versions(db, ALICE, draft.plan_id)
    assert [(v.number, v.status) for v in versions] == [(2, "published"), (1, "superseded")]
    assert versions[0].base_version_id == draft.version_id
    assert plans_store.list_plans(db, ALICE)[0].published_version_id == second
    assert plans_store.load_version(db, ALICE, draft.version_id).title == "仓库火灾现场处置方案"


def test_a_new_draft_is_an_exact_copy_of_its_base(db, draft):
    plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
    plans_store.approve(db, BOB, draft.version_id, NOW)
    copy = plans_store.new_draft(
        db, ALICE, draft.plan_id, from_version_id=draft.version_id, now=LATER
    )
    assert plan_to_dict(plans_store.load_version(db, ALICE, copy)) == plan_to_dict(small_plan())
    info = plans_store.version_info(db, ALICE, copy)
    assert (info.number, info.status, info.revision, info.document_id) == (2, "draft", 1, 1)


@pytest.mark.parametrize("state", ["in_review", "published", "superseded"])
def test_only_a_draft_can_be_saved(db, draft, state):
    plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
    if state in ("published", "superseded"):
        plans_store.approve(db, BOB, draft.version_id, NOW)
    if state == "superseded":
        second = plans_store.new_draft(
            db, ALICE, draft.plan_id, from_version_id=draft.version_id, now=NOW
        )
        plans_store.submit_for_review(db, ALICE, second, NOW)
        plans_store.approve(db, BOB, second, NOW)
    revision = plans_store.version_info(db, ALICE, draft.version_id).revision
    with pytest.raises(ReadOnlyVersionError) as caught:
        plans_store.save_version(
            db, ALICE, draft.version_id, small_plan("改"), expected_revision=revision, now=LATER
        )
    assert caught.value.params["number"] == 1
    assert plans_store.load_version(db, ALICE, draft.version_id).title == "仓库火灾现场处置方案"


@pytest.mark.parametrize(
    ("transition", "key"),
    [
        (lambda db, v: plans_store.approve(db, BOB, v, NOW), "db.transition.approve"),
        (lambda db, v: plans_store.return_to_draft(db, BOB, v, NOW), "db.transition.return"),
    ],
)
def test_a_draft_cannot_be_approved_or_returned(db, draft, transition, key):
    with pytest.raises(InvalidTransitionError) as caught:
        transition(db, draft.version_id)
    assert caught.value.key == key
    assert status(db, draft.version_id) == "draft"


def test_a_published_version_cannot_be_submitted_again(db, draft):
    plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
    plans_store.approve(db, BOB, draft.version_id, NOW)
    with pytest.raises(InvalidTransitionError) as caught:
        plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
    assert caught.value.key == "db.transition.submit"


def test_a_returned_version_is_a_draft_again_with_the_reviewers_note(db, draft):
    plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
    plans_store.return_to_draft(db, BOB, draft.version_id, LATER, note="补充医疗救治组职责")
    info = plans_store.version_info(db, ALICE, draft.version_id)
    assert (info.status, info.note, info.returned_by, info.returned_at) == (
        "draft",
        "补充医疗救治组职责",
        "bob",
        LATER,
    )
    new_revision = plans_store.save_version(
        db, ALICE, draft.version_id, small_plan(), expected_revision=info.revision, now=LATER
    )
    assert new_revision == info.revision + 1


def test_the_author_cannot_approve_their_own_version(db, draft):
    plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
    with pytest.raises(NotAllowedError) as caught:
        plans_store.approve(db, ALICE, draft.version_id, NOW)
    assert caught.value.key == "access.denied"  # not an approver at all
    assert status(db, draft.version_id) == "in_review"


def test_the_submitter_cannot_approve_either(db, draft):
    plans_store.submit_for_review(db, BOB, draft.version_id, NOW)
    with pytest.raises(NotAllowedError) as caught:
        plans_store.approve(db, BOB, draft.version_id, NOW)
    assert caught.value.key == "access.approve_own"


def test_an_approver_who_edited_the_version_earlier_cannot_approve_it(db, draft):
    # "an approver approves only what they did not author" - any edit counts
    plans_store.save_version(
        db, BOB, draft.version_id, small_plan("乙改过"), expected_revision=1, now=NOW
    )
    plans_store.save_version(
        db, ALICE, draft.version_id, small_plan("甲又改"), expected_revision=2, now=NOW
    )
    plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
    with pytest.raises(NotAllowedError) as caught:
        plans_store.approve(db, BOB, draft.version_id, NOW)
    assert caught.value.key == "access.approve_own"
    assert t(caught.value.key, lang="en").startswith("You cannot approve")


def test_even_an_admin_cannot_approve_their_own_version(db):
    result = plans_store.import_plan(
        db, ADMIN, small_plan(), document=b"x", filename="a.docx", now=NOW, unit="滨江化工园区"
    )
    plans_store.submit_for_review(db, ADMIN, result.version_id, NOW)
    with pytest.raises(NotAllowedError) as caught:
        plans_store.approve(db, ADMIN, result.version_id, NOW)
    assert caught.value.key == "access.approve_own"
    plans_store.approve(db, BOB, result.version_id, NOW)
    assert status(db, result.version_id) == "published"


def test_a_second_open_draft_is_refused_and_names_the_first(db, draft):
    plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
    plans_store.approve(db, BOB, draft.version_id, NOW)
    first = plans_store.new_draft(
        db, ALICE, draft.plan_id, from_version_id=draft.version_id, now=NOW
    )
    with pytest.raises(InvalidTransitionError) as caught:
        plans_store.new_draft(db, ALICE, draft.plan_id, from_version_id=draft.version_id, now=NOW)
    assert caught.value.key == "db.draft_exists"
    assert (caught.value.params["version_id"], caught.value.params["number"]) == (first, 2)


def test_a_new_draft_from_another_plans_version_is_not_found(db, draft):
    other = plans_store.import_plan(
        db, ALICE, small_plan("别的预案"), document=b"other", filename="b.docx", now=NOW
    )
    with pytest.raises(NotFoundError):
        plans_store.new_draft(db, ALICE, other.plan_id, from_version_id=draft.version_id, now=NOW)


def test_the_second_of_two_concurrent_editors_is_refused_and_nothing_is_overwritten(db, draft):
    first = replace(small_plan(), title="甲的修改")
    second = replace(small_plan(), title="乙的修改")
    assert (
        plans_store.save_version(db, ALICE, draft.version_id, first, expected_revision=1, now=NOW)
        == 2
    )
    with pytest.raises(VersionConflictError) as caught:
        plans_store.save_version(db, BOB, draft.version_id, second, expected_revision=1, now=LATER)
    assert caught.value.params == {"expected": 1, "actual": 2, "updated_by": "alice"}
    assert "alice" in t(caught.value.key, lang="en", **caught.value.params)
    assert plans_store.load_version(db, BOB, draft.version_id).title == "甲的修改"
    info = plans_store.version_info(db, BOB, draft.version_id)
    assert (info.revision, info.updated_by, info.updated_at) == (2, "alice", NOW)


def test_saving_updates_the_title_shown_in_the_list(db, draft):
    plans_store.save_version(
        db,
        ALICE,
        draft.version_id,
        replace(small_plan(), title="新标题"),
        expected_revision=1,
        now=LATER,
    )
    summary = plans_store.list_plans(db, ALICE, search="新标题")[0]
    assert (summary.title, summary.updated_at, summary.updated_by) == ("新标题", LATER, "alice")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (
            lambda p: replace(p, steps=(replace(p.steps[0], roles=("r404",)),) + p.steps[1:]),
            "plan.invalid.unknown_role",
        ),
        (
            lambda p: replace(p, steps=p.steps[:1] + (replace(p.steps[1], support=("r404",)),)),
            "plan.invalid.unknown_role",
        ),
        (
            lambda p: replace(p, steps=p.steps[:1] + (replace(p.steps[1], after=("s404",)),)),
            "plan.invalid.unknown_step",
        ),
        (
            lambda p: replace(p, steps=(replace(p.steps[0], levels=("IV",)),) + p.steps[1:]),
            "plan.invalid.unknown_level",
        ),
        (
            lambda p: replace(p, roles=(replace(p.roles[0], parent="r404"),) + p.roles[1:]),
            "plan.invalid.unknown_parent",
        ),
        (
            lambda p: replace(p, roles=(replace(p.roles[0], part="p404"),) + p.roles[1:]),
            "plan.invalid.unknown_part",
        ),
        (
            lambda p: replace(p, steps=(replace(p.steps[0], time_from="s404"),) + p.steps[1:]),
            "plan.invalid.unknown_time_from",
        ),
        (lambda p: replace(p, steps=p.steps + (p.steps[0],)), "plan.invalid.duplicate_step_id"),
        (lambda p: replace(p, levels=p.levels * 2), "plan.invalid.duplicate_level_id"),
        (
            lambda p: replace(p, roles=(replace(p.roles[0], id=""),) + p.roles[1:]),
            "plan.invalid.empty_role_id",
        ),
        (
            lambda p: replace(p, roles=(replace(p.roles[0], name=" "),) + p.roles[1:]),
            "plan.invalid.empty_role_name",
        ),
        (lambda p: replace(p, title=""), "plan.invalid.empty_title"),
    ],
)
def test_a_save_with_broken_references_is_refused_with_a_translated_key(db, draft, change, key):
    with pytest.raises(PlanValidationError) as caught:
        plans_store.save_version(
            db, ALICE, draft.version_id, change(small_plan()), expected_revision=1, now=NOW
        )
    assert caught.value.key == key
    assert not t(key, lang="zh").startswith("⟦") and not t(key, lang="en").startswith("⟦")
    assert plans_store.version_info(db, ALICE, draft.version_id).revision == 1
    assert plans_store.load_version(db, ALICE, draft.version_id) == small_plan()


def test_every_problem_of_a_refused_save_is_listed(db, draft):
    plan = small_plan()
    broken = replace(plan, steps=(replace(plan.steps[0], roles=("r404",), after=("s404",)),))
    with pytest.raises(PlanValidationError) as caught:
        plans_store.save_version(db, ALICE, draft.version_id, broken, expected_revision=1, now=NOW)
    keys = [key for key, _ in caught.value.params["problems"]]
    assert keys == ["plan.invalid.unknown_role", "plan.invalid.unknown_step"]


def test_a_deleted_plan_cannot_be_changed(db, draft):
    plans_store.delete_plan(db, ALICE, draft.plan_id, now=NOW)
    with pytest.raises(NotFoundError):
        plans_store.save_version(
            db, ALICE, draft.version_id, small_plan(), expected_revision=1, now=NOW
        )
    with pytest.raises(NotFoundError):
        plans_store.submit_for_review(db, ALICE, draft.version_id, NOW)
