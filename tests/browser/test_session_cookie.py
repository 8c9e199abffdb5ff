"""In a real browser against the real server (`python -m serve`, server_app.py with its cookie
routes): a sign-in and the language chosen survive a reload through an HttpOnly cookie, and a
sign-out ends the session for good."""

from __future__ import annotations

import pytest

from access.sessions import COOKIE_NAME
from i18n import t
from local_server import serve_real
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser


def real_server(tmp_path):
    """`python -m serve` (what scripts/run.sh starts) in demo mode on a free 127.0.0.1 port."""
    env = {"PLANDRILL_DB": str(tmp_path / "db" / "cookie.duckdb"), "PLANDRILL_DEMO": "1"}
    return serve_real(env, log_path=tmp_path / "server.log")


def session_cookies(page) -> list[dict]:
    return [c for c in page.context.cookies() if c["name"] == COOKIE_NAME]


def test_a_sign_in_survives_a_reload_and_a_sign_out_does_not(tmp_path, browser_page):
    page = browser_page
    sign_out_button = page.get_by_role("button", name=t("auth.sign_out", lang="zh"))
    sign_in_button = page.get_by_role("button", name=t("auth.sign_in", lang="zh"), exact=True)
    with real_server(tmp_path) as server:
        with page.expect_response(lambda r: r.url.endswith("/auth/session")) as handed_over:
            sign_in(page, server, "owner")
        assert handed_over.value.status == 204
        (cookie,) = session_cookies(page)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and not cookie["secure"]
        assert page.evaluate("document.cookie").find(COOKIE_NAME) == -1  # scripts cannot read it

        page.get_by_label("语言 / Language").click()  # English, kept with the account
        page.get_by_role("option", name="English").click()
        english_sign_out = page.get_by_role("button", name=t("auth.sign_out", lang="en"))
        english_sign_out.wait_for()
        page.reload()
        english_sign_out.wait_for()
        assert sign_in_button.count() == 0 and sign_out_button.count() == 0
        page.screenshot(path=str(ARTIFACTS / "session_after_reload.png"))

        with page.expect_response(lambda r: r.url.endswith("/auth/signout")) as cleared:
            english_sign_out.click()
            page.get_by_role("button", name=t("auth.sign_in", lang="en"), exact=True).wait_for()
        assert cleared.value.status == 204
        assert session_cookies(page) == []

        page.reload()  # a new tab's default language, and no session
        sign_in_button.wait_for()
        assert sign_out_button.count() == 0 and english_sign_out.count() == 0
