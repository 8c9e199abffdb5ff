"""Accounts of a first start: the admin, and in demo mode one demo account per role.

Outside demo mode no password is known to anyone but the operator: the first admin's password
comes from PLANDRILL_ADMIN_PASSWORD or is generated and printed once in the server log, and
must be changed at first sign-in; demo accounts left from an earlier demo run are disabled.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

import duckdb

from access.policy import SYSTEM
from db import users_store
from db.connection import transaction

DEMO_UNIT = "滨江化工园区"
ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    display_name: str


def _demo(username: str, role: str, display_name: str) -> DemoAccount:
    return DemoAccount(username, f"{username}-demo-2026", role, display_name)


# Listed in the README; in demo mode the sign-in page lists them too, but for the administrator.
DEMO_ACCOUNTS = (
    _demo("owner", "plan_owner", "预案编制 王工 / plan owner"),
    _demo("approver", "approver", "审批人 李主任 / approver"),
    _demo("director", "drill_director", "演练总指挥 张队 / drill director"),
    _demo("evallead", "evaluation_lead", "评估组长 赵工 / evaluation lead"),
    _demo("evaluator", "evaluator", "评估员 陈工 / evaluator"),
    _demo("participant", "participant", "参演人员 刘班长 / participant"),
    _demo("manager", "manager", "园区管理 周处 / manager"),
    _demo("demoadmin", "admin", "系统管理员 / admin (demo)"),
)
# The administrator manages users and reads the audit log: its password is for the operator, who
# reads it in the README, not for whoever opens the sign-in page.
LISTED_DEMO_ACCOUNTS = tuple(a for a in DEMO_ACCOUNTS if a.role != "admin")


def ensure_admin(
    conn: duckdb.DuckDBPyConnection,
    *,
    now: datetime,
    password_from_env: str | None = None,
) -> str | None:
    """When no account can administer (none exists, or only demo ones), create "admin" (role
    admin, must change the password at first sign-in) and return its one-time password for
    the server log; else return None.

    The password is PLANDRILL_ADMIN_PASSWORD when set, else a random one.
    Raises: PasswordRuleError when the environment's password breaks the rules.
    """
    if password_from_env is None:
        password_from_env = os.environ.get("PLANDRILL_ADMIN_PASSWORD") or None
    with conn.cursor() as cur, transaction(cur):
        admins, admin_name_taken = cur.execute(
            "SELECT count(*) FILTER (WHERE NOT demo AND NOT disabled"
            " AND 'admin' = ANY(roles)), count(*) FILTER (WHERE username_key = ?)"
            " FROM users",
            [ADMIN_USERNAME],
        ).fetchone()
    if admins or admin_name_taken:
        return None
    password = password_from_env or _generated()
    users_store.create_user(
        conn,
        SYSTEM,
        ADMIN_USERNAME,
        password,
        roles={"admin"},
        display_name="系统管理员 / administrator",
        must_change=True,
        now=now,
    )
    return password


def prepare_accounts(conn: duckdb.DuckDBPyConnection, *, demo: bool, now: datetime) -> str | None:
    """What the app does at start: ensure_admin, then seed the demo accounts in demo mode or
    retire them outside it. Returns the admin's one-time password to print, if one was made."""
    password = ensure_admin(conn, now=now)
    if demo:
        seed_demo_accounts(conn, now=now)
    else:
        retire_demo_accounts(conn, now=now)
    return password


def seed_demo_accounts(conn: duckdb.DuckDBPyConnection, *, now: datetime) -> list[str]:
    """Create each demo account that does not exist yet (unit 滨江化工园区, no forced change) and
    enable those retired outside demo mode; return the names created. Demo mode only."""
    created = []
    existing = {u.username: u for u in users_store.list_users(conn, SYSTEM)}
    for account in DEMO_ACCOUNTS:
        user = existing.get(account.username)
        if user is not None:
            if user.demo and user.disabled:
                users_store.set_disabled(conn, SYSTEM, user.id, False, now=now)
            continue
        users_store.create_user(
            conn,
            SYSTEM,
            account.username,
            account.password,
            roles={account.role},
            unit=DEMO_UNIT,
            display_name=account.display_name,
            must_change=False,
            demo=True,
            now=now,
        )
        created.append(account.username)
    return created


def retire_demo_accounts(conn: duckdb.DuckDBPyConnection, *, now: datetime) -> list[str]:
    """Disable every enabled demo account (outside demo mode their passwords are public);
    return their names."""
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            "SELECT id, username FROM users WHERE demo AND NOT disabled ORDER BY id"
        ).fetchall()
    retired = []
    for user_id, username in rows:
        users_store.set_disabled(conn, SYSTEM, user_id, True, now=now)
        retired.append(username)
    return retired


def demo_account(role: str) -> DemoAccount:
    """The demo account of a system role."""
    return next(a for a in DEMO_ACCOUNTS if a.role == role)


def _generated() -> str:
    from access.passwords import generate_password

    return generate_password()


__all__ = [
    "ADMIN_USERNAME",
    "DEMO_ACCOUNTS",
    "DEMO_UNIT",
    "LISTED_DEMO_ACCOUNTS",
    "DemoAccount",
    "demo_account",
    "ensure_admin",
    "prepare_accounts",
    "retire_demo_accounts",
    "seed_demo_accounts",
]
