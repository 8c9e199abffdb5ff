"""Charts on pages of their own: each in a landscape section of A4, or of A3 when at A4 its
smallest label would print below MIN_LABEL_PT, with its caption under it; portrait again after
the last. The label size comes from the chart's SVG as dot drew it at natural size (its width,
height and smallest node font, in points) fitted into the page's text block."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docx.image.image import Image

from i18n import t
from plans.docx_figures import picture
from plans.docx_layout import landscape_section, portrait_section, text_block_mm
from plans.docx_text import add_paragraph
from plans.svg_metrics import SvgSize, measure_svg

MIN_LABEL_PT = 8.0
DEFAULT_FONT_PT = 14.0  # plans.chart_views.FONT_SIZE: the node labels of every chart view
PT_PER_MM = 72 / 25.4
CAPTION_PT = 48.0  # room kept under a chart for its caption (one or two lines)
HEADING_PT = 110.0  # room kept above the first chart for the annex label and title
PAPERS = ("A4", "A3")


@dataclass(frozen=True)
class Chart:
    """A chart to print: `title` names it in the caption; `png` is what is printed, rendered at
    `dpi`; `svg`, when given, is dot's drawing of it at natural size, for the label size."""

    title: str
    png: bytes
    svg: bytes | None = None
    dpi: float | None = None


def natural_size(chart: Chart) -> SvgSize:
    """The chart's size in SVG px (pt x 4/3) and its smallest label in pt: from the SVG, or
    from the PNG at its dpi with labels of DEFAULT_FONT_PT."""
    if chart.svg is not None:
        try:
            size = measure_svg(chart.svg)
        except ValueError:
            size = None
        if size is not None and size.smallest_font > 0:
            return size
    image = Image.from_blob(chart.png)
    dpi = float(chart.dpi or 96)
    return SvgSize(image.px_width / dpi * 96, image.px_height / dpi * 96, DEFAULT_FONT_PT)


def label_pt(chart: Chart, lang: str, paper: str, reserved_pt: float = CAPTION_PT) -> float:
    """The smallest label of `chart` in points, fitted on a landscape page of `paper` with
    `reserved_pt` of the text block's height kept for caption and heading."""
    width_mm, height_mm = text_block_mm(lang, landscape=True, paper=paper)
    box_w, box_h = width_mm * PT_PER_MM, height_mm * PT_PER_MM - reserved_pt
    return natural_size(chart).label_pt(box_w, box_h)


def chart_paper(chart: Chart, lang: str, reserved_pt: float = CAPTION_PT) -> str:
    """The paper of the chart's landscape page: A4 when its labels print at MIN_LABEL_PT or more
    there, else A3 (where a chart still too big is cut into page-sized pieces at that size)."""
    return next(
        (p for p in PAPERS if label_pt(chart, lang, p, reserved_pt) >= MIN_LABEL_PT), PAPERS[-1]
    )


def chart_pages(
    document,
    charts: Sequence[Chart],
    captions: Sequence[str],
    *,
    lang: str,
    before: Callable | None = None,
    portrait_after: bool = True,
) -> list[str]:
    """Each chart on landscape pages of its own (a section each, A4 or A3 by `chart_paper`)
    with its caption; `before(document)` writes what goes above the first chart (an annex's
    label and title). Returns the paper of each chart."""
    papers = []
    for i, (chart, caption) in enumerate(zip(charts, captions, strict=True)):
        reserved = CAPTION_PT + (HEADING_PT if i == 0 and before is not None else 0.0)
        paper = chart_paper(chart, lang, reserved)
        papers.append(paper)
        landscape_section(document, lang, paper)
        if i == 0 and before is not None:
            before(document)
        height_pt = text_block_mm(lang, landscape=True, paper=paper)[1] * PT_PER_MM
        pieces = picture(
            document,
            chart.png,
            dpi=chart.dpi,
            max_height_fraction=max(0.3, 1 - reserved / height_pt),
            min_scale=_min_scale(chart),
        )
        text = caption + (t("doc.figure_pages", lang=lang, n=pieces) if pieces > 1 else "")
        add_paragraph(document, "Caption", text)
    if charts and portrait_after:
        portrait_section(document, lang)
    return papers


def _min_scale(chart: Chart) -> float:
    """The scale of the PNG (at its dpi) below which its labels print under MIN_LABEL_PT: a
    chart that would need less is cut into pieces instead (plans.docx_figures.picture)."""
    size = natural_size(chart)
    image = Image.from_blob(chart.png)
    png_px = image.px_width / float(chart.dpi or 96) * 96  # in the same px as SvgSize
    at_natural = MIN_LABEL_PT / size.smallest_font  # scale of the natural drawing
    return min(1.0, at_natural * size.width_px / max(png_px, 1.0))


__all__ = ["MIN_LABEL_PT", "Chart", "chart_pages", "chart_paper", "label_pt", "natural_size"]
