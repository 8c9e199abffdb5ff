"""The plan as a set of readable chart views: an overview of roles x phases and lane charts
small enough to read 1400 px wide, split by part, then phase (unless that makes twice the views
of splitting by lanes alone), then groups of lanes.

A lane chart runs top to bottom with one column per role (a role's steps stacked in execution
order), at most LANES_PER_VIEW of them: links to steps outside the view end in a dashed stub
beside the step naming the other roles, so links across views and role filters stay visible.
Measured with bench/chart_bench.py: all lanes side by side made strips 10,000-38,000 pt wide;
five lanes with stubs still reached 3,700 px, four lanes (split again by dot's measure where
needed) keep every label of the corpus and the 100-page plan at 10 px or more 1400 px wide.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

import graphviz

from i18n import join_names, t
from i18n.glossary import PHASES
from plans import draw
from plans import graph as plan_graph
from plans.model import Plan, Step
from plans.svg_metrics import measure_svg

LANES_PER_VIEW = 4
STEPS_PER_VIEW = 60
SHOWN_WIDTH = 1400  # px: the editor's chart at full width on a laptop screen
MIN_LABEL_PX = 10
FONT_SIZE = "14"
STUB = "stub"


@dataclass(frozen=True)
class ChartFilter:
    """Which steps to draw: one part, one level (level-free steps included and marked), some
    owners (steps of other roles become stubs) and one phase; empty means all."""

    part: str | None = None
    level: str | None = None
    roles: tuple[str, ...] = ()
    phase: str | None = None


@dataclass(frozen=True)
class View:
    key: str
    title: str
    steps: tuple[str, ...]
    chart: graphviz.Digraph
    svg: bytes | None = None


@dataclass(frozen=True)
class OverviewTable:
    """Steps per lead role (rows in plan order, None: no owner) and phase (columns in PHASES
    order), with the index of the lane view that opens each cell, row and column."""

    roles: tuple[str | None, ...]
    names: tuple[str, ...]
    phases: tuple[str, ...]
    counts: dict[tuple[str | None, str], int]
    cell_view: dict[tuple[str | None, str], int]
    row_view: dict[str | None, int]
    column_view: dict[str, int]


def select_steps(plan: Plan, chosen: ChartFilter) -> list[Step]:
    """The steps the filter keeps, in plan order."""
    return [
        s
        for s in plan.steps
        if (chosen.part is None or s.part == chosen.part)
        and plan_graph.applies_to(s, chosen.level)
        and (not chosen.roles or any(r in chosen.roles for r in s.roles))
        and (chosen.phase is None or s.phase == chosen.phase)
    ]


def chart_views(
    plan: Plan,
    chosen: ChartFilter = ChartFilter(),
    lang: str = "zh",
    *,
    fit: bool = False,
) -> list[View]:
    """The overview (when the plan needs more than one view) and the lane charts of the steps
    that `chosen` keeps; every kept step is in exactly one lane chart.

    With `fit`, each view is rendered by dot (View.svg) and a view whose labels would be smaller
    than MIN_LABEL_PX at SHOWN_WIDTH is split into views of fewer lanes.

    Raises:
        DrawError: with `fit`, when dot is missing or fails.
    """
    steps = select_steps(plan, chosen)
    whole = plan_graph.build_graph(plan, chosen.level)
    order = {s: i for i, s in enumerate(plan_graph.tolerant_order(whole))}
    steps.sort(key=lambda s: order.get(s.id, len(order)))
    groups = _split(plan, steps, chosen, lang)
    if fit:
        groups = [
            g
            for crumbs, members in groups
            for g in _fitted(plan, whole, crumbs, members, chosen, lang)
        ]
    views = []
    for i, (crumbs, members) in enumerate(groups):
        title = " · ".join([plan.title, *crumbs]) if crumbs else plan.title
        if len(groups) > 1:
            title = f"{title} ({i + 1}/{len(groups)})"
        chart = _lane_chart(plan, whole, members, chosen, title, lang)
        svg = draw.render(chart, "svg") if fit else None
        views.append(View(f"view{i + 1:03d}", title, tuple(s.id for s in members), chart, svg))
    if len(views) > 1:
        title = f"{plan.title} · {t('draw.overview', lang=lang)}"
        chart = overview(plan, steps, title, lang, chosen)
        views.insert(0, View("overview", title, (), chart, draw.render(chart) if fit else None))
    return views


def _fitted(plan, whole, crumbs, members, chosen, lang) -> list:
    """[(crumbs, steps)]: the group whole when dot draws it readable, else halves by lanes."""
    title = " · ".join([plan.title, *crumbs, "(99/99)"])
    svg = draw.render(_lane_chart(plan, whole, members, chosen, title, lang), "svg")
    lanes = list(dict.fromkeys(_lead(s, chosen) for s in members))
    if len(lanes) < 2 or measure_svg(svg).label_px(SHOWN_WIDTH) >= MIN_LABEL_PX:
        return [(crumbs, members)]
    first = set(lanes[: len(lanes) // 2])
    halves = (
        [s for s in members if _lead(s, chosen) in first],
        [s for s in members if _lead(s, chosen) not in first],
    )
    return [g for half in halves for g in _fitted(plan, whole, crumbs, half, chosen, lang)]


def _lead(step: Step, chosen: ChartFilter) -> str | None:
    owners = [r for r in step.roles if not chosen.roles or r in chosen.roles]
    return owners[0] if owners else None


def _fits(steps: list[Step], chosen: ChartFilter) -> bool:
    return len({_lead(s, chosen) for s in steps}) <= LANES_PER_VIEW and len(steps) <= STEPS_PER_VIEW


def _split(plan: Plan, steps: list[Step], chosen: ChartFilter, lang: str, crumbs=(), dims=None):
    """[(title parts, steps)]: the whole when it fits, else by part, by phase, by lanes."""
    dims = ("part", "phase") if dims is None else dims
    if not steps:
        return [] if crumbs else [(list(crumbs), steps)]
    if _fits(steps, chosen):
        return [(list(crumbs), steps)]
    if not dims:
        return [(list(crumbs), chunk) for chunk in _lane_chunks(plan, steps, chosen)]
    field, rest = dims[0], dims[1:]
    values = {getattr(s, field) for s in steps}
    if len(values) == 1:
        return _split(plan, steps, chosen, lang, crumbs, rest)
    if field == "part":
        names = {p.id: p.title for p in plan.parts}
        known = [p.id for p in plan.parts]
    else:
        names = {p: PHASES.label(p, lang) for p in PHASES}
        known = list(PHASES)
    keys = [k for k in known if k in values] + sorted(
        (k for k in values if k not in known), key=lambda k: (k is None, str(k))
    )
    groups = []
    for key in keys:
        name = names.get(key) or (t(f"draw.no_{field}", lang=lang) if key is None else str(key))
        members = [s for s in steps if getattr(s, field) == key]
        groups.extend(_split(plan, members, chosen, lang, (*crumbs, name), rest))
    if field == "phase":  # a view per phase, unless most roles act in most phases (then
        # phases cut every lane in pieces: 78 views of a 60-role plan against 16 by lanes)
        by_lanes = [(list(crumbs), chunk) for chunk in _lane_chunks(plan, steps, chosen)]
        return by_lanes if 2 * len(by_lanes) <= len(groups) else groups
    return groups


def _lane_chunks(plan: Plan, steps: list[Step], chosen: ChartFilter) -> list[list[Step]]:
    """Whole lanes, in the plan's role order, packed into views of few lanes and steps."""
    lanes: dict[str | None, list[Step]] = {}
    for step in steps:
        lanes.setdefault(_lead(step, chosen), []).append(step)
    rank = {r.id: i for i, r in enumerate(plan.roles)}
    ordered = sorted(lanes, key=lambda r: (r is None, rank.get(r, len(rank))))
    chunks: list[list[str | None]] = [[]]
    count = 0
    for lane in ordered:
        size = len(lanes[lane])
        if chunks[-1] and (len(chunks[-1]) >= LANES_PER_VIEW or count + size > STEPS_PER_VIEW):
            chunks.append([])
            count = 0
        chunks[-1].append(lane)
        count += size
    keep = {lane: i for i, chunk in enumerate(chunks) for lane in chunk}
    out: list[list[Step]] = [[] for _ in chunks]
    for step in steps:
        out[keep[_lead(step, chosen)]].append(step)
    return out


