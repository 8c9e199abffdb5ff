"""What Streamlit's markdown would link: the two autolink patterns of its GFM plugin and the text
node a renderer builds from escaped markdown."""

from __future__ import annotations

import re

# The two patterns Streamlit's markdown (mdast-util-gfm-autolink-literal, in its bundle) links in
# the text left after markdown escapes are resolved.
GFM_URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE)
GFM_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def rendered_text(markdown: str) -> str:
    """The text node a markdown renderer builds from escaped text."""
    return ESCAPE.sub(r"\1", markdown)
