"""Analytics benchmark: the main analytics query (plan steps most often missed
or late, db/analytics_store.py) over the item outcomes of 200 ended drills derived from 3 million
generated observations, in DuckDB (target under 0.5 s) and the same query on SQLite (stdlib
sqlite3) in the same run; with `--database postgresql://…` also on PostgreSQL (within 10x of
DuckDB), in a fresh database made on that server and dropped after.

`python -m bench.analytics_bench [--observations 3000000] [--drills 200] [--items 300] [--runs 3]
[--database URL]` prints the figures as a table; `run()` returns them for bench/run.py.
The raw rows are generated in SQL (range()/random()) into the columns of the real tables (drills,
drill_clock_events, checklist_items, observations). The app writes drill_item_outcomes once per
drill when its evaluation is saved (save_scores in db/analytics_scores.py, from the scoring
engine); here the outcome rows are materialised in SQL from the generated observations (entry in
force: newest item entry or amendment no undo withdrew; late: done or partly done after the
item's limit from the start), and that build is timed on its own: the whole table, and divided by
the drills as the cost per drill at its end. The analytics query then reads only drill_item_outcomes (with drills and the end
events); SQLite gets the same outcome rows. PostgreSQL gets the same generated rows (CSV from
DuckDB, COPY), with the types and the indexes its migrations give these tables, builds its
outcome rows itself with the same SQL, and runs the query as the app does there (the `?` text
through db/engine_postgres.py's pooled cursor, in a transaction).
Which engine when: the analytics do not decide it. Over 60,000 outcomes of 3 million
observations (2 busy cores) DuckDB took 0.016 s, PostgreSQL 0.098 s (6x) and SQLite 0.10 s, all
far under 0.5 s; pick by the number of app instances (bench/drills_bench.py).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import time
from datetime import datetime
from pathlib import Path

import duckdb

from bench.run import figure, print_table
from db.analytics_store import steps_missed_or_late_params, steps_missed_or_late_sql
from db.connection import MIGRATIONS_DIR, transaction
from db.dialect import postgres_ddl

TARGET_S = 0.5
POSTGRES_FACTOR = 10.0  # PostgreSQL may take up to 10x DuckDB's time for the analytics
UNIT = "基准单位"

_TABLES = """
CREATE TABLE drills (id BIGINT PRIMARY KEY, plan_id BIGINT, version_id BIGINT, unit VARCHAR);
CREATE TABLE drill_clock_events (drill_id BIGINT, n INTEGER, kind VARCHAR, happened_at TIMESTAMP,
                                 PRIMARY KEY (drill_id, n));
CREATE TABLE checklist_items (drill_id BIGINT, id VARCHAR, step_id VARCHAR, time_limit_min DOUBLE,
                              PRIMARY KEY (drill_id, id));
CREATE TABLE observations (id VARCHAR PRIMARY KEY, drill_id BIGINT, kind VARCHAR, item_id VARCHAR,
                           rating VARCHAR, entered_at TIMESTAMP, happened_at TIMESTAMP,
                           ref VARCHAR);
"""

# The columns of db/migrations/0006_item_outcomes.sql.
_OUTCOMES_TABLE = """
CREATE TABLE drill_item_outcomes (drill_id BIGINT, item_id VARCHAR, step_id VARCHAR,
                                  plan_id BIGINT, version_id BIGINT, role_id VARCHAR,
                                  area VARCHAR, outcome VARCHAR, late BOOLEAN,
                                  happened_min DOUBLE, due_min DOUBLE, saved_at TIMESTAMP,
                                  PRIMARY KEY (drill_id, item_id));
