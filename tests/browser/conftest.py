"""A real `streamlit run` server on 127.0.0.1 and Debian's headless Chromium (Playwright).

A browser test that fails is run once more (pytest-rerunfailures) before it counts as failed:
on a loaded two-core machine a real browser now and then loses a keystroke or a click while the
page reruns, which says nothing about the product. The rerun shows as "R" in the report, and a
test that fails twice fails the run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

# the browser tests import the server helpers from here
from local_server import free_port, serve, start_server, stop_server  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


BROWSER_RERUNS = 1


def pytest_itemcollected(item) -> None:
    if "tests/browser/" in item.nodeid.replace("\\", "/"):
        item.add_marker(pytest.mark.flaky(reruns=BROWSER_RERUNS, reruns_delay=2))


_free_port = free_port  # the name the browser tests import


@pytest.fixture
def server(tmp_path):
    """The app in demo mode (demo accounts and plans, see db/accounts_seed.py)."""
    with serve(tmp_path / "browser.duckdb", demo=True, log_path=tmp_path / "server.log") as url:
        yield url


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1600, "height": 1400}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(30_000)
        yield page
        context.close()
        browser.close()


def sign_in(page, server: str, username: str, path: str = "") -> None:
    """Open `path` and sign in through the form with a demo account, as a person would (a URL
    opened by hand starts a new session, which asks for sign-in first)."""
    from db.accounts_seed import DEMO_ACCOUNTS

    password = next(a.password for a in DEMO_ACCOUNTS if a.username == username)
    page.goto(f"{server}/{path}")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("button", name="退出登录").wait_for()
