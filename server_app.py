"""The web server: app.py and its pages, the routes that set and clear the session cookie, and
the drill clock's scheduler beside them.

`streamlit run server_app.py` (what serve.py and scripts/run.sh start) finds the `st.App` below
and serves app.py with uvicorn; the lifespan starts the scheduler (services/clock.py) when the
server starts, before any screen is open, and stops it on shutdown. Its ticks use the DuckDB
connection the pages use (bootstrap.get_db). AppTest runs app.py and the pages directly, without
this file, and so without the scheduler or the cookie.

A Streamlit script cannot set a cookie, so the session cookie (services/sessions.py) is set by
a route here: right after a sign-in the page's script posts the session's one-time login code
to POST /auth/session, which swaps it for the session's token in an HttpOnly, SameSite=Strict
cookie (Secure over https); the next page load of that browser, on any instance, finds the
session from it (ui/session.py). POST or GET /auth/signout ends the cookie's session and clears
the cookie (GET then goes back to the home page).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import streamlit as st
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from access.sessions import COOKIE_NAME
from plans.errors import PlanError
from services import sessions as session_cases
from services.clock import THREAD_NAME, Scheduler, held
from ui.session import SESSION_PATH, SIGN_OUT_PATH, serve_session_cookies

# bootstrap.get_db goes through st.cache_resource, which warns on every call made outside a
# script run; the scheduler's thread and the cookie routes' threads are outside one on purpose.
_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
_ROUTE_THREADS = "plandrill-session-route"
_route_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix=_ROUTE_THREADS)


class _NotOurThreads(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME and not record.threadName.startswith(_ROUTE_THREADS)


def _database():
    from bootstrap import get_db

    return get_db()


@asynccontextmanager
async def lifespan(_app):
    logging.getLogger(_CONTEXT_LOGGER).addFilter(_NotOurThreads())
    scheduler = Scheduler(held(_database)).start()
    try:
        yield None
    finally:
        await asyncio.to_thread(scheduler.stop)


async def _in_thread(func, *args):
    return await asyncio.get_running_loop().run_in_executor(_route_pool, func, *args)


def _from_this_site(request: Request) -> bool:
    """A browser's post from our own pages, not from another site (Origin and Sec-Fetch-Site
    are set by browsers and cannot be forged by a page)."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


def _over_https(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


async def session_cookie(request: Request) -> Response:
    """POST code=<login code>: 204 with the session cookie; 400 for a code spent, expired or
    unknown; 403 for a post from another site."""
    if not _from_this_site(request):
        return _no_store(Response(status_code=403))
    code = parse_qs((await request.body()).decode("utf-8", "replace")).get("code", [""])[0]
    now = datetime.now(UTC)

    def redeem():
        return session_cases.redeem_login_code(_database(), code, now=now) if code else None

    try:
        cookie = await _in_thread(redeem)
    except PlanError:  # the database refused (demo on a network, locked, …)
        return _no_store(Response(status_code=503))
    if cookie is None:
        return _no_store(Response(status_code=400))
    response = Response(status_code=204)
    response.set_cookie(
        COOKIE_NAME,
        cookie.token,
        max_age=max(0, int((cookie.expires_at - now).total_seconds())),
        path="/",
        secure=_over_https(request),
        httponly=True,
        samesite="strict",
    )
    return _no_store(response)


async def sign_out(request: Request) -> Response:
    """End the session of the cookie (if any) and clear the cookie; GET goes home after."""
    if request.method == "POST" and not _from_this_site(request):
        return _no_store(Response(status_code=403))
    token = request.cookies.get(COOKIE_NAME)
    if token:
        now = datetime.now(UTC)
        try:
            await _in_thread(
                lambda: session_cases.end_session_by_token(_database(), token, now=now)
            )
        except PlanError:
            pass  # the cookie is cleared all the same
    response = (
        RedirectResponse("/", status_code=303)
        if request.method == "GET"
        else Response(status_code=204)
    )
    response.delete_cookie(
        COOKIE_NAME, path="/", secure=_over_https(request), httponly=True, samesite="strict"
    )
    return _no_store(response)


serve_session_cookies()
app = st.App(
    "app.py",
    lifespan=lifespan,
    routes=[
        Route(SESSION_PATH, session_cookie, methods=["POST"]),
        Route(SIGN_OUT_PATH, sign_out, methods=["GET", "POST"]),
    ],
)
