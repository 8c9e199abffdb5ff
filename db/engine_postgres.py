"""PostgreSQL behind the interface the stores already use on DuckDB.

`PostgresDatabase` stands where a DuckDB connection stands: `cursor()` hands out a cursor on a
connection of a psycopg 3 pool (given back when the cursor closes), whose `execute` takes the
stores' `?` placeholders, runs literal BEGIN / COMMIT / ROLLBACK, and raises the project's
errors, mapped by SQLSTATE, never psycopg's. Transactions are REPEATABLE READ: a snapshot, as on
DuckDB, and a concurrent change of the same row is refused (VersionConflictError) rather than
silently overwritten.
"""

from __future__ import annotations

import threading
from typing import Self

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from db.dialect import POSTGRES, pyformat
from db.errors import StoreError, VersionConflictError

URL_SCHEMES = ("postgresql://", "postgres://")
POOL_MAX = 20
MIGRATION_LOCK = 0x504C414E445249  # "PLANDRI": one advisory lock key per database
# Serialisation failures and deadlocks: someone else changed the rows meanwhile.
_CONFLICTS = ("40001", "40P01")
_IDLE = psycopg.pq.TransactionStatus.IDLE


def is_postgres_url(target) -> bool:
    """Whether a database target names a PostgreSQL server rather than a DuckDB file."""
    return isinstance(target, str) and target.startswith(URL_SCHEMES)


def translate(exc: psycopg.Error) -> StoreError:
    """The domain error for a psycopg error, by its SQLSTATE (the caller raises it `from exc`)."""
    state = exc.sqlstate or ""
    detail = str(exc).strip()
    if state in _CONFLICTS:
        return VersionConflictError("db.write_conflict", detail=detail)
    if state.startswith("23"):  # integrity constraint violation: unique, foreign key, check, null
        return StoreError("db.constraint", detail=detail)
    return StoreError("db.error", detail=detail)


def _configure(conn: psycopg.Connection) -> None:
    conn.execute("SET default_transaction_isolation TO 'repeatable read'")
    conn.execute("SET TIME ZONE 'UTC'")


class PostgresDatabase:
    """A pool of connections to one PostgreSQL database, used like a DuckDB connection."""

    engine = POSTGRES

    def __init__(self, url: str, *, max_size: int = POOL_MAX, timeout: float = 30.0) -> None:
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max_size,
            kwargs={"autocommit": True},
            configure=_configure,
            # a connection the server dropped (a restart, a fail-over) is replaced, not used
            check=ConnectionPool.check_connection,
            timeout=timeout,
            name="plandrill",
            open=False,
        )
        try:
            self._pool.open(wait=True, timeout=min(timeout, 10.0))
        except PoolTimeout as exc:
            self._pool.close()
            raise StoreError("db.error", detail=f"PostgreSQL unreachable: {exc}") from exc

    def cursor(self) -> PostgresCursor:
        try:
            conn = self._pool.getconn()
        except PoolTimeout as exc:
            raise StoreError("db.error", detail=str(exc)) from exc
        return PostgresCursor(self, conn)

    def execute(self, query: str, parameters=None) -> _Result:
        """Run one statement on its own (autocommit) and keep its rows (tests, tools)."""
        with self.cursor() as cur:
            cur.execute(query, parameters)
            rows = cur.fetchall() if cur.description else []
            return _Result(rows, cur.description)

    def give_back(self, conn: psycopg.Connection) -> None:
        if conn.info.transaction_status != _IDLE:
            try:
                conn.rollback()
            except psycopg.Error:
                pass  # a broken connection: the pool notices and replaces it
        self._pool.putconn(conn)

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class PostgresCursor:
    """One pooled connection's cursor with DuckDB's cursor manners: `execute` returns the cursor,
    `cursor()` is another connection, closing gives the connection back to the pool."""

    engine = POSTGRES

    def __init__(self, database: PostgresDatabase, conn: psycopg.Connection) -> None:
        self._database = database
        self._conn = conn
        self._cur = conn.cursor()
        self._lock = threading.Lock()
        self._count: int | None = None  # rows changed by the last statement, until fetched

    def cursor(self) -> PostgresCursor:
        return self._database.cursor()

    def execute(self, query: str, parameters=None) -> Self:
        try:
            if parameters is None:
                self._cur.execute(query)
            else:
                self._cur.execute(pyformat(query), parameters)
        except psycopg.Error as exc:
            raise translate(exc) from exc
        self._count = None if self._cur.description else self._cur.rowcount
        return self

    def executemany(self, query: str, parameters) -> Self:
        try:
            self._cur.executemany(pyformat(query), parameters)
        except psycopg.Error as exc:
            raise translate(exc) from exc
        return self

    def fetchone(self):
        if self._cur.description:
            return self._cur.fetchone()
        return self._count_row()

    def fetchall(self) -> list:
        if self._cur.description:
            return self._cur.fetchall()
        row = self._count_row()
        return [] if row is None else [row]

    def _count_row(self) -> tuple[int] | None:
        """DuckDB answers an INSERT, UPDATE or DELETE without RETURNING with one row holding the
        number of rows it changed, and stores read it (`.fetchone()[0]`): so does this cursor,
        once."""
        count, self._count = self._count, None
        return None if count is None or count < 0 else (count,)

    def fetchmany(self, size: int = 1) -> list:
        return self._cur.fetchmany(size) if self._cur.description else []

    @property
    def description(self):
        return self._cur.description

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    @property
    def connection(self) -> psycopg.Connection:
        return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is None:
                return
            conn, self._conn = self._conn, None
        self._cur.close()
        self._database.give_back(conn)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def migrate_postgres(database: PostgresDatabase, apply_pending) -> list[int]:
    """Run `apply_pending(cursor)` holding the database's migration lock (a session-level
    advisory lock): instances starting together wait for each other and apply each migration
    once; the lock ends with the session if this process dies."""
    with database.cursor() as cur:
        cur.execute("SELECT pg_advisory_lock(?)", [MIGRATION_LOCK])
        try:
            return apply_pending(cur)
        finally:
            try:
                cur.execute("SELECT pg_advisory_unlock(?)", [MIGRATION_LOCK])
            except StoreError:
                pass  # a broken connection: its session, and with it the lock, is gone


class _Result:
    def __init__(self, rows: list, description) -> None:
        self._rows = rows
        self.description = description

    def fetchone(self):
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list:
        rows, self._rows = self._rows, []
        return rows


__all__ = [
    "PostgresCursor",
    "PostgresDatabase",
    "is_postgres_url",
    "migrate_postgres",
    "translate",
]
