"""The documents of a drill's evaluation, built from a ReportData (drills.report_model):

- `build_evaluation_report`: in Chinese the evaluation report of AQ/T 9009 and GB/T 46792-2025
  (一、演练基本情况 … 七、评估结论, 附件) laid out as a GB/T 9704 official document (here); in
  English an HSEEP-style After-Action Report / Improvement Plan (drills.report_docx_en). Both
  embed the timeline chart and the plan flow chart coloured by outcome, show coverage beside every
  score, and append the reveal log as the proof that the drill stayed blind.
- `build_debrief` (drills.report_debrief): a short debrief for participants without an account.
- `report_xlsx` (drills.report_xlsx): every figure of the drill as an Excel workbook.

All pure: the only I/O is plans.docx_style.to_docx_bytes.
"""

from __future__ import annotations

from docx.document import Document

from drills.report_charts import OUTCOME_DPI, TIMELINE_DPI
from drills.report_debrief import build_debrief
from drills.report_docx_en import AfterActionReport
from drills.report_model import FindingRow, ReportData
from drills.report_text import grade_order, keyed, number, percent, title_lines
from drills.report_writer import ReportWriter
from drills.report_xlsx import report_xlsx
from i18n.glossary import FINDING_GRADES
from plans.docx_style import ZH_FONTS, FontSet, clean, paragraph, title


def build_evaluation_report(
    data: ReportData,
    *,
    timeline_png: bytes | None = None,
    outcome_png: bytes | None = None,
    timeline_dpi: float = TIMELINE_DPI,
    outcome_dpi: float = OUTCOME_DPI,
    fonts: FontSet = ZH_FONTS,
) -> Document:
    """The evaluation report of a drill (see the module docstring). The charts come from
    drills.report_charts (pass their dpi if they were rendered at another one); None leaves a
    chart out. `fonts`: the Chinese faces (plans.docx_style.GB2312_FONTS for government
    machines)."""
    writer = AfterActionReport(data) if data.hseep else _AqtReport(data, fonts)
    writer.document.core_properties.title = clean(data.drill_title)[:255]
    writer.write(timeline_png, timeline_dpi, outcome_png, outcome_dpi)
    return writer.document


