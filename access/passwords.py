"""Password hashing (argon2id, argon2-cffi defaults), password rules and one-time passwords.

The rules apply wherever a password is set (own change, admin reset, account creation, the
first admin, the command line): length, not the user name or a variant of it (case, digits and
punctuation around it, look-alike digits, reversed, repeated), and not guessable by zxcvbn's
estimate (common passwords, dictionary words, keyboard patterns, dates, the user's own names).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn import zxcvbn

from access.errors import PasswordRuleError

MIN_LENGTH = 10
MAX_LENGTH = 256  # argon2 takes any length; this keeps a pasted novel from costing much
# No 0/O, 1/l/I: a generated password is read off a screen or a log and typed in.
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# zxcvbn's score 3 ("safely unguessable": about 10^8 to 10^10 guesses) or better is required.
MIN_STRENGTH = 3
_ZXCVBN_MAX = 72  # zxcvbn refuses longer input; longer passwords are judged by both ends
# Words anyone attacking this product tries first, besides the user's own names.
_PRODUCT_WORDS = ("plandrill", "admin", "administrator", "预案演练通", "应急预案", "yingji")
# Digits and signs people type for look-alike letters.
_LOOK_ALIKES = str.maketrans("013457@$!|", "oieastasil")
_SIGNS = frozenset("@$!|")
_NAME_MIN = 3  # shorter names ("li") are refused only as the whole password

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


def check_password_rules(
    password: str, username: str, *, old: str | None = None, names: Iterable[str] = ()
) -> None:
    """Refuse a password that is too short or long, the user name or a variant of it, easy to
    guess, or unchanged. `names` are more of the user's own words (display name, unit).

    Raises: PasswordRuleError with key auth.password_too_short (param min),
    auth.password_too_long (max), auth.password_is_username, auth.password_weak or
    auth.password_unchanged.
    """
    check_length(password)
    if any(resembles_name(password, name) for name in (username, *names)):
        raise PasswordRuleError("auth.password_is_username")
    if old is not None and password == old:
        raise PasswordRuleError("auth.password_unchanged")
    if strength(password, [username, *names]) < MIN_STRENGTH:
        raise PasswordRuleError("auth.password_weak")


def check_length(password: str) -> None:
    """The length rule alone (demo accounts, whose passwords are published, need no more).

    Raises: PasswordRuleError auth.password_too_short (param min) or auth.password_too_long.
    """
    if len(password) < MIN_LENGTH:
        raise PasswordRuleError("auth.password_too_short", min=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise PasswordRuleError("auth.password_too_long", max=MAX_LENGTH)


def resembles_name(password: str, name: str) -> bool:
    """Whether the password is a name dressed up: the name or its words (in any case, with
    look-alike digits or signs, reversed or repeated) plus digits, signs and at most three more
    letters."""
    whole = _letters_and_digits(name)
    if not whole:
        return False
    if _letters_and_digits(password) == whole:
        return True
    words = {whole, *(_letters_and_digits(w) for w in re.split(r"[\W_]+", name))}
    words = sorted((w for w in words if len(w) >= _NAME_MIN), key=len, reverse=True)
    typed = "".join(c for c in password.casefold() if c.isalnum() or c in _SIGNS)
    plain = typed.translate(_LOOK_ALIKES)
    rest = typed
    for word in words:
        for variant in {word.translate(_LOOK_ALIKES), word[::-1].translate(_LOOK_ALIKES)}:
            for start, end in [m.span() for m in re.finditer(re.escape(variant), plain)]:
                rest = rest[:start] + "\0" * (end - start) + rest[end:]
    if rest == typed:
        return False
    letters = [c for c in _letters_and_digits(rest) if not c.isdigit()]
    return len(letters) <= 3


def strength(password: str, user_words: Iterable[str] = ()) -> int:
    """zxcvbn's score, 0 (guessed at once) to 4, with the user's own words and the product's
    name counted as known words."""
    words = [w for word in user_words for w in re.split(r"[\s/·,，、()（）]+", word or "") if w]
    words += _PRODUCT_WORDS
    if len(password) <= _ZXCVBN_MAX:
        return zxcvbn(password, user_inputs=words)["score"]
    ends = (password[:_ZXCVBN_MAX], password[-_ZXCVBN_MAX:])
    return max(zxcvbn(end, user_inputs=words)["score"] for end in ends)


def _letters_and_digits(text: str) -> str:
    return "".join(c for c in (text or "").casefold() if c.isalnum())


def generate_password(length: int = 16) -> str:
    """A random one-time password that passes the rules (about 93 bits at 16 characters)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(max(length, MIN_LENGTH)))


__all__ = [
    "MAX_LENGTH",
    "MIN_LENGTH",
    "MIN_STRENGTH",
    "check_length",
    "check_password_rules",
    "generate_password",
    "hash_password",
    "needs_rehash",
    "resembles_name",
    "strength",
    "verify_password",
]