def _new_chart(title: str) -> graphviz.Digraph:
    chart = graphviz.Digraph(name="plan", engine="dot")
    chart.attr(
        rankdir="TB",
        fontname=draw.FONT,
        fontsize="16",
        labelloc="t",
        label=draw._text(title),
        nodesep="0.25",
        ranksep="0.3",
        charset="UTF-8",
    )
    chart.attr(
        "node",
        fontname=draw.FONT,
        fontsize=FONT_SIZE,
        shape="box",
        style="rounded,filled",
        color=draw.LINE,
        margin="0.1,0.05",
    )
    chart.attr("edge", fontname=draw.FONT, color=draw.LINE, arrowsize="0.7")
    return chart


def _lane_chart(plan, whole, steps: list[Step], chosen: ChartFilter, title: str, lang: str):
    chart = _new_chart(title)
    if not steps:
        chart.node("empty", label=draw._text(t("draw.empty", lang=lang)), shape="note")
        return chart
    names = {s.id: f"s{i}" for i, s in enumerate(steps)}
    lanes: dict[str | None, list[Step]] = {}
    for step in steps:
        lanes.setdefault(_lead(step, chosen), []).append(step)
    for i, (lane, members) in enumerate(lanes.items()):
        with chart.subgraph(name=f"cluster_lane{i}") as box:
            box.attr(
                label=draw._lines(draw._wrap(draw._lane_label(plan, lane, lang))),
                labelloc="t",
                style="filled",
                fillcolor=draw.LANE_FILL,
                color="#9aa0a6",
                fontsize=FONT_SIZE,
            )
            for step in members:
                box.node(names[step.id], **_step_style(plan, step, chosen, lang))
            for a, b in pairwise(members):
                box.edge(names[a.id], names[b.id], style="invis", weight="10")
    _links(chart, plan, whole, steps, names, lang)
    return chart


