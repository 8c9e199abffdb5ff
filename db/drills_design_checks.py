"""What a drill design must satisfy before it is stored, as far as it takes the database: a
published plan version that a drill director of its unit may read, and people who have accounts
with the right system roles (drills.validate.fits_part). Whether the design fits that plan is
drills.validate's (require_design)."""

from __future__ import annotations

from dataclasses import replace

import duckdb

from access import policy
from access.policy import Actor
from db.connection import transaction
from db.drills_lookup import Person
from db.errors import InvalidTransitionError, NotFoundError, StoreError
from db.plans_lookup import VersionInfo, fetch_version, require_version, version_resource
from db.plans_store import load_version
from db.users_records import username_key
from drills.validate import fits_part
from i18n.glossary import DRILL_POSTS
from plans.model import Plan


def version_for_drill(
    conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int, *, published: bool = True
) -> tuple[Plan, VersionInfo, str]:
    """(plan content, version facts, the plan's unit) for a drill director of that unit.

    Raises: NotFoundError when the actor may not read the version (or its plan is deleted);
    NotAllowedError unless a drill director of the plan's unit; InvalidTransitionError when
    `published` and the version is not the published one.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.read", version_resource(info, extra), version_id)
    if extra["deleted"]:
        raise NotFoundError("db.version_not_found", version_id=version_id)
    unit = extra["unit"]
    policy.require(actor, "drill.create", {"unit": unit})
    if published and info.status != "published":
        raise InvalidTransitionError(
            "drills_store.version_not_published", version_id=version_id, status=info.status
        )
    return load_version(conn, actor, version_id), info, unit


def resolve_people(cur: duckdb.DuckDBPyConnection, people: list[Person], unit: str) -> list[Person]:
    """The people with their user names as their accounts spell them.

    Raises: StoreError drills_store.unknown_person (no enabled account),
    drills_store.person_lacks_role (a director must be a drill director of the plan's unit, an
    evaluator an evaluator or evaluation lead, an evaluation lead an evaluation lead).
    """
    if not people:
        return []
    keys = sorted({username_key(p.username) for p in people})
    accounts = {
        key: (name, frozenset(roles), user_unit)
        for key, name, roles, user_unit in cur.execute(
            "SELECT username_key, username, roles, unit FROM users"
            " WHERE username_key = ANY(?) AND NOT disabled",
            [keys],
        ).fetchall()
    }
    resolved = []
    for person in people:
        account = accounts.get(username_key(person.username))
        if account is None:
            raise StoreError("drills_store.unknown_person", username=person.username)
        name, roles, user_unit = account
        if not fits_part(person.role, roles, user_unit, unit):
            raise StoreError(
                "drills_store.person_lacks_role",
                username=name,
                role=DRILL_POSTS.term(person.role),
            )
        resolved.append(replace(person, username=name))
    return _once(resolved)


def _once(people: list[Person]) -> list[Person]:
    seen: dict[tuple[str, str], Person] = {}
    for person in people:
        seen.setdefault((person.role, person.username), person)
    return list(seen.values())


__all__ = ["resolve_people", "version_for_drill"]
