"""The whole journey in a real browser: a plan owner imports a plan and fixes a flagged
problem, an approver publishes it, a director designs and starts a drill, two evaluators score at
the same time, the director ends it, the evaluation report is downloaded and opened, the
evaluation lead turns a finding into a plan defect, that finding opens a revision, and the
revised plan is published and exported to Word. Screenshots: tests/artifacts/journey_*.png."""

from __future__ import annotations

import io
import re
import threading
from datetime import UTC, datetime

import docx as python_docx
import pytest
from playwright.sync_api import expect

from access.policy import SYSTEM
from db import connection, drills_store, findings_store, plans_store, users_store
from db.users_signin import act_as
from i18n import t
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve

pytestmark = pytest.mark.browser

UNIT = "滨江化工园区"
PASSWORD = "Journey-Password-2026"
PEOPLE = {
    "owner": "plan_owner",
    "approver": "approver",
    "director": "drill_director",
    "lead": "evaluation_lead",
    "eva": "evaluator",
    "evb": "evaluator",
}
TITLE = "化工园区储罐泄漏应急预案"
DRILL = "储罐泄漏双盲演练"
FINDING = "信息报告时限过长"


ROLES = ("应急指挥部", "指挥部办公室", "抢险救援组")
AMEND_REASON = "复看记录后更正：报告内容不完整"
SETTLE_REASON = "复核现场录音，报告已发出但内容不全"
CONCLUSION = "演练总体有序；信息报告须在时限内完整报送。"


def L(key: str, **params) -> str:
    return t(key, lang="zh", **params)


def plan_docx() -> bytes:
    """A short plan whose information-report step has no time limit (a flagged problem)."""
    document = python_docx.Document()
    document.add_heading(TITLE, 0)
    document.add_heading("1 组织机构及职责", 1)
    document.add_paragraph("应急指挥部负责统一指挥储罐泄漏事故处置。")
    document.add_paragraph("指挥部办公室负责事故信息的接收和报告。")
    document.add_paragraph("抢险救援组负责现场堵漏和人员疏散。")
    document.add_heading("2 信息报告", 1)
    document.add_paragraph("指挥部办公室接到报警后向应急指挥部报告事故信息。")
    document.add_heading("3 应急响应", 1)
    document.add_paragraph("应急指挥部接报后30分钟内决定启动本预案。")
    document.add_paragraph("抢险救援组立即组织堵漏并疏散周边人员。")
    document.add_heading("4 响应终止", 1)
    document.add_paragraph("应急指挥部在险情消除后宣布应急响应终止。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seed_people(path) -> None:
    db = connection.connect(path)
    for name, role in PEOPLE.items():
        users_store.create_user(
            db,
            SYSTEM,
            name,
            PASSWORD,
            roles={role},
            unit=UNIT,
            must_change=False,
            now=datetime.now(UTC),
        )
    db.close()


def idle(page) -> None:
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=30_000)


def shot(page, name: str) -> None:
    idle(page)
    page.screenshot(path=str(ARTIFACTS / f"journey_{name}.png"), full_page=True)


def sign_in(context, url: str, username: str, path: str = ""):
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{url}/{path}")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("button", name="退出登录").wait_for()
    idle(page)
    return page


def go(page, nav_key: str) -> None:
    page.get_by_role("link", name=L(nav_key)).click()
    idle(page)


def click(page, name: str, *, exact: bool = True) -> None:
    page.get_by_role("button", name=name, exact=exact).click()
    idle(page)


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the first select box labelled `label` (again when a rerun of a busy
    page closed the list before the option could be clicked)."""
    for _attempt in range(3):
        idle(page)
        page.get_by_label(label, exact=True).first.click()
        page.keyboard.type(option)  # the select box filters its options as one types
        if picked(page, option):
            idle(page)
            return
        page.keyboard.press("Escape")
    page.screenshot(path=str(ARTIFACTS / "journey_failed.png"), full_page=True)
    raise AssertionError(f"could not choose {option!r} in {label!r}")


def picked(page, option: str) -> bool:
    try:
        page.get_by_role("option", name=option).first.click(timeout=10_000)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: the list was gone
        return False
    return True


def view(page, prefix: str) -> None:
    """Switch the editor's view (a radio button whose label starts with `prefix`)."""
    page.get_by_text(re.compile(f"^{prefix}")).first.click()
    idle(page)


