"""The facts of plans and versions: reading them (version_info, list_versions), what the store
tells the access policy before acting, and what it writes to the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from access import policy
from access.policy import VERSION_ACTIONS, Actor
from db import audit_store
from db.connection import transaction
from db.errors import NotFoundError


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


INFO_COLUMNS = (
    "v.id, v.plan_id, v.number, v.status, v.revision, v.title, v.kind, v.language,"
    " v.created_by, v.created_at, v.updated_by, v.updated_at, v.submitted_by, v.submitted_at,"
    " v.approved_by, v.approved_at, v.returned_by, v.returned_at, v.base_version_id, v.note,"
    " v.document_id,"
    " (SELECT count(*) FROM roles r WHERE r.version_id = v.id),"
    " (SELECT count(*) FROM steps s WHERE s.version_id = v.id)"
)
INFO_FROM = " FROM versions v JOIN plans p ON p.id = v.plan_id"
_PLAN_COLUMNS = ", p.unit, p.created_by, p.deleted, v.warnings"
_RELEASED = (
    "EXISTS (SELECT 1 FROM versions r WHERE r.plan_id = p.id"
    " AND r.status IN ('published', 'superseded'))"
)


def version_info(conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int) -> VersionInfo:
    """The facts of one version.

    Raises: NotFoundError (also when the actor may not read it).
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.read", version_resource(info, extra), version_id)
    return info


def version_permissions(
    conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int
) -> frozenset[str]:
    """What the actor may do with a version (of access.policy.VERSION_ACTIONS), told the same
    resource the store tells the policy before it acts: what a page offers.

    Raises: NotFoundError (also when the actor may not read it).
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        resource = full_version_resource(cur, info, extra)
    require_version(actor, "plan.read", resource, version_id)
    return policy.allowed_actions(actor, resource, VERSION_ACTIONS)


def list_versions(conn: duckdb.DuckDBPyConnection, actor: Actor, plan_id: int) -> list[VersionInfo]:
    """The versions of a plan the actor may read, newest first.

    Raises: NotFoundError for an unknown or deleted plan, or one the actor may not read.
    """
    with conn.cursor() as cur, transaction(cur):
        plan_row = fetch_plan(cur, plan_id)
        require_plan(actor, "plan.read", plan_resource(plan_id, plan_row))
        rows = cur.execute(
            f"SELECT {INFO_COLUMNS}, p.unit, p.created_by{INFO_FROM}"
            " WHERE v.plan_id = ? ORDER BY v.number DESC",
            [plan_id],
        ).fetchall()
    n = len(VersionInfo.__dataclass_fields__)
    found = []
    for row in rows:
        info = VersionInfo(*row[:n])
        extra = {"unit": row[n], "plan_created_by": row[n + 1]}
        if policy.allowed(actor, "plan.read", version_resource(info, extra)):
            found.append(info)
    return found


def fetch_version(cur: duckdb.DuckDBPyConnection, version_id: int) -> tuple[VersionInfo, dict]:
    """The version's facts and its plan's (unit, plan_created_by, deleted, warnings).

    Raises: NotFoundError.
    """
    row = cur.execute(
        f"SELECT {INFO_COLUMNS}{_PLAN_COLUMNS}{INFO_FROM} WHERE v.id = ?", [version_id]
    ).fetchone()
    if row is None:
        raise version_not_found(version_id)
    n = len(VersionInfo.__dataclass_fields__)
    unit, created_by, deleted, warnings = row[n:]
    extra = {"unit": unit, "plan_created_by": created_by, "deleted": deleted, "warnings": warnings}
    return VersionInfo(*row[:n]), extra


def fetch_plan(cur: duckdb.DuckDBPyConnection, plan_id: int, *, deleted_ok: bool = False) -> tuple:
    """(title, unit, created_by, deleted, released) of a plan.

    Raises: NotFoundError for an unknown plan, or a deleted one unless `deleted_ok`.
    """
    row = cur.execute(
        f"SELECT title, unit, created_by, deleted, {_RELEASED} FROM plans p WHERE id = ?",
        [plan_id],
    ).fetchone()
    if row is None or (row[3] and not deleted_ok):
        raise plan_not_found(plan_id)
    return row


def plan_resource(plan_id: int, plan_row: tuple) -> dict:
    """What the access policy is told about a plan."""
    return {
        "plan_id": plan_id,
        "title": plan_row[0],
        "unit": plan_row[1],
        "created_by": plan_row[2],
        "released": bool(plan_row[4]),
    }


def version_resource(info: VersionInfo, extra: dict, authors: set[str] | None = None) -> dict:
    """What the access policy is told about a version; `authors` adds editors from the log."""
    named = {info.created_by, info.updated_by, info.submitted_by, *(authors or ())}
    return {
        "plan_id": info.plan_id,
        "title": info.title,
        "unit": extra["unit"],
        "created_by": extra["plan_created_by"],
        "version_id": info.id,
        "status": info.status,
        "authors": frozenset(name for name in named if name),
    }


def full_version_resource(cur, info: VersionInfo, extra: dict) -> dict:
    """version_resource with every author the audit log knows (for approving and returning)."""
    return version_resource(info, extra, audit_store.authors_of_version(cur, info.id))


def require_version(actor: Actor, action: str, resource: dict, version_id: int) -> None:
    """Raises: NotFoundError when the actor may not read the version; else NotAllowedError."""
    policy.require(actor, action, resource, otherwise=version_not_found(version_id))


def require_plan(actor: Actor, action: str, resource: dict) -> None:
    """Raises: NotFoundError when the actor may not read the plan; else NotAllowedError."""
    policy.require(actor, action, resource, otherwise=plan_not_found(resource["plan_id"]))


def version_not_found(version_id: int) -> NotFoundError:
    return NotFoundError("db.version_not_found", version_id=version_id)


def plan_not_found(plan_id: int) -> NotFoundError:
    return NotFoundError("db.plan_not_found", plan_id=plan_id)


def version_view(info: VersionInfo, **changes) -> dict:
    """What the audit log keeps of a version: its state and size, not its content."""
    view = {
        "plan_id": info.plan_id,
        "number": info.number,
        "status": info.status,
        "revision": info.revision,
        "title": info.title,
        "n_roles": info.n_roles,
        "n_steps": info.n_steps,
    }
    view.update(changes)
    return view


__all__ = [
    "INFO_COLUMNS",
    "INFO_FROM",
    "VERSION_ACTIONS",
    "VersionInfo",
    "fetch_plan",
    "fetch_version",
    "full_version_resource",
    "list_versions",
    "plan_not_found",
    "plan_resource",
    "require_plan",
    "require_version",
    "version_info",
    "version_not_found",
    "version_permissions",
    "version_resource",
    "version_view",
]
