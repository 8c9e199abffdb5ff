"""Plan versions: their facts, saving drafts, and the draft → in_review → published cycle.

Every change is checked by the access policy and written to the audit log in its transaction.
A version the actor may not read is reported exactly like a missing one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import duckdb

from access.policy import Actor
from db import audit_store
from db.connection import transaction
from db.errors import (
    InvalidTransitionError,
    NotFoundError,
    ReadOnlyVersionError,
    VersionConflictError,
)
from db.plans_content import (
    copy_content,
    delete_content,
    insert_content,
    warnings_json,
)
from db.plans_lookup import (
    VERSION_ACTIONS,
    VersionInfo,
    fetch_version,
    full_version_resource,
    list_versions,
    require_version,
    version_info,
    version_permissions,
    version_resource,
    version_view,
)
from db.plans_waivers import errors_of_version, reasons_for, store_waivers
from plans.model import Plan
from plans.validity import validate_plan

# Every change of a version row adds 1 to its `revision`, so save_version can tell that someone
# else saved, submitted or returned the version since the editor loaded it.


def save_version(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    version_id: int,
    plan: Plan,
    *,
    expected_revision: int,
    now: datetime,
) -> int:
    """Replace a draft's content with `plan` in one transaction; return the new revision.

    Raises: ReadOnlyVersionError when the version is not a draft; VersionConflictError when
    its revision is not `expected_revision` (someone saved in between: nothing is overwritten);
    PlanValidationError for a plan that refers to missing items or repeats ids; NotFoundError;
    NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.edit", version_resource(info, extra), version_id)
        _refuse_deleted(info, extra)
        if info.status != "draft":
            raise ReadOnlyVersionError(number=info.number, status=info.status)
        if info.revision != expected_revision:
            raise VersionConflictError(
                expected=expected_revision, actual=info.revision, updated_by=info.updated_by
            )
        validate_plan(plan)
        changed = cur.execute(
            "UPDATE versions SET revision = revision + 1, title = ?, kind = ?, language = ?,"
            " warnings = ?, updated_by = ?, updated_at = ?"
            " WHERE id = ? AND revision = ? AND status = 'draft'",
            [
                plan.title,
                plan.kind,
                plan.language,
                warnings_json(plan),
                actor.username,
                now,
                version_id,
                expected_revision,
            ],
        ).fetchone()[0]
        if changed != 1:
            raise VersionConflictError(
                expected=expected_revision, actual=info.revision, updated_by=info.updated_by
            )
        delete_content(cur, version_id)
        insert_content(cur, version_id, plan)
        cur.execute(
            "UPDATE plans SET title = ?, kind = ?, language = ? WHERE id = ?",
            [plan.title, plan.kind, plan.language, info.plan_id],
        )
        after = version_view(
            info,
            revision=expected_revision + 1,
            title=plan.title,
            n_roles=len(plan.roles),
            n_steps=len(plan.steps),
        )
        audit_store.record(
            cur,
            actor,
            "version.save",
            "version",
            version_id,
            before=version_view(info),
            after=after,
            now=now,
        )
    return expected_revision + 1


