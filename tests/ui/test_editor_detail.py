"""Page tests of the editor's steps grid and detail panel: an edit keeps the grid (same widget
key, so the browser keeps its scroll position), selects the edited step, and the detail panel
shows and edits the selected step whole."""

from __future__ import annotations

import pytest

from db import plans_store
from i18n import t
from tests.ui.conftest import USERS, page
from ui.step_grid import grid_key


def grid_edit(at, edited: dict) -> None:
    at.session_state[grid_key(at.session_state["work"], "")] = {
        "edited_rows": edited,
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception


def steps_of(at) -> dict[str, dict]:
    return {s["id"]: s for s in at.session_state["work"]["plan"]["steps"]}


def texts(at) -> str:
    return "\n".join(e.value for e in [*at.markdown, *at.caption])


@pytest.fixture
def editor(seeded):
    at = page("editor", version_id=seeded["zh"].version_id).run()
    assert not at.exception, at.exception
    return at


def test_a_grid_edit_keeps_the_grid_and_selects_the_edited_step(editor):
    key = grid_key(editor.session_state["work"], "")
    grid_edit(editor, {2: {"roles": ["r2"]}})
    assert steps_of(editor)["s3"]["roles"] == ["r2"]
    assert grid_key(editor.session_state["work"], "") == key  # the same widget: no jump
    assert editor.session_state["editor_step"] == "s3"
    assert editor.multiselect(key="detail_roles_s3").value == ["r2"]
    assert "指挥部办公室" in editor.get("graphviz_chart")[0].proto.spec


def test_the_same_edit_sent_again_changes_nothing_more(editor):
    grid_edit(editor, {2: {"roles": ["r2"]}})
    undo_depth = len(editor.session_state["work"]["undo"])
    grid_edit(editor, {2: {"roles": ["r2"]}, 0: {"name": "报告险情"}})
    assert len(editor.session_state["work"]["undo"]) == undo_depth + 1
    assert steps_of(editor)["s1"]["name"] == "报告险情"


def test_the_detail_panel_shows_the_selected_step_whole(editor):
    editor.selectbox(key="editor_step").set_value("s3").run()
    shown = texts(editor)
    assert "抢险救援组立即关闭泄漏阀门。" in editor.text_area(key="detail_text_s3").value
    assert t("editor.detail_source", lang="zh", block=10) in shown  # its source paragraph
    assert "抢险救援组立即关闭泄漏阀门。" in shown
    owners = editor.multiselect(key="detail_roles_s3")
    assert owners.value == ["r3"] and "抢险救援组" in owners.options
    after = editor.multiselect(key="detail_after_s3")
    assert after.value == ["s2"]
    # predecessors by name
    assert t("common.bracketed", text="启动应急响应", aside="s2") in after.options
    assert editor.multiselect(key="detail_levels_s3").value == ["I", "II"]
    assert editor.number_input(key="detail_time_limit_min_s3").value == 60
    assert editor.selectbox(key="detail_time_from_s3").value == "T0"
    assert editor.selectbox(key="detail_phase_s3").value == "disposal"


def test_the_detail_panel_edits_the_step_and_saving_stores_it(editor, conn, seeded):
    editor.selectbox(key="editor_step").set_value("s2").run()
    editor.multiselect(key="detail_roles_s2").set_value(["r2", "r1"]).run()
    editor.selectbox(key="detail_phase_s2").set_value("command").run()
    editor.number_input(key="detail_time_limit_min_s2").set_value(15).run()
    editor.selectbox(key="detail_time_from_s2").set_value("trigger").run()
    editor.number_input(key="detail_frequency_min_s2").set_value(60).run()
    assert not editor.exception, editor.exception
    editor.button(key="editor_save").click().run()
    stored = plans_store.load_version(conn, USERS["owner"], seeded["zh"].version_id).step("s2")
    assert stored.roles == ("r2", "r1") and stored.phase == "command"
    assert (stored.time_limit_min, stored.time_from, stored.frequency_min) == (15, "trigger", 60)
    assert editor.session_state["work"]["revision"] == 2


def test_a_grid_edit_shows_in_the_detail_panel_of_that_step(editor):
    editor.selectbox(key="editor_step").set_value("s1").run()
    grid_edit(editor, {0: {"time_limit_min": 5.0}})
    assert editor.number_input(key="detail_time_limit_min_s1").value == 5


def test_undo_brings_the_step_back_in_grid_and_panel(editor):
    key = grid_key(editor.session_state["work"], "")
    grid_edit(editor, {0: {"roles": ["r3"]}})
    editor.button(key="editor_undo").click().run()
    assert steps_of(editor)["s1"]["roles"] == ["r2"]
    assert grid_key(editor.session_state["work"], "") != key  # its pending edit is dropped
    assert editor.multiselect(key="detail_roles_s1").value == ["r2"]


def test_a_step_is_added_after_the_selected_one_and_deleted_again(editor):
    editor.selectbox(key="editor_step").set_value("s2").run()
    editor.button(key="detail_add").click().run()
    ids = [s["id"] for s in editor.session_state["work"]["plan"]["steps"]]
    assert ids == ["s1", "s2", "s5", "s3", "s4"]
    assert editor.session_state["editor_step"] == "s5"
    editor.button(key="detail_delete").click().run()
    assert [s["id"] for s in editor.session_state["work"]["plan"]["steps"]] == [
        "s1",
        "s2",
        "s3",
        "s4",
    ]


def test_the_grid_shows_empty_cells_empty_and_the_common_columns_only(editor):
    frame = editor.dataframe[0].value
    assert not frame.isin(["None"]).any().any()
    proto = editor.dataframe[0].proto
    assert proto.placeholder == ""
    assert list(proto.column_order) == ["id", "name", "roles", "phase", "time_limit_min"]
    editor.toggle(key="editor_all_columns").set_value(True).run()
    assert "text" in list(editor.dataframe[0].proto.column_order)


def test_a_refused_grid_edit_says_why_and_keeps_the_plan_and_the_grid(editor):
    key = grid_key(editor.session_state["work"], "")
    grid_edit(editor, {0: {"after": ["s1"]}})
    refused = t("plan.invalid.after_self", step="报告事故信息")
    assert editor.error and refused in editor.error[0].value
    assert steps_of(editor)["s1"]["after"] == []
    assert grid_key(editor.session_state["work"], "") == key
    grid_edit(editor, {0: {"after": []}})  # put right in the grid: the message goes
    assert not editor.error
