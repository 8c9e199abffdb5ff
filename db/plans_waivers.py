"""Waivers: an approver's written reason for each error-level check still open when a version is
published, kept with the version and named in the audit row of the approval."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import duckdb

from access.policy import Actor
from db.connection import transaction
from db.errors import UnwaivedErrorsError
from db.plans_content import load_content
from db.plans_lookup import VersionInfo, fetch_version, require_version, version_resource
from plans.checks import Defect, DefectsText, check_plan, open_errors


@dataclass(frozen=True)
class Waiver:
    finding: Defect
    reason: str
    waived_by: str
    waived_at: datetime


def errors_of_version(cur: duckdb.DuckDBPyConnection, info: VersionInfo, extra: dict) -> list:
    """The error-level findings of the version's stored content (the caller checked rights)."""
    meta = {
        "title": info.title,
        "language": info.language,
        "kind": info.kind,
        "warnings": extra["warnings"],
    }
    return open_errors(check_plan(load_content(cur, info.id, meta)))


def reasons_for(errors: list[Defect], waivers: Mapping[str, str] | None) -> dict[str, str]:
    """finding key -> the written reason, for every error in `errors`.

    Raises: UnwaivedErrorsError naming the errors without a reason (blank counts as none).
    """
    given = {key: (reason or "").strip() for key, reason in (waivers or {}).items()}
    missing = [f for f in errors if not given.get(f.key)]
    if missing:
        raise UnwaivedErrorsError(n=len(missing), checks=DefectsText(missing))
    return {f.key: given[f.key] for f in errors}


def store_waivers(
    cur: duckdb.DuckDBPyConnection,
    version_id: int,
    errors: list[Defect],
    reasons: dict[str, str],
    actor: Actor,
    now: datetime,
) -> list[dict]:
    """Insert one waiver row per error on the caller's transaction; return what the audit row
    keeps of them ([{"check": key, "reason": ...}])."""
    rows = {f.key: f for f in errors}  # one waiver per key, even if a check repeats
    for position, (key, finding) in enumerate(rows.items()):
        cur.execute(
            "INSERT INTO version_waivers (version_id, finding_key, position, code, target_kind,"
            " target_id, params, reason, waived_by, waived_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                version_id,
                key,
                position,
                finding.code,
                finding.target_kind,
                finding.target_id,
                json.dumps(finding.params, ensure_ascii=False, default=str),
                reasons[key],
                actor.username,
                now,
            ],
        )
    return [{"check": key, "reason": reasons[key]} for key in rows]


def list_waivers(conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int) -> list[Waiver]:
    """The waivers kept with a version, in the order they were written.

    Raises: NotFoundError (also when the actor may not read the version).
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.read", version_resource(info, extra), version_id)
        rows = cur.execute(
            "SELECT code, target_kind, target_id, params, reason, waived_by, waived_at"
            " FROM version_waivers WHERE version_id = ? ORDER BY position",
            [version_id],
        ).fetchall()
    return [
        Waiver(Defect(code, "error", kind, target, json.loads(params)), reason, by, at)
        for code, kind, target, params, reason, by, at in rows
    ]


__all__ = ["Waiver", "errors_of_version", "list_waivers", "reasons_for", "store_waivers"]
