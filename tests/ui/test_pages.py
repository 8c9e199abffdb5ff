"""Page tests with AppTest: each screen against a real DuckDB file."""

from __future__ import annotations

import re

import pytest

from db import plans_store
from i18n import t
from tests.sample_plans import chemical_plan, fire_plan_docx
from tests.ui.conftest import NOW, USERS, all_text, page
from ui.text import md


def test_home_page_counts_the_stored_plans(seeded):
    at = page("app").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("common.plans")] == "2"
    assert metrics[t("status.draft")] == "2"


def test_home_page_opens_a_recent_plan(seeded):
    at = page("app").run()
    at.button(key=f"home_open_{seeded['zh'].plan_id}").click().run()
    assert at.session_state["version_id"] == seeded["zh"].version_id


def test_plans_list_searches_and_filters(seeded):
    at = page("plan_list").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 2
    at.text_input(key="plans_search").set_value("Warehouse").run()
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["Warehouse Fire On-site Procedure"]
    at.text_input(key="plans_search").set_value("").run()
    at.selectbox(key="plans_kind").set_value("special").run()
    assert list(at.dataframe[0].value.iloc[:, 0]) == ["示例化工泄漏应急预案"]


def test_deleting_a_plan_asks_first_and_can_be_undone(seeded, conn):
    at = page("plan_list").run()
    at.selectbox(key="plans_pick").set_value(
        next(o for o in at.selectbox(key="plans_pick").options if "Warehouse" in o)
    )
    at.run()
    at.button(key="plans_delete").click().run()
    asked = t("plans.confirm_delete", title=md("Warehouse Fire On-site Procedure"))
    assert asked in [w.value for w in at.warning]
    assert len(plans_store.list_plans(conn, USERS["owner"])) == 2
    at.button(key="plans_confirm_yes").click().run()
    assert len(plans_store.list_plans(conn, USERS["owner"])) == 1
    at.button(key="plans_undo").click().run()
    assert len(plans_store.list_plans(conn, USERS["owner"])) == 2


def test_import_previews_a_docx_and_saves_it_as_a_draft(conn):
    at = page("import").run()
    at.get("file_uploader")[0].upload("plan.docx", fire_plan_docx(), "application/octet-stream")
    at.run()
    assert not at.exception, at.exception
    assert not at.error
    labels = {m.label: m.value for m in at.metric}
    assert int(labels[t("common.steps")]) >= 3
    at.button(key="import_save").click().run()
    stored = plans_store.list_plans(conn, USERS["owner"])
    assert [s.title for s in stored] == ["滨海仓库火灾应急预案"]
    assert at.session_state["version_id"] == stored[0].latest_version_id


def test_importing_the_same_file_twice_is_detected(conn):
    data = fire_plan_docx()
    at = page("import").run()
    at.get("file_uploader")[0].upload("plan.docx", data, "application/octet-stream")
    at.run()
    at.button(key="import_save").click().run()
    again = page("import").run()
    again.get("file_uploader")[0].upload("copy.docx", data, "application/octet-stream")
    again.run()
    again.button(key="import_save").click().run()
    duplicate = t("db.duplicate_document", title="滨海仓库火灾应急预案")
    assert any(duplicate in w.value for w in again.warning)
    assert len(plans_store.list_plans(conn, USERS["owner"])) == 1


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".docx"),
        ("picture.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, ".docx"),
        ("broken.docx", b"PK\x03\x04broken", t("read.damaged")),
    ],
)
def test_bad_uploads_get_a_clear_message_and_nothing_is_stored(conn, name, data, expected):
    at = page("import").run()
    at.get("file_uploader")[0].upload(name, data, "application/octet-stream")
    at.run()
    assert not at.exception
    assert at.error and expected in at.error[0].value
    assert plans_store.list_plans(conn, USERS["owner"]) == []


