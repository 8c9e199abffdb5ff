"""In a real browser: the director's console shows an evaluator's tap by itself, without a reload
(the live part is a fragment refreshing every few seconds; AppTest cannot tick it)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db import drills_store
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve
from tests.integration.drills_world import PASSWORD, design, seed

pytestmark = pytest.mark.browser


def _sign_in(page, url: str, path: str, username: str) -> None:
    page.goto(f"{url}/{path}")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_the_console_shows_a_new_tap_without_a_reload(tmp_path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    db_path = tmp_path / "live.duckdb"
    world = seed(db_path)
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(world.db, world.director, design(world), now=now)
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    drills_store.start_drill(world.db, world.director, drill_id, now=now)
    world.db.close()

    with (
        serve(db_path, demo=False, log_path=tmp_path / "server.log") as url,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        console = browser.new_context(viewport={"width": 1400, "height": 1400}).new_page()
        console.set_default_timeout(30_000)
        _sign_in(console, url, "drill_list", "director")
        console.get_by_role("button", name="导调台").click()
        console.get_by_text("最新观察记录").wait_for()
        assert console.get_by_text("报告事故信息").count() == 0

        phone = browser.new_context(viewport={"width": 420, "height": 900}).new_page()
        phone.set_default_timeout(30_000)
        _sign_in(phone, url, "evaluate", "eva")
        phone.get_by_text("接下来应做的").wait_for()
        phone.get_by_role("button", name="已完成").first.click()
        phone.get_by_text("已记录：").first.wait_for()

        # no reload, no click on the console: the fragment picks the tap up within its period
        console.get_by_text("报告事故信息").first.wait_for(state="attached", timeout=20_000)
        console.screenshot(path=str(ARTIFACTS / "console_live.png"))
        browser.close()
