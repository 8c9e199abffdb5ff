"""The demo plans preloaded on first start (a newcomer sees something at once;
they belong to the demo unit, imported by the demo owner, the Chinese one published)."""

from __future__ import annotations

from datetime import UTC, datetime

from db import connection, plans_store
from db.accounts_seed import DEMO_ACCOUNTS, DEMO_UNIT
from db.seed import seed_demo
from services import accounts
from tests.actors import ADMIN, OTHER_OWNER, actor

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def test_a_fresh_database_gets_both_demo_plans_with_the_chinese_one_first(database):
    conn = connection.connect(database)
    assert len(seed_demo(conn, now=NOW)) == 2
    plans = plans_store.list_plans(conn, ADMIN)
    assert [p.language for p in plans] == ["zh", "en"]
    assert all(p.n_roles >= 5 and p.n_steps >= 10 for p in plans)
    assert [p.latest_status for p in plans] == ["published", "draft"]


def test_every_demo_account_sees_the_demo_plans_its_role_allows(database):
    conn = connection.connect(database)
    seed_demo(conn, now=NOW)
    seen = {}
    for account in DEMO_ACCOUNTS:
        signed_in = accounts.sign_in(conn, account.username, account.password, now=NOW)
        seen[account.role] = {p.language for p in plans_store.list_plans(conn, signed_in)}
    assert seen["plan_owner"] == seen["manager"] == seen["admin"] == {"zh", "en"}
    assert seen["participant"] == seen["drill_director"] == seen["evaluator"] == {"zh"}
    assert plans_store.list_plans(conn, OTHER_OWNER) == []
    assert plans_store.list_plans(conn, actor("x", "plan_owner", unit=DEMO_UNIT))


def test_seeding_again_or_after_a_deletion_adds_nothing(database):
    path = database
    conn = connection.connect(path)
    first = seed_demo(conn, now=NOW)
    plans_store.delete_plan(conn, ADMIN, first[0])
    conn.close()
    conn = connection.connect(path)
    assert seed_demo(conn, now=NOW) == []
    assert len(plans_store.list_plans(conn, ADMIN)) == 1
