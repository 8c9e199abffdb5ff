"""Rights are enforced by the store itself: a direct call, as a page opened by URL or a
widget key set by hand would make, neither reveals nor changes what the actor may not see."""

from __future__ import annotations

import hashlib
from dataclasses import replace as dc_replace
from datetime import UTC, datetime

import pytest

from access.errors import NotAllowedError
from access.policy import ANONYMOUS
from db import connection, plans_store
from db.errors import NotFoundError
from plans.model import Plan, Role, Step, replace
from tests.actors import (
    ADMIN,
    APPROVER,
    APPROVER2,
    DIRECTOR,
    EVALUATOR,
    MANAGER,
    NO_UNIT_OWNER,
    OTHER_APPROVER,
    OTHER_OWNER,
    OTHER_UNIT,
    OWNER,
    PARTICIPANT,
    UNIT,
    actor,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def plan(title: str) -> Plan:
    return Plan(
        title=title,
        roles=(Role("r1", "班长"),),
        steps=(Step("s1", "报警", "班长立即报警。", roles=("r1",)),),
    )


@pytest.fixture(scope="module")
def world(module_database):
    """Unit 滨江: plan A published as v1 with a draft v2 ("秘密修订"), plan B only a draft.
    Unit 临港: plan C, published."""
    conn = connection.connect(module_database)
    a = plans_store.import_plan(
        conn, OWNER, plan("甲预案"), document=b"A", filename="a.docx", now=NOW
    )
    plans_store.submit_for_review(conn, OWNER, a.version_id, NOW)
    plans_store.approve(conn, APPROVER, a.version_id, NOW)
    a2 = plans_store.new_draft(conn, OWNER, a.plan_id, from_version_id=a.version_id, now=NOW)
    plans_store.save_version(
        conn, OWNER, a2, plan("甲预案（秘密修订）"), expected_revision=1, now=NOW
    )
    b = plans_store.import_plan(
        conn, OWNER, plan("乙草稿"), document=b"B", filename="b.docx", now=NOW
    )
    c = plans_store.import_plan(
        conn, OTHER_OWNER, plan("丙预案"), document=b"C", filename="c.docx", now=NOW
    )
    plans_store.submit_for_review(conn, OTHER_OWNER, c.version_id, NOW)
    plans_store.approve(conn, OTHER_APPROVER, c.version_id, NOW)
    yield {"conn": conn, "a": a, "a2": a2, "b": b, "c": c}
    conn.close()


def name(v) -> str:
    if isinstance(v, set):  # the same id in every process (pytest-xdist compares them)
        return "+".join(sorted(title for title, _ in v)) or "nothing"
    return v.username or "anonymous" if hasattr(v, "username") else str(v)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (OWNER, {("甲预案（秘密修订）", "draft"), ("乙草稿", "draft")}),
        (MANAGER, {("甲预案（秘密修订）", "draft"), ("乙草稿", "draft")}),
        (APPROVER, {("甲预案（秘密修订）", "draft"), ("乙草稿", "draft")}),
        (PARTICIPANT, {("甲预案", "published")}),
        (DIRECTOR, {("甲预案", "published")}),
        (EVALUATOR, {("甲预案", "published")}),
        (OTHER_OWNER, {("丙预案", "published")}),
        (ADMIN, {("甲预案（秘密修订）", "draft"), ("乙草稿", "draft"), ("丙预案", "published")}),
        (NO_UNIT_OWNER, set()),
        (ANONYMOUS, set()),
        (None, set()),
    ],
    ids=name,
)
def test_the_list_shows_each_actor_only_what_they_may_read(world, who, expected):
    rows = plans_store.list_plans(world["conn"], who)
    assert {(r.title, r.latest_status) for r in rows} == expected


def test_a_participant_sees_the_published_version_and_cannot_find_the_draft_by_searching(world):
    conn = world["conn"]
    [row] = plans_store.list_plans(conn, PARTICIPANT)
    assert row.latest_version_id == world["a"].version_id == row.published_version_id
    assert plans_store.list_plans(conn, PARTICIPANT, search="秘密") == []
    assert plans_store.list_plans(conn, PARTICIPANT, status="draft") == []
    found = plans_store.list_plans(conn, OWNER, search="秘密")
    assert [r.title for r in found] == ["甲预案（秘密修订）"]


def test_a_version_one_may_not_read_is_reported_exactly_like_a_missing_one(world):
    conn = world["conn"]
    with pytest.raises(NotFoundError) as hidden:
        plans_store.load_version(conn, PARTICIPANT, world["a2"])
    with pytest.raises(NotFoundError) as missing:
        plans_store.load_version(conn, PARTICIPANT, 9999)
    assert (hidden.value.key, type(hidden.value)) == (missing.value.key, type(missing.value))
    with pytest.raises(NotFoundError) as hidden_plan:
        plans_store.list_versions(conn, PARTICIPANT, world["b"].plan_id)
    with pytest.raises(NotFoundError) as missing_plan:
        plans_store.list_versions(conn, PARTICIPANT, 9999)
    assert hidden_plan.value.key == missing_plan.value.key == "db.plan_not_found"


