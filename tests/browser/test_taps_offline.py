"""In a real browser: a tap keeps the moment it was made on the phone, through a real outage
(the server stopped and started again on the same port and database) and through the browser's
offline emulation; the screen says at once that it is offline and which taps wait; a repeat is
stored once; and the screen notices the drill's start by itself.

The outage lasts PLANDRILL_OUTAGE_S seconds (default 25; `bench/tap_bench.py --outage 120`, or
this variable set to 120, gives the two minutes of a dead zone in the field)."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from db import connection, drills_store
from db.users_signin import act_as
from drills.model import EvaluatorAssignment
from i18n import t
from tests.browser.conftest import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    _free_port,
    serve,
    start_server,
    stop_server,
)
from tests.integration.drills_world import PASSWORD, design, seed

pytestmark = pytest.mark.browser
OUTAGE_S = float(os.environ.get("PLANDRILL_OUTAGE_S", "25"))
ALL_ROLES = ("r1", "r2", "r3")


def _drill(path, *, start: bool = True) -> int:
    """A drill where "eva" watches every role (four items); started unless `start` is False."""
    world = seed(path)
    now = datetime.now(UTC)
    wide = replace(design(world), evaluators=(EvaluatorAssignment("eva", ALL_ROLES),))
    drill_id = drills_store.create_drill(world.db, world.director, wide, now=now)
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    if start:
        drills_store.start_drill(world.db, world.director, drill_id, now=now)
    world.db.close()
    return drill_id


def _stored(path, drill_id: int) -> list:
    conn = connection.connect(path)
    try:
        return drills_store.observations(conn, act_as(conn, "director"), drill_id)
    finally:
        conn.close()


def _sign_in(page, url: str) -> None:
    page.goto(f"{url}/evaluate")
    page.get_by_label("用户名").fill("eva")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_text(t("evaluate.next")).wait_for()


def _tap(page, made: list, rating: str = "done", n: int = 0) -> None:
    """Tap a rating button of the first card of "expected next"; note when it was tapped."""
    page.get_by_role("button", name=t(f"outcome.{rating}"), exact=True).nth(n).click()
    made.append(datetime.now(UTC))


def _recorded(page) -> None:
    """Every tap kept on the device has been stored (nothing waits)."""
    page.wait_for_function(
        "() => Object.keys(localStorage).filter(k => k.startsWith('plandrill.taps.'))"
        ".every(k => JSON.parse(localStorage.getItem(k)).length === 0)",
        timeout=60_000,
    )


def _waiting(page) -> int:
    return page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('plandrill.taps.'))"
        ".reduce((n, k) => n + JSON.parse(localStorage.getItem(k)).length, 0)"
    )


def _check(stored: list, made: list[datetime]) -> None:
    """One stored entry per tap, none twice, each within 2 s of its tap."""
    assert len({o.id for o in stored}) == len(stored)
    assert len(stored) == len(made), (len(stored), len(made))
    for tapped, entry in zip(made, sorted(stored, key=lambda o: o.happened_at), strict=True):
        assert abs((entry.happened_at - tapped).total_seconds()) < 2, (tapped, entry)


def _browser(pw):
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    context = browser.new_context(viewport={"width": 420, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    return browser, context, page


def test_taps_through_a_stopped_server_keep_their_moment_and_are_stored_once(tmp_path):
    from playwright.sync_api import sync_playwright

    db_path = tmp_path / "outage.duckdb"
    drill_id = _drill(db_path)
    port = _free_port()
    made: list[datetime] = []
    with open(tmp_path / "server.log", "w") as log, sync_playwright() as pw:
        browser, _, page = _browser(pw)
        proc, url = start_server(db_path, demo=False, log=log, port=port)
        try:
            _sign_in(page, url)
            _tap(page, made, "done")
            page.get_by_text(t("evaluate.tap.recorded", rating=t("outcome.done"))).wait_for()
            _recorded(page)
            stop_server(proc)  # the phone walks into a dead zone
            _tap(page, made, "partly")
            page.get_by_text(t("evaluate.tap.offline")).wait_for(timeout=5_000)  # at once
            time.sleep(OUTAGE_S / 2)
            _tap(page, made, "not_done")
            assert _waiting(page) == 2
            page.get_by_text(t("evaluate.tap.waiting_count", n=2)).wait_for()
            page.screenshot(path=str(ARTIFACTS / "taps_offline_server_stopped.png"))
            time.sleep(OUTAGE_S / 2)
            proc, url = start_server(db_path, demo=False, log=log, port=port)
            # the server forgot the session: sign in again; the taps waited on the phone
            page.get_by_label("用户名").wait_for(timeout=30_000)
            assert _waiting(page) == 2
            page.get_by_label("用户名").fill("eva")
            page.get_by_label("密码").fill(PASSWORD)
            page.get_by_role("button", name="登录").click()
            _recorded(page)
            _tap(page, made, "done")
            _recorded(page)
            page.get_by_text(t("evaluate.tap.recorded", rating=t("outcome.done"))).wait_for()
        finally:
            stop_server(proc)
            browser.close()
    _check(_stored(db_path, drill_id), made)


def test_taps_made_offline_in_the_browser_keep_their_moment_and_are_stored_once(tmp_path):
    from playwright.sync_api import sync_playwright

    db_path = tmp_path / "offline.duckdb"
    drill_id = _drill(db_path)
    made: list[datetime] = []
    with (
        serve(db_path, demo=False, log_path=tmp_path / "server.log") as url,
        sync_playwright() as pw,
    ):
        browser, context, page = _browser(pw)
        try:
            _sign_in(page, url)
            _tap(page, made, "done")
            _recorded(page)
            context.set_offline(True)
            _tap(page, made, "partly")
            page.get_by_text(t("evaluate.tap.offline")).wait_for(timeout=3_000)
            _tap(page, made, "partly")  # a double tap: two taps, each stored once
            time.sleep(OUTAGE_S)
            _tap(page, made, "not_done")
            assert _waiting(page) == 3
            page.screenshot(path=str(ARTIFACTS / "taps_offline_emulated.png"))
            context.set_offline(False)
            _recorded(page)
            page.get_by_text(t("evaluate.tap.offline")).wait_for(state="detached")
            _tap(page, made, "done")
            _recorded(page)
            # the header counts and the undo button follow the taps without a reload
            page.get_by_text("已记录 1/4 项").wait_for(timeout=5_000)
            page.get_by_role("button", name="撤销上一条记录").wait_for()
        finally:
            browser.close()
    _check(_stored(db_path, drill_id), made)


def test_a_tap_sent_again_is_stored_once(tmp_path):
    """The device sends its queue again until the server confirms it: a confirmation lost on the
    way (the tap put back into the queue, twice) is confirmed again, not stored again."""
    from playwright.sync_api import sync_playwright

    db_path = tmp_path / "repeat.duckdb"
    drill_id = _drill(db_path)
    made: list[datetime] = []
    with (
        serve(db_path, demo=False, log_path=tmp_path / "server.log") as url,
        sync_playwright() as pw,
    ):
        browser, _, page = _browser(pw)
        try:
            _sign_in(page, url)
            _tap(page, made, "done")
            _recorded(page)
            page.evaluate(
                """() => {
                  const key = Object.keys(localStorage).find(k => k.startsWith('plandrill.taps.'));
                  const again = {id: 'ab'.repeat(16), item: 'c1', rating: 'na', at: Date.now(),
                                 offset: 0, card: null, name: 'c1'};
                  localStorage.setItem(key, JSON.stringify([again]));
                }"""
            )
            made.append(datetime.now(UTC))
            _recorded(page)
            page.evaluate(
                """() => {
                  const key = Object.keys(localStorage).find(k => k.startsWith('plandrill.taps.'));
                  const again = {id: 'ab'.repeat(16), item: 'c1', rating: 'na', at: Date.now(),
                                 offset: 0, card: null, name: 'c1'};
                  localStorage.setItem(key, JSON.stringify([again, again]));
                }"""
            )
            _recorded(page)
        finally:
            browser.close()
    stored = _stored(db_path, drill_id)
    assert sorted(o.rating for o in stored) == ["done", "na"]
    _check(stored, made)


def test_the_evaluator_screen_notices_the_start_by_itself(tmp_path):
    from playwright.sync_api import sync_playwright

    db_path = tmp_path / "t0.duckdb"
    _drill(db_path, start=False)
    with (
        serve(db_path, demo=False, log_path=tmp_path / "server.log") as url,
        sync_playwright() as pw,
    ):
        browser, _, page = _browser(pw)
        try:
            page.goto(f"{url}/evaluate")
            page.get_by_label("用户名").fill("eva")
            page.get_by_label("密码").fill(PASSWORD)
            page.get_by_role("button", name="登录").click()
            page.get_by_text(t("evaluate.none")).wait_for()
            console = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            console.goto(f"{url}/drill_list")
            console.get_by_label("用户名").fill("director")
            console.get_by_label("密码").fill(PASSWORD)
            console.get_by_role("button", name="登录").click()
            console.get_by_role("button", name=t("nav.drill_console")).click()
            console.get_by_role("button", name=t("drills.clock.start"), exact=True).click()
            console.get_by_text(t("drills.status.running")).first.wait_for()
            started = time.monotonic()
            page.get_by_text(t("evaluate.next")).wait_for(timeout=5_000)  # no navigation
            noticed = time.monotonic() - started
            page.screenshot(path=str(ARTIFACTS / "evaluator_t0.png"))
        finally:
            browser.close()
    assert noticed < 5, noticed