"""

# Each drill's items with the entry in force (newest item entry or amendment by entry time that
# no undo withdrew); minutes from the drill's start (the generated drills have no pauses).
# One text that DuckDB and PostgreSQL both run.
_MATERIALISE = """
INSERT INTO drill_item_outcomes
WITH scope AS (
    SELECT d.id AS drill_id, d.plan_id, d.version_id, s.happened_at AS started_at,
           e.happened_at AS ended_at
    FROM drills d
    JOIN drill_clock_events s ON s.drill_id = d.id AND s.kind = 'start'
    JOIN drill_clock_events e ON e.drill_id = d.id AND e.kind = 'end'
),
withdrawn AS (
    SELECT ref AS id FROM observations WHERE kind = 'undo' AND ref IS NOT NULL
),
entries AS (
    SELECT o.drill_id, coalesce(o.item_id, orig.item_id) AS item_id, o.rating, o.happened_at,
           row_number() OVER (PARTITION BY o.drill_id, coalesce(o.item_id, orig.item_id)
                              ORDER BY o.entered_at DESC, o.id DESC) AS n
    FROM observations o
    LEFT JOIN observations orig ON o.kind = 'amendment' AND orig.id = o.ref
    WHERE o.kind IN ('item', 'amendment') AND o.rating IS NOT NULL
      AND o.id NOT IN (SELECT id FROM withdrawn)
),
timed AS (
    SELECT c.drill_id, c.id AS item_id, c.step_id, sc.plan_id, sc.version_id, c.role_id,
           c.area, coalesce(o.rating, 'not_observed') AS outcome,
           CASE WHEN o.rating IN ('done', 'partly')
                THEN extract(epoch FROM o.happened_at - sc.started_at) / 60.0
           END AS happened_min,
           c.time_limit_min AS due_min, sc.ended_at AS saved_at
    FROM (SELECT *, 'r' || (1 + position % 8) AS role_id,
                 (ARRAY['preparation', 'warning_report', 'mobilisation', 'command', 'disposal',
                        'support', 'public_info'])[1 + position % 7] AS area
          FROM (SELECT *, CAST(substr(id, 2) AS INTEGER) AS position FROM checklist_items) p) c
    JOIN scope sc ON sc.drill_id = c.drill_id
    LEFT JOIN entries o ON o.drill_id = c.drill_id AND o.item_id = c.id AND o.n = 1
)
SELECT drill_id, item_id, step_id, plan_id, version_id, role_id, area, outcome,
       coalesce(happened_min > due_min, false), happened_min, due_min, saved_at
FROM timed
"""


def generate(conn, observations: int, drills: int, items: int) -> None:
    """Fill the tables in DuckDB: 10 plans, `drills` drills of `items` items, `observations`
    observations (about 2 % undo and 2 % amendments of earlier entries)."""
    conn.execute(_TABLES)
    conn.execute(
        "INSERT INTO drills SELECT i, i % 10 + 1, i % 10 + 1, ? FROM range(1, ? + 1) t(i)",
        [UNIT, drills],
    )
    conn.execute(
        "INSERT INTO drill_clock_events SELECT i, 1, 'start', TIMESTAMP '2025-01-01 09:00:00'"
        " + to_days(CAST(i AS INTEGER)) FROM range(1, ? + 1) t(i)"
        " UNION ALL SELECT i, 2, 'end', TIMESTAMP '2025-01-01 12:00:00'"
        " + to_days(CAST(i AS INTEGER)) FROM range(1, ? + 1) t(i)",
        [drills, drills],
    )
    conn.execute(
        "INSERT INTO checklist_items SELECT d, 'c' || k, 's' || k, 5 + k % 60"
        " FROM range(1, ? + 1) a(d), range(1, ? + 1) b(k)",
        [drills, items],
    )
    conn.execute(
        """
        INSERT INTO observations
        SELECT 'o' || i, d, kind,
               CASE WHEN kind = 'item' THEN 'c' || (1 + i % ?) END,
               CASE WHEN kind = 'undo' THEN NULL
                    WHEN r < 0.15 THEN 'not_done' WHEN r < 0.25 THEN 'partly'
                    WHEN r < 0.28 THEN 'na' ELSE 'done' END,
               start + to_seconds(CAST(i % 10000 AS BIGINT)),
               start + to_seconds(CAST((i % 10000) * (0.8 + r) AS BIGINT)),
               CASE WHEN kind <> 'item' THEN 'o' || (i - 1 - (i % 7)) END
        FROM (
            SELECT i, 1 + i % ? AS d, random() AS r,
                   CASE WHEN i % 50 = 7 THEN 'undo' WHEN i % 50 = 9 THEN 'amendment'
                        ELSE 'item' END AS kind,
                   TIMESTAMP '2025-01-01 09:00:00' + to_days(CAST(1 + i % ? AS INTEGER)) AS start
            FROM range(0, ?) t(i)
        )
        """,
        [items, drills, drills, observations],
    )


def materialise(conn) -> None:
    """drill_item_outcomes from the generated observations (what save_scores keeps per drill)."""
    conn.execute(_OUTCOMES_TABLE)
    conn.execute(_MATERIALISE)


def copy_to_sqlite(duck, lite: sqlite3.Connection, batch: int = 100_000) -> None:
    """The tables the analytics query reads, with the same rows, in SQLite (timestamps as ISO
    text)."""
    lite.executescript(_TABLES.replace("TIMESTAMP", "TEXT"))
    lite.executescript(_OUTCOMES_TABLE.replace("TIMESTAMP", "TEXT"))
    for table in ("drills", "drill_clock_events", "drill_item_outcomes"):
        columns = [row[0] for row in duck.execute(f"DESCRIBE {table}").fetchall()]
        select = ", ".join(
            f"strftime({c}, '%Y-%m-%d %H:%M:%S')" if c in ("happened_at", "saved_at") else c
            for c in columns
        )
        marks = ", ".join("?" * len(columns))
        result = duck.execute(f"SELECT {select} FROM {table}")
        while rows := result.fetchmany(batch):
            lite.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    lite.execute("ANALYZE")
    lite.commit()


# An index statement of a PostgreSQL migration, and the table it indexes.
_INDEX = re.compile(r"^CREATE (?:UNIQUE )?INDEX .* ON (\w+) .*;$", re.MULTILINE)


def postgres_indexes(tables: set[str]) -> list[str]:
    """The CREATE INDEX statements PostgreSQL's migrations (db/migrations/*.postgres.sql) make on
    `tables`."""
    return [
        match.group(0)
        for file in sorted(MIGRATIONS_DIR.glob("*.postgres.sql"))
        for match in _INDEX.finditer(file.read_text(encoding="utf-8"))
        if match.group(1) in tables
    ]


def postgres_tables(sql: str) -> str:
    """The bench's CREATE TABLEs with PostgreSQL's types: TIMESTAMPTZ as in the real schema."""
    return postgres_ddl(sql.replace("TIMESTAMP", "TIMESTAMPTZ"))


def copy_to_postgres(duck, url: str, folder: Path) -> None:
    """The generated tables, with the same rows, in PostgreSQL: each written by DuckDB as CSV
    and read by COPY in 1 MiB blocks; then the migrations' indexes of these tables, ANALYZE."""
    import psycopg

    tables = ("drills", "drill_clock_events", "checklist_items", "observations")
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("SET TIME ZONE 'UTC'")  # the generated times are UTC, as the app's
        pg.execute(postgres_tables(_TABLES))
        for table in tables:
            csv = folder / f"{table}.csv"
            duck.execute(f"COPY {table} TO '{csv}' (HEADER false)")
            with (
                csv.open("rb") as source,
                pg.cursor() as cur,
                cur.copy(f"COPY {table} FROM STDIN (FORMAT csv)") as copy,
            ):
                while block := source.read(1 << 20):
                    copy.write(block)
            csv.unlink()
        for statement in postgres_indexes(set(tables)):
            pg.execute(statement)
        pg.execute("ANALYZE")


