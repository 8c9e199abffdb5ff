"""The sign-in lock-out rule, over counts and times (the stores count the attempts).

Failures are limited per account and source address, so a stranger guessing an account's
password from one address locks only themselves out, never its owner signing in elsewhere:

- a name and an address: 5 consecutive failed sign-ins lock that pair for 1 minute, doubling
  with each further failure up to 1 hour. A success from the same address, an admin's unlock or
  a password reset starts the count again; attempts while locked do not count.
- an address: 50 failures (any names) within an hour lock every sign-in from it for an hour
  after the last one. Sign-ins without a known address (from this machine, e.g. through a
  reverse proxy that passes no client address) have no address limit: they would all share it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from access.errors import AuthError

MAX_FAILURES = 5
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)
ADDRESS_MAX_FAILURES = 50
ADDRESS_WINDOW = timedelta(hours=1)
MAX_ADDRESS = 64  # an IPv6 address with a zone fits; anything longer is cut
MAX_NAME_KEY = 200  # a sign-in name is counted by its first 200 characters


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


def pair_remaining(failures: int, last: datetime | None, now: datetime) -> timedelta | None:
    """How long a name stays locked from one address at `now`, after `failures` consecutive
    failures from there, the last at `last`; None when it is not."""
    duration = lock_duration(failures)
    if duration is None or last is None or last + duration <= now:
        return None
    return last + duration - now


def address_remaining(
    address: str | None, failures: int, last: datetime | None, now: datetime
) -> timedelta | None:
    """How long every sign-in from `address` stays locked at `now`, after `failures` failures
    from it within the window before `now`, the last at `last`; None when it is not (and always
    for an unknown address)."""
    if address is None or failures < ADDRESS_MAX_FAILURES or last is None:
        return None
    if last + ADDRESS_WINDOW <= now:
        return None
    return last + ADDRESS_WINDOW - now


def address_window_start(now: datetime) -> datetime:
    """Failures after this moment count towards the address limit at `now`."""
    return now - ADDRESS_WINDOW


def starts_address_lock(failures: int) -> bool:
    """Whether the failure that brings the address to `failures` is the one that locks it (the
    audit log records that one, not each one after)."""
    return failures == ADDRESS_MAX_FAILURES


def refusal(pair: timedelta | None, address: timedelta | None) -> AuthError | None:
    """The error for an attempt while locked: the name from this address first, then the
    address; None when neither is locked."""
    if pair is not None:
        return locked_error("auth.locked", pair)
    if address is not None:
        return locked_error("auth.address_locked", address)
    return None


def refusal_after_failure(pair_failures: int, address: timedelta | None) -> AuthError | None:
    """The error for a failed attempt that leaves the name `pair_failures` consecutive failures
    from its address and the address locked for `address`: the longer lock-out in force, or
    None when there is none."""
    duration = lock_duration(pair_failures)
    errors = [locked_error("auth.locked", duration)] if duration is not None else []
    if address is not None:
        errors.append(locked_error("auth.address_locked", address))
    return max(errors, key=lambda e: e.params["seconds"], default=None)


def locked_error(key: str, remaining: timedelta) -> AuthError:
    """An AuthError `key` with how long it lasts (params minutes and seconds, rounded up)."""
    seconds = math.ceil(remaining.total_seconds())
    return AuthError(key, minutes=math.ceil(seconds / 60), seconds=seconds)


def minutes(duration: timedelta) -> int:
    """A lock-out's length in whole minutes, rounded up (as the audit log records it)."""
    return math.ceil(duration.total_seconds() / 60)


__all__ = [
    "ADDRESS_MAX_FAILURES",
    "ADDRESS_WINDOW",
    "FIRST_LOCK",
    "LONGEST_LOCK",
    "MAX_FAILURES",
    "MAX_NAME_KEY",
    "Lock",
    "address_remaining",
    "address_window_start",
    "clean_address",
    "lock_duration",
    "locked_error",
    "minutes",
    "pair_remaining",
    "refusal",
    "refusal_after_failure",
    "starts_address_lock",
]
