"""The saved evaluation of an ended drill, which the analytics read: its score summary
(`drill_scores`) and one `drill_item_outcomes` row per checklist item.

Item outcomes are not re-derived from the raw observations at query time: `save_scores` writes
them from the scoring engine's item results (drills.scoring.score_drill), with the score summary,
in one transaction, and the step analytics (db/analytics_store.py) are a plain group-by over that
table. "Missed" is an item rated not done, "not observed" one without a rated entry, and "late"
one done or partly done after its due minute on the drill clock, exactly as the scoring engine
has it (pauses left out, the limit counted from the item's time_from: T0, the triggering inject
or a predecessor).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import duckdb

from access.errors import NotAllowedError
from access.policy import SYSTEM, Actor
from access.secrecy import is_director
from db.connection import transaction
from db.drills_lookup import DrillFacts, fetch_facts, is_lead, known_facts, require_status
from db.findings_store import insert_new_findings
from drills.findings import Finding
from drills.scoring import Evaluation


def save_scores(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    evaluation: Evaluation,
    *,
    now: datetime,
) -> None:
    """Keep an ended drill's score summary (overall, per area, per lead role) and the outcome of
    each of its checklist items (drill_item_outcomes, for the step analytics), replacing earlier
    ones, in one transaction. Raises: NotAllowedError unless evaluation lead or director of the
    drill."""
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_status(facts, "ended")
        if not (is_lead(actor, facts) or is_director(actor, facts.record)):
            raise NotAllowedError("findings_store.not_editor", action="scores.save")
        _write_scores(cur, facts, evaluation, now)


def store_results(
    conn: duckdb.DuckDBPyConnection,
    drill_id: int,
    evaluation: Evaluation,
    proposed: Sequence[Finding],
    *,
    now: datetime,
) -> int:
    """The system's own path, after an event that changes an ended drill's evaluation (its end,
    an amendment, an override, new weights): keep its scores and item outcomes (replacing earlier
    ones) and the proposed findings not stored yet (stored ones keep the lead's edits), in one
    transaction. Returns how many findings were added. Raises: NotFoundError;
    InvalidTransitionError when the drill has not ended."""
    with conn.cursor() as cur, transaction(cur):
        facts = fetch_facts(cur, drill_id)
        require_status(facts, "ended")
        _write_scores(cur, facts, evaluation, now)
        return insert_new_findings(cur, SYSTEM, drill_id, proposed, now=now)


def _write_scores(cur, facts: DrillFacts, evaluation: Evaluation, now: datetime) -> None:
    drill_id = facts.id
    cur.execute("DELETE FROM drill_scores WHERE drill_id = ?", [drill_id])
    rows = [("overall", "overall", evaluation.score, evaluation.grade, evaluation.counts)]
    rows += [("area", a.area, a.score, a.rating, a.counts) for a in evaluation.areas]
    rows += [("role", r.role, r.score, r.rating, r.counts) for r in evaluation.roles]
    for dimension, key, score, rating, counts in rows:
        cur.execute(
            "INSERT INTO drill_scores (drill_id, dimension, key, score, rating, coverage,"
            " total, not_done, not_observed, late, saved_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                drill_id,
                dimension,
                key,
                score,
                rating,
                counts.coverage,
                counts.total,
                counts.not_done,
                counts.not_observed,
                counts.late,
                now,
            ],
        )
    cur.execute("DELETE FROM drill_item_outcomes WHERE drill_id = ?", [drill_id])
    _insert_outcomes(cur, facts.id, facts.plan_id, facts.version_id, evaluation, now)


_OUTCOME_COLUMNS = (
    "item_id",
    "step_id",
    "role_id",
    "area",
    "outcome",
    "late",
    "happened_min",
    "due_min",
)
_OUTCOME_TYPES = (
    "VARCHAR[]",
    "VARCHAR[]",
    "VARCHAR[]",
    "VARCHAR[]",
    "VARCHAR[]",
    "BOOLEAN[]",
    "DOUBLE PRECISION[]",
    "DOUBLE PRECISION[]",
)


def _insert_outcomes(
    cur, drill_id: int, plan_id: int, version_id: int, evaluation: Evaluation, now: datetime
) -> None:
    """One INSERT for all of the drill's item results: each column goes in as one list and is
    unnested in lockstep (as db/plans_content.py `_insert_many`)."""
    results = evaluation.items
    if not results:
        return
    columns = [
        [r.item.id for r in results],
        [r.item.step_id for r in results],
        [r.item.lead for r in results],
        [r.area for r in results],
        [r.performed for r in results],
        [r.late for r in results],
        [r.happened_min for r in results],
        [r.due_min for r in results],
    ]
    unnests = ", ".join(
        f"unnest(?::{kind}) AS {name}"
        for name, kind in zip(_OUTCOME_COLUMNS, _OUTCOME_TYPES, strict=True)
    )
    names = ", ".join(_OUTCOME_COLUMNS)
    cur.execute(
        "INSERT INTO drill_item_outcomes (drill_id, plan_id, version_id, saved_at, " + names + ")"
        " SELECT ?, ?, ?, ?, " + names + " FROM (SELECT " + unnests + ") u",
        [drill_id, plan_id, version_id, now, *columns],
    )


__all__ = ["save_scores", "store_results"]
