"""Sign-in lock-outs, counted from the append-only login_attempts rows.

Failures are limited per account and source address, so a stranger guessing an account's
password from one address locks only themselves out, never its owner signing in elsewhere:

- a name and an address: 5 consecutive failed sign-ins lock that pair for 1 minute, doubling
  with each further failure up to 1 hour. A success from the same address, an admin's unlock or
  a password reset starts the count again; attempts while locked do not count.
- an address: 50 failures (any names) within an hour lock every sign-in from it for an hour
  after the last one. Sign-ins without a known address (from this machine, e.g. through a
  reverse proxy that passes no client address) have no address limit: they would all share it.

Each lock-out that starts, and each unlock, is written to the audit log. An unlock and a password
reset both write a 'reset' row, which ends every lock of the name; the audit log tells them apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

from access import policy
from access.errors import AuthError
from access.policy import SYSTEM, Actor
from db import audit_store
from db.connection import transaction
from db.users_rows import fetch_user, record_attempt, username_key

MAX_FAILURES = 5
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)
ADDRESS_MAX_FAILURES = 50
ADDRESS_WINDOW = timedelta(hours=1)
MAX_ADDRESS = 64  # an IPv6 address with a zone fits; anything longer is cut


@dataclass(frozen=True)
class Lock:
    """A lock-out of one name from one address (None: no known address) until `until`."""

    address: str | None
    until: datetime


def lock_duration(failures: int) -> timedelta | None:
    """The lock-out after `failures` consecutive failures: none below 5, then 1 minute doubling
    up to 1 hour."""
    if failures < MAX_FAILURES:
        return None
    return min(FIRST_LOCK * 2 ** min(failures - MAX_FAILURES, 12), LONGEST_LOCK)


def clean_address(ip: str | None) -> str | None:
    """The address as stored: stripped and cut to a sane length; None when unknown."""
    ip = (ip or "").strip()[:MAX_ADDRESS]
    return ip or None


def refusal_if_locked(cur, key: str, address: str | None, now: datetime) -> AuthError | None:
    """The error to raise when the name is locked from this address, or the address itself is
    locked (auth.locked or auth.address_locked, params minutes and seconds); the refused
    attempt is then recorded, without counting as a failure. None when not locked.

    The caller raises the error after its transaction commits, so the record stays.
    """
    remaining = pair_remaining(cur, key, address, now)
    error = _locked("auth.locked", remaining) if remaining else None
    if error is None:
        remaining = address_remaining(cur, address, now)
        error = _locked("auth.address_locked", remaining) if remaining else None
    if error is not None:
        record_attempt(cur, key, now, "locked", address)
    return error


def record_failure(cur, key: str, address: str | None, now: datetime) -> AuthError | None:
    """Record a failed sign-in and audit any lock-out it starts; return the error of the lock
    now in force (None: none). The caller raises it after its transaction commits."""
    record_attempt(cur, key, now, "bad_credentials", address)
    failures, _ = _pair_failures(cur, key, address)
    duration = lock_duration(failures)
    if duration is not None:
        minutes = math.ceil(duration.total_seconds() / 60)
        detail = {"username": key, "address": address or "", "failures": failures}
        audit_store.record(
            cur, SYSTEM, "signin.locked", "signin", key, after={**detail, "minutes": minutes},
            now=now,
        )  # fmt: skip
    remaining = address_remaining(cur, address, now)
    if remaining is not None and _address_failures(cur, address, now)[0] == ADDRESS_MAX_FAILURES:
        detail = {"address": address, "failures": ADDRESS_MAX_FAILURES, "last_username": key}
        audit_store.record(
            cur, SYSTEM, "signin.address_locked", "signin", address, after=detail, now=now
        )  # the failure that started it, not each one after
    errors = [_locked("auth.locked", duration)] if duration is not None else []
    if remaining is not None:
        errors.append(_locked("auth.address_locked", remaining))
    return max(errors, key=lambda e: e.params["seconds"], default=None)


def pair_remaining(cur, key: str, address: str | None, now: datetime) -> timedelta | None:
    """How long the name stays locked from `address` at `now`; None when it is not."""
    failures, last = _pair_failures(cur, key, address)
    duration = lock_duration(failures)
    if duration is None or last + duration <= now:
        return None
    return last + duration - now


def address_remaining(cur, address: str | None, now: datetime) -> timedelta | None:
    """How long every sign-in from `address` stays locked at `now`; None when it is not (and
    always for an unknown address)."""
    if address is None:
        return None
    count, last = _address_failures(cur, address, now)
    if count < ADDRESS_MAX_FAILURES or last + ADDRESS_WINDOW <= now:
        return None
    return last + ADDRESS_WINDOW - now


def active_locks(conn: duckdb.DuckDBPyConnection, actor: Actor, user_id: int, *, now: datetime):
    """The account's lock-outs in force at `now`, one per address, soonest end first.

    Raises: NotAllowedError unless the actor may unlock accounts (admins); NotFoundError.
    """
    policy.require(actor, "user.unlock")
    with conn.cursor() as cur, transaction(cur):
        key = username_key(fetch_user(cur, user_id).username)
        return _active_locks(cur, key, now)


def unlock(
    conn: duckdb.DuckDBPyConnection, actor: Actor, user_id: int, *, now: datetime
) -> list[Lock]:
    """End every lock-out of the account, from every address, and audit it; return the locks
    that were in force (none: nothing is written).

    Raises: NotAllowedError unless the actor may unlock accounts (admins); NotFoundError.
    """
    policy.require(actor, "user.unlock")
    with conn.cursor() as cur, transaction(cur):
        user = fetch_user(cur, user_id)
        key = username_key(user.username)
        locks = _active_locks(cur, key, now)
        if locks:
            record_attempt(cur, key, now, "reset", None)
            before = {
                "username": user.username,
                "locked_from": [lock.address or "" for lock in locks],
            }
            audit_store.record(cur, actor, "user.unlock", "user", user_id, before=before, now=now)
    return locks


def _active_locks(cur, key: str, now: datetime) -> list[Lock]:
    addresses = cur.execute(
        "SELECT DISTINCT ip FROM login_attempts WHERE username_key = ?"
        " AND reason = 'bad_credentials' AND id > coalesce((SELECT max(id) FROM login_attempts"
        " WHERE username_key = ? AND reason = 'reset'), 0)",
        [key, key],
    ).fetchall()
    locks = []
    for (address,) in addresses:
        remaining = pair_remaining(cur, key, address, now)
        if remaining is not None:
            locks.append(Lock(address, now + remaining))
    return sorted(locks, key=lambda lock: (lock.until, lock.address or ""))


def _pair_failures(cur, key: str, address: str | None) -> tuple[int, datetime | None]:
    return cur.execute(
        "SELECT count(*), max(attempted_at) FROM login_attempts WHERE username_key = ?"
        " AND ip IS NOT DISTINCT FROM ? AND reason = 'bad_credentials'"
        " AND id > coalesce((SELECT max(id) FROM login_attempts WHERE username_key = ?"
        " AND (reason = 'reset' OR (reason = 'ok' AND ip IS NOT DISTINCT FROM ?))), 0)",
        [key, address, key, address],
    ).fetchone()


def _address_failures(cur, address: str, now: datetime) -> tuple[int, datetime | None]:
    return cur.execute(
        "SELECT count(*), max(attempted_at) FROM login_attempts WHERE ip = ?"
        " AND reason = 'bad_credentials' AND attempted_at > ?",
        [address, now - ADDRESS_WINDOW],
    ).fetchone()


def _locked(key: str, remaining: timedelta) -> AuthError:
    seconds = math.ceil(remaining.total_seconds())
    return AuthError(key, minutes=math.ceil(seconds / 60), seconds=seconds)


__all__ = [
    "ADDRESS_MAX_FAILURES",
    "ADDRESS_WINDOW",
    "MAX_FAILURES",
    "Lock",
    "active_locks",
    "address_remaining",
    "clean_address",
    "lock_duration",
    "pair_remaining",
    "record_failure",
    "refusal_if_locked",
    "unlock",
]
