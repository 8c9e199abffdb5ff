"""In a real browser: two evaluators on phones watch the same item; when the second one records it
differently, the conflict appears on the first one's screen by itself, without a reload."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db import drills_store
from drills.model import EvaluatorAssignment
from i18n import t
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve
from tests.integration.drills_world import PASSWORD, design, seed

pytestmark = pytest.mark.browser
BOTH_WATCH_C1 = (EvaluatorAssignment("eva", ("r2",)), EvaluatorAssignment("evb", ("r2",)))


def _running_drill(path) -> int:
    world = seed(path)
    now = datetime.now(UTC)
    drill = design(world, evaluators=BOTH_WATCH_C1)
    drill_id = drills_store.create_drill(world.db, world.director, drill, now=now)
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    drills_store.start_drill(world.db, world.director, drill_id, now=now)
    world.db.close()
    return drill_id


def _phone(browser, url: str, username: str):
    page = browser.new_context(viewport={"width": 420, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{url}/evaluate")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_text("接下来应做的").wait_for()
    return page


def test_a_conflict_shows_on_the_other_phone_without_a_reload(tmp_path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    db_path = tmp_path / "drill.duckdb"
    _running_drill(db_path)
    hint = t("conflicts.evaluator_hint", lang="zh")
    with (
        serve(db_path, demo=False, log_path=tmp_path / "server.log") as url,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        eva, evb = _phone(browser, url, "eva"), _phone(browser, url, "evb")
        eva.get_by_role("button", name="完成").first.click()
        eva.get_by_text("已记录：").first.wait_for()
        evb.get_by_role("button", name="未完成").first.click()
        evb.get_by_text("已记录：").first.wait_for()
        evb.get_by_text(hint).wait_for()  # the tapping phone reruns anyway
        eva.get_by_text(hint).wait_for(timeout=20_000)  # the other refreshes by itself
        eva.screenshot(path=str(ARTIFACTS / "conflict_on_the_other_phone.png"))
        browser.close()
