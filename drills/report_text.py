"""How the drill documents (report, debrief, workbook) write moments, numbers, keyed values and
lists as text, and the orders they list findings and timeline rows in."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from drills.report_model import FindingRow
from i18n import format_day, format_moment, join_names
from i18n.glossary import FINDING_GRADES, Vocabulary
from plans.docx_style import clean


def moment_text(value, lang: str, *, with_time: bool = True) -> str:
    """A datetime, date or text as the report shows it: 2026年3月5日 09:30 / March 5, 2026, 09:30."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return format_moment(value, lang) if with_time else format_day(value.date(), lang)
    if isinstance(value, date):
        return format_day(value, lang)
    return clean(value)


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


def keyed(vocabulary: Vocabulary, value: str, lang: str) -> str:
    """The label of one of the vocabulary's ids, else the value itself (free text)."""
    return vocabulary.label(value, lang) if value in vocabulary else clean(value)


def joined(items: Iterable[str], lang: str) -> str:
    return join_names((clean(i) for i in items if str(i).strip()), lang)


def grade_order(finding: FindingRow) -> int:
    """Sort key: the most serious grade first, findings of no known grade last."""
    return (
        FINDING_GRADES.index(finding.grade)
        if finding.grade in FINDING_GRADES
        else len(FINDING_GRADES)
    )


def minute_key(value) -> float:
    """Sort key of a timeline minute: rows without a number go last."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("inf")


PT_MM = 25.4 / 72
CELL_MARGINS_MM = 2 * 1.9 + 0.6  # Word's default left and right cell margins, and a little air
TITLE_COLUMNS = 38  # display columns of one title line: 19 CJK characters at 22 pt in 156 mm
_BREAK_AFTER = set(" 、，,·：:）)》”/-")
_CJK_RUN = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+")


def columns(text: str) -> int:
    """Display columns: a wide (CJK) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def text_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """An upper estimate of the printed width of `text` (Latin letters of the usual faces, or
    of their wider stand-ins where those are missing)."""
    latin = 0.68 if bold else 0.6
    return sum(size_pt if _wide(c) else size_pt * latin for c in text) * PT_MM


def _unbreakable(text: str, *, header: bool) -> list[str]:
    """The parts of a cell that must not break: a short term as a whole (未评定, 按时完成,
    a header such as 覆盖率), else each Latin word (Chinese breaks between characters)."""
    text = str(text).strip()
    if not text:
        return []
    if header or (len(text) <= 5 and not any(c.isspace() for c in text)):
        return text.split()
    words = []
    for word in text.split():
        words += [w for w in _CJK_RUN.split(word) if w]
    return words


def fit_widths(
    header: Sequence[str],
    widths_mm: Sequence[float],
    size_pt: float,
    rows: Sequence[Sequence[object]] = (),
) -> list[float]:
    """Column widths in which no word breaks inside ("Covera ge", "未评/定"): a column too
    narrow for its longest header word (bold) or body word is widened, the room taken from the
    columns with width to spare, in proportion to what they spare; the total stays the same."""
    widths = [float(w) for w in widths_mm]
    need = [
        max(
            [text_mm(w, size_pt, bold=True) for w in _unbreakable(h, header=True)]
            + [
                text_mm(w, size_pt)
                for row in rows
                if c < len(row)
                for w in _unbreakable(clean(row[c]), header=False)
            ],
            default=0.0,
        )
        + CELL_MARGINS_MM
        for c, h in enumerate(header)
    ]
    short = sum(max(n - w, 0.0) for n, w in zip(need, widths, strict=False))
    spare = [max(w - n, 0.0) for n, w in zip(need, widths, strict=False)]
    room = sum(spare)
    if not short or not room:
        return widths
    take = min(short, room) / room
    return [
        max(w, n) if n > w else w - s * take for n, w, s in zip(need, widths, spare, strict=False)
    ]


def title_lines(name: str, suffix: str = "", width: int = TITLE_COLUMNS) -> list[str]:
    """A title as lines that never break inside a word: the suffix (评估报告) kept whole on the
    last line, a long name broken after a space or punctuation where it can."""
    name, suffix = clean(name).strip(), clean(suffix)
    if columns(name + suffix) <= width:
        return [name + suffix]
    lines, line = [], ""
    for part in _parts(name):
        if line and columns(line + part) > width:
            lines.append(line.rstrip())
            line = part.lstrip()
        else:
            line += part
    if columns(line + suffix) <= width:
        lines.append(line + suffix)
    else:
        lines += [line.rstrip(), suffix] if line.strip() else [suffix]
    return [part for part in lines if part]


def _parts(text: str) -> list[str]:
    """Pieces of a title between the places it may break (after a space or punctuation);
    a piece longer than a line is cut into line-sized pieces."""
    parts, piece = [], ""
    for char in text:
        piece += char
        if char in _BREAK_AFTER:
            parts.append(piece)
            piece = ""
    if piece:
        parts.append(piece)
    cut = []
    for part in parts:
        while columns(part) > TITLE_COLUMNS:
            n = len(part) // 2 if part.isascii() else TITLE_COLUMNS // 2
            cut.append(part[:n])
            part = part[n:]
        cut.append(part)
    return cut


__all__ = [
    "columns",
    "fit_widths",
    "grade_order",
    "joined",
    "keyed",
    "minute_key",
    "moment_text",
    "number",
    "percent",
    "text_mm",
    "title_lines",
]
