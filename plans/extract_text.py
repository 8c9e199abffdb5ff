"""Sentence and clause splitting of plan text, keeping every piece a verbatim quotation."""

from __future__ import annotations

import re

_OPEN = "（(“‘《[【"
_CLOSE = "）)”’》]】"


def _split(text: str, stops: str) -> list[str]:
    """Pieces of `text` ending at a stop character outside brackets and quotes (kept on the piece)."""
    out: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in stops and depth == 0:
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
    if re.search(r"[\u4e00-\u9fff]", text):
        return [s for s in (p.strip() for p in _split(text, "。；;！？!?")) if s]
    parts = re.split(r"(?<=[.;!?])\s+(?=[A-Z(\"'])", text)
    return [p.strip() for p in parts if p.strip()]


def clauses(sentence: str) -> list[str]:
    """Comma clauses of a Chinese sentence, verbatim (the comma stays on the left clause)."""
    return _split(sentence, "，,")


def strip_end(text: str) -> str:
    return text.strip().rstrip("，,；;、")
