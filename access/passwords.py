"""Password hashing (argon2id, argon2-cffi defaults), password rules and one-time passwords."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from access.errors import PasswordRuleError

MIN_LENGTH = 10
MAX_LENGTH = 256  # argon2 takes any length; this keeps a pasted novel from costing much
# No 0/O, 1/l/I: a generated password is read off a screen or a log and typed in.
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# Tests may swap this for cheaper parameters; production keeps argon2-cffi's RFC 9106 defaults.
HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    """A salted argon2id hash in PHC string form."""
    return HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether `password` matches; False (never an exception) for a damaged hash."""
    try:
        return HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than today's (rehash at next sign-in)."""
    try:
        return HASHER.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def check_password_rules(password: str, username: str, *, old: str | None = None) -> None:
    """Refuse a password that is too short or long, equal to the user name, or unchanged.

    Raises: PasswordRuleError with key auth.password_too_short (param min),
    auth.password_too_long (max), auth.password_is_username or auth.password_unchanged.
    """
    if len(password) < MIN_LENGTH:
        raise PasswordRuleError("auth.password_too_short", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise PasswordRuleError("auth.password_too_long", max=MAX_LENGTH)
    if password.strip().casefold() == username.strip().casefold():
        raise PasswordRuleError("auth.password_is_username")
    if old is not None and password == old:
        raise PasswordRuleError("auth.password_unchanged")


def generate_password(length: int = 16) -> str:
    """A random one-time password that passes the rules (about 93 bits at 16 characters)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(max(length, MIN_LENGTH)))


__all__ = [
    "MAX_LENGTH",
    "MIN_LENGTH",
    "check_password_rules",
    "generate_password",
    "hash_password",
    "needs_rehash",
    "verify_password",
]
