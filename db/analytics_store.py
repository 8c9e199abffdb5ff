"""Looking across drills: steps most often missed or late, ratings over time, plans
and roles not drilled within their period and overdue corrective actions (drills/csv_export.py
writes them as CSV).
The queries narrow optionally to one plan (`plan_id`) and to drills ended in [`since`, `until`).
So that pages and tools need only this module, it re-exports the access check
(db/analytics_access.py), the before/after rates of revised steps (db/analytics_revisions.py)
and the writing of a drill's saved scores and item outcomes (db/analytics_scores.py).

Only ended drills whose evaluation was saved count. Readers are the overseers of the unit (admins
everywhere; managers, drill directors and evaluation leads of their own unit): those who see an
ended drill's whole record.

The step analytics are a plain group-by over `drill_item_outcomes`, which `save_scores` writes
with a drill's score summary (`drill_scores`) from the scoring engine's item results. A drill
ended without saved scores has no outcome rows and does not count in `steps_missed_or_late`,
`before_after_revision` or `revision_effects` until its evaluation is saved
(`ratings_over_time` likewise reads only saved scores; `not_drilled_within` counts every ended
drill).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb

from access.policy import Actor
from db import actions_store
from db.analytics_access import require_overseer
from db.analytics_revisions import (
    MIN_DRILLS_AFTER,
    BeforeAfter,
    before_after_revision,
    revision_effects,
)
from db.analytics_scores import save_scores
from db.connection import transaction
from i18n.glossary import SCORE_DIMENSIONS

# Days within which a plan of each kind must be drilled (unknown kinds: DEFAULT_PERIOD_DAYS).
DEFAULT_PERIODS = {
    "overall": 365,
    "comprehensive": 365,
    "special": 365,
    "department": 365,
    "onsite": 182,
    "other": 365,
}
DEFAULT_PERIOD_DAYS = 365

# The main analytics query: plain SQL that DuckDB, PostgreSQL and SQLite all run
# (bench/analytics_bench.py times it on DuckDB and SQLite). Parameters: see
# steps_missed_or_late_params.
_STEPS_MISSED_OR_LATE = """
SELECT o.plan_id, o.step_id, count(DISTINCT o.drill_id) AS drills, count(*) AS items,
       sum(CASE WHEN o.outcome = 'not_done' THEN 1 ELSE 0 END) AS missed_n,
       sum(CASE WHEN o.outcome = 'not_observed' THEN 1 ELSE 0 END) AS unobserved_n,
       sum(CASE WHEN o.late THEN 1 ELSE 0 END) AS late_n
FROM drill_item_outcomes o
JOIN drills d ON d.id = o.drill_id
JOIN drill_clock_events e ON e.drill_id = o.drill_id AND e.kind = 'end'
WHERE d.unit = ? AND (CAST(? AS BIGINT) IS NULL OR o.plan_id = ?)
  AND (CAST(? AS TIMESTAMPTZ) IS NULL OR e.happened_at >= ?)
  AND (CAST(? AS TIMESTAMPTZ) IS NULL OR e.happened_at < ?)
  AND o.step_id IS NOT NULL
GROUP BY o.plan_id, o.step_id
ORDER BY sum(CASE WHEN o.outcome IN ('not_done', 'not_observed') THEN 1 ELSE 0 END
             + CASE WHEN o.late THEN 1 ELSE 0 END) DESC, o.plan_id, o.step_id
LIMIT ?
"""


def steps_missed_or_late_sql(dialect: str = "duckdb") -> str:
    """The main analytics query in `dialect` ("duckdb", "postgres" or "sqlite": the same plain
    SQL over drill_item_outcomes, drills and drill_clock_events); its parameters come from
    `steps_missed_or_late_params`."""
    if dialect not in ("duckdb", "postgres", "sqlite"):
        raise ValueError(f"dialect {dialect}")
    return _STEPS_MISSED_OR_LATE


def steps_missed_or_late_params(
    unit: str,
    *,
    plan_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 20,
) -> list:
    """The parameters of `steps_missed_or_late_sql`, in order."""
    return [unit, plan_id, plan_id, since, since, until, until, max(0, int(limit))]


@dataclass(frozen=True)
class PlanRef:
    id: int
    title: str
    kind: str


@dataclass(frozen=True)
class StepStats:
    plan_id: int
    step_id: str
    step_name: str
    drills: int
    items: int
    missed: int
    not_observed: int
    late: int

    @property
    def miss_rate(self) -> float:
        return self.missed / self.items if self.items else 0.0

    @property
    def late_rate(self) -> float:
        return self.late / self.items if self.items else 0.0


@dataclass(frozen=True)
class RatingPoint:
    drill_id: int
    title: str
    ended_at: datetime
    key: str  # area, lead role id ("": items of no role) or "overall"
    score: float | None
    rating: str | None
    coverage: float | None
    plan_id: int | None = None
    name: str = ""  # by role: the role's name in the newest version that has it; else the key


@dataclass(frozen=True)
class NotDrilled:
    plan_id: int
    plan_title: str
    kind: str
    role_id: str | None  # None: the plan as a whole
    role_name: str
    period_days: int
    last_drilled: date | None
    due_by: date | None  # last drill + period (None: never drilled)


@dataclass(frozen=True)
class OverdueAction:
    drill_id: int
    drill_title: str
    finding_id: str
    finding_title: str
    action_id: str
    action: str
    owner: str
    due: date
    days_overdue: int
    status: str


def unit_plans(conn: duckdb.DuckDBPyConnection, actor: Actor, *, unit: str) -> list[PlanRef]:
    """The unit's plans (not deleted), by title: what the analytics can be filtered on."""
    require_overseer(actor, unit)
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            "SELECT id, title, kind FROM plans WHERE unit = ? AND NOT deleted ORDER BY title, id",
            [unit],
        ).fetchall()
    return [PlanRef(*row) for row in rows]


