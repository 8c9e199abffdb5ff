"""Drill objectives (演练目的/目标): adding and removing them in a design, checking them, and
their P/S/M/U rating by the evaluation lead after the drill (HSEEP: performed without challenges,
with some challenges, with major challenges, unable to be performed).

An objective is a drills.model.Objective: a text tied to capability areas
(i18n.glossary.CAPABILITY_AREAS) and plan phases (PHASES). Ids are "o1", "o2", … and never reused within a design.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from drills.errors import DrillProblemsError, Problem, problem
from drills.model import Objective
from i18n.glossary import CAPABILITY_AREAS, PHASES, QUALITY_MARKS

OBJECTIVE_RATINGS = QUALITY_MARKS  # P / S / M / U
MAX_TEXT = 2000


@dataclass(frozen=True)
class ObjectiveRating:
    """The lead's rating of one objective after the drill, with a note."""

    objective_id: str
    rating: str
    note: str = ""
    rated_by: str = ""
    rated_at: datetime | None = None


@dataclass(frozen=True)
class RatedObjective:
    """An objective of the design with its rating (None: not rated yet)."""

    objective: Objective
    rating: ObjectiveRating | None = None

    id = property(lambda self: self.objective.id)
    text = property(lambda self: self.objective.text)
    areas = property(lambda self: self.objective.areas)
    phases = property(lambda self: self.objective.phases)


def check_objectives(objectives: Sequence[Objective]) -> list[Problem]:
    """Every problem of a design's objectives: empty or overlong text, duplicate ids, unknown
    capability areas or phases."""
    found = []
    ids = [o.id for o in objectives]
    for objective_id in sorted({i for i in ids if ids.count(i) > 1}):
        found.append(problem("drills.objective.duplicate", id=objective_id))
    for o in objectives:
        if not (o.id or "").strip():
            found.append(problem("drills.objective.no_id"))
        if not (o.text or "").strip():
            found.append(problem("drills.objective.no_text", id=o.id))
        elif len(o.text) > MAX_TEXT:
            found.append(problem("drills.objective.too_long", id=o.id, limit=MAX_TEXT))
        for area in o.areas:
            if area not in CAPABILITY_AREAS:
                found.append(problem("drills.objective.unknown_area", id=o.id, area=area))
        for phase in o.phases:
            if phase not in PHASES:
                found.append(problem("drills.objective.unknown_phase", id=o.id, phase=phase))
    return found


def add_objective(
    objectives: Sequence[Objective],
    text: str,
    *,
    areas: Iterable[str] = (),
    phases: Iterable[str] = (),
) -> tuple[Objective, ...]:
    """The objectives with a new one at the end (id: the next free "oN").

    Raises: DrillProblemsError when the new objective is not valid.
    """
    taken = {o.id for o in objectives}
    n = len(objectives) + 1
    while f"o{n}" in taken:
        n += 1
    new = Objective(
        f"o{n}",
        " ".join((text or "").split()),
        tuple(dict.fromkeys(areas)),
        tuple(dict.fromkeys(phases)),
    )
    problems = check_objectives([new])
    if problems:
        raise DrillProblemsError(problems)
    return (*objectives, new)


def remove_objectives(objectives: Sequence[Objective], ids: Iterable[str]) -> tuple[Objective, ...]:
    drop = set(ids)
    return tuple(o for o in objectives if o.id not in drop)


def check_rating(rating: ObjectiveRating, objectives: Sequence[Objective]) -> list[Problem]:
    """Problems of a rating: an unknown objective, a rating that is not P/S/M/U, an overlong
    note."""
    found = []
    if rating.objective_id not in {o.id for o in objectives}:
        found.append(problem("drills.objective.unknown", id=rating.objective_id))
    if rating.rating not in OBJECTIVE_RATINGS:
        found.append(problem("drills.objective.bad_rating", rating=str(rating.rating)))
    if len(rating.note or "") > MAX_TEXT:
        found.append(problem("drills.objective.too_long", id=rating.objective_id, limit=MAX_TEXT))
    return found


def rate(
    objectives: Sequence[Objective], ratings: Iterable[ObjectiveRating]
) -> list[RatedObjective]:
    """Each objective, in design order, with its rating (the latest one given)."""
    latest: dict[str, ObjectiveRating] = {}
    for rating in ratings:
        latest[rating.objective_id] = rating
    return [RatedObjective(o, latest.get(o.id)) for o in objectives]


__all__ = [
    "MAX_TEXT",
    "OBJECTIVE_RATINGS",
    "ObjectiveRating",
    "RatedObjective",
    "add_objective",
    "check_objectives",
    "check_rating",
    "rate",
    "remove_objectives",
]
