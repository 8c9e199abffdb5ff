"""Analytics benchmark (issue 5, "Figures"): the main analytics query (plan steps most often missed
or late, db/analytics_store.py) over 3 million generated observations of 200 ended drills, in
DuckDB (target under 0.5 s) and the same query on SQLite (stdlib sqlite3) in the same run.

`python -m bench.analytics_bench [--observations 3000000] [--drills 200] [--items 300] [--runs 3]`
prints both as a table; `run()` returns the figures for bench/run.py.
The rows are generated in SQL (range()/random()) into the columns the query reads of the real
tables (drills, drill_clock_events, checklist_items, observations); SQLite gets the same rows.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time

import duckdb

from bench.run import figure, print_table
from db.analytics_store import steps_missed_or_late_sql

TARGET_S = 0.5
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


def copy_to_sqlite(duck, lite: sqlite3.Connection, batch: int = 100_000) -> None:
    """The same rows in SQLite (timestamps as ISO text, which julianday() reads)."""
    lite.executescript(_TABLES.replace("TIMESTAMP", "TEXT"))
    for table in ("drills", "drill_clock_events", "checklist_items", "observations"):
        columns = [row[0] for row in duck.execute(f"DESCRIBE {table}").fetchall()]
        select = ", ".join(
            f"strftime({c}, '%Y-%m-%d %H:%M:%S')" if c in ("happened_at", "entered_at") else c
            for c in columns
        )
        marks = ", ".join("?" * len(columns))
        result = duck.execute(f"SELECT {select} FROM {table}")
        while rows := result.fetchmany(batch):
            lite.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    lite.execute("CREATE INDEX obs_drill_item ON observations (drill_id, item_id)")
    lite.execute("ANALYZE")
    lite.commit()


def timed(work, runs: int) -> float:
    work()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(observations: int = 3_000_000, drills: int = 200, items: int = 300, runs: int = 3) -> dict:
    """Generate, load both databases, time the query in each; the figures as a dict."""
    params = [UNIT, None, None, None, None, 20]
    started = time.perf_counter()
    duck = duckdb.connect(":memory:")
    generate(duck, observations, drills, items)
    generated = time.perf_counter() - started
    duck_sql = steps_missed_or_late_sql("duckdb")
    duck_rows = duck.execute(duck_sql, params).fetchall()
    duck_s = timed(lambda: duck.execute(duck_sql, params).fetchall(), runs)

    started = time.perf_counter()
    lite = sqlite3.connect(":memory:")
    copy_to_sqlite(duck, lite)
    loaded = time.perf_counter() - started
    lite_sql = steps_missed_or_late_sql("sqlite")
    lite_rows = lite.execute(lite_sql, params).fetchall()
    lite_s = timed(lambda: lite.execute(lite_sql, params).fetchall(), max(1, runs // 3))
    same = [tuple(r) for r in duck_rows] == [tuple(r) for r in lite_rows]
    n = duck.execute("SELECT count(*) FROM observations").fetchone()[0]
    duck.close()
    lite.close()
    return {
        f"analytics: steps missed/late, DuckDB ({n:,} obs)": figure(duck_s, "s", TARGET_S),
        "analytics: same query, SQLite": figure(lite_s, "s"),
        "analytics: SQLite / DuckDB": figure(lite_s / duck_s, "x"),
        "analytics: both give the same rows (1 = yes)": figure(float(same), "", 1.0, "= 1",
                                                               higher=True),
        "analytics: generate in DuckDB (not timed above)": figure(generated, "s"),
        "analytics: load SQLite via executemany (not timed)": figure(loaded, "s"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.analytics_bench",
                                     description=__doc__.splitlines()[0])  # fmt: skip
    parser.add_argument("--observations", type=int, default=3_000_000)
    parser.add_argument("--drills", type=int, default=200)
    parser.add_argument("--items", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    figures = run(args.observations, args.drills, args.items, args.runs)
    print_table(figures)
    return 0 if all(f["ok"] is not False for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
