"""The demo plans preloaded on first start (issue 2: a newcomer sees something at once)."""

from __future__ import annotations

from datetime import UTC, datetime

from db import connection, plans_store
from db.seed import seed_demo
from plans.access import LOCAL_ACTOR

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def test_a_fresh_database_gets_both_demo_plans_with_the_chinese_one_first(tmp_path):
    conn = connection.connect(tmp_path / "demo.duckdb")
    assert len(seed_demo(conn, now=NOW)) == 2
    plans = plans_store.list_plans(conn, LOCAL_ACTOR)
    assert [p.language for p in plans] == ["zh", "en"]
    assert all(p.n_roles >= 5 and p.n_steps >= 10 for p in plans)


def test_seeding_again_or_after_a_deletion_adds_nothing(tmp_path):
    path = tmp_path / "demo.duckdb"
    conn = connection.connect(path)
    first = seed_demo(conn, now=NOW)
    plans_store.delete_plan(conn, LOCAL_ACTOR, first[0])
    conn.close()
    conn = connection.connect(path)
    assert seed_demo(conn, now=NOW) == []
    assert len(plans_store.list_plans(conn, LOCAL_ACTOR)) == 1
