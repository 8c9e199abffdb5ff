"""The audit log: appended in the transaction of each change, searched by admins (the CSV file is
access/audit_csv.py).

Rows are only ever inserted; nothing in db/ updates or deletes them (a test checks the code).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import duckdb

from access import policy
from access.policy import Actor
from db.connection import transaction

# "signin": lock-outs that sign-in failures start (entity id: the name tried, or the address)
ENTITIES = (
    "plan",
    "version",
    "user",
    "signin",
    "unit",
    "drill",
    "observation",
    "finding",
    "action",
)


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: dict | None
    after: dict | None
    detail: str


def record(
    cur: duckdb.DuckDBPyConnection,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | str,
    *,
    before: dict | None = None,
    after: dict | None = None,
    detail: str = "",
    now: datetime | None = None,
) -> None:
    """Append one audit row inside the caller's transaction (so it commits or rolls back with
    the change). Without `now` the transaction's start time is used."""
    if entity not in ENTITIES:
        raise ValueError(f"unknown audit entity {entity}")
    cur.execute(
        "INSERT INTO audit_log (recorded_at, actor, action, entity, entity_id, before_json,"
        " after_json, detail)"
        " VALUES (coalesce(?::TIMESTAMPTZ, current_timestamp), ?, ?, ?, ?, ?, ?, ?)",
        [now, actor.username, action, entity, str(entity_id), _json(before), _json(after), detail],
    )


def authors_of_version(cur: duckdb.DuckDBPyConnection, version_id: int) -> set[str]:
    """Everyone the audit log shows creating, editing or submitting a version."""
    rows = cur.execute(
        "SELECT DISTINCT actor FROM audit_log WHERE entity = 'version' AND entity_id = ?"
        " AND action IN ('version.new_draft', 'version.save', 'version.submit')",
        [str(version_id)],
    ).fetchall()
    return {row[0] for row in rows}


def search_audit(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    *,
    text: str = "",
    action: str | None = None,
    entity: str | None = None,
    user: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """Audit rows, newest first. `text` matches (case-insensitive, literally) the actor, action,
    entity id, before/after and detail; `action` is exact, or a prefix when it ends with "."
    ("user."); `since` is inclusive, `until` exclusive.

    Raises: NotAllowedError unless the actor may read the audit log (admin).
    """
    policy.require(actor, "audit.read")
    text = (text or "").strip()
    prefix = action if action and action.endswith(".") else None
    exact = None if prefix else action
    params = [
        text,
        text,
        exact,
        exact,
        prefix,
        prefix,
        entity,
        entity,
        user,
        user,
        since,
        since,
        until,
        until,
        max(0, int(limit)),
    ]
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(_SEARCH, params).fetchall()
    return [_entry(row) for row in rows]


_SEARCH = """
SELECT id, recorded_at, actor, action, entity, entity_id, before_json, after_json, detail
FROM audit_log
WHERE (? = '' OR position(lower(?) IN lower(concat_ws(' ', actor, action, entity_id,
          coalesce(before_json, ''), coalesce(after_json, ''), detail))) > 0)
  AND (?::VARCHAR IS NULL OR action = ?)
  AND (?::VARCHAR IS NULL OR starts_with(action, ?))
  AND (?::VARCHAR IS NULL OR entity = ?)
  AND (?::VARCHAR IS NULL OR actor = ?)
  AND (?::TIMESTAMPTZ IS NULL OR recorded_at >= ?)
  AND (?::TIMESTAMPTZ IS NULL OR recorded_at < ?)
ORDER BY id DESC
LIMIT ?
"""


def _json(value: dict | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)


def _entry(row: tuple) -> AuditEntry:
    before = json.loads(row[6]) if row[6] else None
    after = json.loads(row[7]) if row[7] else None
    return AuditEntry(*row[:6], before=before, after=after, detail=row[8])


__all__ = ["AuditEntry", "authors_of_version", "record", "search_audit"]
