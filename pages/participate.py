"""Participant screen: nothing before a drill starts; during it, the messages (injects) released
to the participant's roles, newest first, with their release time; after the end, a short form
for the participant's own review (参演人员自评). A live fragment notices the start (T0), each
release and the end by itself within a few seconds; the end reruns the page for the review."""

from __future__ import annotations

import streamlit as st

import services.drills
import services.observations
import services.review
from bootstrap import get_db
from drills.actions import ParticipantReview
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import DRILL_STATUSES
from ui import edit_guard, fmt_time, md, now, page_setup, show_error
from ui.live import live_fragment, refresh_button

REFRESH_SECONDS = 2.5  # the start, a release or the end is seen within a few seconds

actor = page_setup("nav.participate", layout="centered")
conn = get_db()
st.title(t("nav.participate"))


def _follow(drills) -> None:
    """Notice what changed since the last look: a drill that started says so; one that ended
    reruns the whole page, whose review form lies outside the fragment."""
    now_seen = {d.id: d.status for d in drills}
    before = st.session_state.get("participate_seen")
    st.session_state["participate_seen"] = now_seen
    if before is None:
        return
    if any(s == "ended" and before.get(i) != "ended" for i, s in now_seen.items()):
        st.rerun(scope="app")
    if any(i not in before for i in now_seen):
        st.toast(t("participate.started"), icon=":material/campaign:")


@live_fragment(run_every=REFRESH_SECONDS)
def messages(actor) -> None:
    """The released messages, every few seconds, for a session still live (`actor`: checked
    afresh; the refresh button counts as activity, the timer does not)."""
    refresh_button("participate_refresh")
    drills = [d for d in services.drills.list_drills(conn, actor) if d.my_role == "participant"]
    _follow(drills)
    if not drills:
        st.info(t("participate.none"))
        return
    for drill in drills:
        st.subheader(md(drill.title))
        st.caption(DRILL_STATUSES.label(drill.status))
        try:
            views = services.observations.visible_injects(conn, actor, drill.id)
        except UserFacingError as exc:
            show_error(exc)
            continue
        if not views:
            st.caption(t("participate.no_messages"))
        for view in sorted(views, key=lambda v: v.released_at, reverse=True):
            with st.container(border=True):
                st.markdown(
                    f"**{md(view.inject.title)}**  \n"
                    f"{t('drills.inject_kind.' + view.inject.kind)} · "
                    f"{fmt_time(view.released_at)}"
                )
                st.text(view.inject.content)


messages()


def self_review(drill) -> None:
    """The participant's own review of an ended drill (a second one replaces the first)."""
    try:
        opened = services.review.review_form(conn, actor, drill.id, drill.version_id)
    except UserFacingError as exc:
        show_error(exc)
        return
    earlier, names = opened.earlier, opened.names
    roles = [None, *opened.roles]
    before = earlier.review if earlier else None
    st.subheader(t("selfreview.title") + " · " + md(drill.title))
    st.caption(t("selfreview.help"))
    if earlier:
        st.caption(t("selfreview.earlier", when=fmt_time(earlier.submitted_at)))
    form = f"selfreview_{drill.id}"
    stored = earlier.submitted_at if earlier else None
    edit_guard.stale_notice(form, stored)
    shown = edit_guard.opened(form, stored)
    with st.form(form):
        role = st.selectbox(
            t("selfreview.role"),
            roles,
            index=roles.index(before.role) if before and before.role in roles else len(roles) - 1,
            format_func=lambda r: names.get(r, r) if r else "—",
            key=edit_guard.widget_key(form, "role"),
        )
        well = st.text_area(
            t("common.what_went_well"),
            value=before.went_well if before else "",
            key=edit_guard.widget_key(form, "well"),
        )
        improve = st.text_area(
            t("selfreview.improve"),
            value=before.to_improve if before else "",
            key=edit_guard.widget_key(form, "improve"),
        )
        rating = st.slider(
            t("selfreview.rating"),
            1,
            5,
            value=before.rating if before else 3,
            key=edit_guard.widget_key(form, "rating"),
        )
        sent = st.form_submit_button(
            t("selfreview.submit"), type="primary", key=f"selfreview_submit_{drill.id}"
        )
    if not sent:
        return
    if not (well.strip() or improve.strip()):
        st.error(t("selfreview.empty"))
        return
    try:
        review = ParticipantReview(actor.username, role, well.strip(), improve.strip(), rating)
        stored_at = services.review.submit_review(
            conn, actor, drill.id, review, now=now(), replacing=shown
        )
    except UserFacingError as exc:
        show_error(exc)
    else:
        edit_guard.saved(form, stored_at)
        st.success(t("selfreview.saved"), icon=":material/check_circle:")


for ended in services.drills.list_drills(conn, actor):
    if ended.my_role == "participant" and ended.status == "ended":
        self_review(ended)
