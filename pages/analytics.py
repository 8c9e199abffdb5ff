"""Analytics across drills: steps most often missed or late, scores over time by area,
role or overall, whether each step revision worked, plans and roles not drilled within their
period, overdue corrective actions; filters by plan and drill end; CSV per tab, one Excel book."""

from __future__ import annotations

import hashlib
from datetime import date

import streamlit as st

import ui.analytics
from bootstrap import get_db
from drills import analytics_xlsx
from i18n import join_names, t
from i18n.errors import UserFacingError
from i18n.glossary import PLAN_KINDS, SCORE_DIMENSIONS
from services import analytics
from ui import downloads, md, page_setup, show_error

actor = page_setup("nav.analytics", require="screen.analytics")
conn = get_db()
st.title(t("nav.analytics"))
unit = actor.unit
if "admin" in actor.roles:
    unit = st.text_input(t("common.unit"), value=actor.unit, key="analytics_unit")
try:
    plans = {p.id: p for p in analytics.unit_plans(conn, actor, unit=unit)}
except UserFacingError as exc:
    show_error(exc)
    st.stop()

left, middle, right = st.columns([2, 1, 1])
plan_id = left.selectbox(
    t("common.plan"),
    [None, *plans],
    format_func=lambda i: t("analytics.all_plans") if i is None else plans[i].title,
    key="analytics_plan",
)
since = middle.date_input(t("analytics.since"), value=None, key="analytics_since")
until = right.date_input(t("analytics.until"), value=None, key="analytics_until")
st.caption(t("analytics.filters_help"))
with st.expander(t("analytics.periods")):
    columns = st.columns(len(analytics.DEFAULT_PERIODS))
    periods = {}
    for col, (kind, days) in zip(columns, analytics.DEFAULT_PERIODS.items(), strict=True):
        label, key = PLAN_KINDS.label(kind), f"analytics_period_{kind}"
        periods[kind] = int(col.number_input(label, 1, 3650, value=days, step=1, key=key))
if since and until and since > until:
    st.warning(t("analytics.bad_range"))
    st.stop()

window = ui.analytics.drill_window(plan_id, since, until)
try:
    figures = analytics.load_figures(
        conn, actor, unit=unit, today=date.today(), periods=periods, **window
    )
except UserFacingError as exc:
    show_error(exc)
    st.stop()
step_label = ui.analytics.step_labeller(plans, plan_id)
tables = ui.analytics.build_tables(figures, step_label)

downloads.download(  # built with the page, once per content: never a deferred file
    st,
    t("analytics.excel"),
    lambda: analytics_xlsx.to_xlsx_bytes(ui.analytics.workbook_sheets(tables)),
    key="analytics_xlsx",
    revision=hashlib.sha256(repr(tables).encode()).hexdigest(),
    file_name="plandrill-analytics.xlsx",
    mime=ui.analytics.XLSX_MIME,
    icon=":material/table_view:",
)

tabs = st.tabs(
    [
        t("analytics.steps"),
        t("analytics.sheet.ratings"),
        t("analytics.revisions", n=len(figures.effects)),
        t("analytics.stale", n=len(figures.stale)),
        t("analytics.overdue", n=len(figures.overdue)),
    ]
)
with tabs[0]:
    if tables["steps"]:  # stacked: their sum ranks the steps
        ui.analytics.bars(
            tables["steps"],
            ("outcome.not_done", "outcome.not_observed", "findings.kind.late"),
            stack=True,
        )
    ui.analytics.table("steps-missed-or-late", tables["steps"])
with tabs[1]:
    by = st.radio(
        t("analytics.by"),
        SCORE_DIMENSIONS,
        format_func=SCORE_DIMENSIONS.label,
        horizontal=True,
        key="analytics_by",
    )
    rows = tables[f"ratings.{by}"]
    if rows:
        ui.analytics.score_lines(rows)
    ui.analytics.table(f"scores-by-{by}", rows)
with tabs[2]:
    st.caption(t("analytics.revisions_help", n=analytics.MIN_DRILLS_AFTER))
    few = [e for e in figures.effects if e.verdict == "too_few"]
    if few:
        names = join_names(md(step_label(e.plan_id, e.step_name)) for e in few)
        st.warning(t("analytics.too_few", n=analytics.MIN_DRILLS_AFTER, steps=names))
    if tables["revisions"]:
        rates = (
            "analytics.miss_before",
            "analytics.miss_after",
            "analytics.late_before",
            "analytics.late_after",
        )
        ui.analytics.bars(tables["revisions"], rates, stack=False)
    ui.analytics.table("did-the-fix-work", tables["revisions"], "analytics.no_revisions")
with tabs[3]:
    st.caption(t("analytics.stale_help"))
    ui.analytics.table("not-drilled-in-time", tables["stale"], "analytics.all_in_time")
with tabs[4]:
    ui.analytics.table("overdue-actions", tables["overdue"], "analytics.no_overdue")
