"""A real `streamlit run` server on 127.0.0.1 and Debian's headless Chromium (Playwright).

A browser test that fails is run once more (pytest-rerunfailures) before it counts as failed:
on a loaded two-core machine a real browser now and then loses a keystroke or a click while the
page reruns, which says nothing about the product. The rerun shows as "R" in the report, and a
test that fails twice fails the run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.flaky(reruns=BROWSER_RERUNS, reruns_delay=2))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    db_path: Path, *, demo: bool, log, port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run app.py` on `port` (default: a free 127.0.0.1 port) in its own process
    group and wait until it is healthy; return the process and its URL."""
    port = port or _free_port()
    env = {**os.environ, "PLANDRILL_DB": str(db_path), "PLANDRILL_DEMO": "1" if demo else "0"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"the server did not start: {log.name}")


def stop_server(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop the server's whole process group (SIGKILL: as a crash would)."""
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextlib.contextmanager
def serve(db_path: Path, *, demo: bool, log_path: Path):
    """A real server for the duration of the block; yields its URL. Seed `db_path` before: the
    server holds the file."""
    with open(log_path, "w") as log:
        proc, url = start_server(db_path, demo=demo, log=log)
        try:
            yield url
        finally:
            stop_server(proc)


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
