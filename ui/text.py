"""Showing user and document text safely inside markdown."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^])")


def md(text: object) -> str:
    """User or document text made safe to put into markdown (titles, captions, messages):
    every markdown and directive character is escaped, so it shows exactly as written."""
    return _MARKDOWN.sub(r"\\\1", str(text)).replace("\n", " ")
