"""What the plan's Word file needs from the database, read in one transaction: the version, the
document it was imported from, the first stored version (whose steps point into that document),
the version it was revised from, the findings that asked for each change, and who approved
what (display names). The file itself is built by plans.word_export.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from access import policy
from access.policy import Actor
from db.connection import transaction
from db.plans_content import load_content
from db.plans_lookup import (
    VersionInfo,
    fetch_plan,
    fetch_version,
    plan_resource,
    require_version,
    version_resource,
)
from db.users_records import display_names
from plans.model import Plan

RELEASED = ("published", "superseded")


@dataclass(frozen=True)
class WordSources:
    info: VersionInfo
    target: Plan
    original: tuple[str, bytes] | None  # (file name, bytes); None: none, or not for this reader
    first: Plan | None  # the plan as first stored from `original`
    base: Plan | None  # the version `target` was revised from
    base_number: int | None
    # the revision's flags: (kind "step"/"role", item id, finding title, the owner's note)
    flags: tuple[tuple[str, str, str, str], ...] = ()
    names: dict[str, str] = field(default_factory=dict)  # user name -> display name
    # released versions up to this one: (number, approved on, approver's name, revised from)
    history: tuple[tuple[int, str, str, int | None], ...] = ()

    def person(self, username: str | None) -> str:
        return self.names.get(username or "", username or "")


def word_sources(
    conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int, *, document: bool = True
) -> WordSources:
    """Everything plans.word_export.plan_word needs for one version (without the document's
    bytes when not `document`: for the revision record alone).

    The original document comes only to readers allowed to see it (plan.read_source); others get
    the plan's own sections. Raises: NotFoundError (also when the actor may not read it).
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        resource = version_resource(info, extra)
        require_version(actor, "plan.read", resource, version_id)
        target = _plan(cur, info, extra)
        row = cur.execute(
            "SELECT v.id, d.filename, CASE WHEN ? THEN d.bytes END FROM versions v JOIN documents d"
            " ON d.id = v.document_id WHERE v.plan_id = ? ORDER BY v.number LIMIT 1",
            [document, info.plan_id],
        ).fetchone()
        original = first = None
        if row is not None:
            first_info, first_extra = fetch_version(cur, row[0])
            first = target if row[0] == info.id else _plan(cur, first_info, first_extra)
            plan_row = fetch_plan(cur, info.plan_id, deleted_ok=True)
            readable = policy.allowed(
                actor, "plan.read_source", plan_resource(info.plan_id, plan_row)
            )
            if readable and row[2] is not None:
                original = (row[1], bytes(row[2]))
        base = base_number = None
        if info.base_version_id is not None:
            base_info, base_extra = fetch_version(cur, info.base_version_id)
            base = _plan(cur, base_info, base_extra)
            base_number = base_info.number
        flags = tuple(
            (kind, item, title or "", note or "")
            for kind, item, title, note in cur.execute(
                "SELECT kind, item_id, finding_title, note FROM plan_revision_flags"
                " WHERE version_id = ? ORDER BY id",
                [version_id],
            ).fetchall()
        )
        released = cur.execute(
            "SELECT v.number, v.approved_at, v.approved_by, b.number FROM versions v"
            " LEFT JOIN versions b ON b.id = v.base_version_id WHERE v.plan_id = ?"
            " AND (v.status IN ('published', 'superseded') OR v.id = ?) AND v.number <= ?"
            " ORDER BY v.number",
            [info.plan_id, version_id, info.number],
        ).fetchall()
        people = {info.approved_by, info.created_by, info.updated_by} | {r[2] for r in released}
        names = display_names(cur, people)
    history = tuple(
        (
            number,
            approved_at.date().isoformat() if approved_at else "",
            names.get(approved_by or "", approved_by or ""),
            base,
        )
        for number, approved_at, approved_by, base in released
    )
    return WordSources(info, target, original, first, base, base_number, flags, names, history)


def _plan(cur, info: VersionInfo, extra: dict) -> Plan:
    meta = {
        "title": info.title,
        "language": info.language,
        "kind": info.kind,
        "warnings": extra["warnings"],
    }
    return load_content(cur, info.id, meta)


__all__ = ["RELEASED", "WordSources", "word_sources"]
