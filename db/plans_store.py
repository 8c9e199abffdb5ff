"""The plan store: import, documents, listing, loading, deleting; re-exports version work."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import duckdb

from db.connection import transaction
from db.errors import DuplicateDocumentError, StoreError
from db.plans_content import insert_content, load_content, validate_plan, warnings_json
from db.plans_versions import (
    VersionInfo,
    approve,
    fetch_plan,
    fetch_version,
    list_versions,
    new_draft,
    plan_resource,
    return_to_draft,
    save_version,
    submit_for_review,
    version_info,
    version_resource,
)
from plans import access
from plans.access import Actor, require
from plans.model import Plan


@dataclass(frozen=True)
class ImportResult:
    plan_id: int
    version_id: int


@dataclass(frozen=True)
class PlanSummary:
    """One line of the plans list: the plan as its newest version describes it."""

    plan_id: int
    title: str
    kind: str
    language: str
    latest_version_id: int
    latest_version_number: int
    latest_status: str
    published_version_id: int | None
    updated_at: datetime
    updated_by: str
    n_roles: int
    n_steps: int


def import_plan(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    plan: Plan,
    *,
    document: bytes,
    filename: str,
    now: datetime,
    allow_duplicate: bool = False,
) -> ImportResult:
    """Store a new plan with its source document and a first draft version, all or nothing.

    Raises: DuplicateDocumentError (params plan_id, version_id, title, deleted) when the same
    bytes were imported before, unless `allow_duplicate`; PlanValidationError for an empty
    title or repeated ids.
    """
    require(actor, "plan.create", {"unit": actor.unit, "created_by": actor.username})
    validate_plan(plan, references=False)
    digest = hashlib.sha256(document).hexdigest()
    try:
        with conn.cursor() as cur, transaction(cur):
            existing = _document_by_hash(cur, digest)
            if existing and not allow_duplicate:
                raise _duplicate(existing)
            plan_id = _insert_plan(cur, actor, plan, now)
            document_id = (
                existing["document_id"]
                if existing
                else _insert_document(cur, actor, plan_id, document, digest, filename, now)
            )
            version_id = _insert_first_version(cur, actor, plan_id, plan, document_id, now)
            insert_content(cur, version_id, plan)
    except StoreError as exc:
        if exc.key == "db.constraint" and not allow_duplicate:
            # Another session stored the same bytes between our check and our insert.
            with conn.cursor() as cur:
                existing = _document_by_hash(cur, digest)
            if existing:
                raise _duplicate(existing) from exc
        raise
    return ImportResult(plan_id=plan_id, version_id=version_id)


def find_document(conn: duckdb.DuckDBPyConnection, actor: Actor, sha256: str) -> dict | None:
    """The stored document with this SHA-256 (hex): document_id, plan_id, version_id, title,
    filename, size, uploaded_at, uploaded_by, deleted; None when there is none."""
    with conn.cursor() as cur, transaction(cur):
        found = _document_by_hash(cur, sha256)
        if found:
            require(
                actor,
                "plan.read",
                {
                    "plan_id": found["plan_id"],
                    "title": found["title"],
                    "unit": found["unit"],
                    "created_by": found["created_by"],
                },
            )
    return found


def get_document(
    conn: duckdb.DuckDBPyConnection, actor: Actor, plan_id: int
) -> tuple[str, bytes] | None:
    """(filename, bytes) of the document the plan was imported from; None when it has none.

    Raises: NotFoundError for an unknown plan; NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        plan_row = fetch_plan(cur, plan_id, deleted_ok=True)
        require(actor, "plan.read", plan_resource(plan_id, plan_row))
        row = cur.execute(
            "SELECT d.filename, d.bytes FROM versions v JOIN documents d ON d.id = v.document_id"
            " WHERE v.plan_id = ? ORDER BY v.number LIMIT 1",
            [plan_id],
        ).fetchone()
    return None if row is None else (row[0], bytes(row[1]))


