"""Paragraphs of the Word documents: text XML can hold, runs with East Asian fonts, styles
assigned by id, body paragraphs, labelled paragraphs, headings, titles and page breaks. Word has
no rendered numbers: headings carry their numbers as text (plans.docx_outline)."""

from __future__ import annotations

import re

from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from plans.docx_layout import TABLE_STYLE

# Characters XML 1.0 cannot hold (lxml refuses them): vertical tab and form feed become line
# breaks (Word writes them for manual breaks), the rest go.
_BREAKS = re.compile(r"[\x0b\x0c]")
_NOT_XML = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: object) -> str:
    """Any value as text that XML (and so Word) can hold."""
    if text is None:
        return ""
    return _NOT_XML.sub("", _BREAKS.sub("\n", str(text)))


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


__all__ = [
    "add_paragraph",
    "clean",
    "heading",
    "labelled",
    "page_break",
    "paragraph",
    "run_fonts",
    "style_id",
    "styled",
    "title",
]
