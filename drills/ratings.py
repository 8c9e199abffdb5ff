"""The scales a drill is evaluated on: capability areas (AQ/T 9009) and the plan phases they take
in, HSEEP P/S/M/U rating bands, overall grade bands, area weights and rating overrides.

Rating of an area or role from its 0-100 score: P >= 90, S >= 75, M >= 50, U below; no rating
(None: too little evidence to rate) when fewer than MIN_COVERAGE = 50 % of its items were observed.
Grade of a drill: excellent 优秀 >= 90, good 良好 >= 75, pass 合格 >= 60, fail 不合格 below; no grade
below MIN_COVERAGE either. A band includes its lower edge.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from drills.errors import DrillError
from i18n.glossary import CAPABILITY_AREAS, QUALITY_MARKS

# Plan phases (i18n.glossary.PHASES) onto the AQ/T 9009 evaluation items. No phase maps to
# "preparation" by default: an organisation that wants it passes its own `areas` mapping.
AREA_OF_PHASE = MappingProxyType(
    {
        "warning": "warning_report",
        "report": "warning_report",
        "initial": "mobilisation",
        "activation": "mobilisation",
        "command": "command",
        "escalation": "command",
        "disposal": "disposal",
        "support": "support",
        "public_info": "public_info",
        "recovery": "recovery",
        "termination": "termination",
    }
)
FALLBACK_AREA = "disposal"  # for a phase the mapping does not know
RATING_BANDS = (("P", 90.0), ("S", 75.0), ("M", 50.0), ("U", 0.0))
GRADE_BANDS = (("excellent", 90.0), ("good", 75.0), ("pass", 60.0), ("fail", 0.0))
MIN_COVERAGE = 0.5


def area_of(phase: str, areas: Mapping[str, str] | None = None) -> str:
    """The capability area of a plan phase (`areas`: an organisation's phase -> area mapping)."""
    return (areas or AREA_OF_PHASE).get(phase, FALLBACK_AREA)


def rating_of(score: float | None, coverage: float | None) -> str | None:
    """P/S/M/U for a score, or None without a score or with coverage below MIN_COVERAGE."""
    if score is None or coverage is None or coverage < MIN_COVERAGE:
        return None
    return next(rating for rating, floor in RATING_BANDS if score >= floor)


def grade_of(score: float | None, coverage: float | None) -> str | None:
    """excellent / good / pass / fail, or None without a score or with too little coverage."""
    if score is None or coverage is None or coverage < MIN_COVERAGE:
        return None
    return next(grade for grade, floor in GRADE_BANDS if score >= floor)


@dataclass(frozen=True)
class RatingOverride:
    """An evaluator's rating of an area in place of the computed one; `reason` is required."""

    area: str
    rating: str
    reason: str
    by: str = ""


def checked_areas(areas: Mapping[str, str] | None) -> dict[str, str]:
    """The phase -> area mapping in force: AREA_OF_PHASE with the organisation's changes.

    Raises:
        DrillError: a change names an unknown area ("scoring.unknown_area").
    """
    for area in (areas or {}).values():
        if area not in CAPABILITY_AREAS:
            raise DrillError("scoring.unknown_area", area=area)
    return {**AREA_OF_PHASE, **(areas or {})}


def checked_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """area -> weight: 1 each, with the organisation's weights over it.

    Raises:
        DrillError: an unknown area, or a weight that is not a number of 0 or more.
    """
    chosen = dict.fromkeys(CAPABILITY_AREAS, 1.0)
    for area, value in (weights or {}).items():
        if area not in CAPABILITY_AREAS:
            raise DrillError("scoring.unknown_area", area=area)
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = -1.0
        if not math.isfinite(number) or number < 0:
            raise DrillError("scoring.bad_weight", area=area, value=value)
        chosen[area] = number
    return chosen


def checked_overrides(overrides: Iterable[RatingOverride]) -> dict[str, RatingOverride]:
    """area -> its override (the last one given for an area wins).

    Raises:
        DrillError: an unknown area or rating, or no reason ("scoring.override_needs_reason").
    """
    chosen = {}
    for override in overrides:
        if override.area not in CAPABILITY_AREAS:
            raise DrillError("scoring.unknown_area", area=override.area)
        if override.rating not in QUALITY_MARKS:
            raise DrillError("scoring.bad_rating", rating=override.rating)
        if not (override.reason or "").strip():
            raise DrillError("scoring.override_needs_reason", area=override.area)
        chosen[override.area] = override
    return chosen


__all__ = [
    "AREA_OF_PHASE",
    "GRADE_BANDS",
    "MIN_COVERAGE",
    "RATING_BANDS",
    "RatingOverride",
    "area_of",
    "checked_areas",
    "checked_overrides",
    "checked_weights",
    "grade_of",
    "rating_of",
]
