"""In a real browser: on a corpus plan too big for one chart, the overview of steps per role and
phase opens the chart of the role whose row the owner clicks."""

from __future__ import annotations

import pytest

from plans import chart_views
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve
from tests.browser.editor_pages import SOURCE, idle, open_in_editor, store_corpus_plan, zh

pytestmark = pytest.mark.browser

ROW_PX = 35  # st.dataframe's row and header height
VISIBLE_ROWS = 12  # rows surely drawn without scrolling the overview table


def test_clicking_a_role_in_the_overview_opens_that_roles_chart(tmp_path):
    from playwright.sync_api import sync_playwright

    assert SOURCE.exists(), f"the corpus of real plans (../shared) is missing: {SOURCE}"
    plan = store_corpus_plan(tmp_path / "overview.duckdb")
    views = chart_views.chart_views(plan, lang="zh")
    table = chart_views.overview_table(plan, views, lang="zh")
    assert views[0].key == "overview"
    # the role among the first rows whose chart is furthest from the first view
    row = max(
        range(min(VISIBLE_ROWS, len(table.roles))), key=lambda r: table.row_view[table.roles[r]]
    )
    target = views[table.row_view[table.roles[row]]]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (
        serve(tmp_path / "overview.duckdb", demo=False, log_path=tmp_path / "server.log") as url,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            open_in_editor(page, url)
            grid = page.locator(".st-key-chart_overview [data-testid=stDataFrame]")
            grid.wait_for()
            grid.get_by_test_id(f"glide-cell-1-{row}").wait_for(state="attached")
            assert grid.get_by_test_id(f"glide-cell-1-{row}").text_content() == table.names[row]
            idle(page)
            grid.scroll_into_view_if_needed()
            box = grid.bounding_box()
            # the role's name, right of the row-selection column
            page.mouse.click(box["x"] + 120, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)
            chart = page.get_by_test_id("stGraphVizChart")
            chart.locator("svg").first.wait_for()
            idle(page)
            picked = zh("draw.view_option", title=target.title, n=len(target.steps))
            page.wait_for_function(
                "(picked) => document.querySelector('.st-key-chart_view input')?.value === picked",
                arg=picked,
            )
            page.wait_for_function(
                "(name) => document.querySelector('[data-testid=stGraphVizChart]')"
                "?.textContent.includes(name)",
                arg=table.names[row][:8],
            )
            assert grid.count() == 0
            page.screenshot(path=str(ARTIFACTS / "chart_overview_opened.png"))
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "chart_overview_failed.png"))
            raise
        finally:
            context.close()
            browser.close()
