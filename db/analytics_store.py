"""Looking across drills (issue 5): steps most often missed or late, ratings over time, plans
and roles not drilled within their period, overdue corrective actions, and each revised step's
miss and late rates before and after the revision. All the SQL of the analytics lives here.
The queries narrow optionally to one plan (`plan_id`) and to drills ended in [`since`, `until`).

Only ended drills whose evaluation was saved count. Readers are the overseers of the unit (admins
everywhere; managers, drill directors and evaluation leads of their own unit): those who see an
ended drill's whole record.

Item outcomes are not re-derived from the raw observations at query time: `save_scores` writes,
with a drill's score summary (`drill_scores`), one `drill_item_outcomes` row per checklist item
from the scoring engine's item results (drills.scoring.score_drill), in the same transaction, and
the step analytics are a plain group-by over that table. "Missed" is an item rated not done, "not
observed" one without a rated entry, and "late" one done or partly done after its due minute on
the drill clock, exactly as the scoring engine has it (pauses left out, the limit counted from
the item's time_from: T0, the triggering inject or a predecessor). A drill ended without saved
scores has no outcome rows and does not count in `steps_missed_or_late`,
`before_after_revision` or `revision_effects` until its evaluation is saved
(`ratings_over_time` likewise reads only saved scores; `not_drilled_within` counts every ended
drill).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, fields
from datetime import date, datetime, timedelta

import duckdb

from access.errors import NotAllowedError
from access.policy import Actor
from access.secrecy import OVERSEERS, is_director
from db import findings_store
from db.connection import transaction
from db.drills_facts import is_lead, known_facts, require_status
from db.errors import NotFoundError
from drills.scoring import Evaluation

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

# The main analytics query: plain SQL that DuckDB and SQLite both run (bench/analytics_bench.py
# times it on both). Parameters: see steps_missed_or_late_params.
_STEPS_MISSED_OR_LATE = """
SELECT o.plan_id, o.step_id, count(DISTINCT o.drill_id) AS drills, count(*) AS items,
       sum(CASE WHEN o.outcome = 'not_done' THEN 1 ELSE 0 END) AS missed_n,
       sum(CASE WHEN o.outcome = 'not_observed' THEN 1 ELSE 0 END) AS unobserved_n,
       sum(CASE WHEN o.late THEN 1 ELSE 0 END) AS late_n
FROM drill_item_outcomes o
JOIN drills d ON d.id = o.drill_id
JOIN drill_clock_events e ON e.drill_id = o.drill_id AND e.kind = 'end'
WHERE d.unit = ? AND (? IS NULL OR o.plan_id = ?)
  AND (? IS NULL OR e.happened_at >= ?) AND (? IS NULL OR e.happened_at < ?)
  AND o.step_id IS NOT NULL
