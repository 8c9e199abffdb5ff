"""Session time-out: a session ends after a spell without any real action of its user (a page
load, a tap, a button; an automatic refresh is none)."""

from __future__ import annotations

from datetime import datetime, timedelta


def session_expired(
    last_seen: datetime | None, now: datetime, idle_minutes: float | None = None
) -> bool:
    """Whether a session whose user last acted at `last_seen` has been idle too long at `now`.

    `idle_minutes` defaults to PLANDRILL_SESSION_MINUTES (30; fractions allowed). A session
    never seen is expired.
    """
    if last_seen is None:
        return True
    if idle_minutes is None:
        from settings import load_settings

        idle_minutes = load_settings().session_minutes
    return now - last_seen >= timedelta(minutes=idle_minutes)


__all__ = ["session_expired"]
