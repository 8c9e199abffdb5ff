"""Two real servers (`python -m serve`) on one PostgreSQL database, as behind a load balancer
without stickiness, driven by real browsers: both start together and come up healthy with the
demo data seeded once; evaluators on both record at once; one instance is killed mid-drill and
the other carries on; the killed instance's browser, sent to the live one, is still signed in
(the session lives in the database, the cookie travels with the host) and records on. Every
confirmed tap is stored exactly once, and the director's console on one instance shows a tap
made on the other within its refresh interval."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from access.sessions import COOKIE_NAME
from db import connection, drills_store
from db.accounts_seed import DEMO_ACCOUNTS
from db.users_signin import act_as
from drills.model import EvaluatorAssignment
from i18n import t
from tests.browser.conftest import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT, _free_port, stop_server
from tests.integration.drills_world import PASSWORD, design, seed

pytestmark = pytest.mark.browser
CONSOLE_REFRESH_S = 5  # pages/drill_console.py REFRESH_SECONDS
# One run of the console's fragment on a loaded two-core machine, on top of its period.
FRAGMENT_RUN_S = 4
PHONE = {"width": 420, "height": 900}
C1_NAME = "报告事故信息"  # checklist item c1: step s1 of tests/sample_plans.py chemical_plan


def _running_drill(url: str) -> int:
    """The drill world's accounts and plan, and a running drill: eva watches r2 and r1 (c1, c2,
    c4), evb r3 and r1 (c2, c3, c4)."""
    world = seed(url)
    now = datetime.now(UTC)
    watch = (EvaluatorAssignment("eva", ("r2", "r1")), EvaluatorAssignment("evb", ("r3", "r1")))
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world, evaluators=watch), now=now
    )
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    drills_store.start_drill(world.db, world.director, drill_id, now=now)
    world.db.close()
    return drill_id


def _launch(database_url: str, port: int, tmp_path, name: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "PLANDRILL_DATABASE_URL": database_url,
        "PLANDRILL_DEMO": "1",
        "PLANDRILL_ADDRESS": "127.0.0.1",
        "PLANDRILL_DB": str(tmp_path / "unused.duckdb"),
    }
    with open(tmp_path / f"{name}.log", "w") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "serve",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _first_health(url: str) -> int:
    """The status of the first answer of GET /healthz (which opens the database and seeds it),
    once the web server answers at all."""
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=60) as answer:
                return answer.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


@contextlib.contextmanager
def two_instances(database_url: str, tmp_path):
    """Two servers started at the same moment on one database; yields their processes and URLs
    once each has answered its first health check (both must be 200)."""
    ports = [_free_port()]
    while len(ports) < 2:
        ports += [port for port in [_free_port()] if port not in ports]
    procs = [_launch(database_url, port, tmp_path, f"server{n}") for n, port in enumerate(ports)]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        with ThreadPoolExecutor(2) as pool:
            first = list(pool.map(_first_health, urls))
        assert first == [200, 200], (first, _logs(tmp_path))
        yield procs, urls
    finally:
        for proc in procs:
            if proc.poll() is None:
                stop_server(proc)


def _logs(tmp_path) -> str:
    return "\n".join((tmp_path / f"server{n}.log").read_text() for n in range(2))


def _sign_in(page, url: str, path: str, username: str) -> None:
    page.goto(f"{url}/{path}")
    page.get_by_label(t("auth.username")).fill(username)
    page.get_by_label(t("auth.password")).fill(PASSWORD)
    page.get_by_role("button", name=t("auth.sign_in"), exact=True).click()
    page.get_by_role("button", name=t("auth.sign_out")).wait_for()


def _tap_done(page, item: str) -> None:
    card = page.locator(f".st-key-ev_next_{item}_card")
    card.get_by_role("button", name=t("outcome.done"), exact=True).click()


def _confirmed(page, item: str) -> None:
    """Wait until the item's card says the server stored the tap."""
    recorded = t("evaluate.tap.recorded", rating=t("outcome.done"))
    page.locator(f".st-key-ev_next_{item}_card").get_by_text(recorded).wait_for()


