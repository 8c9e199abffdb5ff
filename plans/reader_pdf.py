"""Read text PDFs with pypdf: lines become blocks, wrapped lines are joined into paragraphs."""

from __future__ import annotations

import io
import re

from plans.errors import PlanReadError
from plans.model import Block
from plans.numbering import split_label
from plans.reader_blocks import RawLine, build_blocks

_CJK = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
_CJK_SPACE = re.compile(rf"(?<={_CJK})[ \t]+(?={_CJK})")
_CJK_LATIN = re.compile(rf"(?<={_CJK})[ \t]+(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])[ \t]+(?={_CJK})")
_PAGE_NO = re.compile(
    r"^[-—–\s]*(?:第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4}|page \d+(?: of \d+)?)[-—–\s]*$",
    re.IGNORECASE,
)
_ENDS_SENTENCE = re.compile(r"[。！？；：:.!?;）)”]$")


def normalise_spaces(line: str) -> str:
    """Drop spaces between Chinese characters and at Chinese/Latin boundaries."""
    line = _CJK_SPACE.sub("", line)
    return _CJK_LATIN.sub("", line).strip()


def read_pdf(data: bytes) -> list[Block]:
    """Blocks of a text PDF.

    Raises:
        PlanReadError: "read.scanned" when no page has a text layer, "read.damaged" when pypdf
            cannot parse the file.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise PlanReadError("read.damaged") from exc
    if not any(p.strip() for p in pages):
        raise PlanReadError("read.scanned")
    return build_blocks(join_lines(pages))


def join_lines(pages: list[str]) -> list[RawLine]:
    """Lines of the pages with page numbers dropped and wrapped lines joined into paragraphs."""
    out: list[RawLine] = []
    current = ""
    for page in pages:
        for raw in page.splitlines():
            line = normalise_spaces(raw)
            if not line or _PAGE_NO.match(line):
                continue
            starts_item = split_label(line) is not None or line.startswith(("•", "-", "*", "——"))
            if (
                current
                and not starts_item
                and not _ENDS_SENTENCE.search(current)
                and len(current) > 20
            ):
                sep = (
                    " "
                    if re.search(r"[A-Za-z0-9,]$", current) and re.match(r"[A-Za-z0-9]", line)
                    else ""
                )
                current += sep + line
                continue
            if current:
                out.append(RawLine(current))
            current = line
    if current:
        out.append(RawLine(current))
    return out