GROUP BY o.plan_id, o.step_id
ORDER BY missed_n + unobserved_n + late_n DESC, o.plan_id, o.step_id
LIMIT ?
"""


def steps_missed_or_late_sql(dialect: str = "duckdb") -> str:
    """The main analytics query in `dialect` ("duckdb" or "sqlite": the same plain SQL over
    drill_item_outcomes, drills and drill_clock_events); its parameters come from
    `steps_missed_or_late_params`."""
    if dialect not in ("duckdb", "sqlite"):
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


# Fewer drills than this since a revision say too little about whether it worked.
MIN_DRILLS_AFTER = 3


@dataclass(frozen=True)
class BeforeAfter:
    plan_id: int
    step_id: str
    revised_in: int | None  # the version number that revised the step (None: never revised)
    before: tuple[int, int, int, int]  # drills, items, missed, late
    after: tuple[int, int, int, int]
    step_name: str = ""

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def miss_rate_before(self) -> float | None:
        return self._rate(self.before[2], self.before[1])

    @property
    def miss_rate_after(self) -> float | None:
        return self._rate(self.after[2], self.after[1])

    @property
    def late_rate_before(self) -> float | None:
        return self._rate(self.before[3], self.before[1])

    @property
    def late_rate_after(self) -> float | None:
        return self._rate(self.after[3], self.after[1])

    @property
    def verdict(self) -> str:
        """Whether the revision worked: "too_few" (fewer than MIN_DRILLS_AFTER drills since
        the revision), "no_before" (never drilled before it), else "better", "worse" or "same"
        by the share of items missed or late (an item is one or the other, never both)."""
        if self.after[0] < MIN_DRILLS_AFTER:
            return "too_few"
        if not self.before[1]:
            return "no_before"
        before = (self.before[2] + self.before[3]) / self.before[1]
        after = (self.after[2] + self.after[3]) / self.after[1]
        return "better" if after < before else "worse" if after > before else "same"


def require_overseer(actor: Actor, unit: str) -> None:
    """Raises: NotAllowedError unless admin, or manager / drill director / evaluation lead of
    `unit`."""
    if "admin" in actor.roles:
        return
    if not unit or actor.unit != unit or not (actor.roles & OVERSEERS):
        raise NotAllowedError("analytics.not_allowed", action="analytics.read")


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
    params = steps_missed_or_late_params(unit, plan_id=plan_id, since=since, until=until,
                                         limit=limit)  # fmt: skip
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(steps_missed_or_late_sql("duckdb"), params).fetchall()
        names = _newest_names(cur, "steps", {(row[0], row[1]) for row in rows})
    return [StepStats(r[0], r[1], names.get((r[0], r[1]), r[1]), *map(int, r[2:])) for r in rows]


# The name of each step or role in the newest version of its plan that has it.
_NEWEST_NAMES = {
    table: f"SELECT v.plan_id, x.id, arg_max(x.name, v.number) FROM {table} x"
    " JOIN versions v ON v.id = x.version_id WHERE v.plan_id IN ? GROUP BY v.plan_id, x.id"
    for table in ("steps", "roles")
}


def _newest_names(cur, table: str, keys: set[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """(plan, step or role id) -> its name in the newest version that has it."""
    if not keys:
        return {}
    rows = cur.execute(_NEWEST_NAMES[table], [sorted({plan for plan, _ in keys})]).fetchall()
    return {(plan, key): name for plan, key, name in rows}


def save_scores(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    evaluation: Evaluation,
    *,
    now: datetime,
) -> None:
    """Keep an ended drill's score summary (overall, per area, per lead role) and the outcome of
    each of its checklist items (drill_item_outcomes, for the step analytics), replacing earlier
    ones, in one transaction. Raises: NotAllowedError unless evaluation lead or director of the
    drill."""
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_status(facts, "ended")
        if not (is_lead(actor, facts) or is_director(actor, facts.record)):
            raise NotAllowedError("findings_store.not_editor", action="scores.save")
        cur.execute("DELETE FROM drill_scores WHERE drill_id = ?", [drill_id])
        rows = [("overall", "overall", evaluation.score, evaluation.grade, evaluation.counts)]
        rows += [("area", a.area, a.score, a.rating, a.counts) for a in evaluation.areas]
        rows += [("role", r.role, r.score, r.rating, r.counts) for r in evaluation.roles]
        for dimension, key, score, rating, counts in rows:
            cur.execute(
                "INSERT INTO drill_scores (drill_id, dimension, key, score, rating, coverage,"
                " total, not_done, not_observed, late, saved_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [drill_id, dimension, key, score, rating, counts.coverage, counts.total,
                 counts.not_done, counts.not_observed, counts.late, now],
            )  # fmt: skip
        cur.execute("DELETE FROM drill_item_outcomes WHERE drill_id = ?", [drill_id])
        _insert_outcomes(cur, facts.id, facts.plan_id, facts.version_id, evaluation, now)


_OUTCOME_COLUMNS = ("item_id", "step_id", "role_id", "area", "outcome", "late", "happened_min",
                    "due_min")  # fmt: skip
_OUTCOME_TYPES = ("VARCHAR[]", "VARCHAR[]", "VARCHAR[]", "VARCHAR[]", "VARCHAR[]", "BOOLEAN[]",
                  "DOUBLE[]", "DOUBLE[]")  # fmt: skip


def _insert_outcomes(cur, drill_id: int, plan_id: int, version_id: int, evaluation: Evaluation,
                     now: datetime) -> None:  # fmt: skip
    """One INSERT for all of the drill's item results: each column goes in as one list and is
    unnested in lockstep (as db/plans_content.py `_insert_many`)."""
    results = evaluation.items
    if not results:
        return
    columns = [
        [r.item.id for r in results],
        [r.item.step_id for r in results],
        [r.item.lead for r in results],
        [r.area for r in results],
        [r.performed for r in results],
        [r.late for r in results],
        [r.happened_min for r in results],
        [r.due_min for r in results],
    ]
    unnests = ", ".join(
        f"unnest(?::{kind}) AS {name}"
        for name, kind in zip(_OUTCOME_COLUMNS, _OUTCOME_TYPES, strict=True)
    )
    names = ", ".join(_OUTCOME_COLUMNS)
    cur.execute(
        "INSERT INTO drill_item_outcomes (drill_id, plan_id, version_id, saved_at, " + names + ")"
        " SELECT ?, ?, ?, ?, " + names + " FROM (SELECT " + unnests + ")",
        [drill_id, plan_id, version_id, now, *columns],
    )


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
    if by not in ("area", "role", "overall"):
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
        roles = cur.execute(
            "SELECT version_id, id, name FROM roles WHERE version_id IN ? ORDER BY position",
            [version_ids],
        ).fetchall() if version_ids else []  # fmt: skip
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
    stored = findings_store.list_actions(conn, actor, unit=unit, overdue_on=today)
    drill_ids = sorted({a.drill_id for a in stored})
    if not drill_ids:
        return []
    with conn.cursor() as cur, transaction(cur):
        drills = {
            row[0]: row[1:]
            for row in cur.execute(
                "SELECT d.id, d.title, d.plan_id, e.happened_at FROM drills d"
                " JOIN drill_clock_events e ON e.drill_id = d.id AND e.kind = 'end'"
                " WHERE d.id IN ?",
                [drill_ids],
            ).fetchall()
        }
        findings = {
            (row[0], row[1]): row[2]
            for row in cur.execute(
                "SELECT drill_id, id, title FROM findings WHERE drill_id IN ?", [drill_ids]
            ).fetchall()
        }
    out = []
    for stored_action in stored:
        title, plan, ended = drills.get(stored_action.drill_id, ("", None, None))
        if not _in_window(plan, ended, plan_id, since, until):
            continue
        a = stored_action.action
        out.append(OverdueAction(
            stored_action.drill_id, title, a.finding_id,
            findings.get((stored_action.drill_id, a.finding_id), a.finding_id), a.id, a.action,
            a.owner, a.due, (today - a.due).days, a.status,
        ))  # fmt: skip
    return sorted(out, key=lambda o: (-o.days_overdue, o.drill_id, o.action_id))


def _in_window(plan, ended, plan_id, since, until) -> bool:
    return (
        (plan_id is None or plan == plan_id)
        and (since is None or (ended is not None and ended >= since))
        and (until is None or (ended is not None and ended < until))
    )


# Each released version's content of the steps (what counts as a revision of a step).
_STEP_CONTENT = """
SELECT v.plan_id, st.id, v.number, st.name, st.body, st.phase, st.time_limit_min, st.time_from,
       (SELECT string_agg(so.kind || ':' || so.role_id, ',' ORDER BY so.kind, so.position)
          FROM step_owners so WHERE so.version_id = v.id AND so.step_id = st.id)
