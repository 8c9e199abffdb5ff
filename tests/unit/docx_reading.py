"""Reading a Word document back as a user's Word would get it (saved, opened again from its bytes
with python-docx) and checking it: headings, styled paragraphs, text, tables, page set-up in
millimetres, fonts, page numbers, black text; and a tiny PNG to put in one."""

from __future__ import annotations

import io
import struct
import zlib

import docx
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from plans.export_docx import to_docx_bytes


def reopen(document) -> docx.document.Document:
    """Save to bytes and open again: what a user's Word would get."""
    return docx.Document(io.BytesIO(to_docx_bytes(document)))


def style_ids(doc) -> dict[str, str]:
    return {s.style_id: s.name for s in doc.styles}


def headings(doc) -> list[tuple[int, str]]:
    """(level, text) of every Heading-styled paragraph, in order (styles looked up by id once)."""
    names = style_ids(doc)
    out = []
    for p in doc.paragraphs:
        ppr = p._p.pPr
        name = names.get(ppr.style, "") if ppr is not None and ppr.style else ""
        if name.startswith("Heading "):
            out.append((int(name.split()[1]), p.text))
    return out


def styled(doc, style_name: str) -> list[str]:
    names = style_ids(doc)
    return [
        p.text
        for p in doc.paragraphs
        if p._p.pPr is not None and names.get(p._p.pPr.style) == style_name
    ]


def all_text(doc) -> str:
    return "".join(node.text or "" for node in doc.element.body.iter(qn("w:t")))


def table_with_header(doc, first_cells: list[str]):
    for table in doc.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[: len(first_cells)] == first_cells:
            return table
    raise AssertionError(
        f"no table starts with {first_cells}: "
        f"{[[c.text for c in t.rows[0].cells] for t in doc.tables]}"
    )


def repeats_header(table) -> bool:
    trpr = table.rows[0]._tr.trPr
    return trpr is not None and trpr.find(qn("w:tblHeader")) is not None


def style_fonts(doc, name: str) -> dict[str, str]:
    fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in fonts.attrib.items()}


def mm(emu: int) -> float:
    """EMU in millimetres, to 0.1 mm (Word stores twentieths of a point)."""
    return round(emu / Mm(1), 1)


def assert_a4(doc, margins: tuple[float, float, float, float]) -> None:
    """Every section A4 (portrait or landscape) or A3 landscape (a chart too big for A4);
    portrait ones with (top, bottom, left, right)."""
    for section in doc.sections:
        size = (mm(section.page_width), mm(section.page_height))
        assert size in ((210.0, 297.0), (297.0, 210.0), (420.0, 297.0)), size
        if size == (210.0, 297.0):
            got = tuple(
                mm(m)
                for m in (
                    section.top_margin,
                    section.bottom_margin,
                    section.left_margin,
                    section.right_margin,
                )
            )
            assert got == margins, got


def assert_official_zh(doc) -> None:
    """GB/T 9704: A4, margins, fonts with w:eastAsia, sizes, page numbers, black."""
    assert_a4(doc, (37.0, 35.0, 28.0, 26.0))  # text block 156 x 225 mm
    expected = {
        "Normal": ("仿宋", 16, None),
        "Heading 1": ("黑体", 16, False),
        "Heading 2": ("楷体", 16, False),
        "Heading 3": ("仿宋", 16, True),
        "Title": ("宋体", 22, True),
    }
    for name, (face, size, bold) in expected.items():
        fonts = style_fonts(doc, name)
        assert fonts["eastAsia"] == face, (name, fonts)
        assert not any(k.endswith("Theme") or k == "cstheme" for k in fonts), (name, fonts)
        assert doc.styles[name].font.size == Pt(size), name
        if bold is not None:
            assert bool(doc.styles[name].font.bold) == bold, name
    # 22 lines: exact line spacing of 225 mm / 22
    assert abs(doc.styles["Normal"].paragraph_format.line_spacing.pt - 28.95) < 0.01
    assert_page_number(doc, dashes=True)
    assert_black(doc)


def assert_page_number(doc, *, dashes: bool) -> None:
    footer = doc.sections[0].footer
    xml = footer._element.xml
    assert "PAGE" in "".join(footer._element.itertext())
    assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    text = footer.paragraphs[0].text
    assert (text.startswith("— ") and text.endswith(" —")) == dashes, text
    assert footer.paragraphs[0].style.font.size == (Pt(14) if dashes else Pt(10))
    for section in doc.sections[1:]:  # later sections show the same footer
        assert section.footer.is_linked_to_previous


def assert_black(doc) -> None:
    """Every colour in styles, body and footer is black (or automatic); no theme colours."""
    parts = [doc.styles.element, doc.element, doc.sections[0].footer._element]
    for part in parts:
        for colour in part.iter(qn("w:color")):
            assert colour.get(qn("w:val")) in ("000000", "auto"), colour.attrib
            assert colour.get(qn("w:themeColor")) is None


def picture_count(doc) -> int:
    return len(doc.inline_shapes)


def png(width: int, height: int) -> bytes:
    """A tiny valid PNG of the given pixel size (white)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff" * (width * 3) for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
