"""In a real browser: a plan owner opens a corpus plan's sections, says a procedure section is not
part of the plan, sees its steps go (in the outline row and in the steps grid) and brings them
back with undo."""

from __future__ import annotations

import pytest

from plans import triage
from plans.reader import read_document
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve
from tests.browser.editor_pages import SOURCE, idle, open_in_editor, store_corpus_plan, zh

pytestmark = pytest.mark.browser

NEW_KIND = "excluded"
GRID = "[data-testid=stDataFrame]"


def seed(path) -> dict:
    """Store the corpus plan; return what the triage should do to the response section with
    the most steps of its own."""
    plan = store_corpus_plan(path)
    rows = [r for r in triage.outline(plan) if r.kind == "response"]
    row = max(rows, key=lambda r: r.steps)
    blocks = read_document(SOURCE.read_bytes(), SOURCE.name)
    after = triage.retriage(plan, blocks, row.section, NEW_KIND).plan
    assert row.steps > 0 and len(after.steps) < len(plan.steps)
    return {
        "section": row.section,
        "heading": row.heading,
        "index": triage.outline(plan).index(row),
        "own_steps": row.steps,
        "total": len(plan.steps),
        "total_after": len(after.steps),
    }


def open_view(page, key: str) -> None:
    page.get_by_test_id("stRadio").get_by_text(zh(key), exact=True).click()
    idle(page)


def wait_outline_row(page, index: int, kind: str, steps: int) -> None:
    """Wait until row `index` of the outline table shows `kind` and `steps`.

    Each poll finds the outline table afresh and scrolls it to the row: a rerun may replace the
    table (and reset its scroll) after the page first showed it."""
    page.locator(GRID).filter(
        has=page.locator("th[role=columnheader]", has_text=zh("triage.col_steps"))
    ).wait_for()
    page.wait_for_function(
        "([header, i, kind, steps]) => {"
        "  const grid = [...document.querySelectorAll('[data-testid=stDataFrame]')].find((g) =>"
        "    [...g.querySelectorAll('th[role=columnheader]')].some((th) =>"
        "      th.textContent.includes(header)));"
        "  if (!grid) return false;"
        "  const scroller = grid.querySelector('.dvn-scroller');"
        "  const top = Math.max(0, i - 3) * 35;"
        "  if (scroller && Math.abs(scroller.scrollTop - top) > 1) scroller.scrollTop = top;"
        "  const cell = (c) => grid.querySelector(`[data-testid=glide-cell-${c}-${i}]`);"
        "  return cell(1)?.textContent === kind && cell(2)?.textContent === String(steps); }",
        arg=[zh("triage.col_steps"), index, zh(f"section.kind.{kind}"), steps],
        timeout=45_000,
        polling=250,
    )


def wait_steps_grid(page, total: int) -> None:
    """Wait until the steps grid holds `total` rows and says so under it."""
    page.get_by_text(zh("editor.steps_total", total=total)).wait_for()
    page.wait_for_function(
        "(rows) => [...document.querySelectorAll('table[role=grid]')]"
        "  .some((g) => g.getAttribute('aria-rowcount') === String(rows))",
        arg=total + 1,  # and the header row
        timeout=30_000,
    )


def test_a_corpus_section_marked_not_part_of_the_plan_loses_its_steps_until_undone(tmp_path):
    from playwright.sync_api import sync_playwright

    assert SOURCE.exists(), f"the corpus of real plans (../shared) is missing: {SOURCE}"
    db_path = tmp_path / "triage.duckdb"
    case = seed(db_path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with (
        serve(db_path, demo=False, log_path=tmp_path / "server.log") as url,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            open_in_editor(page, url)
            wait_steps_grid(page, case["total"])

            open_view(page, "editor.view_sections")
            wait_outline_row(page, case["index"], "response", case["own_steps"])
            page.get_by_label(zh("triage.pick")).click()
            page.keyboard.type(case["heading"])  # the picker filters its (virtual) list
            page.get_by_role("option").filter(has_text=case["heading"]).first.click()
            idle(page)
            kind_box = page.locator(f".st-key-triage_kind_{case['section']}")
            kind_box.get_by_label(zh("triage.new_kind")).click()
            page.get_by_role("option", name=zh(f"section.kind.{NEW_KIND}"), exact=True).click()
            idle(page)
            page.get_by_role("button", name=zh("triage.apply")).click()
            removed = case["total"] - case["total_after"]
            done = zh("triage.done", section=case["heading"], removed=removed, added=0)
            page.get_by_text(done).wait_for()
            wait_outline_row(page, case["index"], NEW_KIND, 0)
            page.screenshot(path=str(ARTIFACTS / "triage_section_excluded.png"))

            open_view(page, "common.steps")
            wait_steps_grid(page, case["total_after"])

            page.get_by_role("button", name=zh("common.undo"), exact=True).click()
            wait_steps_grid(page, case["total"])
            open_view(page, "editor.view_sections")
            wait_outline_row(page, case["index"], "response", case["own_steps"])
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "triage_browser_failed.png"))
            raise
        finally:
            context.close()
            browser.close()
