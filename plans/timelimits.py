"""Time in plan text: deadlines ("30分钟内", "within 2 hours", "立即" = 0) with all their parts and
the point they count from, repeated duties ("每两小时", "hourly", "24小时零报告": a report every 24
hours even when nothing changed) and after-the-fact deadlines.

Durations ("至少24小时", "持续", "for 3 hours") are neither deadlines nor frequencies.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from plans.extract.text import per_document
from plans.model import TimePart
from plans.numerals import ARABIC_NUMBER, EN_NUMBER, ZH_NUMBER, parse_number

T0 = "T0"
TRIGGER = "trigger"
RESPONSE_END = "response_end"
LATE_FROM_MIN = 7 * 1440  # a deadline a week or more away is not on the response path

_DAY = 1440
_ZH_UNITS = {
    "分钟": 1,
    "小时": 60,
    "钟头": 60,
    "天": _DAY,
    "日": _DAY,
    "工作日": _DAY,
    "周": 7 * _DAY,
    "星期": 7 * _DAY,
    "月": 30 * _DAY,
    "季度": 90 * _DAY,
    "年": 365 * _DAY,
}
_EN_UNITS = {
    "min": 1,
    "minute": 1,
    "hr": 60,
    "h": 60,
    "hour": 60,
    "day": _DAY,
    "business day": _DAY,
    "working day": _DAY,
    "week": 7 * _DAY,
    "month": 30 * _DAY,
}
_EN_LY = {"half-hourly": 30, "halfhourly": 30, "hourly": 60, "daily": _DAY, "weekly": 7 * _DAY}

# a month is 个月 in a deadline (3月内 may be March); 每月 is plain
_ZH_UNIT = r"(?:分钟|个?小时|个?钟头|个?工作日|天|日|周|个?星期|个月)"
_ZH_EVERY_UNIT = r"(?:分钟|个?小时|个?钟头|个?工作日|天|日|周|个?星期|个?月|季度|年)"
_EN_UNIT = r"(?:minutes?|mins?|hours?|hrs?|h|(?:business\s+|working\s+)?days?|weeks?|months?)"
_RANGE = r"\s*(?:-|–|—|~|～|至|到|to)\s*"  # of a range the upper end is the limit
# (English ranges only between digits: "forty-five" is one number)

# "30分钟内" is read backwards from each 内: the unit, then the number written before it
# (a regular expression would try every position of the text; 内 is rare)
_ZH_WITHIN_UNITS = ("分钟", "小时", "钟头", "工作日", "个月", "星期", "天", "日", "周")
_ZH_NUMBER_BEFORE = re.compile(rf"(?:{ZH_NUMBER}{_RANGE})?(?P<num>{ZH_NUMBER})\s*$")
_NUMBER_CHARS = frozenset("0123456789. 零〇一二两三四五六七八九十百千万个半-–—~～至到")
_ZH_NOT_OVER = re.compile(
    rf"(?:不得超过|不超过|不迟于|不晚于|最迟)\s*(?P<num>{ZH_NUMBER})\s*(?P<unit>{_ZH_UNIT})"
)
_ZH_IMMEDIATE = re.compile(r"立即|立刻|马上|即刻|第一时间")
# every Chinese reading needs one of these (内 of a window, 超过/迟/晚于 of a latest time, 立即…,
# 每/一次/逐日/零报告 of a frequency): a text without any says nothing about time
_ZH_TIME_WORD = re.compile(r"内|超过|迟|晚于|立即|立刻|马上|即刻|第一时间|每|一报|一次|逐日|零报告")
_ZH_NOT_DEADLINE = re.compile(r"每|至少|不少于|不低于|连续|持续")
_ZH_EVERY = re.compile(
    rf"每(?:隔)?\s*(?:(?P<num>{ZH_NUMBER})\s*)?(?P<unit>{_ZH_EVERY_UNIT})"
    rf"(?:\s*(?:至少|不少于)?\s*(?P<times>{ZH_NUMBER})\s*次)?"
    rf"|(?P<num2>{ZH_NUMBER})\s*(?P<unit2>{_ZH_UNIT})\s*(?:一(?:报|次)|零报告)"
    r"|(?P<daily>逐日)"
)

_EN_DEADLINE = re.compile(
    r"\b(?:within|in\s+the|in|no\s+later\s+than|not\s+later\s+than|no\s+more\s+than|by)\s+"
    rf"(?:the\s+)?(?P<first>first\s+)?(?:{ARABIC_NUMBER}{_RANGE})?(?:(?P<num>{EN_NUMBER})\s*)?"
    rf"(?P<unit>{_EN_UNIT})(?P<half>\s+and\s+a\s+half)?\b",
    re.IGNORECASE,
)
_EN_IMMEDIATE = re.compile(
    r"\b(?:immediately|at\s+once|without\s+delay|forthwith|right\s+away|asap)\b"
    r"|\bas\s+soon\s+as\b",
    re.IGNORECASE,
)
_AS_SOON_AS = re.compile(r"as\s+soon\s+as\b", re.IGNORECASE)
_EN_NOT_DEADLINE = re.compile(r"(?:\bevery|\beach|\bat\s+least|\bper)\s*$", re.IGNORECASE)
_EN_NEGATED = re.compile(r"\bnot\s*$", re.IGNORECASE)
# what a thing can do at once, not a deadline ("…so the bag can immediately be used again")
_EN_CAPABLE = re.compile(r"\b(?:can|could|may|able\s+to)\s+$", re.IGNORECASE)
_EN_FREQUENCY_WORD = re.compile(r"every|each|hourly|daily|weekly|once|twice|times", re.IGNORECASE)
_EN_EVERY = re.compile(
    rf"\b(?:every|each)\s+(?P<other>other\s+)?(?:{ARABIC_NUMBER}{_RANGE})?"
    rf"(?:(?P<num>{EN_NUMBER})\s*)?(?P<unit>{_EN_UNIT})\b"
    rf"|\b(?P<times>once|twice|(?:{ARABIC_NUMBER}|{EN_NUMBER})\s+times)\s+"
    rf"(?:an?|per|every|each)\s+(?P<unit2>{_EN_UNIT})\b"
    r"|\b(?P<ly>half-?hourly|hourly|daily|weekly)\b",
    re.IGNORECASE,
)
_EN_MODE = r"(?:by\s+(?:tele)?phone|by\s+e-?mail|by\s+fax|by\s+radio|in\s+writing|verbally|orally)"
_EN_MODE_BEFORE = re.compile(rf"{_EN_MODE},?\s*$", re.IGNORECASE)
_EN_MODE_AFTER = re.compile(rf"^,?\s*{_EN_MODE}", re.IGNORECASE)

# What a deadline counts from, said before it (Chinese) or around it (English). The nearest wins.
_ZH_ANCHOR = re.compile(
    r"(?P<response_end>(?:响应|应急|处置|救援|抢险|事件|事故|险情|灾情)[^，。；,;]{0,8}?"
    r"(?:终止|结束|解除|完毕)(?:后|之后|以后|之日起))"
    r"|(?P<trigger>接报|接警|接到|收到|获悉|得知|接获)"
    r"|(?P<T0>(?:发生|事发)(?:后|之后|以后|之日起|时起))"
)
_EN_ANCHOR = re.compile(
    r"(?P<response_end>\b(?:after|following|of)\s+(?:the\s+)?(?:end\s+of\s+the\s+"
    r"(?:response|emergency|incident)|(?:response|emergency|incident|event|operations?)\s+"
    r"(?:has\s+|have\s+|is\s+|was\s+)?(?:ended|ends|over|closed|concluded|terminated|resolved)"
    r"|stand-?down|demobili[sz]ation|deactivation|close\s+of\s+the\s+(?:response|incident)"
    r"|(?:(?:incident|response)\s+)?closure))"
    r"|(?P<trigger>\b(?:upon|on|after|of|following)\s+(?:the\s+)?(?:receipt|receiving|being\s+"
    r"(?:notified|informed|alerted)|notification|activation|arrival)\b"
    r"|\b(?:once|when)\s+(?:notified|alerted|informed)\b)"
    r"|(?P<T0>\b(?:of|after|from)\s+(?:the\s+)?(?:incident|event|emergency|occurrence)\b)",
    re.IGNORECASE,
)
_ZH_LATE = re.compile(r"补报|事后|总结|复盘|调查报告")
_EN_LATE = re.compile(
    r"\b(?:after[-\s]action|lessons[-\s]learned|post-?incident|post-?mortem|retrospective|final\s+"
    r"report)\b",
    re.IGNORECASE,
)
_ZH_PART_END = re.compile(r"[、，,；;。]|向")
_CLAUSE_STOPS = "，,。；;.!?！？"
_CLAUSE_STOP = re.compile(f"[{_CLAUSE_STOPS}]")
_LATIN_LETTER = re.compile(r"[a-z]", re.IGNORECASE)  # what each English pattern needs somewhere


@dataclass(frozen=True)
class TimeLimit:
    """What a text says about time.

    `minutes`: the first part of the deadline (0 for 立即 / immediately), None when the text
    gives only a frequency. `text`: the phrase as written. `parts`: every part of the deadline
    in order ((30, "30分钟内电话"), (60, "1小时内书面报告")). `anchor`: what `minutes` counts
    from: "T0" (the incident), "trigger" (立即, 接报后…, upon receipt…) or "response_end"
    (响应终止后…). `frequency_min`: the period of a repeated duty (每两小时 → 120). `late`: the
    deadline falls after the response (补报, 总结报告, a week or more), so it is not on the
    response path.
    """

    minutes: float | None
    text: str
    parts: tuple[TimePart, ...] = ()
    anchor: str = T0
    frequency_min: float | None = None
    late: bool = False


class _Hit(NamedTuple):
    start: int
    end: int
    minutes: float
    immediate: bool = False


def _zh_minutes(num: str | None, unit: str) -> float | None:
    n = 1.0 if num is None else parse_number(num)
    factor = _ZH_UNITS.get(unit.lstrip("个"))
    return None if n is None or factor is None else n * factor


def _en_minutes(num: str | None, unit: str) -> float | None:
    n = 1.0 if num is None else parse_number(num)
    unit = re.sub(r"\s+", " ", unit.lower())
    factor = _EN_UNITS.get(unit) or _EN_UNITS.get(unit.removesuffix("s"))
    return None if n is None or factor is None else n * factor


def _zh_within(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, number, unit) of each "<number><unit>(以|之)内" in `text`."""
    found = []
    at = text.find("内")
    while at > 0:
        end = at - 1 if text[at - 1] in "以之" else at
        while end > 0 and text[end - 1] == " ":
            end -= 1
        unit = next(
            (u for u in _ZH_WITHIN_UNITS if end >= len(u) and text.startswith(u, end - len(u))),
            None,
        )
        if unit is not None:
            last = end - len(unit)
            if text[last - 1 : last] == "个":  # 一个小时: 个 is the measure word
                last -= 1
            start = last
            while start > 0 and text[start - 1] in _NUMBER_CHARS:
                start -= 1
            n = _ZH_NUMBER_BEFORE.search(text, start, last) if start < last else None
            if n is not None:
                found.append((n.start(), at + 1, n.group("num"), unit))
        at = text.find("内", at + 1)
    return found


