"""Page tests of sessions kept in the database: signing in through the form opens one, signing
out ends it, a session ended in another tab ends here too, and the browser is told to take or
drop its cookie only when the server has the routes for it (server_app.py; AppTest has none)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from i18n import t
from services import accounts, sessions
from tests.ui.conftest import PASSWORD, USERS, page
from ui import session as ui_session


def signed_in(username: str = "owner"):
    at = page("app", user=None).run()
    at.text_input(key="sign_in_user").set_value(username)
    at.text_input(key="sign_in_password").set_value(PASSWORD)
    return at.button(key="sign_in_submit").click().run()


def posts(at) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def test_signing_in_opens_a_session_in_the_database_and_signing_out_ends_it(conn):
    at = signed_in()
    session_id = at.session_state["session_id"]
    assert sessions.check_session(conn, session_id, now=datetime.now(UTC)).username == "owner"
    at.button(key="sign_out").click().run()
    assert "user_id" not in at.session_state
    with pytest.raises(Exception, match="auth.session_signed_out"):
        sessions.check_session(conn, session_id, now=datetime.now(UTC))


def test_a_sign_out_in_another_tab_ends_this_tabs_session_on_its_next_page_load(conn):
    at = signed_in()
    sessions.end_session(conn, at.session_state["session_id"], now=datetime.now(UTC))
    at.run()
    assert "user_id" not in at.session_state
    assert [i.value for i in at.info] == [t("auth.session_signed_out")]


def test_without_the_cookie_routes_the_browser_is_asked_for_nothing(conn):
    at = signed_in()
    assert at.session_state["user_id"] == USERS["owner"].user_id
    assert "/auth/" not in posts(at)
    at.button(key="sign_out").click().run()
    assert "/auth/" not in posts(at)


def test_with_the_cookie_routes_the_browser_takes_its_cookie_and_drops_it_at_sign_out(
    conn, monkeypatch
):
    monkeypatch.setattr(ui_session, "_cookie_routes", True)
    at = signed_in()
    assert ui_session.SESSION_PATH in posts(at) and ui_session.SIGN_OUT_PATH not in posts(at)
    at.button(key="sign_out").click().run()
    assert ui_session.SIGN_OUT_PATH in posts(at) and ui_session.SESSION_PATH not in posts(at)


def reloaded(monkeypatch, token: str | None):
    """A new tab (nothing in its session state) whose browser sends `token` in its cookie."""
    monkeypatch.setattr(ui_session, "cookie_token", lambda: token)
    return page("app", user=None).run()


def test_a_reload_finds_the_session_again_from_the_cookie(conn, monkeypatch):
    signed = sessions.sign_in_session(conn, "owner", PASSWORD, now=datetime.now(UTC))
    cookie = sessions.redeem_login_code(conn, signed.login_code, now=datetime.now(UTC))
    at = reloaded(monkeypatch, cookie.token)
    assert at.session_state["session_id"] == signed.session_id
    assert at.session_state["user_id"] == USERS["owner"].user_id
    assert any(m.label == t("common.plans") for m in at.metric)  # the home page, signed in


def test_a_reload_after_the_idle_time_out_asks_for_sign_in_and_says_why(conn, monkeypatch):
    long_ago = datetime.now(UTC) - timedelta(hours=2)
    signed = sessions.sign_in_session(conn, "owner", PASSWORD, now=long_ago)
    cookie = sessions.redeem_login_code(conn, signed.login_code, now=long_ago)
    at = reloaded(monkeypatch, cookie.token)
    assert "user_id" not in at.session_state
    assert [i.value for i in at.info] == [t("auth.session_expired")]


@pytest.mark.parametrize("token", ["signed-out", "unknown"])
def test_a_stale_cookie_only_shows_the_sign_in_form(conn, monkeypatch, token):
    signed = sessions.sign_in_session(conn, "owner", PASSWORD, now=datetime.now(UTC))
    cookie = sessions.redeem_login_code(conn, signed.login_code, now=datetime.now(UTC))
    sessions.end_session(conn, signed.session_id, now=datetime.now(UTC))
    at = reloaded(monkeypatch, cookie.token if token == "signed-out" else "no-such-token")
    assert "user_id" not in at.session_state and not at.info and not at.error
    assert at.button(key="sign_in_submit")


def test_the_language_a_user_chose_survives_a_reload(conn, monkeypatch):
    at = signed_in()
    at.selectbox(key="lang_pick").set_value("en").run()
    assert accounts.preferred_language(conn, USERS["owner"].user_id) == "en"
    signed = sessions.sign_in_session(conn, "owner", PASSWORD, now=datetime.now(UTC))
    cookie = sessions.redeem_login_code(conn, signed.login_code, now=datetime.now(UTC))
    again = reloaded(monkeypatch, cookie.token)  # a new tab: nothing chosen in it
    assert again.session_state["lang"] == "en"
    assert any(m.label == t("common.plans", lang="en") for m in again.metric)


def test_a_language_picked_before_signing_in_follows_the_account_to_another_device(conn):
    at = page("app", user=None).run()
    at.selectbox(key="lang_pick").set_value("en").run()
    at.text_input(key="sign_in_user").set_value("owner")
    at.text_input(key="sign_in_password").set_value(PASSWORD)
    at.button(key="sign_in_submit").click().run()
    assert accounts.preferred_language(conn, USERS["owner"].user_id) == "en"
    elsewhere = signed_in()  # another browser, in the default language until signed in
    assert elsewhere.session_state["lang"] == "en"
    assert any(m.label == t("common.plans", lang="en") for m in elsewhere.metric)
    other_user = signed_in("approver")  # another account keeps the default
    assert other_user.session_state["lang"] == "zh"
