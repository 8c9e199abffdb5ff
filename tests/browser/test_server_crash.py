"""Killing the server (SIGKILL) in the middle of a drill loses no confirmed observation, and the
drill resumes with its clock intact (nothing lost)."""

from __future__ import annotations

import signal
from datetime import UTC, datetime

import pytest

from db import connection, drills_store
from db.users_signin import act_as
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, start_server, stop_server
from tests.integration.drills_world import PASSWORD, design, seed

pytestmark = pytest.mark.browser


def _sign_in_and_tap(page, url: str) -> None:
    page.goto(f"{url}/evaluate")
    page.get_by_label("用户名").fill("eva")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_text("接下来应做的").wait_for()
    page.get_by_role("button", name="已完成").first.click()
    page.get_by_text("已记录：").first.wait_for()  # confirmed only once stored


def test_a_killed_server_loses_no_confirmed_tap_and_the_clock_goes_on(tmp_path):
    from playwright.sync_api import sync_playwright

    db_path = tmp_path / "crash.duckdb"
    world = seed(db_path)
    started = datetime.now(UTC)
    drill_id = drills_store.create_drill(world.db, world.director, design(world), now=started)
    drills_store.seal_drill(world.db, world.director, drill_id, now=started)
    drills_store.start_drill(world.db, world.director, drill_id, now=started)
    world.db.close()

    with open(tmp_path / "server.log", "w") as log, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 420, "height": 900})
        page.set_default_timeout(30_000)
        proc, url = start_server(db_path, demo=False, log=log)
        _sign_in_and_tap(page, url)
        stop_server(proc, signal.SIGKILL)  # no chance to flush or close anything

        proc, url = start_server(db_path, demo=False, log=log)
        page = browser.new_page(viewport={"width": 420, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(f"{url}/evaluate")
        page.get_by_label("用户名").fill("eva")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.get_by_text("已记录 1/1 项").wait_for()  # the tap survived, the drill runs on
        page.screenshot(path=str(ARTIFACTS / "after_crash.png"))
        stop_server(proc)
        browser.close()

    conn = connection.connect(db_path)
    director = act_as(conn, "director")
    summary = drills_store.drill_summary(conn, director, drill_id, now=datetime.now(UTC))
    stored = drills_store.observations(conn, director, drill_id)
    conn.close()
    assert [(o.evaluator, o.item_id, o.rating) for o in stored] == [("eva", "c1", "done")]
    assert summary.status == "running"
    assert abs((summary.started_at - started).total_seconds()) < 1e-3  # T0 unchanged
    assert summary.elapsed_min >= (datetime.now(UTC) - started).total_seconds() / 60 - 0.05