def _zh_deadlines(text: str) -> list[_Hit]:
    """Chinese deadlines; only the patterns whose own words are in the text can match."""
    found = _zh_within(text)  # (start, end, number, unit)
    if "超过" in text or "迟" in text or "晚于" in text:
        for m in _ZH_NOT_OVER.finditer(text):
            found.append((m.start(), m.end(), m.group("num"), m.group("unit")))
    hits = []
    for start, end, num, unit in found:
        if _ZH_NOT_DEADLINE.search(text, max(0, start - 4), start):
            continue
        minutes = _zh_minutes(num, unit)
        if minutes is not None:
            hits.append(_Hit(start, end, minutes))
    return hits


def _en_deadlines(text: str) -> list[_Hit]:
    hits = []
    for m in _EN_DEADLINE.finditer(text):
        if m.group("num") is None and m.group("first") is None:
            continue  # "in hours", "within days": no number
        if _EN_NOT_DEADLINE.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        minutes = _en_minutes(m.group("num"), m.group("unit"))
        if minutes is None:
            continue
        if m.group("half"):
            minutes += _en_minutes(None, m.group("unit")) / 2
        hits.append(_Hit(m.start(), m.end(), minutes))
    return hits


def _immediate(text: str, latin: bool) -> _Hit | None:
    m = _ZH_IMMEDIATE.search(text)
    if m and "不" not in text[max(0, m.start() - 3) : m.start()]:
        return _Hit(m.start(), m.end(), 0.0, True)
    if latin:
        for m in _EN_IMMEDIATE.finditer(text):
            before = text[max(0, m.start() - 12) : m.start()]
            if not (_EN_NEGATED.search(before[-6:]) or _EN_CAPABLE.search(before)):
                return _Hit(m.start(), m.end(), 0.0, True)
    return None


