"""Drill secrecy: who may learn that a drill exists, which injects and checklist items they see.

Double-blind means the people tested learn nothing before the start: not the name, time,
scenario or count of planned drills, nor that one is planned. Designing and sealed come before
the start; running, paused and ended after it. The rules:

- a director of the drill: everything, always, unreleased injects included;
- its evaluators and evaluation leads: nothing while designing; once sealed, that it exists and
  their checklist share, only if the director chose so; after the start, the released injects
  and their checklist share (evaluation leads: the whole checklist);
- admins, and managers, drill directors and evaluation leads of the drill's unit: nothing before
  the start; after it, that it exists and the released injects; once ended, the checklist too;
- anyone else of the drill's unit (participants): nothing before the start; after it, that it
  exists and the injects released to a plan role they play; never the checklist (a script);
- other units: nothing.

Admins are no exception before the start: secrecy must hold against anyone not directing.
People are named in a drill by user id or user name; both match.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from access.actors import Actor
from i18n.glossary import DRILL_STATUSES

BEFORE_START = frozenset({"designing", "sealed"})
STARTED = frozenset({"running", "paused", "ended"})
# System roles that, in the drill's unit, oversee a started drill rather than take part in it.
OVERSEERS = frozenset({"admin", "manager", "drill_director", "evaluation_lead"})

Person = int | str
PlanRoles = Mapping[Person, Iterable[str]]  # user id or name -> plan role ids


@dataclass(frozen=True)
class DrillRecord:
    """What the secrecy rules need to know about a drill."""

    id: int | str
    plan_unit: str
    status: str
    directors: frozenset[Person] = field(default_factory=frozenset)
    evaluators: frozenset[Person] = field(default_factory=frozenset)
    evaluation_leads: frozenset[Person] = field(default_factory=frozenset)
    evaluators_see_before_start: bool = False
    participant_roles: frozenset[str] = field(default_factory=frozenset)  # plan role ids

    def __post_init__(self) -> None:
        if self.status not in DRILL_STATUSES:
            raise ValueError(f"unknown drill status {self.status}")
        for name in ("directors", "evaluators", "evaluation_leads", "participant_roles"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))


@dataclass(frozen=True)
class InjectRecord:
    """An inject: released_at is None until released; no `to_roles` means every role taking part."""

    id: int | str
    drill_id: int | str
    released_at: datetime | None = None
    to_roles: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "to_roles", frozenset(self.to_roles))


def _named(actor: Actor, people: frozenset[Person]) -> bool:
    return actor.username in people or (actor.user_id is not None and actor.user_id in people)


def _signed_in(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.username) and not actor.must_change_password


def is_director(actor: Actor | None, drill: DrillRecord) -> bool:
    return _signed_in(actor) and _named(actor, drill.directors)


def is_evaluator(actor: Actor | None, drill: DrillRecord) -> bool:
    """Named as an evaluator or evaluation lead of this drill."""
    return _signed_in(actor) and _named(actor, drill.evaluators | drill.evaluation_leads)


def is_evaluation_lead(actor: Actor | None, drill: DrillRecord) -> bool:
    """Named as an evaluation lead of this drill."""
    return _signed_in(actor) and _named(actor, drill.evaluation_leads)


def oversees(actor: Actor, drill: DrillRecord) -> bool:
    """Admins, and managers, drill directors and evaluation leads of the drill's unit."""
    if "admin" in actor.roles:
        return True
    return actor.unit == drill.plan_unit != "" and bool(actor.roles & OVERSEERS)


def _in_unit(actor: Actor, drill: DrillRecord) -> bool:
    return bool(actor.unit) and actor.unit == drill.plan_unit and bool(actor.roles)


def can_know_drill_exists(actor: Actor | None, drill: DrillRecord) -> bool:
    """Whether anything at all about the drill may reach the actor (its name, time, its row)."""
    if not _signed_in(actor):
        return False
    if is_director(actor, drill):
        return True
    if drill.status == "designing":
        return False
    if drill.status == "sealed":
        return drill.evaluators_see_before_start and is_evaluator(actor, drill)
    return is_evaluator(actor, drill) or oversees(actor, drill) or _in_unit(actor, drill)


def visible_drills(actor: Actor | None, drills: Iterable[DrillRecord]) -> list[DrillRecord]:
    """The drills the actor may learn of, in the given order; the others leave no trace."""
    return [drill for drill in drills if can_know_drill_exists(actor, drill)]


def insiders(drill: DrillRecord) -> frozenset[Person]:
    """The people named in the drill who may know of it before it starts."""
    if drill.evaluators_see_before_start and drill.status != "designing":
        return drill.directors | drill.evaluators | drill.evaluation_leads
    return drill.directors


def plan_roles_of(actor: Actor, participant_roles: PlanRoles) -> frozenset[str]:
    """The plan roles the actor plays in a drill, by user id or user name."""
    found: set[str] = set(participant_roles.get(actor.username, ()))
    if actor.user_id is not None:
        found |= set(participant_roles.get(actor.user_id, ()))
    return frozenset(found)


def visible_injects(
    actor: Actor | None,
    drill: DrillRecord,
    injects: Iterable[InjectRecord],
    participant_roles: PlanRoles,
) -> list[InjectRecord]:
    """The drill's injects the actor may see, in the given order.

    Directors see all of them, released or not; nobody else sees any before the start. After
    it, evaluators and overseers see the released ones, and a participant only those released
    to a plan role they play (`participant_roles` maps people to plan role ids).
    """
    own = [i for i in injects if i.drill_id == drill.id]
    if not can_know_drill_exists(actor, drill):
        return []
    if is_director(actor, drill):
        return own
    if drill.status not in STARTED:
        return []
    released = [i for i in own if i.released_at is not None]
    if is_evaluator(actor, drill) or oversees(actor, drill):
        return released
    mine = plan_roles_of(actor, participant_roles)
    return [i for i in released if _delivered_to(mine, i, drill)]


def _delivered_to(mine: frozenset[str], inject: InjectRecord, drill: DrillRecord) -> bool:
    targets = inject.to_roles or drill.participant_roles  # neither: every role taking part
    return bool(mine) and (not targets or bool(mine & targets))


def can_see_checklist_item(
    actor: Actor | None,
    drill: DrillRecord,
    item_roles: Iterable[str],
    evaluator_share: PlanRoles,
) -> bool:
    """Whether the actor may see a checklist item about `item_roles` (plan role ids).

    Directors and evaluation leads see every item; an evaluator sees the items of the roles in
    their share (`evaluator_share` maps people to plan role ids) and the items of no role, and an
    evaluator posted to places only (a share without roles) sees every item: whatever happens
    there;
    overseers see everything once the drill has ended; participants never do, since the
    checklist would be their script.
    """
    if not can_know_drill_exists(actor, drill):
        return False
    if is_director(actor, drill) or is_evaluation_lead(actor, drill):
        return True
    if _named(actor, drill.evaluators):
        roles = frozenset(item_roles)
        share = frozenset(plan_roles_of(actor, evaluator_share))
        return not roles or not share or bool(roles & share)
    return drill.status == "ended" and oversees(actor, drill)


__all__ = [
    "BEFORE_START",
    "OVERSEERS",
    "STARTED",
    "DrillRecord",
    "InjectRecord",
    "can_know_drill_exists",
    "can_see_checklist_item",
    "insiders",
    "is_director",
    "is_evaluation_lead",
    "is_evaluator",
    "oversees",
    "plan_roles_of",
    "visible_drills",
    "visible_injects",
]
