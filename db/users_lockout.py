"""The counts behind sign-in lock-outs, from the append-only login_attempts rows (the rule
itself is access/lockout.py; the attempts are written by db.users_records.record_attempt).

A 'reset' row (an admin's unlock or a password reset) ends every lock of the name; a success
('ok') ends the count from its own address.
"""

from __future__ import annotations

from datetime import datetime


def pair_failures(cur, key: str, address: str | None) -> tuple[int, datetime | None]:
    """The failed sign-ins of the name from `address` (None: unknown) since its last success
    from there or reset, and when the last of them was."""
    return cur.execute(
        "SELECT count(*), max(attempted_at) FROM login_attempts WHERE username_key = ?"
        " AND ip IS NOT DISTINCT FROM ? AND reason = 'bad_credentials'"
        " AND id > coalesce((SELECT max(id) FROM login_attempts WHERE username_key = ?"
        " AND (reason = 'reset' OR (reason = 'ok' AND ip IS NOT DISTINCT FROM ?))), 0)",
        [key, address, key, address],
    ).fetchone()


def address_failures(cur, address: str, since: datetime) -> tuple[int, datetime | None]:
    """The failed sign-ins (any name) from `address` after `since`, and when the last was."""
    return cur.execute(
        "SELECT count(*), max(attempted_at) FROM login_attempts WHERE ip = ?"
        " AND reason = 'bad_credentials' AND attempted_at > ?",
        [address, since],
    ).fetchone()


def failure_addresses(cur, key: str) -> list[str | None]:
    """The addresses the name failed to sign in from since its last reset."""
    rows = cur.execute(
        "SELECT DISTINCT ip FROM login_attempts WHERE username_key = ?"
        " AND reason = 'bad_credentials' AND id > coalesce((SELECT max(id) FROM login_attempts"
        " WHERE username_key = ? AND reason = 'reset'), 0)",
        [key, key],
    ).fetchall()
    return [address for (address,) in rows]


__all__ = ["address_failures", "failure_addresses", "pair_failures"]
