"""Use cases of running a drill whose effects reach its stored results: ending it, and an
evaluator's amendment after the end. Each stores the event through the drill store (which
decides the actor's rights), then has the system recompute the results
(services/evaluation.py): derived data, rewritten whole on each event, so no one has to open a
screen for them to be kept."""

from __future__ import annotations

from datetime import datetime

from access.policy import Actor
from db import drills_store
from drills.model import Observation
from services import evaluation
from services.evaluation import Results


def end_drill(conn, actor: Actor, drill_id: int, *, now: datetime) -> Results:
    """End the drill (a director, running or paused) and keep its evaluation at once.

    Raises: as drills_store.end_drill; a failed recompute after the end raises too (the drill
    stays ended; the next event or recompute keeps its results)."""
    drills_store.end_drill(conn, actor, drill_id, now=now)
    return evaluation.recompute_results(conn, drill_id, now=now)


def amend_entry(conn, actor: Actor, amendment: Observation, *, now: datetime) -> Results | None:
    """Store an evaluator's amendment (after the end, with a reason) and rescore the drill.
    None when this amendment was stored before (a resent form): nothing changed.

    Raises: as drills_store.record_observation (StoreError for an amendment without a reason or
    before the end)."""
    if not drills_store.record_observation(conn, actor, amendment):
        return None
    return evaluation.recompute_results(conn, amendment.drill_id, now=now)


__all__ = ["amend_entry", "end_drill"]
