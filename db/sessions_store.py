"""The rows of signed-in sessions: created at sign-in, found by id or by the cookie's token
hash, touched, and revoked one at a time or per user. Only hashes of the secrets are stored;
when a session ends is the rule of access/sessions.py."""

from __future__ import annotations

import threading
from datetime import datetime

from access.sessions import StoredSession
from db.connection import transaction

# Session rows change one transaction at a time in this process, so that two tabs touching one
# session, or a sign-out beside a touch, never meet in a DuckDB write conflict. Reentrant: a use
# case that revokes sessions inside its own unit of work holds it around the unit (writing()).
_WRITES = threading.RLock()


def writing() -> threading.RLock:
    """The lock to hold around a unit of work that writes session rows."""
    return _WRITES


_COLUMNS = (
    "s.id, s.user_id, s.created_at, s.verified_at, s.last_seen, s.revoked_at, s.revoke_reason,"
    " u.disabled, u.password_changed_at"
)


def create_session(
    conn,
    user_id: int,
    *,
    code_hash: str,
    code_expires_at: datetime,
    now: datetime,
    user_agent: str = "",
    ip: str | None = None,
) -> int:
    """A new session of `user_id` whose browser has yet to swap the login code; its id."""
    with _WRITES, conn.cursor() as cur, transaction(cur):
        return cur.execute(
            "INSERT INTO sessions (user_id, code_hash, code_expires_at, created_at, verified_at,"
            " last_seen, user_agent, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [user_id, code_hash, code_expires_at, now, now, now, user_agent[:300], ip],
        ).fetchone()[0]


def redeem_code(conn, code_hash: str, token_hash: str, *, now: datetime) -> int | None:
    """Swap a live session's unexpired login code for the token the browser will hold; the code
    is spent. Returns the session's id, None when no live session has that code."""
    with _WRITES, conn.cursor() as cur, transaction(cur):
        row = cur.execute(
            "UPDATE sessions SET code_hash = NULL, code_expires_at = NULL, token_hash = ?"
            " WHERE code_hash = ? AND code_expires_at > ? AND revoked_at IS NULL RETURNING id",
            [token_hash, code_hash, now],
        ).fetchone()
    return None if row is None else row[0]


def find_session(conn, session_id: int) -> StoredSession | None:
    """The session with its account's state; None when there is no such session."""
    return _one(conn, "s.id = ?", session_id)


def find_by_token(conn, token_hash: str) -> StoredSession | None:
    """The session whose browser holds the token with this hash; None when there is none."""
    return _one(conn, "s.token_hash = ?", token_hash)


def touch(conn, session_id: int, now: datetime) -> None:
    """Write down the user's action at `now` (never moving last_seen back)."""
    with _WRITES, conn.cursor() as cur, transaction(cur):
        cur.execute(
            "UPDATE sessions SET last_seen = ? WHERE id = ? AND last_seen < ?",
            [now, session_id, now],
        )


def verified(conn, session_id: int, user_id: int, now: datetime) -> None:
    """The user proved the password in this live session of theirs at `now` (a password
    change)."""
    with _WRITES, conn.cursor() as cur, transaction(cur):
        cur.execute(
            "UPDATE sessions SET verified_at = ?, last_seen = ?"
            " WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
            [now, now, session_id, user_id],
        )


def revoke(conn, session_id: int, reason: str, now: datetime) -> bool:
    """End one session; False when it had ended already (its first reason stays)."""
    with _WRITES, conn.cursor() as cur, transaction(cur):
        row = cur.execute(
            "UPDATE sessions SET revoked_at = ?, revoke_reason = ?, code_hash = NULL"
            " WHERE id = ? AND revoked_at IS NULL RETURNING id",
            [now, reason, session_id],
        ).fetchone()
    return row is not None


def revoke_user_sessions(
    conn, user_id: int, reason: str, now: datetime, *, keep: int | None = None
) -> int:
    """End every live session of the user but `keep` (None: all); how many were ended."""
    with _WRITES, conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            "UPDATE sessions SET revoked_at = ?, revoke_reason = ?, code_hash = NULL"
            " WHERE user_id = ? AND revoked_at IS NULL AND id <> ? RETURNING id",
            [now, reason, user_id, -1 if keep is None else keep],
        ).fetchall()
    return len(rows)


def delete_ended(conn, *, ended_before: datetime, created_before: datetime) -> int:
    """Delete the sessions revoked before `ended_before` or created before `created_before`;
    how many."""
    with _WRITES, conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            "DELETE FROM sessions WHERE revoked_at < ? OR created_at < ? RETURNING id",
            [ended_before, created_before],
        ).fetchall()
    return len(rows)


def live_sessions(conn, user_id: int) -> list[StoredSession]:
    """The user's sessions not revoked (some may have idled out unnoticed), newest first."""
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            f"SELECT {_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id"
            " WHERE s.user_id = ? AND s.revoked_at IS NULL ORDER BY s.id DESC",
            [user_id],
        ).fetchall()
    return [StoredSession(*row) for row in rows]


def _one(conn, condition: str, value) -> StoredSession | None:
    with conn.cursor() as cur, transaction(cur):
        row = cur.execute(
            f"SELECT {_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE {condition}",
            [value],
        ).fetchone()
    return None if row is None else StoredSession(*row)


__all__ = [
    "create_session",
    "delete_ended",
    "find_by_token",
    "find_session",
    "live_sessions",
    "redeem_code",
    "revoke",
    "revoke_user_sessions",
    "touch",
    "verified",
    "writing",
]
