"""The empty Word document the plan export and the drill reports write into: A4 page set-up,
fonts, paragraph styles and page-number footer in the layout of a Chinese official document
(GB/T 9704-2012) or, in English, the plain layout of the HSEEP templates.

GB/T 9704 facts applied to Chinese documents: A4; top margin 37 mm, left (binding) margin 28 mm,
text block 156 x 225 mm (so bottom 35 mm, right 26 mm); 22 lines of 28 characters (exact line
spacing 28.95 pt and a character grid); body 3号 (16 pt) 仿宋; title 2号 (22 pt) 小标宋 (宋体 bold
by default, see ZH_FONTS); headings 一、 in 黑体, （一） in 楷体, 1. in 仿宋 bold, （1） in 仿宋; all
text black; page numbers 4号 (14 pt) 宋体 between one-character dashes ("— 3 —") below the text
block, centred.

Setting `font.name` in python-docx sets only the Latin font: every style here also sets
`w:eastAsia` on `w:rFonts`, and every theme font and theme colour of the template is removed
(theme attributes win over explicit ones, and the built-in headings are blue).

Everything is a pure function of its arguments except `to_docx_bytes`, the only I/O.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

LANGUAGES = ("zh", "en")
BLACK = RGBColor(0, 0, 0)

# Page geometry (mm): width, height, top, bottom, left, right, footer distance.
A4 = (210.0, 297.0)
A3 = (297.0, 420.0)
PAPERS = {"A4": A4, "A3": A3}
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

# The children of w:rPr that come after w:spacing (the schema fixes their order).
_RPR_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


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
    normal = _style(
        document,
        "Normal",
        east_asia=fonts.body,
        size=16,
        align=justify,
        first_line_chars=200,
        line_pt=ZH_LINE_PT,
        **body,
    )
    rpr = normal.element.get_or_add_rPr()
    condensed = OxmlElement("w:spacing", {qn("w:val"): str(ZH_CONDENSE)})
    rpr.insert_element_before(condensed, *_RPR_AFTER_SPACING)
    _style(
        document,
        "Title",
        east_asia=fonts.title,
        size=22,
        bold=fonts.title_bold,
        align=centre,
        first_line_chars=0,
        line_pt=35,
        after=ZH_LINE_PT,
        **body,
    )
    _style(
        document,
        "Subtitle",
        east_asia=fonts.heading2,
        size=16,
        align=centre,
        first_line_chars=0,
        line_pt=ZH_LINE_PT,
        **body,
    )
    for level, face, bold in (
        (1, fonts.heading1, False),
        (2, fonts.heading2, False),
        (3, fonts.body, True),
        (4, fonts.body, False),
    ):
        _style(
            document,
            f"Heading {level}",
            east_asia=face,
            size=16,
            bold=bold,
            align=justify,
            first_line_chars=200,
            line_pt=ZH_LINE_PT,
            keep_next=True,
            **body,
        )
    _style(
        document,
        "Caption",
        east_asia=fonts.body,
        size=14,
        align=centre,
        first_line_chars=0,
        line_pt=ZH_LINE_PT,
        **body,
    )
    _style(
        document,
        "Footer",
        east_asia=fonts.page_number,
        size=14,
        align=centre,
        first_line_chars=0,
        line_multiple=1.0,
        latin=fonts.page_number,
        hint=True,
    )
    _style(
        document,
        TABLE_STYLE,
        east_asia=fonts.body,
        size=12,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first_line_chars=0,
        line_multiple=1.0,
        **body,
    )
    _style(
        document,
        "Annex Label",
        east_asia=fonts.heading1,
        size=16,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first_line_chars=0,
        line_pt=ZH_LINE_PT,
        **body,
    )


def _en_styles(document: Document) -> None:
    _defaults(document, EN_LATIN, EN_EAST_ASIA, 11, "en")
    left = WD_ALIGN_PARAGRAPH.LEFT
    _style(
        document,
        "Normal",
        latin=EN_LATIN,
        east_asia=EN_EAST_ASIA,
        size=11,
        align=left,
        first_line_chars=0,
        line_multiple=1.15,
        after=6,
    )
    _style(
        document,
        "Title",
        latin=EN_HEADING,
        east_asia=EN_EAST_ASIA,
        size=22,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line_multiple=1.0,
        after=12,
    )
    _style(
        document,
        "Subtitle",
        latin=EN_HEADING,
        east_asia=EN_EAST_ASIA,
        size=14,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line_multiple=1.0,
        after=6,
    )
    for level, size, before in ((1, 16, 18), (2, 13, 12), (3, 11, 10), (4, 11, 8)):
        _style(
            document,
            f"Heading {level}",
            latin=EN_HEADING,
            east_asia=EN_EAST_ASIA,
            size=size,
            bold=True,
            align=left,
            line_multiple=1.0,
            before=before,
            after=6,
            keep_next=True,
        )
    _style(
        document,
        "Caption",
        latin=EN_LATIN,
        east_asia=EN_EAST_ASIA,
        size=10,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line_multiple=1.0,
        after=8,
    )
    _style(
        document,
        "Footer",
        latin=EN_LATIN,
        east_asia=EN_EAST_ASIA,
        size=10,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line_multiple=1.0,
    )
    _style(
        document,
        TABLE_STYLE,
        latin=EN_LATIN,
        east_asia=EN_EAST_ASIA,
        size=10,
        align=left,
        line_multiple=1.0,
    )
    _style(
        document,
        "Annex Label",
        latin=EN_HEADING,
        east_asia=EN_EAST_ASIA,
        size=11,
        bold=True,
        align=left,
        line_multiple=1.0,
        after=6,
    )


def page_geometry(lang: str, *, landscape: bool, paper: str = "A4") -> dict[str, float]:
    """Page size and margins in mm: width, height, top, bottom, left, right. A landscape page
    is the portrait page turned a quarter to the left (the binding edge goes to the top)."""
    margins = ZH_MARGINS if lang == "zh" else EN_MARGINS
    width, height = PAPERS[paper]
    top, bottom, left, right = (margins[k] for k in ("top", "bottom", "left", "right"))
    if landscape:
        width, height = height, width
        top, right, bottom, left = left, top, right, bottom
    return {
        "width": width,
        "height": height,
        "top": top,
        "bottom": bottom,
        "left": left,
        "right": right,
    }


def text_block_mm(lang: str, *, landscape: bool, paper: str = "A4") -> tuple[float, float]:
    """Width and height of the text block, in mm, of a page of that paper and orientation."""
    page = page_geometry(lang, landscape=landscape, paper=paper)
    return (
        page["width"] - page["left"] - page["right"],
        page["height"] - page["top"] - page["bottom"],
    )


def _page(section, lang: str, *, landscape: bool, paper: str = "A4") -> None:
    margins = ZH_MARGINS if lang == "zh" else EN_MARGINS
    page = page_geometry(lang, landscape=landscape, paper=paper)
    width, height = page["width"], page["height"]
    top, bottom, left, right = (page[k] for k in ("top", "bottom", "left", "right"))
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


def landscape_section(document, lang: str, paper: str = "A4") -> None:
    """Start a new landscape page of `paper` ("A4" or "A3"; its own section, the page numbers
    run on)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, lang, landscape=True, paper=paper)


def portrait_section(document, lang: str) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, lang, landscape=False)


def text_width(document) -> int:
    """The width of the text block of the last section, in EMU."""
    section = document.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def text_height(document) -> int:
    section = document.sections[-1]
    return section.page_height - section.top_margin - section.bottom_margin


__all__ = [
    "A3",
    "A4",
    "EN_MARGINS",
    "GB2312_FONTS",
    "PAPERS",
    "TABLE_STYLE",
    "ZH_FONTS",
    "ZH_MARGINS",
    "FontSet",
    "document_language",
    "landscape_section",
    "new_official_document",
    "page_geometry",
    "portrait_section",
    "text_block_mm",
    "text_height",
    "text_width",
    "to_docx_bytes",
]
