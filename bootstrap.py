"""The one cached resource: the DuckDB connection (migrated, seeded with the demo plans)."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from settings import load_settings


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    from db import connection, seed

    conn = connection.connect(path)
    if load_settings().demo:
        seed.seed_demo(conn, now=datetime.now(UTC))
    return conn


def get_db():
    """The shared connection; store functions take a cursor of it per call."""
    return _connection(str(load_settings().db_path))