def shows(page, column: int, value: str) -> bool:
    """Whether the grid's accessible cell of `column` in the first row shows `value` (within
    10 s)."""
    try:
        page.wait_for_function(
            "([col, value]) => [...document.querySelectorAll("
            "  `[data-testid=glide-cell-${col}-0]`)].some((c) =>"
            "  c.textContent.trim() === value || parseFloat(c.textContent) === parseFloat(value))",
            arg=[column, value],
            timeout=10_000,
        )
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: it does not show it
        return False
    return True


def edit_cell(page, row_id: str, column: int, value: str) -> None:
    """Type into one cell of the steps grid: filter the grid to the row, select its first cell,
    move right to `column` with the keyboard and type (as a person using the keyboard would)."""
    page.get_by_label(L("editor.filter"), exact=True).fill(row_id)
    page.get_by_label(L("editor.filter"), exact=True).press("Enter")
    idle(page)
    grid = page.get_by_test_id("stDataFrame").first
    editor = page.locator(".gdg-input").first
    for _attempt in range(3):  # a busy machine may swallow key presses: type until it shows
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 70, box["y"] + 35 + 17)  # the first cell of the first row
        page.wait_for_timeout(200)
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")  # opens the cell's editor
        try:
            editor.wait_for(timeout=10_000)
        except Exception:  # noqa: BLE001 - try again from the first cell
            page.keyboard.press("Escape")
            continue
        editor.fill(value)
        editor.press("Enter")
        idle(page)
        if shows(page, column, value):  # else the edit did not take: again
            return
    raise AssertionError(f"could not type {value!r} into column {column} of {row_id}")


def download(page, label: str) -> bytes:
    """Click a download; a file built on request (ui.downloads: a prepare button under the same
    label) is prepared first, then offered by a download button."""
    offered = page.locator('[data-testid="stDownloadButton"]').get_by_role("button", name=label)
    if not offered.count():
        page.get_by_role("button", name=label).first.click()
        offered.first.wait_for(timeout=60_000)
    with page.expect_download() as info:
        offered.first.click()
    return open(info.value.path(), "rb").read()


def text_of(document) -> str:
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def evaluate(url: str, username: str, rating: str, errors: list) -> None:
    """One evaluator on a phone-sized screen in their own browser: one tap, confirmed."""
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 420, "height": 900}, locale="zh-CN")
            page = sign_in(context, url, username, "evaluate")
            page.get_by_text(L("evaluate.next")).first.wait_for()
            page.get_by_role("button", name=L(f"outcome.{rating}"), exact=True).first.click()
            # the confirmation "已记录：…", not the progress line "… · 已记录 0/1 项" shown before
            page.get_by_text("已记录：").first.wait_for()
            shot(page, f"evaluator_{username}")
            browser.close()
    except Exception as exc:  # noqa: BLE001 - reported by the test below
        errors.append(f"{username}: {exc}")


