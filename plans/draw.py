"""The plan as a swimlane flow chart (graphviz.Digraph), and its rendering to SVG or PNG.

One lane per owning role (a step sits in its lead owner's lane), steps coloured by phase or by
drill outcome, arrows from each step to the steps that follow it. Every text from the plan goes
through graphviz.escape and the library's quoting, never into DOT by hand, so names with quotes,
brackets, braces or backslashes are drawn as written. Node names are generated ("s0", "s1", ...).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from itertools import pairwise

import graphviz

from i18n import t
from i18n.glossary import PHASES
from plans import graph as plan_graph
from plans.errors import PlanError
from plans.model import Plan, Step

FONT = "Noto Sans CJK SC"
FORMATS = ("svg", "png")
LABEL_WIDTH = 20  # display columns per line: 10 Chinese characters
LABEL_LINES = 4
TOOLTIP_CHARS = 300

# ColorBrewer Set3: light fills that keep black text readable and stay apart from each other.
PHASE_COLOURS = {
    "warning": "#ffed6f",
    "report": "#fdb462",
    "initial": "#fccde5",
    "activation": "#fb8072",
    "command": "#bebada",
    "disposal": "#80b1d3",
    "escalation": "#bc80bd",
    "public_info": "#8dd3c7",
    "support": "#ccebc5",
    "termination": "#b3de69",
    "recovery": "#d9d9d9",
}
OTHER_PHASE = "#ffffff"
OUTCOME_COLOURS = {  # one colour per category of drills.evaluation, and steps not drilled
    "on_time": "#9fd89f",
    "late": "#ffd966",
    "partly": "#f4b183",
    "not_done": "#f08080",
    "na": "#d0d0d0",
    "not_observed": "#9fc5e8",
    "out_of_scope": "#f2f2f2",
}
NO_RESULT = "#ffffff"
INVISIBLE = {"label": "", "style": "invis", "width": "0", "height": "0", "margin": "0"}
HIGHLIGHT = "#c0392b"
LINE = "#555555"
LANE_FILL = "#f6f7f9"


class DrawError(PlanError):
    """The flow chart cannot be rendered (no dot program, or dot failed)."""

    key = "draw.failed"


def flow_chart(
    plan: Plan,
    *,
    level: str | None = None,
    roles: Collection[str] | None = None,
    lang: str = "zh",
    outcome: Mapping[str, str] | None = None,
    highlight: Iterable[str] | None = None,
    rankdir: str = "TB",
) -> graphviz.Digraph:
    """The swimlane flow chart of the steps that apply to `level`, owned by one of `roles`.

    `outcome` (step id -> on_time | late | missed | out_of_scope) colours steps by drill result
    instead of phase; `highlight` (step ids, e.g. the critical path) draws them with a red border.
    When `roles` hides steps, visible steps that follow each other through hidden ones are joined
    by a dashed arrow. Top to bottom by default: lanes are columns, long labels wrap in them.
    """
    whole = plan_graph.build_graph(plan, level)
    shown = [s for s in plan_graph.tolerant_order(whole) if _owned_by(whole, s, roles)]
    marked = set(highlight or ())
    chart = _new_chart(plan, level, lang, rankdir)
    names = {step_id: f"s{whole.nodes[step_id]['index']}" for step_id in whole}
    lanes = _lanes(plan, whole, shown, roles)
    for lane_index, (lane, steps) in enumerate(lanes.items()):
        with chart.subgraph(name=f"cluster_lane{lane_index}") as box:
            box.attr(
                label=_text(_lane_label(plan, lane, lang)),
                labelloc="t",
                style="filled",
                fillcolor=LANE_FILL,
                color="#9aa0a6",
                fontsize="14",
            )
            box.node(f"top{lane_index}", **INVISIBLE)
            box.node(f"end{lane_index}", **INVISIBLE)
            for step_id in steps:
                step = whole.nodes[step_id]["step"]
                box.node(names[step_id], **_node_style(step, lang, outcome, step_id in marked))
    _stretch_lanes(chart, whole, lanes, {s: names[s] for s in shown})
    dashed = False
    for before, after, direct in _arrows(whole, set(shown)):
        hot = before in marked and after in marked and direct
        dashed = dashed or not direct
        chart.edge(
            names[before],
            names[after],
            style="solid" if direct else "dashed",
            color=HIGHLIGHT if hot else LINE,
            penwidth="2.5" if hot else "1",
        )
    if not shown:
        chart.node("empty", label=_text(t("draw.empty", lang=lang)), shape="note")
    _legend(chart, [whole.nodes[s]["step"] for s in shown], lang, outcome, dashed)
    return chart


def _stretch_lanes(chart: graphviz.Digraph, graph, lanes: dict, names: dict) -> None:
    """Make every lane run the whole length of the chart, side by side (dot orders them to cross
    the fewest arrows): an invisible first and last node per lane, all firsts on one rank, all
    lasts on another, above each lane's first steps and below its last ones."""
    for prefix in ("top", "end"):
        with chart.subgraph() as row:
            row.attr(rank="same")
            for i in range(len(lanes)):
                row.node(f"{prefix}{i}")
    position = {step_id: i for i, step_id in enumerate(names)}  # names are in execution order
    for i, steps in enumerate(lanes.values()):
        for step_id in steps:
            here = position[step_id]
            if all(position.get(p, here) >= here for p in graph.predecessors(step_id)):
                chart.edge(f"top{i}", names[step_id], style="invis", weight="0")
            if all(position.get(s, here) <= here for s in graph.successors(step_id)):
                chart.edge(names[step_id], f"end{i}", style="invis", weight="0")