def steps_missed_or_late(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    *,
    unit: str,
    since: datetime | None = None,
    until: datetime | None = None,
    plan_id: int | None = None,
    limit: int = 20,
) -> list[StepStats]:
    """Per plan step, over the unit's ended drills with saved scores (drill_item_outcomes): how
    often its items were missed, not observed or late; the worst first. `since` (inclusive) and
    `until` (exclusive) bound the drill's end."""
    require_overseer(actor, unit)
    params = steps_missed_or_late_params(
        unit, plan_id=plan_id, since=since, until=until, limit=limit
    )
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(steps_missed_or_late_sql("duckdb"), params).fetchall()
        names = _newest_names(cur, "steps", {(row[0], row[1]) for row in rows})
    return [StepStats(r[0], r[1], names.get((r[0], r[1]), r[1]), *map(int, r[2:])) for r in rows]


# The name of each step or role in the newest version of its plan that has it.
_NEWEST_NAMES = {
    table: f"SELECT v.plan_id, x.id, (array_agg(x.name ORDER BY v.number DESC))[1] FROM {table} x"
    " JOIN versions v ON v.id = x.version_id WHERE v.plan_id = ANY(?) GROUP BY v.plan_id, x.id"
    for table in ("steps", "roles")
}


def _newest_names(cur, table: str, keys: set[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """(plan, step or role id) -> its name in the newest version that has it."""
    if not keys:
        return {}
    rows = cur.execute(_NEWEST_NAMES[table], [sorted({plan for plan, _ in keys})]).fetchall()
    return {(plan, key): name for plan, key, name in rows}


def ratings_over_time(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    *,
    unit: str,
    by: str = "area",
    plan_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[RatingPoint]:
    """The saved scores of the unit's ended drills per area, lead role or overall, oldest drill
    first; `since` (inclusive) and `until` (exclusive) bound the drill's end. By role, each
    point carries the role's name."""
    if by not in SCORE_DIMENSIONS:
        raise ValueError(f"ratings by {by}")
    require_overseer(actor, unit)
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            "SELECT d.id, d.title, e.happened_at, s.key, s.score, s.rating, s.coverage, d.plan_id"
            " FROM drill_scores s JOIN drills d ON d.id = s.drill_id"
            " JOIN drill_clock_events e ON e.drill_id = d.id AND e.kind = 'end'"
            " WHERE d.unit = ? AND s.dimension = ? AND (?::BIGINT IS NULL OR d.plan_id = ?)"
            "   AND (?::TIMESTAMPTZ IS NULL OR e.happened_at >= ?)"
            "   AND (?::TIMESTAMPTZ IS NULL OR e.happened_at < ?)"
            " ORDER BY e.happened_at, d.id, s.key",
            [unit, by, plan_id, plan_id, since, since, until, until],
        ).fetchall()
        keys = {(row[7], row[3]) for row in rows} if by == "role" else set()
        names = _newest_names(cur, "roles", keys)
    return [
        RatingPoint(*row[:7], plan_id=row[7], name=names.get((row[7], row[3]), row[3]))
        for row in rows
    ]


def not_drilled_within(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    *,
    unit: str,
    today: date,
    periods: Mapping[str, int] | None = None,
    plan_id: int | None = None,
) -> list[NotDrilled]:
    """The unit's plans (with a published version; only `plan_id` if given), and the roles of
    that version, whose last ended drill is older than the period of the plan's kind
    (`periods` over DEFAULT_PERIODS), or that were never drilled. A drill exercises the roles it
    names (none named: all of the plan's roles)."""
    require_overseer(actor, unit)
    periods = {**DEFAULT_PERIODS, **(periods or {})}
    with conn.cursor() as cur, transaction(cur):
        plans = cur.execute(
            "SELECT p.id, p.title, p.kind, max(v.id) FROM plans p"
            " JOIN versions v ON v.plan_id = p.id AND v.status = 'published'"
            " WHERE p.unit = ? AND NOT p.deleted AND (?::BIGINT IS NULL OR p.id = ?)"
            " GROUP BY p.id, p.title, p.kind ORDER BY p.id",
            [unit, plan_id, plan_id],
        ).fetchall()
        version_ids = [row[3] for row in plans]
        roles = (
            cur.execute(
                "SELECT version_id, id, name FROM roles WHERE version_id = ANY(?) ORDER BY position",
                [version_ids],
            ).fetchall()
            if version_ids
            else []
        )
        drills = cur.execute(
            "SELECT d.plan_id, d.participating_roles, e.happened_at FROM drills d"
            " JOIN drill_clock_events e ON e.drill_id = d.id AND e.kind = 'end'"
            " WHERE d.unit = ?",
            [unit],
        ).fetchall()
    last_plan: dict[int, date] = {}
    last_role: dict[tuple[int, str], date] = {}
    for plan, named, ended in drills:
        day = ended.date()
        last_plan[plan] = max(last_plan.get(plan, day), day)
        for role in json.loads(named) or ["*"]:
            last_role[(plan, role)] = max(last_role.get((plan, role), day), day)
    out = []
    for plan, title, kind, version_id in plans:
        period = int(periods.get(kind, DEFAULT_PERIOD_DAYS))
        subjects = [(None, title, last_plan.get(plan))]
        for v, role_id, name in roles:
            if v == version_id:
                found = [last_role.get((plan, role_id)), last_role.get((plan, "*"))]
                subjects.append((role_id, name, max((d for d in found if d), default=None)))
        for role_id, name, last in subjects:
            if last is None or (today - last).days > period:
                due = last + timedelta(days=period) if last else None
                out.append(NotDrilled(plan, title, kind, role_id, name, period, last, due))
    return out


def overdue_actions(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    *,
    unit: str,
    today: date,
    plan_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[OverdueAction]:
    """The unit's corrective actions past due on `today` and neither done nor verified, with
    their drill and finding, the most overdue first; `plan_id`, `since` (inclusive) and `until`
    (exclusive) narrow them to drills of that plan and ended in that time."""
    require_overseer(actor, unit)
    stored = actions_store.list_actions(conn, actor, unit=unit, overdue_on=today)
    drill_ids = sorted({a.drill_id for a in stored})
    if not drill_ids:
        return []
    with conn.cursor() as cur, transaction(cur):
        drills = {
            row[0]: row[1:]
            for row in cur.execute(
                "SELECT d.id, d.title, d.plan_id, e.happened_at FROM drills d"
                " JOIN drill_clock_events e ON e.drill_id = d.id AND e.kind = 'end'"
                " WHERE d.id = ANY(?)",
                [drill_ids],
            ).fetchall()
        }
        findings = {
            (row[0], row[1]): row[2]
            for row in cur.execute(
                "SELECT drill_id, id, title FROM findings WHERE drill_id = ANY(?)", [drill_ids]
            ).fetchall()
        }
    out = []
    for stored_action in stored:
        title, plan, ended = drills.get(stored_action.drill_id, ("", None, None))
        if not _in_window(plan, ended, plan_id, since, until):
            continue
        a = stored_action.action
        out.append(
            OverdueAction(
                stored_action.drill_id,
                title,
                a.finding_id,
                findings.get((stored_action.drill_id, a.finding_id), a.finding_id),
                a.id,
                a.action,
                a.owner,
                a.due,
                (today - a.due).days,
                a.status,
            )
        )
    return sorted(out, key=lambda o: (-o.days_overdue, o.drill_id, o.action_id))


def _in_window(plan, ended, plan_id, since, until) -> bool:
    return (
        (plan_id is None or plan == plan_id)
        and (since is None or (ended is not None and ended >= since))
        and (until is None or (ended is not None and ended < until))
    )


__all__ = [
    "DEFAULT_PERIODS",
    "MIN_DRILLS_AFTER",
    "BeforeAfter",
    "NotDrilled",
    "OverdueAction",
    "PlanRef",
    "RatingPoint",
    "StepStats",
    "before_after_revision",
    "not_drilled_within",
    "overdue_actions",
    "ratings_over_time",
    "require_overseer",
    "revision_effects",
    "save_scores",
    "steps_missed_or_late",
    "steps_missed_or_late_params",
    "steps_missed_or_late_sql",
    "unit_plans",
]
