"""Errors and problems of the drills package. Each carries a catalogue key and parameters, so
the caller shows it in the user's language with i18n.t(err.key, **err.params)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from i18n.errors import UserFacingError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a design or an imported file: a catalogue key, its parameters and a
    severity ("error" blocks sealing or importing; "warning" is worth a look)."""

    key: str
    params: Mapping = field(default_factory=dict)
    severity: str = "error"

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))


def problem(key: str, *, severity: str = "error", **params) -> Problem:
    return Problem(key, params, severity)


SHOWN_PROBLEMS = 10


def summarise(problems: Iterable[Problem], limit: int = SHOWN_PROBLEMS) -> tuple[Problem, ...]:
    """What to show of many problems: the first `limit`, then one drills.problems_more problem
    that counts the rest (params n, total, and first and last row when they have rows)."""
    problems = tuple(problems)
    if len(problems) <= limit:
        return problems
    rest = problems[limit:]
    rows = [p.params["row"] for p in rest if isinstance(p.params.get("row"), int)]
    more = {"n": len(rest), "total": len(problems)}
    if rows:
        return (
            *problems[:limit],
            problem("drills.problems_more_rows", **more, first=min(rows), last=max(rows)),
        )
    return (*problems[:limit], problem("drills.problems_more", **more))


class DrillError(UserFacingError):
    """Root of every error the drills package raises on purpose."""

    key = "drills.error"


class DrillTransitionError(DrillError):
    """A clock change the drill's status does not allow; params: from, to, event."""

    key = "drills.bad_transition"


class DrillChecklistError(DrillError):
    """An impossible checklist edit (unknown item, empty name, unknown phase)."""

    key = "drills.checklist.invalid"


class DrillProblemsError(DrillError):
    """Every problem found at once: key and params are the first one's, `problems` all of them."""

    key = "drills.invalid"

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else Problem(self.key)
        super().__init__(first.key, **first.params)


class DrillImportError(DrillProblemsError):
    """An inject file that cannot be imported; nothing of it is taken."""

    key = "drills.injects.invalid"


class DrillDesignError(DrillProblemsError):
    """A drill design (JSON) that cannot be read."""

    key = "drills.design.invalid"


__all__ = [
    "SHOWN_PROBLEMS",
    "DrillChecklistError",
    "DrillDesignError",
    "DrillError",
    "DrillImportError",
    "DrillProblemsError",
    "DrillTransitionError",
    "Problem",
    "problem",
    "summarise",
]
