"""Opening the DuckDB file, applying the numbered migrations, and one-transaction-or-nothing writes."""

from __future__ import annotations

import os
import re
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from db.errors import (
    DatabaseLockedError,
    SchemaError,
    StoreError,
    VersionConflictError,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
# Two threads of one process opening the same file must not both apply a migration.
_MIGRATE_LOCK = threading.Lock()

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
)
"""


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database at `path` and apply pending migrations.

    Files stay private to the app's user: the process umask becomes 077 (DuckDB creates its
    write-ahead log anew after every checkpoint, with the umask of the moment), the folder is
    0700 and the database file and its log 0600, existing ones included. An existing folder open
    to others is made private when it holds nothing but this database, else refused.
    ":memory:" opens a private in-memory database. A read-only connection never migrates.
    Raises: DatabaseLockedError when another process holds the file; SchemaError when the file
    is missing (read-only), needs migrations it cannot get (read-only), or is newer than this code;
    StoreError db.folder_not_private / db.file_not_private when they cannot be made private.
    """
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
            migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def migrate(conn: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply each pending migration in its own transaction with its schema_migrations row.

    Returns the numbers applied (empty when the schema was current).
    Raises: SchemaError when the database has migrations this code does not know.
    """
    with _MIGRATE_LOCK, conn.cursor() as cur:
        try:
            cur.execute(_BOOKKEEPING)
        except duckdb.Error as exc:
            raise translate(exc) from exc
        done = _applied(cur)
        _refuse_newer(done)
        applied = []
        for number, name, file in _migration_files():
            if number in done:
                continue
            with transaction(cur):
                cur.execute(file.read_text(encoding="utf-8"))
                cur.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [number, name]
                )
            applied.append(number)
        return applied


def schema_version(conn: duckdb.DuckDBPyConnection) -> int:
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
    except duckdb.Error:
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


def _migration_files() -> list[tuple[int, str, Path]]:
    found = []
    for file in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(file.name)
        if match:
            found.append((int(match.group(1)), file.stem, file))
    return found


def _applied(cur: duckdb.DuckDBPyConnection) -> set[int]:
    try:
        exists = cur.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()[0]
        if not exists:
            return set()
        return {row[0] for row in cur.execute("SELECT version FROM schema_migrations").fetchall()}
    except duckdb.Error as exc:
        raise translate(exc) from exc


def _refuse_newer(done: set[int]) -> None:
    known = {number for number, _, _ in _migration_files()}
    unknown = sorted(done - known)
    if unknown:
        raise SchemaError("db.schema_newer", found=max(done), known=max(known, default=0))


def _check_current(conn: duckdb.DuckDBPyConnection) -> None:
    with conn.cursor() as cur:
        done = _applied(cur)
    _refuse_newer(done)
    pending = [number for number, _, _ in _migration_files() if number not in done]
    if pending:
        raise SchemaError("db.schema_outdated", pending=", ".join(f"{n:04d}" for n in pending))


__all__ = ["MIGRATIONS_DIR", "connect", "migrate", "schema_version", "transaction", "translate"]
