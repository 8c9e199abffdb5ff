"""In a real browser: the live parts of the screens check the session where the action happens
(ui/live.py). A disabled evaluator's next tap is refused at once; an evaluator who keeps tapping
stays signed in past the idle limit; an idle evaluator's tap is refused, and an idle director's
or participant's auto-refreshing panel signs them out by itself and stops. The idle limit is made
a few seconds long with a fractional PLANDRILL_SESSION_MINUTES."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from db import connection, drills_store
from db.users_signin import act_as
from i18n import t
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, serve
from tests.integration.drills_world import PASSWORD, design, seed

pytestmark = pytest.mark.browser


def running_drill(path) -> int:
    world = seed(path)
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(world.db, world.director, design(world), now=now)
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    drills_store.set_participants(world.db, world.director, drill_id, {"pat": ["r3"]}, now=now)
    drills_store.start_drill(world.db, world.director, drill_id, now=now)
    world.db.close()
    return drill_id


def entries(path, drill_id: int) -> list[tuple[str, str | None]]:
    """(kind, rating) of every stored entry, read once the server has stopped."""
    conn = connection.connect(path)
    try:
        found = drills_store.observations(conn, act_as(conn, "director"), drill_id)
        return [(o.kind, o.rating) for o in found]
    finally:
        conn.close()


def open_as(browser, url: str, path: str, username: str, *, phone: bool = False):
    size = {"width": 420, "height": 900} if phone else {"width": 1400, "height": 1200}
    page = browser.new_context(viewport=size, locale="zh-CN").new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{url}/{path}")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("button", name=t("auth.sign_out")).wait_for()
    return page


def tap(page, rating: str) -> None:
    """A tap on the first card of "expected next" (c1, eva's item)."""
    page.get_by_role("button", name=t(f"outcome.{rating}"), exact=True).first.click()


def recorded(page, rating: str):
    """The card's line that confirms the stored rating."""
    return page.get_by_text(t("evaluate.tap.recorded", rating=t(f"outcome.{rating}")))


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_a_disabled_evaluators_screen_signs_out_by_itself_within_seconds(tmp_path, browser):
    db_path = tmp_path / "live.duckdb"
    drill_id = running_drill(db_path)
    with serve(db_path, demo=False, log_path=tmp_path / "server.log") as url:
        phone = open_as(browser, url, "evaluate", "eva", phone=True)
        tap(phone, "done")
        recorded(phone, "done").wait_for()

        admin = open_as(browser, url, "users", "root")
        search = admin.get_by_label(t("common.search"))
        search.fill("eva")
        search.press("Enter")
        admin.get_by_role("button", name=t("users.disable")).click()
        confirm = admin.get_by_role("button", name=t("users.confirm_disable_yes"))
        confirm.click()
        confirm.wait_for(state="detached")  # stored: the page ran again without the question

        # the evaluator's screen is still open: its live header meets the disabled account
        # within seconds and shows the sign-in form with the reason; nothing more is stored
        phone.get_by_text(t("auth.disabled")).wait_for(timeout=10_000)
        assert phone.get_by_role("button", name="登录", exact=True).count() == 1
        phone.screenshot(path=str(ARTIFACTS / "live_disabled_tap.png"))
    assert entries(db_path, drill_id) == [("item", "done")]


def test_an_evaluator_tapping_every_few_seconds_stays_signed_in_past_the_idle_limit(
    tmp_path, browser, monkeypatch
):
    monkeypatch.setenv("PLANDRILL_SESSION_MINUTES", "0.14")  # about 8 s
    db_path = tmp_path / "live.duckdb"
    drill_id = running_drill(db_path)
    ratings = ["done", "partly", "not_done", "na"] * 2  # 8 taps 3 s apart: three idle limits
    with serve(db_path, demo=False, log_path=tmp_path / "server.log") as url:
        phone = open_as(browser, url, "evaluate", "eva", phone=True)
        started = time.monotonic()
        for rating in ratings:
            tap(phone, rating)
            recorded(phone, rating).wait_for()
            time.sleep(3)
        assert time.monotonic() - started > 3 * 8.4
        # whole page runs (a phase chosen, then undo of the last tap): still signed in
        phone.locator(".st-key-evaluate_phase button").first.click()
        phone.locator(".st-key-evaluate_undo button").click()
        toast = phone.get_by_test_id("stToast").filter(has_text=t("evaluate.recorded"))
        toast.first.wait_for()
        assert phone.get_by_role("button", name=t("auth.sign_out")).count() == 1
        assert phone.get_by_role("button", name="登录", exact=True).count() == 0
    stored = entries(db_path, drill_id)
    assert stored == [("item", r) for r in ratings] + [("undo", None)]


def test_idle_users_are_signed_out_and_their_live_panels_stop(tmp_path, browser, monkeypatch):
    monkeypatch.setenv("PLANDRILL_SESSION_MINUTES", "0.15")  # 9 s
    db_path = tmp_path / "live.duckdb"
    drill_id = running_drill(db_path)
    with serve(db_path, demo=False, log_path=tmp_path / "server.log") as url:
        phone = open_as(browser, url, "evaluate", "eva", phone=True)
        tap(phone, "done")
        recorded(phone, "done").wait_for()
        console = open_as(browser, url, "drill_list", "director")
        console.get_by_role("button", name=t("nav.drill_console")).click()
        console.get_by_text(t("drillpage.newest")).wait_for()
        messages = open_as(browser, url, "participate", "pat", phone=True)

        # nobody acts: the timed panels sign their users out by themselves
        expired = t("auth.session_expired")
        console.get_by_text(expired).wait_for(timeout=30_000)
        messages.get_by_text(expired).wait_for(timeout=30_000)
        for page in (console, messages):
            page.get_by_role("button", name="登录", exact=True).wait_for()
        assert console.get_by_text(t("drillpage.newest")).count() == 0
        time.sleep(6)  # a further period: the panel is gone, nothing comes back
        assert console.get_by_text(t("drillpage.newest")).count() == 0

        # the idle evaluator's screen signs out by itself too (its header is a timed panel)
        phone.get_by_text(expired).wait_for(timeout=30_000)
        assert phone.get_by_role("button", name="登录", exact=True).count() == 1
        phone.screenshot(path=str(ARTIFACTS / "live_idle_tap.png"))
    assert entries(db_path, drill_id) == [("item", "done")]
