"""What differs between the two engines' SQL, in one place: placeholders, migration types and the
few statements the stores cannot spell the same way on DuckDB and PostgreSQL.

Stores write one SQL text for both engines: `?` placeholders, `= ANY(?)` for a list parameter,
`cardinality(list)`, `x = ANY(list)`, `array_agg`, `ON CONFLICT … DO UPDATE`, `n * INTERVAL '1
minute'`, and a cast on every parameter whose type the statement alone does not give
(`?::TIMESTAMPTZ IS NULL`). See docs/storage-engines.md.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache

DUCKDB = "duckdb"
POSTGRES = "postgres"
# PostgreSQL accepts at most 65535 parameters in one statement.
_MAX_PARAMETERS = 65535


def engine_of(conn) -> str:
    """Which engine a connection, cursor or unit of work talks to (DUCKDB or POSTGRES)."""
    return getattr(conn, "engine", DUCKDB)


def database_now(conn) -> datetime:
    """The time on the database's clock, in UTC: PostgreSQL's clock_timestamp() (the one clock
    every app instance and command line on that server shares, so times that order events agree
    whatever each machine's clock says); for a DuckDB file, which one process on this machine
    writes, the machine's clock."""
    if engine_of(conn) == POSTGRES:
        return conn.execute("SELECT clock_timestamp()").fetchone()[0].astimezone(UTC)
    return datetime.now(UTC)


@lru_cache(maxsize=4096)
def pyformat(sql: str) -> str:
    """`sql` with its `?` placeholders as psycopg's `%s` (and a literal `%` doubled); question
    marks inside quoted strings, quoted names and comments are left alone."""
    out, i, n = [], 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            end = sql.find(c, i + 1)
            end = n if end < 0 else end + 1
            out.append(sql[i:end].replace("%", "%%"))
            i = end
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(sql[i:end].replace("%", "%%"))
            i = end
        else:
            out.append("%s" if c == "?" else "%%" if c == "%" else c)
            i += 1
    return "".join(out)


_DOUBLE = re.compile(r"\bDOUBLE\b(?!\s+PRECISION)", re.IGNORECASE)
_BLOB = re.compile(r"\bBLOB\b", re.IGNORECASE)


def postgres_ddl(sql: str) -> str:
    """A migration written for DuckDB as PostgreSQL runs it: DOUBLE is DOUBLE PRECISION and BLOB
    is BYTEA there (every other type and statement the migrations use means the same on both)."""
    return _BLOB.sub("BYTEA", _DOUBLE.sub("DOUBLE PRECISION", sql))


def insert_rows(cur, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Insert many rows with as few statements as the engine allows.

    DuckDB: one statement whose columns go in as lists unnested in lockstep (executemany costs a
    round trip per row: 3.4 s against 0.04 s for a 100-page plan). PostgreSQL would flatten a
    list of lists there, so it gets multi-row VALUES, as many rows per statement as its
    parameter limit allows."""
    if not rows:
        return
    listed = ", ".join(columns)
    if engine_of(cur) == DUCKDB:
        unnests = ", ".join(f"unnest(?) AS {name}" for name in columns)
        values = [list(column) for column in zip(*rows, strict=True)]
        cur.execute(
            f"INSERT INTO {table} ({listed}) SELECT {listed} FROM (SELECT {unnests})", values
        )
        return
    one = "(" + ", ".join("?" * len(columns)) + ")"
    per_statement = max(1, _MAX_PARAMETERS // len(columns))
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        cur.execute(
            f"INSERT INTO {table} ({listed}) VALUES " + ", ".join([one] * len(chunk)),
            [value for row in chunk for value in row],
        )


def column_names(cur) -> list[str]:
    """The names of the columns of the cursor's last result."""
    return [column[0] for column in cur.description or ()]


@lru_cache(maxsize=1024)
def _row_type(names: tuple[str, ...]) -> type:
    return namedtuple("Row", names, rename=True)


def named(cur, rows: list[tuple] | None = None) -> list:
    """The rows of the cursor's last result (or `rows` fetched from it) as named tuples: a column
    is read by its name (`row.username`) or, as before, by its position. A name that is no
    identifier, or repeated, is read by position (`_2`)."""
    kind = _row_type(tuple(column_names(cur)))
    fetched = cur.fetchall() if rows is None else rows
    return [kind(*row) for row in fetched]


def named_one(cur):
    """The next row of the cursor's last result as a named tuple, or None."""
    row = cur.fetchone()
    return None if row is None else _row_type(tuple(column_names(cur)))(*row)


__all__ = [
    "DUCKDB",
    "POSTGRES",
    "column_names",
    "engine_of",
    "insert_rows",
    "named",
    "named_one",
    "postgres_ddl",
    "pyformat",
]
