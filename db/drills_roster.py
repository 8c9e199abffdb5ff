"""The roster of a drill's participants (who plays which plan role), read with its revision and
changed role by role under an optimistic check, so a second director's stale form never
replaces what the first one saved."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

import duckdb

from access.policy import Actor
from db.connection import transaction
from db.drills_design import insert_people
from db.drills_design_checks import resolve_people
from db.drills_lookup import Person, audit, known_facts, require_director, require_status
from db.errors import StoreError, VersionConflictError
from drills.roster import apply_roster_changes, players_by_role

EDITABLE = ("designing", "sealed", "running", "paused")


@dataclass(frozen=True)
class Roster:
    """Plan role -> the user names playing it, as stored at `revision` (saved by `updated_by`)."""

    players: dict[str, tuple[str, ...]]
    revision: int
    updated_by: str = ""


def read_roster(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> Roster:
    """The roster for the drill's directors. Raises: NotFoundError; NotAllowedError."""
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_director(actor, facts)
        revision, by = _revision(cur, drill_id)
        return Roster(players_by_role(facts.share("participant")), revision, by)


def update_roster(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    changes: Mapping[str, Iterable[str]],
    *,
    expected_revision: int,
    now: datetime,
) -> int:
    """Give each changed plan role (role -> its players now) to its players; every other role
    keeps its players. Returns the roster's new revision (the same when nothing changed).

    Raises: NotFoundError; NotAllowedError unless a director; InvalidTransitionError once ended;
    VersionConflictError (drills_store.roster_conflict, naming who saved) when the roster was
    saved since `expected_revision`: nothing is changed; StoreError drills_store.unknown_person,
    drills_store.design.unknown_role.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_director(actor, facts)
        require_status(facts, *EDITABLE)
        revision, by = _revision(cur, drill_id)
        if revision != expected_revision:
            raise VersionConflictError("drills_store.roster_conflict", updated_by=by or "?")
        if not changes:
            return revision
        plan_roles = {
            r[0]
            for r in cur.execute(
                "SELECT id FROM roles WHERE version_id = ?", [facts.version_id]
            ).fetchall()
        }
        for role in changes:
            if role not in plan_roles:
                raise StoreError("drills_store.design.unknown_role", ref=role)
        before = facts.share("participant")
        after = apply_roster_changes(before, changes)
        people = resolve_people(
            cur, [Person(user, "participant", roles) for user, roles in after.items()], facts.unit
        )
        cur.execute(
            "DELETE FROM drill_people WHERE drill_id = ? AND role = 'participant'", [drill_id]
        )
        insert_people(cur, drill_id, people)
        bump_roster(cur, actor, drill_id)
        if facts.status in ("running", "paused"):  # before the start: kept from the audit log
            audit(
                cur,
                actor,
                "drill.participants",
                "drill",
                drill_id,
                now=now,
                before={u: list(r) for u, r in before.items()},
                after={p.username: list(p.roles) for p in people},
            )
    return revision + 1


def bump_roster(cur: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> None:
    """One more roster revision, saved by `actor` (on the caller's transaction)."""
    cur.execute(
        "UPDATE drills SET roster_revision = coalesce(roster_revision, 1) + 1,"
        " roster_updated_by = ? WHERE id = ?",
        [actor.username, drill_id],
    )


def _revision(cur: duckdb.DuckDBPyConnection, drill_id: int) -> tuple[int, str]:
    revision, by = cur.execute(
        "SELECT coalesce(roster_revision, 1), coalesce(roster_updated_by, '') FROM drills"
        " WHERE id = ?",
        [drill_id],
    ).fetchone()
    return revision, by


__all__ = ["Roster", "bump_roster", "read_roster", "update_roster"]
