"""Drills: the drills the user may know of, where to go next, and a new drill (directors)."""

from __future__ import annotations

import streamlit as st

import services.drill_design
import services.drills
from bootstrap import get_db
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import DRILL_POSTS, DRILL_STATUSES, DRILL_TYPES
from ui import fmt_time, go, md, now, page_setup, show_error

actor = page_setup("nav.drills")
conn = get_db()
st.title(t("nav.drills"))

drills = services.drills.list_drills(conn, actor, now=now())
if not drills:
    st.info(t("drillpage.none"))
else:
    st.dataframe(
        [
            {
                t("common.title"): d.title,
                t("common.status"): DRILL_STATUSES.label(d.status),
                t("common.kind"): DRILL_TYPES.label(d.drill_type),
                t("drillpage.my_role"): DRILL_POSTS.label(d.my_role) if d.my_role else "",
                t("common.started"): fmt_time(d.started_at),
                # a sealed drill's clock reads 0 until T0: no time has elapsed, show none
                t("drillpage.elapsed"): (
                    f"{d.elapsed_min:.0f}" if d.started_at and d.elapsed_min is not None else ""
                ),
            }
            for d in drills
        ],
        hide_index=True,
        width="stretch",
    )
    choice = st.selectbox(
        t("drillpage.pick"),
        drills,
        key="drills_pick",
        format_func=lambda d: f"{d.title} · {t('drills.status.' + d.status)}",
    )
    st.session_state["drill_id"] = choice.id
    links = {
        "director": [
            ("pages/drill_design.py", "nav.drill_design"),
            ("pages/drill_console.py", "nav.drill_console"),
        ],
        "evaluation_lead": [("pages/drill_console.py", "nav.drill_console")],
        "evaluator": [("pages/evaluate.py", "nav.evaluate")],
        "participant": [("pages/participate.py", "nav.participate")],
    }.get(choice.my_role or "", [("pages/drill_console.py", "nav.drill_console")])
    if choice.status == "ended" and choice.my_role in ("director", "evaluation_lead", None):
        links = [*links, ("pages/drill_review.py", "nav.drill_review")]
    cols = st.columns(len(links) + 1)
    for col, (path, key) in zip(cols, links, strict=False):
        if col.button(t(key), key=f"drills_go_{key}"):
            go(path)

if "drill_director" not in actor.roles and "admin" not in actor.roles:
    st.stop()

st.subheader(t("drillpage.new"))
published = services.drill_design.published_plans(conn, actor)
if not published:
    st.caption(t("drillpage.no_published"))
    st.stop()
with st.form("drills_new"):
    plan = st.selectbox(
        t("drillpage.plan"), published, format_func=lambda p: p.title, key="drills_new_plan"
    )
    title = st.text_input(t("drillpage.title"), key="drills_new_title")
    created = st.form_submit_button(t("drillpage.create"), type="primary", key="drills_new_submit")
if created:
    name = title.strip() or t("drillpage.untitled", plan=plan.title)
    try:
        drill_id = services.drill_design.new_drill(
            conn, actor, plan.published_version_id, name, now=now()
        )
    except UserFacingError as exc:
        show_error(exc)
    else:
        st.session_state["drill_id"] = drill_id
        st.toast(t("drillpage.created", title=md(name)))
        go("pages/drill_design.py")
