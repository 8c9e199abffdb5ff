"""The evaluation lead's part of the documents, on the review screen: the document standard
(this drill's, the unit's), the overall conclusion and each capability area's conclusion drafted
from the evaluation and edited here (with a way back to the draft), and the cause analysis of
each problem or area, written in the language of the documents they go into."""

from __future__ import annotations

import zlib

import streamlit as st

import services.review
from drills.signoff import STANDARDS, draft_area, draft_conclusion, standard_for, text_key
from i18n import LANGUAGES, t
from i18n.errors import UserFacingError
from i18n.glossary import CAPABILITY_AREAS, FINDING_CAUSES
from ui import error_text, now
from ui.live import live_callback

PROBLEM = "signoff_problem"


def widget_key(key: str, lang: str, base: str) -> str:
    """The text box of one of the lead's texts: a new box whenever what it starts from (the
    stored text, else the draft) changes, so a saved or reset text shows at once."""
    return f"signoff_{key.replace(':', '_')}_{lang}_{zlib.crc32(base.encode()):08x}"


def standard_label(code: str) -> str:
    return t(f"signoff.standard.{code}")


def conclusions(conn, actor, review) -> None:
    """The standard, then the texts in the language chosen here (by default the plan's)."""
    signed = review.signoff
    if message := st.session_state.pop("signoff_toast", None):
        st.toast(message, icon=":material/check:")
    if problem := st.session_state.pop(PROBLEM, None):
        st.error(problem)
    _standards(conn, review)
    st.caption(t("signoff.ui.help"))
    plan_lang = review.plan.language if review.plan.language in LANGUAGES else "zh"
    lang = st.radio(
        t("signoff.ui.lang"),
        LANGUAGES,
        index=LANGUAGES.index(plan_lang),
        horizontal=True,
        format_func=lambda code: t(f"eval.lang.{code}"),
        key="signoff_lang",
    )
    stored = signed.texts_in(lang)
    ev, objectives = review.evaluation, review.objectives
    findings = review.shown_findings
    editable = signed.may_write
    if not editable:
        st.caption(t("signoff.ui.read_only"))
    st.subheader(t("signoff.ui.conclusion"))
    draft = draft_conclusion(ev, findings, objectives, lang)
    _text_box(
        conn,
        review,
        "conclusion",
        lang,
        t("signoff.ui.conclusion"),
        draft,
        stored,
        editable,
        height=200,
    )
    st.subheader(t("common.area_conclusions"))
    for area in (a.area for a in ev.areas if a.counts.total):
        name = CAPABILITY_AREAS.label(area, lang)
        rating = ev.area(area).rating
        with st.expander(f"{name} · {rating or t('eval.not_rated')}"):
            draft = draft_area(area, ev, findings, objectives, lang)
            _text_box(
                conn,
                review,
                text_key("area", area),
                lang,
                t("signoff.ui.area_text"),
                draft,
                stored,
                editable,
            )
            _text_box(
                conn,
                review,
                text_key("cause_area", area),
                lang,
                t("signoff.ui.area_cause"),
                "",
                stored,
                editable,
            )
    st.subheader(t("signoff.ui.causes"))
    problems = [f for f in findings if not f.strength]
    if not problems:
        st.caption(t("signoff.ui.no_problems"))
    missing = [f for f in problems if not stored.get(text_key("cause", f.id), "").strip()]
    if problems and missing:
        st.warning(t("signoff.ui.causes_missing", n=len(missing)), icon=":material/edit_note:")
    for finding in problems:
        cause = FINDING_CAUSES.label(finding.cause) if finding.cause else "—"
        _text_box(
            conn,
            review,
            text_key("cause", finding.id),
            lang,
            t("signoff.ui.cause_of", title=finding.title, cause=cause),
            "",
            stored,
            editable,
        )


def _text_box(conn, review, key, lang, label, draft, stored, editable, height=120) -> None:
    text = stored.get(key, "").strip()
    base = text or draft
    box = widget_key(key, lang, base)
    st.session_state.setdefault(box, base)
    if draft:
        st.caption(t("signoff.ui.edited") if text else t("signoff.ui.draft"))
    st.text_area(
        label,
        key=box,
        height=height,
        disabled=not editable,
        placeholder=t("signoff.ui.cause_placeholder") if not draft else None,
    )
    if not editable:
        return
    cols = st.columns([1, 1, 4])
    cols[0].button(
        t("common.save"),
        key=f"{box}_save",
        type="primary",
        on_click=_save,
        args=(conn, review.drill_id, key, lang, box),
    )
    cols[1].button(
        t("signoff.ui.reset") if draft else t("signoff.ui.clear"),
        key=f"{box}_reset",
        disabled=not text,
        on_click=_write,
        args=(conn, review.drill_id, key, lang, ""),
    )


@live_callback
def _save(actor, conn, drill_id: int, key: str, lang: str, box: str) -> None:
    _write.__wrapped__(actor, conn, drill_id, key, lang, st.session_state.get(box) or "")


@live_callback
def _write(actor, conn, drill_id: int, key: str, lang: str, body: str) -> None:
    try:
        services.review.write_text(conn, actor, drill_id, key, lang, body, now=now())
    except UserFacingError as exc:
        st.session_state[PROBLEM] = error_text(exc)
        return
    st.session_state["signoff_toast"] = t("common.saved" if body else "signoff.ui.reset_done")


def _standards(conn, review) -> None:
    """The standard in force, this drill's choice and (for the unit's leads) the unit's."""
    signed = review.signoff
    plan_default = standard_for(plan_lang=review.plan.language)
    unit_default = standard_for(unit=signed.unit_standard, plan_lang=review.plan.language)
    st.markdown(t("signoff.ui.standard_now", standard=standard_label(review.standard)))
    cols = st.columns(2)
    options = ("", *STANDARDS)
    cols[0].selectbox(
        t("signoff.ui.standard_drill"),
        options,
        index=options.index(signed.drill_standard),
        format_func=lambda c: (
            standard_label(c)
            if c
            else t("signoff.ui.follow_unit", standard=standard_label(unit_default))
        ),
        key="signoff_standard_drill",
        disabled=not signed.may_write,
    )
    if signed.may_write:
        cols[0].button(
            t("common.save"),
            key="signoff_standard_drill_save",
            on_click=_set_standard,
            args=(conn, review.drill_id, ""),
        )
    if signed.may_set_unit:
        cols[1].selectbox(
            t("signoff.ui.standard_unit", unit=signed.unit),
            options,
            index=options.index(signed.unit_standard),
            format_func=lambda c: (
                standard_label(c)
                if c
                else t("signoff.ui.follow_plan", standard=standard_label(plan_default))
            ),
            key="signoff_standard_unit",
        )
        cols[1].button(
            t("common.save"),
            key="signoff_standard_unit_save",
            on_click=_set_standard,
            args=(conn, review.drill_id, signed.unit),
        )


@live_callback
def _set_standard(actor, conn, drill_id: int, unit: str) -> None:
    state = st.session_state
    try:
        if unit:
            services.review.set_unit_standard(
                conn, actor, unit, state["signoff_standard_unit"], now=now()
            )
        else:
            services.review.set_drill_standard(
                conn, actor, drill_id, state["signoff_standard_drill"], now=now()
            )
    except UserFacingError as exc:
        state[PROBLEM] = error_text(exc)
        return
    state["signoff_toast"] = t("signoff.ui.standard_saved")


__all__ = ["conclusions", "standard_label", "widget_key"]
