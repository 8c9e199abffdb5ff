"""The analytics screen's content (pages/analytics.py): the figures of services/analytics.py for
the chosen plan and drill ends, as translated table rows, charts, CSV buttons and the sheets of
the Excel workbook."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta

import altair as alt
import pandas as pd
import streamlit as st

import services.analytics
from drills.csv_export import to_csv
from i18n import t
from i18n.glossary import ACTION_STATUSES, CAPABILITY_AREAS, PLAN_KINDS, SCORE_DIMENSIONS
from services.analytics import Figures

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = ("steps", "ratings", "revisions", "stale", "overdue")
MAX_TICKS = 12  # more drills than this: the axis chooses its own ticks

Rows = list[dict]
StepLabel = Callable[[int, str], str]


def day_start(day: date | None) -> datetime | None:
    """Midnight at the start of `day` in the server's time zone (the database's)."""
    return datetime.combine(day, time.min).astimezone() if day else None


def drill_window(plan_id: int | None, since: date | None, until: date | None) -> dict:
    """The filters of services.analytics.load_figures for drills of `plan_id` (None: all) ended from the day `since` through
    the day `until` (both included; None: unbounded)."""
    return {
        "plan_id": plan_id,
        "since": day_start(since),
        "until": day_start(until + timedelta(days=1) if until else None),
    }


def step_labeller(
    plans: Mapping[int, services.analytics.PlanRef], plan_id: int | None
) -> StepLabel:
    """(plan, step name) -> the step's name, with its plan's title when several plans are
    shown."""

    def label(plan: int, name: str) -> str:
        if plan_id is not None or len(plans) < 2:
            return name
        return f"{name}（{plans[plan].title if plan in plans else plan}）"

    return label


def build_tables(figures: Figures, label: StepLabel) -> dict[str, Rows]:
    """Each tab's rows under translated column names: "steps", "ratings.<dimension>",
    "revisions", "stale" and "overdue"."""
    return {
        "steps": step_rows(figures.steps, label),
        **{f"ratings.{by}": rating_rows(figures.ratings[by], by) for by in SCORE_DIMENSIONS},
        "revisions": revision_rows(figures.effects, label),
        "stale": stale_rows(figures.stale),
        "overdue": overdue_rows(figures.overdue),
    }


def step_rows(steps: list[services.analytics.StepStats], label: StepLabel) -> Rows:
    return [
        {
            t("common.step"): label(s.plan_id, s.step_name),
            t("analytics.drills"): s.drills,
            t("analytics.items"): s.items,
            t("outcome.not_done"): s.missed,
            t("outcome.not_observed"): s.not_observed,
            t("findings.kind.late"): s.late,
            t("analytics.miss_rate"): _pct(s.miss_rate),
            t("analytics.late_rate"): _pct(s.late_rate),
        }
        for s in steps
    ]


def rating_rows(points: list[services.analytics.RatingPoint], by: str) -> Rows:
    """The scored points (a drill with nothing to score in an area or role has none)."""
    return [
        {
            t("analytics.dimension"): SCORE_DIMENSIONS.label(by),
            t("analytics.series"): _series(p, by),
            t("common.drill"): p.title,
            t("common.ended"): _local(p.ended_at),
            t("common.score"): p.score,
            t("common.rating"): p.rating,
            t("analytics.coverage"): _pct(p.coverage),
        }
        for p in points
        if p.score is not None
    ]


def revision_rows(effects: list[services.analytics.BeforeAfter], label: StepLabel) -> Rows:
    return [
        {
            t("common.step"): label(e.plan_id, e.step_name),
            t("analytics.revised_in"): f"v{e.revised_in}",
            t("common.conclusion"): t(f"analytics.verdict.{e.verdict}"),
            t("analytics.drills_before"): e.before[0],
            t("analytics.drills_after"): e.after[0],
            t("analytics.miss_before"): _pct(e.miss_rate_before),
            t("analytics.miss_after"): _pct(e.miss_rate_after),
            t("analytics.late_before"): _pct(e.late_rate_before),
            t("analytics.late_after"): _pct(e.late_rate_after),
        }
        for e in effects
    ]


def stale_rows(stale: list[services.analytics.NotDrilled]) -> Rows:
    return [
        {
            t("common.title"): s.plan_title,
            t("analytics.kind"): PLAN_KINDS.label(s.kind),
            t("common.role"): s.role_name if s.role_id else t("analytics.whole_plan"),
            t("analytics.period"): s.period_days,
            t("analytics.last"): s.last_drilled or t("analytics.never"),
            t("analytics.due_by"): s.due_by,
        }
        for s in stale
    ]


def overdue_rows(overdue: list[services.analytics.OverdueAction]) -> Rows:
    return [
        {
            t("common.drill"): o.drill_title,
            t("common.finding"): o.finding_title,
            t("analytics.action"): o.action,
            t("analytics.owner"): o.owner,
            t("analytics.due"): o.due,
            t("common.days_overdue"): o.days_overdue,
            t("common.status"): ACTION_STATUSES.label(o.status),
        }
        for o in overdue
    ]


def workbook_sheets(tables: Mapping[str, Rows]) -> dict[str, Rows]:
    """One sheet per tab, under its translated name; the scores of every dimension on one
    sheet."""
    sheets = {name: rows for name, rows in tables.items() if not name.startswith("ratings.")}
    sheets["ratings"] = [row for by in SCORE_DIMENSIONS for row in tables[f"ratings.{by}"]]
    return {t(f"analytics.sheet.{name}"): sheets[name] for name in SHEETS}


def table(name: str, rows: Rows, empty: str = "analytics.none") -> bool:
    """The tab's rows and their CSV button; False (and a note) when there are none."""
    if not rows:
        st.info(t(empty))
        return False
    st.dataframe(rows, hide_index=True, width="stretch")
    st.download_button(
        t("common.export_csv"),
        to_csv(rows),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"analytics_{name}_csv",
        icon=":material/download:",
    )
    return True


