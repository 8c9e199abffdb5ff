"""Page tests of the editor's roles and levels tables: a typed phone number is folded into the
working plan without rebuilding the table (same widget key, so the browser keeps its place),
saved to the store, and a name typed where a number belongs is refused with a translated
message; empty cells read empty."""

from __future__ import annotations

import pytest

import i18n
from db import plans_store
from i18n import t
from tests.ui.conftest import USERS, page
from ui.editor import table_key


def table_edit(at, kind: str, edited: dict) -> None:
    at.session_state[table_key(at.session_state["work"], kind)] = {
        "edited_rows": edited,
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception


def roles_of(at) -> dict[str, dict]:
    return {r["id"]: r for r in at.session_state["work"]["plan"]["roles"]}


@pytest.fixture
def speaking():
    """AppTest formats the page's option labels again in the test thread: speak its language."""
    yield i18n.set_language
    i18n.set_language("zh")


@pytest.fixture
def roles_view(seeded):
    at = page("editor", version_id=seeded["zh"].version_id)
    at.session_state["editor_view"] = "roles"
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_typed_duty_phone_keeps_the_table_and_is_saved(roles_view, conn, seeded):
    key = table_key(roles_view.session_state["work"], "roles")
    table_edit(roles_view, "roles", {1: {"duty_phone": "0532-88880000 转 801"}})
    assert roles_of(roles_view)["r2"]["duty_phone"] == "0532-88880000 转 801"
    assert table_key(roles_view.session_state["work"], "roles") == key  # same widget: no jump
    table = roles_view.dataframe[0]
    assert table.proto.editing_mode == table.proto.EditingMode.FIXED
    roles_view.button(key="editor_save").click().run()
    assert not roles_view.exception, roles_view.exception
    stored = plans_store.load_version(conn, USERS["owner"], seeded["zh"].version_id)
    assert stored.role("r2").duty_phone == "0532-88880000 转 801"


def test_the_same_edit_sent_again_changes_nothing_more(roles_view):
    table_edit(roles_view, "roles", {0: {"phone": "110"}})
    depth = len(roles_view.session_state["work"]["undo"])
    table_edit(roles_view, "roles", {0: {"phone": "110"}, 2: {"phone": "119"}})
    assert len(roles_view.session_state["work"]["undo"]) == depth + 1
    assert roles_of(roles_view)["r3"]["phone"] == "119"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_name_typed_as_a_phone_is_refused_in_the_users_language(seeded, speaking, lang):
    speaking(lang)
    at = page("editor", version_id=seeded["zh"].version_id, lang=lang)
    at.session_state["editor_view"] = "roles"
    at.run()
    table_edit(at, "roles", {0: {"phone": "找值班员"}})
    name = at.session_state["work"]["plan"]["roles"][0]["name"]
    expected = t("plan.invalid.bad_phone", lang=lang, name=name, value="找值班员")
    assert expected in [e.value for e in at.error]
    assert roles_of(at)["r1"]["phone"] == ""  # nothing taken
    table_edit(at, "roles", {0: {"phone": "110"}})  # corrected: taken, message gone
    assert roles_of(at)["r1"]["phone"] == "110"
    assert not at.error


def test_an_empty_parent_and_phone_read_empty_not_none(roles_view):
    table = roles_view.dataframe[0]
    frame = table.value
    assert frame["phone"].tolist() == [""] * len(frame)
    assert "None" not in frame["parent"].astype(str).tolist()


def test_a_level_renamed_in_its_table_keeps_the_table(seeded):
    at = page("editor", version_id=seeded["zh"].version_id)
    at.session_state["editor_view"] = "levels"
    at.run()
    key = table_key(at.session_state["work"], "levels")
    table_edit(at, "levels", {0: {"name": "一级响应"}})
    assert at.session_state["work"]["plan"]["levels"][0]["name"] == "一级响应"
    assert table_key(at.session_state["work"], "levels") == key


def test_the_add_button_adds_a_role_row(roles_view):
    before = len(roles_of(roles_view))
    roles_view.button(key="editor_add_role").click().run()
    assert not roles_view.exception, roles_view.exception
    roles = roles_view.session_state["work"]["plan"]["roles"]
    assert len(roles) == before + 1 and roles[-1]["name"] == t("editor.new_role", lang="zh")
