"""Plan editor: roles, steps and levels as tables beside a live flow chart; checks; save."""

from __future__ import annotations

import streamlit as st

import services.plans
from bootstrap import get_db
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import VERSION_STATUSES
from plans import checks
from plans.model import plan_from_dict
from ui import editor, may, md, page_setup, show_error, start_new_draft
from ui.editor_working_copy import chart_panel, checks_panel, load_work, push_edit, save_bar
from ui.revision import flags_panel
from ui.step_grid import fold_grid, steps_view
from ui.triage import triage_panel

actor = page_setup("nav.editor")
conn = get_db()

version_id = st.session_state.get("version_id")
if version_id is None:
    st.title(t("nav.editor"))
    summaries = services.plans.list_plans(conn, actor)
    if not summaries:
        st.info(t("editor.no_plans"))
        if may(actor, "plan.create"):
            st.page_link("pages/import.py", label=t("nav.import"), icon=":material/upload_file:")
        st.stop()
    pick = st.selectbox(
        t("plans.pick"),
        summaries,
        key="editor_pick",
        index=None,
        placeholder=t("plans.pick_placeholder"),
        format_func=lambda r: f"{r.title} · v{r.latest_version_number}",
    )
    if pick is None:
        st.stop()
    st.session_state["version_id"] = pick.latest_version_id
    st.rerun()  # the editor's own layout from its first run: a grid that moves is redrawn

try:
    info = services.plans.version_info(conn, actor, version_id)
    work = load_work(conn, actor, info)
except UserFacingError as exc:
    show_error(exc)
    st.stop()

fold_grid(work)  # the tables' edits, before anything is drawn from the plan
editor.fold_tables(work)
plan = plan_from_dict(work["plan"])
read_only = info.status != "draft" or not may(actor, "plan.edit")

st.title(md(plan.title))
st.caption(
    t(
        "editor.caption",
        number=info.number,
        status=VERSION_STATUSES.label(info.status),
        revision=work["revision"],
    )
)

bar = st.columns([1, 1, 1, 3])
if read_only:
    st.info(
        t(
            f"editor.read_only_{info.status}"
            if info.status != "draft"
            else "editor.read_only_rights"
        )
    )
    if (
        info.status == "published"
        and may(actor, "plan.edit")
        and bar[0].button(t("editor.new_draft"), key="editor_new_draft")
    ):
        start_new_draft(conn, actor, info.plan_id, info.id)
else:
    save_bar(conn, actor, info, plan, work, bar)
if work.get("conflict") and st.button(t("editor.reload"), key="editor_reload"):
    st.session_state.pop("work")
    st.rerun()

for key, params in work.get("notes", []):
    st.info(t(key, **params))
work["notes"] = []
flags = flags_panel(conn, actor, info, plan, read_only)

findings = checks.check_plan(plan)
# beside the table a chart of many lanes is too small to read: below it by default then
if st.toggle(t("editor.chart_below"), value=len(plan.roles) > 3, key="editor_chart_below"):
    left, right = st.container(), st.container()
else:
    left, right = st.columns([3, 2], gap="medium")
with left:
    views = {
        "steps": "common.steps",
        "roles": "common.roles",
        "levels": "common.levels",
        "sections": "editor.view_sections",
        "checks": "editor.view_checks",
    }
    st.session_state.setdefault("editor_view", "steps")
    view = st.radio(
        t("common.content"),
        list(views),
        key="editor_view",
        horizontal=True,
        format_func=lambda v: t(views[v], n=len(findings)),
    )
    try:
        if view == "checks":
            checks_panel(plan, findings)
            result = None
        elif view == "sections":
            result = triage_panel(conn, actor, info.plan_id, plan, read_only)
        else:
            query = st.text_input(
                t("editor.filter"), key="editor_filter", placeholder=t("editor.filter_hint")
            )
            if view == "steps":
                result = steps_view(plan, work, query, read_only, flags.get("step"))
            elif view == "roles":
                result = editor.roles_table(plan, work, query, read_only, flags.get("role"))
            else:
                result = editor.levels_table(plan, work, read_only)
    except UserFacingError as exc:
        show_error(exc)
        result = None
    if result is not None:
        push_edit(work, result)
        st.rerun()
with right:
    chart_panel(plan)
