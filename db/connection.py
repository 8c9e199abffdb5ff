"""Opening the database (a DuckDB file, or PostgreSQL when given a postgresql:// URL), applying
the numbered migrations, and one-transaction-or-nothing writes."""

from __future__ import annotations

import os
import re
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from db.dialect import DUCKDB, POSTGRES, engine_of
from db.errors import (
    DatabaseLockedError,
    SchemaError,
    StoreError,
    VersionConflictError,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# NNNN_name.sql serves both engines; NNNN_name.postgres.sql (or .duckdb.sql) replaces it on one
# engine, or stands alone for a migration only that engine needs.
_MIGRATION_NAME = re.compile(r"^(\d{4})_([\w-]+?)(?:\.(duckdb|postgres))?\.sql$")
URL_ENV = "PLANDRILL_DATABASE_URL"
# Two threads of one process opening the same file must not both apply a migration.
_MIGRATE_LOCK = threading.Lock()

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
)
"""


def configured(path: str | Path) -> str | Path:
    """The database the configuration names: PLANDRILL_DATABASE_URL (postgresql://…) when set,
    else the DuckDB file `path`."""
    return os.environ.get(URL_ENV, "").strip() or path


CHECKPOINT_THRESHOLD = "64MB"


def connect(path: str | Path, *, read_only: bool = False):
    """Open (creating if needed) the database at `path` and apply pending migrations.

    A `postgresql://` URL opens a pool of connections to that PostgreSQL database instead
    (db/engine_postgres.py), used by the stores exactly like a DuckDB connection.

    Files stay private to the app's user: the process umask becomes 077 (DuckDB creates its
    write-ahead log anew after every checkpoint, with the umask of the moment), the folder is
    0700 and the database file and its log 0600, existing ones included. An existing folder open
    to others is made private when it holds nothing but this database, else refused.
    ":memory:" opens a private in-memory database. A read-only connection never migrates.
    Raises: DatabaseLockedError when another process holds the file; SchemaError when the file
    is missing (read-only), needs migrations it cannot get (read-only), or is newer than this code;
    StoreError db.folder_not_private / db.file_not_private when they cannot be made private.
    """
    from db.engine_postgres import is_postgres_url

    if is_postgres_url(path):
        return _connect_postgres(path, read_only=read_only)
    in_memory = str(path) == ":memory:"
    path = Path(path) if not in_memory else path
    if not in_memory:
        os.umask(0o077)
        if read_only and not path.exists():
            raise SchemaError("db.missing", path=str(path))
        _make_private_folder(path)
        _make_private_files(path)
    try:
        conn = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise translate(exc) from exc
    try:
        if not in_memory:
            _make_private_files(path)
        if read_only:
            _check_current(conn)
        else:
            # fold the write-ahead log into the file at 64 MB rather than DuckDB's 16 MB: a
            # plan import then commits without a checkpoint (0.10 s against 0.14 s for a
            # 100-page plan); the log is as durable, and a checkpoint still runs at close
            conn.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
            migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _connect_postgres(url: str, *, read_only: bool):
    from db.engine_postgres import PostgresDatabase

    database = PostgresDatabase(url)
    try:
        if read_only:
            _check_current(database)
        else:
            migrate(database)
    except BaseException:
        database.close()
        raise
    return database


def migrate(conn) -> list[int]:
    """Apply each pending migration in its own transaction with its schema_migrations row; on
    PostgreSQL under an advisory lock, so that instances starting together apply each once.

    Returns the numbers applied (empty when the schema was current).
    Raises: SchemaError when the database has migrations this code does not know.
    """
    if engine_of(conn) == POSTGRES:
        from db.engine_postgres import migrate_postgres

        return migrate_postgres(conn, apply_pending)
    with _MIGRATE_LOCK, conn.cursor() as cur:
        return apply_pending(cur)


def apply_pending(cur) -> list[int]:
    """Apply the migrations `cur`'s database lacks, each in its own transaction (the caller holds
    the lock that keeps others from doing the same at once)."""
    try:
        cur.execute(_BOOKKEEPING)
    except duckdb.Error as exc:
        raise translate(exc) from exc
    engine = engine_of(cur)
    done = _applied(cur)
    _refuse_newer(done, engine)
    applied = []
    for number, name, file in _migration_files(engine):
        if number in done:
            continue
        with transaction(cur):
            cur.execute(migration_sql(file, engine))
            cur.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [number, name]
            )
        applied.append(number)
    return applied


def schema_version(conn) -> int:
    """The number of the last migration applied (0 for an empty database)."""
    with conn.cursor() as cur:
        done = _applied(cur)
    return max(done, default=0)


@contextmanager
def transaction(cur: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run the block as one transaction on `cur`: COMMIT at the end, ROLLBACK on any exception.

    Driver errors leave as StoreError subclasses; other exceptions propagate unchanged.
    """
    try:
        cur.execute("BEGIN TRANSACTION")
    except duckdb.Error as exc:
        raise translate(exc) from exc
    try:
        yield cur
    except BaseException as exc:
        _rollback(cur)
        if isinstance(exc, duckdb.Error):
            raise translate(exc) from exc
        raise
    try:
        cur.execute("COMMIT")
    except duckdb.Error as exc:
        _rollback(cur)
        raise translate(exc) from exc
    except StoreError:  # PostgreSQL's cursor translates its errors itself
        _rollback(cur)
        raise


