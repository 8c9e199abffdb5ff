"""Numbers as plan text writes them: Arabic digits (full-width too), Chinese numerals, English words.

`parse_number` reads one number written out whole; `ZH_NUMBER` and `EN_NUMBER` are the regular
expressions (without groups) that find such numbers inside a sentence, for callers that build
larger patterns (plans.timelimits).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
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
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_MYRIAD = 10_000  # 万

_EN_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_WORDS = {word: n for n, word in enumerate(_EN_ONES)}
_EN_WORDS.update({word: 20 + 10 * n for n, word in enumerate(_EN_TENS)})
_EN_WORDS.update({"a": 1, "an": 1, "dozen": 12, "a dozen": 12})

# longest first, so that "seventeen" is not read as "seven"
_EN_BASIC = "|".join(sorted(_EN_ONES, key=len, reverse=True))
_EN_TWO_DIGIT = rf"(?:(?:{'|'.join(_EN_TENS)})(?:[-\s](?:{_EN_BASIC}))?|{_EN_BASIC})"
_EN_WHOLE = (
    rf"(?:(?:an?|{_EN_TWO_DIGIT})\s+hundred(?:\s+(?:and\s+)?{_EN_TWO_DIGIT})?"
    rf"|(?:an?\s+)?dozen|{_EN_TWO_DIGIT}|an?)"
)

ARABIC_NUMBER = r"\d+(?:\.\d+)?"
ZH_NUMBER = rf"(?:(?:{ARABIC_NUMBER}|[零〇一二两三四五六七八九十百千万]+)(?:个半)?|半)"
EN_NUMBER = rf"(?:{ARABIC_NUMBER}|\bhalf\s+an?\b|\bhalf\b|\b{_EN_WHOLE}(?:\s+and\s+a\s+half)?\b)"

_EN_HALF = re.compile(r"\s+and\s+a\s+half$")
_EN_HUNDRED = re.compile(
    rf"^(?P<head>an?|{_EN_TWO_DIGIT})\s+hundred(?:\s+(?:and\s+)?(?P<tail>.+))?$"
)
_SPACES = re.compile(r"[\s-]+")
_ZH_CHAR = re.compile("[零〇一二两三四五六七八九十百千万个半]")


@lru_cache(maxsize=4096)  # plans write the same few numbers over and over
def parse_number(text: str) -> float | None:
    """The number `text` writes out whole, or None: "一百二十" → 120, "一个半" → 1.5,
    "３０" → 30, "forty-five" → 45, "half an" → 0.5, "one and a half" → 1.5."""
    raw = unicodedata.normalize("NFKC", text or "").strip().lower()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        pass
    if _ZH_CHAR.search(raw):
        return _zh_number(raw)
    return _en_number(raw)


def _zh_number(raw: str) -> float | None:
    if raw == "半":
        return 0.5
    half = raw.endswith("个半")
    head = raw[:-2] if half else raw
    try:
        whole = float(head)
    except ValueError:
        whole = _zh_integer(head)
    if whole is None:
        return None
    return whole + 0.5 if half else float(whole)


def _zh_integer(raw: str) -> int | None:
    """一百二十 → 120, 三百六十五 → 365, 十五 → 15, 一百二 → 120 (the spoken short form),
    一百零五 → 105, 二〇二五 → 2025; None when malformed or approximate (三四, 一两)."""
    if not raw or any(ch not in _ZH_DIGITS and ch not in _ZH_UNITS and ch != "万" for ch in raw):
        return None
    if len(raw) > 1 and all(ch in _ZH_DIGITS for ch in raw):
        # digits read one by one only when a zero shows that they are (二〇二五); 三四 is "three
        # or four", not a number
        if "〇" in raw or "零" in raw:
            return int("".join(str(_ZH_DIGITS[ch]) for ch in raw))
        return None
    total = section = 0
    digit: int | None = None
    last_unit = _ZH_MYRIAD  # units inside a section must fall: 千 > 百 > 十
    after_unit = False  # the previous character was 十/百/千 (for 一百二 = 120)
    for ch in raw:
        if ch in _ZH_DIGITS:
            if digit is not None and digit != 0 and not after_unit:
                return None  # two digits in a row inside a written-out number
            digit, after_unit = _ZH_DIGITS[ch], False
        elif ch in _ZH_UNITS:
            unit = _ZH_UNITS[ch]
            if unit >= last_unit:
                return None
            section += (1 if digit is None else digit) * unit
            digit, last_unit, after_unit = None, unit, True
        else:  # 万
            if total or (section == 0 and digit is None):
                return None
            total = (section + (digit or 0)) * _ZH_MYRIAD
            section, digit, last_unit, after_unit = 0, None, _ZH_MYRIAD, True
    if digit is not None:
        prior = raw[-2] if len(raw) > 1 else ""
        if prior in _ZH_UNITS and _ZH_UNITS[prior] >= 100 or prior == "万":
            digit *= (_ZH_UNITS.get(prior) or _ZH_MYRIAD) // 10
        section += digit
    return total + section


def _en_number(raw: str) -> float | None:
    half = 0.0
    m = _EN_HALF.search(raw)
    if m:
        raw, half = raw[: m.start()], 0.5
    elif raw in ("half", "half a", "half an"):
        return 0.5
    if not half:
        try:
            return float(raw)
        except ValueError:
            pass
    whole = _en_whole(raw)
    return None if whole is None else whole + half


def _en_whole(raw: str) -> float | None:
    raw = _SPACES.sub(" ", raw.strip())
    try:
        return float(raw)
    except ValueError:
        pass
    m = _EN_HUNDRED.match(raw)
    if m:
        head = _EN_WORDS.get(m.group("head"))
        tail = _en_two_digit(m.group("tail")) if m.group("tail") else 0
        return None if head is None or tail is None else float(head * 100 + tail)
    n = _en_two_digit(raw)
    return None if n is None else float(n)


def _en_two_digit(raw: str) -> int | None:
    if raw in _EN_WORDS:
        return _EN_WORDS[raw]
    tens, _, ones = raw.partition(" ")
    if tens in _EN_TENS and ones in _EN_ONES[1:10]:
        return _EN_WORDS[tens] + _EN_WORDS[ones]
    return None


__all__ = ["ARABIC_NUMBER", "EN_NUMBER", "ZH_NUMBER", "parse_number"]
