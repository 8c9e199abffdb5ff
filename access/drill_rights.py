"""The rules for drills, their findings, reviews and weights, the analytics, and the screens each
kind of user is shown; access/policy.py names them in its one table of actions.

A drill resource (`drill_resource`) carries the drill's secrecy record (access/secrecy.py), its
unit, status, `leads` (the user names of its directors and evaluation leads: the corrective
action rules read the same key) and `participants`. Some actions add one key: `author` (the
evaluator an observation or photo is by, the participant a review is by), `inject` with
`plan_roles`, or `item_roles` with `evaluator_share`.

| action                 | who (admins pass only where said)                                   |
|------------------------|---------------------------------------------------------------------|
| drill.know             | the secrecy rules: who may learn that the drill exists              |
| drill.create           | drill directors of the plan's unit (resource: {"unit": ...})        |
| drill.direct           | the drill's directors: design, seal, clock, injects, players        |
| drill.observe          | its evaluators and evaluation leads, recording as themselves        |
| drill.amend            | an evaluator, for their own entry; an evaluation lead, for any      |
| drill.read_observations| its evaluators (their own entries) and who reads the record         |
| drill.read_record      | its directors and evaluation leads; once ended, its overseers       |
| drill.read_photo       | who took it, and who reads the record                               |
| drill.see_inject       | the secrecy rules for one inject                                    |
| drill.see_item         | the secrecy rules for one checklist item                            |
| findings.read          | as drill.read_record (the store asks it after the end)              |
| findings.edit          | the drill's directors and evaluation leads: findings, overrides,    |
|                        | scores                                                              |
| review.submit          | the drill's participants, each for themselves                       |
| weights.set            | evaluation leads of the unit, admins                                |
| weights.read           | anyone of the unit, admins                                          |
| analytics.read         | overseers of the unit (managers, drill directors, evaluation leads),|
|                        | admins                                                              |
| screen.*               | the roles a screen is for, admins                                   |
"""

from __future__ import annotations

from collections.abc import Iterable

from access.actors import Actor
from access.secrecy import (
    OVERSEERS,
    DrillRecord,
    can_know_drill_exists,
    can_see_checklist_item,
    is_director,
    is_evaluation_lead,
    is_evaluator,
    oversees,
    visible_injects,
)

# Screens shown to some kinds of user only (admins see every one); the stores decide the rest.
SCREENS = {
    "screen.direct_drills": frozenset({"drill_director", "evaluation_lead"}),
    "screen.evaluate": frozenset({"evaluator", "evaluation_lead"}),
    "screen.participate": frozenset({"participant"}),
    "screen.drill_review": frozenset({"drill_director", "evaluation_lead", "manager"}),
    "screen.analytics": OVERSEERS,
}


def drill_resource(record: DrillRecord, *, participants: Iterable[str] = (), **more) -> dict:
    """What the drill rules are told about a drill; `more` adds the keys some actions read."""
    return {
        "drill": record,
        "unit": record.plan_unit,
        "status": record.status,
        "leads": record.directors | record.evaluation_leads,
        "participants": frozenset(participants),
        **more,
    }


def knows(actor: Actor, resource: dict) -> bool:
    return can_know_drill_exists(actor, resource["drill"])


def creates(actor: Actor, resource: dict) -> bool:
    unit = resource.get("unit", actor.unit)
    return "drill_director" in actor.roles and bool(unit) and actor.unit == unit


def directs(actor: Actor, resource: dict) -> bool:
    return is_director(actor, resource["drill"])


def _by_self(actor: Actor, resource: dict) -> bool:
    return resource.get("author", actor.username) == actor.username


def observes(actor: Actor, resource: dict) -> bool:
    return is_evaluator(actor, resource["drill"]) and _by_self(actor, resource)


def observe_refused(actor: Actor, resource: dict) -> str:
    if not is_evaluator(actor, resource["drill"]):
        return "drills_store.not_evaluator"
    return "drills_store.not_your_observation"


def amends(actor: Actor, resource: dict) -> bool:
    drill = resource["drill"]
    mine = "author" in resource and _by_self(actor, resource)
    return is_evaluator(actor, drill) and (mine or is_evaluation_lead(actor, drill))


def reads_record(actor: Actor, resource: dict) -> bool:
    drill = resource["drill"]
    if is_director(actor, drill) or is_evaluation_lead(actor, drill):
        return True
    return drill.status == "ended" and oversees(actor, drill)


def reads_observations(actor: Actor, resource: dict) -> bool:
    return reads_record(actor, resource) or is_evaluator(actor, resource["drill"])


def reads_photo(actor: Actor, resource: dict) -> bool:
    return ("author" in resource and _by_self(actor, resource)) or reads_record(actor, resource)


def sees_inject(actor: Actor, resource: dict) -> bool:
    inject = resource["inject"]
    seen = visible_injects(actor, resource["drill"], [inject], resource.get("plan_roles") or {})
    return bool(seen)


def sees_item(actor: Actor, resource: dict) -> bool:
    share = resource.get("evaluator_share") or {}
    return can_see_checklist_item(actor, resource["drill"], resource["item_roles"], share)


def edits_findings(actor: Actor, resource: dict) -> bool:
    drill = resource["drill"]
    return is_director(actor, drill) or is_evaluation_lead(actor, drill)


def reviews(actor: Actor, resource: dict) -> bool:
    return actor.username in resource["participants"] and _by_self(actor, resource)


def sets_weights(actor: Actor, resource: dict) -> bool:
    return "evaluation_lead" in actor.roles and actor.unit == resource.get("unit")


def reads_weights(actor: Actor, resource: dict) -> bool:
    return actor.unit == resource.get("unit")


def reads_analytics(actor: Actor, resource: dict) -> bool:
    unit = resource.get("unit")
    return bool(unit) and actor.unit == unit and bool(actor.roles & OVERSEERS)


def screen(name: str):
    """The rule of a screen: the actor holds one of the roles it is for."""
    return lambda actor, resource: bool(actor.roles & SCREENS[name])


__all__ = [
    "SCREENS",
    "amends",
    "creates",
    "directs",
    "drill_resource",
    "edits_findings",
    "knows",
    "observe_refused",
    "observes",
    "reads_analytics",
    "reads_observations",
    "reads_photo",
    "reads_record",
    "reads_weights",
    "reviews",
    "screen",
    "sees_inject",
    "sees_item",
    "sets_weights",
]