def _deadlines(text: str, latin: bool) -> list[_Hit]:
    """Every deadline in text order; 立即 / immediately counts when it comes first."""
    hits = _zh_deadlines(text) + (_en_deadlines(text) if latin else [])
    hits.sort()
    kept: list[_Hit] = []
    for hit in hits:  # two patterns may read the same words
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    now = _immediate(text, latin)
    if now is not None and kept and _AS_SOON_AS.match(text, now.start):
        # "as soon as it is reasonably possible …, ideally within 1-2 weeks": the deadline the
        # text gives is the limit, not the wish for speed
        now = None
    if now is not None and (not kept or now.end <= kept[0].start):
        kept.insert(0, now)
    return kept


def _part_spans(text: str, hits: list[_Hit]) -> list[tuple[int, int]]:
    """Where each part is written: a Chinese part runs to the next part, stop or 向 (so
    "30分钟内电话、1小时内书面" keeps 电话 and 书面); an English part takes the manner of
    reporting beside it ("by phone within 30 minutes")."""
    spans = []
    for i, hit in enumerate(hits):
        limit = hits[i + 1].start if i + 1 < len(hits) else len(text)
        start, end = hit.start, hit.end
        if _LATIN_LETTER.match(text[hit.start]):
            before = _EN_MODE_BEFORE.search(text, spans[-1][1] if spans else 0, hit.start)
            after = _EN_MODE_AFTER.search(text[end:limit])
            start = before.start() if before else start
            end = end + after.end() if after else end
        else:
            stop = _ZH_PART_END.search(text, end, limit)
            end = stop.start() if stop else limit
        spans.append((start, end))
    return spans


