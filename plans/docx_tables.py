"""Tables of the Word documents: bordered, fixed column widths, a header row repeated on every
page (shaded in English only: Chinese official tables are unshaded)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.table import Table

from plans.docx_layout import TABLE_HEADER_FILL, TABLE_STYLE, document_language, text_width
from plans.docx_text import add_paragraph, clean, style_id


def table(
    document,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths_mm: Sequence[float] | None = None,
    bold_first_column: bool = False,
    align_center: Sequence[int] = (),
) -> Table:
    """A bordered table with a header row that repeats on every page; cell text in the
    "Table Text" style, lines of a cell split at newlines. Column widths default to equal."""
    rows = [list(r) for r in rows]
    columns = len(header)
    shaded = document_language(document) == "en"
    grid = document.add_table(rows=1 + len(rows), cols=columns)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _borders(grid)
    width = text_width(document)
    if widths_mm:
        total = sum(widths_mm)
        widths = [Emu(int(width * w / total)) for w in widths_mm]
    else:
        widths = [Emu(width // max(columns, 1))] * columns
    _fixed_layout(grid, widths)
    style = style_id(document, TABLE_STYLE)
    centred = set(align_center)
    for r, row in enumerate(grid.rows):
        is_header = r == 0
        values = list(header) if is_header else rows[r - 1]
        if is_header:
            trpr = row._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:cantSplit"))
            trpr.append(OxmlElement("w:tblHeader"))
        for c, cell in enumerate(row.cells):
            cell.width = widths[c]
            value = values[c] if c < len(values) else ""
            item = cell.paragraphs[0]
            item._p.get_or_add_pPr().style = style
            run = item.add_run(clean(value))
            if is_header or (bold_first_column and c == 0):
                run.bold = True
            if is_header or c in centred:
                item.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if is_header and shaded:
                _shade(cell, TABLE_HEADER_FILL)
    add_paragraph(document, TABLE_STYLE)  # keeps the next table or heading apart
    return grid


def _borders(grid: Table) -> None:
    tblpr = grid._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    tblpr.insert_element_before(borders, *_TBLPR_AFTER_BORDERS)


_TBLPR_AFTER_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
_TCPR_AFTER_SHADING = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)


def _fixed_layout(grid: Table, widths: list[int]) -> None:
    """Fixed column widths (tblLayout fixed, set by autofit=False), in the grid and the table."""
    tblpr = grid._tbl.tblPr
    width = tblpr.find(qn("w:tblW"))
    width.set(qn("w:w"), str(int(sum(widths) / 635)))  # EMU -> twentieths of a point
    width.set(qn("w:type"), "dxa")
    for column, w in zip(grid.columns, widths, strict=False):
        column.width = w


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tcpr.insert_element_before(shading, *_TCPR_AFTER_SHADING)


__all__ = ["table"]