FROM versions v JOIN steps st ON st.version_id = v.id
WHERE v.plan_id IN ? AND v.status IN ('published', 'superseded')
  AND (?::VARCHAR IS NULL OR st.id = ?)
ORDER BY v.plan_id, st.id, v.number
"""

# Per step and version drilled: drills, items, missed, late (a drill runs one version).
_OUTCOMES_BY_VERSION = """
SELECT o.plan_id, o.step_id, v.number, count(DISTINCT o.drill_id), count(*),
       sum(CASE WHEN o.outcome = 'not_done' THEN 1 ELSE 0 END),
       sum(CASE WHEN o.late THEN 1 ELSE 0 END)
FROM drill_item_outcomes o
JOIN drills d ON d.id = o.drill_id
JOIN versions v ON v.id = o.version_id
JOIN drill_clock_events e ON e.drill_id = o.drill_id AND e.kind = 'end'
WHERE d.unit = ? AND o.plan_id IN ? AND o.step_id IS NOT NULL
  AND (?::VARCHAR IS NULL OR o.step_id = ?)
  AND (?::TIMESTAMPTZ IS NULL OR e.happened_at >= ?)
  AND (?::TIMESTAMPTZ IS NULL OR e.happened_at < ?)
GROUP BY o.plan_id, o.step_id, v.number
"""


def before_after_revision(
    conn: duckdb.DuckDBPyConnection, actor: Actor, step_key: tuple[int, str]
) -> BeforeAfter:
    """Miss and late rates of a plan step (plan id, step id; steps are matched across versions
    by id) in the drills before and after the newest released version that changed it (its
    name, text, phase, time limit or owners). Without a revision everything counts as before.
    Only drills with saved scores count (drill_item_outcomes).

    Raises: NotFoundError for an unknown plan; NotAllowedError unless overseer of its unit.
    """
    plan_id, step_id = step_key
    with conn.cursor() as cur, transaction(cur):
        found = cur.execute(
            "SELECT unit FROM plans WHERE id = ? AND NOT deleted", [plan_id]
        ).fetchone()
        if found is None:
            raise NotFoundError("db.not_found", plan_id=plan_id)
        require_overseer(actor, found[0])
        effects = _before_after(cur, found[0], [plan_id], step_id=step_id)
    empty = (0, 0, 0, 0)
    return effects.get(step_key) or BeforeAfter(plan_id, step_id, None, empty, empty)


def revision_effects(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    *,
    unit: str,
    plan_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[BeforeAfter]:
    """Did the fix work? `before_after_revision` for every step of the unit's plans (or of
    `plan_id`) that a released version revised, by plan and step; `since` (inclusive) and
    `until` (exclusive) bound the ends of the drills counted on both sides."""
    require_overseer(actor, unit)
    with conn.cursor() as cur, transaction(cur):
        plan_ids = [row[0] for row in cur.execute(
            "SELECT id FROM plans WHERE unit = ? AND NOT deleted"
            " AND (?::BIGINT IS NULL OR id = ?)",
            [unit, plan_id, plan_id],
        ).fetchall()]  # fmt: skip
        effects = _before_after(cur, unit, plan_ids, since=since, until=until) if plan_ids else {}
    return [effects[key] for key in sorted(effects) if effects[key].revised_in is not None]


def _before_after(cur, unit: str, plan_ids: list[int], *, step_id: str | None = None,
                  since: datetime | None = None,
                  until: datetime | None = None) -> dict[tuple[int, str], BeforeAfter]:  # fmt: skip
    """(plan, step) -> its BeforeAfter, for the steps of `plan_ids` (or the one `step_id`)."""
    revised: dict[tuple[int, str], int | None] = {}
    names: dict[tuple[int, str], str] = {}
    previous: dict[tuple[int, str], tuple] = {}
    for plan, step, number, *content in cur.execute(
        _STEP_CONTENT, [plan_ids, step_id, step_id]
    ).fetchall():
        key, state = (plan, step), tuple(content)
        if key in previous and previous[key] != state:
            revised[key] = number
        revised.setdefault(key, None)
        previous[key], names[key] = state, content[0]
    sides: dict[tuple[int, str], dict[bool, list[int]]] = {}
    for plan, step, number, *counts in cur.execute(
        _OUTCOMES_BY_VERSION, [unit, plan_ids, step_id, step_id, since, since, until, until]
    ).fetchall():
        split = revised.get((plan, step))
        side = sides.setdefault((plan, step), {False: [0] * 4, True: [0] * 4})
        totals = side[split is not None and number >= split]
        for i, value in enumerate(counts):
            totals[i] += int(value or 0)
    out = {}
    for key in revised.keys() | sides.keys():
        side = sides.get(key) or {False: [0] * 4, True: [0] * 4}
        before, after = tuple(side[False]), tuple(side[True])
        out[key] = BeforeAfter(*key, revised.get(key), before, after, names.get(key, key[1]))
    return out


# ---------------------------------------------------------------- CSV


def to_csv(rows: Iterable[object], columns: Sequence[str] | None = None) -> bytes:
    """Dataclass or mapping rows as CSV (UTF-8 with a byte-order mark, for Excel); cells that
    start like a spreadsheet formula are prefixed with a quote (CSV injection)."""
    rows = [_as_mapping(row) for row in rows]
    if columns is None:
        columns = list(dict.fromkeys(name for row in rows for name in row))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_cell(name) for name in columns])
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _as_mapping(row: object) -> Mapping[str, object]:
    if isinstance(row, Mapping):
        return row
    return dict(zip([f.name for f in fields(row)], astuple(row), strict=True))


def _cell(value) -> str:
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date | datetime) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


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
    "to_csv",
    "unit_plans",
]
