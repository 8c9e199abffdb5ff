"""Plans list: plans due for revision, search, filter, open, delete (with confirmation and
undo)."""

from __future__ import annotations

import streamlit as st

import services.plans
from bootstrap import get_db
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import PLAN_KINDS, VERSION_STATUSES
from ui import fmt_time, may, md, open_version, page_setup, revision, show_error

actor = page_setup("nav.plans")
st.title(t("nav.plans"))
conn = get_db()
due = revision.due_section(conn, actor)  # plans that drill findings ask to revise, on top

filters = st.columns([3, 2, 2, 2])
search = filters[0].text_input(
    t("common.search"), key="plans_search", placeholder=t("plans.search_hint")
)
kind = filters[1].selectbox(
    t("common.kind"),
    [None, *PLAN_KINDS],
    key="plans_kind",
    format_func=lambda k: t("plans.all") if k is None else PLAN_KINDS.label(k),
)
status = filters[2].selectbox(
    t("common.status"),
    [None, *VERSION_STATUSES],
    key="plans_status",
    format_func=lambda s: t("plans.all") if s is None else VERSION_STATUSES.label(s),
)
language = filters[3].selectbox(
    t("common.language"),
    [None, "zh", "en"],
    key="plans_language",
    format_func=lambda x: t("plans.all") if x is None else t(f"lang.{x}"),
)

rows = services.plans.list_plans(
    conn, actor, search=search, kind=kind, status=status, language=language
)

deleted = st.session_state.get("plans_deleted")
if deleted:
    note, undo = st.columns([4, 1])
    note.info(t("plans.deleted", title=md(deleted["title"])))
    if undo.button(t("common.undo"), key="plans_undo"):
        try:
            services.plans.restore_plan(conn, actor, deleted["plan_id"])
        except UserFacingError as exc:
            show_error(exc)
        else:
            st.session_state.pop("plans_deleted")
            st.rerun()

if not rows:
    st.info(t("plans.none"))
    if may(actor, "plan.create"):
        st.page_link("pages/import.py", label=t("nav.import"), icon=":material/upload_file:")
    st.stop()

st.caption(t("plans.count", n=len(rows)))
table = [
    {
        t("common.title"): r.title,
        t("common.kind"): PLAN_KINDS.label(r.kind),
        t("common.status"): VERSION_STATUSES.label(r.latest_status),
        t("common.version"): r.latest_version_number,
        t("common.language"): t(f"lang.{r.language}"),
        t("common.roles"): r.n_roles,
        t("common.steps"): r.n_steps,
        t("plans.col_updated"): fmt_time(r.updated_at),
        **({t("revpage.col_due"): revision.OPEN_MARK if r.plan_id in due else ""} if due else {}),
    }
    for r in rows
]
picked = st.dataframe(
    table,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="plans_table",
    width="stretch",
)
selection = picked.selection.rows if picked and picked.selection else []
choice = rows[selection[0]] if selection else None
if choice is None:
    choice = st.selectbox(
        t("plans.pick"),
        rows,
        key="plans_pick",
        format_func=lambda r: f"{r.title} · v{r.latest_version_number}",
    )

actions = st.columns([1, 1, 3])
if actions[0].button(t("plans.open"), key="plans_open", type="primary"):
    open_version(choice.latest_version_id)
if may(actor, "plan.delete") and actions[1].button(t("common.delete"), key="plans_delete"):
    st.session_state["plans_confirm"] = choice.plan_id

if st.session_state.get("plans_confirm") == choice.plan_id:
    st.warning(t("plans.confirm_delete", title=md(choice.title)))
    yes, no = st.columns(2)
    if yes.button(t("plans.confirm_yes"), key="plans_confirm_yes", type="primary"):
        try:
            services.plans.delete_plan(conn, actor, choice.plan_id)
        except UserFacingError as exc:
            show_error(exc)
        else:
            st.session_state["plans_deleted"] = {"plan_id": choice.plan_id, "title": choice.title}
            st.session_state.pop("plans_confirm")
            st.rerun()
    if no.button(t("common.cancel"), key="plans_confirm_no"):
        st.session_state.pop("plans_confirm")
        st.rerun()
