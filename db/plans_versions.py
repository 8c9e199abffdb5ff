"""Plan versions: their facts, saving drafts, and the draft → in_review → published cycle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

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
    validate_plan,
    warnings_json,
)
from plans.access import Actor, require
from plans.model import Plan

# The one user allowed to approve their own versions until accounts exist (issue 3).
SINGLE_USER = "local"
# Every change of a version row adds 1 to its `revision`, so save_version can tell that someone
# else saved, submitted or returned the version since the editor loaded it.


@dataclass(frozen=True)
class VersionInfo:
    """The facts of one version, without its content."""

    id: int
    plan_id: int
    number: int
    status: str
    revision: int
    title: str
    kind: str
    language: str
    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime
    submitted_by: str | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    returned_by: str | None
    returned_at: datetime | None
    base_version_id: int | None
    note: str
    document_id: int | None
    n_roles: int
    n_steps: int


_INFO_COLUMNS = (
    "v.id, v.plan_id, v.number, v.status, v.revision, v.title, v.kind, v.language,"
    " v.created_by, v.created_at, v.updated_by, v.updated_at, v.submitted_by, v.submitted_at,"
    " v.approved_by, v.approved_at, v.returned_by, v.returned_at, v.base_version_id, v.note,"
    " v.document_id,"
    " (SELECT count(*) FROM roles r WHERE r.version_id = v.id),"
    " (SELECT count(*) FROM steps s WHERE s.version_id = v.id)"
)
_INFO_FROM = " FROM versions v JOIN plans p ON p.id = v.plan_id"
_PLAN_COLUMNS = ", p.unit, p.created_by, p.deleted, v.warnings"


def version_info(conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int) -> VersionInfo:
    """The facts of one version.

    Raises: NotFoundError; NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require(actor, "plan.read", version_resource(info, extra))
    return info


def list_versions(conn: duckdb.DuckDBPyConnection, actor: Actor, plan_id: int) -> list[VersionInfo]:
    """Every version of a plan, newest first.

    Raises: NotFoundError for an unknown or deleted plan; NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        plan_row = fetch_plan(cur, plan_id)
        require(actor, "plan.read", plan_resource(plan_id, plan_row))
        rows = cur.execute(
            f"SELECT {_INFO_COLUMNS}{_INFO_FROM} WHERE v.plan_id = ? ORDER BY v.number DESC",
            [plan_id],
        ).fetchall()
    return [VersionInfo(*row) for row in rows]


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
    PlanValidationError for a plan that refers to missing items or repeats ids; NotFoundError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require(actor, "plan.edit", version_resource(info, extra))
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
    Raises: InvalidTransitionError; NotFoundError when the version is not one of this plan's.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, from_version_id)
        if info.plan_id != plan_id:
            raise NotFoundError("db.version_not_found", version_id=from_version_id)
        require(actor, "plan.edit", version_resource(info, extra))
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
    return new_id


def submit_for_review(
    conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int, now: datetime
) -> None:
    """Send a draft for approval; it becomes read-only.

    Raises: InvalidTransitionError unless the version is a draft; NotFoundError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require(actor, "plan.submit", version_resource(info, extra))
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


def return_to_draft(
    conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int, now: datetime, note: str = ""
) -> None:
    """Send a version in review back to draft, with the reviewer's `note`.

    The submitter withdrawing needs plan.submit; anyone else needs plan.approve.
    Raises: InvalidTransitionError unless the version is in review; NotFoundError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        action = "plan.submit" if actor.username == info.submitted_by else "plan.approve"
        require(actor, action, version_resource(info, extra))
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


def approve(conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int, now: datetime) -> None:
    """Publish a version in review; the plan's previously published version becomes superseded.

    Whoever created or submitted the version may not approve it (except the single local user).
    Raises: InvalidTransitionError unless in review, or "db.approve_own"; NotFoundError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require(actor, "plan.approve", version_resource(info, extra))
        _refuse_deleted(info, extra)
        _expect_status(info, "in_review", "db.transition.approve")
        if actor.username != SINGLE_USER and actor.username in (info.created_by, info.submitted_by):
            raise InvalidTransitionError("db.approve_own", number=info.number)
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


def fetch_version(cur: duckdb.DuckDBPyConnection, version_id: int) -> tuple[VersionInfo, dict]:
    """The version's facts and its plan's (unit, created_by, deleted, warnings).

    Raises: NotFoundError.
    """
    row = cur.execute(
        f"SELECT {_INFO_COLUMNS}{_PLAN_COLUMNS}{_INFO_FROM} WHERE v.id = ?", [version_id]
    ).fetchone()
    if row is None:
        raise NotFoundError("db.version_not_found", version_id=version_id)
    n = len(VersionInfo.__dataclass_fields__)
    unit, created_by, deleted, warnings = row[n:]
    extra = {"unit": unit, "plan_created_by": created_by, "deleted": deleted, "warnings": warnings}
    return VersionInfo(*row[:n]), extra


def fetch_plan(cur: duckdb.DuckDBPyConnection, plan_id: int, *, deleted_ok: bool = False) -> tuple:
    """(title, unit, created_by, deleted) of a plan.

    Raises: NotFoundError for an unknown plan, or a deleted one unless `deleted_ok`.
    """
    row = cur.execute(
        "SELECT title, unit, created_by, deleted FROM plans WHERE id = ?", [plan_id]
    ).fetchone()
    if row is None or (row[3] and not deleted_ok):
        raise NotFoundError("db.plan_not_found", plan_id=plan_id)
    return row


def plan_resource(plan_id: int, plan_row: tuple) -> dict:
    """What the access policy is told about a plan."""
    return {
        "plan_id": plan_id,
        "title": plan_row[0],
        "unit": plan_row[1],
        "created_by": plan_row[2],
    }


def version_resource(info: VersionInfo, extra: dict) -> dict:
    """What the access policy is told about a version."""
    return {
        "plan_id": info.plan_id,
        "title": info.title,
        "unit": extra["unit"],
        "created_by": extra["plan_created_by"],
        "version_id": info.id,
        "status": info.status,
        "author": info.created_by,
    }


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


__all__ = [
    "VersionInfo",
    "approve",
    "list_versions",
    "new_draft",
    "return_to_draft",
    "save_version",
    "submit_for_review",
    "version_info",
]
