"""The benchmarks' PostgreSQL runs at tiny sizes: what they count, never how fast (each makes and
drops a database of its own on the test server)."""

from __future__ import annotations

from bench import analytics_bench, drills_bench

POSTGRES = "PostgreSQL, 2 instances: "


def test_two_app_instances_on_postgres_store_each_acknowledged_observation_once(
    postgres_database,
):
    figures = drills_bench.run_compared(
        postgres_database, seconds=2, evaluators=4, gap=0.3, instances=2
    )
    sent = figures[f"{POSTGRES}observations sent"]["value"]
    assert sent > 0
    assert figures[f"{POSTGRES}observations stored"]["value"] == sent
    for counted in ("lost (acknowledged, not stored)", "duplicated", "refused (errors)"):
        assert figures[f"{POSTGRES}observations {counted}"]["value"] == 0
        assert figures[f"DuckDB, 1 process: observations {counted}"]["value"] == 0
    assert f"{POSTGRES}observation record p95" in figures


def test_the_analytics_query_on_postgres_gives_duckdbs_rows(postgres_database):
    figures = analytics_bench.run(
        observations=20_000, drills=200, items=10, runs=1, database=postgres_database
    )
    assert figures["analytics: PostgreSQL gives DuckDB's rows, both queries (1 = yes)"]["ok"]
    assert "analytics: same query, PostgreSQL" in figures
    assert "analytics: PostgreSQL / DuckDB (PostgreSQL within 10x of DuckDB)" in figures
