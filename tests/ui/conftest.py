"""AppTest fixtures: a real DuckDB file in tmp_path behind bootstrap.get_db, real accounts, and
a signed-in session put into session state."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

import bootstrap
from access import passwords
from access.policy import SYSTEM
from db import connection, plans_store, users_store
from tests.conftest import ENGINES
from tests.sample_plans import chemical_plan, english_plan

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
UNIT = "滨江化工园区"
PASSWORD = "correct-horse-battery"
ACCOUNTS = {
    "owner": ({"plan_owner"}, UNIT),
    "approver": ({"approver"}, UNIT),
    "participant": ({"participant"}, UNIT),
    "manager": ({"manager"}, UNIT),
    "root": ({"admin"}, ""),
}
USERS: dict = {}  # username -> Actor, filled per test by the conn fixture


@pytest.fixture(params=ENGINES)
def ui_database(request, tmp_path):
    """Where the pages' database lives, once per engine: a DuckDB file, or a fresh migrated
    PostgreSQL database (tests/conftest.py)."""
    if request.param == "duckdb":
        yield tmp_path / "ui.duckdb"
        return
    yield from request.getfixturevalue("postgres_server").fresh_database()


@pytest.fixture
def conn(ui_database, monkeypatch):
    monkeypatch.setattr(passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    db = connection.connect(ui_database)
    monkeypatch.setattr(bootstrap, "get_db", lambda: db)
    monkeypatch.setenv("PLANDRILL_DEMO", "0")
    USERS.clear()
    for name, (roles, unit) in ACCOUNTS.items():
        users_store.create_user(
            db,
            SYSTEM,
            name,
            PASSWORD,
            roles=roles,
            unit=unit,
            display_name=name,
            must_change=False,
            now=NOW,
        )
        USERS[name] = users_store.act_as(db, name)
    yield db
    db.close()


@pytest.fixture
def seeded(conn):
    """Two plans of the owner's unit: a Chinese special plan and an English on-site procedure."""
    owner = USERS["owner"]
    zh = plans_store.import_plan(
        conn, owner, chemical_plan(), document=b"zh-doc", filename="zh.docx", now=NOW
    )
    en = plans_store.import_plan(
        conn, owner, english_plan(), document=b"en-doc", filename="en.docx", now=NOW
    )
    return {"zh": zh, "en": en}


@pytest.fixture
def world(ui_database, monkeypatch):
    """The drill world of tests/integration/drills_world.py behind bootstrap.get_db."""
    from tests.integration.drills_world import seed

    monkeypatch.setattr(passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    monkeypatch.setenv("PLANDRILL_DEMO", "0")
    built = seed(ui_database)
    monkeypatch.setattr(bootstrap, "get_db", lambda: built.db)
    yield built
    built.db.close()


def page(name: str, *, user: str | None = "owner", **state) -> AppTest:
    """The page as `user` would open it (None: nobody signed in)."""
    path = ROOT / ("app.py" if name == "app" else f"pages/{name}.py")
    at = AppTest.from_file(str(path), default_timeout=30)
    if user is not None:
        now = datetime.now(UTC)
        at.session_state["user_id"] = USERS[user].user_id
        at.session_state["signed_in_at"] = now
        at.session_state["last_seen"] = now
    for key, value in state.items():
        at.session_state[key] = value
    return at


def all_text(at: AppTest) -> str:
    """Every string the page shows in its main elements (for language checks)."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "button",
        "metric",
    ):
        for element in at.get(kind):
            for attr in ("value", "label", "body"):
                value = getattr(element, attr, None)
                if isinstance(value, str):
                    parts.append(value)
    return "\n".join(parts)
