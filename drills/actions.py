"""What follows a drill's findings: corrective actions (纠正行动) and their closing rules, the
plan-revision trigger, and the participants' own review (参演人员自评).

A finding is closed when it has at least one corrective action and every one is verified. An
action is overdue when it is neither done nor verified and its due date has passed ("done" waits
for verification, which is not the owner's delay). An accepted deficiency (不足项) caused by the
plan marks the plan as due for revision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from drills.errors import DrillError
from i18n.glossary import ACTION_STATUSES
from plans.bidi import strip_bidi_fields

if TYPE_CHECKING:
    from drills.findings import Finding

_FINISHED = frozenset({"done", "verified"})


@dataclass(frozen=True)
class CorrectiveAction:
    """One action answering a finding: who does what from when by when, and how it was verified.

    Raises:
        DrillError: empty action, unknown status, "verified" without a verification note, or a
        start after the due date.
    """

    id: str
    finding_id: str
    action: str
    owner: str
    due: date
    status: str = "open"
    verification: str = ""  # how and by whom the result was checked
    start: date | None = None  # when work on it starts (HSEEP Improvement Plan)
    organization: str = ""  # the primary responsible organization, as written

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "owner", "organization")
        if not (self.action or "").strip():
            raise DrillError("findings.action.empty")
        if self.status not in ACTION_STATUSES:
            raise DrillError("findings.action.bad_status", status=self.status)
        if self.status == "verified" and not (self.verification or "").strip():
            raise DrillError(
                "findings.action.verification_needed", action=" ".join(self.action.split())[:40]
            )
        if self.start is not None and self.due is not None and self.start > self.due:
            raise DrillError("findings.action.start_after_due", action=self.id)


def finding_closed(finding: Finding, actions: Iterable[CorrectiveAction]) -> bool:
    """True when the finding has at least one action and all of its actions are verified."""
    own = [action for action in actions if action.finding_id == finding.id]
    return bool(own) and all(action.status == "verified" for action in own)


def overdue_actions(actions: Iterable[CorrectiveAction], today: date) -> list[CorrectiveAction]:
    """Actions past their due date and not finished, earliest due first (then by id)."""
    late = [a for a in actions if a.status not in _FINISHED and a.due < today]
    return sorted(late, key=lambda action: (action.due, action.id))


def revision_findings(findings: Iterable[Finding]) -> list[Finding]:
    """The accepted deficiencies caused by the plan: each is a reason to revise it."""
    return [
        f
        for f in findings
        if f.status == "accepted" and f.grade == "deficiency" and f.cause == "plan_defect"
    ]


def revision_needed(findings: Iterable[Finding]) -> bool:
    """True when an accepted plan-defect deficiency marks the plan as due for revision."""
    return bool(revision_findings(findings))


@dataclass(frozen=True)
class ParticipantReview:
    """A participant's own short review after the drill; `rating` 1 (poor) to 5 (very good).

    Raises:
        DrillError: a rating outside 1-5 ("findings.review.bad_rating").
    """

    username: str
    role: str | None  # plan role id they played
    went_well: str = ""
    to_improve: str = ""
    rating: int = 3

    def __post_init__(self) -> None:
        rating = self.rating
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            raise DrillError("findings.review.bad_rating", rating=rating)


__all__ = [
    "CorrectiveAction",
    "ParticipantReview",
    "finding_closed",
    "overdue_actions",
    "revision_findings",
    "revision_needed",
]
