"""Copying every table of one database into another, across engines (a DuckDB file and
PostgreSQL, either way), and proving the copy equal table by table (`python -m db copy`)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from db.connection import MIGRATIONS_DIR, schema_version, transaction
from db.dialect import DUCKDB, engine_of, insert_rows
from db.errors import StoreError

# rows read and written at a time, so that a table of millions never sits in memory twice
CHUNK = 5000
_BOOKKEEPING = "schema_migrations"
_CREATE_TABLE = re.compile(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)
_NEXTVAL = re.compile(r"nextval\('(?:\w+\.)?(\w+)'")


class CopyError(StoreError):
    """The copy cannot be made: the target holds data, or the two schemas differ."""

    key = "db_copy.target_not_empty"


@dataclass(frozen=True)
class TableCheck:
    """One table's row count and content hash on both sides."""

    table: str
    source_rows: int
    target_rows: int
    source_hash: str
    target_hash: str

    @property
    def equal(self) -> bool:
        return self.source_rows == self.target_rows and self.source_hash == self.target_hash


def copy_database(source, target) -> int:
    """Copy every row of `source` into the empty, migrated `target` in one transaction on the
    target, keeping ids and setting each sequence past the ids copied; the number of rows.

    Raises: CopyError db_copy.target_not_empty when a table of the target holds rows (nothing is
    written), db_copy.schema_differs when the two databases are not at the same migration.
    """
    _check_schemas(source, target)
    tables = table_names(source)
    sequences = _sequences(source)
    copied = 0
    with target.cursor() as cur, transaction(cur):
        full = [table for table in tables if _count(cur, table)]
        if full:
            raise CopyError("db_copy.target_not_empty", tables=", ".join(full))
        for table in tables:
            copied += _copy_table(source, cur, table)
        for sequence, (table, column) in sorted(sequences.items()):
            _set_sequence(cur, sequence, _sequence_floor(source, sequence, table, column))
    return copied


def compare(source, target) -> list[TableCheck]:
    """Row count and content hash of every table on both sides, in copying order."""
    checks = []
    for table in table_names(source):
        source_rows, source_hash = table_digest(source, table)
        target_rows, target_hash = table_digest(target, table)
        checks.append(TableCheck(table, source_rows, target_rows, source_hash, target_hash))
    return checks


def table_names(conn) -> list[str]:
    """The data tables (not the migrations' bookkeeping), parents before the tables whose
    foreign keys point at them: in the order the migrations create them."""
    with conn.cursor() as cur:
        present = {
            row[0]
            for row in cur.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            ).fetchall()
        } - {_BOOKKEEPING}
    created: dict[str, int] = {}
    for file in sorted(MIGRATIONS_DIR.glob("*.sql")):
        for match in _CREATE_TABLE.finditer(file.read_text(encoding="utf-8")):
            created[match.group(1).lower()] = len(created)
    return sorted(present, key=lambda name: (created.get(name, len(created)), name))


def table_digest(conn, table: str) -> tuple[int, str]:
    """The number of rows of `table` and a SHA-256 over them in primary-key order, each value
    written the same way whichever engine returned it (see `plain`)."""
    columns = sorted(_columns(conn, table))
    key = [columns.index(name) for name in _primary_key(conn, table)]
    keyed = []
    with conn.cursor() as cur:
        cur.execute(f"SELECT {', '.join(columns)} FROM {table}")
        while rows := cur.fetchmany(CHUNK):
            for row in rows:
                values = [plain(value) for value in row]
                text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
                order = tuple(values[i] for i in key) if key else (text,)
                keyed.append((order, hashlib.sha256(text.encode("utf-8")).digest()))
    keyed.sort(key=lambda pair: pair[0])
    digest = hashlib.sha256()
    for _, row_hash in keyed:
        digest.update(row_hash)
    return len(keyed), digest.hexdigest()