def _anchor(text: str, first: _Hit, latin: bool) -> str:
    """What the first part counts from: the nearest cue before it (or, in English, after it)."""
    pattern = _EN_ANCHOR if latin and _LATIN_LETTER.match(text[first.start]) else _ZH_ANCHOR
    cue = None
    for m in pattern.finditer(text, 0, first.start):
        cue = m.lastgroup
    if cue is None and pattern is _EN_ANCHOR:
        m = pattern.search(text, first.end, first.end + 80)
        cue = m.lastgroup if m else None
    if cue == RESPONSE_END:
        return RESPONSE_END
    return TRIGGER if first.immediate or cue == TRIGGER else T0


def _late(text: str, first: _Hit, anchor: str, latin: bool) -> bool:
    if anchor == RESPONSE_END or first.minutes >= LATE_FROM_MIN:
        return True
    if not _ZH_LATE.search(text) and not (latin and _EN_LATE.search(text)):
        return False
    # the words must be in the clause of the deadline ("30分钟内报告，结束后总结" is not late)
    start = max(text.rfind(stop, 0, first.start) for stop in _CLAUSE_STOPS) + 1
    stop = _CLAUSE_STOP.search(text, first.end)
    clause = text[start : stop.start() if stop else len(text)]
    return bool(_ZH_LATE.search(clause) or (latin and _EN_LATE.search(clause)))


def _frequency(text: str, latin: bool) -> tuple[float, str] | None:
    """The period in minutes of the first repeated duty in `text`, and its words."""
    found: list[tuple[int, float, str]] = []
    if "每" in text or "一报" in text or "一次" in text or "逐日" in text or "零报告" in text:
        m = _ZH_EVERY.search(text)
        if m and m.group("daily"):
            found.append((m.start(), float(_DAY), m.group()))
        elif m:
            num, unit = m.group("num", "unit") if m.group("unit") else m.group("num2", "unit2")
            period = _zh_minutes(num, unit)
            times = parse_number(m.group("times")) if m.group("times") else 1.0
            if period is not None and times:
                found.append((m.start(), period / times, m.group()))
    if latin and _EN_FREQUENCY_WORD.search(text):
        m = _EN_EVERY.search(text)
        period = None
        if m and m.group("ly"):
            period = float(_EN_LY[m.group("ly").lower()])
        elif m and m.group("unit"):
            period = _en_minutes(m.group("num"), m.group("unit"))
            period = period * 2 if period is not None and m.group("other") else period
        elif m:
            times = m.group("times").lower()
            count = {"once": 1.0, "twice": 2.0}.get(times) or parse_number(times.split()[0])
            unit = _en_minutes(None, m.group("unit2"))
            period = unit / count if unit is not None and count else None
        if m and period is not None:
            found.append((m.start(), period, m.group()))
    if not found:
        return None
    _, period, words = min(found)
    return period, words.strip()


# Fullwidth ASCII forms and the ideographic space, mapped to their compatibility decomposition:
# the NFKC form of a text does not change by this, and most Chinese text is NFKC-normal after it.
_FULLWIDTH = re.compile("[\u3000\uff01-\uff5e]")
_FULLWIDTH_TO = {
    chr(c): unicodedata.normalize("NFKD", chr(c)) for c in (0x3000, *range(0xFF01, 0xFF5F))
}


