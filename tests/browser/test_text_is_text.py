"""Text is text in a real browser: a plan titled with a URL, a www. address, an e-mail address
and a HYPERLINK formula shows that text, and Chromium finds no link to it anywhere on the page
(Streamlit's markdown links bare URLs even when their characters are backslash-escaped): the
editor's title, where a broken escape would first show."""

from __future__ import annotations

from datetime import UTC, datetime

from db import accounts_seed, connection, plans_store, users_store
from tests.browser.conftest import ARTIFACTS, serve, sign_in
from tests.sample_plans import chemical_plan

TITLE = '=HYPERLINK("https://evil.example/x","点我") www.evil.example boss@evil.example'


def test_a_title_full_of_links_shows_as_plain_text(tmp_path, browser_page):
    db_path = tmp_path / "text.duckdb"
    conn = connection.connect(db_path)
    now = datetime.now(UTC)
    accounts_seed.prepare_accounts(conn, demo=True, now=now)
    owner = users_store.act_as(conn, "owner")
    plans_store.import_plan(
        conn, owner, chemical_plan(TITLE), document=b"links", filename="links.docx", now=now
    )
    conn.close()

    with serve(db_path, demo=True, log_path=tmp_path / "server.log") as url:
        page = browser_page
        sign_in(page, url, "owner")
        page.get_by_role("button", name="HYPERLINK").click()  # opens it in the editor
        title = page.get_by_role("heading", name="HYPERLINK")
        title.wait_for()
        page.screenshot(path=str(ARTIFACTS / "text_is_text.png"))
        assert TITLE in title.inner_text().replace("\u2060", "")  # reads as written
        assert page.locator("a[href*='evil.example']").count() == 0
        assert page.locator("a[href^='mailto:']").count() == 0
