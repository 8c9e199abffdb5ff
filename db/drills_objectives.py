"""A drill's objectives with their ratings, its evaluation criteria and evaluation team, for the
evaluation lead's page and the evaluation report; the lead's P/S/M/U rating of an objective
after the drill (one row per objective, replaced by a new rating, every rating audited).

The objectives themselves are part of the design (db/drills_design.py writes them with it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from access.policy import Actor, action_resource, allowed, require
from db.connection import transaction
from db.drills_design import read_objectives
from db.drills_lookup import DrillFacts, audit, known_facts, require_drill, require_status
from db.errors import StoreError
from db.users_records import display_names
from drills.model import Objective
from drills.objectives import ObjectiveRating, RatedObjective, check_rating, rate

POSTS = ("lead", "evaluator")  # 评估组长, 评估员


@dataclass(frozen=True)
class TeamMember:
    """One member of the evaluation team: user name, display name and post (lead, evaluator)."""

    username: str
    display_name: str
    post: str


@dataclass(frozen=True)
class ObjectivesSheet:
    """What the lead's page shows: objectives with their ratings, criteria, team, and whether
    the actor may rate now (a director or evaluation lead, once the drill ended)."""

    objectives: tuple[RatedObjective, ...]
    criteria: str
    team: tuple[TeamMember, ...]
    may_rate: bool
    names: dict  # user name -> display name, of the team and the raters


def rate_resource(facts: DrillFacts) -> dict:
    """The policy's resource for rating (access.policy: drill.rate_objective)."""
    return action_resource(facts.unit, facts.named("director") | facts.named("evaluation_lead"))


def objectives_sheet(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> ObjectivesSheet:
    """The drill's objectives, ratings, criteria and team, for those who read its whole record.

    Raises: NotFoundError; NotAllowedError for anyone else.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = _reader(cur, actor, drill_id)
        rated = rate(read_objectives(cur, drill_id), _ratings(cur, drill_id))
        criteria = cur.execute(
            "SELECT evaluation_criteria FROM drills WHERE id = ?", [drill_id]
        ).fetchone()[0]
        team = _team(cur, facts)
        raters = {r.rating.rated_by for r in rated if r.rating is not None}
        names = {m.username: m.display_name for m in team} | display_names(cur, raters)
    return ObjectivesSheet(
        objectives=tuple(rated),
        criteria=criteria or "",
        team=tuple(team),
        may_rate=facts.status == "ended"
        and allowed(actor, "drill.rate_objective", rate_resource(facts)),
        names=names,
    )


def rated_objectives(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> list[RatedObjective]:
    """The objectives in design order, each with its rating (None: not rated): for the report.

    Raises: NotFoundError; NotAllowedError unless one who reads the drill's whole record.
    """
    with conn.cursor() as cur, transaction(cur):
        _reader(cur, actor, drill_id)
        return rate(read_objectives(cur, drill_id), _ratings(cur, drill_id))


def evaluation_team(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> list[TeamMember]:
    """The evaluation team: leads (评估组长) first, then evaluators (评估员), in design order,
    with display names; someone named as both is listed once, as lead.

    Raises: NotFoundError; NotAllowedError unless one who reads the drill's whole record.
    """
    with conn.cursor() as cur, transaction(cur):
        return _team(cur, _reader(cur, actor, drill_id))


def rate_objective(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    rating: ObjectiveRating,
    *,
    now: datetime,
) -> None:
    """Rate one objective P/S/M/U with a note, replacing an earlier rating of it.

    Raises: NotFoundError; NotAllowedError unless a director or evaluation lead of the drill;
    InvalidTransitionError before the end; StoreError drills.objective.unknown, .bad_rating,
    .too_long for an unknown objective, a rating other than P/S/M/U or an overlong note.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require(actor, "drill.rate_objective", rate_resource(facts))
        require_status(facts, "ended")
        problems = check_rating(rating, read_objectives(cur, drill_id))
        if problems:
            raise StoreError(problems[0].key, **problems[0].params)
        before = cur.execute(
            "SELECT rating, note FROM objective_ratings WHERE drill_id = ? AND objective_id = ?",
            [drill_id, rating.objective_id],
        ).fetchone()
        note = (rating.note or "").strip()
        cur.execute(
            "INSERT INTO objective_ratings (drill_id, objective_id, rating, note, rated_by,"
            " rated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (drill_id, objective_id) DO UPDATE"
            " SET rating = excluded.rating, note = excluded.note, rated_by = excluded.rated_by,"
            " rated_at = excluded.rated_at",
            [drill_id, rating.objective_id, rating.rating, note, actor.username, now],
        )
        audit(
            cur,
            actor,
            "drill.rate_objective",
            "drill",
            drill_id,
            now=now,
            before={"objective_id": rating.objective_id, "rating": before[0], "note": before[1]}
            if before
            else None,
            after={"objective_id": rating.objective_id, "rating": rating.rating, "note": note},
        )


def _reader(cur, actor: Actor, drill_id: int) -> DrillFacts:
    facts = known_facts(cur, actor, drill_id)
    require_drill(actor, "drill.read_record", facts)
    return facts


def _ratings(cur, drill_id: int) -> list[ObjectiveRating]:
    rows = cur.execute(
        "SELECT objective_id, rating, note, rated_by, rated_at FROM objective_ratings"
        " WHERE drill_id = ? ORDER BY rated_at",
        [drill_id],
    ).fetchall()
    return [ObjectiveRating(*row) for row in rows]


def _team(cur, facts: DrillFacts) -> list[TeamMember]:
    order = {"evaluation_lead": 0, "evaluator": 1}
    people = sorted(
        (p for p in facts.people if p.role in order), key=lambda p: order[p.role]
    )  # sorted() is stable: design order within each post
    chosen: dict[str, str] = {}
    for person in people:
        chosen.setdefault(
            person.username, "lead" if person.role == "evaluation_lead" else "evaluator"
        )
    names = display_names(cur, chosen)
    return [TeamMember(user, names.get(user, user), post) for user, post in chosen.items()]


__all__ = [
    "POSTS",
    "Objective",
    "ObjectivesSheet",
    "TeamMember",
    "evaluation_team",
    "objectives_sheet",
    "rate_objective",
    "rate_resource",
    "rated_objectives",
]
