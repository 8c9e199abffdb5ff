"""The one cached resource: the database (the DuckDB file, or the PostgreSQL pool that
PLANDRILL_DATABASE_URL names; migrated, accounts ready, demo data seeded), refused in demo mode
when the server listens where other machines reach it."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import streamlit as st

from i18n import t
from i18n.errors import UserFacingError
from settings import demo_refused, load_settings


class DemoOnNetworkError(UserFacingError):
    """Demo mode (public passwords) on an address other machines reach; params: address."""

    key = "serve.demo_on_network"


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    from db import accounts_seed, connection, seed

    settings = load_settings()
    conn = connection.connect(path)
    now = datetime.now(UTC)
    try:
        with seed.start_lock(conn):  # instances starting together on one PostgreSQL database
            password = accounts_seed.prepare_accounts(conn, demo=settings.demo, now=now)
            if settings.demo:
                seed.seed_demo(conn, now=now)
    except BaseException:
        conn.close()  # nothing is cached: the next page load opens the database anew
        raise
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
    return conn


def get_db():
    """The shared connection; store functions take a cursor of it per call.

    Raises: DemoOnNetworkError in demo mode on a network address (a plain `streamlit run`
    that bypassed scripts/run.sh): no demo account is created or can sign in.
    """
    address = st.get_option("server.address") or ""
    if demo_refused(load_settings(), address):
        _log_refusal(address)
        raise DemoOnNetworkError(address=address or "0.0.0.0")
    from db.connection import configured

    return _connection(str(configured(load_settings().db_path)))


_REFUSALS_LOGGED: set[str] = set()


def _log_refusal(address: str) -> None:
    if address in _REFUSALS_LOGGED:  # once per address, not on every page load
        return
    _REFUSALS_LOGGED.add(address)
    for lang in ("zh", "en"):
        print(t("serve.demo_on_network", lang=lang, address=address or "0.0.0.0"), file=sys.stderr)
