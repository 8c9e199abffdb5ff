"""Page tests of the plan-revision screens: the plans due for revision on
the plan list, the revision flags in the editor, and the revision record with the revised plan in
Word on the versions page, against a real DuckDB file."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import app_test

from access.policy import SYSTEM
from db import drills_store, findings_store, plans_store, revision_store, users_store
from drills.findings import Finding
from i18n import t
from tests.integration.drills_world import World, at, design
from tests.ui.conftest import NOW, PASSWORD, UNIT, USERS, all_text, page

DRILL_ACCOUNTS = {
    "director": "drill_director",
    "lead": "evaluation_lead",
    "eva": "evaluator",
    "evb": "evaluator",
}
REPORT_LATE = Finding(
    "missed-c1",
    "接报后未按时报告指挥部",
    "c1 未完成",
    (),
    "plan_defect",
    "deficiency",
    step_id="s1",
    role_id="r2",
    status="accepted",
    kind="missed",
    item_id="c1",
)
RESCUE_ROLE = Finding(
    "manual-1", "抢险救援组职责不清", cause="plan_defect", grade="must_fix", role_id="r3"
)
TRAINING = Finding("late-c2", "启动响应迟缓", cause="training", grade="must_fix", step_id="s2")
# data on the English screens: the plan, its steps and roles, and the findings are Chinese
DATA = (
    REPORT_LATE.title,
    RESCUE_ROLE.title,
    t("common.language"),
    t("ui.language_name"),
    UNIT,
    "示例化工泄漏应急预案",
    "报告事故信息",
    "抢险救援组",
    "时限已缩短",
    "指挥部办公室接报后10分钟内报告指挥部。",
)


@pytest.fixture
def drill(conn, seeded) -> int:
    """The Chinese plan is published; a drill on it ended with an accepted plan-defect deficiency
    on step s1, a proposed must-fix on role r3 and a training finding; the lead's acceptance
    marked the plan due for revision."""
    version_id = seeded["zh"].version_id
    plans_store.submit_for_review(conn, USERS["owner"], version_id, NOW)
    plans_store.approve(conn, USERS["approver"], version_id, NOW)
    for name, role in DRILL_ACCOUNTS.items():
        users_store.create_user(
            conn, SYSTEM, name, PASSWORD, roles={role}, unit=UNIT, must_change=False, now=NOW
        )
        USERS[name] = users_store.act_as(conn, name)
    world = World(conn, Path(), version_id, dict(USERS))
    drill_id = drills_store.create_drill(conn, USERS["director"], design(world), now=at(-60))
    drills_store.seal_drill(conn, USERS["director"], drill_id, now=at(-30))
    drills_store.start_drill(conn, USERS["director"], drill_id, now=at(0))
    drills_store.end_drill(conn, USERS["director"], drill_id, now=at(90))
    lead = USERS["lead"]
    proposals = [replace(REPORT_LATE, status="proposed"), RESCUE_ROLE, TRAINING]
    findings_store.save_proposed_findings(conn, lead, drill_id, proposals, now=at(100))
    findings_store.update_finding(conn, lead, drill_id, REPORT_LATE, 1, now=at(101))
    revision_store.mark_due(conn, lead, seeded["zh"].plan_id, drill_id, [REPORT_LATE], now=at(102))
    return drill_id


@pytest.fixture
def downloads(monkeypatch) -> dict:
    """What the pages' download buttons hand out, as callables by the button's url (or, for a
    deferred download, its file id)."""
    built: dict = {}

    class Recording(MediaFileManager):
        def add_deferred(self, data_callable, *args, **kwargs) -> str:
            file_id = super().add_deferred(data_callable, *args, **kwargs)
            built[file_id] = data_callable
            return file_id

        def add(self, path_or_data, *args, **kwargs) -> str:
            url = super().add(path_or_data, *args, **kwargs)
            built[url] = lambda: path_or_data
            return url

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    return built


def word_buttons(at) -> list:
    """The Word downloads of the versions page, made first (they are built when asked for)."""
    for key in ("versions_word_prepare", "versions_word_tracked_prepare"):
        if key in {str(b.key) for b in at.button}:
            at.button(key=key).click().run()
    return [b for b in at.get("download_button") if "versions_word" in b.proto.id]


def built_file(downloads: dict, button) -> bytes:
    return downloads[button.proto.url or button.proto.deferred_file_id]()


def due_row_drill(drill_id: int) -> str:
    """The drill and the count of findings in a plan's row of the plans due for revision."""
    return " · ".join(
        t("revpage.due_row", title="", drill=drill_id, n=1, since="").split(" · ")[1:3]
    )


