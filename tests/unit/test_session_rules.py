"""When a signed-in session ends, how often its activity is written, and its secrets
(access/sessions.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from access.sessions import (
    MAX_AGE,
    REASON_MESSAGES,
    StoredSession,
    end_reason,
    expires_at,
    new_secret,
    secret_hash,
    touch_due,
)
from i18n import has

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
SIGNED_IN = NOW - timedelta(hours=2)
LIVE = StoredSession(
    id=1,
    user_id=7,
    created_at=SIGNED_IN,
    verified_at=SIGNED_IN,
    last_seen=NOW - timedelta(minutes=5),
    revoked_at=None,
    revoke_reason=None,
    user_disabled=False,
    password_changed_at=SIGNED_IN - timedelta(days=30),
)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({}, None),
        ({"last_seen": NOW - timedelta(minutes=29, seconds=59)}, None),
        ({"last_seen": NOW - timedelta(minutes=30)}, "idle"),
        ({"created_at": NOW - MAX_AGE + timedelta(seconds=1)}, None),
        ({"created_at": NOW - MAX_AGE}, "lifetime"),
        ({"user_disabled": True}, "disabled"),
        ({"password_changed_at": SIGNED_IN + timedelta(minutes=1)}, "password"),
        ({"password_changed_at": SIGNED_IN}, None),
        (
            {
                "password_changed_at": SIGNED_IN + timedelta(minutes=1),
                "verified_at": SIGNED_IN + timedelta(minutes=1),
            },
            None,
        ),
        ({"revoked_at": NOW - timedelta(hours=1), "revoke_reason": "signed_out"}, "signed_out"),
        ({"revoked_at": NOW - timedelta(hours=1), "revoke_reason": "idle"}, "idle"),
    ],
)
def test_a_session_ends_for_the_first_reason_that_holds(change, reason):
    assert end_reason(replace(LIVE, **change), NOW, idle_minutes=30) == reason


def test_a_revoked_session_stays_ended_whatever_changed_since():
    revoked = replace(
        LIVE,
        revoked_at=NOW - timedelta(minutes=1),
        revoke_reason="password",
        verified_at=NOW,
        last_seen=NOW,
    )
    assert end_reason(revoked, NOW, idle_minutes=30) == "password"


def test_a_disabled_account_ends_the_session_before_any_time_out():
    both = replace(LIVE, user_disabled=True, last_seen=NOW - timedelta(hours=5))
    assert end_reason(both, NOW, idle_minutes=30) == "disabled"


def test_every_end_reason_has_a_message_in_the_catalogue():
    assert all(has(key) for key in REASON_MESSAGES.values())


@pytest.mark.parametrize(
    ("since", "idle_minutes", "due"),
    [
        (timedelta(seconds=59), 30, False),
        (timedelta(minutes=1), 30, True),
        (timedelta(seconds=0.5), 0.25, False),  # a 15 s time-out (tests): every 0.75 s
        (timedelta(seconds=1), 0.25, True),
    ],
)
def test_activity_is_written_at_most_once_a_minute_or_a_twentieth_of_the_time_out(
    since, idle_minutes, due
):
    assert touch_due(NOW - since, NOW, idle_minutes) is due


def test_the_cookie_lives_as_long_as_the_session_may():
    assert expires_at(SIGNED_IN) == SIGNED_IN + MAX_AGE


def test_secrets_are_random_and_stored_only_as_a_hash():
    first, second = new_secret(), new_secret()
    assert first != second and len(first) >= 43
    assert secret_hash(first) == secret_hash(first) != secret_hash(second)
    assert first not in secret_hash(first) and len(secret_hash(first)) == 64
