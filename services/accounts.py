"""Use cases of one's account: signing in, the session's actor read afresh on every page load,
changing one's password (which ends one's other sessions, services/sessions.py), and the
lock-outs that guard both (an admin sees and ends them). The lock-out rule is access/lockout.py;
the stores count the attempts and write the audit log.

Unknown names are treated exactly like known ones, so neither the messages, the lock-out nor the
time taken tell whether an account exists. Each lock-out that starts, and each unlock, is written
to the audit log.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from access import lockout, passwords, policy
from access.errors import AuthError
from access.lockout import Lock
from access.policy import SYSTEM, Actor
from db import audit_store, sessions_store, users_lockout, users_preferences
from db.accounts_seed import LISTED_DEMO_ACCOUNTS, DemoAccount
from db.connection import transaction
from db.unit_of_work import unit_of_work
from db.users_records import (
    fetch_user,
    password_hash_of,
    record_attempt,
    set_password,
    username_key,
)
from db.users_signin import credentials, load_actor, rehash
from i18n import LANGUAGES

# Sign-ins of one name run one at a time (in this process, the only writer), so parallel
# guesses cannot all pass the lock-out check before any of them is counted.
_STRIPES = [threading.Lock() for _ in range(64)]
_DUMMY_HASH: list[str] = []


def sign_in(
    conn,
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
    key = username_key(username)[: lockout.MAX_NAME_KEY]
    address = lockout.clean_address(ip)
    with _STRIPES[hash(key) % len(_STRIPES)]:
        with conn.cursor() as cur, transaction(cur):
            locked = _refusal_if_locked(cur, key, address, now)
            row = credentials(cur, key)
        if locked is not None:
            raise locked  # after the commit, so the refused attempt stays recorded
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
            rehash(conn, user_id, password_hash, passwords.hash_password(password))
        return load_actor(conn, user_id)


def session_actor(conn, user_id: int, *, signed_in_at: datetime | None = None) -> Actor:
    """The actor of a signed-in session, read afresh (on every page load), so a disabled
    account or a password changed or reset since `signed_in_at` ends the session at once.

    Raises: AuthError auth.session_ended (account gone, password changed since), auth.disabled.
    """
    return load_actor(conn, user_id, signed_in_at=signed_in_at)


def preferred_language(conn, user_id: int) -> str | None:
    """The screen language the account chose last (on any device); None: the default."""
    chosen = users_preferences.language(conn, user_id)
    return chosen if chosen in LANGUAGES else None


def choose_language(conn, user_id: int, language: str, *, now: datetime) -> None:
    """Keep `language` as the account's screen language, for every device and every reload.

    Raises: ValueError for a language the screens do not speak.
    """
    if language not in LANGUAGES:
        raise ValueError(f"not a screen language: {language!r}")
    users_preferences.set_language(conn, user_id, language, now=now)


def listed_demo_accounts() -> tuple[DemoAccount, ...]:
    """The demo accounts the sign-in page lists in demo mode, with their published passwords
    (the administrator's is for the operator only, and not among them)."""
    return LISTED_DEMO_ACCOUNTS


def change_password(
    conn,
    actor: Actor,
    old: str,
    new: str,
    *,
    now: datetime,
    ip: str | None = None,
    session_id: int | None = None,
) -> Actor:
    """Change the actor's own password (which clears must-change); return the actor afresh.
    Every other session of the account ends; `session_id`, the one the change was made in,
    goes on.

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
    address = lockout.clean_address(ip)
    with _STRIPES[hash(key) % len(_STRIPES)]:
        with conn.cursor() as cur, transaction(cur):
            locked = _refusal_if_locked(cur, key, address, now)
            stored = password_hash_of(cur, user.id)
        if locked is not None:
            raise locked
        if not passwords.verify_password(stored, old):
            with conn.cursor() as cur, transaction(cur):
                _record_failure(cur, key, address, now)
            raise AuthError("auth.bad_old_password")
        passwords.check_password_rules(new, user.username, old=old, names=[user.display_name])
        with sessions_store.writing(), unit_of_work(conn) as uow:
            set_password(
                uow, actor, user, new, must_change=False, action="user.change_password", now=now
            )
            sessions_store.revoke_user_sessions(uow, user.id, "password", now, keep=session_id)
            if session_id is not None:
                sessions_store.verified(uow, session_id, user.id, now)
    return load_actor(conn, actor.user_id)


def lock_remaining(
    conn, username: str, *, now: datetime, ip: str | None = None
) -> timedelta | None:
    """How long the name stays locked from `ip` (None: no known address) at `now`; None when
    it is not locked."""
    key = username_key(username)[: lockout.MAX_NAME_KEY]
    with conn.cursor() as cur, transaction(cur):
        return _pair_remaining(cur, key, lockout.clean_address(ip), now)


def active_locks(conn, actor: Actor, user_id: int, *, now: datetime) -> list[Lock]:
    """The account's lock-outs in force at `now`, one per address, soonest end first.

    Raises: NotAllowedError unless the actor may unlock accounts (admins); NotFoundError.
    """
    policy.require(actor, "user.unlock")
    with conn.cursor() as cur, transaction(cur):
        key = username_key(fetch_user(cur, user_id).username)
        return _active_locks(cur, key, now)


def unlock(conn, actor: Actor, user_id: int, *, now: datetime) -> list[Lock]:
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
            record_attempt(cur, key, now, "reset", None)  # ends every lock of the name
            before = {
                "username": user.username,
                "locked_from": [lock.address or "" for lock in locks],
            }
            audit_store.record(cur, actor, "user.unlock", "user", user_id, before=before, now=now)
    return locks


def _refusal_if_locked(cur, key: str, address: str | None, now: datetime) -> AuthError | None:
    """The error to raise when the name is locked from this address, or the address itself is
    locked; the refused attempt is then recorded, without counting as a failure."""
    error = lockout.refusal(
        _pair_remaining(cur, key, address, now), _address_remaining(cur, address, now)
    )
    if error is not None:
        record_attempt(cur, key, now, "locked", address)
    return error


def _record_failure(cur, key: str, address: str | None, now: datetime) -> AuthError | None:
    """Record a failed sign-in and audit any lock-out it starts; return the error of the lock
    now in force (None: none)."""
    record_attempt(cur, key, now, "bad_credentials", address)
    failures, _ = users_lockout.pair_failures(cur, key, address)
    duration = lockout.lock_duration(failures)
    if duration is not None:
        detail = {"username": key, "address": address or "", "failures": failures}
        after = {**detail, "minutes": lockout.minutes(duration)}
        audit_store.record(cur, SYSTEM, "signin.locked", "signin", key, after=after, now=now)
    remaining = _address_remaining(cur, address, now)
    if remaining is not None:
        count, _ = users_lockout.address_failures(cur, address, lockout.address_window_start(now))
        if lockout.starts_address_lock(count):
            detail = {"address": address, "failures": count, "last_username": key}
            audit_store.record(
                cur, SYSTEM, "signin.address_locked", "signin", address, after=detail, now=now
            )
    return lockout.refusal_after_failure(failures, remaining)


def _pair_remaining(cur, key: str, address: str | None, now: datetime) -> timedelta | None:
    failures, last = users_lockout.pair_failures(cur, key, address)
    return lockout.pair_remaining(failures, last, now)


def _address_remaining(cur, address: str | None, now: datetime) -> timedelta | None:
    if address is None:
        return None
    failures, last = users_lockout.address_failures(cur, address, lockout.address_window_start(now))
    return lockout.address_remaining(address, failures, last, now)


def _active_locks(cur, key: str, now: datetime) -> list[Lock]:
    locks = []
    for address in users_lockout.failure_addresses(cur, key):
        remaining = _pair_remaining(cur, key, address, now)
        if remaining is not None:
            locks.append(Lock(address, now + remaining))
    return sorted(locks, key=lambda lock: (lock.until, lock.address or ""))


def _refuse(conn, key: str, address: str | None, now: datetime) -> Actor:
    with conn.cursor() as cur, transaction(cur):
        locked = _record_failure(cur, key, address, now)
    raise locked or AuthError("auth.bad_credentials")


def _dummy_hash() -> str:
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(passwords.hash_password(passwords.generate_password()))
    return _DUMMY_HASH[0]


__all__ = [
    "DemoAccount",
    "active_locks",
    "change_password",
    "choose_language",
    "listed_demo_accounts",
    "lock_remaining",
    "preferred_language",
    "session_actor",
    "sign_in",
    "unlock",
]