def open_button(seeded, drill_id: int) -> str:
    return f"revpage_open_{seeded['zh'].plan_id}_{drill_id}"


def button_keys(at) -> set[str]:
    return {str(b.key) for b in at.button}


def revision_draft(conn, drill_id: int) -> int:
    return revision_store.open_revision(conn, USERS["owner"], drill_id, now=NOW)


def publish_revision(conn, draft_id: int) -> None:
    """The owner halves the time limit of step s1, notes it on the flag and an approver
    publishes the revision."""
    owner = USERS["owner"]
    plan = plans_store.load_version(conn, owner, draft_id)
    plan = replace(plan, steps=(replace(plan.steps[0], time_limit_min=5), *plan.steps[1:]))
    info = plans_store.version_info(conn, owner, draft_id)
    plans_store.save_version(conn, owner, draft_id, plan, expected_revision=info.revision, now=NOW)
    flag = revision_store.flags_of(conn, owner, draft_id)[0]
    revision_store.resolve_flag(conn, owner, flag.id, note="时限已缩短", now=NOW)
    plans_store.submit_for_review(conn, owner, draft_id, NOW)
    plans_store.approve(conn, USERS["approver"], draft_id, NOW)


def steps_table(at):
    """The steps data_editor of the editor page (its first table)."""
    return at.dataframe[0].value


def test_the_plan_list_shows_the_plan_due_and_opens_a_revision_draft_with_flags(
    conn, seeded, drill
):
    at = page("plan_list").run()
    assert not at.exception, at.exception
    text = all_text(at)
    assert t("revpage.due_title") in text
    assert due_row_drill(drill) in text
    assert "⚑" in at.dataframe[0].value.to_string()  # the plan is marked in the plan table too

    at.button(key=open_button(seeded, drill)).click().run()
    assert not at.exception, at.exception
    assert not at.error
    draft_id = at.session_state["version_id"]
    info = plans_store.version_info(conn, USERS["owner"], draft_id)
    assert (info.plan_id, info.status, info.number) == (seeded["zh"].plan_id, "draft", 2)
    flags = [s.flag for s in revision_store.flags_of(conn, USERS["owner"], draft_id)]
    assert [(f.kind, f.item_id, f.finding_title) for f in flags] == [
        ("step", "s1", REPORT_LATE.title),
        ("role", "r3", RESCUE_ROLE.title),
    ]


def test_a_plan_with_an_unpublished_version_offers_to_open_that_one(conn, seeded, drill):
    draft_id = plans_store.new_draft(
        conn, USERS["owner"], seeded["zh"].plan_id, from_version_id=seeded["zh"].version_id, now=NOW
    )
    at = page("plan_list").run()
    at.button(key=open_button(seeded, drill)).click().run()
    assert not at.exception, at.exception
    assert at.warning and t("revision.draft_exists", number=2) in at.warning[0].value
    assert "version_id" not in at.session_state
    at.button(key="revpage_open_existing").click().run()
    assert at.session_state["version_id"] == draft_id
    assert len(plans_store.list_versions(conn, USERS["owner"], seeded["zh"].plan_id)) == 2


def test_the_offer_to_open_the_other_version_goes_once_that_one_is_published(conn, seeded, drill):
    draft_id = plans_store.new_draft(
        conn, USERS["owner"], seeded["zh"].plan_id, from_version_id=seeded["zh"].version_id, now=NOW
    )
    at = page("plan_list").run()
    at.button(key=open_button(seeded, drill)).click().run()
    assert "revpage_open_existing" in button_keys(at)
    plans_store.submit_for_review(conn, USERS["owner"], draft_id, NOW)
    plans_store.approve(conn, USERS["approver"], draft_id, NOW)
    at.run()
    assert not at.warning and "revpage_open_existing" not in button_keys(at)
    assert open_button(seeded, drill) in button_keys(at)  # still due: no revision published


def test_opening_the_revision_again_goes_to_the_draft_already_opened(conn, seeded, drill):
    at = page("plan_list").run()
    at.button(key=open_button(seeded, drill)).click().run()
    first = at.session_state["version_id"]
    again = page("plan_list").run()
    again.button(key=open_button(seeded, drill)).click().run()
    assert not again.error and not again.warning
    assert again.session_state["version_id"] == first
    assert len(plans_store.list_versions(conn, USERS["owner"], seeded["zh"].plan_id)) == 2


