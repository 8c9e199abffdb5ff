"""Sentence and clause splitting of plan text, keeping every piece a verbatim quotation.

Also the per-document memo of the pure text helpers (see `per_document`).
"""

from __future__ import annotations

import re
from functools import lru_cache

_OPEN = "（(“‘《[【"
_CLOSE = "）)”’》]】"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_EN_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\"'])")
# the characters _split looks at: brackets, quotes and the stops of sentences and clauses
_MARKS = {
    stops: re.compile("[" + re.escape(_OPEN + _CLOSE + stops) + "]")
    for stops in ("。；;！？!?", "，,")
}

_MEMOS: list = []


def per_document(fn):
    """Memoise a pure text helper while one document is extracted: extract_plan clears every
    such memo first (clear_memos), so nothing carries over from one document to the next.
    Only for helpers returning immutable values (str, bool, tuple). Unbounded (a plain dict,
    cheaper than a bounded lru_cache): its size is that of the document."""
    cached = lru_cache(maxsize=None)(fn)
    _MEMOS.append(cached)
    return cached


def clear_memos() -> None:
    for cached in _MEMOS:
        cached.cache_clear()


def _split(text: str, stops: str) -> list[str]:
    """Pieces of `text` ending at a stop character outside brackets and quotes (kept on the piece)."""
    out: list[str] = []
    depth = 0
    start = 0
    for m in _MARKS[stops].finditer(text):  # only brackets, quotes and stops matter
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            i = m.start()
            piece = text[start : i + 1]
            if piece.strip():
                out.append(piece)
            start = i + 1
    tail = text[start:]
    if tail.strip():
        out.append(tail)
    return out


def sentences(text: str) -> list[str]:
    """Sentences ending in 。；;！？ (Chinese) or ". " (English), verbatim."""
    if _CJK.search(text):
        return [s for s in (p.strip() for p in _split(text, "。；;！？!?")) if s]
    parts = _EN_SENTENCE_END.split(text)
    return [p.strip() for p in parts if p.strip()]


def clauses(sentence: str) -> list[str]:
    """Comma clauses of a Chinese sentence, verbatim (the comma stays on the left clause)."""
    return _split(sentence, "，,")


def strip_end(text: str) -> str:
    return text.strip().rstrip("，,；;、")