def new_draft(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    plan_id: int,
    *,
    from_version_id: int,
    now: datetime,
) -> int:
    """Copy a version of the plan into a new draft (number = newest + 1); return its id.

    A plan has at most one open version: when a draft or in-review version exists this raises
    InvalidTransitionError("db.draft_exists") whose params name it (version_id, number).
    Raises: InvalidTransitionError; NotFoundError when the version is not one of this plan's;
    NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, from_version_id)
        resource = version_resource(info, extra)
        if info.plan_id != plan_id:
            raise NotFoundError("db.version_not_found", version_id=from_version_id)
        require_version(actor, "plan.edit", resource, from_version_id)
        _refuse_deleted(info, extra)
        open_row = cur.execute(
            "SELECT id, number, status FROM versions"
            " WHERE plan_id = ? AND status IN ('draft', 'in_review') ORDER BY number DESC LIMIT 1",
            [plan_id],
        ).fetchone()
        if open_row:
            raise InvalidTransitionError(
                "db.draft_exists", version_id=open_row[0], number=open_row[1], status=open_row[2]
            )
        new_id, number = copy_to_draft(cur, actor, plan_id, from_version_id, now)
        after = version_view(
            info, number=number, status="draft", revision=1, base_version_id=from_version_id
        )
        audit_store.record(cur, actor, "version.new_draft", "version", new_id, after=after, now=now)
    return new_id


def copy_to_draft(cur, actor: Actor, plan_id: int, from_version_id: int, now: datetime):
    """Copy a version into a new draft numbered newest + 1, on the caller's cursor and
    transaction (the checks are the caller's); return (draft id, number)."""
    number = cur.execute(
        "SELECT max(number) + 1 FROM versions WHERE plan_id = ?", [plan_id]
    ).fetchone()[0]
    new_id = cur.execute(
        "INSERT INTO versions (plan_id, number, status, revision, title, kind, language,"
        " warnings, created_by, created_at, updated_by, updated_at, base_version_id,"
        " document_id)"
        " SELECT plan_id, ?, 'draft', 1, title, kind, language, warnings, ?, ?, ?, ?, id,"
        " document_id FROM versions WHERE id = ? RETURNING id",
        [number, actor.username, now, actor.username, now, from_version_id],
    ).fetchone()[0]
    copy_content(cur, from_version_id, new_id)
    return new_id, number


def submit_for_review(
    conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int, now: datetime
) -> None:
    """Send a draft for approval; it becomes read-only.

    Raises: InvalidTransitionError unless the version is a draft; NotFoundError;
    NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.submit", version_resource(info, extra), version_id)
        _refuse_deleted(info, extra)
        _expect_status(info, "draft", "db.transition.submit")
        _set_status(
            cur,
            info,
            "in_review",
            actor,
            now,
            "submitted_by = ?, submitted_at = ?",
            [actor.username, now],
        )
        _audit_status(cur, actor, "version.submit", info, "in_review", now)


def return_to_draft(
    conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int, now: datetime, note: str = ""
) -> None:
    """Send a version in review back to draft, with the reviewer's `note`.

    An author withdraws it, a reviewer returns it (access.policy: plan.return).
    Raises: InvalidTransitionError unless the version is in review; NotFoundError;
    NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.return", full_version_resource(cur, info, extra), version_id)
        _refuse_deleted(info, extra)
        _expect_status(info, "in_review", "db.transition.return")
        _set_status(
            cur,
            info,
            "draft",
            actor,
            now,
            "returned_by = ?, returned_at = ?, note = ?",
            [actor.username, now, note],
        )
        _audit_status(cur, actor, "version.return", info, "draft", now, detail=note)


def approve(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    version_id: int,
    now: datetime,
    waivers: Mapping[str, str] | None = None,
) -> None:
    """Publish a version in review; the plan's previously published version becomes superseded.

    Nobody, admins included, approves a version they created, edited or submitted. Each
    error-level check still open on the version needs a waiver: `waivers` maps its key
    (plans.checks.Finding.key) to the approver's reason; the waivers are stored with the
    version and named in the audit row, in the same transaction.
    Raises: NotAllowedError (key access.approve_own for an author); UnwaivedErrorsError naming
    the open errors without a reason; InvalidTransitionError unless in review; NotFoundError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.approve", full_version_resource(cur, info, extra), version_id)
        _refuse_deleted(info, extra)
        _expect_status(info, "in_review", "db.transition.approve")
        errors = errors_of_version(cur, info, extra)
        reasons = reasons_for(errors, waivers)
        previous = cur.execute(
            "SELECT id FROM versions WHERE plan_id = ? AND status = 'published'", [info.plan_id]
        ).fetchall()
        cur.execute(
            "UPDATE versions SET status = 'superseded', revision = revision + 1,"
            " updated_by = ?, updated_at = ? WHERE plan_id = ? AND status = 'published'",
            [actor.username, now, info.plan_id],
        )
        _set_status(
            cur,
            info,
            "published",
            actor,
            now,
            "approved_by = ?, approved_at = ?",
            [actor.username, now],
        )
        superseded = previous[0][0] if previous else None
        waived = store_waivers(cur, info.id, errors, reasons, actor, now)
        _audit_status(
            cur,
            actor,
            "version.approve",
            info,
            "published",
            now,
            superseded_version_id=superseded,
            **({"waivers": waived} if waived else {}),
        )


def _refuse_deleted(info: VersionInfo, extra: dict) -> None:
    if extra["deleted"]:
        raise NotFoundError("db.plan_not_found", plan_id=info.plan_id)


def _expect_status(info: VersionInfo, status: str, key: str) -> None:
    if info.status != status:
        raise InvalidTransitionError(key, number=info.number, status=info.status)


def _set_status(
    cur, info: VersionInfo, status: str, actor: Actor, now: datetime, assignments: str, params: list
) -> None:
    changed = cur.execute(
        f"UPDATE versions SET status = ?, revision = revision + 1, updated_by = ?, updated_at = ?,"
        f" {assignments} WHERE id = ? AND revision = ?",
        [status, actor.username, now, *params, info.id, info.revision],
    ).fetchone()[0]
    if changed != 1:
        raise VersionConflictError("db.write_conflict", detail=f"version {info.id}")


def _audit_status(
    cur,
    actor: Actor,
    action: str,
    info: VersionInfo,
    status: str,
    now: datetime,
    detail: str = "",
    **after,
) -> None:
    audit_store.record(
        cur,
        actor,
        action,
        "version",
        info.id,
        before=version_view(info),
        after=version_view(info, status=status, revision=info.revision + 1, **after),
        detail=detail,
        now=now,
    )


__all__ = [
    "VERSION_ACTIONS",
    "VersionInfo",
    "approve",
    "list_versions",
    "new_draft",
    "return_to_draft",
    "save_version",
    "submit_for_review",
    "version_info",
    "version_permissions",
]
