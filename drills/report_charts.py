"""Charts of the evaluation report, drawn with Graphviz (the dot and neato programs the flow chart
already needs; no plotting library).

- `timeline_png`: the drill as it unfolded: one lane per role (and one for the director's
  injects and clock), a minute axis, a mark per event coloured by its kind and a short label
  above it. Every node is placed by hand (neato -n2 keeps the given positions), so the layout
  is a pure function of the rows: labels take the first free row of their lane; an event
  whose label finds no room keeps its mark and is counted in a note under the axis.
- `outcome_chart_png`: the plan's flow chart coloured by the category of each step's item
  (drills.evaluation; plans.draw), capped in size so that a 300-step plan renders in well under a second.

Both return PNG bytes, rendered at `dpi` (pass the same dpi to plans.docx_style.picture).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import graphviz

from drills.report_model import TimelineRow
from i18n import t
from i18n.glossary import OUTCOME_CATEGORIES
from plans.docx_style import clean
from plans.draw import FONT, DrawError, flow_chart, render
from plans.model import Plan

TIMELINE_DPI = 150
OUTCOME_MAX_INCHES = 40
OUTCOME_DPI = 110

# geometry in points
WIDTH = 600.0  # the whole chart: about 8.3 inches
LANE_LABEL = 112.0
GAP = 10.0
LABEL_FONT = 8.0
LANE_FONT = 9.0
ROW = 12.0  # height of one label row
BASE = 12.0  # mark baseline above the lane's bottom edge
MAX_ROWS = 4  # label rows per lane
LABEL_CHARS = 22  # display columns of a label (11 Chinese characters)
LANE_CHARS = 16  # display columns per line of a lane name

MARK_STYLES = {  # kind: (shape, colour); item marks by category (drills.evaluation)
    "clock": ("square", "#333333"),
    "inject": ("diamond", "#e67e22"),
    "on_time": ("circle", "#2e8b57"),
    "late": ("circle", "#d4a017"),
    "partly": ("circle", "#e5793b"),
    "not_done": ("circle", "#c0392b"),
    "na": ("circle", "#a0a0a0"),
    "not_observed": ("circle", "#3d85c6"),
    "note": ("circle", "#7f8c8d"),
    "": ("circle", "#1f4e79"),
}
LEGEND = {  # kinds with a legend entry: message key
    "clock": "doc.chart.clock",
    "inject": "doc.chart.inject",
    **{c: OUTCOME_CATEGORIES.key(c) for c in OUTCOME_CATEGORIES if c != "not_observed"},
    "note": "findings.kind.note",
}
LANE_FILLS = ("#f3f5f8", "#ffffff")
GRID = "#d0d4da"
AXIS = "#333333"

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_NICE_STEPS = (1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440)


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _plain(text: object) -> str:
    """Text Graphviz can take: no control characters, nothing UTF-8 cannot encode."""
    return _CONTROL.sub(" ", clean(text)).strip()


def _cut(text: str, columns: int) -> str:
    """At most `columns` display columns, with an ellipsis when cut."""
    text = _plain(text)
    if _columns(text) <= columns:
        return text
    out, used = "", 0
    for c in text:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if used + w > columns - 1:
            break
        out, used = out + c, used + w
    return out + "…"


def _wrap(text: str, columns: int, lines: int) -> list[str]:
    text = _plain(text)
    out: list[str] = []
    while text and len(out) < lines:
        if len(out) == lines - 1:
            out.append(_cut(text, columns))
            break
        part, used = "", 0
        for c in text:
            w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
            if used + w > columns:
                break
            part, used = part + c, used + w
        out.append(part)
        text = text[len(part) :].lstrip()
    return out or [""]


def _text_width(text: str, size: float) -> float:
    """An upper estimate of the drawn width of `text` in points."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def _label(text: str) -> str:
    return graphviz.escape(_plain(text))


def _ticks(top: float) -> tuple[float, list[float]]:
    """A round end of the axis at or above `top` minutes and its ticks (at most about 10)."""
    top = max(float(top), 1.0)
    step = next((s for s in _NICE_STEPS if top / s <= 10), _NICE_STEPS[-1])
    end = math.ceil(top / step) * step
    return float(end), [float(step * i) for i in range(int(end / step) + 1)]


