"""The plan-revision loop in the database: plans due for revision, revision drafts opened from
drill findings with their flagged steps and roles, and the revision record (the Word file is
read by db.plans_word and built by plans.word_export).

Every call asks the access policy; every change is audited (entity "plan" or "version") in its
transaction. Drafts are copied like plans_versions.new_draft does, inside the transaction that
stores the flags, so a revision never exists without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import duckdb

from access import policy
from access.errors import NotAllowedError
from access.policy import Actor
from access.secrecy import is_director
from db import audit_store
from db.connection import transaction
from db.drills_lookup import fetch_facts, is_lead
from db.errors import InvalidTransitionError, NotFoundError, StoreError, VersionConflictError
from db.findings_store import read_findings
from db.plans_lookup import (
    fetch_plan,
    fetch_version,
    plan_resource,
    require_plan,
    require_version,
    version_resource,
    version_view,
)
from db.plans_store import load_version
from db.plans_versions import copy_to_draft
from drills.findings import Finding, revision_findings
from drills.revision import Flag, flags_for, revision_record

_FLAG_COLUMNS = "id, kind, item_id, finding_id, finding_title, drill_id, note, resolved"


@dataclass(frozen=True)
class StoredFlag:
    """A flag as stored on a revision draft: its row id and the pure Flag."""

    id: int
    flag: Flag


@dataclass(frozen=True)
class DuePlan:
    """A plan that accepted plan-defect deficiencies of a drill mark as due for revision."""

    plan_id: int
    title: str
    drill_id: int
    finding_ids: tuple[str, ...]
    since: datetime


def mark_due(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    plan_id: int,
    drill_id: int,
    findings: Iterable[Finding],
    *,
    now: datetime,
) -> bool:
    """Mark the plan as due for revision by the drill's accepted plan-defect deficiencies (a
    repeated call adds nothing); True when the plan is due for this drill.

    Raises: NotFoundError; NotAllowedError unless a director or evaluation lead of the drill,
    or an owner of the plan; StoreError revision.wrong_plan when the drill was on another plan.
    """
    reasons = revision_findings(findings)
    with conn.cursor() as cur, transaction(cur):
        facts = fetch_facts(cur, drill_id)
        resource = plan_resource(plan_id, fetch_plan(cur, plan_id))
        require_plan(actor, "plan.read", resource)
        if not (
            is_director(actor, facts.record)
            or is_lead(actor, facts)
            or policy.allowed(actor, "plan.edit", resource)
        ):
            raise NotAllowedError("access.denied", action="plan.mark_due")
        if facts.plan_id != plan_id:
            raise StoreError("revision.wrong_plan", drill_id=drill_id, plan_id=plan_id)
        added = []
        for finding in reasons:
            row = cur.execute(
                "INSERT INTO plan_due_for_revision"
                " (plan_id, drill_id, finding_id, finding_title, since, marked_by)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING finding_id",
                [plan_id, drill_id, finding.id, finding.title, now, actor.username],
            ).fetchone()
            if row:
                added.append(row[0])
        if added:
            audit_store.record(
                cur,
                actor,
                "plan.due_for_revision",
                "plan",
                plan_id,
                after={"drill_id": drill_id, "findings": added},
                now=now,
            )
    return bool(reasons)


def plans_due(
    conn: duckdb.DuckDBPyConnection, actor: Actor, unit: str | None = None
) -> list[DuePlan]:
    """Plans of `unit` (default: the actor's) the actor may read that are due for revision: a
    drill marked them and no version opened from that drill has been published since."""
    unit = actor.unit if unit is None else unit
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            "SELECT d.plan_id, p.title, p.unit, p.created_by, d.drill_id,"
            " array_agg(d.finding_id ORDER BY d.finding_id), min(d.since)"
            " FROM plan_due_for_revision d JOIN plans p ON p.id = d.plan_id"
            " WHERE p.unit = ? AND NOT p.deleted AND NOT EXISTS ("
            "  SELECT 1 FROM plan_revision_flags f JOIN versions v ON v.id = f.version_id"
            "  WHERE v.plan_id = d.plan_id AND f.drill_id = d.drill_id"
            "  AND v.status IN ('published', 'superseded'))"
            " GROUP BY d.plan_id, p.title, p.unit, p.created_by, d.drill_id"
            " ORDER BY min(d.since), d.plan_id",
            [unit],
        ).fetchall()
    due = []
    for plan_id, title, plan_unit, created_by, drill_id, finding_ids, since in rows:
        resource = {
            "plan_id": plan_id,
            "title": title,
            "unit": plan_unit,
            "created_by": created_by,
            "released": True,
        }
        if policy.allowed(actor, "plan.read", resource):
            due.append(DuePlan(plan_id, title, drill_id, tuple(finding_ids), since))
    return due


def open_revision(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    findings: Iterable[Finding] | None = None,
    *,
    now: datetime,
) -> int:
    """Open a draft of the drill's plan, copied from its published version, with the steps and
    roles of the drill's plan-defect findings flagged; return the draft's id. All or nothing.
    Without `findings`, the drill's stored findings are read in the same transaction (a plan
    owner need not be able to read the drill's whole record).

    Raises: InvalidTransitionError revision.draft_exists (params version_id, number, status)
    when the plan already has a draft or a version in review; StoreError revision.nothing_to_flag;
    NotFoundError; NotAllowedError unless an owner of the plan.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = fetch_facts(cur, drill_id)
        base_id = _published_version(cur, facts.plan_id)
        info, extra = fetch_version(cur, base_id)
        require_version(actor, "plan.edit", version_resource(info, extra), base_id)
        if extra["deleted"]:
            raise NotFoundError("db.plan_not_found", plan_id=info.plan_id)
        _refuse_open_version(cur, info.plan_id)
        if findings is None:
            findings = _stored_findings(cur, drill_id)
        flags = flags_for(findings, drill_id=drill_id)
        if not flags:
            raise StoreError("revision.nothing_to_flag", drill_id=drill_id)
        draft_id = _copy_to_draft(cur, actor, info, now)
        for flag in flags:
            _insert_flag(cur, actor, draft_id, base_id, flag, now)
        after = version_view(
            info,
            status="draft",
            revision=1,
            base_version_id=base_id,
            number=_number_of(cur, draft_id),
        )
        audit_store.record(
            cur,
            actor,
            "version.new_draft",
            "version",
            draft_id,
            after=after,
            detail=f"drill {drill_id}",
            now=now,
        )
        audit_store.record(
            cur,
            actor,
            "version.open_revision",
            "version",
            draft_id,
            after={
                "drill_id": drill_id,
                "base_version_id": base_id,
                "flags": [_flag_view(f) for f in flags],
            },
            now=now,
        )
    return draft_id


def flags_of(conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int) -> list[StoredFlag]:
    """The flags of a revision version, in the order they were stored (empty for a version not
    opened from findings).

    Raises: NotFoundError (also when the actor may not read the version).
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.read", version_resource(info, extra), version_id)
        return _flags(cur, version_id)


def resolve_flag(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    flag_id: int,
    *,
    resolved: bool = True,
    note: str = "",
    now: datetime,
    seen: tuple[bool, str] | None = None,
) -> None:
    """Mark a flag of a draft as dealt with (or open again), with the owner's note for the record.
    `seen`: (resolved, note) as the screen showed them; changed since by someone else, nothing
    is written.

    Raises: NotFoundError (also revision.flag_not_found); InvalidTransitionError when the
    version is no longer a draft; StoreError revision.note_required when resolving without a
    note; NotAllowedError unless an owner of the plan; VersionConflictError
    revision.flag_conflict.
    """
    with conn.cursor() as cur, transaction(cur):
        row = cur.execute(
            f"SELECT version_id, {_FLAG_COLUMNS} FROM plan_revision_flags WHERE id = ?", [flag_id]
        ).fetchone()
        if row is None:
            raise NotFoundError("revision.flag_not_found", flag_id=flag_id)
        version_id, before = row[0], _stored(row[1:])
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.edit", version_resource(info, extra), version_id)
        if info.status != "draft":
            raise InvalidTransitionError(
                "db.read_only_version", number=info.number, status=info.status
            )
        if resolved and not note.strip():  # the note goes into the revision record
            raise StoreError("revision.note_required", flag_id=flag_id)
        if seen is not None and (before.flag.resolved, before.flag.note) != (seen[0], seen[1]):
            raise VersionConflictError("revision.flag_conflict", item=before.flag.item_id)
        cur.execute(
            "UPDATE plan_revision_flags SET resolved = ?, note = ? WHERE id = ?",
            [resolved, note.strip(), flag_id],
        )
        audit_store.record(
            cur,
            actor,
            "version.resolve_flag",
            "version",
            version_id,
            before=_flag_view(before.flag),
            after={**_flag_view(before.flag), "resolved": resolved, "note": note.strip()},
            detail=f"flag {flag_id}",
            now=now,
        )


def revision_record_for(
    conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int, *, lang: str | None = None
) -> list[dict[str, str]]:
    """The revision record of a published (or since superseded) revision: each flagged finding
    with what changed in its step or role since the version the revision was copied from.

    Raises: InvalidTransitionError revision.not_published; StoreError revision.not_a_revision;
    NotFoundError.
    """
    return _record(conn, actor, version_id, lang)[0]


def _record(conn, actor: Actor, version_id: int, lang: str | None):
    """(revision record, the revision's plan, its version number)."""
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.read", version_resource(info, extra), version_id)
        if info.status not in ("published", "superseded"):
            raise InvalidTransitionError("revision.not_published", status=info.status)
        stored = _flags(cur, version_id)
        base = cur.execute(
            "SELECT min(base_version_id) FROM plan_revision_flags WHERE version_id = ?",
            [version_id],
        ).fetchone()[0]
    if base is None:
        raise StoreError("revision.not_a_revision", version_id=version_id)
    old = load_version(conn, actor, base)
    new = load_version(conn, actor, version_id)
    date = info.approved_at.date().isoformat() if info.approved_at else ""
    record = revision_record(old, new, [s.flag for s in stored], lang=lang, date=date)
    return record, new, info.number


def _published_version(cur, plan_id: int) -> int:
    row = cur.execute(
        "SELECT id FROM versions WHERE plan_id = ? AND status = 'published'", [plan_id]
    ).fetchone()
    if row is None:
        raise InvalidTransitionError("revision.no_published", plan_id=plan_id)
    return row[0]


def _refuse_open_version(cur, plan_id: int) -> None:
    row = cur.execute(
        "SELECT id, number, status FROM versions"
        " WHERE plan_id = ? AND status IN ('draft', 'in_review') ORDER BY number DESC LIMIT 1",
        [plan_id],
    ).fetchone()
    if row:
        raise InvalidTransitionError(
            "revision.draft_exists", version_id=row[0], number=row[1], status=row[2]
        )


def _copy_to_draft(cur, actor: Actor, base, now: datetime) -> int:
    """plans_versions.copy_to_draft on the caller's cursor, inside the revision's transaction."""
    return copy_to_draft(cur, actor, base.plan_id, base.id, now)[0]


def _number_of(cur, version_id: int) -> int:
    return cur.execute("SELECT number FROM versions WHERE id = ?", [version_id]).fetchone()[0]


def _insert_flag(cur, actor: Actor, draft_id: int, base_id: int, flag: Flag, now) -> None:
    cur.execute(
        "INSERT INTO plan_revision_flags (version_id, base_version_id, kind, item_id, drill_id,"
        " finding_id, finding_title, note, resolved, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)",
        [
            draft_id,
            base_id,
            flag.kind,
            flag.item_id,
            flag.drill_id,
            flag.finding_id,
            flag.finding_title,
            flag.note,
            actor.username,
            now,
        ],
    )


def _stored_findings(cur, drill_id: int) -> list[Finding]:
    """The drill's stored findings (db/findings_store), for the revision opened from them."""
    return [stored.finding for stored in read_findings(cur, drill_id)]


def _flags(cur, version_id: int) -> list[StoredFlag]:
    rows = cur.execute(
        f"SELECT {_FLAG_COLUMNS} FROM plan_revision_flags WHERE version_id = ? ORDER BY id",
        [version_id],
    ).fetchall()
    return [_stored(row) for row in rows]


def _stored(row) -> StoredFlag:
    flag_id, kind, item_id, finding_id, title, drill_id, note, resolved = row
    return StoredFlag(flag_id, Flag(kind, item_id, finding_id, title, drill_id, note, resolved))


def _flag_view(flag: Flag) -> dict:
    return {
        "kind": flag.kind,
        "item_id": flag.item_id,
        "finding_id": flag.finding_id,
        "drill_id": flag.drill_id,
        "resolved": flag.resolved,
    }


__all__ = [
    "DuePlan",
    "StoredFlag",
    "flags_of",
    "mark_due",
    "open_revision",
    "plans_due",
    "resolve_flag",
    "revision_record_for",
]
