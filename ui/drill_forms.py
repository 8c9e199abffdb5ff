"""The drill design page's panels: scenario, window, blinding, checklist, injects, people."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

import pandas as pd
import streamlit as st

from drills import checklist, injects_io
from drills.errors import summarise
from drills.model import Blinding, EvaluatorAssignment, Inject, Scenario
from i18n import join_names, t
from i18n.errors import UserFacingError
from i18n.glossary import BLINDING_ASPECTS, INJECT_KINDS, PHASES
from ui.streamlit_texts import upload_limit_mb, upload_too_big, uploader_ceiling_mb
from ui.text import md


def show_problems(exc: UserFacingError) -> None:
    """The problems of a DrillProblemsError (the first few and a count of the rest), or the one
    message of another error."""
    problems = summarise(getattr(exc, "problems", None) or [exc])
    st.error("\n".join(f"- {md(t(p.key, **p.params))}" for p in problems))


def scenario_fields(scenario: Scenario, level_names: dict) -> Scenario:
    cols = st.columns(2)
    incident = cols[0].text_input(t("drillpage.incident"), scenario.incident_type)
    place = cols[1].text_input(t("drillpage.place"), scenario.place)
    description = st.text_area(t("drillpage.description"), scenario.description, height=100)
    expected = [None, *level_names]
    level = st.selectbox(
        t("drillpage.expected_level"),
        expected,
        expected.index(scenario.expected_level) if scenario.expected_level in expected else 0,
        format_func=lambda lv: level_names.get(lv, "—"),
    )
    return Scenario(incident, place, description, level)


def _moment(label: str, value: datetime | None, key: str) -> datetime | None:
    cols = st.columns(2)
    day = cols[0].date_input(label, value.date() if value else None, key=f"{key}_day")
    hour = cols[1].time_input(
        t("common.time"), value.time() if value else time(9, 0), key=f"{key}_time"
    )
    return datetime.combine(day, hour).astimezone() if day else None


def window_fields(start: datetime | None, end: datetime | None):
    st.caption(t("drillpage.window_help"))
    return (
        _moment(t("drillpage.window_start"), start, "window_start"),
        _moment(t("drillpage.window_end"), end, "window_end"),
    )


def blinding_fields(blinding: Blinding) -> Blinding:
    st.markdown(f"**{t('drillpage.blinding')}**")
    cols = st.columns(4)
    flags = [
        cols[i].checkbox(BLINDING_ASPECTS.label(a) + " · " + t("drillpage.withheld"), value)
        for i, (a, value) in enumerate(
            (
                ("time", blinding.withhold_time),
                ("place", blinding.withhold_place),
                ("scenario", blinding.withhold_scenario),
                ("subject", blinding.withhold_subject),
            )
        )
    ]
    notified = st.text_input(t("drillpage.notified"), "、".join(blinding.notified_units))
    early = st.checkbox(t("drillpage.evaluators_early"), blinding.evaluators_see_before_start)
    units = tuple(u.strip() for u in notified.replace(",", "、").split("、") if u.strip())
    return Blinding(*flags, notified_units=units, evaluators_see_before_start=early)


def _limit_words(item, item_names: dict[str, str]) -> str:
    """An item's time limit as a director reads it: 立即 / 15 分钟, and what it counts from."""
    if item.time_limit_min is None:
        return ""
    if item.time_limit_min == 0:
        words = t("common.immediately")
    else:
        words = t("drillpage.limit_minutes", n=f"{item.time_limit_min:g}")
    if item.time_from == "trigger":
        return words + t("drillpage.limit_from_trigger")
    if item.time_from not in ("T0", "", None):
        return words + t("drillpage.limit_from_item", item=item_names.get(item.time_from, "?"))
    return words


