"""Opening the database file: migrations, file modes, and the single-writer lock."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from db import connection
from db.errors import DatabaseLockedError, SchemaError, StoreError
from i18n import t

HOLD_OPEN = (
    "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); "
    "print('ready', flush=True); time.sleep(60)"
)


def _migration_numbers() -> list[int]:
    """The numbers of the migrations (a number may have one file per engine)."""
    files = connection.MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.sql")
    return sorted({int(p.name[:4]) for p in files})


def _migration_count() -> int:
    return max(_migration_numbers())


def test_a_new_database_gets_every_migration_once(tmp_path):
    conn = connection.connect(tmp_path / "plandrill.duckdb")
    rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == _migration_numbers()
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
    assert count == len(_migration_numbers())


def test_migrate_applies_only_what_is_missing(tmp_path):
    conn = connection.connect(tmp_path / "plandrill.duckdb")
    conn.execute("DELETE FROM schema_migrations WHERE version > 1")
    later = _migration_numbers()[1:]
    assert connection.migrate(conn) == later


def test_an_empty_database_has_schema_version_zero(tmp_path):
    import duckdb

    raw = duckdb.connect(str(tmp_path / "empty.duckdb"))
    assert connection.schema_version(raw) == 0
    assert connection.migrate(raw) == _migration_numbers()


def test_the_file_is_private_to_its_owner_and_its_new_folders_too(tmp_path):
    path = tmp_path / "data" / "nested" / "plandrill.duckdb"
    connection.connect(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


@pytest.fixture
def open_umask():
    """The usual umask of a shell (022) for the test, as a process that did not set its own."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def modes(folder: Path) -> dict[str, int]:
    return {item.name: stat.S_IMODE(item.stat().st_mode) for item in [folder, *folder.iterdir()]}


def test_the_write_ahead_log_is_private_each_time_duckdb_creates_it_anew(tmp_path, open_umask):
    """A folder made beforehand with 0755 (mkdir data) and an open umask: the folder becomes
    0700 and the database file and the log DuckDB recreates after every checkpoint stay 0600."""
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    path = folder / "plandrill.duckdb"
    wal = folder / "plandrill.duckdb.wal"
    conn = connection.connect(path)
    conn.execute("CREATE TABLE notes (text VARCHAR)")
    conn.execute("INSERT INTO notes VALUES ('first')")
    assert wal.exists() and modes(folder)["plandrill.duckdb.wal"] == 0o600
    conn.execute("CHECKPOINT")
    assert not wal.exists()  # checkpointed: the next write makes a new log
    conn.execute("INSERT INTO notes VALUES ('second')")
    assert wal.exists()
    assert modes(folder) == {
        "data": 0o700,
        "plandrill.duckdb": 0o600,
        "plandrill.duckdb.wal": 0o600,
    }
    conn.close()
    assert not wal.exists()

    conn = connection.connect(path)  # reopened: a new process would write a new log too
    conn.execute("INSERT INTO notes VALUES ('third')")
    assert modes(folder) == {
        "data": 0o700,
        "plandrill.duckdb": 0o600,
        "plandrill.duckdb.wal": 0o600,
    }
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 3
    conn.close()


CRASH_AFTER_WRITE = (
    "import os, sys, duckdb; c = duckdb.connect(sys.argv[1]); "
    "c.execute('CREATE TABLE left_behind (x INTEGER)'); "
    "c.execute('INSERT INTO left_behind VALUES (1)'); os._exit(0)"
)


def test_an_existing_open_database_file_and_log_are_made_private(tmp_path, open_umask):
    """Files left with open modes (an older release, a crash under umask 022) become 0600."""
    path = tmp_path / "plandrill.duckdb"
    subprocess.run([sys.executable, "-c", CRASH_AFTER_WRITE, str(path)], check=True)
    left = sorted(tmp_path.iterdir())
    assert [p.name for p in left] == ["plandrill.duckdb", "plandrill.duckdb.wal"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in left} == {0o644}
    conn = connection.connect(path)
    assert conn.execute("SELECT x FROM left_behind").fetchall() == [(1,)]  # the log replayed
    assert {n: m for n, m in modes(tmp_path).items() if n != tmp_path.name} == dict.fromkeys(
        [p.name for p in tmp_path.iterdir()], 0o600
    )
    conn.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_open_folder_shared_with_other_files_is_refused_and_left_alone(
    tmp_path, open_umask, lang
):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    (folder / "notes.txt").write_text("someone else's")
    with pytest.raises(StoreError) as caught:
        connection.connect(folder / "plandrill.duckdb")
    assert caught.value.key == "db.folder_not_private"
    message = t(caught.value.key, lang=lang, **caught.value.params)
    assert str(folder) in message and f"chmod 700 {folder}" in message
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]  # nothing created


def test_opening_a_database_sets_a_private_umask_for_the_whole_process(tmp_path, open_umask):
    connection.connect(tmp_path / "plandrill.duckdb").close()
    assert os.umask(0o077) == 0o077


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


def test_a_plan_sized_write_stays_in_the_log_until_close_and_survives_reopening(tmp_path):
    """The log is folded into the file at 64 MB, not at every large commit; what was committed
    is there after a reopen either way."""
    path = tmp_path / "plans.duckdb"
    conn = connection.connect(path)
    setting = conn.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0]
    assert setting.startswith("61.0 MiB")  # 64 MB in DuckDB's units
    conn.execute("CREATE TABLE notes (body VARCHAR)")
    conn.execute("INSERT INTO notes SELECT repeat('x', 200) FROM range(5000)")
    wal = path.with_name(path.name + ".wal")
    assert wal.exists() and wal.stat().st_size > 500_000  # committed, still in the log
    conn.close()
    again = connection.connect(path)
    assert again.execute("SELECT count(*) FROM notes").fetchone()[0] == 5000
    again.close()
