"""Drill objectives on screen: entered with the evaluation criteria in the drill design (beside
the evaluation team with posts), and rated P/S/M/U with a note by the evaluation lead after the
drill (the store behind services.review decides who may)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

import drills.objectives
import services.review
from drills.errors import DrillError
from i18n import join_names, t
from i18n.errors import UserFacingError
from i18n.glossary import CAPABILITY_AREAS, PHASES, QUALITY_MARKS
from ui import error_text, fmt_time, now, show_error
from ui.live import live_callback, live_fragment
from ui.text import md


def _tags(objective) -> str:
    areas = join_names(CAPABILITY_AREAS.label(a) for a in objective.areas)
    phases = join_names(PHASES.label(p) for p in objective.phases)
    return " · ".join(x for x in (areas, phases) if x)


def team_table(team) -> None:
    """The evaluation team with posts (评估组长, 评估员) and display names."""
    st.markdown(f"**{t('common.evaluation_team')}**")
    if not team:
        st.caption(t("objectives.no_team"))
        return
    st.dataframe(
        [
            {
                t("common.post"): t(f"objectives.post.{m.post}"),
                t("common.person_name"): m.display_name,
                t("auth.username"): m.username,
            }
            for m in team
        ],
        hide_index=True,
        width="stretch",
    )


def design_panel(design, editable: bool, save, team=()) -> None:
    """The design's objectives and evaluation criteria; `save(new_design)` stores a change."""
    st.caption(t("objectives.help"))
    objectives = design.objectives
    if objectives:
        st.dataframe(
            [
                {
                    t("col.id"): o.id,
                    t("objectives.text"): o.text,
                    t("objectives.areas"): join_names(CAPABILITY_AREAS.label(a) for a in o.areas),
                    t("common.plan_phases"): join_names(PHASES.label(p) for p in o.phases),
                }
                for o in objectives
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.info(t("objectives.none"))
    if editable:
        _add_form(design, save)
        if objectives:
            cols = st.columns([3, 1])
            drop = cols[0].multiselect(
                t("objectives.remove"),
                [o.id for o in objectives],
                key="objectives_drop",
                format_func=lambda x: f"{x} {next(o.text for o in objectives if o.id == x)}",
                placeholder=t("plans.pick_placeholder"),
            )
            if cols[1].button(
                t("drillpage.remove_button"), key="objectives_remove", disabled=not drop
            ):
                save(
                    replace(
                        design, objectives=drills.objectives.remove_objectives(objectives, drop)
                    )
                )
    criteria = st.text_area(
        t("common.criteria"),
        design.evaluation_criteria,
        key="design_criteria",
        height=120,
        disabled=not editable,
        help=t("objectives.criteria_help"),
    )
    if editable and st.button(t("objectives.criteria_save"), key="design_criteria_save"):
        save(replace(design, evaluation_criteria=criteria.strip()))
    team_table(team)


def _add_form(design, save) -> None:
    with st.form("objective_add", clear_on_submit=True):
        st.markdown(f"**{t('objectives.add_title')}**")
        text = st.text_area(t("objectives.text"), key="objective_new_text", height=80)
        cols = st.columns(2)
        areas = cols[0].multiselect(
            t("objectives.areas"),
            CAPABILITY_AREAS,
            key="objective_new_areas",
            format_func=CAPABILITY_AREAS.label,
            placeholder=t("plans.pick_placeholder"),
        )
        phases = cols[1].multiselect(
            t("common.plan_phases"),
            PHASES,
            key="objective_new_phases",
            format_func=PHASES.label,
            placeholder=t("plans.pick_placeholder"),
        )
        added = st.form_submit_button(t("objectives.add"), key="objective_add_submit")
    if added:
        try:
            new = drills.objectives.add_objective(
                design.objectives, text, areas=areas, phases=phases
            )
        except DrillError as exc:
            show_error(exc)
        else:
            save(replace(design, objectives=new))


@live_callback
def _rate(actor, conn, drill_id: int, objective_id: str) -> None:
    state = st.session_state
    key = f"objective_{objective_id}"
    mark = state.get(f"{key}_rating")
    if mark is None:
        state[f"{key}_problem"] = t("objectives.choose_rating")
        return
    rating = drills.objectives.ObjectiveRating(objective_id, mark, state.get(f"{key}_note") or "")
    try:
        services.review.rate_objective(conn, actor, drill_id, rating, now=now())
    except UserFacingError as exc:
        state[f"{key}_problem"] = error_text(exc)
        return
    state.pop(f"{key}_problem", None)
    state["objectives_toast"] = t("objectives.rated")


@live_fragment
def rating_form(actor, conn, drill_id: int) -> None:
    """Each objective with its P/S/M/U rating and note; the lead rates it after the drill."""
    try:
        sheet = services.review.objectives_sheet(conn, actor, drill_id)
    except UserFacingError as exc:
        show_error(exc)
        return
    if message := st.session_state.pop("objectives_toast", None):
        st.toast(message, icon=":material/check:")
    st.subheader(t("objectives.title"))
    if sheet.criteria:
        st.markdown(f"**{t('common.criteria')}**")
        st.caption(md(sheet.criteria))
    if not sheet.objectives:
        st.info(t("objectives.none_in_design"))
    for rated in sheet.objectives:
        _rating_card(conn, drill_id, rated, sheet)
    team_table(sheet.team)


def _rating_card(conn, drill_id: int, rated, sheet) -> None:
    key = f"objective_{rated.id}"
    state = st.session_state
    current = rated.rating
    if current is not None:  # the stored rating shows until the lead picks another
        state.setdefault(f"{key}_rating", current.rating)
        state.setdefault(f"{key}_note", current.note)
    with st.container(border=True, key=f"{key}_box"):
        st.markdown(f"**{md(rated.id)}** {md(rated.text)}")
        if tags := _tags(rated.objective):
            st.caption(md(tags))
        if current is not None:
            st.caption(
                t(
                    "objectives.current",
                    rating=QUALITY_MARKS.label(current.rating),
                    who=md(sheet.names.get(current.rated_by, current.rated_by)),
                    at=fmt_time(current.rated_at),
                )
            )
        if not sheet.may_rate:
            return
        if problem := state.get(f"{key}_problem"):
            st.error(problem)
        st.segmented_control(
            t("common.rating"),
            drills.objectives.OBJECTIVE_RATINGS,
            key=f"{key}_rating",
            format_func=QUALITY_MARKS.label,
        )
        st.text_input(t("objectives.note"), key=f"{key}_note")
        st.button(
            t("common.save_rating"),
            key=f"{key}_save",
            type="primary",
            on_click=_rate,
            args=(conn, drill_id, rated.id),
        )


__all__ = ["design_panel", "rating_form", "team_table"]
