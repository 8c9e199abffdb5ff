"""Analytics across drills (issue 5): steps most often missed or late, scores over time by area,
role or overall, whether each step revision worked, plans and roles not drilled within their
period, overdue corrective actions; filters by plan and drill end; CSV per tab, one Excel book."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd
import streamlit as st

from bootstrap import get_db
from db import analytics_store as an
from drills import analytics_xlsx
from i18n import t
from plans.errors import PlanError
from ui import page_setup, show_error

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DIMENSIONS = ("area", "role", "overall")

actor = page_setup("nav.analytics", require="role:manager|drill_director|evaluation_lead|admin")
conn = get_db()
st.title(t("nav.analytics"))
unit = actor.unit
if "admin" in actor.roles:
    unit = st.text_input(t("users.unit"), value=actor.unit, key="analytics_unit")
try:
    plans = {p.id: p for p in an.unit_plans(conn, actor, unit=unit)}
except PlanError as exc:
    show_error(exc)
    st.stop()

left, middle, right = st.columns([2, 1, 1])
plan_id = left.selectbox(
    t("analytics.plan"),
    [None, *plans],
    format_func=lambda i: t("analytics.all_plans") if i is None else plans[i].title,
    key="analytics_plan",
)
since = middle.date_input(t("analytics.since"), value=None, key="analytics_since")
until = right.date_input(t("analytics.until"), value=None, key="analytics_until")
st.caption(t("analytics.filters_help"))
with st.expander(t("analytics.periods")):
    columns = st.columns(len(an.DEFAULT_PERIODS))
    periods = {}
    for col, (kind, days) in zip(columns, an.DEFAULT_PERIODS.items(), strict=True):
        label, key = t(f"kind.{kind}"), f"analytics_period_{kind}"
        periods[kind] = int(col.number_input(label, 1, 3650, value=days, step=1, key=key))
if since and until and since > until:
    st.warning(t("analytics.bad_range"))
    st.stop()


def day_start(day: date | None) -> datetime | None:
    """Midnight at the start of `day` in the server's time zone (the database's)."""
    return datetime.combine(day, time.min).astimezone() if day else None


window = {
    "plan_id": plan_id,
    "since": day_start(since),
    "until": day_start(until + timedelta(days=1) if until else None),
}
today = date.today()
try:
    steps = an.steps_missed_or_late(conn, actor, unit=unit, limit=20, **window)
    ratings = {
        by: an.ratings_over_time(conn, actor, unit=unit, by=by, **window) for by in DIMENSIONS
    }
    effects = an.revision_effects(conn, actor, unit=unit, **window)
    stale = an.not_drilled_within(conn, actor, unit=unit, today=today, periods=periods,
                                  plan_id=plan_id)  # fmt: skip
    overdue = an.overdue_actions(conn, actor, unit=unit, today=today, **window)
except PlanError as exc:
    show_error(exc)
    st.stop()


def pct(rate: float | None) -> float | None:
    return None if rate is None else round(100 * rate, 1)


def step_label(plan: int, name: str) -> str:
    """The step's name, with its plan's title when several plans are shown."""
    if plan_id is not None or len(plans) < 2:
        return name
    return f"{name}（{plans[plan].title if plan in plans else plan}）"


def local(moment: datetime) -> datetime:
    """A stored time as the server's wall-clock time (what a spreadsheet can hold)."""
    return moment.astimezone().replace(tzinfo=None)


def series(point: an.RatingPoint, by: str) -> str:
    if by == "area":
        return t(f"scoring.area.{point.key}")
    if by == "role":
        return point.name or t("drills.no_role")
    return t("analytics.by.overall")


