"""Errors of the access package, each with a catalogue key (table [access] of i18n/locales/)."""

from __future__ import annotations

from i18n.errors import UserFacingError


class AccessError(UserFacingError):
    """Root of every error the access package raises on purpose."""

    key = "access.denied"


class NotAllowedError(AccessError):
    """The policy refuses the action; the key says why (denied, own version, must change)."""

    key = "access.denied"


class AuthError(AccessError):
    """Sign-in refused or session ended: bad credentials, locked (params minutes, seconds),
    disabled, session ended."""

    key = "auth.bad_credentials"


class PasswordRuleError(AccessError):
    """A new password breaks a rule (too short, equal to the user name, unchanged)."""

    key = "auth.password_too_short"


__all__ = ["AccessError", "AuthError", "NotAllowedError", "PasswordRuleError"]
