"""Shared fixtures: paths to the project and to the shared corpus, and the database engines a
store test runs on (a DuckDB file; PostgreSQL when PLANDRILL_TEST_POSTGRES names a server)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

# Helper modules whose checks assert: pytest explains their failures as it does a test's own.
pytest.register_assert_rewrite("tests.unit.docx_reading", "tests.integration.access_cli")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
# A message whose placeholders do not fit its parameters raises in tests (and in the servers and
# command lines the tests start, which inherit it) instead of showing the raw text.
os.environ.setdefault("PLANDRILL_I18N_STRICT", "1")
# The URL of a PostgreSQL server whose user may create databases (scripts/postgres.sh prints
# one); each test gets a database of its own there, copied from a migrated template.
POSTGRES_ENV = "PLANDRILL_TEST_POSTGRES"
ENGINES = ("duckdb", "postgres")


# scripts/test.sh runs the suite in two processes at once: PLANDRILL_TEST_PART=second takes the
# browser tests and the page tests on PostgreSQL, =first everything else (unset: all)
PART_ENV = "PLANDRILL_TEST_PART"


def in_second_part(item) -> bool:
    path = item.nodeid.split("::")[0]
    params = getattr(getattr(item, "callspec", None), "params", {})
    return path.startswith("tests/browser/") or (
        path.startswith("tests/ui/") and params.get("ui_database") == "postgres"
    )


def pytest_collection_modifyitems(config, items) -> None:
    part = os.environ.get(PART_ENV, "")
    if part not in ("first", "second"):
        return
    keep = [item for item in items if in_second_part(item) == (part == "second")]
    dropped = [item for item in items if in_second_part(item) != (part == "second")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = keep


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
    """Fresh migrated databases on the test server, copied from a template migrated once.

    A database a test is done with is emptied (every table truncated, every sequence restarted)
    and handed to the next test, unless the test changed its schema: creating a database costs a
    checkpoint, which several test processes at once (pytest-xdist) queue up behind."""

    def __init__(self, url: str) -> None:
        import psycopg

        from db import connection

        self._psycopg = psycopg
        self._url = url
        self._admin = psycopg.connect(url, autocommit=True)
        self._template = f"plandrill_tpl_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self._admin.execute(f"CREATE DATABASE {self._template}")
        connection.connect(self._at(self._template)).close()
        with psycopg.connect(self._at(self._template), autocommit=True) as conn:
            self._schema = _schema_of(conn)
        self._spare: list[str] = []
        self._made: set[str] = set()

    def _at(self, name: str) -> str:
        base, _, query = self._url.partition("?")
        return base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")

    def fresh_database(self):
        if self._spare:
            name = self._spare.pop()
        else:
            name = f"plandrill_t_{uuid.uuid4().hex[:12]}"
            self._admin.execute(
                f"CREATE DATABASE {name} TEMPLATE {self._template} STRATEGY FILE_COPY"
            )
            self._made.add(name)
        try:
            yield self._at(name)
        finally:
            if self._emptied(name):
                self._spare.append(name)
            else:
                self._made.discard(name)
                self._admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _emptied(self, name: str) -> bool:
        """Empty the database `name` for the next test; False when its schema is no longer the
        template's (the test changed it) and it must go."""
        self._admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        try:
            with self._psycopg.connect(self._at(name), autocommit=True) as conn:
                tables, sequences, _ = self._schema
                if _schema_of(conn) != self._schema:
                    return False
                data = [t for t in tables if t != "schema_migrations"]
                conn.execute(f"TRUNCATE {', '.join(data)} RESTART IDENTITY CASCADE")
                for sequence in sequences:
                    conn.execute(f"ALTER SEQUENCE {sequence} RESTART")
            return True
        except self._psycopg.Error:
            return False

    def close(self) -> None:
        for name in self._made:
            self._admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self._admin.execute(f"DROP DATABASE IF EXISTS {self._template} WITH (FORCE)")
        self._admin.close()


def _schema_of(conn) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """(tables, sequences, a digest of every column, index and constraint) of a database."""
    tables = tuple(
        row[0]
        for row in conn.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
        )
    )
    sequences = tuple(
        row[0]
        for row in conn.execute(
            "SELECT sequence_name FROM information_schema.sequences"
            " WHERE sequence_schema = 'public' ORDER BY 1"
        )
    )
    digest = conn.execute(
        "SELECT md5(coalesce(string_agg(item, ';' ORDER BY item), '')) FROM ("
        " SELECT table_name || '.' || column_name || ':' || data_type || ':'"
        "   || coalesce(column_default, '') || ':' || is_nullable AS item"
        " FROM information_schema.columns WHERE table_schema = 'public'"
        " UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
        " UNION ALL SELECT conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint"
        "  WHERE connamespace = 'public'::regnamespace"
        " UNION ALL SELECT version::text || name FROM schema_migrations) AS parts"
    ).fetchone()[0]
    return tables, sequences, digest
