"""In a real browser: upload a .docx, see the preview, save, edit a step, see the chart change
(issue 2)."""

from __future__ import annotations

import io

import docx
import pytest

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def _plan_docx(path) -> None:
    document = docx.Document()
    document.add_heading("港区油罐火灾应急预案", 0)
    document.add_heading("1 组织机构", 1)
    document.add_paragraph("应急指挥部负责统一指挥火灾处置工作。")
    document.add_heading("2 应急响应", 1)
    document.add_paragraph("值班人员发现火情后立即报告应急指挥部。")
    document.add_paragraph("应急指挥部接报后30分钟内启动应急响应。")
    document.add_paragraph("消防救援组立即组织灭火并疏散人员。")
    document.add_paragraph("火灾扑灭后，应急指挥部宣布应急响应终止。")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def _idle(page) -> None:
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=30_000)


def test_upload_preview_save_edit_and_the_chart_follows(server, browser_page, tmp_path):
    page = browser_page
    plan_file = tmp_path / "油罐火灾预案.docx"
    _plan_docx(plan_file)

    page.goto(f"{server}/import")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(plan_file))
    page.get_by_text("保存为草稿").wait_for()
    _idle(page)
    assert page.get_by_test_id("stMetric").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "import_preview.png"))

    page.get_by_role("button", name="保存为草稿").click()
    page.get_by_text("港区油罐火灾应急预案").first.wait_for()
    chart = page.get_by_test_id("stGraphVizChart")
    chart.locator("svg").first.wait_for()
    _idle(page)
    assert "消防救援组" in chart.inner_text() or "灭火" in chart.inner_text()

    grid = page.get_by_test_id("stDataFrame").first
    box = grid.bounding_box()
    # first data row, "name" column (after the narrow id column)
    page.mouse.dblclick(box["x"] + 75 + 40, box["y"] + 35 + 17)
    editor = page.locator("textarea.gdg-input")
    editor.wait_for()
    editor.fill("拉响火灾警报")
    editor.press("Enter")
    _idle(page)
    chart.locator("svg").first.wait_for()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stGraphVizChart]')"
        "?.innerText.includes('拉响火灾警报')", timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "editor_after_edit.png"))

    page.get_by_role("button", name="保存", exact=True).click()
    _idle(page)
    assert page.get_by_text("有未保存的修改").count() == 0
