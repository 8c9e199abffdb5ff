"""Participant screen: nothing before a drill starts; during it, the messages (injects) released
to the participant's roles, newest first, with their release time."""

from __future__ import annotations

import streamlit as st

from bootstrap import get_db
from db import drills_store
from i18n import t
from plans.errors import PlanError
from ui import fmt_time, md, now, page_setup, show_error

actor = page_setup("nav.participate", layout="centered")
conn = get_db()
st.title(t("nav.participate"))


@st.fragment(run_every=10)
def messages() -> None:
    drills = [d for d in drills_store.list_drills(conn, actor) if d.my_role == "participant"]
    if not drills:
        st.info(t("participate.none"))
        return
    for drill in drills:
        if drill.status == "running":  # timed injects fall due even when no console is open
            drills_store.release_due_injects(conn, drill.id, now=now())
        st.subheader(md(drill.title))
        st.caption(t(f"drills.status.{drill.status}"))
        try:
            views = drills_store.visible_injects(conn, actor, drill.id)
        except PlanError as exc:
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