def checklist_panel(design, plan, editable: bool, save, *, stale: bool = False) -> None:
    """The drill's checklist: its items by name (times in words, predecessors by name), the
    participating roles it would not watch, and for a director: remove, add, derive again
    (keeping added items; offered at once when `stale`: the level or the roles changed)."""
    names = {r.id: r.name for r in plan.roles}
    items = design.checklist
    item_names = {i.id: i.name for i in items}
    st.caption(t("drillpage.checklist_help", n=len(items)))
    silent = checklist.roles_without_items(items, design.participating_roles)
    if silent:
        st.warning(
            t("drillpage.roles_unwatched", roles=join_names([names.get(r, r) for r in silent]))
        )
    st.dataframe(
        [
            {
                t("col.id"): i.id,
                t("col.name"): i.name,
                t("col.owners"): join_names(names.get(r, r) for r in i.roles),
                t("col.phase"): PHASES.label(i.phase),
                t("col.minutes"): _limit_words(i, item_names),
                t("col.after"): join_names(item_names.get(a, a) for a in i.after),
                t("drillpage.step"): i.step_id or t("drills.extra_item"),
            }
            for i in items
        ],
        hide_index=True,
        width="stretch",
    )
    if not editable:
        return
    fresh = checklist.regenerate_checklist(
        items, plan, level=design.level, roles=design.participating_roles or None
    )
    added = sum(1 for i in items if i.extra)
    if stale and [i.step_id for i in fresh] != [i.step_id for i in items]:
        st.warning(t("drillpage.checklist_stale", added=added))
        if st.button(t("drillpage.regenerate"), key="checklist_regenerate", type="primary"):
            save(replace(design, checklist=fresh))
    cols = st.columns([3, 1])
    drop = cols[0].multiselect(
        t("drillpage.remove"),
        [i.id for i in items],
        key="checklist_drop",
        format_func=lambda x: f"{x} {next(i.name for i in items if i.id == x)}",
        placeholder=t("plans.pick_placeholder"),
    )
    if cols[1].button(t("drillpage.remove_button"), key="checklist_remove", disabled=not drop):
        save(replace(design, checklist=checklist.remove_items(items, drop)))
    with st.popover(t("drillpage.rederive"), icon=":material/refresh:"):
        st.caption(t("drillpage.rederive_confirm", n=len(fresh), added=added, now=len(items)))
        if st.button(t("drillpage.regenerate"), key="checklist_rederive"):
            save(replace(design, checklist=fresh))
    with st.form("checklist_extra"):
        st.markdown(f"**{t('drillpage.extra')}**")
        name = st.text_input(t("col.name"))
        roles = st.multiselect(
            t("col.owners"),
            list(names),
            format_func=lambda r: names[r],
            placeholder=t("plans.pick_placeholder"),
        )
        phase = st.selectbox(
            t("col.phase"), PHASES, PHASES.index("disposal"), format_func=PHASES.label
        )
        minutes = st.number_input(t("col.minutes"), min_value=0, value=None, step=5)
        added = st.form_submit_button(t("common.add"), key="checklist_extra_add")
    if added:
        try:
            save(
                replace(
                    design,
                    checklist=checklist.add_extra_item(
                        items, name, roles=roles, phase=phase, time_limit_min=minutes
                    ),
                )
            )
        except UserFacingError as exc:
            show_problems(exc)


def injects_panel(design, plan, editable: bool, save) -> None:
    names = {r.id: r.name for r in plan.roles}
    items = {i.id: i.name for i in design.checklist}
    rows = pd.DataFrame(
        [
            {
                "id": i.id,
                "title": i.title,
                "content": i.content,
                "kind": i.kind,
                "offset_min": i.offset_min,
                "to_roles": list(i.to_roles),
                "expected_steps": list(i.expected_steps),
            }
            for i in design.injects
        ],
        columns=["id", "title", "content", "kind", "offset_min", "to_roles", "expected_steps"],
    )
    edited = st.data_editor(
        rows,
        key=f"injects_{len(design.injects)}_{hash(design.injects)}",
        hide_index=True,
        num_rows="dynamic" if editable else "fixed",
        disabled=not editable,
        width="stretch",
        column_config={
            "id": st.column_config.TextColumn(t("col.id"), width="small"),
            "title": st.column_config.TextColumn(t("common.title"), required=True),
            "content": st.column_config.TextColumn(t("common.content"), width="large"),
            "kind": st.column_config.SelectboxColumn(
                t("common.kind"),
                options=INJECT_KINDS,
                default="message",
                required=True,
                format_func=INJECT_KINDS.label,
            ),
            "offset_min": st.column_config.NumberColumn(t("drillpage.offset"), min_value=0),
            "to_roles": st.column_config.MultiselectColumn(
                t("drillpage.to_roles"), options=list(names), format_func=lambda r: names.get(r, r)
            ),
            "expected_steps": st.column_config.MultiselectColumn(
                t("drillpage.expected_steps"),
                options=list(items),
                format_func=lambda x: f"{x} {items.get(x, '')}",
            ),
        },
    )
    cols = st.columns(3)
    if editable and cols[0].button(t("drillpage.save_injects"), key="injects_save"):
        injects, untitled = [], []
        for n, row in enumerate(
            edited.astype(object).where(edited.notna(), None).to_dict("records")
        ):
            if not str(row.get("title") or "").strip():
                if row.get("content") or row.get("offset_min") is not None or row.get("to_roles"):
                    untitled.append(str(n + 1))  # a half-filled row: say so, save nothing
                continue
            injects.append(
                Inject(
                    id=row.get("id") or f"i{n + 1}",
                    title=row["title"],
                    content=row.get("content") or "",
                    kind=row.get("kind") or "message",
                    offset_min=row.get("offset_min"),
                    to_roles=tuple(row.get("to_roles") or ()),
                    expected_steps=tuple(row.get("expected_steps") or ()),
                )
            )
        if untitled:
            st.error(t("drillpage.inject_needs_title", rows=join_names(untitled)))
        else:
            save(replace(design, injects=tuple(injects)))
    cols[1].download_button(
        t("common.export_csv"),
        injects_io.injects_to_csv(design.injects, plan),
        file_name="injects.csv",
        mime="text/csv",
        key="injects_csv",
    )
    cols[2].download_button(
        t("drillpage.injects_xlsx"),
        injects_io.injects_to_xlsx(design.injects, plan),
        file_name="injects.xlsx",
        key="injects_xlsx",
    )
    if not editable:
        return
    limit_mb = upload_limit_mb()
    st.caption(t("drillpage.injects_upload_help", mb=f"{limit_mb:g}"))
    upload = st.file_uploader(
        t("drillpage.injects_upload"),
        type=["csv", "xlsx"],
        key="injects_file",
        max_upload_size=uploader_ceiling_mb(),  # ours refuses above limit_mb, in words of ours
    )
    if upload is not None and upload_too_big(upload, limit_mb):
        return
    if upload is not None and st.button(t("drillpage.injects_import"), key="injects_import"):
        reader = (
            injects_io.injects_from_xlsx
            if upload.name.lower().endswith(".xlsx")
            else injects_io.injects_from_csv
        )
        try:
            save(replace(design, injects=reader(upload.getvalue(), plan, design.checklist)))
        except UserFacingError as exc:
            show_problems(exc)


