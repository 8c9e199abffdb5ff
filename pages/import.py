"""Import: upload a plan document, watch it being read, preview what was found, save it."""

from __future__ import annotations

import hashlib

import streamlit as st

import services.plans
from bootstrap import get_db
from i18n import join_names, t
from i18n.errors import UserFacingError
from i18n.glossary import PHASES, PLAN_KINDS
from plans import checks
from plans.errors import PlanError
from plans.extract import import_document
from plans.model import plan_from_dict, plan_to_dict
from plans.reader import read_document
from services.errors import DuplicateDocumentError
from ui import error_text, md, now, open_version, page_setup, show_error
from ui.chart import chart_panel
from ui.streamlit_texts import upload_limit_mb, uploader_ceiling_mb
from ui.triage import triage_panel
from ui.units import unit_choice

actor = page_setup("nav.import", require="plan.create")
st.title(t("nav.import"))
# The uploader takes anything up to the web server's ceiling, so that a file over our own limit
# reaches the page and the guard refuses it in the user's language (Streamlit's refusal is English).
limit_mb = upload_limit_mb()
st.caption(t("import.help", mb=f"{limit_mb:g}"))

upload = st.file_uploader(
    t("import.upload"), key="import_file", max_upload_size=uploader_ceiling_mb()
)
if upload is None:
    st.session_state.pop("import_preview", None)
    st.stop()

data = upload.getvalue()
digest = hashlib.sha256(data).hexdigest()
preview = st.session_state.get("import_preview")
if not preview or preview["sha256"] != digest:
    bar = st.progress(0.0, text=t("import.reading"))

    def report(fraction: float, stage_key: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t(stage_key))

    try:
        plan = import_document(
            data, upload.name, max_bytes=int(limit_mb * 1024 * 1024), progress=report
        )
    except PlanError as exc:
        bar.empty()
        st.session_state.pop("import_preview", None)
        show_error(exc)
        st.stop()
    bar.progress(1.0, text=t("import.done"))
    preview = {"sha256": digest, "name": upload.name, "plan": plan_to_dict(plan)}
    st.session_state["import_preview"] = preview

plan = plan_from_dict(preview["plan"])
st.subheader(md(plan.title or upload.name))
counts = st.columns(5)
counts[0].metric(t("common.roles"), len(plan.roles))
counts[1].metric(t("common.steps"), len(plan.steps))
counts[2].metric(t("common.levels"), len(plan.levels))
counts[3].metric(t("import.parts"), len(plan.parts) or 1)
counts[4].metric(t("import.timed"), sum(s.time_limit_min is not None for s in plan.steps))
# not lang=: that is t()'s own parameter, the language of the message
st.caption(t("import.meta", kind=PLAN_KINDS.label(plan.kind), language=t(f"lang.{plan.language}")))

for key in plan.warnings:
    st.warning(t(key))
findings = checks.check_plan(plan)
if findings:
    with st.expander(t("import.findings", n=len(findings))):
        for finding in findings:
            st.markdown(f"- {md(finding.message(st.session_state['lang']))}")

tab_steps, tab_roles, tab_chart, tab_sections = st.tabs(
    [t("common.steps"), t("common.roles"), t("import.chart"), t("editor.view_sections")]
)
names = {r.id: r.name for r in plan.roles}
with tab_steps:
    st.dataframe(
        [
            {
                t("col.name"): s.name,
                t("col.owners"): join_names(names.get(r, r) for r in s.roles),
                t("col.phase"): PHASES.label(s.phase),
                t("col.minutes"): s.time_limit_min,
                t("col.source"): s.source.text if s.source else "",
            }
            for s in plan.steps
        ],
        hide_index=True,
        width="stretch",
    )
with tab_roles:
    st.dataframe(
        [
            {
                t("col.name"): r.name,
                t("col.aliases"): join_names(r.aliases),
                t("col.parent"): names.get(r.parent, ""),
                t("col.source"): r.source.text if r.source else "",
            }
            for r in plan.roles
        ],
        hide_index=True,
        width="stretch",
    )
with tab_chart:
    chart_panel(plan)  # the editor's views: the plan as it will look once saved

with tab_sections:
    try:
        blocks = read_document(upload.getvalue(), upload.name)
        triaged = triage_panel(None, actor, None, plan, False, blocks=blocks)
    except PlanError as exc:
        show_error(exc)
        triaged = None
    if triaged is not None:
        preview["plan"] = plan_to_dict(triaged.plan)
        st.session_state["import_notes"] = list(triaged.notes)
        st.rerun()
    for key, params in st.session_state.pop("import_notes", []):
        st.info(t(key, **params))

duplicate_ok = st.session_state.get("import_duplicate_ok") == digest
unit = unit_choice(get_db(), actor)  # admins choose; everyone else imports into their own unit
blocked = not plan.title or unit == ""
if st.button(t("import.save"), key="import_save", type="primary", disabled=blocked):
    try:
        result = services.plans.import_plan(
            get_db(),
            actor,
            plan,
            document=data,
            filename=upload.name,
            now=now(),
            allow_duplicate=duplicate_ok,
            unit=unit,
        )
    except DuplicateDocumentError as exc:
        st.warning(error_text(exc))
        st.session_state["import_duplicate"] = {"sha256": digest, **exc.params}
    except UserFacingError as exc:
        show_error(exc)
    else:
        st.session_state.pop("import_preview", None)
        st.session_state.pop("import_duplicate", None)
        st.toast(t("import.saved"))
        open_version(result.version_id)

dup = st.session_state.get("import_duplicate")
if dup and dup["sha256"] == digest:
    left, right = st.columns(2)
    if dup.get("version_id") and left.button(t("import.open_existing"), key="import_open_existing"):
        open_version(dup["version_id"])
    if right.button(t("import.save_anyway"), key="import_save_anyway"):
        st.session_state["import_duplicate_ok"] = digest
        st.session_state.pop("import_duplicate")
        st.rerun()
