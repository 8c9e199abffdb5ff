"""Use cases of the work after (and around) a drill's evaluation: conflicts between evaluators,
findings and their photos, corrective actions, the objectives' ratings, the lead's texts and
document standards, and the participants' own reviews.

Re-exported store calls are whole use cases: the store asks access/ for the actor's rights and
runs the call in one transaction. Accepting every proposed finding is one unit of work (all
of them or none), and so are the reads of a participant's review form and a review with its
stored time. A settled conflict rescores the drill: services.evaluation.settle_conflict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from access.errors import NotAllowedError
from access.policy import Actor
from db import findings_store, plans_store
from db.actions_store import add_action, my_actions, update_action
from db.drills_conflicts import conflict_board
from db.drills_objectives import objectives_sheet, rate_objective
from db.drills_signoff import set_drill_standard, set_unit_standard, write_text
from db.drills_store import load_photo
from db.errors import NotFoundError
from db.findings_store import add_finding, update_finding
from db.unit_of_work import unit_of_work
from drills.actions import ParticipantReview


def accept_findings(
    conn, actor: Actor, drill_id: int, proposed: Sequence, *, now: datetime
) -> None:
    """Accept each proposed finding (db.findings_store.StoredFinding, as the form read it), all
    in one unit of work: none is accepted when one was changed meanwhile or is refused.

    Raises: as findings_store.update_finding (VersionConflictError, NotAllowedError)."""
    with unit_of_work(conn) as uow:
        for stored in proposed:
            findings_store.update_finding(
                uow,
                actor,
                drill_id,
                replace(stored.finding, status="accepted"),
                stored.version,
                now=now,
            )


@dataclass(frozen=True)
class ReviewForm:
    """What a participant's own review form opens on: the plan roles they were given (ids),
    their earlier review (db.findings_store.StoredReview or None) and the plan's role names."""

    roles: tuple[str, ...]
    earlier: object
    names: dict[str, str]


def review_form(conn, actor: Actor, drill_id: int, version_id: int) -> ReviewForm:
    """The participant's roles and earlier review, read in one transaction, and the names of
    the plan's roles ({} for a plan the participant may not read: the form works without).

    Raises: NotFoundError; NotAllowedError for one who is no participant of the drill."""
    with unit_of_work(conn) as uow:
        roles = findings_store.participants_of(uow, actor, drill_id).get(actor.username, ())
        earlier = findings_store.my_review(uow, actor, drill_id)
    try:
        names = {r.id: r.name for r in plans_store.load_version(conn, actor, version_id).roles}
    except (NotFoundError, NotAllowedError):
        names = {}
    return ReviewForm(tuple(roles), earlier, names)


def submit_review(
    conn,
    actor: Actor,
    drill_id: int,
    review: ParticipantReview,
    *,
    now: datetime,
    replacing: datetime | None,
) -> datetime | None:
    """The participant's own review of an ended drill (a second one replaces the first, unless
    another session submitted one since the form showed `replacing`); return the stored review's
    time, read in the same unit of work.

    Raises: as findings_store.submit_review (VersionConflictError for a stale form)."""
    with unit_of_work(conn) as uow:
        findings_store.submit_review(uow, actor, drill_id, review, now=now, replacing=replacing)
        latest = findings_store.my_review(uow, actor, drill_id)
    return latest.submitted_at if latest else None


__all__ = [
    "ReviewForm",
    "accept_findings",
    "add_action",
    "add_finding",
    "conflict_board",
    "load_photo",
    "my_actions",
    "objectives_sheet",
    "rate_objective",
    "review_form",
    "set_drill_standard",
    "set_unit_standard",
    "submit_review",
    "update_action",
    "update_finding",
    "write_text",
]
