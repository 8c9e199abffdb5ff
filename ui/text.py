"""Showing user and document text safely inside markdown."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^])")
# Streamlit's markdown turns bare URLs (http://, https://, www.) and e-mail addresses into links,
# even when their characters are backslash-escaped: it finds them in the text after escapes are
# resolved. An invisible word joiner (U+2060) inside each pattern keeps them plain text.
WORD_JOINER = "\u2060"
_AUTOLINKS = re.compile(r"(?i)(https?:)(?=//)|(www)(?=\.)|(@)")


def md(text: object) -> str:
    """User or document text made safe to put into markdown (titles, captions, messages):
    every markdown and directive character is escaped and no URL or e-mail address becomes a
    link, so it shows exactly as written."""
    text = _AUTOLINKS.sub(lambda m: m.group(0) + WORD_JOINER, str(text))
    return _MARKDOWN.sub(r"\\\1", text).replace("\n", " ")