def _owned_by(graph, step_id: str, roles: Collection[str] | None) -> bool:
    return roles is None or any(r in roles for r in graph.nodes[step_id]["roles"])


def _new_chart(plan: Plan, level: str | None, lang: str, rankdir: str) -> graphviz.Digraph:
    chart = graphviz.Digraph(name="plan", engine="dot")
    title = plan.title
    chosen = next((lv for lv in plan.levels if lv.id == level), None)
    if chosen is not None:
        title = f"{title} · {chosen.name}" if title else chosen.name
    chart.attr(
        rankdir="LR" if rankdir == "LR" else "TB",
        newrank="true",
        fontname=FONT,
        fontsize="16",
        labelloc="t",
        label=_text(title),
        nodesep="0.3",
        ranksep="0.45",
        charset="UTF-8",
    )
    chart.attr(
        "node",
        fontname=FONT,
        fontsize="12",
        shape="box",
        style="rounded,filled",
        color=LINE,
        margin="0.12,0.06",
    )
    chart.attr("edge", fontname=FONT, color=LINE, arrowsize="0.7")
    return chart


def _lanes(plan: Plan, graph, shown: list[str], roles) -> dict[str | None, list[str]]:
    """Lane (role id, None for unassigned) -> its steps; lanes in the plan's role order."""
    lanes: dict[str | None, list[str]] = {}
    for step_id in shown:
        owners = [r for r in graph.nodes[step_id]["roles"] if roles is None or r in roles]
        lanes.setdefault(owners[0] if owners else None, []).append(step_id)
    order = {role.id: i for i, role in enumerate(plan.roles)}
    return dict(sorted(lanes.items(), key=lambda item: (item[0] is None, order.get(item[0], 1e9))))


def _lane_label(plan: Plan, lane: str | None, lang: str) -> str:
    if lane is None:
        return t("common.no_owner", lang=lang)
    role = plan.role(lane)
    return role.name if role else f"{lane} ({t('draw.unknown_role', lang=lang)})"


def _node_style(step: Step, lang: str, outcome: Mapping[str, str] | None, hot: bool) -> dict:
    lines = _wrap(step.name or step.text or step.id)
    limit = plan_graph.time_limit(step)
    if limit is not None:
        lines.append(_limit_text(limit, lang))
    style = {"label": _lines(lines), "tooltip": _text(_short(step.text or step.name))}
    if outcome is None:
        style["fillcolor"] = PHASE_COLOURS.get(step.phase, OTHER_PHASE)
    else:
        result = outcome.get(step.id)
        style["fillcolor"] = OUTCOME_COLOURS.get(result, NO_RESULT)
        if result == "out_of_scope":
            style["style"] = "rounded,filled,dashed"
    if hot:
        style.update(color=HIGHLIGHT, penwidth="3")
    return style


def _limit_text(minutes: float, lang: str) -> str:
    if minutes <= 0:
        return t("common.immediately", lang=lang)
    shown = str(int(minutes)) if float(minutes).is_integer() else f"{minutes:g}"
    return t("draw.within", lang=lang, minutes=shown)


def _arrows(graph, shown: set[str]) -> list[tuple[str, str, bool]]:
    """(before, after, direct) between shown steps; indirect ones pass only hidden steps."""
    arrows: dict[tuple[str, str], bool] = {}
    for start in shown:
        stack = [(s, True) for s in graph.successors(start)]
        seen: set[str] = set()
        while stack:
            node, direct = stack.pop()
            if node in shown:
                arrows[(start, node)] = arrows.get((start, node), False) or direct
            elif node not in seen:
                seen.add(node)
                stack.extend((s, False) for s in graph.successors(node))
    index = graph.nodes
    return sorted(
        ((a, b, d) for (a, b), d in arrows.items()),
        key=lambda e: (index[e[0]]["index"], index[e[1]]["index"]),
    )