def _nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), without the slow full pass for typical Chinese text."""
    text = _FULLWIDTH.sub(lambda m: _FULLWIDTH_TO[m.group()], text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@per_document
def read_time(text: str) -> TimeLimit | None:
    """Everything `text` says about time (see TimeLimit), or None when it says nothing: a
    deadline, a frequency, or both. Durations ("至少24小时", "for 3 hours") are neither.

    Memoised: extraction asks about each clause several times (extract_plan clears the cache)."""
    text = _nfkc(text or "")
    latin = _LATIN_LETTER.search(text) is not None
    if not latin and _ZH_TIME_WORD.search(text) is None:
        return None  # no word any Chinese reading needs (most clauses): nothing to read
    hits = _deadlines(text, latin)
    frequency = _frequency(text, latin)
    if not hits:
        if frequency is None:
            return None
        return TimeLimit(None, frequency[1], frequency_min=frequency[0])
    spans = _part_spans(text, hits) if len(hits) > 1 else [(hits[0].start, hits[0].end)]
    parts = tuple(
        TimePart(hit.minutes, text[start:end].strip()) for hit, (start, end) in zip(hits, spans)
    )
    first = hits[0]
    phrase = text[spans[0][0] : spans[-1][1]] if len(hits) > 1 else text[first.start : first.end]
    anchor = _anchor(text, first, latin)
    return TimeLimit(
        minutes=first.minutes,
        text=phrase.strip(),
        parts=parts,
        anchor=anchor,
        frequency_min=frequency[0] if frequency else None,
        late=_late(text, first, anchor, latin),
    )


def find_time_limit(text: str) -> TimeLimit | None:
    """The deadline stated in `text` (read_time's reading when it has one), or None: a text
    that gives only a frequency or a duration has no time limit."""
    found = read_time(text)
    return found if found is not None and found.minutes is not None else None


def restate_deadline(text: str, old_minutes: float, minutes: float) -> str | None:
    """`text` with its first deadline, when it says `old_minutes`, written as `minutes`
    ("应在30分钟内报告" → "应在15分钟内报告", "within 2 hours" → "within 90 minutes"), so a
    limit changed by hand does not leave the step's words saying the old one. None when the
    text states no such deadline (or only 立即 / immediately)."""
    normal = _nfkc(text or "")
    if len(normal) != len(text or ""):
        return None
    latin = _LATIN_LETTER.search(normal) is not None
    hit = next((h for h in _deadlines(normal, latin) if not h.immediate), None)
    if hit is None or abs(hit.minutes - float(old_minutes)) > 1e-6 or minutes <= 0:
        return None
    written = normal[hit.start : hit.end]
    english = written[:1].isascii() and written[:1].isalpha()
    return text[: hit.start] + _deadline_words(float(minutes), english) + text[hit.end :]


def _deadline_words(minutes: float, english: bool) -> str:
    for size, zh, en in ((1440, "日", "day"), (60, "小时", "hour"), (1, "分钟", "minute")):
        if minutes >= size and (minutes / size).is_integer():
            n = int(minutes / size)
            return f"within {n} {en}{'s' if n != 1 else ''}" if english else f"{n}{zh}内"
    n = f"{minutes:g}"
    return f"within {n} minutes" if english else f"{n}分钟内"


def step_time_fields(limit: TimeLimit | None) -> dict:
    """The time fields of a plan Step for a reading of its text (pass `read_time(text)`):
    a dict with time_limit_min, time_from, time_parts, frequency_min and time_text.

    - time_limit_min: the first part's minutes; None for no deadline or a frequency alone.
    - time_from: the anchor ("T0", "trigger" for 立即 / 接报后 / upon receipt). A late deadline
      (补报, 总结报告, a week or more) gets "response_end" even when the text counts it from the
      incident: it keeps its minutes but stays off the response path (graph, drill checklists).
    - time_parts: every part when there are two or more, else () (the one part is the limit).
    - frequency_min: the period of a repeated duty, None for none.
    - time_text: the phrase as written (the frequency's words when there is no deadline).
    """
    if limit is None:
        return {
            "time_limit_min": None,
            "time_from": T0,
            "time_parts": (),
            "frequency_min": None,
            "time_text": "",
        }
    return {
        "time_limit_min": limit.minutes,
        "time_from": RESPONSE_END if limit.late else limit.anchor,
        "time_parts": limit.parts if len(limit.parts) > 1 else (),
        "frequency_min": limit.frequency_min,
        "time_text": limit.text,
    }


__all__ = [
    "LATE_FROM_MIN",
    "RESPONSE_END",
    "T0",
    "TRIGGER",
    "TimeLimit",
    "find_time_limit",
    "read_time",
    "restate_deadline",
    "step_time_fields",
]