def _lanes(rows: Sequence[TimelineRow]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.setdefault(str(row.lane), None)
    return list(seen)


def _place_labels(rows: Sequence[TimelineRow], x_of) -> tuple[dict[int, int], int]:
    """Row of each labelled event (index into rows -> label row), and how many got none."""
    by_lane: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_lane.setdefault(str(row.lane), []).append(i)
    placed: dict[int, int] = {}
    hidden = 0
    for members in by_lane.values():
        ends = [-1e9] * MAX_ROWS
        for i in sorted(members, key=lambda i: (rows[i].minute, i)):
            text = _cut(rows[i].what, LABEL_CHARS)
            start = x_of(rows[i].minute) - 3
            width = _text_width(text, LABEL_FONT) + 4
            slot = next((r for r in range(MAX_ROWS) if ends[r] + 3 <= start), None)
            if slot is None:
                hidden += 1
                continue
            ends[slot] = start + width
            placed[i] = slot
    return placed, hidden


def timeline_png(
    rows: Iterable[TimelineRow], lang: str = "zh", *, dpi: int = TIMELINE_DPI
) -> bytes:
    """The timeline chart of the drill as PNG bytes (see the module docstring).

    Raises:
        DrawError: Graphviz is missing or failed ("draw.no_dot" / "draw.failed").
    """
    rows = [r for r in rows if _finite(r.minute)]
    chart = graphviz.Graph(name="timeline", engine="neato")
    chart.attr(dpi=str(dpi), pad="0.15", bgcolor="white", outputorder="nodesfirst")
    chart.attr("node", fontname=FONT, label="", penwidth="0", fixedsize="true")
    plot_left, plot_right = LANE_LABEL + GAP, WIDTH - 40.0
    end, ticks = _ticks(max((r.minute for r in rows), default=1.0))

    def x_of(minute: float) -> float:
        return plot_left + (max(float(minute), 0.0) / end) * (plot_right - plot_left)

    lanes = _lanes(rows)
    placed, hidden = _place_labels(rows, x_of)
    used = {lane: 1 for lane in lanes}
    for i, slot in placed.items():
        lane = str(rows[i].lane)
        used[lane] = max(used[lane], slot + 1)
    heights = {lane: BASE + 8 + used[lane] * ROW + 4 for lane in lanes}
    total = sum(heights.values()) or 40.0
    axis_y = 30.0  # from the bottom: the lanes sit above the axis
    top = axis_y + total
    counter = iter(range(10**9))

    def box(x, y, w, h, fill, **more) -> None:
        chart.node(
            f"n{next(counter)}",
            pos=f"{x:.2f},{y:.2f}!",
            shape="box",
            style="filled",
            fillcolor=fill,
            width=f"{w / 72:.4f}",
            height=f"{h / 72:.4f}",
            **more,
        )

    def text(x, y, w, h, label, size, align="l", colour="#000000") -> None:
        terminator = {"l": "\\l", "r": "\\r"}.get(align, "\\n")
        lines = label if isinstance(label, list) else [label]
        joined = "".join(_label(line) + terminator for line in lines)
        chart.node(
            f"n{next(counter)}",
            pos=f"{x:.2f},{y:.2f}!",
            shape="plaintext",
            label=graphviz.nohtml(joined),
            fontsize=f"{size:g}",
            fontcolor=colour,
            width=f"{w / 72:.4f}",
            height=f"{h / 72:.4f}",
        )

    # lane bands and names (top lane first)
    lane_bottom: dict[str, float] = {}
    y = top
    for n, lane in enumerate(lanes):
        h = heights[lane]
        y -= h
        lane_bottom[lane] = y
        box(
            (plot_left + plot_right) / 2 + 5,
            y + h / 2,
            plot_right - plot_left + 20,
            h,
            LANE_FILLS[n % 2],
        )
        name = _wrap(lane, LANE_CHARS, 2)
        text(LANE_LABEL / 2, y + h / 2, LANE_LABEL, h, name, LANE_FONT, align="r")
    # grid, axis, ticks
    for tick in ticks:
        x = x_of(tick)
        box(x, axis_y + total / 2, 0.5, total, GRID)
        box(x, axis_y - 2, 0.8, 4, AXIS)
        shown = str(int(tick)) if float(tick).is_integer() else f"{tick:g}"
        text(x, axis_y - 10, 40, 10, shown, LABEL_FONT, align="c")
    box((plot_left + plot_right) / 2, axis_y, plot_right - plot_left, 0.8, AXIS)
    caption = t("doc.chart.minutes", lang=lang)
    text((plot_left + plot_right) / 2, axis_y - 22, 300, 11, caption, LANE_FONT, align="c")
    if hidden:
        note = t("doc.chart.hidden", lang=lang, n=hidden)
        text(plot_right - 100, axis_y - 22, 200, 11, note, LABEL_FONT, align="r", colour="#555555")
    legend_x, legend_y = plot_left, axis_y - 38
    for kind in [k for k in LEGEND if any(r.kind == k for r in rows)]:
        shape, colour = MARK_STYLES[kind]
        name = t(LEGEND[kind], lang=lang)
        width = _text_width(name, LABEL_FONT) + 4
        if legend_x + 10 + width > WIDTH and legend_x > plot_left:  # on to a second line
            legend_x, legend_y = plot_left, legend_y - 14
        chart.node(
            f"n{next(counter)}",
            pos=f"{legend_x + 3:.2f},{legend_y:.2f}!",
            shape=shape,
            style="filled",
            fillcolor=colour,
            width=f"{6 / 72:.4f}",
            height=f"{6 / 72:.4f}",
        )
        text(legend_x + 10 + width / 2, legend_y, width, 11, name, LABEL_FONT)
        legend_x += width + 24
    if not rows:
        text(
            (plot_left + plot_right) / 2,
            axis_y + 20,
            300,
            12,
            t("doc.chart.empty", lang=lang),
            LANE_FONT,
            align="c",
        )
    # marks and labels
    for i, row in enumerate(rows):
        x = x_of(row.minute)
        base = lane_bottom[str(row.lane)] + BASE
        shape, colour = MARK_STYLES.get(row.kind, MARK_STYLES[""])
        size = 7.0 if shape == "diamond" else 5.5
        chart.node(
            f"n{next(counter)}",
            pos=f"{x:.2f},{base:.2f}!",
            shape=shape,
            style="filled",
            fillcolor=colour,
            width=f"{size / 72:.4f}",
            height=f"{size / 72:.4f}",
        )
        slot = placed.get(i)
        if slot is None:
            continue
        label_y = base + 9 + slot * ROW
        if slot:
            box(x, (base + label_y) / 2, 0.5, label_y - base - 4, "#9aa0a6")
        label = _cut(row.what, LABEL_CHARS)
        width = _text_width(label, LABEL_FONT) + 6
        text(x - 3 + width / 2, label_y, width, ROW, label, LABEL_FONT)
    try:
        return chart.pipe(format="png", neato_no_op=2, quiet=True)
    except graphviz.ExecutableNotFound:
        raise DrawError("draw.no_dot") from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()[:500]
        raise DrawError("draw.failed", detail=detail) from None


def _finite(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def outcome_chart_png(
    plan: Plan,
    outcome: Mapping[str, str],
    lang: str = "zh",
    *,
    level: str | None = None,
    max_inches: float = OUTCOME_MAX_INCHES,
    dpi: int = OUTCOME_DPI,
) -> bytes:
    """The plan's flow chart (at `level`, a level id) with each step coloured by its drill
    outcome: a category of drills.evaluation, or out of scope (no checklist item).

    Raises:
        DrawError: Graphviz is missing or failed.
    """
    chart = flow_chart(plan, level=level, lang=lang, outcome=dict(outcome))
    return render(chart, "png", max_inches=max_inches, dpi=dpi)


__all__ = ["OUTCOME_DPI", "TIMELINE_DPI", "outcome_chart_png", "timeline_png"]
