"""The sign-in lock-out rule over counts and times (access/lockout.py), without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from access import lockout

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("failures", "last_ago", "remaining"),
    [
        (4, timedelta(0), None),
        (5, timedelta(seconds=20), timedelta(seconds=40)),
        (5, timedelta(minutes=1), None),
        (6, timedelta(0), timedelta(minutes=2)),
        (40, timedelta(0), timedelta(hours=1)),
    ],
)
def test_a_name_is_locked_from_an_address_after_five_failures_doubling(
    failures, last_ago, remaining
):
    assert lockout.pair_remaining(failures, NOW - last_ago, NOW) == remaining


@pytest.mark.parametrize(
    ("address", "failures", "last_ago", "remaining"),
    [
        ("10.0.0.9", 49, timedelta(0), None),
        ("10.0.0.9", 50, timedelta(minutes=10), timedelta(minutes=50)),
        ("10.0.0.9", 50, timedelta(hours=1), None),
        (None, 500, timedelta(0), None),
    ],
)
def test_an_address_is_locked_after_fifty_failures_but_an_unknown_one_never(
    address, failures, last_ago, remaining
):
    assert lockout.address_remaining(address, failures, NOW - last_ago, NOW) == remaining


def test_a_refused_attempt_names_the_pair_lock_before_the_address_lock():
    error = lockout.refusal(timedelta(seconds=61), timedelta(minutes=30))
    assert (error.key, error.params) == ("auth.locked", {"minutes": 2, "seconds": 61})
    assert lockout.refusal(None, timedelta(minutes=30)).key == "auth.address_locked"
    assert lockout.refusal(None, None) is None


def test_a_failure_answers_with_the_longer_lock_in_force():
    assert lockout.refusal_after_failure(4, None) is None
    assert lockout.refusal_after_failure(5, None).key == "auth.locked"
    assert lockout.refusal_after_failure(5, timedelta(minutes=30)).key == "auth.address_locked"


def test_only_the_failure_that_reaches_the_limit_starts_an_address_lock():
    limit = lockout.ADDRESS_MAX_FAILURES
    assert [lockout.starts_address_lock(n) for n in (limit - 1, limit, limit + 1)] == [
        False,
        True,
        False,
    ]


@pytest.mark.parametrize(("ip", "stored"), [(None, None), ("  ", None), (" ::1 ", "::1")])
def test_an_address_is_stored_stripped_and_none_when_unknown(ip, stored):
    assert lockout.clean_address(ip) == stored
    assert len(lockout.clean_address("1" * 500)) == lockout.MAX_ADDRESS
