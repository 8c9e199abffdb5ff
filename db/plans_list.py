"""The plans list: each plan the actor may read, as the newest version they may read shows it.

Readers of all versions see a plan as its newest version describes it; readers of published
versions only see plans that have one, as the published version describes them, and never
learn of plans that exist only as drafts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from access import policy
from access.policy import Actor
from db.connection import transaction


@dataclass(frozen=True)
class PlanSummary:
    """One line of the plans list: the plan as its newest readable version describes it."""

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


# One row per plan and candidate version: the newest version and the published one (the same
# row when the newest is published). Filters apply to the candidate version.
_SUMMARY_QUERY = """
SELECT p.id, v.title, v.kind, v.language, v.id, v.number, v.status,
       (SELECT pub.id FROM versions pub WHERE pub.plan_id = p.id AND pub.status = 'published'),
       v.updated_at, v.updated_by,
       (SELECT count(*) FROM roles r WHERE r.version_id = v.id),
       (SELECT count(*) FROM steps s WHERE s.version_id = v.id),
       p.unit, p.created_by,
       v.number = (SELECT max(number) FROM versions x WHERE x.plan_id = p.id) AS is_newest
FROM plans p
JOIN versions v ON v.plan_id = p.id
 AND (v.number = (SELECT max(number) FROM versions x WHERE x.plan_id = p.id)
      OR v.status = 'published')
WHERE NOT p.deleted
  AND (?::BOOLEAN OR p.unit = ANY(?::VARCHAR[]))
  AND (? = '' OR position(lower(?) IN lower(v.title)) > 0
       OR EXISTS (SELECT 1 FROM roles r WHERE r.version_id = v.id
                  AND position(lower(?) IN lower(r.name)) > 0)
       OR EXISTS (SELECT 1 FROM steps s WHERE s.version_id = v.id
                  AND position(lower(?) IN lower(s.name)) > 0))
  AND (?::VARCHAR IS NULL OR v.kind = ?)
  AND (?::VARCHAR IS NULL OR v.status = ?)
  AND (?::VARCHAR IS NULL OR v.language = ?)
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
    `language` filter on the version shown.
    """
    units = policy.readable_units(actor)
    if units is not None and not units:
        return []
    search = (search or "").strip()
    params = [units is None, sorted(units or ())]
    params += [search] * 4 + [kind, kind, status, status, language, language]
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(_SUMMARY_QUERY, params).fetchall()
    chosen: dict[int, tuple] = {}
    for row in sorted(rows, key=lambda r: not r[14]):  # the newest version first
        if row[0] not in chosen and policy.allowed(actor, "plan.read", _resource(row)):
            chosen[row[0]] = row
    ordered = sorted(chosen.values(), key=lambda r: (r[8], r[0]), reverse=True)
    return [PlanSummary(*row[:12]) for row in ordered]


def _resource(row: tuple) -> dict:
    return {
        "plan_id": row[0],
        "title": row[1],
        "unit": row[12],
        "created_by": row[13],
        "version_id": row[4],
        "status": row[6],
    }


__all__ = ["PlanSummary", "list_plans"]
