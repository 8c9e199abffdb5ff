"""Demo plans: a fictitious chemical-park release plan in Chinese and English, built as .docx.

The text lives in plans/demo_content/*.txt in a tiny line format: `TITLE:`, `NOTE:`, `# ` and
`## ` headings, `| a | b |` table rows (the first row of a run is the header), anything else is a
paragraph.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

CONTENT = Path(__file__).resolve().parent / "demo_content"

DEMOS = (
    ("riverside_zh.txt", "滨江化工园区危险化学品泄漏事故应急预案（演示）.docx", "zh"),
    (
        "riverside_en.txt",
        "Riverside Chemical Park Hazardous Chemical Release Plan (demo).docx",
        "en",
    ),
)

FIXED_TIME = datetime(2026, 1, 1, 0, 0, 0)

_FONTS = {  # language: (body Latin, body East Asian, heading East Asian)
    "zh": ("Times New Roman", "宋体", "黑体"),
    "en": ("Calibri", "宋体", "黑体"),
}


def demo_documents() -> list[tuple[str, bytes]]:
    """The demo plans as (file name, .docx bytes): the Chinese plan first, then its English twin."""
    return [(name, demo_docx(source, lang)) for source, name, lang in DEMOS]


def demo_docx(source: str, lang: str) -> bytes:
    """One demo plan built from its text file in plans/demo_content."""
    lines = (CONTENT / source).read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    _set_fonts(document, *_FONTS[lang])
    rows: list[list[str]] = []
    for line in (raw.strip() for raw in lines):
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
            continue
        if rows:
            _add_table(document, rows)
            rows = []
        _add_line(document, line)
    if rows:
        _add_table(document, rows)
    _set_properties(document, lines[0].removeprefix("TITLE:").strip(), lang)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def _set_properties(document, title: str, lang: str) -> None:
    properties = document.core_properties
    properties.title = title
    properties.author = "PlanDrill"
    properties.language = "zh-CN" if lang == "zh" else "en-GB"
    properties.created = properties.modified = FIXED_TIME
    properties.last_modified_by = "PlanDrill"
    properties.revision = 1


def _stable_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times, so each build has the same bytes (and hash):
    the demo seeding recognises a demo document already imported by its hash."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            stable = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            stable.compress_type = zipfile.ZIP_DEFLATED
            stable.external_attr = info.external_attr
            target.writestr(stable, source.read(info.filename))
    return out.getvalue()


def _add_line(document, line: str) -> None:
    if not line:
        return
    if line.startswith("TITLE:"):
        title = document.add_heading(line[6:].strip(), level=0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif line.startswith("NOTE:"):
        note = document.add_paragraph(line[5:].strip())
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif line.startswith("## "):
        document.add_heading(line[3:], level=2)
    elif line.startswith("# "):
        document.add_heading(line[2:], level=1)
    else:
        document.add_paragraph(line)


def _add_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _set_fonts(document, latin: str, east_asian: str, heading_east_asian: str) -> None:
    """Body and heading fonts for Latin and CJK text; headings black, as plans are printed."""
    normal = document.styles["Normal"]
    normal.font.name = latin
    normal.font.size = Pt(11)
    _east_asian(normal, east_asian)
    for name in ("Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.color.rgb = RGBColor(0, 0, 0)
        _east_asian(style, heading_east_asian)


def _east_asian(style, font: str) -> None:
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), font)