@pytest.mark.parametrize("user", ["manager", "approver"])
def test_someone_who_may_not_edit_plans_sees_the_plan_due_but_no_open_button(seeded, drill, user):
    at = page("plan_list", user=user).run()
    assert not at.exception, at.exception
    assert due_row_drill(drill) in all_text(at)
    assert not any(key.startswith("revpage_open") for key in button_keys(at))


def test_the_editor_shows_the_flags_and_resolving_one_stores_it(conn, seeded, drill):
    draft_id = revision_draft(conn, drill)
    at = page("editor", version_id=draft_id).run()
    assert not at.exception, at.exception
    text = all_text(at)
    assert t("revpage.flags_title", n=2, done=0) in at.expander[0].label
    assert (
        REPORT_LATE.title in text and t("revpage.item_step", id="s1", name="报告事故信息") in text
    )
    assert RESCUE_ROLE.title in text and t("revpage.item_role", id="r3", name="抢险救援组") in text
    steps = steps_table(at)
    assert steps.columns[0] == "flag"
    assert dict(zip(steps["id"], steps["flag"], strict=True))["s1"] == "⚑"
    assert set(steps.loc[steps["id"] != "s1", "flag"]) == {""}

    (step_flag, role_flag) = revision_store.flags_of(conn, USERS["owner"], draft_id)
    at.text_input(key=f"revpage_note_{step_flag.id}").set_value("报告时限改为 5 分钟")
    at.button(key=f"revpage_resolve_{step_flag.id}").click().run()
    assert not at.exception, at.exception
    stored = revision_store.flags_of(conn, USERS["owner"], draft_id)[0].flag
    assert (stored.resolved, stored.note) == (True, "报告时限改为 5 分钟")
    assert t("revpage.flags_title", n=2, done=1) in at.expander[0].label
    assert dict(zip(steps_table(at)["id"], steps_table(at)["flag"], strict=True))["s1"] == "✓"
    assert at.button(key=f"revpage_resolve_{step_flag.id}").label == t("revpage.reopen")

    at.button(key=f"revpage_resolve_{step_flag.id}").click().run()
    assert not revision_store.flags_of(conn, USERS["owner"], draft_id)[0].flag.resolved

    at.button(key=f"revpage_jump_{role_flag.id}").click().run()
    roles = at.dataframe[0].value
    assert list(roles["id"]) == ["r3"] and list(roles["flag"]) == ["⚑"]


def test_a_flag_dealt_with_in_another_window_is_not_undone_by_a_stale_click(conn, seeded, drill):
    draft_id = revision_draft(conn, drill)
    first = page("editor", version_id=draft_id).run()
    second = page("editor", version_id=draft_id).run()
    (step_flag, _role_flag) = revision_store.flags_of(conn, USERS["owner"], draft_id)
    second.text_input(key=f"revpage_note_{step_flag.id}").set_value("另一窗口已处理")
    second.button(key=f"revpage_resolve_{step_flag.id}").click().run()
    first.text_input(key=f"revpage_note_{step_flag.id}").set_value("本窗口的说明")
    first.button(key=f"revpage_resolve_{step_flag.id}").click().run()
    assert not first.exception, first.exception
    stored = revision_store.flags_of(conn, USERS["owner"], draft_id)[0].flag
    assert (stored.resolved, stored.note) == (True, "另一窗口已处理")
    refused = t("revision.flag_conflict", item="{item}").split("{item}")[0]
    assert any(e.value.startswith(refused) for e in first.error)


def test_a_published_revision_shows_its_flags_without_buttons(conn, seeded, drill):
    draft_id = revision_draft(conn, drill)
    publish_revision(conn, draft_id)
    at = page("editor", version_id=draft_id).run()
    assert not at.exception, at.exception
    assert t("revpage.flags_title", n=2, done=1) in at.expander[0].label
    assert t("revpage.note_shown", note="时限已缩短") in all_text(at)
    assert not any(key.startswith("revpage_resolve") for key in button_keys(at))
    assert steps_table(at)["flag"].iloc[0] == "✓"