def materialise_postgres(url: str) -> None:
    """drill_item_outcomes in PostgreSQL from its own copy of the observations, with the
    migrations' index on it, by the same SQL as in DuckDB; then ANALYZE."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("SET TIME ZONE 'UTC'")
        pg.execute(postgres_tables(_OUTCOMES_TABLE))
        for statement in postgres_indexes({"drill_item_outcomes"}):
            pg.execute(statement)
        pg.execute(_MATERIALISE)
        pg.execute("ANALYZE drill_item_outcomes")


def query_postgres(database, sql: str, params: list) -> list[tuple]:
    """The query as db/analytics_store.steps_missed_or_late runs it on PostgreSQL: a pooled
    cursor (`?` placeholders become psycopg's) in one transaction."""
    with database.cursor() as cur, transaction(cur):
        return [tuple(row) for row in cur.execute(sql, params).fetchall()]


def postgres_figures(duck, server_url: str, runs: int, queries: dict, duck_s: float) -> dict:
    """Load, materialise and query a fresh PostgreSQL database on `server_url`; `queries` maps a
    name to (parameters, DuckDB's rows). The figures as a dict."""
    import tempfile

    from bench.drills_bench import scratch_database
    from db.engine_postgres import PostgresDatabase

    with scratch_database(server_url) as url, tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        copy_to_postgres(duck, url, Path(folder))
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        materialise_postgres(url)
        built = time.perf_counter() - started
        sql = steps_missed_or_late_sql("postgres")
        with PostgresDatabase(url) as database:
            same, seconds = True, {}
            for name, (params, rows) in queries.items():
                same = same and query_postgres(database, sql, params) == rows
                seconds[name] = timed(lambda p=params: query_postgres(database, sql, p), runs)
    return {
        "analytics: same query, PostgreSQL": figure(seconds["all"], "s"),
        "analytics: same, one plan and a quarter, PostgreSQL": figure(seconds["narrowed"], "s"),
        "analytics: PostgreSQL / DuckDB (PostgreSQL within 10x of DuckDB)": figure(
            seconds["all"] / duck_s, "x", POSTGRES_FACTOR, f"<= {POSTGRES_FACTOR:g}"
        ),
        "analytics: PostgreSQL gives DuckDB's rows, both queries (1 = yes)": figure(
            float(same), "", 1.0, "= 1", higher=True
        ),
        "analytics: build drill_item_outcomes in PostgreSQL (not timed above)": figure(built, "s"),
        "analytics: load PostgreSQL via CSV + COPY, indexes, ANALYZE (not timed)": figure(
            loaded, "s"
        ),
    }


def timed(work, runs: int) -> float:
    work()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(
    observations: int = 3_000_000,
    drills: int = 200,
    items: int = 300,
    runs: int = 3,
    database: str | None = None,
) -> dict:
    """Generate, materialise the outcomes, load SQLite (and a fresh database on the PostgreSQL
    server `database` names), time the query in each; the figures as a dict."""
    params = steps_missed_or_late_params(UNIT, limit=20)
    started = time.perf_counter()
    duck = duckdb.connect(":memory:")
    generate(duck, observations, drills, items)
    generated = time.perf_counter() - started
    n = duck.execute("SELECT count(*) FROM observations").fetchone()[0]

    started = time.perf_counter()
    materialise(duck)
    built = time.perf_counter() - started
    outcomes = duck.execute("SELECT count(*) FROM drill_item_outcomes").fetchone()[0]

    duck_sql = steps_missed_or_late_sql("duckdb")
    duck_rows = duck.execute(duck_sql, params).fetchall()
    duck_s = timed(lambda: duck.execute(duck_sql, params).fetchall(), runs)
    # the analytics screen's filters: one plan, drills ended in a quarter
    narrowed = steps_missed_or_late_params(
        UNIT, plan_id=1, since=datetime(2025, 3, 1), until=datetime(2025, 6, 1), limit=20
    )
    narrowed_rows = duck.execute(duck_sql, narrowed).fetchall()
    narrowed_s = timed(lambda: duck.execute(duck_sql, narrowed).fetchall(), runs)

    started = time.perf_counter()
    lite = sqlite3.connect(":memory:")
    copy_to_sqlite(duck, lite)
    loaded = time.perf_counter() - started
    lite_sql = steps_missed_or_late_sql("sqlite")
    lite_rows = lite.execute(lite_sql, params).fetchall()
    lite_s = timed(lambda: lite.execute(lite_sql, params).fetchall(), runs)
    same = [tuple(r) for r in duck_rows] == [tuple(r) for r in lite_rows]
    lite.close()
    postgres = {}
    if database is not None:
        queries = {"all": (params, duck_rows), "narrowed": (narrowed, narrowed_rows)}
        postgres = postgres_figures(duck, database, runs, queries, duck_s)
    duck.close()
    return {
        f"analytics: steps missed/late, DuckDB ({outcomes:,} outcomes of {n:,} obs)": figure(
            duck_s, "s", TARGET_S
        ),
        f"analytics: same, one plan and a quarter ({len(narrowed_rows)} steps), DuckDB": figure(
            narrowed_s, "s", TARGET_S
        ),
        "analytics: same query, SQLite": figure(lite_s, "s"),
        "analytics: SQLite / DuckDB": figure(lite_s / duck_s, "x"),
        "analytics: both give the same rows (1 = yes)": figure(
            float(same), "", 1.0, "= 1", higher=True
        ),
        **postgres,
        f"analytics: per-drill materialisation at the end (build / {drills})": figure(
            built / drills, "s"
        ),
        f"analytics: build drill_item_outcomes, {drills} drills (not timed above)": figure(
            built, "s"
        ),
        "analytics: generate in DuckDB (not timed above)": figure(generated, "s"),
        "analytics: load SQLite via executemany (not timed)": figure(loaded, "s"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.analytics_bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--observations", type=int, default=3_000_000)
    parser.add_argument("--drills", type=int, default=200)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--database",
        metavar="URL",
        help="also a PostgreSQL server (postgresql://…): a fresh database there",
    )
    args = parser.parse_args(argv)
    figures = run(args.observations, args.drills, args.items, args.runs, args.database)
    print_table(figures)
    return 0 if all(f["ok"] is not False for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
