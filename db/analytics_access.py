"""Who may read the analytics (issue 5): the overseers of a unit, who see an ended drill's whole
record: admins everywhere; managers, drill directors and evaluation leads of their own unit."""

from __future__ import annotations

from access.errors import NotAllowedError
from access.policy import Actor
from access.secrecy import OVERSEERS


def require_overseer(actor: Actor, unit: str) -> None:
    """Raises: NotAllowedError unless admin, or manager / drill director / evaluation lead of
    `unit`."""
    if "admin" in actor.roles:
        return
    if not unit or actor.unit != unit or not (actor.roles & OVERSEERS):
        raise NotAllowedError("analytics.not_allowed", action="analytics.read")


__all__ = ["require_overseer"]
