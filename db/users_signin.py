"""The rows behind signing in: an account's credentials, the actor of a session read afresh, and
a password hash brought up to date. The sign-in itself (lock-out, password check) is the use case
services/accounts.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import duckdb

from access.errors import AuthError
from access.policy import Actor
from db.connection import transaction
from db.errors import NotFoundError, VersionConflictError
from db.users_records import find_user_id, normalise_username


def credentials(cur, key: str) -> tuple[int, str, bool] | None:
    """The id, password hash and disabled flag of the account signing in as `key`; None when
    there is no such account."""
    return cur.execute(
        "SELECT id, password_hash, disabled FROM users WHERE username_key = ?", [key]
    ).fetchone()


def load_actor(
    conn: duckdb.DuckDBPyConnection, user_id: int, *, signed_in_at: datetime | None = None
) -> Actor:
    """The actor of a signed-in session, read afresh: call it on every page load.

    Raises: AuthError auth.session_ended when the account is gone or its password was changed
    or reset after `signed_in_at`; auth.disabled when the account was disabled.
    """
    with conn.cursor() as cur, transaction(cur):
        row = cur.execute(
            "SELECT username, display_name, roles, unit, disabled, must_change_password,"
            " password_changed_at FROM users WHERE id = ?",
            [user_id],
        ).fetchone()
    if row is None:
        raise AuthError("auth.session_ended")
    username, display_name, roles, unit, disabled, must_change, changed_at = row
    if disabled:
        raise AuthError("auth.disabled")
    if signed_in_at is not None and changed_at > signed_in_at:
        raise AuthError("auth.session_ended")
    return Actor(
        username=username,
        display_name=display_name,
        roles=frozenset(roles),
        unit=unit,
        user_id=user_id,
        must_change_password=must_change,
    )


def act_as(conn: duckdb.DuckDBPyConnection, username: str) -> Actor:
    """The actor of an account for a command-line tool run by the machine's operator (who holds
    the database file): no password, and no must-change gate.

    Raises: NotFoundError users.not_found; AuthError auth.disabled.
    """
    with conn.cursor() as cur, transaction(cur):
        user_id = find_user_id(cur, normalise_username(username))
    if user_id is None:
        raise NotFoundError("users.not_found", username=normalise_username(username))
    return replace(load_actor(conn, user_id), must_change_password=False)


def rehash(conn: duckdb.DuckDBPyConnection, user_id: int, old_hash: str, new_hash: str) -> None:
    """Store a hash with today's parameters; skipped if someone changed the row meanwhile
    (the sign-in succeeds either way, and the next one tries again)."""
    try:
        with conn.cursor() as cur, transaction(cur):
            cur.execute(
                "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?",
                [new_hash, user_id, old_hash],
            )
    except VersionConflictError:
        pass


__all__ = ["act_as", "credentials", "load_actor", "rehash"]
