"""The engine layer on both engines (db/connection.py, db/engine_postgres.py, db/dialect.py): the
same stores, units of work, errors and rows on a DuckDB file and on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import psycopg
import pytest

from access.policy import SYSTEM
from db import connection, dialect, units_store, users_store
from db.errors import SchemaError, StoreError, VersionConflictError
from db.unit_of_work import unit_of_work

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
MIGRATIONS = sorted({int(p.name[:4]) for p in connection.MIGRATIONS_DIR.glob("[0-9]*_*.sql")})


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    yield conn
    conn.close()


@pytest.fixture
def admin(db):
    users_store.create_user(
        db, SYSTEM, "admin", "Quiet-Harbour-Lantern-73", roles={"admin"}, must_change=False, now=NOW
    )
    return users_store.act_as(db, "admin")


def test_the_configuration_picks_postgresql_by_url_and_the_duckdb_file_by_default(monkeypatch):
    monkeypatch.delenv(connection.URL_ENV, raising=False)
    assert connection.configured("data/plandrill.duckdb") == "data/plandrill.duckdb"
    monkeypatch.setenv(connection.URL_ENV, "postgresql://app@db.internal/plandrill")
    assert (
        connection.configured("data/plandrill.duckdb") == "postgresql://app@db.internal/plandrill"
    )


def test_every_migration_is_applied_once_and_reopening_applies_nothing(db):
    rows = db.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == MIGRATIONS
    assert connection.schema_version(db) == MIGRATIONS[-1]
    assert connection.migrate(db) == []


def test_instances_starting_together_on_postgresql_apply_each_migration_once(postgres_database):
    with connection.connect(postgres_database) as db:
        db.execute("DROP SCHEMA public CASCADE")
        db.execute("CREATE SCHEMA public")
    opened, failed = [], []

    def start() -> None:
        try:
            opened.append(connection.connect(postgres_database))
        except Exception as exc:  # noqa: BLE001 - the assertion below shows it
            failed.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    rows = opened[0].execute("SELECT version, count(*) FROM schema_migrations GROUP BY version")
    counts = dict(rows.fetchall())
    assert sorted(counts) == MIGRATIONS and set(counts.values()) == {1}
    for conn in opened:
        conn.close()


def test_a_connection_the_postgresql_server_dropped_is_replaced_unseen(postgres_database):
    with connection.connect(postgres_database) as db:
        pid = db.execute("SELECT pg_backend_pid()").fetchone()[0]  # now idle in the pool
        with psycopg.connect(postgres_database, autocommit=True) as server_side:
            server_side.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert db.execute("SELECT count(*) FROM users").fetchone()[0] == 0


def test_a_database_newer_than_the_code_is_refused(db, database):
    db.execute("INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future')")
    db.close()
    with pytest.raises(SchemaError) as caught:
        connection.connect(database)
    assert caught.value.key == "db.schema_newer"


def test_a_duplicate_key_is_a_constraint_error_and_leaves_nothing_half_written(db, admin):
    units_store.create_unit(db, admin, "滨江化工园区", now=NOW)
    with pytest.raises(StoreError) as caught, db.cursor() as cur, connection.transaction(cur):
        cur.execute(
            "INSERT INTO units (name, created_at, created_by) VALUES ('临港', ?, 'x')", [NOW]
        )
        cur.execute(
            "INSERT INTO units (name, created_at, created_by) VALUES ('临港', ?, 'x')", [NOW]
        )
    assert caught.value.key == "db.constraint"
    assert units_store.unit_names(db, admin) == ["滨江化工园区"]


def test_two_transactions_changing_one_row_conflict_instead_of_overwriting(db, admin):
    with db.cursor() as first, db.cursor() as second:
        first.execute("BEGIN TRANSACTION")
        with pytest.raises(VersionConflictError), connection.transaction(second):
            second.execute("SELECT display_name FROM users WHERE id = ?", [admin.user_id])
            first.execute("UPDATE users SET display_name = 'a' WHERE id = ?", [admin.user_id])
            first.execute("COMMIT")
            second.execute("UPDATE users SET display_name = 'b' WHERE id = ?", [admin.user_id])
    query = "SELECT display_name FROM users WHERE id = ?"
    assert db.execute(query, [admin.user_id]).fetchone()[0] == "a"


def test_a_unit_of_work_commits_its_stores_together_or_not_at_all(db, admin):
    with pytest.raises(RuntimeError), unit_of_work(db) as uow:
        units_store.create_unit(uow, admin, "临港物流园区", now=NOW)
        assert units_store.unit_names(uow, admin) == ["临港物流园区"]
        raise RuntimeError("the use case failed after the write")
    assert units_store.unit_names(db, admin) == []
    with unit_of_work(db) as uow:
        units_store.create_unit(uow, admin, "临港物流园区", now=NOW)
        units_store.create_unit(uow, admin, "滨江化工园区", now=NOW)
    assert units_store.unit_names(db, admin) == ["临港物流园区", "滨江化工园区"]


def test_a_change_answers_with_the_number_of_rows_it_changed(db, admin):
    with db.cursor() as cur:
        changed = cur.execute("UPDATE users SET unit = 'x' WHERE id = ?", [admin.user_id])
        assert changed.fetchone()[0] == 1
        assert cur.execute("DELETE FROM units WHERE name = 'none'").fetchone()[0] == 0


def test_rows_are_read_by_name_or_by_position(db, admin):
    with db.cursor() as cur:
        cur.execute(
            "SELECT username, roles, count(*) AS n, 1, 2 FROM users GROUP BY username, roles"
        )
        (row,) = dialect.named(cur)
    assert (row.username, row.roles, row.n) == ("admin", ["admin"], 1)
    assert row[0] == "admin" and row[3:] == (1, 2)


def test_many_rows_with_list_values_go_in_as_one_batch(db):
    rows = [
        [1, f"r{i}", i, f"角色{i}", [f"别名{i}", "x"], None, [], *[None] * 3, "group", "", ""]
        for i in range(3)
    ]
    columns = [
        "version_id",
        "id",
        "position",
        "name",
        "aliases",
        "parent",
        "responsibilities",
        "source_block",
        "source_text",
        "part",
        "kind",
        "phone",
        "duty_phone",
    ]
    with db.cursor() as cur, connection.transaction(cur):
        cur.execute(
            "INSERT INTO plans (title, kind, language, created_at, created_by)"
            " VALUES ('t', 'other', 'zh', ?, 'x')",
            [NOW],
        )
        cur.execute(
            "INSERT INTO versions (plan_id, number, status, title, kind, language,"
            " warnings, created_by, created_at, updated_by, updated_at) VALUES"
            " (1, 1, 'draft', 't', 'other', 'zh', '[]', 'x', ?, 'x', ?)",
            [NOW, NOW],
        )
        dialect.insert_rows(cur, "roles", columns, rows)
        stored = cur.execute("SELECT id, aliases, responsibilities FROM roles ORDER BY id")
        assert stored.fetchall() == [(f"r{i}", [f"别名{i}", "x"], []) for i in range(3)]


def test_a_list_parameter_matches_with_any(db, admin):
    query = "SELECT username FROM users WHERE username = ANY(?) ORDER BY username"
    assert db.execute(query, [["admin", "nobody"]]).fetchall() == [("admin",)]
    assert db.execute(query, [[]]).fetchall() == []