tables = {
    "steps": [
        {t("analytics.step"): step_label(s.plan_id, s.step_name), t("analytics.drills"): s.drills,
         t("analytics.items"): s.items, t("analytics.missed"): s.missed,
         t("analytics.not_observed"): s.not_observed, t("analytics.late"): s.late,
         t("analytics.miss_rate"): pct(s.miss_rate), t("analytics.late_rate"): pct(s.late_rate)}
        for s in steps
    ],
    **{f"ratings.{by}": [
        {t("analytics.dimension"): t(f"analytics.by.{by}"), t("analytics.series"): series(p, by),
         t("analytics.drill"): p.title, t("analytics.ended"): local(p.ended_at),
         t("analytics.score"): p.score, t("analytics.rating"): p.rating,
         t("analytics.coverage"): pct(p.coverage)}
        for p in ratings[by] if p.score is not None
    ] for by in DIMENSIONS},
    "revisions": [
        {t("analytics.step"): step_label(e.plan_id, e.step_name),
         t("analytics.revised_in"): f"v{e.revised_in}",
         t("analytics.verdict"): t(f"analytics.verdict.{e.verdict}"),
         t("analytics.drills_before"): e.before[0], t("analytics.drills_after"): e.after[0],
         t("analytics.miss_before"): pct(e.miss_rate_before),
         t("analytics.miss_after"): pct(e.miss_rate_after),
         t("analytics.late_before"): pct(e.late_rate_before),
         t("analytics.late_after"): pct(e.late_rate_after)}
        for e in effects
    ],
    "stale": [
        {t("plans.col_title"): s.plan_title, t("analytics.kind"): t(f"kind.{s.kind}"),
         t("auth.role"): s.role_name if s.role_id else t("analytics.whole_plan"),
         t("analytics.period"): s.period_days,
         t("analytics.last"): s.last_drilled or t("analytics.never"),
         t("analytics.due_by"): s.due_by}
        for s in stale
    ],
    "overdue": [
        {t("analytics.drill"): o.drill_title, t("analytics.finding"): o.finding_title,
         t("analytics.action"): o.action, t("analytics.owner"): o.owner,
         t("analytics.due"): o.due, t("analytics.days_overdue"): o.days_overdue,
         t("plans.status"): t(f"findings.action_status.{o.status}")}
        for o in overdue
    ],
}  # fmt: skip


def workbook_sheets() -> dict[str, list[dict]]:
    """One sheet per tab; the scores of every dimension on one sheet."""
    sheets = {name: rows for name, rows in tables.items() if not name.startswith("ratings.")}
    sheets["ratings"] = [row for by in DIMENSIONS for row in tables[f"ratings.{by}"]]
    order = ("steps", "ratings", "revisions", "stale", "overdue")
    return {t(f"analytics.sheet.{name}"): sheets[name] for name in order}


st.download_button(
    t("analytics.excel"),
    lambda: analytics_xlsx.to_xlsx_bytes(workbook_sheets()),
    file_name="plandrill-analytics.xlsx",
    mime=XLSX,
    key="analytics_xlsx",
    icon=":material/table_view:",
)


def table(name: str, rows: list[dict], empty: str = "analytics.none") -> bool:
    """The tab's rows and their CSV button; False (and a note) when there are none."""
    if not rows:
        st.info(t(empty))
        return False
    st.dataframe(rows, hide_index=True, width="stretch")
    st.download_button(t("audit.export"), an.to_csv(rows), file_name=f"{name}.csv",
                       mime="text/csv", key=f"analytics_{name}_csv",
                       icon=":material/download:")  # fmt: skip
    return True


def bars(rows: list[dict], columns: list[str], *, stack: bool) -> None:
    frame = pd.DataFrame(rows).set_index(t("analytics.step"))[columns]
    st.bar_chart(frame, horizontal=True, stack=stack)


tabs = st.tabs([t("analytics.steps"), t("analytics.ratings"),
                t("analytics.revisions", n=len(effects)), t("analytics.stale", n=len(stale)),
                t("analytics.overdue", n=len(overdue))])  # fmt: skip
with tabs[0]:
    if tables["steps"]:
        counts = ("missed", "not_observed", "late")  # their sum ranks the steps
        bars(tables["steps"], [t(f"analytics.{count}") for count in counts], stack=True)
    table("steps-missed-or-late", tables["steps"])
with tabs[1]:
    by = st.radio(t("analytics.by"), DIMENSIONS, format_func=lambda b: t(f"analytics.by.{b}"),
                  horizontal=True, key="analytics_by")  # fmt: skip
    rows = tables[f"ratings.{by}"]
    if rows:
        frame = pd.DataFrame(rows)
        st.line_chart(frame.pivot_table(index=t("analytics.ended"), values=t("analytics.score"),
                                        columns=t("analytics.series")))  # fmt: skip
    table(f"scores-by-{by}", rows)
with tabs[2]:
    st.caption(t("analytics.revisions_help", n=an.MIN_DRILLS_AFTER))
    few = [e for e in effects if e.verdict == "too_few"]
    if few:
        names = "、".join(step_label(e.plan_id, e.step_name) for e in few)
        st.warning(t("analytics.too_few", n=an.MIN_DRILLS_AFTER, steps=names))
    if tables["revisions"]:
        rates = ("miss_before", "miss_after", "late_before", "late_after")
        bars(tables["revisions"], [t(f"analytics.{rate}") for rate in rates], stack=False)
    table("did-the-fix-work", tables["revisions"], "analytics.no_revisions")
with tabs[3]:
    st.caption(t("analytics.stale_help"))
    table("not-drilled-in-time", tables["stale"], "analytics.all_in_time")
with tabs[4]:
    table("overdue-actions", tables["overdue"], "analytics.no_overdue")