@pytest.mark.parametrize(
    ("who", "version", "readable"),
    [
        (PARTICIPANT, "a", True),
        (PARTICIPANT, "a2", False),
        (PARTICIPANT, "b", False),
        (DIRECTOR, "a2", False),
        (MANAGER, "a2", True),
        (OTHER_OWNER, "a", False),
        (OTHER_OWNER, "c", True),
        (OWNER, "c", False),
        (ADMIN, "c", True),
    ],
    ids=name,
)
def test_loading_a_version_by_id_respects_the_policy(world, who, version, readable):
    conn = world["conn"]
    version_id = world[version] if version == "a2" else world[version].version_id
    calls = (plans_store.load_version, plans_store.version_info)
    for call in calls:
        if readable:
            call(conn, who, version_id)
        else:
            with pytest.raises(NotFoundError):
                call(conn, who, version_id)


def test_a_participant_lists_only_the_released_versions_of_a_plan(world):
    versions = plans_store.list_versions(world["conn"], PARTICIPANT, world["a"].plan_id)
    assert [(v.number, v.status) for v in versions] == [(1, "published")]
    assert len(plans_store.list_versions(world["conn"], MANAGER, world["a"].plan_id)) == 2


@pytest.mark.parametrize(
    ("who", "error"),
    [
        (PARTICIPANT, NotFoundError),  # cannot see the draft at all
        (DIRECTOR, NotFoundError),
        (OTHER_OWNER, NotFoundError),
        (MANAGER, NotAllowedError),  # sees it, changes nothing
        (APPROVER, NotAllowedError),
        (NO_UNIT_OWNER, NotFoundError),
    ],
    ids=name,
)
def test_a_draft_is_changed_only_by_plan_owners_of_its_unit(world, who, error):
    conn = world["conn"]
    a2 = world["a2"]
    revision = plans_store.version_info(conn, OWNER, a2).revision
    attempts = [
        lambda: plans_store.save_version(
            conn, who, a2, plan("篡改"), expected_revision=revision, now=NOW
        ),
        lambda: plans_store.submit_for_review(conn, who, a2, NOW),
    ]
    for attempt in attempts:
        with pytest.raises(error):
            attempt()
    info = plans_store.version_info(conn, OWNER, a2)
    assert (info.revision, info.status, info.title) == (revision, "draft", "甲预案（秘密修订）")


@pytest.mark.parametrize(
    ("who", "error"),
    [
        (PARTICIPANT, NotAllowedError),
        (MANAGER, NotAllowedError),
        (OTHER_OWNER, NotFoundError),
        (NO_UNIT_OWNER, NotFoundError),
    ],
    ids=name,
)
def test_only_plan_owners_of_its_unit_put_a_plan_in_the_bin(world, who, error):
    with pytest.raises(error):
        plans_store.delete_plan(world["conn"], who, world["a"].plan_id, now=NOW)
    assert plans_store.list_plans(world["conn"], PARTICIPANT)


def test_a_manager_or_participant_cannot_start_a_new_draft(world):
    conn = world["conn"]
    c = world["c"]
    other_manager = actor("x", "manager", unit=OTHER_UNIT)
    for who, error in ((other_manager, NotAllowedError), (PARTICIPANT, NotFoundError)):
        with pytest.raises(error):
            plans_store.new_draft(conn, who, c.plan_id, from_version_id=c.version_id, now=NOW)


def test_an_approver_who_edited_a_version_cannot_approve_it_but_another_can(tmp_path):
    conn = connection.connect(tmp_path / "approve.duckdb")
    editor = actor("liu", "plan_owner", "approver")
    draft = plans_store.import_plan(
        conn, OWNER, plan("丁预案"), document=b"D", filename="d", now=NOW
    )
    plans_store.save_version(
        conn, editor, draft.version_id, plan("丁预案·改"), expected_revision=1, now=NOW
    )
    plans_store.submit_for_review(conn, OWNER, draft.version_id, NOW)
    assert "plan.approve" not in plans_store.version_permissions(conn, editor, draft.version_id)
    with pytest.raises(NotAllowedError) as caught:
        plans_store.approve(conn, editor, draft.version_id, NOW)
    assert caught.value.key == "access.approve_own"
    with pytest.raises(NotAllowedError):  # the owner is no approver
        plans_store.approve(conn, OWNER, draft.version_id, NOW)
    with pytest.raises(NotFoundError):
        plans_store.approve(conn, OTHER_APPROVER, draft.version_id, NOW)
    assert plans_store.version_permissions(conn, APPROVER2, draft.version_id) == {
        "plan.read",
        "plan.approve",
        "plan.return",
    }
    plans_store.approve(conn, APPROVER2, draft.version_id, NOW)
    assert plans_store.version_info(conn, OWNER, draft.version_id).status == "published"
    conn.close()


