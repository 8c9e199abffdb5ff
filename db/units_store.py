"""Organisation units: admins create them, put accounts in them and move plans between them.

Accounts, plans and drills name their unit (users.unit, plans.unit, drills.unit); a unit is
every name in the units table (created by an admin, perhaps still empty) and every name those
rows carry. Putting accounts in a unit and moving plans are audited like any change of users and
plans, in the transaction of the change. A plan's drills stay with the unit that ran them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

import duckdb

from access import policy
from access.policy import Actor
from db import audit_store
from db.connection import transaction
from db.errors import NotFoundError, StoreError
from db.plans_lookup import fetch_plan, plan_resource, require_plan
from db.users_records import audit_change, fetch_user

MAX_NAME = 64


@dataclass(frozen=True)
class Unit:
    name: str
    users: int  # enabled accounts in it
    plans: int  # plans in it, the bin excluded


@dataclass(frozen=True)
class PlanPlace:
    """A plan (not in the bin) and the unit it belongs to ("" for none)."""

    plan_id: int
    title: str
    unit: str


@dataclass(frozen=True)
class SetupStatus:
    """What a first administrator still has to set up (the home page's checklist)."""

    units: int
    plan_owners: int  # enabled accounts with the role and a unit (demo accounts not counted)
    approvers: int
    accounts_without_unit: tuple[str, ...]  # enabled accounts that reach nothing: no unit
    plans_without_unit: int

    @property
    def complete(self) -> bool:
        return (
            self.units > 0
            and self.plan_owners > 0
            and self.approvers > 0
            and not self.accounts_without_unit
            and not self.plans_without_unit
        )


_NAMES = """
SELECT name FROM units
UNION SELECT unit FROM users WHERE unit <> ''
UNION SELECT unit FROM plans WHERE unit <> ''
UNION SELECT unit FROM drills WHERE unit <> ''
"""


def list_units(conn: duckdb.DuckDBPyConnection, actor: Actor) -> list[Unit]:
    """Every unit with its enabled accounts and its plans, by name.

    Raises: NotAllowedError (admins only).
    """
    policy.require(actor, "user.manage")
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            f"SELECT n.name,"
            " (SELECT count(*) FROM users u WHERE u.unit = n.name AND NOT u.disabled),"
            " (SELECT count(*) FROM plans p WHERE p.unit = n.name AND NOT p.deleted)"
            f" FROM ({_NAMES}) n ORDER BY n.name"
        ).fetchall()
    return [Unit(*row) for row in rows]


def unit_names(conn: duckdb.DuckDBPyConnection, actor: Actor) -> list[str]:
    """The names of every unit. Raises: NotAllowedError (admins only)."""
    return [unit.name for unit in list_units(conn, actor)]


def create_unit(conn: duckdb.DuckDBPyConnection, actor: Actor, name: str, *, now: datetime) -> str:
    """Create an empty unit; return its name as stored.

    Raises: NotAllowedError (admins only); StoreError units.bad_name, units.duplicate.
    """
    policy.require(actor, "user.manage")
    name = _valid_name(name)
    with conn.cursor() as cur, transaction(cur):
        taken = {row[0].casefold() for row in cur.execute(_NAMES).fetchall()}
        if name.casefold() in taken:
            raise StoreError("units.duplicate", unit=name)
        cur.execute(
            "INSERT INTO units (name, created_at, created_by) VALUES (?, ?, ?)",
            [name, now, actor.username],
        )
        audit_store.record(cur, actor, "unit.create", "unit", name, after={"unit": name}, now=now)
    return name


def assign_users(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    unit: str,
    user_ids: list[int],
    *,
    now: datetime,
) -> int:
    """Put the accounts in `unit`, all or none; return how many changed unit.

    Raises: NotAllowedError (admins only); NotFoundError for an unknown unit or account.
    """
    policy.require(actor, "user.manage")
    changed = 0
    with conn.cursor() as cur, transaction(cur):
        unit = _existing(cur, unit)
        for user_id in user_ids:
            before = fetch_user(cur, user_id)
            if before.unit == unit:
                continue
            cur.execute(
                "UPDATE users SET unit = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                [unit, now, actor.username, user_id],
            )
            audit_change(cur, actor, "user.update", before, now)
            changed += 1
    return changed


