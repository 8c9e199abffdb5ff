"""Every figure of a drill's evaluation (drills.report_model.ReportData) as an Excel workbook."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from drills.analytics_xlsx import append_row, cell_value, safe_text, sheet_title
from drills.report_model import OUTCOMES, ReportData, TimelineRow
from drills.report_record import amendment_text
from drills.report_text import keyed, minute_key
from i18n import t
from i18n.glossary import (
    ACTION_STATUSES,
    CLOCK_EVENTS,
    DRILL_SCOPES,
    DRILL_TYPES,
    FINDING_CAUSES,
    FINDING_GRADES,
    OUTCOME_CATEGORIES,
)
from plans.docx_style import clean


def report_xlsx(data: ReportData) -> bytes:
    """Every figure of the drill as an .xlsx workbook: summary (with the counts per category),
    scores, items (ids, step ids, category, quality mark, amendment, conflict), the process
    record, findings (strengths graded as strengths), actions (with their verification),
    timeline, step outcomes (ids with names). Sheet names and cells as in the analytics workbook
    (drills.analytics_xlsx): no text runs as a formula, times show to the minute, drill-clock
    minutes to 0.1."""
    lang = data.lang

    def tr(key: str) -> str:
        return t(key, lang=lang)

    book = Workbook()
    bold = Font(bold=True)
    taken: set[str] = set()

    def sheet(name: str, header: Sequence[str], rows: Iterable[Sequence[object]], widths=()):
        ws = book.create_sheet(sheet_title(name, taken))
        ws.append([_cell(h) for h in header])
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            append_row(ws, [_cell(v) for v in row])
        ws.freeze_panes = "A2"
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        return ws

    summary = [
        (tr("drillpage.title"), data.drill_title),
        (tr("doc.report.plan"), data.plan_title),
        (tr("doc.xlsx.version"), data.plan_version),
        (tr("doc.report.type"), keyed(DRILL_TYPES, data.drill_type, lang)),
        (tr("doc.report.scope"), keyed(DRILL_SCOPES, data.scope, lang)),
        (tr("drillpage.incident"), data.scenario.incident),
        (tr("doc.report.place"), data.scenario.place),
        (tr("common.level"), data.scenario.level),
        (tr("common.started"), data.started_at),
        (tr("common.ended"), data.ended_at),
        (tr("doc.report.duration"), _minutes(data.duration_min)),
        (tr("doc.xlsx.overall_score"), data.overall.score),
        (tr("doc.report.final"), data.overall.grade),
        (tr("doc.xlsx.overall_coverage"), data.overall.coverage),
        *((OUTCOME_CATEGORIES.label(key, lang), n) for key, n in data.categories.items()),
    ]
    ws = sheet(
        tr("doc.xlsx.summary"), [tr("doc.report.fact"), tr("common.content")], summary, (24, 60)
    )
    labels = [label for label, _ in summary]
    ws.cell(row=labels.index(tr("doc.xlsx.overall_coverage")) + 2, column=2).number_format = "0%"
    book.remove(book.worksheets[0])  # the empty default sheet
    ws = sheet(
        tr("doc.xlsx.scores"),
        [
            tr("doc.report.area"),
            tr("common.items"),
            tr("doc.report.coverage"),
            tr("common.score"),
            tr("doc.report.computed"),
            tr("doc.report.final"),
            tr("review.col.reason"),
        ],
        [
            (
                r.area,
                r.items,
                r.coverage,
                r.score,
                r.computed_rating,
                r.final_rating,
                r.override_reason,
            )
            for r in data.score_rows
        ],
        (24, 8, 10, 8, 10, 10, 40),
    )
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = "0%"
    sheet(
        tr("common.items"),
        [
            tr("eval.xlsx.item_id"),
            tr("eval.xlsx.step_id"),
            tr("doc.report.area"),
            tr("common.step"),
            tr("common.body_post"),
            tr("common.result"),
            tr("eval.xlsx.quality"),
            tr("doc.xlsx.timing"),
            tr("doc.report.minute"),
            tr("col.minutes"),
            tr("doc.xlsx.done_by"),
            tr("common.note"),
            tr("eval.xlsx.amended"),
            tr("eval.xlsx.conflict"),
        ],
        [
            (
                r.item_id,
                r.step_id,
                r.area,
                r.item,
                r.role,
                r.rating,
                r.quality,
                r.timing,
                _minutes(r.minute),
                r.limit_min,
                r.done_by,
                r.note,
                r.amended,
                tr("common.yes") if r.conflict else "",
            )
            for r in data.item_rows
        ],
        (10, 10, 18, 36, 16, 12, 8, 10, 8, 10, 16, 40, 40, 8),
    )
    sheet(
        tr("eval.xlsx.record"),
        [
            tr("doc.no"),
            tr("eval.record.observed"),
            tr("doc.report.minute"),
            tr("eval.record.recorded"),
            tr("common.evaluator"),
            tr("eval.record.what"),
            tr("common.result"),
            tr("eval.record.quality"),
            tr("common.comment"),
            tr("eval.xlsx.undone"),
            tr("eval.xlsx.amended"),
            tr("eval.xlsx.conflict"),
        ],
        [
            (
                n,
                r.observed,
                _minutes(r.minute),
                r.recorded,
                r.evaluator,
                r.what,
                r.result,
                r.quality,
                "\n".join(x for x in (r.note, r.remark) if x),
                r.undone,
                "\n".join(amendment_text(a, lang) for a in r.amendments),
                tr("common.yes") if r.conflict else "",
            )
            for n, r in enumerate(data.record, start=1)
        ],
        (6, 18, 8, 18, 14, 30, 12, 8, 40, 24, 50, 8),
    )
    sheet(
        tr("doc.xlsx.findings"),
        [
            tr("common.title"),
            tr("common.grade"),
            tr("doc.report.cause").rstrip("：: "),
            tr("doc.report.target").rstrip("：: "),
            tr("doc.report.description").rstrip("：: "),
            tr("doc.report.evidence").rstrip("：: "),
            tr("findings.grade.strength"),
        ],
        [
            (
                f.title,
                tr("findings.grade.strength")
                if f.strength
                else keyed(FINDING_GRADES, f.grade, lang),
                keyed(FINDING_CAUSES, f.cause, lang),
                f.target,
                f.description,
                f.evidence,
                tr("common.yes") if f.strength else tr("common.no"),
            )
            for f in data.findings
        ],
        (30, 10, 12, 20, 50, 40, 8),
    )
    sheet(
        tr("common.actions"),
        [
            tr("doc.report.action_finding"),
            tr("common.action"),
            tr("doc.report.owner"),
            tr("doc.report.due"),
            tr("common.status"),
            tr("eval.xlsx.verification"),
        ],
        [
            (
                a.finding,
                a.action,
                a.owner,
                a.due,
                keyed(ACTION_STATUSES, a.status, lang),
                a.verification,
            )
            for a in data.actions
        ],
        (30, 50, 16, 14, 10, 40),
    )
    sheet(
        tr("common.timeline"),
        [
            tr("doc.report.minute"),
            tr("doc.report.lane"),
            tr("doc.report.what"),
            tr("doc.report.performer"),
        ],
        [
            (_minutes(r.minute), r.lane, _what(r, lang), r.who)
            for r in sorted(data.timeline, key=lambda r: minute_key(r.minute))
        ],
        (8, 24, 50, 20),
    )
    sheet(
        tr("doc.xlsx.outcome"),
        [tr("eval.xlsx.step_id"), tr("eval.xlsx.step_name"), tr("common.result")],
        [
            (
                step,
                data.step_names.get(step, ""),
                t(f"outcome.{value}", lang=lang) if value in OUTCOMES else value,
            )
            for step, value in data.outcome.items()
        ],
        (10, 36, 20),
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _minutes(value):
    """A drill-clock minute to one decimal (the clock counts to the microsecond)."""
    if isinstance(value, float):
        return round(value, 1)
    return value


def _what(row: TimelineRow, lang: str) -> str:
    """What happened; a clock event said in full ("演练开始" / "Exercise started") rather than as
    its short button word or its id ("开始", "start")."""
    if row.kind == "clock":
        for event in CLOCK_EVENTS:
            if row.what in (event, t(f"drills.clock.{event}", lang=lang)):
                return CLOCK_EVENTS.label(event, lang)
    return row.what


def _cell(value):
    """What a cell holds (drills.analytics_xlsx.cell_value); text is first made fit for XML
    (vertical tabs and form feeds become line breaks, lone surrogates go)."""
    return safe_text(clean(value)) if isinstance(value, str) else cell_value(value)


__all__ = ["report_xlsx"]
