"""The web server: app.py and its pages, the routes that set and clear the session cookie
(session_cookie.py), and the drill clock's scheduler beside them.

`streamlit run server_app.py` (what serve.py and scripts/run.sh start) finds the `st.App` below
and serves app.py with uvicorn; the lifespan starts the scheduler (services/clock.py) when the
server starts, before any screen is open, and stops it on shutdown. Its ticks use the DuckDB
connection the pages use (bootstrap.get_db). AppTest runs app.py and the pages directly, without
this file, and so without the scheduler or the cookie: a session then lives in its tab only.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

import streamlit as st

import session_cookie
from services.clock import THREAD_NAME, Scheduler, held
from ui.session import serve_session_cookies

# bootstrap.get_db goes through st.cache_resource, which warns on every call made outside a
# script run; the scheduler's thread and the cookie routes' threads are outside one on purpose.
_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


class _NotOurThreads(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME and not record.threadName.startswith(
            session_cookie.THREAD_PREFIX
        )


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


serve_session_cookies()
app = st.App("app.py", lifespan=lifespan, routes=session_cookie.routes())
