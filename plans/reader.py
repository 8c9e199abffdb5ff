"""Read a plan document (.docx, text PDF, .txt, .md) into Blocks in reading order."""

from __future__ import annotations

import re
from pathlib import PurePath

from plans.errors import PlanReadError
from plans.model import Block
from plans.reader_docx import read_docx
from plans.reader_pdf import read_pdf
from plans.reader_text import read_text

__all__ = ["decode_text", "detect_language", "read_document", "read_docx", "read_pdf", "read_text"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]+")
_SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".md": "md", ".markdown": "md"}


def _document_type(data: bytes, filename: str, max_bytes: int | None) -> str:
    try:
        from plans import guard
    except ImportError:
        guard = None
    if guard is not None:
        return guard.check_upload(data, filename, max_bytes)
    if max_bytes is not None and len(data) > max_bytes:
        raise PlanReadError("read.too_big", size=len(data), limit=max_bytes)
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if data[:5] == b"%PDF-":
        return "pdf"
    raise PlanReadError("read.unsupported", name=filename)


def decode_text(data: bytes) -> str:
    """Text of a .txt/.md file: UTF-8 (with or without BOM), else GB18030 (plans.guard decides when present).

    Raises:
        PlanReadError: "read.encoding" when neither decodes.
    """
    try:
        from plans.guard import decode_text as guarded
    except ImportError:
        guarded = None
    if guarded is not None:
        return guarded(data)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanReadError("read.encoding")


def read_document(data: bytes, filename: str, *, max_bytes: int | None = None) -> list[Block]:
    """Blocks of an uploaded plan document, after the upload checks of plans.guard.

    Raises:
        PlanReadError: wrong type, damaged, encrypted, too big ("read.*" keys of plans.guard),
            "read.scanned" for a PDF without text, "read.no_text" for a document without text,
            "read.encoding" for a text file in an unknown encoding.
    """
    kind = _document_type(data, filename, max_bytes)
    try:
        if kind == "docx":
            blocks = read_docx(data)
        elif kind == "pdf":
            blocks = read_pdf(data)
        elif kind in ("txt", "md"):
            text = decode_text(data)
            blocks = read_text(text, markdown=kind == "md" or looks_like_markdown(text))
        else:
            raise PlanReadError("read.unsupported", name=filename)
    except PlanReadError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise PlanReadError("read.damaged") from exc
    except Exception as exc:
        raise PlanReadError("read.damaged") from exc
    if not any(b.text.strip() for b in blocks):
        raise PlanReadError("read.no_text")
    return blocks


_MD_HEADING_LINE = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)


def looks_like_markdown(text: str) -> bool:
    """A .txt file written in Markdown (headings "# …", "## …" on lines of their own), as notes
    and exported wikis often are: read as Markdown, or its outline is lost."""
    return len(_MD_HEADING_LINE.findall(text[:200_000])) >= 2


def detect_language(blocks: list[Block]) -> str:
    """ "zh" when Chinese characters make up a fair share of the text, else "en"."""
    cjk = latin = 0
    for b in blocks[:400]:
        cjk += len(_CJK.findall(b.text))
        latin += len(_LATIN.findall(b.text))
    return "zh" if cjk and cjk >= latin * 0.5 else "en"
