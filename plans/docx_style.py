"""Word documents in the layout of a Chinese official document (GB/T 9704-2012) or, in English,
the plain layout of the HSEEP templates: the helpers the plan export and the drill reports share,
in one place to import them from. They live in

- plans.docx_layout   the empty document: page set-up, fonts, styles, page numbers, the only I/O;
- plans.docx_text     paragraphs: clean text, headings, titles, labelled lines, page breaks;
- plans.docx_tables   bordered tables whose header row repeats on every page;
- plans.docx_figures  pictures and captioned charts (tiled when large, landscape when wide);
- plans.docx_outline  numbered headings (一、 （一） 1. （1）), Chinese numerals, time limits.
"""

from __future__ import annotations

from plans.docx_figures import figure, is_wide, picture
from plans.docx_layout import (
    EN_MARGINS,
    GB2312_FONTS,
    ZH_FONTS,
    ZH_MARGINS,
    FontSet,
    landscape_section,
    new_official_document,
    portrait_section,
    text_height,
    text_width,
    to_docx_bytes,
)
from plans.docx_outline import Outline, chinese_number, minutes_text, number_label
from plans.docx_tables import table
from plans.docx_text import (
    add_paragraph,
    clean,
    heading,
    labelled,
    page_break,
    paragraph,
    run_fonts,
    style_id,
    styled,
    title,
)

__all__ = [
    "EN_MARGINS",
    "GB2312_FONTS",
    "ZH_FONTS",
    "ZH_MARGINS",
    "FontSet",
    "Outline",
    "add_paragraph",
    "chinese_number",
    "clean",
    "figure",
    "heading",
    "is_wide",
    "labelled",
    "landscape_section",
    "minutes_text",
    "new_official_document",
    "number_label",
    "page_break",
    "paragraph",
    "picture",
    "portrait_section",
    "run_fonts",
    "style_id",
    "styled",
    "table",
    "text_height",
    "text_width",
    "title",
    "to_docx_bytes",
]