def bars(rows: Rows, keys: tuple[str, ...], *, stack: bool) -> None:
    """Horizontal bars per step of the columns named by the message `keys`."""
    columns = [t(key) for key in keys]
    frame = pd.DataFrame(rows).set_index(t("common.step"))[columns]
    st.bar_chart(frame, horizontal=True, stack=stack)


def score_lines(rows: Rows) -> None:
    """The scores over the drills' ends: a point per drill, joined by one line per area, role or
    overall."""
    st.altair_chart(score_chart(rows), width="stretch")


def score_chart(rows: Rows) -> alt.Chart:
    """The chart of score_lines (rows: rating_rows, at least one). The x axis is the drills'
    ends as the table shows them (the server's wall-clock time: Streamlit hands a time without a
    zone to the browser as that same local time), to the day, or to the minute when drills ended
    on the same day; its ticks sit on the drills' ends, and a single drill is one point with
    half a day either side."""
    ended, score, series, drill = (
        t("common.ended"),
        t("common.score"),
        t("analytics.series"),
        t("common.drill"),
    )
    moments = sorted({r[ended] for r in rows})
    same_day = len({m.date() for m in moments}) < len(moments)
    label = "%Y-%m-%d %H:%M" if same_day else "%Y-%m-%d"
    frame = pd.DataFrame(
        {
            "ended": pd.to_datetime([r[ended] for r in rows]),
            "when": [f"{r[ended]:%Y-%m-%d %H:%M}" for r in rows],  # the tooltip's, as shown
            "score": [r[score] for r in rows],
            "series": [r[series] for r in rows],
            "drill": [r[drill] for r in rows],
        }
    )
    margin = max((moments[-1] - moments[0]) / 20, timedelta(hours=12))
    scale = alt.Scale(domain=[_wall(moments[0] - margin), _wall(moments[-1] + margin)])
    axis = alt.Axis(
        format=label,
        values=[_wall(m) for m in moments] if len(moments) <= MAX_TICKS else alt.Undefined,
        labelAngle=-30 if same_day else 0,
    )
    return (
        alt.Chart(frame)
        .mark_line(point=alt.OverlayMarkDef(size=60))
        .encode(
            x=alt.X("ended:T", title=ended, scale=scale, axis=axis),
            y=alt.Y("score:Q", title=score, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("series:N", title=series),
            tooltip=[
                alt.Tooltip("series:N", title=series),
                alt.Tooltip("drill:N", title=drill),
                alt.Tooltip("when:N", title=ended),
                alt.Tooltip("score:Q", title=score),
            ],
        )
    )


def _wall(moment: datetime) -> alt.DateTime:
    """A wall-clock time as the same wall-clock time in the browser (as the data is shown)."""
    return alt.DateTime(
        year=moment.year,
        month=moment.month,
        date=moment.day,
        hours=moment.hour,
        minutes=moment.minute,
        seconds=moment.second,
        milliseconds=moment.microsecond // 1000,
    )


def _pct(rate: float | None) -> float | None:
    return None if rate is None else round(100 * rate, 1)


def _local(moment: datetime) -> datetime:
    """A stored time as the server's wall-clock time (what a spreadsheet can hold)."""
    return moment.astimezone().replace(tzinfo=None)


def _series(point: services.analytics.RatingPoint, by: str) -> str:
    if by == "area":
        return CAPABILITY_AREAS.label(point.key)
    if by == "role":
        return point.name or t("common.no_owner")
    return t("analytics.by.overall")
