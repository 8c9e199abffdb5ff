"""In a real browser: two evaluators, in separate browser contexts, score the same running drill
at the same time; every confirmed tap is in the database afterwards, none twice."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from db import connection, drills_store
from db.users_signin import act_as
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve
from tests.integration.drills_world import PASSWORD, design, seed

pytestmark = pytest.mark.browser


def _running_drill(path) -> int:
    world = seed(path)
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(world.db, world.director, design(world), now=now)
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    drills_store.start_drill(world.db, world.director, drill_id, now=now)
    world.db.close()
    return drill_id


def _evaluate(url: str, username: str, errors: list) -> None:
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 420, "height": 900}).new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{url}/evaluate")
            page.get_by_label("用户名").fill(username)
            page.get_by_label("密码").fill(PASSWORD)
            page.get_by_role("button", name="登录").click()
            page.get_by_text("接下来应做的").wait_for()
            page.get_by_role("button", name="完成").first.click()
            # the confirmation "已记录：…", not the progress line "… · 已记录 0/1 项" shown before
            page.get_by_text("已记录：").first.wait_for()
            page.screenshot(path=str(ARTIFACTS / f"evaluator_{username}.png"))
            browser.close()
    except Exception as exc:  # noqa: BLE001 - reported by the test thread below
        errors.append(f"{username}: {exc}")


def test_two_evaluators_score_at_once_and_nothing_is_lost(tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    db_path = tmp_path / "drill.duckdb"
    drill_id = _running_drill(db_path)
    errors: list[str] = []
    with serve(db_path, demo=False, log_path=tmp_path / "server.log") as url:
        threads = [
            threading.Thread(target=_evaluate, args=(url, name, errors)) for name in ("eva", "evb")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert not errors, errors
    conn = connection.connect(db_path)
    director = act_as(conn, "director")
    stored = drills_store.observations(conn, director, drill_id)
    assert sorted((o.evaluator, o.item_id, o.rating) for o in stored) == [
        ("eva", "c1", "done"),
        ("evb", "c3", "done"),
    ]
    conn.close()
