"""Did the fix work? Each revised plan step's miss and late rates in the drills before
and after the released version that revised it. Like the step analytics, only ended drills with
saved scores count (drill_item_outcomes, written by db/analytics_scores.py); steps are matched
across versions by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from access.policy import Actor
from db.analytics_access import require_overseer
from db.connection import transaction
from db.errors import NotFoundError

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


# Each released version's content of the steps (what counts as a revision of a step).
_STEP_CONTENT = """
SELECT v.plan_id, st.id, v.number, st.name, st.body, st.phase, st.time_limit_min, st.time_from,
       (SELECT string_agg(so.kind || ':' || so.role_id, ',' ORDER BY so.kind, so.position)
          FROM step_owners so WHERE so.version_id = v.id AND so.step_id = st.id)
FROM versions v JOIN steps st ON st.version_id = v.id
WHERE v.plan_id = ANY(?) AND v.status IN ('published', 'superseded')
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
WHERE d.unit = ? AND o.plan_id = ANY(?) AND o.step_id IS NOT NULL
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
        plan_ids = [
            row[0]
            for row in cur.execute(
                "SELECT id FROM plans WHERE unit = ? AND NOT deleted"
                " AND (?::BIGINT IS NULL OR id = ?)",
                [unit, plan_id, plan_id],
            ).fetchall()
        ]
        effects = _before_after(cur, unit, plan_ids, since=since, until=until) if plan_ids else {}
    return [effects[key] for key in sorted(effects) if effects[key].revised_in is not None]


def _before_after(
    cur,
    unit: str,
    plan_ids: list[int],
    *,
    step_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> dict[tuple[int, str], BeforeAfter]:
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


__all__ = ["MIN_DRILLS_AFTER", "BeforeAfter", "before_after_revision", "revision_effects"]
