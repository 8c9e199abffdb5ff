"""The plan store on a real DuckDB file: import, round trip, rollback, duplicates, listing."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import duckdb
import pytest

import access.policy
from access.policy import NotAllowedError
from db import connection, plans_content, plans_store
from db.errors import DuplicateDocumentError, NotFoundError, StoreError
from plans.errors import PlanValidationError
from plans.model import (
    Level,
    Part,
    Plan,
    Role,
    Section,
    Source,
    Step,
    TimePart,
    plan_to_dict,
    replace,
)
from tests.actors import OWNER

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
CONTENT_AND_PLAN_TABLES = ("plans", "documents", "versions", *plans_content.CONTENT_TABLES)


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    yield conn
    conn.close()


def rich_plan(title: str = "某市危险化学品事故应急预案") -> Plan:
    """Every model field in use, lists in deliberately unsorted order."""
    return Plan(
        title=title,
        language="zh",
        kind="special",
        parts=(Part("p2", "现场处置方案", "onsite"), Part("p1", "专项预案", "special")),
        sections=(
            Section("h1", "1 总则", 1, "为规范……", part="p1", block=0, kind="general"),
            Section("h0", "（一）编制目的", 2, "", part=None, block=None),
        ),
        roles=(
            Role(
                "r9",
                "市应急指挥部",
                aliases=("指挥部", "市指挥部"),
                part="p1",
                kind="command",
                responsibilities=("统一领导", "决定启动响应"),
                source=Source(3, "成立市应急指挥部"),
            ),
            Role("r2", "抢险救援组", parent="r9", kind="group", part="p1", source=Source(0, "")),
            Role("r10", "班长", kind="post", part="p2"),
        ),
        levels=(
            Level("W1", "蓝色预警", "可能发生一般事故", part="p1"),
            Level("I", "Ⅰ级响应", "死亡30人以上", source=Source(20, "Ⅰ级响应：……")),
            Level("II", "Ⅱ级响应"),
        ),
        steps=(
            Step(
                "s3",
                "关闭阀门",
                "班长立即关闭泄漏阀门。",
                roles=("r10", "r2"),
                support=("r9",),
                phase="initial",
                time_limit_min=0.5,
                time_text="立即",
                levels=("II", "I"),
                after=(),
                notifies=("r9", "县政府值班室", "r2"),
                part="p2",
                source=Source(41, "班长立即关闭泄漏阀门。"),
            ),
            Step(
                "s1",
                "报告",
                "接报后30分钟内书面报告。",
                roles=("r2",),
                phase="report",
                time_limit_min=30,
                time_from="s3",
                time_text="30分钟内书面报告、每2小时续报",
                time_parts=(TimePart(30, "30分钟内书面报告"), TimePart(90, "一个半小时内续报")),
                frequency_min=120,
                after=("s3",),
                levels=("W1",),
                part="p1",
            ),
            Step(
                "s2",
                "启动响应",
                "指挥部决定启动Ⅰ级响应。",
                roles=("r9",),
                phase="activation",
                time_from="trigger",
                after=("s1", "s3"),
                levels=(),
                part="p1",
            ),
        ),
        warnings=("第12段未识别出责任角色", "表格3缺少表头"),
    )


def count(conn, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def import_one(conn, plan: Plan | None = None, data: bytes = b"doc", **kwargs):
    return plans_store.import_plan(
        conn,
        OWNER,
        plan or rich_plan(),
        document=data,
        filename="预案.docx",
        now=NOW,
        **kwargs,
    )


def test_a_rich_plan_reads_back_exactly_as_imported(db):
    plan = rich_plan()
    result = import_one(db, plan)
    loaded = plans_store.load_version(db, OWNER, result.version_id)
    assert plan_to_dict(loaded) == plan_to_dict(plan)
    assert loaded.warnings == plan.warnings
    assert loaded == plan


def test_an_after_the_fact_deadline_is_stored_counted_from_the_end_of_the_response(db):
    plan = rich_plan()
    late = replace(plan.steps[2], time_limit_min=21600, time_from="response_end")
    plan = replace(plan, steps=(*plan.steps[:2], late))
    result = import_one(db, plan)
    assert plans_store.load_version(db, OWNER, result.version_id).steps[2] == late


def test_a_rich_plan_reads_back_exactly_after_saving(db):
    result = import_one(db, Plan(title="空白"))
    plan = rich_plan()
    plans_store.save_version(db, OWNER, result.version_id, plan, expected_revision=1, now=NOW)
    assert plan_to_dict(plans_store.load_version(db, OWNER, result.version_id)) == (
        plan_to_dict(plan)
    )


def test_an_import_stores_the_document_and_a_first_draft(db):
    result = import_one(db, data=b"\x00\x01 original bytes")
    assert plans_store.get_document(db, OWNER, result.plan_id) == (
        "预案.docx",
        b"\x00\x01 original bytes",
    )
    info = plans_store.version_info(db, OWNER, result.version_id)
    assert (info.number, info.status, info.revision) == (1, "draft", 1)
    assert (info.created_by, info.created_at, info.n_roles, info.n_steps) == ("owner", NOW, 3, 3)
    found = plans_store.find_document(
        db, OWNER, hashlib.sha256(b"\x00\x01 original bytes").hexdigest()
    )
    assert found["plan_id"] == result.plan_id and found["size"] == 17
    assert plans_store.find_document(db, OWNER, hashlib.sha256(b"x").hexdigest()) is None


@pytest.mark.parametrize("failure", [RuntimeError("boom"), duckdb.ConstraintException("boom")])
def test_an_import_that_fails_midway_leaves_nothing_behind(db, monkeypatch, failure):
    def fail(*args):
        raise failure

    monkeypatch.setattr(plans_content, "_insert_steps", fail)
    with pytest.raises((RuntimeError, StoreError)):
        import_one(db)
    for table in CONTENT_AND_PLAN_TABLES:
        assert count(db, table) == 0, table
    monkeypatch.undo()
    result = import_one(db)  # the same bytes again: no trace of the failed attempt
    assert count(db, "roles") == 3 and result.version_id


def test_a_driver_error_during_import_becomes_a_store_error(db, monkeypatch):
    def fail(*args):
        raise duckdb.ConstraintException("boom")

    monkeypatch.setattr(plans_content, "_insert_steps", fail)
    with pytest.raises(StoreError) as caught:
        import_one(db)
    assert caught.value.key == "db.constraint"
    assert isinstance(caught.value.__cause__, duckdb.ConstraintException)


def test_the_same_document_twice_is_reported_with_the_first_plan(db):
    first = import_one(db, data=b"same bytes")
    with pytest.raises(DuplicateDocumentError) as caught:
        import_one(db, replace(rich_plan(), title="另一个标题"), data=b"same bytes")
    assert caught.value.params["plan_id"] == first.plan_id
    assert caught.value.params["version_id"] == first.version_id
    assert caught.value.params["title"] == rich_plan().title
    assert count(db, "plans") == 1


def test_the_same_document_can_be_imported_again_on_purpose(db):
    first = import_one(db, data=b"same bytes")
    second = import_one(db, data=b"same bytes", allow_duplicate=True)
    assert second.plan_id != first.plan_id
    assert count(db, "documents") == 1
    assert plans_store.get_document(db, OWNER, second.plan_id) == ("预案.docx", b"same bytes")


def test_a_duplicate_of_a_deleted_plan_says_it_was_deleted(db):
    first = import_one(db, data=b"same bytes")
    plans_store.delete_plan(db, OWNER, first.plan_id)
    with pytest.raises(DuplicateDocumentError) as caught:
        import_one(db, data=b"same bytes")
    assert caught.value.key == "db.duplicate_document_deleted"
    assert caught.value.params["deleted"] is True


@pytest.mark.parametrize("title", ["", "   "])
def test_a_plan_without_title_is_refused(db, title):
    with pytest.raises(PlanValidationError) as caught:
        import_one(db, replace(rich_plan(), title=title))
    assert caught.value.key == "plan.invalid.empty_title"
    assert count(db, "plans") == 0


def test_an_import_with_repeated_ids_is_refused(db):
    plan = rich_plan()
    plan = replace(plan, roles=plan.roles + (Role("r2", "重复"),))
    with pytest.raises(PlanValidationError) as caught:
        import_one(db, plan)
    assert caught.value.key == "plan.invalid.duplicate_role_id"
    assert caught.value.params["id"] == "r2"


def test_every_store_call_asks_the_access_policy(db, monkeypatch):
    result = import_one(db)
    monkeypatch.setattr(access.policy, "allowed", lambda actor, action, resource=None: False)
    with pytest.raises(NotAllowedError):
        import_one(db, data=b"other")
    hidden = [
        lambda: plans_store.load_version(db, OWNER, result.version_id),
        lambda: plans_store.version_info(db, OWNER, result.version_id),
        lambda: plans_store.list_versions(db, OWNER, result.plan_id),
        lambda: plans_store.get_document(db, OWNER, result.plan_id),
        lambda: plans_store.save_version(
            db, OWNER, result.version_id, rich_plan(), expected_revision=1, now=NOW
        ),
        lambda: plans_store.submit_for_review(db, OWNER, result.version_id, NOW),
        lambda: plans_store.delete_plan(db, OWNER, result.plan_id),
    ]
    for call in hidden:  # refused as if missing, so that nothing reveals the plan exists
        with pytest.raises(NotFoundError):
            call()
    assert plans_store.list_plans(db, OWNER) == []
    assert plans_store.find_document(db, OWNER, hashlib.sha256(b"doc").hexdigest()) is None
    assert count(db, "plans") == 1


def test_a_plan_the_actor_may_not_read_is_left_out_of_the_list(db, monkeypatch):
    import_one(db, replace(rich_plan(), title="公开预案"), data=b"a")
    import_one(db, replace(rich_plan(), title="机密预案"), data=b"b")
    real = access.policy.allowed

    def policy(actor, action, resource=None):
        return real(actor, action, resource) and "机密" not in (resource or {}).get("title", "")

    monkeypatch.setattr(access.policy, "allowed", policy)
    assert [s.title for s in plans_store.list_plans(db, OWNER)] == ["公开预案"]


@pytest.fixture
def three_plans(db):
    zh = import_one(db, rich_plan("危险化学品泄漏专项预案"), data=b"1")
    en = import_one(
        db, replace(rich_plan("Port Fire Plan"), language="en", kind="onsite"), data=b"2"
    )
    later = NOW + timedelta(hours=1)
    overall = plans_store.import_plan(
        db,
        OWNER,
        replace(rich_plan("市突发事件总体应急预案"), kind="overall"),
        document=b"3",
        filename="总体.docx",
        now=later,
    )
    plans_store.submit_for_review(db, OWNER, overall.version_id, later)
    return {"zh": zh, "en": en, "overall": overall}


def test_the_list_shows_the_newest_change_first_with_counts(db, three_plans):
    rows = plans_store.list_plans(db, OWNER)
    assert rows[0].title == "市突发事件总体应急预案"
    assert {r.title for r in rows} == {
        "危险化学品泄漏专项预案",
        "Port Fire Plan",
        "市突发事件总体应急预案",
    }
    first = rows[0]
    assert (first.latest_version_number, first.latest_status, first.published_version_id) == (
        1,
        "in_review",
        None,
    )
    assert (first.n_roles, first.n_steps, first.updated_by) == (3, 3, "owner")
    assert first.latest_version_id == three_plans["overall"].version_id


@pytest.mark.parametrize(
    ("filters", "titles"),
    [
        ({"search": "化学品"}, {"危险化学品泄漏专项预案"}),
        ({"search": "port fire"}, {"Port Fire Plan"}),
        (
            {"search": "抢险救援组"},
            {"危险化学品泄漏专项预案", "Port Fire Plan", "市突发事件总体应急预案"},
        ),
        (
            {"search": "关闭阀门"},
            {"危险化学品泄漏专项预案", "Port Fire Plan", "市突发事件总体应急预案"},
        ),
        ({"search": "no such words"}, set()),
        ({"kind": "onsite"}, {"Port Fire Plan"}),
        ({"language": "zh"}, {"危险化学品泄漏专项预案", "市突发事件总体应急预案"}),
        ({"status": "in_review"}, {"市突发事件总体应急预案"}),
        ({"status": "draft", "language": "zh"}, {"危险化学品泄漏专项预案"}),
        ({"search": "预案", "kind": "overall"}, {"市突发事件总体应急预案"}),
    ],
)
def test_the_list_can_be_searched_and_filtered(db, three_plans, filters, titles):
    assert {r.title for r in plans_store.list_plans(db, OWNER, **filters)} == titles


def test_a_deleted_plan_leaves_the_list_and_comes_back_on_restore(db, three_plans):
    plan_id = three_plans["zh"].plan_id
    plans_store.delete_plan(db, OWNER, plan_id, now=NOW)
    assert plan_id not in {r.plan_id for r in plans_store.list_plans(db, OWNER)}
    with pytest.raises(NotFoundError):
        plans_store.list_versions(db, OWNER, plan_id)
    # a deleted plan's versions still load: drills may point at them
    assert plans_store.load_version(db, OWNER, three_plans["zh"].version_id).title
    plans_store.restore_plan(db, OWNER, plan_id)
    assert plan_id in {r.plan_id for r in plans_store.list_plans(db, OWNER)}
    assert count(db, "plans") == 3


def test_unknown_ids_raise_not_found(db):
    with pytest.raises(NotFoundError) as caught:
        plans_store.load_version(db, OWNER, 404)
    assert caught.value.key == "db.version_not_found"
    with pytest.raises(NotFoundError):
        plans_store.get_document(db, OWNER, 404)
    with pytest.raises(NotFoundError):
        plans_store.delete_plan(db, OWNER, 404)


INJECTIONS = [
    "x'); DROP TABLE plans; --",
    "Robert'); DELETE FROM roles WHERE ('1'='1",
    '" OR 1=1 --',
    "%_\\%' OR ''='",
    "; UPDATE versions SET status = 'published'; --",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_sql_in_titles_and_names_is_stored_and_read_back_verbatim(db, text):
    plan = Plan(
        title=text,
        roles=(Role("r1", text, aliases=(text,), responsibilities=(text,)),),
        steps=(Step("s1", text, text, roles=("r1",), notifies=(text,), source=Source(1, text)),),
        warnings=(text,),
    )
    result = import_one(db, plan, data=text.encode())
    assert plans_store.load_version(db, OWNER, result.version_id) == plan
    assert [r.title for r in plans_store.list_plans(db, OWNER, search=text)] == [text]
    assert count(db, "plans") == 1 and count(db, "roles") == 1


def test_search_wildcards_match_only_themselves(db):
    import_one(db, Plan(title="100% 完成率"), data=b"a")
    import_one(db, Plan(title="普通预案"), data=b"b")
    assert [r.title for r in plans_store.list_plans(db, OWNER, search="%")] == ["100% 完成率"]
    assert plans_store.list_plans(db, OWNER, search="_") == []
