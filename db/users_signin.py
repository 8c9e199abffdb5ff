"""Signing in: password check with lock-out, session re-validation, own password change.

Lock-outs (per name and source address, and per address) live in db/users_lockout.py. Unknown
names are treated exactly like known ones, so neither the messages, the lock-out nor the time
taken tell whether an account exists.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime, timedelta

import duckdb

from access import passwords, policy
from access.errors import AuthError
from access.policy import Actor
from db.connection import transaction
from db.errors import NotFoundError, VersionConflictError
from db.users_lockout import (
    clean_address,
    lock_duration,
    pair_remaining,
    record_failure,
    refusal_if_locked,
)
from db.users_rows import (
    fetch_user,
    find_user_id,
    normalise_username,
    password_hash_of,
    record_attempt,
    set_password,
    username_key,
)

# Sign-ins of one name run one at a time (in this process, the only writer), so parallel
# guesses cannot all pass the lock-out check before any of them is counted.
_STRIPES = [threading.Lock() for _ in range(64)]
_DUMMY_HASH: list[str] = []


def authenticate(
    conn: duckdb.DuckDBPyConnection,
    username: str,
    password: str,
    *,
    now: datetime,
    ip: str | None = None,
) -> Actor:
    """Check a sign-in from the client address `ip` (None: unknown, e.g. this machine) and
    return the actor it opens a session for.

    The returned actor may have must_change_password set: it may then only change its password.
    Raises: AuthError auth.bad_credentials (unknown name or wrong password: one message),
    auth.locked or auth.address_locked (params minutes, seconds), auth.disabled (right
    password, disabled account).
    """
    key = username_key(username)[:200]
    address = clean_address(ip)
    with _STRIPES[hash(key) % len(_STRIPES)]:
        with conn.cursor() as cur, transaction(cur):
            locked = refusal_if_locked(cur, key, address, now)
            row = cur.execute(
                "SELECT id, password_hash, disabled FROM users WHERE username_key = ?", [key]
            ).fetchone()
        if locked is not None:
            raise locked
        if row is None:
            passwords.verify_password(_dummy_hash(), password)  # same time as a real check
            return _refuse(conn, key, address, now)
        user_id, password_hash, disabled = row
        if not passwords.verify_password(password_hash, password):
            return _refuse(conn, key, address, now)
        with conn.cursor() as cur, transaction(cur):
            record_attempt(cur, key, now, "disabled" if disabled else "ok", address)
        if disabled:
            raise AuthError("auth.disabled")
        if passwords.needs_rehash(password_hash):
            _rehash(conn, user_id, password_hash, password)
        return load_actor(conn, user_id)


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


def change_password(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    old: str,
    new: str,
    *,
    now: datetime,
    ip: str | None = None,
) -> Actor:
    """Change the actor's own password (which clears must-change); return the actor afresh.

    A wrong old password counts as a failed sign-in from `ip`.
    Raises: AuthError auth.bad_old_password, auth.locked, auth.address_locked or
    auth.disabled; PasswordRuleError; NotAllowedError.
    """
    policy.require(actor, "account.change_password", {"user_id": actor.user_id})
    with conn.cursor() as cur, transaction(cur):
        user = fetch_user(cur, actor.user_id)
    if user.disabled:
        raise AuthError("auth.disabled")
    key = username_key(user.username)
    address = clean_address(ip)
    with _STRIPES[hash(key) % len(_STRIPES)]:
        with conn.cursor() as cur, transaction(cur):
            locked = refusal_if_locked(cur, key, address, now)
            stored = password_hash_of(cur, user.id)
        if locked is not None:
            raise locked
        if not passwords.verify_password(stored, old):
            with conn.cursor() as cur, transaction(cur):
                record_failure(cur, key, address, now)
            raise AuthError("auth.bad_old_password")
        passwords.check_password_rules(new, user.username, old=old, names=[user.display_name])
        set_password(
            conn, actor, user, new, must_change=False, action="user.change_password", now=now
        )
    return load_actor(conn, actor.user_id)


def lock_remaining(
    conn: duckdb.DuckDBPyConnection, username: str, *, now: datetime, ip: str | None = None
) -> timedelta | None:
    """How long the name stays locked from `ip` (None: no known address) at `now`; None when
    it is not locked."""
    with conn.cursor() as cur, transaction(cur):
        return pair_remaining(cur, username_key(username)[:200], clean_address(ip), now)


def _refuse(conn, key: str, address: str | None, now: datetime) -> Actor:
    with conn.cursor() as cur, transaction(cur):
        locked = record_failure(cur, key, address, now)
    raise locked or AuthError("auth.bad_credentials")


def _dummy_hash() -> str:
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(passwords.hash_password(passwords.generate_password()))
    return _DUMMY_HASH[0]


def _rehash(conn, user_id: int, old_hash: str, password: str) -> None:
    """Store the hash with today's parameters; skipped if someone changed the row meanwhile
    (the sign-in succeeds either way, and the next one tries again)."""
    new_hash = passwords.hash_password(password)
    try:
        with conn.cursor() as cur, transaction(cur):
            cur.execute(
                "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?",
                [new_hash, user_id, old_hash],
            )
    except VersionConflictError:
        pass


__all__ = [
    "act_as",
    "authenticate",
    "change_password",
    "load_actor",
    "lock_duration",
    "lock_remaining",
]
