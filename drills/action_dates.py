"""The due date of a corrective action: a date set now must lie on or after the drill's day and
not in the past. A stored action whose due date is not being changed is left alone (once past,
it is overdue and shown as such, not refused)."""

from __future__ import annotations

from datetime import date

from drills.actions import CorrectiveAction
from drills.errors import DrillError

NAME_CHARS = 40  # an action is named by the start of its words


def action_name(action: CorrectiveAction) -> str:
    """How a message names an action: its words, cut short, never its number."""
    words = " ".join((action.action or "").split())
    return words if len(words) <= NAME_CHARS else words[: NAME_CHARS - 1] + "…"


def due_date_problem(
    action: CorrectiveAction,
    *,
    drill_day: date | None,
    today: date,
    before: CorrectiveAction | None = None,
) -> DrillError | None:
    """Why `action`'s due date may not be set (None when it may). `before`: the action as
    stored, for a change (an unchanged due date is never a problem)."""
    if before is not None and before.due == action.due:
        return None
    if drill_day is not None and action.due < drill_day:
        return DrillError(
            "findings.action.due_before_drill",
            action=action_name(action),
            due=action.due.isoformat(),
            drill_day=drill_day.isoformat(),
        )
    if action.due < today:
        return DrillError(
            "findings.action.due_in_past",
            action=action_name(action),
            due=action.due.isoformat(),
            today=today.isoformat(),
        )
    return None


def require_due_date(action, *, drill_day, today, before=None) -> None:
    """Raises: DrillError (findings.action.due_before_drill or due_in_past) when the due date
    may not be set (see due_date_problem)."""
    problem = due_date_problem(action, drill_day=drill_day, today=today, before=before)
    if problem is not None:
        raise problem


__all__ = ["action_name", "due_date_problem", "require_due_date"]
