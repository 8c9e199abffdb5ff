"""Word documents in the layout of a Chinese official document (GB/T 9704-2012) or, in English,
the plain layout of the HSEEP templates; helpers shared by the plan export and the drill reports.

GB/T 9704 facts applied to Chinese documents: A4; top margin 37 mm, left (binding) margin 28 mm,
text block 156 x 225 mm (so bottom 35 mm, right 26 mm); 22 lines of 28 characters (exact line
spacing 28.95 pt and a character grid); body 3号 (16 pt) 仿宋; title 2号 (22 pt) 小标宋 (宋体 bold
by default, see ZH_FONTS); headings 一、 in 黑体, （一） in 楷体, 1. in 仿宋 bold, （1） in 仿宋; all
text black; page numbers 4号 (14 pt) 宋体 between one-character dashes ("— 3 —") below the text
block, centred.

Setting `font.name` in python-docx sets only the Latin font: every style here also sets
`w:eastAsia` on `w:rFonts`, and every theme font and theme colour of the template is removed
(theme attributes win over explicit ones, and the built-in headings are blue). Word has no
rendered numbers: headings carry their numbers as text (Outline).

Everything is a pure function of its arguments except `to_docx_bytes`, the only I/O.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from i18n import t

LANGUAGES = ("zh", "en")
BLACK = RGBColor(0, 0, 0)

# Page geometry (mm): width, height, top, bottom, left, right, footer distance.
A4 = (210.0, 297.0)
ZH_MARGINS = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0, "footer": 24.0}
EN_MARGINS = {"top": 25.4, "bottom": 25.4, "left": 25.4, "right": 25.4, "footer": 12.7}
ZH_LINE_PT = 28.95  # 225 mm / 22 lines
ZH_LINE_PITCH = 579  # the same in twentieths of a point (the section's line pitch)
ZH_CONDENSE = -5  # twentieths of a point per character: 28 characters of 15.75 pt fill 156 mm


@dataclass(frozen=True)
class FontSet:
    """The faces of a Chinese official document. The default uses fonts every Windows and WPS
    installation has (仿宋, 楷体, 黑体, 宋体); GB2312_FONTS names the faces of government
    machines (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体), which Word replaces where missing."""

    body: str = "仿宋"
    heading1: str = "黑体"
    heading2: str = "楷体"
    title: str = "宋体"
    title_bold: bool = True  # 宋体 bold stands in for 小标宋; a real 小标宋 face is not bolded
    page_number: str = "宋体"
    latin: str = "Times New Roman"


ZH_FONTS = FontSet()
GB2312_FONTS = FontSet(
    body="仿宋_GB2312", heading2="楷体_GB2312", title="方正小标宋简体", title_bold=False
)
EN_LATIN, EN_HEADING, EN_EAST_ASIA = "Calibri", "Arial", "SimSun"

TABLE_STYLE = "Table Text"
TABLE_HEADER_FILL = "D9D9D9"  # English tables only; Chinese official tables are unshaded

# Characters XML 1.0 cannot hold (lxml refuses them): vertical tab and form feed become line
# breaks (Word writes them for manual breaks), the rest go.
_BREAKS = re.compile(r"[\x0b\x0c]")
_NOT_XML = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: object) -> str:
    """Any value as text that XML (and so Word) can hold."""
    if text is None:
        return ""
    return _NOT_XML.sub("", _BREAKS.sub("\n", str(text)))


# ---------------------------------------------------------------------------------------------
# The document and its styles


def new_official_document(lang: str = "zh", *, fonts: FontSet = ZH_FONTS) -> Document:
    """An empty A4 document with the page set-up, styles and page-number footer for `lang`:
    GB/T 9704 for "zh", a plain HSEEP-like layout for "en"."""
    lang = lang if lang in LANGUAGES else "zh"
    document = docx.Document()
    _drop_theme(document)
    if lang == "zh":
        _zh_styles(document, fonts)
    else:
        _en_styles(document)
    section = document.sections[0]
    _page(section, lang, landscape=False)
    if lang == "zh":
        # No character grid (renderers disagree on it: LibreOffice spreads the text to double
        # pitch): exact line spacing gives the 22 lines, condensed characters the 28.
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is not None:
            grid.set(qn("w:linePitch"), str(ZH_LINE_PITCH))
    _page_number_footer(section, lang, fonts)
    document.core_properties.language = "zh-CN" if lang == "zh" else "en-US"
    document.core_properties.author = "PlanDrill"
    document.core_properties.last_modified_by = "PlanDrill"
    return document


def document_language(document: Document) -> str:
    return "en" if (document.core_properties.language or "").startswith("en") else "zh"


def to_docx_bytes(document: Document) -> bytes:
    """The document as .docx bytes (the only I/O of the document builders)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _drop_theme(document: Document) -> None:
    """Remove theme fonts and theme colours from every style: theme attributes win over explicit
    ones, and the template's headings, title and captions are blue."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for name in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(name), None)
    for colour in styles.iter(qn("w:color")):
        for name in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(name), None)
        colour.set(qn("w:val"), "000000")
    for border in list(styles.iter(qn("w:pBdr"))):
        border.getparent().remove(border)


def _defaults(document: Document, latin: str, east_asia: str, size: float, lang: str) -> None:
    rpr = (
        document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    fonts = rpr.find(qn("w:rFonts"))
    _set_fonts(fonts, latin, east_asia)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(round(size * 2)))
    language = rpr.find(qn("w:lang"))
    language.set(qn("w:eastAsia"), "zh-CN" if lang == "zh" else "en-US")
    ppr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    spacing = ppr.find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")


def _set_fonts(element, latin: str, east_asia: str, hint: bool = False) -> None:
    for name in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        element.attrib.pop(qn(name), None)
    element.set(qn("w:ascii"), latin)
    element.set(qn("w:hAnsi"), latin)
    element.set(qn("w:cs"), latin)
    element.set(qn("w:eastAsia"), east_asia)
    if hint:
        element.set(qn("w:hint"), "eastAsia")


def _style(
    document: Document,
    name: str,
    *,
    latin: str,
    east_asia: str,
    size: float,
    bold: bool = False,
    align=None,
    first_line_chars: int | None = None,
    line_pt: float | None = None,
    line_multiple: float | None = None,
    before: float = 0,
    after: float = 0,
    keep_next: bool = False,
    hint: bool = False,
    base: str | None = None,
):
    """Create or reset paragraph style `name` with explicit fonts, size, black, spacing."""
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        from docx.enum.style import WD_STYLE_TYPE

        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base or "Normal"]
        style.quick_style = True
    font = style.font
    font.name = latin
    _set_fonts(style.element.get_or_add_rPr().get_or_add_rFonts(), latin, east_asia, hint)
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    font.color.rgb = BLACK
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:spacing", "w:kern", "w:u", "w:caps", "w:smallCaps"):
        for child in rpr.findall(qn(tag)):
            rpr.remove(child)
    ppr = style.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:contextualSpacing"):
        for child in ppr.findall(qn(tag)):
            ppr.remove(child)
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(before)
    paragraph.space_after = Pt(after)
    if line_pt is not None:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(line_pt)
    elif line_multiple is not None:
        paragraph.line_spacing = line_multiple
    if align is not None:
        paragraph.alignment = align
    paragraph.keep_with_next = keep_next or None
    if first_line_chars is not None:
        paragraph.first_line_indent = Pt(size * first_line_chars / 100) if first_line_chars else 0
        ind = ppr.get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(first_line_chars))
    return style


def _zh_styles(document: Document, fonts: FontSet) -> None:
    _defaults(document, fonts.latin, fonts.body, 16, "zh")
    body = {"latin": fonts.latin, "hint": True}
    justify, centre = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER
    normal = _style(document, "Normal", east_asia=fonts.body, size=16, align=justify,
                    first_line_chars=200, line_pt=ZH_LINE_PT, **body)  # fmt: skip
    rpr = normal.element.get_or_add_rPr()
    condensed = OxmlElement("w:spacing", {qn("w:val"): str(ZH_CONDENSE)})
    rpr.insert_element_before(condensed, *_RPR_AFTER_SPACING)
    _style(document, "Title", east_asia=fonts.title, size=22, bold=fonts.title_bold, align=centre,
           first_line_chars=0, line_pt=35, after=ZH_LINE_PT, **body)  # fmt: skip
    _style(document, "Subtitle", east_asia=fonts.heading2, size=16, align=centre,
           first_line_chars=0, line_pt=ZH_LINE_PT, **body)  # fmt: skip
    for level, face, bold in ((1, fonts.heading1, False), (2, fonts.heading2, False),
                              (3, fonts.body, True), (4, fonts.body, False)):  # fmt: skip
        _style(document, f"Heading {level}", east_asia=face, size=16, bold=bold, align=justify,
               first_line_chars=200, line_pt=ZH_LINE_PT, keep_next=True, **body)  # fmt: skip
    _style(document, "Caption", east_asia=fonts.body, size=14, align=centre, first_line_chars=0,
           line_pt=ZH_LINE_PT, **body)  # fmt: skip
    _style(document, "Footer", east_asia=fonts.page_number, size=14, align=centre,
           first_line_chars=0, line_multiple=1.0, latin=fonts.page_number, hint=True)  # fmt: skip
    _style(document, TABLE_STYLE, east_asia=fonts.body, size=12, align=WD_ALIGN_PARAGRAPH.LEFT,
           first_line_chars=0, line_multiple=1.0, **body)  # fmt: skip
    _style(document, "Annex Label", east_asia=fonts.heading1, size=16,
           align=WD_ALIGN_PARAGRAPH.LEFT, first_line_chars=0, line_pt=ZH_LINE_PT,
           **body)  # fmt: skip


def _en_styles(document: Document) -> None:
    _defaults(document, EN_LATIN, EN_EAST_ASIA, 11, "en")
    left = WD_ALIGN_PARAGRAPH.LEFT
    _style(document, "Normal", latin=EN_LATIN, east_asia=EN_EAST_ASIA, size=11, align=left,
           first_line_chars=0, line_multiple=1.15, after=6)  # fmt: skip
    _style(document, "Title", latin=EN_HEADING, east_asia=EN_EAST_ASIA, size=22, bold=True,
           align=WD_ALIGN_PARAGRAPH.CENTER, line_multiple=1.0, after=12)  # fmt: skip
    _style(document, "Subtitle", latin=EN_HEADING, east_asia=EN_EAST_ASIA, size=14,
           align=WD_ALIGN_PARAGRAPH.CENTER, line_multiple=1.0, after=6)  # fmt: skip
    for level, size, before in ((1, 16, 18), (2, 13, 12), (3, 11, 10), (4, 11, 8)):
        _style(document, f"Heading {level}", latin=EN_HEADING, east_asia=EN_EAST_ASIA,
               size=size, bold=True, align=left, line_multiple=1.0, before=before, after=6,
               keep_next=True)  # fmt: skip
    _style(document, "Caption", latin=EN_LATIN, east_asia=EN_EAST_ASIA, size=10,
           align=WD_ALIGN_PARAGRAPH.CENTER, line_multiple=1.0, after=8)  # fmt: skip
    _style(document, "Footer", latin=EN_LATIN, east_asia=EN_EAST_ASIA, size=10,
           align=WD_ALIGN_PARAGRAPH.CENTER, line_multiple=1.0)  # fmt: skip
    _style(document, TABLE_STYLE, latin=EN_LATIN, east_asia=EN_EAST_ASIA, size=10, align=left,
           line_multiple=1.0)  # fmt: skip
    _style(document, "Annex Label", latin=EN_HEADING, east_asia=EN_EAST_ASIA, size=11,
           bold=True, align=left, line_multiple=1.0, after=6)  # fmt: skip


def _page(section, lang: str, *, landscape: bool) -> None:
    margins = ZH_MARGINS if lang == "zh" else EN_MARGINS
    width, height = A4
    top, bottom, left, right = (margins[k] for k in ("top", "bottom", "left", "right"))
    if landscape:
        # turn the portrait page a quarter to the left: the binding edge goes to the top
        width, height = height, width
        top, right, bottom, left = left, top, right, bottom
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.footer_distance = Mm(margins["footer"])
    section.header_distance = Mm(15 if lang == "zh" else 12.7)
    section.gutter = 0


def _page_number_footer(section, lang: str, fonts: FontSet) -> None:
    """The page number centred below the text block: "— 3 —" (zh) or "3" (en), a PAGE field."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "Footer"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if lang == "zh":
        paragraph.add_run("— ")
    _field(paragraph, "PAGE", "1")
    if lang == "zh":
        paragraph.add_run(" —")


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A simple Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end."""

    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run._r.append(code)
    char("separate")
    paragraph.add_run(shown)
    char("end")


# ---------------------------------------------------------------------------------------------
# Content helpers


def run_fonts(run: Run, latin: str | None = None, east_asia: str | None = None) -> Run:
    """Set a run's Latin and/or East Asian font (python-docx's font.name sets only Latin)."""
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    if latin:
        for name in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(name), latin)
    if east_asia:
        fonts.set(qn("w:eastAsia"), east_asia)
    return run


_STYLE_IDS: dict[str, str] = {}


def style_id(document, name: str) -> str:
    """The id of paragraph style `name` (python-docx's own style look-up scans every style on
    each assignment: 1 s for a few hundred table cells)."""
    if name not in _STYLE_IDS:
        _STYLE_IDS[name] = document.styles[name].style_id
    return _STYLE_IDS[name]


def styled(paragraph: Paragraph, document, name: str | None) -> Paragraph:
    """Give `paragraph` the style `name` (None: Normal) by its id."""
    if name and name != "Normal":
        paragraph._p.get_or_add_pPr().style = style_id(document, name)
    return paragraph


def add_paragraph(document, name: str | None = None, text: str = "") -> Paragraph:
    """A new paragraph at the end of `document` (or a cell) in style `name`."""
    item = styled(document.add_paragraph(), _owner(document), name)
    if text:
        item.add_run(clean(text))
    return item


def _owner(container):
    """The Document a container (document, cell, header) belongs to, for its styles."""
    return container if isinstance(container, Document) else container.part.document


def heading(document, text: str, level: int = 1) -> Paragraph:
    """A heading paragraph (Heading 1-4; the number, if any, is part of `text`)."""
    level = min(max(int(level), 1), 4)
    return add_paragraph(document, f"Heading {level}", text)


def paragraph(
    document,
    text: str = "",
    *,
    style: str | None = None,
    bold: bool = False,
    align=None,
    indent: bool = True,
) -> Paragraph:
    """A body paragraph; `indent=False` drops the first-line indent of Chinese body text."""
    item = add_paragraph(document, style)
    if text:
        run = item.add_run(clean(text))
        if bold:
            run.bold = True
    if align is not None:
        item.alignment = align
    if not indent:
        item.paragraph_format.first_line_indent = 0
        ind = item._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), "0")
    return item


def labelled(document, label: str, text: str, *, indent: bool = True) -> Paragraph:
    """A paragraph starting with a bold label ("原因：" / "Cause: ") followed by plain text."""
    item = paragraph(document, indent=indent)
    run = item.add_run(clean(label))
    run.bold = True
    item.add_run(clean(text))
    return item


def page_break(document) -> None:
    add_paragraph(document, TABLE_STYLE).add_run().add_break(WD_BREAK.PAGE)


def title(document, text: str, subtitle: str = "") -> Paragraph:
    head = add_paragraph(document, "Title", text)
    if subtitle:
        add_paragraph(document, "Subtitle", subtitle)
    return head


def text_width(document) -> int:
    """The width of the text block of the last section, in EMU."""
    section = document.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def text_height(document) -> int:
    section = document.sections[-1]
    return section.page_height - section.top_margin - section.bottom_margin


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


_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                      "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
                      "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")  # fmt: skip
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                        "w:tblDescription", "w:tblPrChange")  # fmt: skip
_TCPR_AFTER_SHADING = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                       "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge",
                       "w:tcPrChange")  # fmt: skip


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


def landscape_section(document, lang: str) -> None:
    """Start a new landscape A4 page (its own section; the page numbers run on)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, lang, landscape=True)