def translate(exc: duckdb.Error) -> StoreError:
    """The domain error for a driver error (the caller raises it `from exc`)."""
    message = str(exc)
    if isinstance(exc, duckdb.IOException) and (
        "Could not set lock" in message or "Conflicting lock" in message
    ):
        return DatabaseLockedError(detail=message)
    if isinstance(exc, duckdb.TransactionException) and "Conflict" in message:
        return VersionConflictError("db.write_conflict", detail=message)
    if isinstance(exc, duckdb.ConstraintException):
        return StoreError("db.constraint", detail=message)
    return StoreError("db.error", detail=message)


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    try:
        cur.execute("ROLLBACK")
    except (duckdb.Error, StoreError):
        pass  # no transaction left to roll back (e.g. a failed COMMIT already ended it)


def own_files(path: Path) -> tuple[Path, ...]:
    """The files DuckDB keeps for the database at `path`: itself, its log, its spill folder."""
    return (path, path.with_name(path.name + ".wal"), path.with_name(path.name + ".tmp"))


def _make_private_folder(path: Path) -> None:
    folder, missing = path.parent, []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for item in reversed(missing):
        item.mkdir(mode=0o700, exist_ok=True)
        os.chmod(item, 0o700)
    folder = path.parent
    if not _open_to_others(folder):
        return
    ours = {p.name for p in own_files(path)}
    alone = all(entry.name in ours for entry in folder.iterdir())
    try:
        if not alone or folder.stat().st_uid != os.geteuid():
            raise PermissionError
        os.chmod(folder, 0o700)
    except PermissionError:
        raise StoreError("db.folder_not_private", folder=str(folder)) from None


def _make_private_files(path: Path) -> None:
    for item in own_files(path):
        if item.exists() and _open_to_others(item):
            try:
                os.chmod(item, 0o700 if item.is_dir() else 0o600)
            except PermissionError:
                raise StoreError("db.file_not_private", path=str(item)) from None


def _open_to_others(item: Path) -> bool:
    return bool(stat.S_IMODE(item.stat().st_mode) & 0o077)


def _migration_files(engine: str = DUCKDB) -> list[tuple[int, str, Path]]:
    """(number, name, file) of every migration `engine` runs, by number: a file made for the
    engine replaces the shared one of its number."""
    found: dict[int, tuple[int, str, Path]] = {}
    for file in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(file.name)
        if not match or match.group(3) not in (None, engine):
            continue
        number = int(match.group(1))
        if match.group(3) or number not in found:
            found[number] = (number, f"{match.group(1)}_{match.group(2)}", file)
    return [found[number] for number in sorted(found)]


def migration_sql(file: Path, engine: str) -> str:
    """The text of a migration as `engine` runs it (a shared file written in DuckDB's types is
    given PostgreSQL's names for them)."""
    from db.dialect import postgres_ddl

    text = file.read_text(encoding="utf-8")
    shared = _MIGRATION_NAME.match(file.name).group(3) is None
    return postgres_ddl(text) if engine == POSTGRES and shared else text


def _applied(cur) -> set[int]:
    try:
        exists = cur.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()[0]
        if not exists:
            return set()
        return {row[0] for row in cur.execute("SELECT version FROM schema_migrations").fetchall()}
    except duckdb.Error as exc:
        raise translate(exc) from exc


def _refuse_newer(done: set[int], engine: str = DUCKDB) -> None:
    known = {number for number, _, _ in _migration_files(engine)}
    unknown = sorted(done - known)
    if unknown:
        raise SchemaError("db.schema_newer", found=max(done), known=max(known, default=0))


def _check_current(conn) -> None:
    engine = engine_of(conn)
    with conn.cursor() as cur:
        done = _applied(cur)
    _refuse_newer(done, engine)
    pending = [number for number, _, _ in _migration_files(engine) if number not in done]
    if pending:
        raise SchemaError("db.schema_outdated", pending=", ".join(f"{n:04d}" for n in pending))


__all__ = [
    "MIGRATIONS_DIR",
    "URL_ENV",
    "apply_pending",
    "configured",
    "connect",
    "migrate",
    "migration_sql",
    "schema_version",
    "transaction",
    "translate",
]