def _steps_key(at) -> str:
    """The key of the steps data_editor (stable across cell edits: ui/step_grid.py)."""
    from ui.step_grid import grid_key

    return grid_key(at.session_state["work"], at.session_state["editor_filter"] or "")


def test_editing_a_step_changes_the_chart_and_saving_stores_it(seeded, conn):
    version = seeded["zh"].version_id
    at = page("editor", version_id=version).run()
    assert not at.exception, at.exception
    before = at.get("graphviz_chart")[0].proto.spec
    assert "关闭泄漏阀门" in before
    at.session_state[_steps_key(at)] = {
        "edited_rows": {2: {"name": "封堵泄漏点"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    after = at.get("graphviz_chart")[0].proto.spec
    assert "封堵泄漏点" in after and "封堵泄漏点" not in before
    at.button(key="editor_save").click().run()
    stored = plans_store.load_version(conn, USERS["owner"], version)
    assert stored.step("s3").name == "封堵泄漏点"


def test_an_impossible_edit_is_refused_with_a_message(seeded, conn):
    at = page("editor", version_id=seeded["zh"].version_id).run()
    at.session_state[_steps_key(at)] = {
        "edited_rows": {0: {"after": ["s1"]}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert at.error and t("plan.invalid.after_self", step="报告事故信息") in at.error[0].value
    assert (
        plans_store.load_version(conn, USERS["owner"], seeded["zh"].version_id).step("s1").after
        == ()
    )


def test_two_people_saving_the_same_draft_do_not_overwrite_each_other(seeded, conn):
    version = seeded["zh"].version_id
    first = page("editor", version_id=version).run()
    second = page("editor", version_id=version).run()
    for at, name in ((first, "甲的修改"), (second, "乙的修改")):
        at.session_state[_steps_key(at)] = {
            "edited_rows": {0: {"name": name}},
            "added_rows": [],
            "deleted_rows": [],
        }
        at.run()
    first.button(key="editor_save").click().run()
    second.button(key="editor_save").click().run()
    assert second.error
    assert plans_store.load_version(conn, USERS["owner"], version).step("s1").name == "甲的修改"


def test_deleting_a_step_can_be_undone(seeded):
    at = page("editor", version_id=seeded["zh"].version_id).run()
    at.session_state[_steps_key(at)] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [1]}
    at.run()
    assert "启动应急响应" not in at.get("graphviz_chart")[0].proto.spec
    at.button(key="editor_undo").click().run()
    assert "启动应急响应" in at.get("graphviz_chart")[0].proto.spec


def test_a_check_finding_jumps_to_its_row(seeded, conn):
    at = page("editor", version_id=seeded["zh"].version_id).run()
    at.session_state[_steps_key(at)] = {
        "edited_rows": {1: {"roles": []}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.radio(key="editor_view").set_value("checks").run()
    jumps = [b for b in at.button if str(b.key).startswith("jump_")]
    assert jumps
    jumps[0].click().run()
    assert at.session_state["editor_view"] in ("steps", "roles", "levels")
    assert at.session_state["editor_filter"]


def test_published_versions_are_read_only_and_versions_page_approves(seeded, conn):
    version = seeded["zh"].version_id
    at = page("versions", version_id=version).run()
    assert not at.exception, at.exception
    at.button(key="versions_submit").click().run()
    assert not any(str(b.key) == "versions_approve" for b in at.button)  # owners do not approve
    approver = page("versions", user="approver", version_id=version).run()
    approver.button(key="versions_approve").click().run()
    assert plans_store.version_info(conn, USERS["owner"], version).status == "published"
    editor = page("editor", version_id=version).run()
    assert t("editor.read_only_published") in [i.value for i in editor.info]
    assert not any(str(b.key) == "editor_save" for b in editor.button)


def test_versions_page_shows_a_diff_between_versions(seeded, conn):
    version = seeded["zh"].version_id
    plans_store.submit_for_review(conn, USERS["owner"], version, now=NOW)
    plans_store.approve(conn, USERS["approver"], version, now=NOW)
    draft = plans_store.new_draft(
        conn, USERS["owner"], seeded["zh"].plan_id, from_version_id=version, now=NOW
    )
    info = plans_store.version_info(conn, USERS["owner"], draft)
    plan = plans_store.load_version(conn, USERS["owner"], draft)
    from dataclasses import replace

    changed = replace(plan, steps=plan.steps[:-1])
    plans_store.save_version(
        conn, USERS["owner"], draft, changed, expected_revision=info.revision, now=NOW
    )
    at = page("versions", version_id=draft).run()
    assert not at.exception, at.exception
    table = at.dataframe[-1].value
    assert "宣布响应终止" in table.to_string()


# the language switch itself, and data: the unit's name, the Chinese sample plan's title
ALLOWED_CJK = (t("common.language"), t("ui.language_name"), "滨江化工园区", "示例化工泄漏应急预案")


@pytest.mark.parametrize(
    "name",
    ["app", "plan_list", "import", "editor", "versions", "account", "drill_list", "users", "audit"],
)
def test_every_page_speaks_english_when_asked(seeded, name):
    """In English, no Chinese is left on a page showing English data (every screen in
    zh-CN and English)."""
    user = "root" if name in ("users", "audit") else "owner"
    at = page(name, user=user, lang="en", version_id=seeded["en"].version_id).run()
    assert not at.exception, at.exception
    text = all_text(at)
    for allowed in ALLOWED_CJK:
        text = text.replace(allowed, "")
    assert "⟦" not in text
    leftover = re.findall(r"[\u4e00-\u9fff]+", text)
    assert not leftover, leftover


def test_the_versions_page_offers_the_plan_as_word_json_and_the_original(seeded):
    at = page("versions", version_id=seeded["zh"].version_id).run()
    keys = {b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")}
    assert {"versions_json", "versions_original"} <= keys
    # the Word plan is made when asked for, then offered as a file (never a deferred one)
    at.button(key="versions_word_prepare").click().run()
    assert not at.exception, at.exception
    assert len(at.get("download_button")) >= 3


@pytest.mark.parametrize(("user", "first"), [("participant", "PageLink"), ("owner", "Block")])
def test_people_who_only_take_part_in_drills_see_their_task_first(conn, user, first):
    at = page("app", user=user).run()
    # Html: the page guard's style sheet (ui/streamlit_texts.py), which shows nothing
    kinds = [type(e).__name__ for e in at.main if type(e).__name__ not in ("SpecialBlock", "Html")]
    assert kinds[:3] == ["Title", "Caption", "Subheader" if first == "PageLink" else "Block"]
    if first == "PageLink":  # the drill section, with the participant's task, comes first
        assert kinds[3] == "PageLink" and at.subheader[0].value == t("nav.drills")


def test_the_chart_goes_below_the_table_by_default_when_the_plan_has_many_roles(conn):
    from plans.model import Role, replace

    owner = USERS["owner"]
    few = chemical_plan("三个角色的预案")
    many = replace(
        few,
        title="五个角色的预案",
        roles=(*few.roles, Role("r4", "医疗救护组"), Role("r5", "后勤保障组")),
    )
    small = plans_store.import_plan(conn, owner, few, document=b"few", filename="a.docx", now=NOW)
    large = plans_store.import_plan(conn, owner, many, document=b"many", filename="b.docx", now=NOW)
    assert not page("editor", version_id=small.version_id).run().toggle[0].value
    assert page("editor", version_id=large.version_id).run().toggle[0].value


def test_the_pages_read_and_write_the_engine_under_test(conn, ui_database):
    import bootstrap
    from db.dialect import DUCKDB, POSTGRES, engine_of

    expected = POSTGRES if str(ui_database).startswith("postgresql") else DUCKDB
    assert engine_of(bootstrap.get_db()) == engine_of(conn) == expected
