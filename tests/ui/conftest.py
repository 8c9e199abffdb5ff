"""AppTest fixtures: a real DuckDB file in tmp_path behind bootstrap.get_db."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import bootstrap
from db import connection, plans_store
from plans.access import LOCAL_ACTOR
from tests.sample_plans import chemical_plan, english_plan

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


@pytest.fixture
def conn(tmp_path, monkeypatch):
    db = connection.connect(tmp_path / "ui.duckdb")
    monkeypatch.setattr(bootstrap, "get_db", lambda: db)
    monkeypatch.setenv("PLANDRILL_DEMO", "0")
    yield db
    db.close()


@pytest.fixture
def seeded(conn):
    """Two plans: a Chinese special plan and an English on-site procedure."""
    zh = plans_store.import_plan(conn, LOCAL_ACTOR, chemical_plan(), document=b"zh-doc",
                                 filename="zh.docx", now=NOW)
    en = plans_store.import_plan(conn, LOCAL_ACTOR, english_plan(), document=b"en-doc",
                                 filename="en.docx", now=NOW)
    return {"zh": zh, "en": en}


def page(name: str, **state) -> AppTest:
    path = ROOT / ("app.py" if name == "app" else f"pages/{name}.py")
    at = AppTest.from_file(str(path), default_timeout=30)
    for key, value in state.items():
        at.session_state[key] = value
    return at


def all_text(at: AppTest) -> str:
    """Every string the page shows in its main elements (for language checks)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success", "button", "metric"):
        for element in at.get(kind):
            for attr in ("value", "label", "body"):
                value = getattr(element, attr, None)
                if isinstance(value, str):
                    parts.append(value)
    return "\n".join(parts)