def test_the_whole_journey(tmp_path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    db_path = tmp_path / "journey.duckdb"
    seed_people(db_path)
    plan_file = tmp_path / f"{TITLE}.docx"
    plan_file.write_bytes(plan_docx())
    with (
        serve(db_path, demo=False, log_path=tmp_path / "server.log") as url,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def person(name: str, path: str):
            context = browser.new_context(viewport={"width": 1500, "height": 1300}, locale="zh-CN")
            return sign_in(context, url, name, path)

        # 1. the plan owner imports the plan; the checks flag the report step without a time
        #    limit; the owner gives it one and the flag goes
        owner = person("owner", "import")
        owner.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(plan_file))
        owner.get_by_role("button", name=L("import.save")).wait_for()
        shot(owner, "1_import_preview")
        click(owner, L("import.save"))
        owner.get_by_test_id("stDataFrame").first.wait_for()
        report_flag = "没有时限"
        view(owner, "检查")
        # the checks view draws after the switch's rerun: wait for it, however loaded the machine
        expect(owner.get_by_test_id("stMain")).to_contain_text(report_flag, timeout=30_000)
        shot(owner, "2_flagged_problem")
        view(owner, L("common.steps"))
        edit_cell(owner, "s1", 4, "15")  # id, name, owners, phase, time limit
        click(owner, L("common.save"))
        view(owner, "检查")
        # the checks view is drawn (its critical-path note) and the flag is gone
        expect(owner.get_by_test_id("stMain")).to_contain_text("关键路径", timeout=30_000)
        expect(owner.get_by_test_id("stMain")).not_to_contain_text(report_flag, timeout=30_000)
        shot(owner, "3_problem_fixed")
        go(owner, "nav.versions")
        click(owner, L("versions.submit"))

        # 2. the approver publishes it
        approver = person("approver", "versions")
        click(approver, L("versions.approve"))
        approver.locator("td", has_text=L("status.published")).first.wait_for(state="attached")
        shot(approver, "4_published")

        # 3. the director designs the drill, names two evaluators and a lead, seals and starts
        director = person("director", "drill_list")
        director.get_by_label(L("drillpage.title")).fill(DRILL)
        click(director, L("drillpage.create"))
        director.get_by_role("tab", name=L("drillpage.tab_people")).click()
        # both watch every role: their first items are the same, which they record differently
        for name, roles in (("eva", ROLES), ("evb", ROLES)):
            director.get_by_label(L("auth.username"), exact=True).fill(name)
            for role in roles:
                director.get_by_label(L("drillpage.share_roles")).first.click()
                director.get_by_role("option", name=role, exact=True).click()
            director.keyboard.press("Escape")
            click(director, L("drillpage.add_evaluator"))
        director.get_by_label(L("drillpage.leads")).fill("lead")
        click(director, L("drillpage.save_people"))
        shot(director, "5_design")
        click(director, L("drillpage.seal"))
        click(director, L("nav.drill_console"))
        click(director, L("drills.clock.start"))
        shot(director, "6_console_running")

        # 4. two evaluators score at the same time, each in their own browser, and disagree
        errors: list[str] = []
        threads = [
            threading.Thread(target=evaluate, args=(url, name, rating, errors))
            for name, rating in (("eva", "done"), ("evb", "not_done"))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
        assert not errors, errors

        # 5. the director ends the drill and downloads the evaluation report
        click(director, L("drills.clock.end"))
        click(director, L("drillpage.confirm_end_yes"))
        director.get_by_role("button", name=L("drillpage.report_word")).wait_for()
        shot(director, "7_ended")
        report = python_docx.Document(io.BytesIO(download(director, L("drillpage.report_word"))))
        words = text_of(report)
        assert DRILL in words and TITLE in words
        assert len(report.inline_shapes) >= 2  # the timeline and the coloured flow chart

        # 5b. after the end eva amends her entry, with a reason
        eva = person("eva", "evaluate")
        eva.get_by_label(L("evaluate.amend_reason")).wait_for()
        choose(eva, L("common.result"), L("outcome.partly"))
        eva.get_by_label(L("evaluate.amend_reason")).fill(AMEND_REASON)
        click(eva, L("evaluate.amend_save"))
        eva.get_by_text(L("evaluate.recorded")).first.wait_for()

        # 6. the evaluation lead settles the conflict between the evaluators with a reason, then
        #    makes a finding a plan defect tied to the report step
        lead = person("lead", "drill_review")
        lead.get_by_label(L("conflicts.reason")).first.wait_for()
        outcome = lead.locator("[class*='st-key-conflicts_'][class*='_outcome']").first
        outcome.get_by_text(L("outcome.partly"), exact=True).click()
        idle(lead)
        lead.get_by_label(L("conflicts.reason")).first.fill(SETTLE_REASON)
        click(lead, L("conflicts.settle"))
        lead.get_by_text(L("conflicts.settled_title", n=1)).first.wait_for()
        lead.get_by_role("tab", name=L("review.tab.findings")).click()
        lead.get_by_label(L("common.title")).first.fill(FINDING)
        choose(lead, L("common.cause"), L("findings.cause.plan_defect"))
        choose(lead, L("common.grade"), L("findings.grade.deficiency"))
        choose(lead, L("common.status"), L("findings.status.accepted"))
        choose(lead, L("review.f.step"), "向应急指挥部报告事故信息")
        click(lead, L("review.f.save"))
        lead.get_by_text("待修订").first.wait_for()
        shot(lead, "8_finding")

        # 6b. the lead edits the drafted conclusion; the report carries it, the amendment with
        #     its reason and the settled conflict
        lead.get_by_role("tab", name=L("review.tab.conclusions")).click()
        lead.get_by_role("textbox", name=L("signoff.ui.conclusion")).fill(CONCLUSION)
        lead.locator("[class*='st-key-signoff_conclusion_zh_'][class*='_save'] button").click()
        idle(lead)
        lead.get_by_text(L("signoff.ui.edited")).first.wait_for()
        lead.get_by_role("tab", name=L("review.tab.documents")).click()
        signed = text_of(
            python_docx.Document(io.BytesIO(download(lead, L("drillpage.report_word"))))
        )
        assert CONCLUSION in signed and AMEND_REASON in signed and SETTLE_REASON in signed
        assert "评估组长（签字）" in signed
        shot(lead, "8b_signed_report")

        # 7. the finding opens a revision: the owner shortens the report time limit of the
        #    flagged step, says what was done, and sends it for approval
        go(owner, "nav.plans")
        owner.get_by_text(L("revpage.due_title")).first.wait_for()
        shot(owner, "9_due_for_revision")
        click(owner, L("revpage.open_revision"))
        owner.get_by_text(L("revpage.flags_title", n=1, done=0)).first.wait_for()
        save = owner.get_by_role("button", name=L("common.save"), exact=True)
        for _attempt in range(3):  # the redrawn grid shows the new limit, else the edit was lost
            edit_cell(owner, "s1", 5, "5")  # the revision column comes first now
            try:
                # the server has the edit (the draft differs from the stored one), then saves
                # it (the same again); a toast may be gone before a busy machine ends the run
                # that drew it, so it is no sign
                expect(save).to_be_enabled(timeout=20_000)
                save.click()
                idle(owner)
                expect(save).to_be_disabled(timeout=30_000)
            except AssertionError:
                continue
            # the grid drawn anew from the server's working copy still shows it
            view(owner, "检查")
            view(owner, L("common.steps"))
            owner.get_by_label(L("editor.filter"), exact=True).fill("s1")
            owner.get_by_label(L("editor.filter"), exact=True).press("Enter")
            idle(owner)
            if shows(owner, 5, "5"):
                break
        else:
            shot(owner, "journey_edit_lost")
            raise AssertionError("the new time limit of s1 did not show after three tries")
        owner.get_by_label(L("revpage.note"), exact=True).first.fill("信息报告时限改为 5 分钟")
        click(owner, L("revpage.resolve"))
        owner.get_by_text(L("revpage.flags_title", n=1, done=1)).first.wait_for()
        shot(owner, "10_revision_flag_resolved")
        go(owner, "nav.versions")
        click(owner, L("versions.submit"))

        # 8. the approver publishes the revision; the owner exports the revised plan to Word
        go(approver, "nav.versions")
        choose(approver, L("versions.pick"), "v2")
        click(approver, L("versions.approve"))
        go(owner, "nav.versions")
        owner.get_by_text(L("common.revision_record")).first.wait_for()
        shot(owner, "11_revision_record")
        revised = python_docx.Document(io.BytesIO(download(owner, L("versions.export_tracked"))))
        revised_words = text_of(revised)
        assert TITLE in revised_words and FINDING in revised_words
        assert "信息报告时限改为 5 分钟" in revised_words

        browser.close()

    conn = connection.connect(db_path)
    lead_actor = act_as(conn, "lead")
    (drill,) = drills_store.list_drills(conn, lead_actor)
    stored = drills_store.observations(conn, lead_actor, drill.id)
    assert sorted(o.evaluator for o in stored if o.kind == "item") == ["eva", "evb"]
    finding = next(
        s.finding
        for s in findings_store.list_findings(conn, lead_actor, drill.id)
        if s.finding.title == FINDING
    )
    assert (finding.cause, finding.grade, finding.step_id) == ("plan_defect", "deficiency", "s1")
    owner_actor = act_as(conn, "owner")
    (plan,) = plans_store.list_plans(conn, owner_actor)
    assert plan.latest_version_number == 2 and plan.latest_status == "published"
    revised_plan = plans_store.load_version(conn, owner_actor, plan.published_version_id)
    assert next(s for s in revised_plan.steps if s.id == "s1").time_limit_min == 5
    conn.close()
