"""One shared connection, many threads, each store call on its own cursor: nothing is lost."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from db import connection, plans_store
from db.errors import VersionConflictError
from plans.model import Plan, Role, Step
from tests.actors import OWNER, actor

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
THREADS = 20


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    yield conn
    conn.close()


def numbered_plan(n: int, edit: int = 0) -> Plan:
    roles = tuple(Role(f"r{i}", f"角色{n}-{i}") for i in range(5))
    steps = tuple(
        Step(
            f"s{i}",
            f"步骤{n}-{i}-{edit}",
            f"原文{i}",
            roles=(f"r{i % 5}",),
            after=(f"s{i - 1}",) if i else (),
        )
        for i in range(10)
    )
    return Plan(title=f"预案{n} 第{edit}稿", roles=roles, steps=steps)


def test_twenty_threads_importing_editing_and_reading_lose_nothing(db):
    start = threading.Barrier(THREADS)

    def work(n: int) -> tuple[int, int]:
        user = actor(f"user{n}", "plan_owner")
        start.wait()
        result = plans_store.import_plan(
            db, user, numbered_plan(n), document=f"doc{n}".encode(), filename=f"{n}.docx", now=NOW
        )
        revision = 1
        for edit in (1, 2):
            revision = plans_store.save_version(
                db,
                user,
                result.version_id,
                numbered_plan(n, edit),
                expected_revision=revision,
                now=NOW,
            )
            plans_store.list_plans(db, user, search="预案")
        assert plans_store.load_version(db, user, result.version_id) == numbered_plan(n, 2)
        return result.version_id, revision

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))

    assert all(revision == 3 for _, revision in results)
    assert len({version_id for version_id, _ in results}) == THREADS
    summaries = plans_store.list_plans(db, OWNER)
    assert sorted(s.title for s in summaries) == sorted(f"预案{n} 第2稿" for n in range(THREADS))
    assert all((s.n_roles, s.n_steps) == (5, 10) for s in summaries)
    for table, expected in (
        ("plans", 1),
        ("documents", 1),
        ("versions", 1),
        ("roles", 5),
        ("steps", 10),
        ("step_owners", 10),
        ("step_order", 9),
    ):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == expected * THREADS


def test_of_many_simultaneous_saves_of_one_draft_exactly_one_wins(db):
    draft = plans_store.import_plan(
        db, OWNER, numbered_plan(0), document=b"d", filename="d.docx", now=NOW
    )
    start = threading.Barrier(THREADS)

    def save(n: int) -> str:
        start.wait()
        try:
            plans_store.save_version(
                db,
                actor(f"user{n}", "plan_owner"),
                draft.version_id,
                numbered_plan(n, 1),
                expected_revision=1,
                now=NOW,
            )
        except VersionConflictError:
            return "refused"
        return f"saved {n}"

    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = list(pool.map(save, range(THREADS)))

    winners = [o for o in outcomes if o != "refused"]
    assert len(winners) == 1
    winner = int(winners[0].split()[1])
    assert plans_store.load_version(db, OWNER, draft.version_id) == numbered_plan(winner, 1)
    assert plans_store.version_info(db, OWNER, draft.version_id).revision == 2
    assert db.execute("SELECT count(*) FROM steps").fetchone()[0] == 10