def portrait_section(document, lang: str) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, lang, landscape=False)


def is_wide(png: bytes, ratio: float = 1.25) -> bool:
    """True when a picture is clearly wider than tall (it reads better on a landscape page)."""
    image = Image.from_blob(png)
    return image.px_width > image.px_height * ratio


# ---------------------------------------------------------------------------------------------
# Numbering written into the headings

_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (Arabic beyond 99)."""
    if n <= 0 or n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return f"{head}十{_CN_DIGITS[ones] if ones else ''}"


def number_label(level: int, n: int, lang: str, parents: Sequence[int] = ()) -> str:
    """The written number of a heading: 一、 （一） 1. （1） in Chinese; 1 / 1.1 / 1.1.1 in English."""
    if lang == "zh":
        if level == 1:
            return f"{chinese_number(n)}、"
        if level == 2:
            return f"（{chinese_number(n)}）"
        if level == 3:
            return f"{n}."
        return f"（{n}）"
    return ".".join(str(x) for x in (*parents, n)) + " "


class Outline:
    """Numbered headings in document order: `outline.heading("总则", 1)` -> "一、总则"."""

    def __init__(self, document, lang: str, *, numbered: bool = True) -> None:
        self.document = document
        self.lang = lang
        self.numbered = numbered
        self.counters = [0, 0, 0, 0]

    def heading(self, text: str, level: int = 1) -> Paragraph:
        level = min(max(level, 1), 4)
        self.counters[level - 1] += 1
        for deeper in range(level, 4):
            self.counters[deeper] = 0
        if not self.numbered:
            return heading(self.document, text, level)
        label = number_label(level, self.counters[level - 1], self.lang, self.counters[: level - 1])
        if level == 4 and self.lang == "zh":  # （1） is body text in 仿宋, not a heading style
            item = paragraph(self.document, f"{label}{clean(text)}")
            item.paragraph_format.keep_with_next = True
            return item
        return heading(self.document, f"{label}{text}", level)

    def reset(self) -> None:
        self.counters = [0, 0, 0, 0]


def minutes_text(minutes: float | None, lang: str) -> str:
    """10 -> "10分钟内" / "within 10 min"; 0 -> "立即" / "immediately"; None -> ""."""
    if minutes is None:
        return ""
    try:
        value = float(minutes)
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(value) or value < 0:
        return ""
    if value == 0:
        return t("doc.immediately", lang=lang)
    shown = str(int(value)) if value.is_integer() else f"{value:g}"
    return t("doc.within_minutes", lang=lang, minutes=shown)


__all__ = [
    "EN_MARGINS",
    "GB2312_FONTS",
    "ZH_FONTS",
    "ZH_MARGINS",
    "FontSet",
    "Outline",
    "add_paragraph",
    "chinese_number",
    "clean",
    "figure",
    "heading",
    "is_wide",
    "labelled",
    "landscape_section",
    "minutes_text",
    "new_official_document",
    "number_label",
    "page_break",
    "paragraph",
    "picture",
    "portrait_section",
    "run_fonts",
    "style_id",
    "styled",
    "table",
    "text_height",
    "text_width",
    "title",
    "to_docx_bytes",
]
