"""How the drill documents (report, debrief, workbook) write moments, numbers, keyed values and
lists as text, and the orders they list findings and timeline rows in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from drills.report_model import GRADES, FindingRow
from i18n import has, t
from plans.docx_style import clean


def moment_text(value, lang: str, *, with_time: bool = True) -> str:
    """A datetime, date or text as the report shows it ("2026年3月5日 09:30" / "2026-03-05 09:30")."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        day = _day(value.date(), lang)
        return f"{day} {value:%H:%M}" if with_time else day
    if isinstance(value, date):
        return _day(value, lang)
    return clean(value)


def _day(value: date, lang: str) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()


def percent(value: float | None) -> str:
    if value is None:
        return "—"
    try:
        return f"{float(value) * 100:.0f}%"
    except (TypeError, ValueError):
        return "—"


def number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    try:
        number_ = float(value)
    except (TypeError, ValueError):
        return clean(value)
    return f"{number_:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{number_:.0f}"


def keyed(prefix: str, value: str, lang: str) -> str:
    """The translation of a known key (prefix + value), else the value itself."""
    key = f"{prefix}{value}"
    return t(key, lang=lang) if value and has(key) else clean(value)


def joined(items: Iterable[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(clean(i) for i in items if str(i).strip())


def grade_order(finding: FindingRow) -> int:
    """Sort key: the most serious grade first, findings of no known grade last."""
    return GRADES.index(finding.grade) if finding.grade in GRADES else len(GRADES)


def minute_key(value) -> float:
    """Sort key of a timeline minute: rows without a number go last."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("inf")


__all__ = ["grade_order", "joined", "keyed", "minute_key", "moment_text", "number", "percent"]
