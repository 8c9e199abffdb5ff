"""Numbers written out in the Word documents: heading numbers in document order (一、 （一）
1. （1） in Chinese, 1 / 1.1 / 1.1.1 in English), Chinese numerals and time limits in words."""

from __future__ import annotations

import math
from collections.abc import Sequence

from docx.text.paragraph import Paragraph

from i18n import t
from plans.docx_text import clean, heading, paragraph

_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (Arabic beyond 99)."""
    if n <= 0 or n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return f"{head}十{_CN_DIGITS[ones] if ones else ''}"


def number_label(level: int, n: int, lang: str, parents: Sequence[int] = ()) -> str:
    """The written number of a heading: 一、 （一） 1. （1） in Chinese; 1 / 1.1 / 1.1.1 in English."""
    if lang == "zh":
        if level == 1:
            return f"{chinese_number(n)}、"
        if level == 2:
            return f"（{chinese_number(n)}）"
        if level == 3:
            return f"{n}."
        return f"（{n}）"
    return ".".join(str(x) for x in (*parents, n)) + " "


class Outline:
    """Numbered headings in document order: `outline.heading("总则", 1)` -> "一、总则"."""

    def __init__(self, document, lang: str, *, numbered: bool = True) -> None:
        self.document = document
        self.lang = lang
        self.numbered = numbered
        self.counters = [0, 0, 0, 0]

    def heading(self, text: str, level: int = 1) -> Paragraph:
        level = min(max(level, 1), 4)
        self.counters[level - 1] += 1
        for deeper in range(level, 4):
            self.counters[deeper] = 0
        if not self.numbered:
            return heading(self.document, text, level)
        label = number_label(level, self.counters[level - 1], self.lang, self.counters[: level - 1])
        if level == 4 and self.lang == "zh":  # （1） is body text in 仿宋, not a heading style
            item = paragraph(self.document, f"{label}{clean(text)}")
            item.paragraph_format.keep_with_next = True
            return item
        return heading(self.document, f"{label}{text}", level)

    def reset(self) -> None:
        self.counters = [0, 0, 0, 0]


def minutes_text(minutes: float | None, lang: str) -> str:
    """10 -> "10分钟内" / "within 10 min"; 0 -> "立即" / "immediately"; None -> ""."""
    if minutes is None:
        return ""
    try:
        value = float(minutes)
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(value) or value < 0:
        return ""
    if value == 0:
        return t("common.immediately", lang=lang)
    shown = str(int(value)) if value.is_integer() else f"{value:g}"
    return t("doc.within_minutes", lang=lang, minutes=shown)


__all__ = ["Outline", "chinese_number", "minutes_text", "number_label"]
