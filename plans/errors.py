"""Errors raised by the plans package. Each carries a catalogue key and parameters, so the
caller shows it in the user's language with i18n.t(err.key, **err.params)."""

from __future__ import annotations

from i18n.errors import UserFacingError


class PlanError(UserFacingError):
    """Root of every error the plans package raises on purpose."""

    key = "errors.plan"


class PlanReadError(PlanError):
    """A document that cannot be read: wrong type, damaged, encrypted, too big, scanned."""

    key = "read.unreadable"


class PlanValidationError(PlanError):
    """An impossible plan or edit (unknown role, duplicate id, empty name)."""

    key = "plan.invalid"


class PlanCycleError(PlanError):
    """The ordering of steps has a cycle; `params['steps']` lists it."""

    key = "checks.cycle"
