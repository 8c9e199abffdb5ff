"""In a real browser: upload a .docx, see the preview, save, edit a step, see the chart change."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, sign_in
from tests.sample_plans import fire_plan_docx

pytestmark = pytest.mark.browser


def _idle(page) -> None:
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=30_000)


def test_upload_preview_save_edit_and_the_chart_follows(server, browser_page, tmp_path):
    page = browser_page
    plan_file = tmp_path / "油罐火灾预案.docx"
    plan_file.write_bytes(fire_plan_docx("港区油罐火灾应急预案"))

    sign_in(page, server, "owner", "import")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(plan_file))
    page.get_by_text("保存为草稿").wait_for()
    page.get_by_test_id("stMetric").first.wait_for()  # the preview, once the document is read
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
        "?.innerText.includes('拉响火灾警报')",
        timeout=30_000,
    )
    page.screenshot(path=str(ARTIFACTS / "editor_after_edit.png"))

    page.get_by_role("button", name="保存", exact=True).click()
    page.get_by_text("修订号 2").wait_for()
    page.get_by_text("有未保存的修改").wait_for(state="detached")  # the save went through
