"""Deadlines in plan text: "立即" = 0, "30分钟内" = 30, "within 2 hours" = 120; not frequencies."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from plans.extract_text import per_document

_CN_NUMS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "半": 0.5,
}
_EN_NUMS = {
    "one": 1,
    "a": 1,
    "an": 1,
    "first": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "eight": 8,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-five": 45,
    "half an": 0.5,
    "half": 0.5,
    "24": 24,
}
_UNITS = {
    "分钟": 1,
    "分": 1,
    "小时": 60,
    "个小时": 60,
    "时": 60,
    "天": 1440,
    "日": 1440,
    "个工作日": 1440,
    "工作日": 1440,
    "min": 1,
    "mins": 1,
    "minute": 1,
    "minutes": 1,
    "hour": 60,
    "hours": 60,
    "hr": 60,
    "hrs": 60,
    "h": 60,
    "day": 1440,
    "days": 1440,
}

_CN_NUM = r"(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十半]+)"
_CN_UNIT = r"(?:分钟|个小时|小时|个工作日|工作日|天|日)"
_CN_DEADLINE = re.compile(rf"(?P<num>{_CN_NUM})\s*(?P<unit>{_CN_UNIT})\s*(?:内|以内|之内)")
_CN_NOT_OVER = re.compile(
    rf"(?:不超过|不得超过|不迟于|最迟)\s*(?P<num>{_CN_NUM})\s*(?P<unit>{_CN_UNIT})"
)
_CN_IMMEDIATE = re.compile(r"立即|立刻|马上|即刻|第一时间")
_CN_NOT_DEADLINE = re.compile(r"每|至少|不少于|不低于|连续|持续")

_EN_NUM = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|eight|ten|twelve|fifteen|twenty|thirty|forty-five|half an|an|a|first)"
_EN_UNIT = r"(?:minutes?|mins?|hours?|hrs?|h|days?)"
_EN_DEADLINE = re.compile(
    rf"\b(?:within|in\s+the|in|no\s+later\s+than|not\s+later\s+than|by)\s+(?:the\s+)?"
    rf"(?P<num>{_EN_NUM})\s*(?P<unit>{_EN_UNIT})\b",
    re.IGNORECASE,
)
_EN_IMMEDIATE = re.compile(
    r"\b(?:immediately|at once|without delay|as soon as possible|asap)\b|^as soon as\b",
    re.IGNORECASE,
)
_EN_NOT_DEADLINE = re.compile(r"\b(?:every|each|at least|per)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TimeLimit:
    minutes: float
    text: str


def _number(raw: str) -> float | None:
    raw = raw.strip().lower()
    try:
        return float(raw)
    except ValueError:
        pass
    if raw in _EN_NUMS:
        return float(_EN_NUMS[raw])
    if all(ch in _CN_NUMS for ch in raw):
        if raw == "半":
            return 0.5
        if "十" in raw:
            head, _, tail = raw.partition("十")
            tens = _CN_NUMS.get(head, 1) if head else 1
            return float(tens * 10 + (_CN_NUMS.get(tail, 0) if tail else 0))
        if len(raw) == 1:
            return float(_CN_NUMS[raw])
    return None


def _minutes(num: str, unit: str) -> float | None:
    n = _number(num)
    factor = _UNITS.get(unit.lower())
    if n is None or factor is None:
        return None
    return n * factor


# Fullwidth ASCII forms and the ideographic space, mapped to their compatibility decomposition:
# the NFKC form of a text does not change by this, and most Chinese text is NFKC-normal after it.
_FULLWIDTH = re.compile("[\u3000\uff01-\uff5e]")
_FULLWIDTH_TO = {
    chr(c): unicodedata.normalize("NFKD", chr(c)) for c in (0x3000, *range(0xFF01, 0xFF5F))
}
_LATIN_LETTER = re.compile(r"[a-z]", re.IGNORECASE)  # what each English pattern needs somewhere


def _nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), without the slow full pass for typical Chinese text."""
    text = _FULLWIDTH.sub(lambda m: _FULLWIDTH_TO[m.group()], text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@per_document
def find_time_limit(text: str) -> TimeLimit | None:
    """The first deadline stated in `text`, or None; frequencies and durations are not deadlines.

    Memoised: extraction asks about each clause several times (extract_plan clears the cache)."""
    text = _nfkc(text or "")
    # only the patterns whose own words are in the text can match: 内 (以内, 之内), 超过 or 迟
    # (不迟于, 最迟), a Latin letter for the English ones
    latin = _LATIN_LETTER.search(text) is not None
    deadlines = [_CN_DEADLINE] if "内" in text else []
    deadlines += [_CN_NOT_OVER] if "超过" in text or "迟" in text else []
    deadlines += [_EN_DEADLINE] if latin else []
    best: tuple[int, TimeLimit] | None = None
    for pattern in deadlines:
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 4) : m.start()]
            if _CN_NOT_DEADLINE.search(before) or _EN_NOT_DEADLINE.search(before + " "):
                continue
            minutes = _minutes(m.group("num"), m.group("unit"))
            if minutes is None:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), TimeLimit(minutes, m.group(0).strip()))
            break
    for pattern in (_CN_IMMEDIATE, _EN_IMMEDIATE) if latin else (_CN_IMMEDIATE,):
        m = pattern.search(text)
        if m and (best is None or m.start() < best[0]):
            before = text[max(0, m.start() - 3) : m.start()]
            if "不" in before:
                continue
            best = (m.start(), TimeLimit(0.0, m.group(0)))
    return best[1] if best else None
