"""Analytics across drills: steps most often missed or late, ratings over time, plans and roles
not drilled within their period, overdue corrective actions; charts, filters and CSV."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from bootstrap import get_db
from db import analytics_store
from i18n import t
from plans.errors import PlanError
from ui import page_setup, show_error

actor = page_setup("nav.analytics", require="role:manager|drill_director|evaluation_lead|admin")
conn = get_db()
st.title(t("nav.analytics"))
unit = actor.unit
if "admin" in actor.roles:
    unit = st.text_input(t("users.unit"), value=actor.unit, key="analytics_unit")


def csv_button(rows, name: str, key: str) -> None:
    st.download_button(
        t("audit.export"),
        analytics_store.to_csv(rows),
        file_name=name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
    )


try:
    steps = analytics_store.steps_missed_or_late(conn, actor, unit=unit, limit=20)
    ratings = analytics_store.ratings_over_time(conn, actor, unit=unit, by="area")
    stale = analytics_store.not_drilled_within(conn, actor, unit=unit, today=date.today())
    overdue = analytics_store.overdue_actions(conn, actor, unit=unit, today=date.today())
except PlanError as exc:
    show_error(exc)
    st.stop()

tabs = st.tabs(
    [
        t("analytics.steps"),
        t("analytics.ratings"),
        t("analytics.stale", n=len(stale)),
        t("analytics.overdue", n=len(overdue)),
    ]
)
with tabs[0]:
    if not steps:
        st.info(t("analytics.none"))
    else:
        frame = pd.DataFrame(
            [
                {
                    t("col.name"): s.step_name,
                    t("analytics.missed"): s.missed,
                    t("analytics.not_observed"): s.not_observed,
                    t("analytics.late"): s.late,
                    t("analytics.drills"): s.drills,
                }
                for s in steps
            ]
        )
        st.bar_chart(
            frame.set_index(t("col.name"))[[t("analytics.missed"), t("analytics.late")]],
            horizontal=True,
            stack=False,
        )
        st.dataframe(frame, hide_index=True, width="stretch")
        csv_button(steps, "steps-missed-or-late.csv", "analytics_steps_csv")
with tabs[1]:
    scored = [p for p in ratings if p.score is not None]
    if not scored:
        st.info(t("analytics.none"))
    else:
        frame = pd.DataFrame(
            [
                {
                    "ended": p.ended_at,
                    "area": t(f"scoring.area.{p.key}") if p.key else p.key,
                    "score": p.score,
                }
                for p in scored
            ]
        )
        st.line_chart(frame.pivot_table(index="ended", columns="area", values="score"))
        csv_button(ratings, "ratings.csv", "analytics_ratings_csv")
with tabs[2]:
    st.caption(t("analytics.stale_help"))
    st.dataframe(
        [
            {
                t("plans.col_title"): s.plan_title,
                t("auth.role"): s.role_name or "—",
                t("analytics.period"): s.period_days,
                t("analytics.last"): s.last_drilled or t("analytics.never"),
                t("analytics.due_by"): s.due_by or "—",
            }
            for s in stale
        ],
        hide_index=True,
        width="stretch",
    )
with tabs[3]:
    st.dataframe(
        [
            {
                t("analytics.action"): a.action.action,
                t("analytics.owner"): a.action.owner,
                t("analytics.due"): a.action.due,
                t("plans.status"): a.action.status,
            }
            for a in overdue
        ],
        hide_index=True,
        width="stretch",
    )
