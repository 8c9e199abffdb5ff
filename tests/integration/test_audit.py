"""The audit log: every change to plans, versions and users leaves exactly one row, in
the same transaction; admins search it and export it as CSV that Excel opens with Chinese."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from access import audit_csv
from access.errors import NotAllowedError
from access.policy import SYSTEM
from db import audit_store, connection, plans_store, users_store
from db.errors import VersionConflictError
from plans.errors import PlanValidationError
from plans.model import Plan, Role, Step, replace
from services import accounts
from tests.actors import ADMIN, APPROVER, OWNER, UNIT

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    yield conn
    conn.close()


def small_plan(title: str = "仓库火灾现场处置方案") -> Plan:
    return Plan(
        title=title,
        roles=(Role("r1", "班长"), Role("r2", "消防队")),
        steps=(Step("s1", "报警", "班长立即报警。", roles=("r1",)),),
    )


def rows(db) -> list[audit_store.AuditEntry]:
    return audit_store.search_audit(db, ADMIN)


def audit_count(db) -> int:
    return db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


@pytest.fixture
def draft(db):
    return plans_store.import_plan(
        db, OWNER, small_plan(), document=b"doc", filename="火灾.docx", now=NOW
    )


def test_an_import_leaves_one_row_with_the_plans_facts_not_its_content(db, draft):
    [entry] = rows(db)
    assert (entry.actor, entry.action, entry.entity, entry.entity_id) == (
        "owner",
        "plan.import",
        "plan",
        str(draft.plan_id),
    )
    assert entry.before is None
    assert entry.after == {
        "title": "仓库火灾现场处置方案",
        "kind": "other",
        "language": "zh",
        "unit": UNIT,
        "version_id": draft.version_id,
        "filename": "火灾.docx",
        "n_roles": 2,
        "n_steps": 1,
    }
    assert entry.at == NOW


def _save(db, draft):
    bigger = replace(small_plan("改名后的方案"), roles=small_plan().roles + (Role("r3", "医疗组"),))
    plans_store.save_version(db, OWNER, draft.version_id, bigger, expected_revision=1, now=NOW)


def _submit(db, draft):
    plans_store.submit_for_review(db, OWNER, draft.version_id, NOW)


def _return(db, draft):
    _submit(db, draft)
    plans_store.return_to_draft(db, APPROVER, draft.version_id, NOW, note="补充职责")


def _approve(db, draft):
    _submit(db, draft)
    plans_store.approve(db, APPROVER, draft.version_id, NOW)


def _new_draft(db, draft):
    _approve(db, draft)
    plans_store.new_draft(db, OWNER, draft.plan_id, from_version_id=draft.version_id, now=NOW)


def _delete(db, draft):
    plans_store.delete_plan(db, OWNER, draft.plan_id, now=NOW)


def _restore(db, draft):
    _delete(db, draft)
    plans_store.restore_plan(db, OWNER, draft.plan_id, now=NOW)


def _move(db, draft):
    plans_store.set_plan_unit(db, ADMIN, draft.plan_id, "临港物流园区", now=NOW)


@pytest.mark.parametrize(
    ("change", "action", "before", "after"),
    [
        (
            _save,
            "version.save",
            {"revision": 1, "title": "仓库火灾现场处置方案", "n_roles": 2},
            {"revision": 2, "title": "改名后的方案", "n_roles": 3},
        ),
        (
            _submit,
            "version.submit",
            {"status": "draft", "revision": 1},
            {"status": "in_review", "revision": 2},
        ),
        (_return, "version.return", {"status": "in_review"}, {"status": "draft"}),
        (
            _approve,
            "version.approve",
            {"status": "in_review"},
            {"status": "published", "superseded_version_id": None},
        ),
        (_new_draft, "version.new_draft", None, {"status": "draft", "number": 2, "revision": 1}),
        (_delete, "plan.delete", {"deleted": False}, {"deleted": True}),
        (_restore, "plan.restore", {"deleted": True}, {"deleted": False}),
        (_move, "plan.set_unit", {"unit": UNIT}, {"unit": "临港物流园区"}),
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_each_plan_and_version_change_leaves_exactly_one_row_with_before_and_after(
    db, draft, change, action, before, after
):
    change(db, draft)
    found = audit_store.search_audit(db, ADMIN, action=action)
    assert len(found) == 1
    entry = found[0]
    assert entry.at == NOW
    assert entry.entity in ("plan", "version")
    if before is None:
        assert entry.before is None
    else:
        assert before.items() <= entry.before.items()
    assert after.items() <= entry.after.items()
    assert len(rows(db)) == len({e.id for e in rows(db)})  # no doubles of anything


def test_approving_a_second_version_names_the_one_it_supersedes(db, draft):
    _new_draft(db, draft)
    second = plans_store.list_versions(db, OWNER, draft.plan_id)[0].id
    plans_store.submit_for_review(db, OWNER, second, NOW)
    plans_store.approve(db, APPROVER, second, NOW)
    latest = audit_store.search_audit(db, ADMIN, action="version.approve")[0]
    assert latest.after["superseded_version_id"] == draft.version_id


def test_a_return_keeps_the_reviewers_note(db, draft):
    _return(db, draft)
    assert audit_store.search_audit(db, ADMIN, action="version.return")[0].detail == "补充职责"


def _admin(db):
    users_store.create_user(
        db, SYSTEM, "root", "root-password-1", roles={"admin"}, must_change=False, now=NOW
    )
    return accounts.sign_in(db, "root", "root-password-1", now=NOW)


USER_CHANGES = [
    (
        "user.reset_password",
        lambda db, a, uid: users_store.reset_password(db, a, uid, now=NOW),
        {"must_change_password": False},
        {"must_change_password": True},
    ),
    (
        "user.disable",
        lambda db, a, uid: users_store.set_disabled(db, a, uid, True, now=NOW),
        {"disabled": False},
        {"disabled": True},
    ),
    (
        "user.update",
        lambda db, a, uid: users_store.update_roles(db, a, uid, {"approver"}, now=NOW),
        {"roles": ["plan_owner"]},
        {"roles": ["approver"]},
    ),
]


@pytest.mark.parametrize(
    ("action", "change", "before", "after"), USER_CHANGES, ids=[c[0] for c in USER_CHANGES]
)
def test_each_user_change_leaves_exactly_one_row_without_any_password(
    db, action, change, before, after
):
    admin = _admin(db)
    user_id = users_store.create_user(
        db,
        admin,
        "zhang",
        "zhang-password-1",
        roles={"plan_owner"},
        unit=UNIT,
        must_change=False,
        now=NOW,
    )
    change(db, admin, user_id)
    [entry] = audit_store.search_audit(db, ADMIN, action=action)
    assert (entry.actor, entry.entity, entry.entity_id) == ("root", "user", str(user_id))
    assert before.items() <= entry.before.items() and after.items() <= entry.after.items()
    text = " ".join(str(e) for e in rows(db))
    assert "$argon2" not in text and "zhang-password-1" not in text


def test_creating_a_user_and_changing_ones_own_password_are_recorded(db):
    admin = _admin(db)
    user_id = users_store.create_user(
        db, admin, "li", "li-password-12", roles={"participant"}, unit=UNIT, now=NOW
    )
    li = accounts.sign_in(db, "li", "li-password-12", now=NOW)
    accounts.change_password(db, li, "li-password-12", "li-password-34", now=NOW)
    actions = [(e.actor, e.action, e.entity_id) for e in rows(db)]
    assert actions[:2] == [
        ("li", "user.change_password", str(user_id)),
        ("root", "user.create", str(user_id)),
    ]
    assert "li-password" not in " ".join(str(e) for e in rows(db))


def test_a_change_that_fails_leaves_no_audit_row(db, draft):
    before = audit_count(db)
    broken = replace(small_plan(), steps=(Step("s1", "报警", "x", roles=("r404",)),))
    with pytest.raises(PlanValidationError):
        plans_store.save_version(db, OWNER, draft.version_id, broken, expected_revision=1, now=NOW)
    with pytest.raises(VersionConflictError):
        plans_store.save_version(
            db, OWNER, draft.version_id, small_plan(), expected_revision=9, now=NOW
        )
    with pytest.raises(NotAllowedError):
        plans_store.import_plan(db, APPROVER, small_plan(), document=b"x", filename="x", now=NOW)
    assert audit_count(db) == before


def test_the_audit_row_and_its_change_commit_together_or_not_at_all(db, monkeypatch):
    real = audit_store.record

    def record_then_fail(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit_store, "record", record_then_fail)
    with pytest.raises(RuntimeError):
        plans_store.import_plan(db, OWNER, small_plan(), document=b"d", filename="d", now=NOW)
    with pytest.raises(RuntimeError):
        users_store.create_user(db, SYSTEM, "li", "li-password-12", roles={"participant"}, now=NOW)
    assert audit_count(db) == 0
    assert db.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    assert users_store.count_users(db) == 0


@pytest.fixture
def history(db, draft):
    later = NOW + timedelta(hours=2)
    plans_store.submit_for_review(db, OWNER, draft.version_id, later)
    plans_store.approve(db, APPROVER, draft.version_id, later)
    users_store.create_user(
        db,
        SYSTEM,
        "wang",
        "wang-password-1",
        roles={"evaluator"},
        display_name="王评估",
        unit=UNIT,
        now=later,
    )
    return later


@pytest.mark.parametrize(
    ("filters", "actions"),
    [
        ({}, ["user.create", "version.approve", "version.submit", "plan.import"]),
        ({"action": "version.submit"}, ["version.submit"]),
        ({"action": "version."}, ["version.approve", "version.submit"]),
        ({"entity": "user"}, ["user.create"]),
        ({"user": "approver"}, ["version.approve"]),
        ({"text": "王评估"}, ["user.create"]),
        ({"text": "仓库火灾"}, ["version.approve", "version.submit", "plan.import"]),
        ({"text": "IN_REVIEW"}, ["version.approve", "version.submit"]),
        ({"since": NOW + timedelta(hours=1)}, ["user.create", "version.approve", "version.submit"]),
        ({"until": NOW + timedelta(hours=1)}, ["plan.import"]),
        ({"limit": 2}, ["user.create", "version.approve"]),
        ({"text": "%"}, []),
    ],
)
def test_admins_search_the_log_newest_first(db, history, filters, actions):
    assert [e.action for e in audit_store.search_audit(db, ADMIN, **filters)] == actions


@pytest.mark.parametrize("who", [OWNER, APPROVER, None])
def test_only_admins_read_the_audit_log(db, history, who):
    with pytest.raises(NotAllowedError):
        audit_store.search_audit(db, who)


def test_the_csv_export_is_utf8_with_a_bom_so_excel_shows_chinese(db, history):
    data = audit_csv.audit_csv(rows(db))
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == list(audit_csv.CSV_COLUMNS)
    assert len(table) == 1 + 4
    assert any("王评估" in cell for cell in table[1])
    assert "仓库火灾现场处置方案" in data.decode("utf-8-sig")


def test_a_csv_cell_that_looks_like_a_formula_is_kept_as_text(db):
    formula = '=HYPERLINK("http://x","y")'
    users_store.create_user(
        db, SYSTEM, formula, "formula-pass-1", roles={"admin"}, must_change=False, now=NOW
    )
    actor = accounts.sign_in(db, formula, "formula-pass-1", now=NOW)
    users_store.create_user(db, actor, "li", "li-password-12", roles={"manager"}, now=NOW)
    table = list(csv.reader(io.StringIO(audit_csv.audit_csv(rows(db)).decode("utf-8-sig"))))
    assert table[1][2] == "'" + formula
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in table[1:] for cell in row)
