"""Demo data for a first start: the project's own bilingual demo plans, imported for real by the
demo plan owner into the demo unit; the Chinese plan is also approved by the demo approver, so
that every demo account (participants read published plans only) sees a plan at once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from access.policy import Actor
from db import accounts_seed, plans_store, users_store
from db.dialect import POSTGRES, engine_of
from db.errors import StoreError


def seed_demo(conn, *, now: datetime, actor: Actor | None = None) -> list[int]:
    """Import each demo document not imported before (even if deleted since); return plan ids.

    Creates the demo accounts first when they are missing. `actor` (default: the demo plan
    owner) imports; a Chinese plan imported by the demo owner is submitted and approved.
    """
    from plans.demo import demo_documents
    from plans.extract import import_document

    accounts_seed.seed_demo_accounts(conn, now=now)
    owner = users_store.act_as(conn, accounts_seed.demo_account("plan_owner").username)
    actor = actor or owner
    created = []
    # English first, so that the Chinese plan is the newest and heads the lists
    for filename, data in reversed(demo_documents()):
        if plans_store.find_document(conn, actor, hashlib.sha256(data).hexdigest()):
            continue
        plan = import_document(data, filename)
        result = plans_store.import_plan(
            conn, actor, plan, document=data, filename=filename, now=now
        )
        if plan.language == "zh" and actor == owner:
            _publish(conn, owner, result.version_id, now)
        created.append(result.plan_id)
    return created


@contextmanager
def start_lock(conn) -> Iterator[None]:
    """Hold the database's start-up lock for the block. On PostgreSQL it is the session-level
    advisory lock migrations take: instances starting together on one database then create the
    accounts and import the demo plans one after the other, the later finding them made, instead
    of both creating them and one failing its start. On a DuckDB file, which one process holds,
    there is nothing to wait for."""
    if engine_of(conn) != POSTGRES:
        yield
        return
    from db.engine_postgres import MIGRATION_LOCK

    with conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_lock(?)", [MIGRATION_LOCK])
        try:
            yield
        finally:
            try:
                cur.execute("SELECT pg_advisory_unlock(?)", [MIGRATION_LOCK])
            except StoreError:
                pass  # a broken connection: its session, and with it the lock, is gone


# the approval gate asks a reason for each open error-level check; the demo says what it is
DEMO_WAIVER = (
    "演示数据，首次启动时由演示审批人豁免 / demo data, waived by the demo approver at first start"
)


def _publish(conn, owner: Actor, version_id: int, now: datetime) -> None:
    from plans.checks import check_plan, open_errors

    approver = users_store.act_as(conn, accounts_seed.demo_account("approver").username)
    plans_store.submit_for_review(conn, owner, version_id, now)
    plan = plans_store.load_version(conn, approver, version_id)
    waivers = {f.key: DEMO_WAIVER for f in open_errors(check_plan(plan))}
    plans_store.approve(conn, approver, version_id, now, waivers=waivers)


__all__ = ["seed_demo", "start_lock"]