def _add_evaluator(design, names: dict[str, str], save) -> None:
    """One evaluator at a time, for those who would rather not type into the table."""
    with st.form("people_add_evaluator", clear_on_submit=True):
        cols = st.columns([2, 3, 2])
        who = cols[0].text_input(t("auth.username"), key="people_new_evaluator")
        share = cols[1].multiselect(
            t("drillpage.share_roles"),
            list(names),
            format_func=lambda r: names.get(r, r),
            key="people_new_roles",
            placeholder=t("drillpage.choose_roles"),
        )
        places = cols[2].text_input(t("drillpage.share_places"), key="people_new_places")
        added = st.form_submit_button(t("drillpage.add_evaluator"), key="people_add_evaluator")
    if added and who.strip():
        spots = tuple(p.strip() for p in places.replace(",", "、").split("、") if p.strip())
        others = tuple(e for e in design.evaluators if e.username != who.strip())
        save(
            replace(
                design,
                evaluators=(*others, EvaluatorAssignment(who.strip(), tuple(share), spots)),
            )
        )


def people_panel(design, plan, editable: bool, save) -> None:
    names = {r.id: r.name for r in plan.roles}
    rows = pd.DataFrame(
        [
            {"username": e.username, "roles": list(e.roles), "places": "、".join(e.places)}
            for e in design.evaluators
        ],
        columns=["username", "roles", "places"],
    )
    st.caption(t("drillpage.evaluators_help"))
    edited = st.data_editor(
        rows,
        key=f"evaluators_{hash(design.evaluators)}",
        hide_index=True,
        num_rows="dynamic" if editable else "fixed",
        disabled=not editable,
        width="stretch",
        column_config={
            "username": st.column_config.TextColumn(t("auth.username"), required=True),
            "roles": st.column_config.MultiselectColumn(
                t("drillpage.share_roles"),
                options=list(names),
                format_func=lambda r: names.get(r, r),
            ),
            "places": st.column_config.TextColumn(t("drillpage.share_places")),
        },
    )
    if editable:
        _add_evaluator(design, names, save)
    directors = st.text_input(
        t("drillpage.directors"),
        "、".join(design.directors),
        disabled=not editable,
        key="people_directors",
    )
    leads = st.text_input(
        t("drillpage.leads"),
        "、".join(design.evaluation_leads),
        disabled=not editable,
        key="people_leads",
    )
    if editable and st.button(t("drillpage.save_people"), key="people_save"):
        evaluators = tuple(
            EvaluatorAssignment(
                r["username"].strip(),
                tuple(r.get("roles") or ()),
                tuple(p for p in str(r.get("places") or "").split("、") if p),
            )
            for r in edited.astype(object).where(edited.notna(), None).to_dict("records")
            if r.get("username")
        )
        split = lambda text: tuple(
            x.strip() for x in text.replace(",", "、").split("、") if x.strip()
        )
        save(
            replace(
                design,
                evaluators=evaluators,
                directors=split(directors),
                evaluation_leads=split(leads),
            )
        )
