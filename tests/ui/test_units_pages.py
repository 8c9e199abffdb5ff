"""A first administrator sets up through the screens, outside demo mode: the home page's
checklist, the units page (create, put accounts in, move plans) and the import's unit choice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher

import bootstrap
from access import passwords
from access.policy import SYSTEM
from db import audit_store, connection, plans_store, units_store, users_store
from i18n import t
from tests.sample_plans import chemical_plan, fire_plan_docx
from tests.ui.conftest import USERS, page

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)  # before the sessions the tests open
PASSWORD = "Quiet-Harbour-Lantern-73"
PARK = "滨江化工园区"


@pytest.fixture
def first_start(tmp_path, monkeypatch):
    """A database as a start outside demo mode leaves it: one administrator, nothing else."""
    monkeypatch.setattr(passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    monkeypatch.setenv("PLANDRILL_DEMO", "0")
    db = connection.connect(tmp_path / "first.duckdb")
    monkeypatch.setattr(bootstrap, "get_db", lambda: db)
    USERS.clear()
    users_store.create_user(
        db, SYSTEM, "admin", PASSWORD, roles={"admin"}, must_change=False, now=NOW
    )
    USERS["admin"] = users_store.act_as(db, "admin")
    yield db
    db.close()


def add_account(db, name: str, role: str, unit: str = "") -> int:
    user_id = users_store.create_user(
        db, SYSTEM, name, PASSWORD, roles={role}, unit=unit, must_change=False, now=NOW
    )
    USERS[name] = users_store.act_as(db, name)
    return user_id


def checklist(at) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_admins_home_page_lists_what_is_left_to_set_up(first_start, lang):
    at = page("app", user="admin", lang=lang).run()
    assert not at.exception, at.exception
    assert t("setup.title", lang=lang) in [s.value for s in at.subheader]
    text = checklist(at)
    assert t("setup.progress", lang=lang, done=2, total=4) in text
    assert f":material/radio_button_unchecked: **{t('setup.units', lang=lang)}**" in text
    assert f":material/radio_button_unchecked: **{t('setup.people', lang=lang)}**" in text
    assert f":material/check_circle: **{t('setup.plans', lang=lang)}**" in text
    assert t("setup.network", lang=lang) in text


def test_the_checklist_follows_the_setup_and_goes_away_when_it_is_done(first_start):
    db, admin = first_start, USERS["admin"]
    plans_store.import_plan(db, admin, chemical_plan(), document=b"zh", filename="a.docx", now=NOW)
    add_account(db, "wang", "plan_owner")
    text = checklist(page("app", user="admin").run())
    assert t("setup.progress", done=0, total=4) in text
    assert t("setup.accounts_unit_help", names="wang") in text
    assert t("setup.plans_help", n=1) in text

    units_store.create_unit(db, admin, PARK, now=NOW)
    units_store.assign_users(db, admin, PARK, [USERS["wang"].user_id], now=NOW)
    add_account(db, "li", "approver", PARK)
    units_store.move_plans(
        db, admin, [p.plan_id for p in units_store.plan_places(db, admin)], PARK, now=NOW
    )
    at = page("app", user="admin").run()
    assert not at.exception, at.exception
    assert t("setup.title") not in [s.value for s in at.subheader]


def test_demo_mode_needs_no_setup_and_shows_no_checklist(first_start, monkeypatch):
    monkeypatch.setenv("PLANDRILL_DEMO", "1")
    at = page("app", user="admin").run()
    assert not at.exception, at.exception
    assert t("setup.title") not in [s.value for s in at.subheader]


def test_nobody_but_an_admin_sees_the_checklist_or_the_units_page(first_start):
    add_account(first_start, "wang", "plan_owner")
    home = page("app", user="wang").run()
    assert t("setup.title") not in [s.value for s in home.subheader]
    units = page("units", user="wang").run()
    assert units.error and not units.dataframe and not units.text_input


def test_an_admin_creates_a_unit_on_the_units_page(first_start):
    at = page("units", user="admin").run()
    at.text_input(key="units_new_name").set_value(f" {PARK} ")
    at.button(key="units_create_submit").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [t("units.created", unit=PARK)]
    assert at.dataframe[0].value[t("units.name")].tolist() == [PARK]
    at.text_input(key="units_new_name").set_value(PARK)
    at.button(key="units_create_submit").click().run()
    assert at.error and PARK in at.error[0].value
    assert [e.action for e in audit_store.search_audit(first_start, USERS["admin"])] == [
        "unit.create",
        "user.create",
    ]


def test_an_admin_puts_accounts_in_a_unit_and_moves_a_plan_there(first_start):
    db, admin = first_start, USERS["admin"]
    units_store.create_unit(db, admin, PARK, now=NOW)
    wang = add_account(db, "wang", "plan_owner")
    plan = plans_store.import_plan(
        db, admin, chemical_plan(), document=b"zh", filename="a.docx", now=NOW
    )
    at = page("units", user="admin").run()
    assert at.info and at.selectbox(key="units_pick").value == PARK
    people = at.multiselect(key=f"units_assign_{PARK}")
    people.set_value([o for o in people.options if o.startswith("wang")]).run()
    at.button(key="units_assign_submit").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [t("units.assigned", n=1, unit=PARK)]
    assert users_store.get_user(db, admin, wang).unit == PARK

    plans = at.multiselect(key=f"units_move_{PARK}")
    plans.set_value(plans.options).run()
    at.button(key="units_move_submit").click().run()
    assert [s.value for s in at.success] == [t("units.moved", n=1, unit=PARK)]
    owner = users_store.act_as(db, "wang")
    assert [p.plan_id for p in plans_store.list_plans(db, owner)] == [plan.plan_id]


def test_an_admin_without_units_is_asked_to_create_one_before_importing(first_start):
    at = page("import", user="admin").run()
    at.get("file_uploader")[0].upload("plan.docx", fire_plan_docx(), "application/octet-stream")
    at.run()
    assert not at.exception, at.exception
    assert t("import.unit_first") in [i.value for i in at.info]
    assert at.button(key="import_save").disabled


def test_an_admin_imports_into_the_unit_they_choose(first_start):
    db, admin = first_start, USERS["admin"]
    units_store.create_unit(db, admin, "临港物流园区", now=NOW)
    units_store.create_unit(db, admin, PARK, now=NOW)
    add_account(db, "wang", "plan_owner", PARK)
    at = page("import", user="admin").run()
    at.get("file_uploader")[0].upload("plan.docx", fire_plan_docx(), "application/octet-stream")
    at.run()
    at.selectbox(key="import_unit").set_value(PARK).run()
    at.button(key="import_save").click().run()
    assert not at.exception, at.exception
    assert [p.title for p in plans_store.list_plans(db, USERS["wang"])] == ["滨海仓库火灾应急预案"]


def test_a_plan_owner_imports_into_their_own_unit_without_a_choice(first_start):
    units_store.create_unit(first_start, USERS["admin"], PARK, now=NOW)
    add_account(first_start, "wang", "plan_owner", PARK)
    at = page("import", user="wang").run()
    at.get("file_uploader")[0].upload("plan.docx", fire_plan_docx(), "application/octet-stream")
    at.run()
    assert "import_unit" not in [s.key for s in at.selectbox]  # no unit to choose
    assert not at.button(key="import_save").disabled


def test_the_users_page_offers_the_units_to_choose_from_instead_of_a_free_text(first_start):
    db, admin = first_start, USERS["admin"]
    units_store.create_unit(db, admin, PARK, now=NOW)
    at = page("users", user="admin").run()
    box = at.selectbox(key="users_new_unit")
    assert box.options == [t("units.none"), PARK] and box.value == ""
    at.text_input(key="users_new_name").set_value("zhao")
    at.multiselect(key="users_new_roles").set_value(["approver"])
    box.set_value(PARK)
    at.button(key="users_create_submit").click().run()
    assert not at.exception, at.exception
    assert users_store.get_user_by_name(db, admin, "zhao").unit == PARK