def test_an_author_may_withdraw_a_version_from_review_but_a_manager_may_not(tmp_path):
    conn = connection.connect(tmp_path / "withdraw.duckdb")
    draft = plans_store.import_plan(
        conn, OWNER, plan("戊预案"), document=b"E", filename="e", now=NOW
    )
    plans_store.submit_for_review(conn, OWNER, draft.version_id, NOW)
    with pytest.raises(NotAllowedError):
        plans_store.return_to_draft(conn, MANAGER, draft.version_id, NOW)
    plans_store.return_to_draft(conn, OWNER, draft.version_id, NOW, note="撤回修改")
    assert plans_store.version_info(conn, OWNER, draft.version_id).status == "draft"
    conn.close()


def test_the_source_document_is_not_for_readers_of_published_versions(world):
    conn = world["conn"]
    assert plans_store.get_document(conn, MANAGER, world["a"].plan_id) == ("a.docx", b"A")
    with pytest.raises(NotAllowedError):
        plans_store.get_document(conn, PARTICIPANT, world["a"].plan_id)
    with pytest.raises(NotFoundError):
        plans_store.get_document(conn, PARTICIPANT, world["b"].plan_id)
    with pytest.raises(NotFoundError):
        plans_store.get_document(conn, OTHER_OWNER, world["a"].plan_id)


def test_a_duplicate_upload_reveals_nothing_of_another_units_plan(tmp_path):
    conn = connection.connect(tmp_path / "dup.duckdb")
    plans_store.import_plan(conn, OWNER, plan("机密预案"), document=b"same", filename="x", now=NOW)
    digest = hashlib.sha256(b"same").hexdigest()
    assert plans_store.find_document(conn, OTHER_OWNER, digest) is None
    mine = plans_store.import_plan(
        conn, OTHER_OWNER, plan("我的预案"), document=b"same", filename="x", now=NOW
    )
    assert plans_store.find_document(conn, OTHER_OWNER, digest)["plan_id"] == mine.plan_id
    assert plans_store.find_document(conn, OWNER, digest)["title"] == "机密预案"
    conn.close()


@pytest.mark.parametrize(
    ("who", "unit"),
    [
        (PARTICIPANT, None),
        (MANAGER, None),
        (APPROVER, None),
        (NO_UNIT_OWNER, None),
        (OWNER, OTHER_UNIT),
        (ANONYMOUS, None),
    ],
    ids=name,
)
def test_only_plan_owners_import_and_only_into_their_own_unit(tmp_path, who, unit):
    conn = connection.connect(tmp_path / "import.duckdb")
    with pytest.raises(NotAllowedError):
        plans_store.import_plan(
            conn, who, plan("新预案"), document=b"n", filename="n", now=NOW, unit=unit
        )
    assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    conn.close()


def test_an_admin_imports_for_any_unit_and_the_plan_is_that_units(tmp_path):
    conn = connection.connect(tmp_path / "admin.duckdb")
    result = plans_store.import_plan(
        conn, ADMIN, plan("代录预案"), document=b"m", filename="m", now=NOW, unit=UNIT
    )
    assert [r.plan_id for r in plans_store.list_plans(conn, OWNER)] == [result.plan_id]
    assert plans_store.list_plans(conn, OTHER_OWNER) == []
    with pytest.raises(NotAllowedError):
        plans_store.set_plan_unit(conn, OWNER, result.plan_id, OTHER_UNIT, now=NOW)
    plans_store.set_plan_unit(conn, ADMIN, result.plan_id, OTHER_UNIT, now=NOW)
    assert plans_store.list_plans(conn, OWNER) == []
    assert [r.title for r in plans_store.list_plans(conn, OTHER_OWNER)] == ["代录预案"]
    conn.close()


def test_an_actor_that_must_change_its_password_sees_nothing(world):
    must = dc_replace(MANAGER, user_id=1, must_change_password=True)
    assert plans_store.list_plans(world["conn"], must) == []
    with pytest.raises(NotFoundError):
        plans_store.load_version(world["conn"], must, world["a"].version_id)


def test_what_a_page_may_offer_for_a_version(world):
    conn = world["conn"]
    assert plans_store.version_permissions(conn, OWNER, world["a2"]) == {
        "plan.read",
        "plan.edit",
        "plan.submit",
        "plan.return",  # its author: withdrawn from review, once submitted
        "plan.delete",
    }
    assert plans_store.version_permissions(conn, PARTICIPANT, world["a"].version_id) == {
        "plan.read"
    }
    with pytest.raises(NotFoundError):
        plans_store.version_permissions(conn, PARTICIPANT, world["a2"])


def test_a_stored_plan_is_unchanged_by_everything_refused_above(world):
    conn = world["conn"]
    loaded = plans_store.load_version(conn, OWNER, world["a2"])
    assert loaded == replace(plan("甲预案（秘密修订）"))
