"""Who may read the analytics: the access policy's analytics.read, asked with the unit."""

from __future__ import annotations

from access import policy
from access.policy import Actor


def require_overseer(actor: Actor, unit: str) -> None:
    """Raises: NotAllowedError unless admin, or manager / drill director / evaluation lead of
    `unit` (analytics.read)."""
    policy.require(actor, "analytics.read", {"unit": unit})


__all__ = ["require_overseer"]
