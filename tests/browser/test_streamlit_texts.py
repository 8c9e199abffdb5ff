"""Streamlit's own English words in a real browser: the uploader speaks our language, a file over
our limit is refused in our words, and a lost connection shows our notice instead of Streamlit's
"Connection error" dialog, gone again once the server is back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from i18n import t
from local_server import start_server
from tests.browser.conftest import ARTIFACTS, _free_port, sign_in, stop_server

pytestmark = pytest.mark.browser
LABEL = (
    '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] '
    '[data-testid="stMarkdownContainer"] p'
)


def start_on(port: int, db_path: Path, log) -> subprocess.Popen:
    """The demo app on a given port (to start it again where the browser waits for it)."""
    return start_server(db_path, demo=True, log=log, port=port)[0]


def test_uploads_and_a_lost_connection_speak_our_language(tmp_path, browser_page):
    page, port = browser_page, _free_port()
    url = f"http://127.0.0.1:{port}"
    with open(tmp_path / "server.log", "w") as log:
        proc = start_on(port, tmp_path / "texts.duckdb", log)
        try:
            sign_in(page, url, "owner", "import")
            label = page.locator(LABEL).first
            label.wait_for()
            after = label.evaluate("e => getComputedStyle(e, '::after').content")
            assert after == f'"{t("ui.upload_button", lang="zh")}"'
            assert not page.get_by_test_id("stFileUploaderDropzoneInstructions").is_visible()

            big = tmp_path / "big.docx"
            big.write_bytes(b"PK" + bytes(21 * 2**20))
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(big))
            page.get_by_text("超过了 20 MB 的上限").wait_for()  # ours, not "File must be 20.0MB"

            notice = page.locator(".plandrill-offline")
            assert not notice.is_visible()
            stop_server(proc)
            notice.wait_for(state="visible", timeout=20_000)
            card = notice.locator("div").first
            title = card.evaluate("e => getComputedStyle(e, '::before').content")
            body = card.evaluate("e => getComputedStyle(e, '::after').content")
            assert title == f'"{t("ui.offline_title", lang="zh")}"'
            assert t("ui.offline_body", lang="zh") in body
            assert not page.get_by_text("Connection error").is_visible()
            assert not page.get_by_text("Streamlit server is not responding").is_visible()
            page.screenshot(path=str(ARTIFACTS / "connection_lost.png"))

            proc = start_on(port, tmp_path / "texts.duckdb", log)
            notice.wait_for(state="hidden", timeout=60_000)  # reconnected: the notice goes
        finally:
            stop_server(proc)
