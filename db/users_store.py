"""Accounts: admins create, list, disable and reset users and change their roles.

The session's actor read afresh lives in db/users_signin.py and is re-exported here; signing in,
one's own password change and the lock-outs are the use cases of services/accounts.py.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from access import passwords, policy
from access.policy import Actor
from db import audit_store
from db.connection import transaction
from db.errors import NotFoundError, StoreError, VersionConflictError
from db.users_records import (
    USER_COLUMNS,
    User,
    audit_change,
    audit_view,
    clean_name,
    fetch_user,
    find_user_id,
    normalise_username,
    set_password,
    user_from_row,
    username_key,
)
from db.users_signin import act_as, load_actor
from i18n.glossary import ACCOUNT_ROLES

MAX_NAME = 64
RESERVED_NAMES = frozenset({policy.SYSTEM.username})


def create_user(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    username: str,
    password: str,
    *,
    roles,
    unit: str = "",
    display_name: str = "",
    must_change: bool = True,
    demo: bool = False,
    now: datetime,
) -> int:
    """Create an account; return its id. Only a `demo` account (demo mode's seeding) skips the
    password rules other than length.

    Raises: NotAllowedError (admins only); StoreError users.bad_username, users.reserved_name,
    users.duplicate, users.unknown_role, users.no_roles; PasswordRuleError.
    """
    policy.require(actor, "user.manage")
    name = _valid_username(username)
    roles = _valid_roles(roles)
    if demo:  # a demo account's password is published in the README: only its length matters
        passwords.check_length(password)
    else:
        passwords.check_password_rules(password, name, names=[display_name or ""])
    password_hash = passwords.hash_password(password)
    with conn.cursor() as cur, transaction(cur):
        if find_user_id(cur, name) is not None:
            raise StoreError("users.duplicate", username=name)
        user_id = cur.execute(
            "INSERT INTO users (username, username_key, display_name, password_hash, roles, unit,"
            " must_change_password, demo, password_changed_at, created_at, created_by,"
            " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [
                name,
                username_key(name),
                clean_name(display_name),
                password_hash,
                sorted(roles),
                clean_name(unit),
                must_change,
                demo,
                now,
                now,
                actor.username,
                now,
                actor.username,
            ],
        ).fetchone()[0]
        user = fetch_user(cur, user_id)
        audit_store.record(
            cur, actor, "user.create", "user", user_id, after=audit_view(user), now=now
        )
    return user_id


def reset_password(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    user_id: int,
    new: str | None = None,
    *,
    now: datetime,
) -> str:
    """Give a user a new password that they must change at next sign-in; end any lock-out and
    every session of theirs. Without `new` a random one is made. Returns the password.

    Raises: NotAllowedError (admins only); NotFoundError; PasswordRuleError.
    """
    policy.require(actor, "user.manage")
    new = new if new is not None else passwords.generate_password()
    with conn.cursor() as cur, transaction(cur):
        user = fetch_user(cur, user_id)
    passwords.check_password_rules(new, user.username, names=[user.display_name])
    set_password(conn, actor, user, new, must_change=True, action="user.reset_password", now=now)
    return new


def set_disabled(
    conn: duckdb.DuckDBPyConnection, actor: Actor, user_id: int, disabled: bool, *, now: datetime
) -> None:
    """Disable an account (its sessions end at their next page load) or enable it again.

    Raises: NotAllowedError; NotFoundError; StoreError users.cannot_disable_self,
    users.last_admin.
    """
    policy.require(actor, "user.manage")
    with conn.cursor() as cur, transaction(cur):
        before = fetch_user(cur, user_id)
        if disabled and actor.user_id == user_id:
            raise StoreError("users.cannot_disable_self")
        if disabled and "admin" in before.roles:
            _keep_an_admin(cur, user_id)
        if before.disabled == disabled:
            return
        cur.execute(
            "UPDATE users SET disabled = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            [disabled, now, actor.username, user_id],
        )
        action = "user.disable" if disabled else "user.enable"
        audit_change(cur, actor, action, before, now)


def update_user(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    user_id: int,
    *,
    roles=None,
    unit: str | None = None,
    display_name: str | None = None,
    now: datetime,
    expected_updated_at: datetime | None = None,
) -> datetime:
    """Change an account's roles, unit or display name (whichever is given). Returns the
    account's new `updated_at`, the token a form opened on it passes as `expected_updated_at`.

    Raises: NotAllowedError; NotFoundError; VersionConflictError users.changed_meanwhile when
    the account was changed since `expected_updated_at` (nothing is changed); StoreError
    users.unknown_role, users.no_roles, users.last_admin.
    """
    policy.require(actor, "user.manage")
    with conn.cursor() as cur, transaction(cur):
        before = fetch_user(cur, user_id)
        if expected_updated_at is not None and before.updated_at != expected_updated_at:
            raise VersionConflictError(
                "users.changed_meanwhile", username=before.username, updated_by=before.updated_by
            )
        new_roles = before.roles if roles is None else _valid_roles(roles)
        if "admin" in before.roles and "admin" not in new_roles:
            _keep_an_admin(cur, user_id)
        cur.execute(
            "UPDATE users SET roles = ?, unit = ?, display_name = ?, updated_at = ?,"
            " updated_by = ? WHERE id = ?",
            [
                sorted(new_roles),
                before.unit if unit is None else clean_name(unit),
                before.display_name if display_name is None else clean_name(display_name),
                now,
                actor.username,
                user_id,
            ],
        )
        audit_change(cur, actor, "user.update", before, now)
        return cur.execute("SELECT updated_at FROM users WHERE id = ?", [user_id]).fetchone()[0]


def update_roles(
    conn: duckdb.DuckDBPyConnection, actor: Actor, user_id: int, roles, *, now: datetime
) -> None:
    """Replace an account's roles (see update_user)."""
    update_user(conn, actor, user_id, roles=roles, now=now)


def list_users(conn: duckdb.DuckDBPyConnection, actor: Actor) -> list[User]:
    """Every account, by user name. Raises: NotAllowedError (admins only)."""
    policy.require(actor, "user.manage")
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(f"SELECT {USER_COLUMNS} FROM users u ORDER BY u.username_key").fetchall()
    return [user_from_row(row) for row in rows]


def get_user(conn: duckdb.DuckDBPyConnection, actor: Actor, user_id: int) -> User:
    """One account: admins see any, a user their own.

    Raises: NotFoundError (also for an account the actor may not see).
    """
    own = actor is not None and actor.user_id == user_id and bool(actor.username)
    if not own and not policy.allowed(actor, "user.manage"):
        raise NotFoundError("users.not_found", username=str(user_id))
    with conn.cursor() as cur, transaction(cur):
        return fetch_user(cur, user_id)


def get_user_by_name(conn: duckdb.DuckDBPyConnection, actor: Actor, username: str) -> User:
    """One account by user name (case-insensitive). Raises: NotAllowedError; NotFoundError."""
    policy.require(actor, "user.manage")
    with conn.cursor() as cur, transaction(cur):
        user_id = find_user_id(cur, normalise_username(username))
        if user_id is None:
            raise NotFoundError("users.not_found", username=normalise_username(username))
        return fetch_user(cur, user_id)


def count_users(conn: duckdb.DuckDBPyConnection) -> int:
    """How many accounts exist (for the first start: none means create the admin)."""
    with conn.cursor() as cur:
        return cur.execute("SELECT count(*) FROM users").fetchone()[0]


def _keep_an_admin(cur, user_id: int) -> None:
    others = cur.execute(
        "SELECT count(*) FROM users WHERE id <> ? AND NOT disabled AND 'admin' = ANY(roles)",
        [user_id],
    ).fetchone()[0]
    if others == 0:
        raise StoreError("users.last_admin")


def _valid_username(username: str) -> str:
    name = normalise_username(username)
    if not name or len(name) > MAX_NAME or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise StoreError("users.bad_username", max=MAX_NAME)
    if username_key(name) in RESERVED_NAMES:
        raise StoreError("users.reserved_name", username=name)
    return name


def _valid_roles(roles) -> frozenset[str]:
    if isinstance(roles, str):
        roles = [r for r in roles.replace(" ", "").split(",") if r]
    found = frozenset(roles)
    unknown = sorted(found - set(ACCOUNT_ROLES))
    if unknown:
        raise StoreError(
            "users.unknown_role", roles=", ".join(unknown), known=", ".join(ACCOUNT_ROLES)
        )
    if not found:
        raise StoreError("users.no_roles")
    return found


__all__ = [
    "User",
    "act_as",
    "count_users",
    "create_user",
    "get_user",
    "get_user_by_name",
    "list_users",
    "load_actor",
    "reset_password",
    "set_disabled",
    "update_roles",
    "update_user",
    "username_key",
]
