"""The approval gate on a real DuckDB file: a version with open error-level checks is published
only when the approver waives each with a reason; the waivers stay with the version and go into
the audit row of the approval, all in one transaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from access.policy import NotAllowedError
from db import audit_store, connection, plans_store, plans_waivers
from db.errors import UnwaivedErrorsError
from i18n import t
from plans.checks import check_plan, open_errors
from plans.model import Plan, Role, Step
from tests.actors import ADMIN, actor

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=5)
ALICE = actor("alice", "plan_owner")
BOB = actor("bob", "approver")

# s2 and s3 have no owner: two error-level checks
FLAWED = Plan(
    title="仓库火灾现场处置方案",
    kind="onsite",
    roles=(Role("r1", "班长"),),
    steps=(
        Step("s1", "报警", "班长立即报警。", ("r1",), "report", 0, time_from="trigger"),
        Step("s2", "灭火", "扑救初起火灾。", (), after=("s1",)),
        Step("s3", "疏散", "疏散人员。", (), after=("s1",)),
    ),
)
ERRORS = open_errors(check_plan(FLAWED))
REASONS = {f.key: f"原文未写明 {f.target_id} 的负责人，已列入修订计划" for f in ERRORS}


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    yield conn
    conn.close()


@pytest.fixture
def in_review(db):
    imported = plans_store.import_plan(
        db, ALICE, FLAWED, document=b"doc", filename="a.docx", now=NOW
    )
    plans_store.submit_for_review(db, ALICE, imported.version_id, NOW)
    return imported.version_id


def status(db, version_id) -> str:
    return plans_store.version_info(db, ADMIN, version_id).status


def test_the_flawed_plan_has_two_open_errors():
    assert [f.target_id for f in ERRORS] == ["s2", "s3"]


@pytest.mark.parametrize(
    ("what", "waivers"),
    [
        ("no waivers at all", None),
        ("one of two errors waived", {ERRORS[0].key: "已知问题"}),
        ("a blank reason", {ERRORS[0].key: "已知", ERRORS[1].key: "   "}),
        ("reasons for other checks", {"no_steps:plan:": "x", "cycle:step:s1": "y"}),
    ],
)
def test_approval_is_refused_until_every_open_error_is_waived(db, in_review, what, waivers):
    with pytest.raises(UnwaivedErrorsError) as refused:
        plans_store.approve(db, BOB, in_review, LATER, waivers=waivers)
    assert status(db, in_review) == "in_review"
    assert plans_waivers.list_waivers(db, BOB, in_review) == []
    assert not audit_store.search_audit(db, ADMIN, action="version.approve")
    message = t(refused.value.key, lang="en", **refused.value.params)
    assert "not waived" in message and "s3" in message


def test_the_refusal_names_the_open_errors_in_the_readers_language(db, in_review):
    with pytest.raises(UnwaivedErrorsError) as refused:
        plans_store.approve(db, BOB, in_review, LATER)
    params = {k: str(v) for k, v in refused.value.params.items()}
    assert params["n"] == "2"
    assert "灭火 (s2)" in params["checks"] and "疏散 (s3)" in params["checks"]
    assert t("checks.field.roles") in t(refused.value.key, lang="zh", **params)


def test_approval_with_a_reason_for_each_error_publishes_and_keeps_the_waivers(db, in_review):
    plans_store.approve(db, BOB, in_review, LATER, waivers=REASONS)
    assert status(db, in_review) == "published"
    waivers = plans_waivers.list_waivers(db, ALICE, in_review)
    assert [(w.finding.key, w.reason, w.waived_by, w.waived_at) for w in waivers] == [
        (f.key, REASONS[f.key], "bob", LATER) for f in ERRORS
    ]
    assert waivers[0].finding.message("en") == ERRORS[0].message("en")


def test_the_approval_audit_row_names_each_waiver(db, in_review):
    plans_store.approve(db, BOB, in_review, LATER, waivers=REASONS)
    (entry,) = audit_store.search_audit(db, ADMIN, action="version.approve")
    assert entry.after["status"] == "published"
    assert entry.after["waivers"] == [{"check": f.key, "reason": REASONS[f.key]} for f in ERRORS]


def test_a_plan_without_errors_is_approved_without_waivers(db):
    sound = Plan(
        title="报警",
        roles=(Role("r1", "班长"),),
        steps=(Step("s1", "报警", "班长立即报警。", ("r1",), "report", 0, time_from="trigger"),),
    )
    imported = plans_store.import_plan(db, ALICE, sound, document=b"d2", filename="b.docx", now=NOW)
    plans_store.submit_for_review(db, ALICE, imported.version_id, NOW)
    plans_store.approve(db, BOB, imported.version_id, LATER)
    assert status(db, imported.version_id) == "published"
    assert plans_waivers.list_waivers(db, BOB, imported.version_id) == []
    (entry,) = audit_store.search_audit(db, ADMIN, action="version.approve")
    assert "waivers" not in entry.after


def test_a_failure_after_the_waivers_are_written_leaves_nothing_behind(db, in_review, monkeypatch):
    def broken_audit(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit_store, "record", broken_audit)
    with pytest.raises(RuntimeError):
        plans_store.approve(db, BOB, in_review, LATER, waivers=REASONS)
    monkeypatch.undo()
    assert status(db, in_review) == "in_review"
    assert plans_waivers.list_waivers(db, BOB, in_review) == []


def test_waivers_do_not_let_the_author_approve_their_own_version(db, in_review):
    author = actor("alice", "plan_owner", "approver")
    with pytest.raises(NotAllowedError):
        plans_store.approve(db, author, in_review, LATER, waivers=REASONS)
    assert status(db, in_review) == "in_review"


def test_a_version_is_waived_once_and_a_new_draft_starts_without_waivers(db, in_review):
    plans_store.approve(db, BOB, in_review, LATER, waivers=REASONS)
    info = plans_store.version_info(db, ALICE, in_review)
    draft = plans_store.new_draft(db, ALICE, info.plan_id, from_version_id=in_review, now=LATER)
    assert plans_waivers.list_waivers(db, ALICE, draft) == []
    assert len(plans_waivers.list_waivers(db, ALICE, in_review)) == 2
