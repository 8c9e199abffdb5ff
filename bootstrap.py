"""The one cached resource: the DuckDB connection (migrated, accounts ready, demo data seeded)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import streamlit as st

from i18n import t
from settings import load_settings


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    from db import accounts_seed, connection, seed

    settings = load_settings()
    conn = connection.connect(path)
    now = datetime.now(UTC)
    password = accounts_seed.prepare_accounts(conn, demo=settings.demo, now=now)
    if password:
        # the only place the first admin's one-time password is ever shown: the server log
        print(
            t(
                "bootstrap.admin_created",
                lang=settings.language,
                username="admin",
                password=password,
            ),
            file=sys.stderr,
            flush=True,
        )
    if settings.demo:
        seed.seed_demo(conn, now=now)
    return conn


def get_db():
    """The shared connection; store functions take a cursor of it per call."""
    return _connection(str(load_settings().db_path))