def _step_style(plan: Plan, step: Step, chosen: ChartFilter, lang: str) -> dict:
    style = {"fillcolor": draw.PHASE_COLOURS.get(step.phase, draw.OTHER_PHASE)}
    lines = draw._wrap(step.name or step.text or step.id)
    limit = plan_graph.time_limit(step)
    if limit is not None:
        lines.append(draw._limit_text(limit, lang))
    if plan.levels and not step.levels:
        if chosen.level is not None:
            lines.append(t("draw.every_level", lang=lang))
            style["style"] = "rounded,filled,dashed"
    elif plan.levels and chosen.level is None:
        level_names = {lv.id: lv.name for lv in plan.levels}
        lines.extend(draw._wrap("/".join(level_names.get(lv, lv) for lv in step.levels)))
    style["label"] = draw._lines(lines)
    style["tooltip"] = draw._text(step.text or step.name or step.id)
    return style


def _links(chart, plan, whole, steps, names, lang) -> None:
    """Arrows between the view's steps. Links to steps outside the view end in a small dashed
    stub beside the step naming the other roles: a stub one rank away keeps the view narrow,
    where arrows to a shared stub column spread it to 3,000 px (dot routes long arrows through
    space of their own)."""
    inside = set(names)
    for step in steps:
        if step.id not in whole:
            continue
        outside = {"in": [], "out": []}
        for before in whole.predecessors(step.id):
            if before in inside:
                chart.edge(names[before], names[step.id], weight="0")
            else:
                outside["in"].append(whole.nodes[before]["lead"])
        outside["out"] = [
            whole.nodes[after]["lead"] for after in whole.successors(step.id) if after not in inside
        ]
        for direction, leads in outside.items():
            if leads:
                stub = f"{STUB}_{direction}_{names[step.id]}"
                chart.node(
                    stub,
                    label=_stub_label(plan, leads, direction, lang),
                    style="dashed,rounded",
                    fillcolor="",
                    color="#9aa0a6",
                )
                ends = (stub, names[step.id]) if direction == "in" else (names[step.id], stub)
                chart.edge(*ends, style="dashed", color="#9aa0a6")


