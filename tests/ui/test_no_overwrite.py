"""Forms that edit stored data open on the stored values and refuse a stale save: two sessions
of the same screen, the second saves, the first one's save is refused with a reload offer and
the stored data is what the second saved."""

from __future__ import annotations

from datetime import UTC, datetime

from streamlit.testing.v1 import AppTest

from db import drills_store
from i18n import t
from tests.integration.drills_world import design
from tests.ui import drill_pages


def open_page(world, name: str, user: str, **state) -> AppTest:
    at = drill_pages.open_page(world, name, user, **state)
    assert not at.exception, at.exception
    return at


def two_directors_drill(world, *, start: bool = True) -> int:
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world, directors=("director", "director2")), now=now
    )
    if start:
        drills_store.seal_drill(world.db, world.director, drill_id, now=now)
        drills_store.set_participants(world.db, world.director, drill_id, {"pat": ["r3"]}, now=now)
        drills_store.start_drill(world.db, world.director, drill_id, now=now)
    return drill_id


def field(at: AppTest, prefix: str):
    return next(w for w in at.text_input if str(w.key).startswith(prefix))


def messages(at: AppTest, kind: str) -> str:
    return "\n".join(str(e.value) for e in at.get(kind))


def test_the_roster_form_opens_on_the_stored_players(world):
    drill_id = two_directors_drill(world)
    at = open_page(world, "drill_console", "director", drill_id=drill_id)
    assert field(at, f"roster_{drill_id}_r3_").value == "pat"
    assert field(at, f"roster_{drill_id}_r1_").value == ""


def test_a_stale_roster_form_is_refused_and_the_roster_stays_whole(world):
    drill_id = two_directors_drill(world)
    first = open_page(world, "drill_console", "director", drill_id=drill_id)
    second = open_page(world, "drill_console", "director2", drill_id=drill_id)
    field(second, f"roster_{drill_id}_r2_").set_value("pat2")
    second.button(key="console_roster_save").click().run()
    assert not second.exception, second.exception
    assert field(second, f"roster_{drill_id}_r2_").value == "pat2"
    field(first, f"roster_{drill_id}_r1_").set_value("pat2")
    first.button(key="console_roster_save").click().run()
    assert not first.exception, first.exception
    assert t("drills_store.roster_conflict", updated_by="director2") in messages(first, "error")
    assert t("guard.changed_meanwhile") in messages(first, "warning")
    roster = drills_store.read_roster(world.db, world.director, drill_id)
    assert roster.players == {"r3": ("pat",), "r2": ("pat2",)}
    # the reload offer opens the form on what is stored now
    first.button(key=f"opened_roster_{drill_id}_reload").click().run()
    assert field(first, f"roster_{drill_id}_r2_").value == "pat2"
    assert t("guard.changed_meanwhile") not in messages(first, "warning")


def test_a_directors_own_roster_save_never_looks_like_someone_elses(world):
    drill_id = two_directors_drill(world)
    at = open_page(world, "drill_console", "director", drill_id=drill_id)
    field(at, f"roster_{drill_id}_r2_").set_value("pat2")
    at.button(key="console_roster_save").click().run()
    field(at, f"roster_{drill_id}_r1_").set_value("pat2")
    at.button(key="console_roster_save").click().run()
    assert not messages(at, "error") and t("guard.changed_meanwhile") not in messages(at, "warning")
    roster = drills_store.read_roster(world.db, world.director, drill_id)
    assert roster.players == {"r3": ("pat",), "r2": ("pat2",), "r1": ("pat2",)}


def test_a_stale_design_form_is_refused_and_keeps_the_other_directors_save(world):
    drill_id = two_directors_drill(world, start=False)
    first = open_page(world, "drill_design", "director", drill_id=drill_id)
    second = open_page(world, "drill_design", "director2", drill_id=drill_id)
    second.text_input(key="people_directors").set_value("director、director2")
    second.text_input(key="people_leads").set_value("")
    second.button(key="people_save").click().run()
    assert not second.exception, second.exception
    assert not messages(second, "error")
    first.button(key="people_save").click().run()  # its leads field still says "lead"
    assert not first.exception, first.exception
    assert t("drills_store.design_conflict", updated_by="director2", expected=1, actual=2) in (
        messages(first, "error")
    )
    assert t("guard.changed_meanwhile") in messages(first, "warning")
    stored = drills_store.load_design(world.db, world.director, drill_id)
    assert stored.evaluation_leads == ()
    first.button(key=f"opened_design_{drill_id}_reload").click().run()
    assert t("guard.changed_meanwhile") not in messages(first, "warning")


def test_a_directors_own_design_saves_never_look_like_someone_elses(world):
    drill_id = two_directors_drill(world, start=False)
    at = open_page(world, "drill_design", "director", drill_id=drill_id)
    at.text_input(key="people_leads").set_value("")
    at.button(key="people_save").click().run()
    at.text_input(key="people_leads").set_value("lead")
    at.button(key="people_save").click().run()
    assert not messages(at, "error") and t("guard.changed_meanwhile") not in messages(at, "warning")
    stored = drills_store.load_design(world.db, world.director, drill_id)
    assert stored.evaluation_leads == ("lead",)


def user_field(at: AppTest, kind: str, name: str):
    widgets = at.multiselect if kind == "multiselect" else at.selectbox
    return next(w for w in widgets if str(w.key).startswith("user_") and str(w.key).find(name) > 0)


def test_a_stale_account_form_is_refused_and_keeps_the_other_admins_change(conn):
    from db import users_store
    from tests.ui.conftest import USERS, page

    first = page("users", user="root", users_search="participant").run()
    second = page("users", user="root", users_search="participant").run()
    assert user_field(first, "multiselect", "_roles_").value == ["participant"]
    user_field(second, "multiselect", "_roles_").set_value(["participant", "evaluator"])
    second.button(key="users_edit_save").click().run()
    assert not second.exception and not messages(second, "error")
    user_field(first, "multiselect", "_roles_").set_value(["manager"])
    first.button(key="users_edit_save").click().run()
    assert not first.exception, first.exception
    assert t("users.changed_meanwhile", username="participant", updated_by="root") in messages(
        first, "error"
    )
    assert t("guard.changed_meanwhile") in messages(first, "warning")
    stored = users_store.get_user_by_name(conn, USERS["root"], "participant")
    assert stored.roles == {"participant", "evaluator"}
    # the session's own save moves the form on: a second save is not refused
    second.run()
    user_field(second, "multiselect", "_roles_").set_value(["evaluator"])
    second.button(key="users_edit_save").click().run()
    assert not messages(second, "error")
    assert t("guard.changed_meanwhile") not in messages(second, "warning")
    assert users_store.get_user_by_name(conn, USERS["root"], "participant").roles == {"evaluator"}
