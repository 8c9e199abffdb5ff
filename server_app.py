"""The web server: app.py and its pages, plus the drill clock's scheduler beside them.

`streamlit run server_app.py` (what serve.py and scripts/run.sh start) finds the `st.App` below
and serves app.py with uvicorn; the lifespan starts the scheduler (services/clock.py) when the
server starts, before any screen is open, and stops it on shutdown. Its ticks use the DuckDB
connection the pages use (bootstrap.get_db). AppTest runs app.py and the pages directly, without
this file, and so without the scheduler.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

import streamlit as st

from services.clock import THREAD_NAME, Scheduler, held

# bootstrap.get_db goes through st.cache_resource, which warns on every call made outside a
# script run; the scheduler's thread is outside one on purpose.
_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


class _NotTheClockThread(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME


def _database():
    from bootstrap import get_db

    return get_db()


@asynccontextmanager
async def lifespan(_app):
    logging.getLogger(_CONTEXT_LOGGER).addFilter(_NotTheClockThread())
    scheduler = Scheduler(held(_database)).start()
    try:
        yield None
    finally:
        await asyncio.to_thread(scheduler.stop)


app = st.App("app.py", lifespan=lifespan)
