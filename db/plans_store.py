"""The plan store: import, documents, loading, deleting; re-exports listing and version work.

Every call asks the access policy (access/policy.py); a plan or version the actor may not read
is reported exactly like a missing one. Every change is written to the audit log in its
transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import duckdb

from access import policy
from access.policy import Actor
from db import audit_store
from db.connection import transaction
from db.errors import DuplicateDocumentError, StoreError
from db.plans_content import insert_content, load_content, warnings_json
from db.plans_list import PlanSummary, list_plans
from db.plans_lookup import (
    fetch_plan,
    fetch_version,
    plan_resource,
    require_plan,
    require_version,
    version_resource,
)
from db.plans_versions import (
    VersionInfo,
    approve,
    list_versions,
    new_draft,
    return_to_draft,
    save_version,
    submit_for_review,
    version_info,
    version_permissions,
)
from plans.model import Plan
from plans.validity import validate_plan


@dataclass(frozen=True)
class ImportResult:
    plan_id: int
    version_id: int


def import_plan(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    plan: Plan,
    *,
    document: bytes,
    filename: str,
    now: datetime,
    allow_duplicate: bool = False,
    unit: str | None = None,
) -> ImportResult:
    """Store a new plan with its source document and a first draft version, all or nothing.

    The plan belongs to `unit`, by default the importer's (only admins import for another).
    Raises: DuplicateDocumentError (params plan_id, version_id, title, deleted) when the same
    bytes were imported before as a plan the actor can read, unless `allow_duplicate`;
    PlanValidationError for an empty title or repeated ids; NotAllowedError.
    """
    unit = actor.unit if unit is None else unit.strip()
    policy.require(actor, "plan.create", {"unit": unit, "created_by": actor.username})
    validate_plan(plan, references=False)
    digest = hashlib.sha256(document).hexdigest()
    try:
        with conn.cursor() as cur, transaction(cur):
            uses = _document_uses(cur, digest)
            seen = _first_readable(actor, uses)
            if seen and not allow_duplicate:
                raise _duplicate(seen)
            plan_id = _insert_plan(cur, actor, plan, unit, now)
            document_id = (
                uses[0]["document_id"]
                if uses
                else _insert_document(cur, actor, plan_id, document, digest, filename, now)
            )
            version_id = _insert_first_version(cur, actor, plan_id, plan, document_id, now)
            insert_content(cur, version_id, plan)
            after = {
                "title": plan.title,
                "kind": plan.kind,
                "language": plan.language,
                "unit": unit,
                "version_id": version_id,
                "filename": filename,
                "n_roles": len(plan.roles),
                "n_steps": len(plan.steps),
            }
            audit_store.record(cur, actor, "plan.import", "plan", plan_id, after=after, now=now)
    except StoreError as exc:
        if exc.key == "db.constraint" and not allow_duplicate:
            # Another session stored the same bytes between our check and our insert.
            with conn.cursor() as cur:
                seen = _first_readable(actor, _document_uses(cur, digest))
            if seen:
                raise _duplicate(seen) from exc
        raise
    return ImportResult(plan_id=plan_id, version_id=version_id)


def find_document(conn: duckdb.DuckDBPyConnection, actor: Actor, sha256: str) -> dict | None:
    """The newest plan the actor can read that was imported from the document with this
    SHA-256 (hex): document_id, plan_id, version_id, title, filename, size, uploaded_at,
    uploaded_by, deleted; None when there is none."""
    with conn.cursor() as cur, transaction(cur):
        return _first_readable(actor, _document_uses(cur, sha256))


def get_document(
    conn: duckdb.DuckDBPyConnection, actor: Actor, plan_id: int
) -> tuple[str, bytes] | None:
    """(filename, bytes) of the document the plan was imported from; None when it has none.

    Raises: NotFoundError for an unknown plan or one the actor may not read; NotAllowedError
    for readers of published versions only (the source may differ from what was published).
    """
    with conn.cursor() as cur, transaction(cur):
        plan_row = fetch_plan(cur, plan_id, deleted_ok=True)
        require_plan(actor, "plan.read_source", plan_resource(plan_id, plan_row))
        row = cur.execute(
            "SELECT d.filename, d.bytes FROM versions v JOIN documents d ON d.id = v.document_id"
            " WHERE v.plan_id = ? ORDER BY v.number LIMIT 1",
            [plan_id],
        ).fetchone()
    return None if row is None else (row[0], bytes(row[1]))


def load_version(conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int) -> Plan:
    """The plan content stored for a version, exactly as it was saved.

    Versions of deleted plans still load (drills keep pointing at them).
    Raises: NotFoundError (also when the actor may not read the version).
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.read", version_resource(info, extra), version_id)
        meta = {
            "title": info.title,
            "language": info.language,
            "kind": info.kind,
            "warnings": extra["warnings"],
        }
        return load_content(cur, version_id, meta)


def delete_plan(
    conn: duckdb.DuckDBPyConnection, actor: Actor, plan_id: int, *, now: datetime | None = None
) -> None:
    """Move a plan to the bin: hidden from lists and closed to changes, undone by restore_plan.

    Raises: NotFoundError; NotAllowedError.
    """
    _set_deleted(conn, actor, plan_id, True, now)


