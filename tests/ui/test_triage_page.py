"""The editor's Sections view: the outline with kinds and counts, and a section read again."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import plans_store
from i18n import t
from plans.extract import import_document
from plans.model import plan_from_dict
from tests.ui.conftest import NOW, USERS, page

PLAN_FILE = Path(__file__).resolve().parents[1] / "data" / "plans" / "zh_enterprise_onsite.txt"


@pytest.fixture
def imported(conn):
    data = PLAN_FILE.read_bytes()
    plan = import_document(data, PLAN_FILE.name)
    stored = plans_store.import_plan(
        conn, USERS["owner"], plan, document=data, filename=PLAN_FILE.name, now=NOW
    )
    return stored, plan


def _sections_view(version_id):
    at = page("editor", version_id=version_id).run()
    at.radio(key="editor_view").set_value("sections").run()
    return at


def test_the_outline_shows_each_sections_kind_and_counts(imported):
    stored, _ = imported
    at = _sections_view(stored.version_id)
    assert not at.exception
    table = at.dataframe[0].value
    headings = list(table[t("common.title")])
    assert any("3.2 响应程序" in h for h in headings)
    row = headings.index(next(h for h in headings if "3.2 响应程序" in h))
    assert table[t("common.kind")][row] == t("section.kind.response")
    assert table[t("triage.col_steps")][row] == 4


def test_a_section_read_again_as_duties_drops_its_steps_and_can_be_undone(imported):
    stored, plan = imported
    sec = next(s for s in plan.sections if s.heading == "3.2 响应程序")
    at = _sections_view(stored.version_id)
    at.selectbox(key="triage_section").set_value(sec.id).run()
    at.selectbox(key=f"triage_kind_{sec.id}").set_value("organisation").run()
    at.button(key=f"triage_apply_{sec.id}").click().run()
    assert not at.exception
    work = plan_from_dict(at.session_state["work"]["plan"])
    assert len(work.steps) == len(plan.steps) - 4
    assert any(
        t("triage.done", section=sec.heading, removed=4, added=0) in i.value for i in at.info
    )
    at.button(key="editor_undo").click().run()
    assert len(plan_from_dict(at.session_state["work"]["plan"]).steps) == len(plan.steps)


def test_a_version_in_review_shows_the_outline_without_triage(imported, conn):
    stored, _ = imported
    plans_store.submit_for_review(conn, USERS["owner"], stored.version_id, now=NOW)
    at = _sections_view(stored.version_id)
    assert at.dataframe
    assert not any(str(s.key) == "triage_section" for s in at.selectbox)


def test_the_import_preview_triages_a_section_before_saving(conn):
    at = page("import").run()
    at.get("file_uploader")[0].upload(PLAN_FILE.name, PLAN_FILE.read_bytes(), "text/plain")
    at.run()
    assert not at.exception, at.exception
    before = plan_from_dict(at.session_state["import_preview"]["plan"])
    sec = next(s for s in before.sections if s.heading == "3.2 响应程序")
    at.selectbox(key="triage_section").set_value(sec.id).run()
    at.selectbox(key=f"triage_kind_{sec.id}").set_value("organisation").run()
    at.button(key=f"triage_apply_{sec.id}").click().run()
    assert not at.exception, at.exception
    after = plan_from_dict(at.session_state["import_preview"]["plan"])
    assert len(after.steps) == len(before.steps) - 4
    at.button(key="import_save").click().run()
    stored = plans_store.load_version(conn, USERS["owner"], at.session_state["version_id"])
    assert len(stored.steps) == len(after.steps)
    assert next(s for s in stored.sections if s.id == sec.id).kind == "organisation"
