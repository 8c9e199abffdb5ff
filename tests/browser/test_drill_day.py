"""In a real browser, on drill day: two director sessions edit the roster of participants, the
second one's stale save is refused and the roster stays whole, so the participant keeps seeing
the drill; and the participant's screen notices the start (T0) by itself within 5 s."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from db import connection, drills_store
from db.users_signin import act_as
from i18n import t
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve
from tests.integration.drills_world import PASSWORD, design, seed

pytestmark = pytest.mark.browser
TITLE = "危化品泄漏双盲演练"


def drill(path, *, start: bool) -> int:
    """A sealed drill with two directors, pat playing r3; started when `start`."""
    world = seed(path)
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world, directors=("director", "director2")), now=now
    )
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    drills_store.set_participants(world.db, world.director, drill_id, {"pat": ["r3"]}, now=now)
    if start:
        drills_store.start_drill(world.db, world.director, drill_id, now=now)
    world.db.close()
    return drill_id


def open_as(browser, url: str, path: str, username: str, *, phone: bool = False):
    size = {"width": 420, "height": 900} if phone else {"width": 1400, "height": 1400}
    page = browser.new_context(viewport=size, locale="zh-CN").new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{url}/{path}")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("button", name=t("auth.sign_out")).wait_for()
    return page


def open_console(browser, url: str, username: str):
    page = open_as(browser, url, "drill_list", username)
    page.get_by_role("button", name=t("nav.drill_console")).click()
    page.get_by_text(t("drillpage.participants")).click()
    page.get_by_label("抢险救援组", exact=True).wait_for()
    return page


def settled(page) -> None:
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=20_000)


def set_players(page, role: str, names: str) -> None:
    box = page.get_by_label(role, exact=True)
    box.fill(names)
    box.press("Tab")
    page.locator(".st-key-console_roster_save button").click()
    settled(page)


def roster(path, drill_id: int) -> dict:
    conn = connection.connect(path)
    try:
        return drills_store.read_roster(conn, act_as(conn, "director"), drill_id).players
    finally:
        conn.close()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_a_second_directors_stale_roster_save_is_refused_and_the_participant_keeps_the_drill(
    tmp_path, browser
):
    path = tmp_path / "roster.duckdb"
    drill_id = drill(path, start=True)
    with serve(path, demo=False, log_path=tmp_path / "server.log") as url:
        participant = open_as(browser, url, "participate", "pat", phone=True)
        participant.get_by_text(TITLE).wait_for()
        first = open_console(browser, url, "director")
        second = open_console(browser, url, "director2")
        assert first.get_by_label("抢险救援组", exact=True).input_value() == "pat"

        set_players(second, "指挥部办公室", "pat2")
        second.get_by_text(t("roster.saved")).wait_for()
        set_players(first, "应急指挥部", "pat2")  # the form first opened before that save
        first.get_by_text(t("drills_store.roster_conflict", updated_by="director2")).wait_for()
        first.get_by_text(t("guard.changed_meanwhile")).wait_for()
        first.screenshot(path=str(ARTIFACTS / "roster_stale_refused.png"))

        first.get_by_role("button", name=t("guard.reload")).click()
        first.get_by_text(t("guard.changed_meanwhile")).wait_for(state="detached")
        settled(first)
        # one form, on the stored roster (the old one's widgets do not linger below it)
        expect(first.get_by_label("指挥部办公室", exact=True)).to_have_count(1)
        assert first.get_by_label("指挥部办公室", exact=True).input_value() == "pat2"
        assert first.get_by_label("抢险救援组", exact=True).input_value() == "pat"

        participant.wait_for_timeout(6_000)  # two refreshes of the participant's screen later
        assert participant.get_by_text(TITLE).count() >= 1
        assert participant.get_by_text(t("participate.none")).count() == 0
    assert roster(path, drill_id) == {"r3": ("pat",), "r2": ("pat2",)}


def test_the_participant_screen_notices_the_start_within_five_seconds(tmp_path, browser):
    path = tmp_path / "t0.duckdb"
    drill(path, start=False)
    with serve(path, demo=False, log_path=tmp_path / "server.log") as url:
        participant = open_as(browser, url, "participate", "pat", phone=True)
        participant.get_by_text(t("participate.none")).wait_for()
        assert participant.get_by_text(TITLE).count() == 0
        console = open_as(browser, url, "drill_list", "director")
        console.get_by_role("button", name=t("nav.drill_console")).click()
        console.get_by_role("button", name=t("drills.clock.start"), exact=True).click()
        console.get_by_text(t("drills.status.running")).first.wait_for()
        started = time.monotonic()
        participant.get_by_text(TITLE).wait_for(timeout=5_000)  # no navigation, no click
        noticed = time.monotonic() - started
        participant.screenshot(path=str(ARTIFACTS / "participant_t0.png"))
    assert noticed < 5, noticed
