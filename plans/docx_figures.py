"""Pictures and figures of the Word documents: a PNG at its natural size or fitted to the text
block, cut into overlapping page-sized tiles when it would shrink too far, and a captioned chart
that gets landscape pages of its own when it is wide."""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.shared import Emu

from i18n import t
from plans.docx_layout import (
    TABLE_STYLE,
    landscape_section,
    portrait_section,
    text_height,
    text_width,
)
from plans.docx_text import add_paragraph

EMU_PER_INCH = 914400


def picture(
    document,
    png: bytes,
    *,
    caption: str = "",
    dpi: float | None = None,
    fill_width: bool = False,
    max_height_fraction: float = 0.9,
    min_scale: float = 0.6,
    overlap: float = 0.03,
) -> int:
    """Insert a PNG centred in the text block, with an optional caption below; returns the
    number of pieces (inline shapes) it took.

    Its natural size is pixels / `dpi` (Graphviz writes no resolution into its PNGs: pass the
    dpi it was rendered at; default the file's own, else 96). It is shown at that size, or
    shrunk to fit the text block (or widened to it with `fill_width`). A picture that would have
    to shrink below `min_scale` of its natural size to fit is cut instead into page-sized
    tiles, read row by row: each tile a cropped view of the same image (stored once), with
    neighbours overlapping by `overlap` so no line is lost at a cut."""
    image = Image.from_blob(png)
    own = image.horz_dpi if image.horz_dpi and image.horz_dpi != 72 else 96
    dpi = float(dpi or own)
    natural_w = max(image.px_width / dpi * EMU_PER_INCH, 1.0)
    natural_h = max(image.px_height / dpi * EMU_PER_INCH, 1.0)
    box_w = float(text_width(document))
    box_h = float(text_height(document)) * max_height_fraction
    fit = min(box_w / natural_w, box_h / natural_h)
    if not fill_width:
        fit = min(fit, 1.0)
    if fit >= min_scale:
        scale, columns, rows = fit, 1, 1
    else:
        scale = max(min(1.0, box_w / natural_w), min_scale)
        columns = _pieces(natural_w * scale, box_w, overlap)
        rows = _pieces(natural_h * scale, box_h, overlap)
    fx, fy = _piece_fraction(columns, overlap), _piece_fraction(rows, overlap)
    step_x = (1.0 - fx) / (columns - 1) if columns > 1 else 0.0
    step_y = (1.0 - fy) / (rows - 1) if rows > 1 else 0.0
    width, height = int(natural_w * scale * fx), int(natural_h * scale * fy)
    pieces = columns * rows
    for n in range(pieces):
        row, column = divmod(n, columns)
        holder = add_paragraph(document, TABLE_STYLE)
        holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
        holder.paragraph_format.keep_with_next = n == pieces - 1 and bool(caption)
        shape = holder.add_run().add_picture(io.BytesIO(png), width=Emu(width), height=Emu(height))
        if pieces > 1:
            left, top = column * step_x, row * step_y
            _crop(shape, left=left, top=top, right=1.0 - left - fx, bottom=1.0 - top - fy)
    if caption:
        add_paragraph(document, "Caption", caption)
    return pieces


def _pieces(length: float, box: float, overlap: float) -> int:
    """How many overlapping pieces a length needs so that each fits in `box`."""
    n = 1
    while _piece_fraction(n, overlap) * length > box and n < 200:
        n += 1
    return n


def _piece_fraction(pieces: int, overlap: float) -> float:
    """The share of the image each of `pieces` shows when neighbours overlap by `overlap`."""
    return (1.0 + (pieces - 1) * overlap) / pieces if pieces > 1 else 1.0


def _crop(shape, *, left: float, top: float, right: float, bottom: float) -> None:
    """Show only part of an inline picture (a:srcRect, edges in 1/1000 of a percent)."""
    blip_fill = shape._inline.graphic.graphicData.pic.blipFill
    rect = OxmlElement("a:srcRect")
    for name, value in (("l", left), ("t", top), ("r", right), ("b", bottom)):
        rect.set(name, str(max(0, round(value * 100000))))
    blip_fill.blip.addnext(rect)


def figure(
    document,
    png: bytes,
    *,
    caption: str,
    lang: str,
    dpi: float | None = None,
    before=None,
    fill_width: bool = False,
) -> int:
    """A chart with its caption; a clearly wide one gets landscape pages of its own (its own
    section; portrait again after it). `before(document)` writes what goes above it (a heading)
    on the same page. Returns the number of picture pieces (see `picture`)."""
    wide = is_wide(png)
    if wide:
        landscape_section(document, lang)
    if before is not None:
        before(document)
    pieces = picture(document, png, dpi=dpi, fill_width=fill_width)
    text = caption
    if pieces > 1:
        text += t("doc.figure_pages", lang=lang, n=pieces)
    add_paragraph(document, "Caption", text)
    if wide:
        portrait_section(document, lang)
    return pieces


def is_wide(png: bytes, ratio: float = 1.25) -> bool:
    """True when a picture is clearly wider than tall (it reads better on a landscape page)."""
    image = Image.from_blob(png)
    return image.px_width > image.px_height * ratio


__all__ = ["figure", "is_wide", "picture"]