def plain(value):
    """A value as both engines' drivers agree to write it: datetimes in UTC ISO form, floats by
    repr, bytes in hex, lists element by element."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return repr(value.total_seconds())
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in sorted(value.items())}
    if isinstance(value, Decimal):
        return str(value.normalize())
    return str(value)


def describe(target) -> str:
    """A database target as it may be shown: a URL without its password."""
    if isinstance(target, Path):
        return str(target)
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", str(target))


def _check_schemas(source, target) -> None:
    theirs, ours = schema_version(source), schema_version(target)
    if theirs != ours:
        raise CopyError("db_copy.schema_differs", source=theirs, target=ours)
    if set(table_names(source)) != set(table_names(target)):
        raise CopyError("db_copy.schema_differs", source=theirs, target=ours)


def _copy_table(source, cur, table: str) -> int:
    columns = _columns(source, table)
    copied = 0
    with source.cursor() as read:
        read.execute(f"SELECT {', '.join(columns)} FROM {table}")
        while rows := read.fetchmany(CHUNK):
            insert_rows(cur, table, columns, rows)
            copied += len(rows)
    return copied


def _count(cur, table: str) -> int:
    return cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _columns(conn, table: str) -> list[str]:
    with conn.cursor() as cur:
        rows = cur.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
    return [row[0] for row in rows]


def _primary_key(conn, table: str) -> list[str]:
    with conn.cursor() as cur:
        rows = cur.execute(
            "SELECT k.column_name FROM information_schema.table_constraints c"
            " JOIN information_schema.key_column_usage k"
            " ON k.constraint_schema = c.constraint_schema"
            " AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name"
            " WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema()"
            " AND c.table_name = ? ORDER BY k.ordinal_position",
            [table],
        ).fetchall()
    return [row[0] for row in rows]


def _sequences(conn) -> dict[str, tuple[str, str]]:
    """Each sequence a column takes its default from: name -> (table, column)."""
    with conn.cursor() as cur:
        rows = cur.execute(
            "SELECT table_name, column_name, column_default FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND column_default LIKE 'nextval%'"
        ).fetchall()
    found = {}
    for table, column, default in rows:
        match = _NEXTVAL.search(default)
        if match:
            found[match.group(1)] = (table, column)
    return found


def _sequence_floor(source, sequence: str, table: str, column: str) -> int:
    """The highest value the target's sequence must have handed out: the source's last value,
    or the highest id copied if that is higher."""
    with source.cursor() as cur:
        highest = cur.execute(f"SELECT max({column}) FROM {table}").fetchone()[0] or 0
        if engine_of(source) == DUCKDB:
            last = cur.execute(
                "SELECT last_value FROM duckdb_sequences()"
                " WHERE schema_name = current_schema() AND sequence_name = ?",
                [sequence],
            ).fetchone()
        else:
            last = cur.execute(
                "SELECT last_value FROM pg_sequences"
                " WHERE schemaname = current_schema() AND sequencename = ?",
                [sequence],
            ).fetchone()
    return max(int(highest), int(last[0] or 0) if last else 0)


def _set_sequence(cur, sequence: str, floor: int) -> None:
    """Make the target's `sequence` hand out `floor + 1` next (a fresh sequence is left alone
    when nothing was taken from it)."""
    if floor < 1:
        return
    if engine_of(cur) != DUCKDB:
        cur.execute("SELECT setval(?, ?)", [sequence, floor])
        return
    # DuckDB has no setval: take the values up to `floor` instead
    row = cur.execute(
        "SELECT last_value FROM duckdb_sequences()"
        " WHERE schema_name = current_schema() AND sequence_name = ?",
        [sequence],
    ).fetchone()
    missing = floor - int(row[0] or 0 if row else 0)
    if missing > 0:
        cur.execute(f"SELECT max(nextval('{sequence}')) FROM range(?)", [missing])


__all__ = [
    "CHUNK",
    "CopyError",
    "TableCheck",
    "compare",
    "copy_database",
    "describe",
    "plain",
    "table_digest",
    "table_names",
]