def _legend(chart: graphviz.Digraph, steps: list[Step], lang: str, outcome, dashed: bool) -> None:
    if outcome is None:
        used = {s.phase for s in steps}
        keys = [(PHASES.label(p, lang), c) for p, c in PHASE_COLOURS.items() if p in used]
    else:
        used = {outcome.get(s.id) for s in steps}
        keys = [(t(f"outcome.{k}", lang=lang), c) for k, c in OUTCOME_COLOURS.items() if k in used]
    if not keys:
        return
    with chart.subgraph(name="cluster_legend") as box:
        box.attr(
            label=_text(t("draw.legend", lang=lang)),
            labelloc="t",
            style="rounded",
            color="#bbbbbb",
            fontsize="12",
        )
        for i, (text, colour) in enumerate(keys):
            box.node(f"legend{i}", label=_text(text), fillcolor=colour, fontsize="10")
        if dashed:
            box.node(
                "legend_hidden",
                label=_text(t("draw.hidden_steps", lang=lang)),
                shape="plaintext",
                style="",
                fontsize="10",
            )
        names = [f"legend{i}" for i in range(len(keys))] + (["legend_hidden"] if dashed else [])
        for a, b in pairwise(names):
            box.edge(a, b, style="invis")


_TOKEN = re.compile(r"[A-Za-z0-9_'’.\-/]+|\s+|.")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _width(token: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in token)


def _wrap(text: str, width: int = LABEL_WIDTH, most: int = LABEL_LINES) -> list[str]:
    """Lines of at most `width` display columns, breaking English between words and Chinese
    after punctuation where the line is at least half full."""
    lines, current = [], ""
    for token in _TOKEN.findall(_CONTROL.sub(" ", text).strip()):
        if token.isspace():
            current += " " if current else ""
            continue
        while _width(token) > width:  # a word longer than a line is cut
            if current.strip():
                lines.append(current.rstrip())
            lines.append(token[:width])
            token, current = token[width:], ""
        if _width(current + token) > width and token not in _NO_LINE_START:
            cut = _break_at(current, width)
            lines.append(current[:cut].rstrip())
            current = current[cut:].lstrip() + token
        else:
            current += token
    lines = [line for line in (*lines, current.rstrip()) if line]
    return [*lines[: most - 1], lines[most - 1] + "…"] if len(lines) > most else lines


_NO_LINE_START = set("，、；：。！？）】」』,;:!?)")
_BREAK_AFTER = set("，、；：。！？）】」』,;:!?) ")


def _break_at(line: str, width: int) -> int:
    """Where to end a full line: after its last punctuation or space in the second half, so
    Chinese lists and clauses stay whole; else at the end (a cut by width in characters)."""
    for i in range(len(line) - 1, 0, -1):
        if line[i] in _BREAK_AFTER and _width(line[: i + 1]) * 2 >= width:
            return i + 1
    return len(line)


def _short(text: str) -> str:
    text = _CONTROL.sub(" ", text).strip()
    return text if len(text) <= TOOLTIP_CHARS else text[: TOOLTIP_CHARS - 1] + "…"


def _text(text: str) -> str:
    """Plan text as a DOT label: backslashes and <...> lose their meaning, quotes get quoted."""
    return graphviz.escape(_CONTROL.sub(" ", text))


def _lines(lines: list[str]) -> str:
    return graphviz.nohtml("\\n".join(graphviz.escape(_CONTROL.sub(" ", x)) for x in lines))


def render(
    digraph: graphviz.Digraph,
    fmt: str = "svg",
    *,
    max_inches: float | None = None,
    dpi: int | None = None,
) -> bytes:
    """The chart laid out by Graphviz's dot program, as SVG or PNG bytes.

    `max_inches` scales a larger drawing down to fit that many inches each way, and `dpi` sets
    the PNG resolution (dot's default: 96). A 300-step chart drawn full size is about 110 x 75
    inches: cap it for a Word page, where full size would cost seconds of rasterising.

    Raises:
        DrawError: "draw.no_dot" when dot is not installed, "draw.failed" when it fails.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    if max_inches is not None or dpi is not None:
        digraph = digraph.copy()
        if max_inches is not None:
            digraph.attr(size=f"{max_inches:g},{max_inches:g}")
        if dpi is not None:
            digraph.attr(dpi=str(dpi))
    try:
        return digraph.pipe(format=fmt, engine="dot", quiet=True)
    except graphviz.ExecutableNotFound:
        raise DrawError("draw.no_dot") from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()[:500]
        raise DrawError("draw.failed", detail=detail) from None


def cjk_fonts_available() -> bool:
    """True when fontconfig knows a Chinese font (without one, dot draws Chinese as boxes)."""
    try:
        found = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0 and bool(found.stdout.strip())
