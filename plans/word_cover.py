"""The cover date of the plan's own document set to the approval date, written the way the
cover writes dates (二〇二三年五月, 2023年5月10日, May 2023, 2023-05-10)."""

from __future__ import annotations

import re
from datetime import date

from plans.word_original import OriginalDocx

_ZH_DIGITS = "〇一二三四五六七八九"
_ZH_DATE = re.compile(
    r"^(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?$"
)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_EN_DATE = re.compile(
    r"^(?:(?:\d{1,2}\s+)?(?:" + "|".join(_MONTHS) + r")\s+(?:\d{1,2},\s*)?\d{4}"
    r"|\d{4}-\d{2}(?:-\d{2})?)$",
    re.IGNORECASE,
)
_COVER_BLOCKS = 30  # how far into the document a cover date is looked for


def cover_date(doc: OriginalDocx, when: date, mark) -> tuple[str, str] | None:
    """The cover's date (a paragraph that is only a date, before the body starts) set to `when`
    in the cover's own style of writing dates."""
    for p in doc.leading_paragraphs(_COVER_BLOCKS):
        text = doc.text_of(p)
        m = _ZH_DATE.match(text)
        if m:
            new = _zh_date(when, text, day=m.group("d") is not None)
        elif _EN_DATE.match(text):
            new = _en_date(when, text)
        else:
            continue
        if new != text:
            doc.set_paragraph_text(p, new, mark)
            return text, new
        return None
    return None


def _zh_date(when: date, like: str, *, day: bool) -> str:
    if like[:1].isdigit():
        text = f"{when.year}年{when.month}月"
        return text + (f"{when.day}日" if day else "")
    year = "".join(_ZH_DIGITS[int(c)] for c in str(when.year))
    text = f"{year}年{_zh_small(when.month)}月"
    return text + (f"{_zh_small(when.day)}日" if day else "")


def _zh_small(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    return ("" if n < 20 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else "")


def _en_date(when: date, like: str) -> str:
    if re.match(r"^\d{4}-", like):
        return when.isoformat() if len(like) > 7 else when.strftime("%Y-%m")
    month = _MONTHS[when.month - 1]
    if re.match(r"^\d", like):
        return f"{when.day} {month} {when.year}"
    if "," in like:
        return f"{month} {when.day}, {when.year}"
    return f"{month} {when.year}"


__all__ = ["cover_date"]
