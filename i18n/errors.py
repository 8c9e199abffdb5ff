"""The common base of the errors the product explains to its users: a catalogue key and its
parameters, shown in the reader's language with i18n.t(err.key, **err.params).

Each layer raises errors under a root of its own (plans.errors.PlanError, drills.errors.DrillError,
access.errors.AccessError, db.errors.StoreError), and a caller catches the root, or the one error,
it means. UserFacingError is caught only where any of them may come and each is shown as it is
(a screen around a use case, a command line's last resort, a server route that answers 503).
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error with a message for the user: `key` (a subclass sets its default) and `params`."""

    key: str

    def __init__(self, key: str | None = None, **params):
        self.key = key or type(self).key
        self.params = params
        super().__init__(f"{self.key} {params}" if params else self.key)


__all__ = ["UserFacingError"]
