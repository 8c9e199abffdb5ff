"""The web routes that set and clear the session cookie, which a Streamlit script cannot.

Right after a sign-in the page's script posts the session's one-time login code to
POST /auth/session, which swaps it for the session's token in an HttpOnly, SameSite=Strict
cookie (Secure over https); the next page load of that browser, on any instance, finds the
session from it (ui/session.py). POST or GET /auth/signout ends the cookie's session and clears
the cookie (GET then goes back to the home page). GET /healthz answers a load balancer whether
this instance reaches its database. server_app.py serves them beside app.py.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from access.sessions import COOKIE_NAME
from i18n.errors import UserFacingError
from services import clock
from services import sessions as session_cases
from ui.session import SESSION_PATH, SIGN_OUT_PATH

THREAD_PREFIX = "plandrill-session-route"
HEALTH_PATH = "/healthz"
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix=THREAD_PREFIX)


def routes() -> list[Route]:
    return [
        Route(SESSION_PATH, hand_out_cookie, methods=["POST"]),
        Route(SIGN_OUT_PATH, sign_out, methods=["GET", "POST"]),
        Route(HEALTH_PATH, health, methods=["GET", "HEAD"]),
    ]


def _database():
    from bootstrap import get_db

    return get_db()


async def _in_thread(func, *args):
    return await asyncio.get_running_loop().run_in_executor(_pool, func, *args)


def _from_this_site(request: Request) -> bool:
    """A browser's post from our own pages, not from another site. Browsers set Sec-Fetch-Site
    and Origin, and no page can forge them; Sec-Fetch-Site is asked first, as a reverse proxy
    may pass the Host header changed (then X-Forwarded-Host names the host the browser saw)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser's cross-site post: those carry Origin
    host = request.headers.get("x-forwarded-host") or request.headers.get("host")
    return urlsplit(origin).netloc == (host or "").split(",")[0].strip()


def _over_https(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


async def hand_out_cookie(request: Request) -> Response:
    """POST code=<login code>: 204 with the session cookie; 400 for a code spent, expired or
    unknown; 403 for a post from another site."""
    if not _from_this_site(request):
        return _no_store(Response(status_code=403))
    code = parse_qs((await request.body()).decode("utf-8", "replace")).get("code", [""])[0]

    def redeem():
        db = _database()
        moment = clock.now(db)
        return moment, session_cases.redeem_login_code(db, code, now=moment) if code else None

    try:
        now, cookie = await _in_thread(redeem)
    except UserFacingError:  # the database refused (demo on a network, locked, …)
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

        def end() -> None:
            db = _database()
            session_cases.end_session_by_token(db, token, now=clock.now(db))

        try:
            await _in_thread(end)
        except UserFacingError:
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


async def health(_request: Request) -> Response:
    """200 with the schema version when the database answers, else 503: a load balancer takes
    an instance out of rotation when it cannot reach the database (Streamlit's own
    /_stcore/health says only that the web server runs)."""
    from db.connection import schema_version

    try:
        version = await _in_thread(lambda: schema_version(_database()))
    except UserFacingError:  # unreachable, locked, refused: the reason is in the server log
        return _no_store(JSONResponse({"status": "unavailable"}, status_code=503))
    return _no_store(JSONResponse({"status": "ok", "schema": version}))