def _seeded_once(url: str) -> tuple[list, int]:
    """Accounts made more than once, and the number of plans (the world's one and two demo)."""
    conn = connection.connect(url)
    try:
        twice = conn.execute(
            "SELECT username FROM users GROUP BY username HAVING count(*) > 1"
        ).fetchall()
        names = {row[0] for row in conn.execute("SELECT username FROM users").fetchall()}
        assert {a.username for a in DEMO_ACCOUNTS} <= names
        return twice, conn.execute("SELECT count(*) FROM plans").fetchone()[0]
    finally:
        conn.close()


def _stored(url: str, drill_id: int) -> list:
    conn = connection.connect(url)
    try:
        return drills_store.observations(conn, act_as(conn, "director"), drill_id)
    finally:
        conn.close()


def test_a_tap_survives_the_loss_of_an_instance_and_shows_on_the_other_console(
    tmp_path, postgres_database
):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    drill_id = _running_drill(postgres_database)
    pages: dict = {}
    with two_instances(postgres_database, tmp_path) as ((instance_a, _), (url_a, url_b)):
        assert _seeded_once(postgres_database) == ([], 3)
        assert "Traceback" not in _logs(tmp_path)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, size in (("eva", PHONE), ("evb", PHONE), ("console", None)):
                viewport = size or {"width": 1400, "height": 1400}
                context = browser.new_context(viewport=viewport, locale="zh-CN")
                pages[name] = context.new_page()
                pages[name].set_default_timeout(30_000)
            eva, evb, console = pages["eva"], pages["evb"], pages["console"]
            try:
                _sign_in(console, url_b, "drill_list", "director")
                console.get_by_role("button", name=t("nav.drill_console")).click()
                console.get_by_text(t("drillpage.newest")).wait_for()
                assert console.get_by_text(C1_NAME).count() == 0  # c1, not recorded yet
                with eva.expect_response(lambda r: r.url.endswith("/auth/session")) as handed:
                    _sign_in(eva, url_a, "evaluate", "eva")
                assert handed.value.status == 204  # the session cookie is set
                _sign_in(evb, url_b, "evaluate", "evb")
                for page in (eva, evb):
                    page.get_by_text(t("evaluate.next")).wait_for()

                _tap_done(eva, "c1")  # on the first instance
                _tap_done(evb, "c3")  # at once, on the second
                _confirmed(eva, "c1")
                confirmed_at = time.monotonic()
                # the second instance's console, by itself (no reload, no click)
                console.get_by_text(C1_NAME).first.wait_for(
                    state="attached", timeout=(CONSOLE_REFRESH_S + FRAGMENT_RUN_S) * 1000
                )
                shown_after = time.monotonic() - confirmed_at
                _confirmed(evb, "c3")

                stop_server(instance_a, signal.SIGKILL)  # mid-drill, as a crash would
                _tap_done(evb, "c4")  # the live instance carries on
                _confirmed(evb, "c4")

                eva.goto(f"{url_b}/evaluate")  # the load balancer sends her to the live one
                eva.get_by_text(t("evaluate.next")).wait_for()
                eva.get_by_role("button", name=t("auth.sign_out")).wait_for()
                assert eva.get_by_label(t("auth.password")).count() == 0
                assert any(c["name"] == COOKIE_NAME for c in eva.context.cookies(url_b))
                _tap_done(eva, "c2")
                _confirmed(eva, "c2")
                console.screenshot(path=str(ARTIFACTS / "two_instances_console.png"))
            except Exception:
                for name, page in pages.items():
                    with contextlib.suppress(Exception):
                        page.screenshot(path=str(ARTIFACTS / f"two_instances_{name}.png"))
                raise
            finally:
                browser.close()

    stored = _stored(postgres_database, drill_id)
    assert sorted((o.evaluator, o.item_id, o.rating) for o in stored) == [
        ("eva", "c1", "done"),
        ("eva", "c2", "done"),
        ("evb", "c3", "done"),
        ("evb", "c4", "done"),
    ]
    assert len({o.id for o in stored}) == len(stored)
    assert shown_after <= CONSOLE_REFRESH_S + FRAGMENT_RUN_S, shown_after
    assert not (tmp_path / "unused.duckdb").exists()  # both instances ran on PostgreSQL
