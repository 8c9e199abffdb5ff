"""The SQL that differs between the engines (db/dialect.py), without a database."""

from __future__ import annotations

import pytest

from db.dialect import postgres_ddl, pyformat


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT ? FROM t WHERE a = ?", "SELECT %s FROM t WHERE a = %s"),
        ("SELECT '?' || ?", "SELECT '?' || %s"),
        ('SELECT "who?" FROM t WHERE a = ?', 'SELECT "who?" FROM t WHERE a = %s'),
        ("SELECT 1 -- why?\nFROM t WHERE a = ?", "SELECT 1 -- why?\nFROM t WHERE a = %s"),
        ("SELECT a % 2, '100%' FROM t WHERE b = ?", "SELECT a %% 2, '100%%' FROM t WHERE b = %s"),
        ("SELECT ?::TIMESTAMPTZ IS NULL", "SELECT %s::TIMESTAMPTZ IS NULL"),
    ],
)
def test_placeholders_become_psycopgs_outside_quotes_and_comments(sql, expected):
    assert pyformat(sql) == expected


def test_duckdb_type_names_become_postgresql_ones_in_migrations():
    ddl = "a DOUBLE, b DOUBLE PRECISION, c BLOB NOT NULL, d VARCHAR[], e double"
    assert postgres_ddl(ddl) == (
        "a DOUBLE PRECISION, b DOUBLE PRECISION, c BYTEA NOT NULL, d VARCHAR[], e DOUBLE PRECISION"
    )
