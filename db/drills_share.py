"""The share of a drill an evaluator was given in its design: the plan roles they watch."""

from __future__ import annotations

import duckdb

from access.policy import Actor
from db.connection import transaction
from db.drills_lookup import known_facts


def assigned_roles(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> tuple[str, ...] | None:
    """The plan roles the design gives the actor to watch as an evaluator of the drill, whatever
    their account role (an evaluation lead's own share included); None when it gives them none
    (they watch everything they may see).

    Raises: NotFoundError (also for a drill the actor may not know of).
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
    roles = facts.share("evaluator").get(actor.username)
    return tuple(roles) if roles else None


__all__ = ["assigned_roles"]
