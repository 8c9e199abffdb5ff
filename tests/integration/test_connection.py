"""Opening the database file: migrations, file modes, and the single-writer lock."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from db import connection
from db.errors import DatabaseLockedError, SchemaError
from i18n import t

HOLD_OPEN = (
    "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); "
    "print('ready', flush=True); time.sleep(60)"
)


def _migration_count() -> int:
    return len(list(connection.MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql")))


def test_a_new_database_gets_every_migration_once(tmp_path):
    conn = connection.connect(tmp_path / "plandrill.duckdb")
    rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == list(range(1, _migration_count() + 1))
    assert rows[0][1].startswith("0001_")
    assert connection.schema_version(conn) == _migration_count()
    found = conn.execute("SELECT table_name FROM information_schema.tables").fetchall()
    tables = {r[0] for r in found}
    assert {
        "plans",
        "documents",
        "versions",
        "roles",
        "levels",
        "steps",
        "step_owners",
        "step_order",
        "step_levels",
        "notifications",
        "parts",
        "sections",
    } <= tables


def test_migrating_again_or_reopening_applies_nothing(tmp_path):
    path = tmp_path / "plandrill.duckdb"
    conn = connection.connect(path)
    assert connection.migrate(conn) == []
    conn.close()
    conn = connection.connect(path)
    assert connection.migrate(conn) == []
    count = conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
    assert count == _migration_count()


def test_migrate_applies_only_what_is_missing(tmp_path):
    conn = connection.connect(tmp_path / "plandrill.duckdb")
    conn.execute("DELETE FROM schema_migrations WHERE version > 1")
    later = list(range(2, _migration_count() + 1))
    assert connection.migrate(conn) == later


def test_an_empty_database_has_schema_version_zero(tmp_path):
    import duckdb

    raw = duckdb.connect(str(tmp_path / "empty.duckdb"))
    assert connection.schema_version(raw) == 0
    assert connection.migrate(raw) == list(range(1, _migration_count() + 1))


def test_the_file_is_private_to_its_owner_and_its_new_folders_too(tmp_path):
    path = tmp_path / "data" / "nested" / "plandrill.duckdb"
    connection.connect(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_an_existing_folder_keeps_its_mode(tmp_path):
    tmp_path.chmod(0o755)
    connection.connect(tmp_path / "plandrill.duckdb").close()
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755


def test_opening_a_missing_file_read_only_says_so(tmp_path):
    with pytest.raises(SchemaError) as caught:
        connection.connect(tmp_path / "nowhere.duckdb", read_only=True)
    assert caught.value.key == "db.missing"
    assert not (tmp_path / "nowhere.duckdb").exists()


def test_a_read_only_connection_reads_a_migrated_file(tmp_path):
    path = tmp_path / "plandrill.duckdb"
    connection.connect(path).close()
    conn = connection.connect(path, read_only=True)
    assert connection.schema_version(conn) == _migration_count()


def test_a_read_only_connection_refuses_a_file_that_needs_migrations(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(SchemaError) as caught:
        connection.connect(path, read_only=True)
    assert caught.value.key == "db.schema_outdated"


def test_a_database_from_a_newer_release_is_refused(tmp_path):
    path = tmp_path / "plandrill.duckdb"
    conn = connection.connect(path)
    conn.execute("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future')")
    conn.close()
    with pytest.raises(SchemaError) as caught:
        connection.connect(path)
    assert caught.value.key == "db.schema_newer"
    assert caught.value.params["found"] == 9999


@pytest.fixture
def held_by_another_process(tmp_path):
    path = tmp_path / "plandrill.duckdb"
    connection.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield path
    finally:
        holder.terminate()
        holder.wait(timeout=10)


@pytest.mark.parametrize("read_only", [False, True])
def test_a_file_held_by_another_process_raises_database_locked(held_by_another_process, read_only):
    with pytest.raises(DatabaseLockedError) as caught:
        connection.connect(held_by_another_process, read_only=read_only)
    assert caught.value.key == "db.locked"
    assert "另一个程序" in t(caught.value.key, lang="zh")
    assert "stop the app" in t(caught.value.key, lang="en")


def test_the_file_opens_again_once_the_other_process_is_gone(tmp_path):
    path: Path = tmp_path / "plandrill.duckdb"
    connection.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "ready"
    holder.terminate()
    holder.wait(timeout=10)
    assert connection.schema_version(connection.connect(path)) == _migration_count()