def plan_places(conn: duckdb.DuckDBPyConnection, actor: Actor) -> list[PlanPlace]:
    """Every plan outside the bin with its unit, by unit and title (for moving plans).

    Raises: NotAllowedError unless the actor may move plans (admins).
    """
    policy.require(actor, "plan.set_unit")
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            "SELECT id, title, unit FROM plans WHERE NOT deleted ORDER BY unit, title, id"
        ).fetchall()
    return [PlanPlace(*row) for row in rows]


def move_plans(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    plan_ids: list[int],
    unit: str,
    *,
    now: datetime,
) -> int:
    """Move the plans (with every version) to `unit`, all or none; return how many moved.
    Their drills stay with the unit that ran them.

    Raises: NotFoundError for an unknown unit or plan; NotAllowedError (admins only).
    """
    policy.require(actor, "plan.set_unit")
    moved = 0
    with conn.cursor() as cur, transaction(cur):
        unit = _existing(cur, unit)
        for plan_id in plan_ids:
            plan_row = fetch_plan(cur, plan_id)
            require_plan(actor, "plan.set_unit", plan_resource(plan_id, plan_row))
            if plan_row[1] == unit:
                continue
            cur.execute("UPDATE plans SET unit = ? WHERE id = ?", [unit, plan_id])
            audit_store.record(
                cur,
                actor,
                "plan.set_unit",
                "plan",
                plan_id,
                before={"unit": plan_row[1]},
                after={"unit": unit},
                detail=plan_row[0],
                now=now,
            )
            moved += 1
    return moved


def setup_status(conn: duckdb.DuckDBPyConnection, actor: Actor) -> SetupStatus:
    """What is set up so far: units, who can write and approve plans, and what has no unit.

    Raises: NotAllowedError (admins only).
    """
    policy.require(actor, "user.manage")
    with conn.cursor() as cur, transaction(cur):
        units = cur.execute(f"SELECT count(*) FROM ({_NAMES}) n").fetchone()[0]
        owners, approvers = cur.execute(
            "SELECT count(*) FILTER (WHERE 'plan_owner' = ANY(roles)),"
            " count(*) FILTER (WHERE 'approver' = ANY(roles))"
            " FROM users WHERE NOT disabled AND NOT demo AND unit <> ''"
        ).fetchone()
        # an account that is only an admin reaches everything without a unit
        homeless = cur.execute(
            "SELECT username FROM users WHERE NOT disabled AND unit = ''"
            " AND cardinality(roles) > CASE WHEN 'admin' = ANY(roles) THEN 1 ELSE 0 END"
            " ORDER BY username_key"
        ).fetchall()
        plans = cur.execute(
            "SELECT count(*) FROM plans WHERE NOT deleted AND unit = ''"
        ).fetchone()[0]
    return SetupStatus(units, owners, approvers, tuple(r[0] for r in homeless), plans)


def _existing(cur, unit: str) -> str:
    name = (unit or "").strip()
    if (
        name
        and cur.execute(f"SELECT count(*) FROM ({_NAMES}) n WHERE name = ?", [name]).fetchone()[0]
    ):
        return name
    raise NotFoundError("units.not_found", unit=name)


def _valid_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_NAME or any(unicodedata.category(c)[0] == "C" for c in name):
        raise StoreError("units.bad_name", max=MAX_NAME)
    return name


__all__ = [
    "PlanPlace",
    "SetupStatus",
    "Unit",
    "assign_users",
    "create_unit",
    "list_units",
    "move_plans",
    "plan_places",
    "setup_status",
    "unit_names",
]
