"""Actors for tests: one per system role in the demo unit, plus others elsewhere."""

from __future__ import annotations

from access.policy import Actor

UNIT = "滨江化工园区"
OTHER_UNIT = "临港物流园区"


def actor(username: str, *roles: str, unit: str = UNIT, user_id: int | None = None) -> Actor:
    return Actor(username, username, roles=frozenset(roles), unit=unit, user_id=user_id)


ADMIN = actor("root", "admin", unit="")
OWNER = actor("owner", "plan_owner")
OWNER2 = actor("owner2", "plan_owner")
APPROVER = actor("approver", "approver")
APPROVER2 = actor("approver2", "approver")
MANAGER = actor("manager", "manager")
DIRECTOR = actor("director", "drill_director")
EVAL_LEAD = actor("evallead", "evaluation_lead")
EVALUATOR = actor("evaluator", "evaluator")
PARTICIPANT = actor("participant", "participant")
OTHER_OWNER = actor("elsewhere", "plan_owner", unit=OTHER_UNIT)
OTHER_APPROVER = actor("elsewhere_approver", "approver", unit=OTHER_UNIT)
OTHER_MANAGER = actor("elsewhere_manager", "manager", unit=OTHER_UNIT)
NO_UNIT_OWNER = actor("nounit", "plan_owner", unit="")
