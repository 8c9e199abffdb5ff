"""Versions: history, differences between two versions, review and approval, downloads."""

from __future__ import annotations

import json

import streamlit as st

import services.plans
from access.errors import NotAllowedError
from bootstrap import get_db
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import VERSION_STATUSES
from plans import checks, diff
from plans.model import plan_to_dict
from services.errors import NotFoundError
from ui import (
    fmt_time,
    may,
    now,
    open_version,
    page_setup,
    revision,
    show_error,
    start_new_draft,
    version_buttons,
)
from ui.waivers import waiver_form, waivers_table

actor = page_setup("nav.versions")
conn = get_db()
st.title(t("nav.versions"))

summaries = services.plans.list_plans(conn, actor)
if not summaries:
    st.info(t("editor.no_plans"))
    st.stop()
current = st.session_state.get("version_id")
plan_ids = [s.plan_id for s in summaries]
default = 0
if current is not None:
    try:
        default = plan_ids.index(services.plans.version_info(conn, actor, current).plan_id)
    except (NotFoundError, NotAllowedError, ValueError):
        default = 0
choice = st.selectbox(
    t("plans.pick"), summaries, index=default, key="versions_plan", format_func=lambda r: r.title
)
versions = services.plans.list_versions(conn, actor, choice.plan_id)

st.dataframe(
    [
        {
            t("common.version"): v.number,
            t("common.status"): VERSION_STATUSES.label(v.status),
            t("versions.created"): f"{v.created_by} · {fmt_time(v.created_at)}",
            t("versions.submitted"): f"{v.submitted_by or ''} {fmt_time(v.submitted_at)}".strip(),
            t("versions.approved"): f"{v.approved_by or ''} {fmt_time(v.approved_at)}".strip(),
            t("common.note"): v.note or "",
        }
        for v in versions
    ],
    hide_index=True,
    width="stretch",
)

target = st.selectbox(
    t("versions.pick"),
    versions,
    key="versions_pick",
    format_func=lambda v: f"v{v.number} · {t('status.' + v.status)}",
)


def transition(action, *args, **kwargs) -> None:
    try:
        action(conn, actor, target.id, *args, now=now(), **kwargs)
    except UserFacingError as exc:
        show_error(exc)
    else:
        st.toast(t("outcome.done"))
        st.rerun()


shown = services.plans.review_version(conn, actor, target.id)  # one snapshot of the version
plan = shown.plan
# the same rights, told the same facts (authors included), as the store asks before it acts
offered = version_buttons(shown.info.status, shown.permissions)
reviewing = "approve" in offered
errors = checks.open_errors(checks.check_plan(plan)) if reviewing else []
reasons = waiver_form(errors, target.id) if errors else None
cols = st.columns(4)
if cols[0].button(t("versions.open"), key="versions_open"):
    open_version(target.id)
if "submit" in offered and cols[1].button(t("versions.submit"), key="versions_submit"):
    transition(services.plans.submit_for_review)
if reviewing:
    label = t("versions.approve_waived" if errors else "versions.approve")
    if cols[1].button(label, key="versions_approve", type="primary"):
        transition(services.plans.approve, waivers=reasons)
if "return" in offered and cols[2].button(t("versions.return"), key="versions_return"):
    transition(services.plans.return_to_draft)
if "new_draft" in offered and cols[1].button(t("versions.new_draft"), key="versions_new"):
    start_new_draft(conn, actor, choice.plan_id, target.id)

waivers_table(shown.waivers)
downloads = st.columns(3)
record = revision.word_export(conn, actor, target, plan, downloads[2])  # revised plan or plain
downloads[0].download_button(
    t("versions.export_json"),
    json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2),
    file_name=f"plan-v{target.number}.json",
    mime="application/json",
    key="versions_json",
)
original = (
    services.plans.get_document(conn, actor, choice.plan_id)
    if may(actor, "plan.read_source")
    else None
)
if original:
    downloads[1].download_button(
        t("versions.original"), original[1], file_name=original[0], key="versions_original"
    )

revision.record_table(record)

st.subheader(t("versions.diff"))
if len(versions) < 2:
    st.caption(t("versions.single"))
    st.stop()
pair = st.columns(2)
old = pair[0].selectbox(
    t("versions.old"), versions, index=1, key="versions_old", format_func=lambda v: f"v{v.number}"
)
new = pair[1].selectbox(
    t("versions.new"),
    versions,
    index=0,
    key="versions_new_pick",
    format_func=lambda v: f"v{v.number}",
)
changes = services.plans.compare_versions(conn, actor, old.id, new.id)
if changes.is_empty:
    st.success(t("versions.same"))
else:
    st.dataframe(
        diff.summary_rows(changes, st.session_state["lang"]),
        hide_index=True,
        width="stretch",
        column_config={
            "kind": t("common.category"),
            "id": t("col.id"),
            "name": t("col.name"),
            "change": t("diff.col.change"),
            "field": t("diff.col.field"),
            "before": t("common.before"),
            "after": t("common.after"),
        },
    )
