"""The routes that set and clear the session cookie (session_cookie.py), called as the web
server calls them, on a real DuckDB file: a login code gives the cookie once, HttpOnly and
SameSite=Strict, Secure behind https; another site's post is refused; sign-out ends the session
and clears the cookie."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from starlette.requests import Request

import bootstrap
import session_cookie
from access.policy import SYSTEM
from access.sessions import COOKIE_NAME
from db import connection, users_store
from services import sessions

PASSWORD = "Quiet-Harbour-Lantern-73"


@pytest.fixture
def db(tmp_path, monkeypatch):
    conn = connection.connect(tmp_path / "routes.duckdb")
    users_store.create_user(
        conn,
        SYSTEM,
        "zhao",
        PASSWORD,
        roles={"evaluator"},
        must_change=False,
        now=datetime.now(UTC),
    )
    monkeypatch.setattr(bootstrap, "get_db", lambda: conn)
    yield conn
    conn.close()


def call(handler, method: str, path: str, *, body: bytes = b"", **headers: str):
    """The handler's response to a request as uvicorn hands it over."""
    raw = [(k.replace("_", "-").lower().encode(), v.encode()) for k, v in headers.items()]
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1:8501"), *raw],
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "client": ("127.0.0.1", 50000),
        "root_path": "",
    }

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    return asyncio.run(handler(Request(scope, receive)))


def code_of(db) -> str:
    return sessions.sign_in_session(db, "zhao", PASSWORD, now=datetime.now(UTC)).login_code


def hand_out(code: str, **headers: str):
    return call(
        session_cookie.hand_out_cookie,
        "POST",
        "/auth/session",
        body=f"code={code}".encode(),
        **headers,
    )


def set_cookie(response) -> str:
    return response.headers.get("set-cookie", "")


def test_a_login_code_gives_an_httponly_strict_cookie_once(db):
    code = code_of(db)
    first = hand_out(code, sec_fetch_site="same-origin", origin="http://127.0.0.1:8501")
    assert first.status_code == 204
    cookie = set_cookie(first)
    assert cookie.startswith(f"{COOKIE_NAME}=") and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie and "Secure" not in cookie and "Path=/" in cookie
    assert hand_out(code).status_code == 400 and not set_cookie(hand_out(code))


def test_behind_https_the_cookie_is_secure(db):
    response = hand_out(code_of(db), x_forwarded_proto="https")
    assert response.status_code == 204 and "Secure" in set_cookie(response)


@pytest.mark.parametrize(
    "headers",
    [
        {"sec_fetch_site": "cross-site"},
        {"sec_fetch_site": "same-site"},
        {"origin": "http://evil.example"},
    ],
)
def test_a_post_from_another_site_is_refused_and_the_code_stays_unspent(db, headers):
    code = code_of(db)
    assert hand_out(code, **headers).status_code == 403
    assert hand_out(code).status_code == 204


def test_signing_out_ends_the_cookies_session_and_clears_it(db):
    signed = sessions.sign_in_session(db, "zhao", PASSWORD, now=datetime.now(UTC))
    token = set_cookie(hand_out(signed.login_code)).split(";")[0].split("=", 1)[1]
    response = call(
        session_cookie.sign_out,
        "POST",
        "/auth/signout",
        cookie=f"{COOKIE_NAME}={token}",
        sec_fetch_site="same-origin",
    )
    assert response.status_code == 204
    assert set_cookie(response).startswith(f'{COOKIE_NAME}=""') and "Max-Age=0" in set_cookie(
        response
    )
    assert sessions.resume_session(db, token, now=datetime.now(UTC)) is None


def test_a_sign_out_link_goes_home(db):
    response = call(session_cookie.sign_out, "GET", "/auth/signout")
    assert response.status_code == 303 and response.headers["location"] == "/"
