"""A role's contact numbers (phone, duty phone) on a real DuckDB file: stored with the plan,
read back after the file is closed and opened again, kept by a save, refused when not numbers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db import connection, plans_store
from i18n import t
from plans.errors import PlanValidationError
from plans.model import Plan, Role, Step, replace
from tests.actors import OWNER

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


def contact_plan() -> Plan:
    return Plan(
        title="某区防汛应急预案",
        roles=(
            Role("r1", "区防汛指挥部", phone="0532-88881234", duty_phone="0532-88880000 转 801"),
            Role("r2", "区应急管理局", duty_phone="(0532) 8666 1111"),
            Role("r3", "抢险组"),
        ),
        steps=(
            Step("s1", "报告", "抢险组立即报告区应急管理局。", roles=("r3",), notifies=("r2",)),
        ),
    )


def test_contact_numbers_survive_closing_and_opening_the_database_file(database):
    path = database
    db = connection.connect(path)
    result = plans_store.import_plan(
        db, OWNER, contact_plan(), document=b"doc", filename="防汛.docx", now=NOW
    )
    db.close()
    db = connection.connect(path)
    try:
        roles = plans_store.load_version(db, OWNER, result.version_id).roles
    finally:
        db.close()
    assert [(r.phone, r.duty_phone) for r in roles] == [
        ("0532-88881234", "0532-88880000 转 801"),
        ("", "(0532) 8666 1111"),
        ("", ""),
    ]


def test_a_saved_change_of_a_duty_phone_is_read_back(database):
    db = connection.connect(database)
    result = plans_store.import_plan(
        db, OWNER, contact_plan(), document=b"doc", filename="防汛.docx", now=NOW
    )
    plan = contact_plan()
    changed = replace(plan, roles=(replace(plan.roles[0], duty_phone="12345"), *plan.roles[1:]))
    plans_store.save_version(db, OWNER, result.version_id, changed, expected_revision=1, now=NOW)
    assert plans_store.load_version(db, OWNER, result.version_id).roles[0].duty_phone == "12345"
    db.close()


def test_the_store_refuses_a_name_where_a_phone_number_should_be(database):
    db = connection.connect(database)
    plan = contact_plan()
    bad = replace(plan, roles=(replace(plan.roles[0], phone="找张科长"), *plan.roles[1:]))
    with pytest.raises(PlanValidationError) as caught:
        plans_store.import_plan(db, OWNER, bad, document=b"doc", filename="防汛.docx", now=NOW)
    assert caught.value.key == "plan.invalid.bad_phone"
    message = t(caught.value.key, lang="zh", **caught.value.params)
    assert "区防汛指挥部" in message and "找张科长" in message
    assert plans_store.list_plans(db, OWNER) == []  # nothing half-stored
    db.close()
