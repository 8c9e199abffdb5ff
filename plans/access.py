"""Who acts, and what they may do: the one policy module every store call consults.

Until accounts exist (issue 3) the local user may do everything; store functions already take
the actor so that the policy can tighten without rewriting them.
"""

from __future__ import annotations

from dataclasses import dataclass

from plans.errors import PlanError


class NotAllowedError(PlanError):
    key = "access.denied"


@dataclass(frozen=True)
class Actor:
    username: str
    display_name: str = ""
    roles: tuple[str, ...] = ("admin",)
    unit: str = ""


LOCAL_ACTOR = Actor(username="local", display_name="本地用户 / local user")

ACTIONS = ("plan.read", "plan.create", "plan.edit", "plan.submit", "plan.approve", "plan.delete")


def allowed(actor: Actor, action: str, resource: dict | None = None) -> bool:
    """Whether `actor` may do `action` on `resource` (a dict describing the plan or version)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action}")
    return actor is not None


def require(actor: Actor, action: str, resource: dict | None = None) -> None:
    """Raises: NotAllowedError when the policy refuses."""
    if not allowed(actor, action, resource):
        raise NotAllowedError(action=action)
