"""After a drill: its whole record read in one snapshot per page run, the scores with rating
overrides and the unit's area weights (each change rescores at once, services.evaluation), the
documents, and the way from plan-defect findings to a revision."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

import services.revision
from drills.actions import revision_findings
from drills.ratings import RatingOverride
from drills.report_assemble import evaluation_report_bytes
from i18n import LANGUAGES, t
from i18n.errors import UserFacingError
from i18n.glossary import CAPABILITY_AREAS, QUALITY_MARKS, SCORE_GRADES
from services import evaluation
from services.evaluation import Review
from ui import edit_guard, may, md, now, open_version, review_record, show_error
from ui.downloads import download
from ui.review_record import score_text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def load(conn, actor, drill_id: int, lang: str) -> Review:
    """Everything the screen shows, read in one snapshot (services.evaluation.review_snapshot).
    Raises: NotFoundError, InvalidTransitionError (not ended), NotAllowedError."""
    return evaluation.review_snapshot(conn, actor, drill_id, lang, now=now())


def rating_label(code: str | None) -> str:
    return QUALITY_MARKS.label(code) if code else "—"


def scores(conn, actor, review: Review) -> None:
    ev = review.evaluation
    cols = st.columns(3)
    cols[0].metric(t("review.overall"), score_text(ev.score))
    cols[1].metric(t("review.grade"), SCORE_GRADES.label(ev.grade) if ev.grade else "—")
    cols[2].metric(
        t("review.coverage"),
        "—" if ev.coverage is None else f"{ev.coverage:.0%}",
        help=t("review.coverage_help"),
    )
    review_record.categories(review)
    areas = [a for a in ev.areas if a.counts.total]
    rows = [
        {
            t("common.area"): CAPABILITY_AREAS.label(a.area),
            t("common.items"): a.counts.total,
            t("review.coverage"): a.coverage,
            t("common.score"): score_text(a.score),
            t("review.col.weight"): a.weight,
            t("review.col.computed"): a.computed_rating or "—",
            t("review.col.rating"): a.rating or "—",
            t("review.col.reason"): a.override.reason if a.override else "",
        }
        for a in areas
    ]
    rated = {CAPABILITY_AREAS.label(a.area): round(a.score) for a in areas if a.score is not None}
    if rated:
        st.bar_chart(pd.DataFrame({t("common.score"): rated}), horizontal=True)
    if rows:
        st.dataframe(
            pd.DataFrame(rows),
            hide_index=True,
            width="stretch",
            column_config={
                t("review.coverage"): st.column_config.ProgressColumn(
                    format="percent", min_value=0, max_value=1
                )
            },
            key="review_areas_table",
        )
    roles = {r.id: r.name for r in review.plan.roles}
    st.markdown(f"**{t('review.by_role')}**")
    st.dataframe(
        review_record.role_rows(review, roles),
        hide_index=True,
        width="stretch",
        key="review_roles_table",
    )
    review_record.items(review)
    review_record.record(review)
    if review.editor and areas:
        _override_form(conn, actor, review, [a.area for a in areas])
    if "admin" in actor.roles or (
        "evaluation_lead" in actor.roles and actor.unit == review.summary.unit
    ):
        _weights_form(conn, actor, review)


def _override_form(conn, actor, review: Review, areas: list[str]) -> None:
    with st.expander(t("review.override")):
        st.caption(t("review.override_help"))
        with st.form("review_override"):
            area = st.selectbox(
                t("common.area"),
                areas,
                format_func=CAPABILITY_AREAS.label,
                key="review_override_area",
            )
            rating = st.selectbox(
                t("common.rating"),
                QUALITY_MARKS,
                format_func=rating_label,
                key="review_override_rating",
            )
            reason = st.text_area(t("review.override_reason"), key="review_override_reason")
            sent = st.form_submit_button(t("common.save_rating"), key="review_override_save")
        if sent:
            try:
                evaluation.set_override(
                    conn,
                    actor,
                    review.drill_id,
                    RatingOverride(area, rating, reason, actor.username),
                    now=now(),
                )
            except UserFacingError as exc:
                show_error(exc)
            else:
                _saved("review.override_saved")


def _weights_form(conn, actor, review: Review) -> None:
    form = f"review_weights_{review.summary.unit}"
    stored = tuple(sorted(review.weights.items()))
    with st.expander(t("review.weights")):
        st.caption(t("review.weights_help"))
        edit_guard.stale_notice(form, stored)
        shown = dict(edit_guard.opened(form, stored))
        with st.form("review_weights"):
            chosen = {
                area: st.number_input(
                    CAPABILITY_AREAS.label(area),
                    min_value=0.0,
                    max_value=10.0,
                    step=0.5,
                    value=float(review.weights.get(area, 1.0)),
                    key=f"review_weight_{area}",
                )
                for area in CAPABILITY_AREAS
            }
            sent = st.form_submit_button(t("review.weights_save"), key="review_weights_save")
        if sent:
            try:
                evaluation.set_weights(
                    conn, actor, review.summary.unit, chosen, now=now(), expected=shown
                )
            except UserFacingError as exc:
                show_error(exc)
            else:
                edit_guard.saved(form, tuple(sorted((a, float(w)) for a, w in chosen.items())))
                _saved("review.weights_saved")


def _saved(message: str) -> None:
    """After a change of ratings or weights (already rescored and kept): show it afresh."""
    st.session_state["review_toast"] = message
    st.rerun()


def documents(review: Review) -> None:
    """The downloads, in the language chosen here (by default the plan's); the report's
    structure (AQ/T 9009 or HSEEP) is the standard chosen for the drill or its unit, never the
    language."""
    from drills.report_docx import build_debrief, report_xlsx
    from plans.docx_style import to_docx_bytes

    st.caption(t("review.d.help"))
    drill = review.drill_id
    plan_lang = review.plan.language if review.plan.language in LANGUAGES else "zh"
    lang = st.radio(
        t("eval.screen.doc_language"),
        LANGUAGES,
        index=LANGUAGES.index(plan_lang),
        format_func=lambda code: t(f"eval.lang.{code}"),
        horizontal=True,
        help=t("eval.screen.doc_language_help"),
        key="review_doc_lang",
    )
    data = review.data if lang == review.data.lang else review.document(lang)
    st.caption(t("signoff.ui.doc_standard", standard=t(f"signoff.standard.{data.standard}")))
    if not data.conclusion_edited:
        st.warning(t("signoff.ui.doc_draft"), icon=":material/edit_note:")
    # the bytes exist when the buttons are drawn (ui.downloads): built once per state of the data
    revision = (drill, lang, hashlib.sha256(repr(data).encode("utf-8")).hexdigest())
    download(
        st,
        t("drillpage.report_word"),
        lambda: evaluation_report_bytes(data, review.plan, level=review.design.level),
        key="review_report",
        revision=revision,
        lazy=True,
        file_name=f"drill-{drill}-report-{lang}.docx",
        mime=DOCX,
        icon=":material/description:",
        type="primary",
    )
    download(
        st,
        t("review.d.debrief"),
        lambda: to_docx_bytes(build_debrief(data)),
        key="review_debrief",
        revision=revision,
        lazy=True,
        file_name=f"drill-{drill}-debrief-{lang}.docx",
        mime=DOCX,
        icon=":material/campaign:",
        help=t("review.d.debrief_help"),
    )
    download(
        st,
        t("drillpage.report_excel"),
        lambda: report_xlsx(data),
        key="review_excel",
        revision=revision,
        lazy=True,
        file_name=f"drill-{drill}-{lang}.xlsx",
        icon=":material/table:",
    )


def revision(conn, actor, review: Review) -> None:
    """When accepted plan-defect deficiencies mark the plan as due for revision: say so, mark it
    in the store, and let one who may edit the plan open the revision at once."""
    findings = [s.finding for s in review.findings]
    reasons = revision_findings(findings)
    if not reasons:
        return
    if review.editor:
        try:
            services.revision.mark_due(
                conn, actor, review.summary.plan_id, review.drill_id, findings, now=now()
            )
        except UserFacingError as exc:
            show_error(exc)
    with st.container(border=True):
        st.warning(t("review.plan_due", n=len(reasons)), icon=":material/rule:")
        for finding in reasons:
            st.markdown(f"- {md(finding.title)}")
        if may(actor, "plan.edit"):
            if st.button(t("review.open_revision"), key="review_open_revision", type="primary"):
                try:
                    draft = services.revision.open_revision(
                        conn, actor, review.drill_id, findings, now=now()
                    )
                except UserFacingError as exc:
                    show_error(exc)
                else:
                    open_version(draft)
        else:
            st.caption(t("review.owner_revises"))