def _stub_label(plan: Plan, leads: list, direction: str, lang: str) -> str:
    roles = [draw._lane_label(plan, r, lang) for r in dict.fromkeys(leads)]
    shown = join_names(roles[:2], lang)
    if len(roles) > 2:
        shown = t("draw.and_more", lang=lang, names=shown, n=len(roles))
    return draw._lines(draw._wrap(t(f"draw.stub_{direction}", lang=lang, role=shown)))


def overview_table(
    plan: Plan, views: list[View], chosen: ChartFilter = ChartFilter(), lang: str = "zh"
) -> OverviewTable:
    """The overview of `views` (as chart_views gives them for `chosen`) as a table whose cells,
    rows and columns name the first lane view that shows their steps."""
    return _table(plan, ((i, s) for i, v in enumerate(views) for s in v.steps), chosen, lang)


def _table(plan: Plan, placed: Iterable, chosen: ChartFilter, lang: str) -> OverviewTable:
    """The table of (view index, step id) pairs."""
    counts: dict[tuple[str | None, str], int] = {}
    cell_view: dict[tuple[str | None, str], int] = {}
    row_view: dict[str | None, int] = {}
    column_view: dict[str, int] = {}
    by_id = {s.id: s for s in plan.steps}
    for index, step_id in placed:
        step = by_id[step_id]
        lead = _lead(step, chosen)
        counts[(lead, step.phase)] = counts.get((lead, step.phase), 0) + 1
        cell_view.setdefault((lead, step.phase), index)
        row_view.setdefault(lead, index)
        column_view.setdefault(step.phase, index)
    rank = {r.id: i for i, r in enumerate(plan.roles)}
    roles = sorted(row_view, key=lambda r: (r is None, rank.get(r, len(rank))))
    phases = [p for p in PHASES if p in column_view]
    names = tuple(draw._lane_label(plan, r, lang) for r in roles)
    return OverviewTable(
        tuple(roles), names, tuple(phases), counts, cell_view, row_view, column_view
    )


def overview(
    plan: Plan, steps: Iterable[Step], title: str, lang: str, chosen: ChartFilter = ChartFilter()
) -> graphviz.Digraph:
    """A table of roles (rows) by phases (columns) with the number of steps in each cell."""
    table = _table(plan, ((0, s.id) for s in steps), chosen, lang)
    cell = '<TD BGCOLOR="{}">{}</TD>'
    rows = ["<TR><TD></TD>"]
    for phase in table.phases:
        head = "<BR/>".join(html.escape(x) for x in draw._wrap(PHASES.label(phase, lang), 12))
        rows.append(cell.format(draw.PHASE_COLOURS.get(phase, draw.OTHER_PHASE), head))
    rows.append("</TR>")
    for role, label in zip(table.roles, table.names, strict=True):
        name = "<BR/>".join(html.escape(x) for x in draw._wrap(label))
        rows.append(f'<TR><TD ALIGN="LEFT">{name}</TD>')
        for phase in table.phases:
            n = table.counts.get((role, phase), 0)
            rows.append(cell.format("#ffffff" if n == 0 else "#e8eef7", n or ""))
        rows.append("</TR>")
    html_table = '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">{}</TABLE>>'
    chart = _new_chart(title)
    chart.node("table", label=html_table.format("".join(rows)), shape="plain", style="")
    return chart
