"""Account rows shared by the account stores: the User record, look-ups, password writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from access import passwords
from access.policy import Actor
from db import audit_store
from db.connection import transaction
from db.errors import NotFoundError
from plans.bidi import strip_bidi


@dataclass(frozen=True)
class User:
    """An account as admins see it; the password hash never leaves the store."""

    id: int
    username: str
    display_name: str
    roles: frozenset[str]
    unit: str
    disabled: bool
    must_change_password: bool
    demo: bool
    password_changed_at: datetime
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    last_login_at: datetime | None


USER_COLUMNS = (
    "u.id, u.username, u.display_name, u.roles, u.unit, u.disabled, u.must_change_password,"
    " u.demo, u.password_changed_at, u.created_at, u.created_by, u.updated_at, u.updated_by,"
    " (SELECT max(a.attempted_at) FROM login_attempts a WHERE a.username_key = u.username_key"
    "  AND a.success)"
)


def normalise_username(username: str) -> str:
    """The user name as stored: bidirectional controls and surrounding spaces removed."""
    return strip_bidi(username or "").strip()


def clean_name(text: str | None) -> str:
    """A display name or unit as stored: bidirectional controls and surrounding spaces removed."""
    return strip_bidi(text or "").strip()


def username_key(username: str) -> str:
    """The case-insensitive form that must be unique."""
    return normalise_username(username).casefold()


def find_user_id(cur, name: str) -> int | None:
    row = cur.execute(
        "SELECT id FROM users WHERE username_key = ?", [username_key(name)]
    ).fetchone()
    return None if row is None else row[0]


def password_hash_of(cur, user_id: int) -> str:
    return cur.execute("SELECT password_hash FROM users WHERE id = ?", [user_id]).fetchone()[0]


def fetch_user(cur, user_id: int | None) -> User:
    row = cur.execute(f"SELECT {USER_COLUMNS} FROM users u WHERE u.id = ?", [user_id]).fetchone()
    if row is None:
        raise NotFoundError("users.not_found", username=str(user_id))
    return user_from_row(row)


def user_from_row(row: tuple) -> User:
    values = list(row)
    values[3] = frozenset(values[3])
    return User(*values)


def record_attempt(cur, key: str, now: datetime, reason: str, ip: str | None) -> None:
    cur.execute(
        "INSERT INTO login_attempts (username_key, attempted_at, success, reason, ip)"
        " VALUES (?, ?, ?, ?, ?)",
        [key, now, reason == "ok", reason, ip],
    )


def set_password(
    conn, actor: Actor, user: User, new: str, *, must_change: bool, action: str, now: datetime
) -> None:
    password_hash = passwords.hash_password(new)
    with conn.cursor() as cur, transaction(cur):
        cur.execute(
            "UPDATE users SET password_hash = ?, must_change_password = ?,"
            " password_changed_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            [password_hash, must_change, now, now, actor.username, user.id],
        )
        if action == "user.reset_password":
            record_attempt(cur, username_key(user.username), now, "reset", None)
        audit_change(cur, actor, action, user, now)


def audit_change(cur, actor: Actor, action: str, before: User, now: datetime) -> None:
    after = fetch_user(cur, before.id)
    audit_store.record(
        cur,
        actor,
        action,
        "user",
        before.id,
        before=audit_view(before),
        after=audit_view(after),
        now=now,
    )


def audit_view(user: User) -> dict:
    """What the audit log keeps of an account: never the password or its hash."""
    return {
        "username": user.username,
        "display_name": user.display_name,
        "roles": sorted(user.roles),
        "unit": user.unit,
        "disabled": user.disabled,
        "must_change_password": user.must_change_password,
    }


def display_names(cur, usernames) -> dict[str, str]:
    """user name -> display name (the user name when none is set) of the accounts among
    `usernames`; names with no account are left out."""
    wanted = sorted({u for u in usernames if u})
    if not wanted:
        return {}
    rows = cur.execute(
        "SELECT username, display_name FROM users WHERE username = ANY(?)", [wanted]
    ).fetchall()
    return {user: name or user for user, name in rows}


__all__ = [
    "USER_COLUMNS",
    "User",
    "audit_change",
    "audit_view",
    "clean_name",
    "display_names",
    "fetch_user",
    "find_user_id",
    "normalise_username",
    "password_hash_of",
    "record_attempt",
    "set_password",
    "user_from_row",
    "username_key",
]
