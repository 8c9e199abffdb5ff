"""A first administrator sets up outside demo mode, on a real DuckDB file: creates units, puts
accounts in them and moves plans between them, each change audited, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher

from access import passwords
from access.errors import NotAllowedError
from access.policy import SYSTEM
from db import accounts_seed, audit_store, connection, plans_store, units_store, users_store
from db.errors import NotFoundError, StoreError
from i18n import t
from services import accounts
from tests.sample_plans import chemical_plan, english_plan

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
PASSWORD = "Quiet-Harbour-Lantern-73"
PARK = "滨江化工园区"
PORT = "临港物流园区"


@pytest.fixture
def db(database, monkeypatch):
    monkeypatch.setattr(passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    conn = connection.connect(database)
    yield conn
    conn.close()


@pytest.fixture
def admin(db):
    """The first administrator of a start outside demo mode: no unit, password changed."""
    password = accounts_seed.prepare_accounts(db, demo=False, now=NOW)
    first = accounts.sign_in(db, "admin", password, now=NOW)
    accounts.change_password(db, first, password, PASSWORD, now=NOW)
    return users_store.act_as(db, "admin")


def account(db, name: str, role: str, unit: str = "") -> int:
    return users_store.create_user(
        db, SYSTEM, name, PASSWORD, roles={role}, unit=unit, must_change=False, now=NOW
    )


def audit(db, action: str) -> list:
    return [e for e in audit_store.search_audit(db, SYSTEM) if e.action == action]


def test_the_first_administrator_has_no_unit_and_everything_to_set_up(db, admin):
    assert admin.unit == "" and units_store.list_units(db, admin) == []
    status = units_store.setup_status(db, admin)
    assert (status.units, status.plan_owners, status.approvers) == (0, 0, 0)
    assert status.accounts_without_unit == () and status.plans_without_unit == 0
    assert not status.complete


def test_an_admin_creates_an_empty_unit_once_and_it_is_audited(db, admin):
    assert units_store.create_unit(db, admin, "  临港   物流园区 ", now=NOW) == "临港 物流园区"
    assert units_store.create_unit(db, admin, PARK, now=NOW) == PARK
    assert [(u.name, u.users, u.plans) for u in units_store.list_units(db, admin)] == [
        ("临港 物流园区", 0, 0),
        (PARK, 0, 0),
    ]
    with pytest.raises(StoreError) as caught:
        units_store.create_unit(db, admin, f" {PARK}", now=NOW)
    assert caught.value.key == "units.duplicate"
    [entry, _] = audit(db, "unit.create")
    assert (entry.actor, entry.entity, entry.after) == ("admin", "unit", {"unit": PARK})


@pytest.mark.parametrize("name", ["", "   ", "x" * 65, "园区\u202eevil", "园区\x00", "a\tb\nc\x07"])
def test_a_unit_name_that_is_empty_too_long_or_holds_control_characters_is_refused(db, admin, name):
    with pytest.raises(StoreError) as caught:
        units_store.create_unit(db, admin, name, now=NOW)
    assert caught.value.key == "units.bad_name"
    assert "64" in t(caught.value.key, lang="en", **caught.value.params)
    assert units_store.list_units(db, admin) == []


def test_units_named_by_accounts_and_plans_are_units_too(db, admin):
    account(db, "wang", "plan_owner", PARK)
    owner = users_store.act_as(db, "wang")
    plans_store.import_plan(db, owner, chemical_plan(), document=b"a", filename="a.docx", now=NOW)
    units = units_store.list_units(db, admin)
    assert [(u.name, u.users, u.plans) for u in units] == [(PARK, 1, 1)]


def test_only_an_admin_sees_creates_assigns_and_moves(db, admin):
    units_store.create_unit(db, admin, PARK, now=NOW)
    user_id = account(db, "wang", "plan_owner")
    for role in ("plan_owner", "manager", "approver"):
        account(db, f"x_{role}", role, PARK)
        someone = users_store.act_as(db, f"x_{role}")
        with pytest.raises(NotAllowedError):
            units_store.list_units(db, someone)
        with pytest.raises(NotAllowedError):
            units_store.create_unit(db, someone, PORT, now=NOW)
        with pytest.raises(NotAllowedError):
            units_store.assign_users(db, someone, PARK, [user_id], now=NOW)
        with pytest.raises(NotAllowedError):
            units_store.move_plans(db, someone, [], PARK, now=NOW)
        with pytest.raises(NotAllowedError):
            units_store.setup_status(db, someone)
    assert users_store.get_user(db, admin, user_id).unit == ""


def test_accounts_are_put_in_a_unit_together_and_each_change_is_audited(db, admin):
    units_store.create_unit(db, admin, PARK, now=NOW)
    ids = [account(db, "wang", "plan_owner"), account(db, "li", "approver", PORT)]
    assert units_store.assign_users(db, admin, PARK, ids, now=NOW) == 2
    assert [users_store.get_user(db, admin, i).unit for i in ids] == [PARK, PARK]
    assert units_store.assign_users(db, admin, PARK, ids, now=NOW) == 0  # already there
    changes = {e.entity_id: (e.before["unit"], e.after["unit"]) for e in audit(db, "user.update")}
    assert changes == {str(ids[0]): ("", PARK), str(ids[1]): (PORT, PARK)}
    assert users_store.act_as(db, "wang").unit == PARK  # the next page load sees it


def test_putting_accounts_in_an_unknown_unit_or_an_unknown_account_changes_nobody(db, admin):
    units_store.create_unit(db, admin, PARK, now=NOW)
    user_id = account(db, "wang", "plan_owner")
    with pytest.raises(NotFoundError) as caught:
        units_store.assign_users(db, admin, "没有的单位", [user_id], now=NOW)
    assert caught.value.key == "units.not_found"
    with pytest.raises(NotFoundError):
        units_store.assign_users(db, admin, PARK, [user_id, 9999], now=NOW)
    assert users_store.get_user(db, admin, user_id).unit == ""
    assert audit(db, "user.update") == []


def test_a_plan_the_admin_imported_reaches_the_plan_owners_once_moved_to_their_unit(db, admin):
    first = plans_store.import_plan(
        db, admin, chemical_plan(), document=b"zh", filename="zh.docx", now=NOW
    )
    second = plans_store.import_plan(
        db, admin, english_plan(), document=b"en", filename="en.docx", now=NOW
    )
    units_store.create_unit(db, admin, PARK, now=NOW)
    account(db, "wang", "plan_owner", PARK)
    owner = users_store.act_as(db, "wang")
    assert plans_store.list_plans(db, owner) == []  # the reported trap: imported into no unit
    assert units_store.setup_status(db, admin).plans_without_unit == 2

    moved = units_store.move_plans(db, admin, [first.plan_id, second.plan_id], PARK, now=NOW)
    assert moved == 2
    assert {p.plan_id for p in plans_store.list_plans(db, owner)} == {
        first.plan_id,
        second.plan_id,
    }
    places = units_store.plan_places(db, admin)
    assert {(p.plan_id, p.unit) for p in places} == {(first.plan_id, PARK), (second.plan_id, PARK)}
    entries = audit(db, "plan.set_unit")
    assert {(e.entity_id, e.before["unit"], e.after["unit"]) for e in entries} == {
        (str(first.plan_id), "", PARK),
        (str(second.plan_id), "", PARK),
    }


def test_moving_plans_is_all_or_nothing(db, admin):
    units_store.create_unit(db, admin, PARK, now=NOW)
    plan = plans_store.import_plan(
        db, admin, chemical_plan(), document=b"zh", filename="zh.docx", now=NOW
    )
    with pytest.raises(NotFoundError):
        units_store.move_plans(db, admin, [plan.plan_id, 9999], PARK, now=NOW)
    with pytest.raises(NotFoundError) as caught:
        units_store.move_plans(db, admin, [plan.plan_id], PORT, now=NOW)
    assert caught.value.key == "units.not_found"
    plans_store.delete_plan(db, admin, plan.plan_id, now=NOW)
    with pytest.raises(NotFoundError):  # a plan in the bin is not moved
        units_store.move_plans(db, admin, [plan.plan_id], PARK, now=NOW)
    assert [p.unit for p in units_store.plan_places(db, admin)] == []
    assert audit(db, "plan.set_unit") == []


def test_the_setup_is_complete_once_units_people_and_plans_are_in_place(db, admin):
    plan = plans_store.import_plan(
        db, admin, chemical_plan(), document=b"zh", filename="zh.docx", now=NOW
    )
    units_store.create_unit(db, admin, PARK, now=NOW)
    ids = [account(db, "wang", "plan_owner"), account(db, "li", "approver")]
    account(db, "root2", "admin")  # an administrator needs no unit
    status = units_store.setup_status(db, admin)
    assert status.units == 1 and status.accounts_without_unit == ("li", "wang")
    assert (status.plan_owners, status.approvers) == (0, 0)  # they have no unit yet
    units_store.assign_users(db, admin, PARK, ids, now=NOW)
    assert not units_store.setup_status(db, admin).complete  # the plan has no unit yet
    units_store.move_plans(db, admin, [plan.plan_id], PARK, now=NOW)
    status = units_store.setup_status(db, admin)
    assert (status.plan_owners, status.approvers, status.plans_without_unit) == (1, 1, 0)
    assert status.complete


def test_demo_accounts_do_not_count_as_the_people_of_a_real_setup(db, admin):
    accounts_seed.seed_demo_accounts(db, now=NOW)
    accounts_seed.retire_demo_accounts(db, now=NOW)
    status = units_store.setup_status(db, admin)
    assert (status.plan_owners, status.approvers, status.accounts_without_unit) == (0, 0, ())
