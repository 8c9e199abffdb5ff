"""Use cases of the plan-revision loop: plans that drill findings mark as due for revision, the
revision drafts opened from those findings and the flags that owners resolve on them.

The revision store (db/revision_store.py) asks the access policy and runs each call in one
transaction, so its calls that are whole user actions are re-exported as they are; the use case
below adds the one rule a screen needs on top: a drill's revision already open is gone on with.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from access.errors import NotAllowedError
from access.policy import Actor
from db.errors import InvalidTransitionError, NotFoundError
from db.revision_store import (
    DuePlan,
    StoredFlag,
    flags_of,
    mark_due,
    open_revision,
    plans_due,
    resolve_flag,
)
from drills.findings import Finding

DRAFT_EXISTS = "revision.draft_exists"


def open_or_resume_revision(
    conn,
    actor: Actor,
    drill_id: int,
    findings: Iterable[Finding] | None = None,
    *,
    now: datetime,
) -> int:
    """Open a revision draft of the drill's plan from the drill's findings; when the plan's
    unpublished version is this drill's revision already, go on with it. Returns the draft's id.

    Raises: as revision_store.open_revision; InvalidTransitionError revision.draft_exists
    (params version_id, number, status) when another unpublished version stands in the way."""
    try:
        return open_revision(conn, actor, drill_id, findings, now=now)
    except InvalidTransitionError as exc:
        existing = exc.params.get("version_id") if exc.key == DRAFT_EXISTS else None
        if existing is not None and _opened_from(conn, actor, existing, drill_id):
            return existing
        raise


def _opened_from(conn, actor: Actor, version_id: int, drill_id: int) -> bool:
    """Whether the version is a revision opened from the drill's findings (False when the actor
    may not read it)."""
    try:
        flags = flags_of(conn, actor, version_id)
    except (NotFoundError, NotAllowedError):
        return False
    return any(stored.flag.drill_id == drill_id for stored in flags)


__all__ = [
    "DRAFT_EXISTS",
    "DuePlan",
    "StoredFlag",
    "flags_of",
    "mark_due",
    "open_or_resume_revision",
    "open_revision",
    "plans_due",
    "resolve_flag",
]