_SUMMARY_QUERY = """
SELECT p.id, v.title, v.kind, v.language, v.id, v.number, v.status,
       (SELECT pub.id FROM versions pub WHERE pub.plan_id = p.id AND pub.status = 'published'),
       v.updated_at, v.updated_by,
       (SELECT count(*) FROM roles r WHERE r.version_id = v.id),
       (SELECT count(*) FROM steps s WHERE s.version_id = v.id),
       p.unit, p.created_by
FROM plans p
JOIN versions v ON v.plan_id = p.id
 AND v.number = (SELECT max(number) FROM versions x WHERE x.plan_id = p.id)
WHERE NOT p.deleted
  AND (? = '' OR position(lower(?) IN lower(v.title)) > 0
       OR EXISTS (SELECT 1 FROM roles r WHERE r.version_id = v.id
                  AND position(lower(?) IN lower(r.name)) > 0)
       OR EXISTS (SELECT 1 FROM steps s WHERE s.version_id = v.id
                  AND position(lower(?) IN lower(s.name)) > 0))
  AND (? IS NULL OR v.kind = ?)
  AND (? IS NULL OR v.status = ?)
  AND (? IS NULL OR v.language = ?)
ORDER BY v.updated_at DESC, p.id DESC
"""


def list_plans(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    *,
    search: str = "",
    kind: str | None = None,
    status: str | None = None,
    language: str | None = None,
) -> list[PlanSummary]:
    """The plans the actor may read, newest change first, not deleted.

    `search` matches the title or a role or step name (case-insensitive); `kind`, `status` and
    `language` filter on the newest version.
    """
    require(actor, "plan.read")
    search = (search or "").strip()
    params = [search] * 4 + [kind, kind, status, status, language, language]
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(_SUMMARY_QUERY, params).fetchall()
    return [
        PlanSummary(*row[:12])
        for row in rows
        if access.allowed(
            actor,
            "plan.read",
            {"plan_id": row[0], "title": row[1], "unit": row[12], "created_by": row[13]},
        )
    ]


def load_version(conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int) -> Plan:
    """The plan content stored for a version, exactly as it was saved.

    Versions of deleted plans still load (drills keep pointing at them).
    Raises: NotFoundError; NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require(actor, "plan.read", version_resource(info, extra))
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


def _set_deleted(conn, actor: Actor, plan_id: int, deleted: bool, now: datetime | None) -> None:
    with conn.cursor() as cur, transaction(cur):
        plan_row = fetch_plan(cur, plan_id, deleted_ok=True)
        require(actor, "plan.delete", plan_resource(plan_id, plan_row))
        cur.execute(
            "UPDATE plans SET deleted = ?, deleted_at = ?, deleted_by = ? WHERE id = ?",
            [deleted, now if deleted else None, actor.username if deleted else None, plan_id],
        )


def _document_by_hash(cur, digest: str) -> dict | None:
    row = cur.execute(
        "SELECT d.id, d.plan_id, p.title, d.filename, d.size, d.uploaded_at, d.uploaded_by,"
        " p.deleted, p.unit, p.created_by,"
        " (SELECT max(v.id) FROM versions v WHERE v.plan_id = d.plan_id"
        "  AND v.number = (SELECT max(number) FROM versions x WHERE x.plan_id = d.plan_id))"
        " FROM documents d JOIN plans p ON p.id = d.plan_id WHERE d.sha256 = ?",
        [digest],
    ).fetchone()
    if row is None:
        return None
    names = (
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
        "version_id",
    )
    return dict(zip(names, row))


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


def _insert_plan(cur, actor: Actor, plan: Plan, now: datetime) -> int:
    return cur.execute(
        "INSERT INTO plans (title, kind, language, unit, created_at, created_by)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        [plan.title, plan.kind, plan.language, actor.unit, now, actor.username],
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
    "submit_for_review",
    "version_info",
]
