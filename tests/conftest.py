"""Shared fixtures: paths to the project and to the shared corpus, and the database engines a
store test runs on (a DuckDB file; PostgreSQL when PLANDRILL_TEST_POSTGRES names a server)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
# The URL of a PostgreSQL server whose user may create databases (scripts/postgres.sh prints
# one); each test gets a database of its own there, copied from a migrated template.
POSTGRES_ENV = "PLANDRILL_TEST_POSTGRES"
ENGINES = ("duckdb", "postgres")


@pytest.fixture(autouse=True)
def _language_of_each_test_is_its_own():
    """A test that switches this thread's language (a command line's --lang en, an English
    screen) leaves the next test in the default language, as each browser session starts."""
    from i18n import default_language, set_language

    yield
    set_language(default_language())


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(params=ENGINES)
def database(request, tmp_path) -> str | Path:
    """Where a test's database lives, once per engine: a DuckDB file in `tmp_path`, or the URL of
    a fresh, migrated PostgreSQL database dropped after the test. Pass it to
    db.connection.connect."""
    if request.param == "duckdb":
        yield tmp_path / "plandrill.duckdb"
        return
    server = request.getfixturevalue("postgres_server")
    yield from server.fresh_database()


@pytest.fixture(scope="module", params=ENGINES)
def module_database(request, tmp_path_factory) -> str | Path:
    """`database` for a world a whole module shares (built once per engine)."""
    if request.param == "duckdb":
        yield tmp_path_factory.mktemp("db") / "plandrill.duckdb"
        return
    server = request.getfixturevalue("postgres_server")
    yield from server.fresh_database()


@pytest.fixture
def postgres_database(postgres_server):
    """The URL of a fresh, migrated PostgreSQL database, for tests of PostgreSQL alone."""
    yield from postgres_server.fresh_database()


@pytest.fixture(scope="session")
def postgres_server():
    """The PostgreSQL server of PLANDRILL_TEST_POSTGRES with a migrated template database.
    Without the variable the PostgreSQL tests are skipped, except in CI, where they fail."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set: CI must run the PostgreSQL tests")
        pytest.skip(f"{POSTGRES_ENV} not set (scripts/postgres.sh starts a server)")
    server = _PostgresServer(url)
    yield server
    server.close()


class _PostgresServer:
    def __init__(self, url: str) -> None:
        import psycopg

        from db import connection

        self._psycopg = psycopg
        self._url = url
        self._admin = psycopg.connect(url, autocommit=True)
        self._template = f"plandrill_tpl_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self._admin.execute(f"CREATE DATABASE {self._template}")
        connection.connect(self._at(self._template)).close()

    def _at(self, name: str) -> str:
        base, _, query = self._url.partition("?")
        return base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")

    def fresh_database(self):
        name = f"plandrill_t_{uuid.uuid4().hex[:12]}"
        self._admin.execute(f"CREATE DATABASE {name} TEMPLATE {self._template} STRATEGY FILE_COPY")
        try:
            yield self._at(name)
        finally:
            self._admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def close(self) -> None:
        self._admin.execute(f"DROP DATABASE IF EXISTS {self._template} WITH (FORCE)")
        self._admin.close()