def restore_plan(
    conn: duckdb.DuckDBPyConnection, actor: Actor, plan_id: int, *, now: datetime | None = None
) -> None:
    """Undo delete_plan.

    Raises: NotFoundError; NotAllowedError.
    """
    _set_deleted(conn, actor, plan_id, False, now)


def set_plan_unit(
    conn: duckdb.DuckDBPyConnection, actor: Actor, plan_id: int, unit: str, *, now: datetime
) -> None:
    """Move a plan to another organisation unit (admins; e.g. plans stored before accounts).

    Raises: NotFoundError; NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        plan_row = fetch_plan(cur, plan_id, deleted_ok=True)
        require_plan(actor, "plan.set_unit", plan_resource(plan_id, plan_row))
        cur.execute("UPDATE plans SET unit = ? WHERE id = ?", [unit.strip(), plan_id])
        audit_store.record(
            cur,
            actor,
            "plan.set_unit",
            "plan",
            plan_id,
            before={"unit": plan_row[1]},
            after={"unit": unit.strip()},
            now=now,
        )


def _set_deleted(conn, actor: Actor, plan_id: int, deleted: bool, now: datetime | None) -> None:
    with conn.cursor() as cur, transaction(cur):
        plan_row = fetch_plan(cur, plan_id, deleted_ok=True)
        require_plan(actor, "plan.delete", plan_resource(plan_id, plan_row))
        if plan_row[3] == deleted:
            return
        cur.execute(
            "UPDATE plans SET deleted = ?, deleted_at = ?, deleted_by = ? WHERE id = ?",
            [deleted, now if deleted else None, actor.username if deleted else None, plan_id],
        )
        action = "plan.delete" if deleted else "plan.restore"
        audit_store.record(
            cur,
            actor,
            action,
            "plan",
            plan_id,
            before={"deleted": plan_row[3]},
            after={"deleted": deleted},
            detail=plan_row[0],
            now=now,
        )


_USE_FIELDS = (
    "document_id",
    "plan_id",
    "title",
    "filename",
    "size",
    "uploaded_at",
    "uploaded_by",
    "deleted",
    "unit",
    "created_by",
    "released",
    "version_id",
)
_RESOURCE_FIELDS = ("plan_id", "title", "unit", "created_by", "released")


def _document_uses(cur, digest: str) -> list[dict]:
    """Every plan imported from the document with this hash, newest first."""
    rows = cur.execute(
        "SELECT DISTINCT d.id, p.id, p.title, d.filename, d.size, d.uploaded_at, d.uploaded_by,"
        " p.deleted, p.unit, p.created_by,"
        " EXISTS (SELECT 1 FROM versions r WHERE r.plan_id = p.id"
        "  AND r.status IN ('published', 'superseded')),"
        " (SELECT max(x.id) FROM versions x WHERE x.plan_id = p.id)"
        " FROM documents d JOIN versions v ON v.document_id = d.id JOIN plans p ON p.id = v.plan_id"
        " WHERE d.sha256 = ? ORDER BY p.id DESC",
        [digest],
    ).fetchall()
    return [dict(zip(_USE_FIELDS, row)) for row in rows]


def _first_readable(actor: Actor, uses: list[dict]) -> dict | None:
    for use in uses:
        if policy.allowed(actor, "plan.read", {k: use[k] for k in _RESOURCE_FIELDS}):
            return {k: v for k, v in use.items() if k not in ("unit", "created_by", "released")}
    return None


def _duplicate(existing: dict) -> DuplicateDocumentError:
    key = "db.duplicate_document_deleted" if existing["deleted"] else "db.duplicate_document"
    return DuplicateDocumentError(
        key,
        plan_id=existing["plan_id"],
        version_id=existing["version_id"],
        title=existing["title"],
        filename=existing["filename"],
        deleted=existing["deleted"],
    )


def _insert_plan(cur, actor: Actor, plan: Plan, unit: str, now: datetime) -> int:
    return cur.execute(
        "INSERT INTO plans (title, kind, language, unit, created_at, created_by)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        [plan.title, plan.kind, plan.language, unit, now, actor.username],
    ).fetchone()[0]


def _insert_document(
    cur, actor: Actor, plan_id: int, document: bytes, digest: str, filename: str, now: datetime
) -> int:
    return cur.execute(
        "INSERT INTO documents (plan_id, filename, sha256, size, bytes, uploaded_at, uploaded_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [plan_id, filename, digest, len(document), document, now, actor.username],
    ).fetchone()[0]


def _insert_first_version(
    cur, actor: Actor, plan_id: int, plan: Plan, document_id: int, now: datetime
) -> int:
    return cur.execute(
        "INSERT INTO versions (plan_id, number, status, revision, title, kind, language, warnings,"
        " created_by, created_at, updated_by, updated_at, document_id)"
        " VALUES (?, 1, 'draft', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            plan_id,
            plan.title,
            plan.kind,
            plan.language,
            warnings_json(plan),
            actor.username,
            now,
            actor.username,
            now,
            document_id,
        ],
    ).fetchone()[0]


__all__ = [
    "ImportResult",
    "PlanSummary",
    "VersionInfo",
    "approve",
    "delete_plan",
    "find_document",
    "get_document",
    "import_plan",
    "list_plans",
    "list_versions",
    "load_version",
    "new_draft",
    "restore_plan",
    "return_to_draft",
    "save_version",
    "set_plan_unit",
    "submit_for_review",
    "version_info",
    "version_permissions",
]