def test_the_versions_page_shows_the_revision_record_and_exports_the_revised_plan(
    conn, seeded, drill, downloads
):
    draft_id = revision_draft(conn, drill)
    publish_revision(conn, draft_id)
    at = page("versions", version_id=draft_id).run()
    assert not at.exception, at.exception
    assert t("common.revision_record") in all_text(at)
    record = at.dataframe[1].value
    columns = ("reason", "item", "before", "after", "approval")
    assert list(record.columns) == [t(f"doc.word.{c}") for c in columns]
    step = t("revision.item.step", name="报告事故信息")
    assert list(record.iloc[0, :4]) == [
        t("revision.with_note", change=REPORT_LATE.title, note="时限已缩短"),
        t("common.bracketed", text=step, aside=t("common.time_limit")),
        t("diff.minutes", minutes=10),
        t("diff.minutes", minutes=5),
    ]
    assert list(record.iloc[-1, [0, 1, 3]]) == [
        RESCUE_ROLE.title,
        t("revision.item.role", name="抢险救援组"),
        t("revision.unchanged"),
    ]

    made = word_buttons(at)
    clean = next(b for b in made if b.proto.id.endswith("versions_word"))
    tracked = next(b for b in made if "versions_word_tracked" in b.proto.id)
    assert tracked.proto.label == t("versions.export_tracked")
    for button in (clean, tracked):  # a plan stored from plan JSON: the structured document
        document = Document(io.BytesIO(built_file(downloads, button)))
        heading = t("doc.plan.rev_finding")
        (table,) = [x for x in document.tables if heading in x.rows[0].cells[1].text]
        rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
        change = f"{t('diff.minutes', minutes=10)} → {t('diff.minutes', minutes=5)}"
        assert rows[0][1:4] == [record.iloc[0, 0], change, record.iloc[0, 1]]


def test_a_version_that_is_no_revision_exports_the_plain_plan(conn, seeded, drill, downloads):
    at = page("versions", version_id=seeded["zh"].version_id).run()
    assert not at.exception, at.exception
    assert not at.error and t("common.revision_record") not in all_text(at)
    (button,) = word_buttons(at)
    assert button.proto.label == t("versions.export_word")
    document = Document(io.BytesIO(built_file(downloads, button)))
    heading = t("doc.plan.rev_finding")
    assert not [x for x in document.tables if heading in x.rows[0].cells[1].text]


def english_text(at) -> str:
    text = all_text(at)
    for data in DATA:
        text = text.replace(data, "")
    return text


@pytest.mark.parametrize("name", ["plan_list", "editor", "versions"])
def test_the_revision_screens_speak_english(conn, seeded, drill, name):
    """The due list, the flags and the record exist in English too."""
    draft_id = revision_draft(conn, drill)
    if name == "plan_list":
        expected = ["Plans due for revision", f"drill #{drill} · 1 findings"]
    elif name == "editor":
        expected = ["Revision flags: 2, 0 resolved", "Step s1:", "Mark resolved"]
    else:
        publish_revision(conn, draft_id)
        expected = ["Revision record", "Export with tracked changes", "Export the plan as Word"]
    at = page(name, lang="en", version_id=draft_id).run()
    assert not at.exception, at.exception
    labels = [e.label for e in at.expander] + [b.proto.label for b in at.get("download_button")]
    labels += [b.label for b in at.button]
    text = english_text(at) + "\n".join(labels)
    assert all(phrase in text for phrase in expected), text
    if name == "versions":
        record = at.dataframe[1].value
        assert list(record.columns) == ["Reason", "Item", "Before", "After", "Approval"]
        assert list(record.iloc[0, 1:4]) == ["Step: 报告事故信息 (Time limit)", "10 min", "5 min"]
    assert "⟦" not in text
    leftover = re.findall(r"[\u4e00-\u9fff]+", text)
    assert not leftover, leftover


def test_the_word_plan_can_leave_out_the_role_cards_and_flow_charts(conn, seeded, drill, downloads):
    at = page("versions", version_id=seeded["zh"].version_id).run()
    at.checkbox(key="versions_word_cards").uncheck()
    at.checkbox(key="versions_word_charts").uncheck()
    at.run()
    assert not at.exception, at.exception
    (button,) = [b for b in word_buttons(at) if b.proto.id.endswith("versions_word")]
    document = Document(io.BytesIO(built_file(downloads, button)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert t("doc.plan.role_cards") not in text and t("doc.plan.flow_chart") not in text
    assert document.inline_shapes == [] or len(document.inline_shapes) == 0