class _AqtReport(ReportWriter):
    """The evaluation report of AQ/T 9009 and GB/T 46792-2025 as a GB/T 9704 document (in
    English too, when a unit that follows these standards reads it in English)."""

    def write(self, timeline_png, timeline_dpi, outcome_png, outcome_dpi) -> None:
        d = self.data
        name = clean(d.drill_title)
        suffix = "" if name.endswith("评估报告") else self.tr("doc.report.title", drill="")
        lines = title_lines(name, suffix)
        head = title(self.document, lines[0])
        for line in lines[1:]:
            head.runs[-1].add_break()
            head.add_run(line)
        head.paragraph_format.keep_together = True
        self.basic()
        self.method()
        self.conduct(timeline_png, timeline_dpi)
        self.results(outcome_png, outcome_dpi)
        self.problems()
        self.improvements()
        self.conclusion()
        annexes = [
            (self.tr("eval.record.title"), self.record_section),
            (self.tr("doc.report.annex_timeline"), self.timeline_table),
            (self.tr("doc.report.annex_reveal"), self.reveal_log),
            (self.tr("doc.report.annex_participants"), self.participants),
        ]
        if d.photos:
            annexes.append((self.tr("eval.photos.title"), self.photo_annex))
        item = paragraph(self.document, self.tr("doc.annex_list"))
        for n, (annex, _) in enumerate(annexes, start=1):
            line = paragraph(self.document, f"{n}. {annex}")
            line.paragraph_format.left_indent = item.paragraph_format.first_line_indent
        for n, (annex, write) in enumerate(annexes, start=1):
            self.annex_start(n, annex)
            write()

    def basic(self) -> None:
        self.outline.heading(self.tr("doc.report.basic"), 1)
        self.table(
            [self.tr("doc.report.fact"), self.tr("common.content")],
            self.facts(),
            widths_mm=(36, 120),
            bold_first_column=True,
        )
        self.outline.heading(self.tr("signoff.doc.objectives"), 2)
        self.objectives_list()

    def method(self) -> None:
        self.outline.heading(self.tr("doc.report.method"), 1)
        self.method_text()
        self.criteria_and_team(lambda text: self.outline.heading(text, 2))

    def conduct(self, png, dpi) -> None:
        self.outline.heading(self.tr("doc.report.conduct"), 1)
        self.conduct_text(png, dpi)

    def results(self, png, dpi) -> None:
        d = self.data
        self.outline.heading(self.tr("doc.report.results"), 1)
        self.outline.heading(self.tr("doc.report.overall"), 2)
        paragraph(self.document, self.overall_text())
        self.outline.heading(self.tr("doc.report.scores"), 2)
        self.score_table()
        paragraph(self.document, self.tr("doc.report.rating_legend"))
        self.not_rated_note()
        self.low_coverage_note()
        self.outline.heading(self.tr("doc.report.overrides"), 2)
        changed = [r for r in d.score_rows if r.overridden]
        if not changed:
            paragraph(self.document, self.tr("doc.report.no_overrides"))
        for row in changed:
            paragraph(
                self.document,
                self.tr(
                    "doc.report.override_row",
                    area=clean(row.area),
                    computed=row.computed_rating,
                    final=row.final_rating,
                    reason=clean(row.override_reason) or "—",
                ),
            )
        self.figure(png, self.tr("doc.report.outcome"), dpi, before=self._outcome_heading)
        self.outline.heading(self.tr("signoff.doc.objectives_rated"), 2)
        self.objectives_table()
        self.outline.heading(self.tr("common.area_conclusions"), 2)
        self.area_conclusions(lambda text: self.outline.heading(text, 3))
        self.outline.heading(self.tr("doc.report.strengths"), 2)
        strengths = d.strengths
        if not strengths:
            paragraph(self.document, self.tr("doc.report.no_strengths"))
        for n, finding in enumerate(strengths, start=1):
            text = clean(finding.title)
            if finding.description:
                text += (
                    "。" + clean(finding.description)
                    if not text.endswith("。")
                    else clean(finding.description)
                )
            paragraph(self.document, f"{n}. {text}")

    def _outcome_heading(self, _document) -> None:
        self.outline.heading(self.tr("doc.report.outcome"), 2)
        paragraph(self.document, self.outcome_text())

    def score_table(self) -> None:
        rows = []
        for n, r in enumerate(self.data.score_rows, start=1):
            rows.append(
                (
                    n,
                    r.area,
                    r.items,
                    percent(r.coverage),
                    self.score_text(r.score),
                    r.computed_rating or "—",
                    r.final_rating or r.computed_rating or "—",
                    r.override_reason if r.overridden else "",
                )
            )
        overall = self.data.overall
        if rows:
            rows.append(
                (
                    "",
                    self.tr("doc.xlsx.overall_score"),
                    sum(r.items for r in self.data.score_rows),
                    percent(overall.coverage),
                    number(overall.score),
                    "",
                    clean(overall.grade),
                    "",
                )
            )
        self.table(
            [
                self.tr("doc.no"),
                self.tr("doc.report.area"),
                self.tr("common.items"),
                self.tr("doc.report.coverage"),
                self.tr("common.score"),
                self.tr("doc.report.computed"),
                self.tr("doc.report.final"),
                self.tr("review.col.reason"),
            ],
            rows,
            widths_mm=(9, 33, 13, 15, 13, 15, 15, 43),
            align_center=(0, 2, 3, 4, 5, 6),
        )

    def problems(self) -> None:
        self.outline.heading(self.tr("doc.report.problems"), 1)
        problems = sorted(self.data.problems, key=grade_order)
        if not problems:
            paragraph(self.document, self.tr("doc.report.no_problems"))
            return
        groups: dict[str, list[FindingRow]] = {}
        for finding in problems:
            groups.setdefault(finding.grade, []).append(finding)
        for grade, members in groups.items():
            self.outline.heading(
                keyed(FINDING_GRADES, grade, self.lang) or self.tr("common.none"), 2
            )
            for finding in members:
                self.outline.heading(finding.title or "—", 3)
                self.finding_body(finding)

    def improvements(self) -> None:
        self.outline.heading(self.tr("doc.report.improve"), 1)
        self.outline.heading(self.tr("doc.report.suggestions"), 2)
        actions = self.data.actions
        if not actions:
            paragraph(self.document, self.tr("doc.report.no_actions"))
        for n, action in enumerate(actions, start=1):
            paragraph(
                self.document,
                f"{n}. "
                + self.tr(
                    "doc.report.suggest_row",
                    finding=clean(action.finding),
                    action=clean(action.action),
                ),
            )
        self.outline.heading(self.tr("doc.report.actions"), 2)
        self.actions_table()

    def conclusion(self) -> None:
        self.outline.heading(self.tr("doc.report.conclusion"), 1)
        self.prose(self.data.conclusion or self.overall_text())
        self.signature_block()


__all__ = ["build_debrief", "build_evaluation_report", "report_xlsx"]
