"""Use cases of looking across drills (admins everywhere; managers, drill directors and
evaluation leads of their own unit): the unit's plans to filter on, and every figure of the
analytics screen for one filter, read from one snapshot so the tabs agree with one another.

The store (db/analytics_store.py) authorises each query and reads only ended drills with
saved results; its figure types and defaults are offered here for the screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from access.policy import Actor
from db import analytics_store as an
from db.analytics_store import (
    DEFAULT_PERIODS,
    MIN_DRILLS_AFTER,
    BeforeAfter,
    NotDrilled,
    OverdueAction,
    PlanRef,
    RatingPoint,
    StepStats,
    unit_plans,
)
from db.unit_of_work import unit_of_work
from i18n.glossary import SCORE_DIMENSIONS

TOP_STEPS = 20  # the steps most often missed or late that the screen lists


@dataclass(frozen=True)
class Figures:
    """What the analytics tabs show, for one unit and filter."""

    steps: list[StepStats]
    ratings: dict[str, list[RatingPoint]]  # by dimension (SCORE_DIMENSIONS)
    effects: list[BeforeAfter]
    stale: list[NotDrilled]
    overdue: list[OverdueAction]


def load_figures(
    conn,
    actor: Actor,
    *,
    unit: str,
    plan_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    today: date,
    periods: Mapping[str, int],
) -> Figures:
    """Every figure of the screen for drills of `plan_id` (None: all) ended in [`since`,
    `until`) (None: unbounded), plans and roles measured against `periods` (days per kind) and
    actions against `today`, read in one unit of work.

    Raises: NotAllowedError unless the actor oversees the unit.
    """
    window = {"plan_id": plan_id, "since": since, "until": until}
    with unit_of_work(conn) as uow:
        return Figures(
            steps=an.steps_missed_or_late(uow, actor, unit=unit, limit=TOP_STEPS, **window),
            ratings={
                by: an.ratings_over_time(uow, actor, unit=unit, by=by, **window)
                for by in SCORE_DIMENSIONS
            },
            effects=an.revision_effects(uow, actor, unit=unit, **window),
            stale=an.not_drilled_within(
                uow, actor, unit=unit, today=today, periods=periods, plan_id=plan_id
            ),
            overdue=an.overdue_actions(uow, actor, unit=unit, today=today, **window),
        )


__all__ = [
    "DEFAULT_PERIODS",
    "MIN_DRILLS_AFTER",
    "BeforeAfter",
    "Figures",
    "NotDrilled",
    "OverdueAction",
    "PlanRef",
    "RatingPoint",
    "StepStats",
    "load_figures",
    "unit_plans",
]
