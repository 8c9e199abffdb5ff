"""Numbering prefixes of plain paragraphs: 第一章, 一、, （一）, 1.1, （1）, ①, A. and their heading use."""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "〇零一二三四五六七八九十百两"
_CN = f"[{CN_DIGITS}]+"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"

# (scheme, pattern); a pattern's group "label" is the prefix, the rest of the line follows it.
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("chapter", re.compile(rf"^(?P<label>第{_CN}[章篇部分]+)\s*")),
    ("section", re.compile(rf"^(?P<label>第{_CN}节)\s*")),
    ("article", re.compile(rf"^(?P<label>第{_CN}条)\s*")),
    ("cn", re.compile(rf"^(?P<label>{_CN}[、．.])\s*")),
    ("cn_paren", re.compile(rf"^(?P<label>[（(]{_CN}[)）])\s*")),
    ("decimal", re.compile(r"^(?P<label>\d{1,2}(?:[.．]\d{1,2}){1,4})(?![\d.．])[.．、]?\s*")),
    ("num", re.compile(r"^(?P<label>\d{1,2}[.．、](?!\d))\s*")),
    ("num_paren", re.compile(r"^(?P<label>[（(]\d{1,2}[)）])\s*")),
    ("num_half", re.compile(r"^(?P<label>\d{1,2}[)）])\s*")),
    ("circled", re.compile(rf"^(?P<label>[{CIRCLED}])\s*")),
    ("roman", re.compile(rf"^(?P<label>[{ROMAN}][、.．]?)\s+")),
    ("letter", re.compile(r"^(?P<label>[A-Z][.．)、])\s+")),
    ("letter_paren", re.compile(r"^(?P<label>[（(][a-zA-Z][)）])\s*")),
    ("bare_num", re.compile(r"^(?P<label>\d{1,2})(?=\s+\S)\s+")),
    # "Step 1: …", "步骤1：…": the steps of a procedure written as paragraphs
    ("step", re.compile(r"^(?P<label>(?:[Ss]tep|STEP|步骤)\s*\d{1,2}\s*[:：.．、)-])\s*")),
)

SENTENCE_END = re.compile(r"[。；;：:！？!?，,]|\.\s|\.$")


@dataclass(frozen=True)
class Numbered:
    """A numbering prefix found at the start of a line."""

    scheme: str  # chapter, section, cn, cn_paren, decimal2.., num, num_paren, circled, letter, …
    label: str
    body: str


def split_label(text: str) -> Numbered | None:
    """The numbering prefix of `text` and the text after it, or None when it has none."""
    for scheme, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m or m.end() >= len(text):
            continue
        label = m.group("label")
        if scheme == "decimal":
            scheme = f"decimal{label.count('.') + label.count('．') + 1}"
        return Numbered(scheme, label.rstrip(), text[m.end() :].strip())
    return None


# Schemes that, followed by a short title, make a heading; the others make list items.
HEADING_SCHEMES = {"chapter", "section", "cn", "cn_paren", "num", "bare_num", "roman", "letter"}


def looks_like_title(body: str, *, limit: int = 30) -> bool:
    """A short line without sentence punctuation: a heading title rather than a sentence."""
    body = body.strip()
    if not body or len(body) > limit:
        return False
    return not SENTENCE_END.search(body)


def heading_scheme(numbered: Numbered) -> bool:
    """Whether this numbering may open a heading (decimal 1.1 always may, （1） and ① never)."""
    return numbered.scheme in HEADING_SCHEMES or numbered.scheme.startswith("decimal")


def is_caps_heading(text: str) -> bool:
    """An English ALL-CAPS short line (e.g. "CONCEPT OF OPERATIONS")."""
    letters = [c for c in text if c.isalpha()]
    return (
        3 <= len(letters)
        and len(text) <= 60
        and all(c.isupper() for c in letters)
        and all(ord(c) < 128 for c in letters)
        and not text.rstrip().endswith((".", ";", ","))
    )
