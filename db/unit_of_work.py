"""One unit of work for a use case: one cursor and one transaction that the stores' own
transactions join, so that several store calls read one consistent snapshot and write together.

Every store opens `conn.cursor()` and runs `transaction(cur)` on it. Handed the connection this
module yields instead, they all get the same cursor, and their BEGIN, COMMIT and ROLLBACK are
left to the unit: it commits once at the end, and rolls back when the block raises. A store
that failed inside the unit, its error caught by the caller, spoils the unit: nothing of it is
committed, and the unit says so (StoreError) rather than keep half a write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

import duckdb

from db.connection import transaction
from db.errors import StoreError

_OWNED_BY_THE_UNIT = frozenset({"BEGIN TRANSACTION", "BEGIN", "COMMIT", "ROLLBACK"})


class _SharedCursor:
    """The unit's cursor as the stores see it: `cursor()` is itself, closing it does nothing,
    and transaction statements are the unit's, not theirs."""

    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self._cur = cur
        self.spoiled = False  # a store inside rolled back

    def cursor(self) -> Self:
        return self

    def execute(self, query, parameters=None):
        statement = query.strip().upper() if isinstance(query, str) else ""
        if statement in _OWNED_BY_THE_UNIT:
            self.spoiled |= statement == "ROLLBACK"
            return self._cur
        if parameters is None:
            return self._cur.execute(query)
        return self._cur.execute(query, parameters)

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def __getattr__(self, name: str):
        return getattr(self._cur, name)


@contextmanager
def unit_of_work(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for the block's store calls: one cursor, one transaction, committed at the
    end; nothing is written when the block raises. A unit handed a unit's connection joins it.

    Raises: StoreError db.error when a store inside failed and the block went on regardless."""
    if isinstance(conn, _SharedCursor):
        yield conn
        return
    with conn.cursor() as cur:
        shared = _SharedCursor(cur)
        with transaction(cur):
            yield shared
            if shared.spoiled:
                raise StoreError("db.error", detail="a store failed inside the unit of work")


__all__ = ["unit_of_work"]
