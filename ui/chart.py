"""The editor's flow chart: filters by part, level, role and phase, one chart view at a time."""

from __future__ import annotations

import shutil

import pandas as pd
import streamlit as st

from i18n import t
from i18n.glossary import PHASES
from plans import chart_views, draw
from plans.model import Plan
from ui import downloads

PNG_MAX_INCHES = 80
OPEN = "chart_view_open"  # the view chosen in the overview, for the picker of the next run


@st.cache_resource(show_spinner=False)
def _fonts_ok() -> bool:
    return draw.cjk_fonts_available()


def _filters(plan: Plan) -> chart_views.ChartFilter:
    parts = {p.id: p.title for p in plan.parts}
    levels = {lv.id: lv.name for lv in plan.levels}
    roles = {r.id: r.name for r in plan.roles}
    phases = [p for p in PHASES if any(s.phase == p for s in plan.steps)]
    boxes = st.columns(4)
    part = boxes[0].selectbox(
        t("draw.filter_part"),
        [None, *parts],
        key="chart_part",
        format_func=lambda p: t("draw.all_parts") if p is None else parts.get(p, p),
        disabled=not parts,
    )
    level = boxes[1].selectbox(
        t("editor.chart_level"),
        [None, *levels],
        key="chart_level",
        format_func=lambda lv: t("common.all_levels") if lv is None else levels.get(lv, lv),
    )
    chosen = boxes[2].multiselect(
        t("editor.chart_roles"),
        list(roles),
        key="chart_roles",
        format_func=lambda r: roles.get(r, r),
        placeholder=t("editor.all_roles"),
    )
    phase = boxes[3].selectbox(
        t("draw.filter_phase"),
        [None, *phases],
        key="chart_phase",
        format_func=lambda p: t("draw.all_phases") if p is None else PHASES.label(p),
    )
    return chart_views.ChartFilter(part, level, tuple(chosen), phase)


def chart_panel(plan: Plan) -> None:
    """Filters, a pick of the chart views (an overview first when there are several), the chosen
    view (hover a step for its whole text) and its downloads."""
    lang = st.session_state.get("lang", "zh")
    chosen = _filters(plan)
    if not plan.steps:
        st.info(t("import.no_chart"))
        return
    views = chart_views.chart_views(plan, chosen, lang)
    if OPEN in st.session_state:  # a cell, row or column of the overview chosen last run
        st.session_state["chart_view"] = st.session_state.pop(OPEN)
    pick = 0
    total = sum(len(v.steps) for v in views)  # the overview's: every step kept
    if len(views) > 1:
        pick = st.selectbox(
            t("draw.pick_view"),
            range(len(views)),
            key="chart_view",
            format_func=lambda i: t(
                "draw.view_option", title=views[i].title, n=len(views[i].steps) or total
            ),
        )
        pick = min(pick or 0, len(views) - 1)
    view = views[pick]
    if view.key == "overview":
        target = _overview_table(plan, views, chosen, lang)
        if target is not None:
            st.session_state[OPEN] = target
            st.rerun()
    else:
        st.graphviz_chart(view.chart, width="stretch")
    if shutil.which("dot") is None:
        st.caption(t("draw.no_dot"))
        return
    if not _fonts_ok():
        st.caption(t("editor.no_cjk_fonts"))
    downloads_row = st.columns(2)
    # rendered when asked for (a large PNG takes seconds), once per chart: never a deferred file
    revision = hash(view.chart.source)
    downloads.download(
        downloads_row[0],
        t("editor.download_svg"),
        lambda: draw.render(view.chart, "svg"),
        key="dl_svg",
        revision=revision,
        lazy=True,
        file_name=f"{view.key}.svg",
        mime="image/svg+xml",
    )
    downloads.download(
        downloads_row[1],
        t("editor.download_png"),
        lambda: draw.render(view.chart, "png", max_inches=PNG_MAX_INCHES),
        key="dl_png",
        revision=revision,
        lazy=True,
        file_name=f"{view.key}.png",
        mime="image/png",
    )


def _overview_table(
    plan: Plan, views: list, chosen: chart_views.ChartFilter, lang: str
) -> int | None:
    """The overview as a table of steps per role and phase; the index of the view that the
    chosen cell (that role in that phase), row (the role) or column (the phase) opens."""
    table = chart_views.overview_table(plan, views, chosen, lang)
    frame = pd.DataFrame(
        [
            {"role": name, **{p: table.counts.get((role, p)) for p in table.phases}}
            for role, name in zip(table.roles, table.names, strict=True)
        ],
        columns=["role", *table.phases],
    ).astype({p: "Int64" for p in table.phases})
    config = {"role": st.column_config.TextColumn(t("common.role"), pinned=True)}
    for phase in table.phases:
        config[phase] = st.column_config.NumberColumn(PHASES.label(phase), width="small")
    st.caption(t("draw.overview_help"))
    event = st.dataframe(
        frame,
        key="chart_overview",
        on_select="rerun",
        selection_mode=["single-cell", "single-row", "single-column"],
        hide_index=True,
        width="stretch",
        height=min(700, 38 + 35 * len(frame)),
        placeholder="",
        column_config=config,
    )
    # a selection set through session state may lack the kinds not chosen
    chosen_cells, rows, columns = (
        event.selection.get(k) or [] for k in ("cells", "rows", "columns")
    )
    if chosen_cells:
        row, column = chosen_cells[0]
        role = table.roles[row]
        # an empty cell, or the role's name, opens the role's first view
        return table.cell_view.get((role, column), table.row_view.get(role))
    if rows:
        return table.row_view.get(table.roles[rows[0]])
    if columns and columns[0] in table.phases:
        return table.column_view.get(columns[0])
    return None
