"""Rows of each account's own choices (the language of its screens): read and written by the
account alone, never shown to others."""

from __future__ import annotations

from datetime import datetime

from db.connection import transaction


def language(conn, user_id: int) -> str | None:
    """The language the account chose last; None when it never chose one."""
    with conn.cursor() as cur, transaction(cur):
        row = cur.execute(
            "SELECT language FROM user_preferences WHERE user_id = ?", [user_id]
        ).fetchone()
    return None if row is None else row[0]


def set_language(conn, user_id: int, language: str, *, now: datetime) -> None:
    """Keep `language` as the account's choice (replacing an earlier one)."""
    with conn.cursor() as cur, transaction(cur):
        cur.execute(
            "INSERT INTO user_preferences (user_id, language, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET language = excluded.language,"
            " updated_at = excluded.updated_at",
            [user_id, language, now],
        )


__all__ = ["language", "set_language"]
