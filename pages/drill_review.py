"""Evaluation and improvement after a drill: scores and rating changes, findings, corrective
actions, participants' reviews, documents, and the way to a revised plan."""

from __future__ import annotations

import streamlit as st

import services.drills
import ui.review
from bootstrap import get_db
from i18n import t
from i18n.errors import UserFacingError
from ui import (
    actions,
    conflicts,
    md,
    now,
    objectives,
    page_setup,
    pick_drill,
    review_conclusions,
    review_findings,
    show_error,
)

actor = page_setup("nav.drill_review", require="screen.drill_review")
conn = get_db()
st.title(t("nav.drill_review"))

ended = [  # an evaluator or participant of a drill does not review it (the store refuses too)
    d
    for d in services.drills.list_drills(conn, actor, now=now())
    if d.status == "ended" and d.my_role in ("director", "evaluation_lead", None)
]
if not ended:
    st.info(t("review.none"))
    st.stop()
drill_id = pick_drill(ended, "review_pick", "review.pick", status=False).id
lang = st.session_state.get("lang", "zh")
try:
    review = ui.review.load(conn, actor, drill_id, lang)
except UserFacingError as exc:
    show_error(exc)
    st.stop()
if message := st.session_state.pop("review_toast", None):
    st.toast(message)
st.caption(md(f"{review.plan.title} · {review.summary.title}"))
st.caption(
    t(
        "review.counts",
        findings=len(review.findings),
        actions=len(review.actions),
        reviews=len(review.reviews),
    )
)
if not review.editor:
    st.caption(t("review.read_only"))
ui.review.revision(conn, actor, review)
with st.expander(t("objectives.tab")):
    objectives.rating_form(conn, drill_id)
conflicts.lead_panel(conn, drill_id)

tabs = st.tabs(
    [
        t("review.tab.scores"),
        t("review.tab.findings"),  # fixed labels: a changed label would reopen the first tab
        t("common.actions"),
        t("review.tab.reviews"),
        t("review.tab.conclusions"),
        t("review.tab.documents"),
    ]
)
with tabs[0]:
    ui.review.scores(conn, actor, review)
with tabs[1]:
    review_findings.findings(conn, actor, review)
with tabs[2]:
    actions.drill_actions(conn, actor, review)
with tabs[3]:
    review_findings.reviews(review)
with tabs[4]:
    review_conclusions.conclusions(conn, actor, review)
with tabs[5]:
    ui.review.documents(review)
