"""Use cases of the evaluator's and the participant's screens during a drill: what an evaluator
watches (plan, share, items and entries, from one snapshot), storing an entry with its photo,
and the injects released so far.

Re-exported store calls are whole use cases: the store asks access/ and runs one transaction.
An entry is stored once per client-made id (a resent tap is confirmed, not stored twice), so
storing one is not wrapped in a wider unit: the store retries it on its own."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from access.policy import Actor
from db import drills_store, plans_store
from db.drills_share import assigned_roles
from db.drills_store import checklist_for, visible_injects
from db.unit_of_work import unit_of_work
from drills.model import ChecklistItem, Observation
from drills.observation_rules import MAX_PHOTO_BYTES
from drills.taps import watched_items
from plans.model import Plan


@dataclass(frozen=True)
class Watched:
    """The checklist items an evaluator watches (their share of what they may see) and the
    entries they may read."""

    items: list[ChecklistItem]
    observations: list[Observation]


@dataclass(frozen=True)
class EvaluatorView:
    """What the evaluator screen is drawn from: the plan, the evaluator's share (plan role ids;
    None: everything they may see) and what they watch."""

    plan: Plan
    share: tuple[str, ...] | None
    watched: Watched


def evaluator_view(conn, actor: Actor, drill_id: int, version_id: int) -> EvaluatorView:
    """The plan version `version_id` of the drill, the actor's share, and the items and entries
    they watch, read in one transaction.

    Raises: NotFoundError; NotAllowedError for one who is no evaluator of the drill."""
    with unit_of_work(conn) as uow:
        plan = plans_store.load_version(uow, actor, version_id)
        share = assigned_roles(uow, actor, drill_id)
        return EvaluatorView(plan, share, _watched(uow, actor, drill_id, share))


def watched(conn, actor: Actor, drill_id: int, share: tuple[str, ...] | None) -> Watched:
    """The items of `share` and the entries the actor may read, read in one transaction.

    Raises: as evaluator_view."""
    with unit_of_work(conn) as uow:
        return _watched(uow, actor, drill_id, share)


def _watched(conn, actor: Actor, drill_id: int, share) -> Watched:
    items = watched_items(drills_store.checklist_for(conn, actor, drill_id), share)
    return Watched(items, drills_store.observations(conn, actor, drill_id))


def record_entry(conn, actor: Actor, observation: Observation, photo: bytes | None = None) -> bool:
    """Store an evaluator's entry, with its photo when there is one: the photo first, under a
    new id the entry names. True once the entry is committed, False when it was stored before.

    Raises: as drills_store.attach_photo and drills_store.record_observation."""
    if photo is not None:
        photo_id = uuid.uuid4().hex
        drills_store.attach_photo(
            conn,
            actor,
            observation.drill_id,
            photo,
            photo_id=photo_id,
            now=observation.entered_at,
            observation_id=observation.id,
        )
        observation = replace(observation, photo_id=photo_id)
    return drills_store.record_observation(conn, actor, observation)


__all__ = [
    "MAX_PHOTO_BYTES",
    "EvaluatorView",
    "Watched",
    "checklist_for",
    "evaluator_view",
    "record_entry",
    "visible_injects",
    "watched",
]
