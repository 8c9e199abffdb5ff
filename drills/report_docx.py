"""The documents of a drill's evaluation, built from a ReportData (drills.report_model):

- `build_evaluation_report`: in Chinese the evaluation report of AQ/T 9009 and GB/T 46792-2025
  (一、演练基本情况 … 七、评估结论, 附件) laid out as a GB/T 9704 official document; in English an
  HSEEP-style After-Action Report / Improvement Plan. Both embed the timeline chart and the plan
  flow chart coloured by outcome, show coverage beside every score, and append the reveal log
  as the proof that the drill stayed blind.
- `build_debrief`: a short debrief for participants without an account: what happened, what went
  well, what to improve, the next steps; no evaluator, director or insider names, no evidence.
- `report_xlsx`: every figure of the drill as an Excel workbook.

All pure: the only I/O is `to_docx_bytes` (re-exported from plans.docx_style).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from drills.report_charts import OUTCOME_DPI, TIMELINE_DPI
from drills.report_model import (
    GRADES,
    OUTCOMES,
    RATINGS,
    FindingRow,
    ReportData,
)
from i18n import has, t
from plans.docx_style import (
    ZH_FONTS,
    FontSet,
    Outline,
    clean,
    figure,
    heading,
    labelled,
    new_official_document,
    page_break,
    paragraph,
    table,
    title,
    to_docx_bytes,
)

LOW_COVERAGE = 0.8  # below this share of observed items a score is flagged as uncertain


# ---------------------------------------------------------------------------------------------
# Formatting


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


def _grade_order(finding: FindingRow) -> int:
    return GRADES.index(finding.grade) if finding.grade in GRADES else len(GRADES)


class _Writer:
    """Shared pieces of the report and the debrief."""

    def __init__(self, data: ReportData, fonts: FontSet = ZH_FONTS) -> None:
        self.data = data
        self.lang = data.lang
        self.document = new_official_document(self.lang, fonts=fonts)
        self.outline = Outline(self.document, self.lang, numbered=self.lang == "zh")
        self.figures = 0

    def tr(self, key: str, **params) -> str:
        return t(key, lang=self.lang, **params)

    def when(self) -> str:
        d = self.data
        start = moment_text(d.started_at, self.lang)
        end = moment_text(d.ended_at, self.lang)
        if start and end:
            return self.tr("doc.report.time_range", start=start, end=end)
        return start or end

    def duration(self) -> str:
        if self.data.duration_min is None:
            return "—"
        return self.tr("doc.report.minutes", minutes=number(self.data.duration_min, 0))

    def figure(self, png: bytes | None, caption: str, dpi: float, before=None,
               fill_width: bool = False) -> None:  # fmt: skip
        if not png:
            if before is not None:
                before(self.document)
            return
        self.figures += 1
        figure(self.document, png, lang=self.lang, dpi=dpi, before=before, fill_width=fill_width,
               caption=self.tr("doc.figure", n=self.figures, title=caption))  # fmt: skip

    def bullets(self, lines: Sequence[str]) -> None:
        """Lines as a list: numbered （1） in Chinese, bullets in English."""
        for n, line in enumerate(lines, start=1):
            if self.lang == "zh":
                paragraph(self.document, f"（{n}）{clean(line)}")
            else:
                self.document.add_paragraph(clean(line), style="List Bullet")

    def annex_start(self, n: int, name: str) -> None:
        page_break(self.document)
        if self.lang == "zh":
            paragraph(self.document, self.tr("doc.annex_label", n=n), style="Annex Label")
            title(self.document, name)
        else:
            heading(self.document, name, 1)

    def timeline_table(self) -> None:
        rows = sorted(self.data.timeline, key=lambda r: _minute_key(r.minute))
        if not rows:
            paragraph(self.document, self.tr("doc.report.timeline_empty"))
            return
        table(self.document,
              [self.tr("doc.report.minute"), self.tr("doc.report.lane"), self.tr("doc.report.what"),
               self.tr("doc.report.performer")],
              [(number(r.minute, 1), r.lane, r.what, r.who) for r in rows],
              widths_mm=(16, 36, 74, 30), align_center=(0,))  # fmt: skip

    def reveal_log(self) -> None:
        d = self.data
        paragraph(self.document, self.tr("doc.report.reveal_intro"))
        paragraph(self.document, self.blinding_text())
        if not d.reveal_log:
            paragraph(self.document, self.tr("doc.report.reveal_empty"))
            return
        table(self.document,
              [self.tr("doc.no"), self.tr("doc.report.at"), self.tr("doc.report.who"),
               self.tr("doc.report.event")],
              [(n, moment_text(r.at, self.lang), r.who, r.event)
               for n, r in enumerate(d.reveal_log, start=1)],
              widths_mm=(12, 44, 36, 64), align_center=(0,))  # fmt: skip

    def participants(self) -> None:
        rows = self.data.participants_roles
        if not rows:
            paragraph(self.document, self.tr("doc.none"))
            return
        table(self.document,
              [self.tr("doc.no"), self.tr("doc.report.role"), self.tr("doc.report.people")],
              [(n, p.role, p.people) for n, p in enumerate(rows, start=1)],
              widths_mm=(12, 60, 84), align_center=(0,))  # fmt: skip

    def blinding_text(self) -> str:
        blinding = self.data.blinding
        if blinding.double_blind:
            return self.tr("doc.report.double_blind")
        parts = []
        if blinding.withheld:
            items = joined((keyed("doc.report.withheld.", w, self.lang) for w in blinding.withheld),
                           self.lang)  # fmt: skip
            parts.append(self.tr("doc.report.withheld", items=items))
        if blinding.notified_units:
            parts.append(self.tr("doc.report.notified",
                                 units=joined(blinding.notified_units, self.lang)))  # fmt: skip
        return ("" if self.lang == "zh" else " ").join(parts) or self.tr("doc.none")

    def outcome_text(self) -> str:
        counts = self.data.outcome_counts()
        for value in self.data.outcome.values():
            if value == "not_observed":
                counts["not_observed"] += 1
        return self.tr("doc.report.outcome_counts", **counts)

    def overall_text(self) -> str:
        overall = self.data.overall
        return self.tr(
            "doc.report.overall_text",
            score=number(overall.score),
            grade=clean(overall.grade) or "—",
            coverage=percent(overall.coverage),
        )

    def facts(self) -> list[tuple[str, str]]:
        d = self.data
        plan = clean(d.plan_title) + (f"（{clean(d.plan_version)}）" if d.plan_version else "")
        scenario = d.scenario
        return [
            (self.tr("doc.report.drill_name"), d.drill_title),
            (self.tr("doc.report.plan"), plan),
            (self.tr("doc.report.type"), keyed("doc.report.type.", d.drill_type, self.lang)),
            (self.tr("doc.report.scope"), keyed("doc.report.scope.", d.scope, self.lang)),
            (self.tr("doc.report.time"), self.when()),
            (self.tr("doc.report.duration"), self.duration()),
            (self.tr("doc.report.incident"), scenario.incident),
            (self.tr("doc.report.place"), scenario.place),
            (self.tr("doc.report.level"), scenario.level),
            (self.tr("doc.report.scenario"), scenario.description),
            (self.tr("doc.report.directors"), joined(d.directors, self.lang)),
            (self.tr("doc.report.participants"),
             joined((p.role for p in d.participants_roles), self.lang)),
            (self.tr("doc.report.blinding"), self.blinding_text()),
        ]  # fmt: skip

    def finding_body(self, finding: FindingRow, *, evidence: bool = True) -> None:
        if finding.description:
            labelled(self.document, self.tr("doc.report.description"), finding.description)
        if finding.cause:
            labelled(self.document, self.tr("doc.report.cause"),
                     keyed("doc.cause.", finding.cause, self.lang))  # fmt: skip
        if finding.target:
            labelled(self.document, self.tr("doc.report.target"), finding.target)
        if evidence and finding.evidence:
            labelled(self.document, self.tr("doc.report.evidence"), finding.evidence)

    def actions_table(self, *, english_matrix: bool = False) -> None:
        actions = self.data.actions
        if not actions:
            paragraph(self.document, self.tr("doc.report.no_actions"))
            return
        rows = [
            (n, a.finding, a.action, a.owner, moment_text(a.due, self.lang, with_time=False),
             keyed("doc.status.", a.status, self.lang))
            for n, a in enumerate(actions, start=1)
        ]  # fmt: skip
        header = [self.tr("doc.no"),
                  self.tr("doc.aar.issue" if english_matrix else "doc.report.action_finding"),
                  self.tr("doc.report.action"), self.tr("doc.report.owner"),
                  self.tr("doc.aar.completion" if english_matrix else "doc.report.due"),
                  self.tr("doc.report.status")]  # fmt: skip
        table(self.document, header, rows, widths_mm=(10, 40, 50, 24, 18, 14), align_center=(0,))


def _minute_key(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("inf")


# ---------------------------------------------------------------------------------------------
# The evaluation report


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
    writer = _ZhReport(data, fonts) if data.lang == "zh" else _EnReport(data)
    writer.document.core_properties.title = clean(data.drill_title)[:255]
    writer.write(timeline_png, timeline_dpi, outcome_png, outcome_dpi)
    return writer.document


class _ZhReport(_Writer):
    def write(self, timeline_png, timeline_dpi, outcome_png, outcome_dpi) -> None:
        d = self.data
        name = clean(d.drill_title)
        title(
            self.document,
            name if name.endswith("评估报告") else self.tr("doc.report.title", drill=name),
        )
        self.basic()
        self.method()
        self.conduct(timeline_png, timeline_dpi)
        self.results(outcome_png, outcome_dpi)
        self.problems()
        self.improvements()
        self.conclusion()
        annexes = [self.tr("doc.report.annex_timeline"), self.tr("doc.report.annex_reveal"),
                   self.tr("doc.report.annex_participants")]  # fmt: skip
        item = paragraph(self.document, self.tr("doc.annex_list"))
        for n, annex in enumerate(annexes, start=1):
            line = paragraph(self.document, f"{n}. {annex}")
            line.paragraph_format.left_indent = item.paragraph_format.first_line_indent
        self.annex_start(1, annexes[0])
        self.timeline_table()
        self.annex_start(2, annexes[1])
        self.reveal_log()
        self.annex_start(3, annexes[2])
        self.participants()

    def basic(self) -> None:
        self.outline.heading(self.tr("doc.report.basic"), 1)
        table(self.document, [self.tr("doc.report.fact"), self.tr("doc.report.value")],
              self.facts(), widths_mm=(36, 120), bold_first_column=True)  # fmt: skip

    def method(self) -> None:
        d = self.data
        self.outline.heading(self.tr("doc.report.method"), 1)
        paragraph(self.document, d.evaluation_method or self.tr("doc.report.method_default"))
        if d.evaluation_leads or d.evaluators:
            people = joined(
                [*d.evaluation_leads, *(e for e in d.evaluators if e not in d.evaluation_leads)],
                self.lang,
            )
            labelled(self.document, self.tr("doc.report.evaluators") + "：", people)
        paragraph(self.document, self.tr("doc.report.coverage_note"))

    def conduct(self, png, dpi) -> None:
        d = self.data
        self.outline.heading(self.tr("doc.report.conduct"), 1)
        if d.started_at or d.ended_at:
            paragraph(self.document, self.tr(
                "doc.report.conduct_summary", start=moment_text(d.started_at, self.lang) or "—",
                end=moment_text(d.ended_at, self.lang) or "—",
                minutes=number(d.duration_min, 0), events=len(d.timeline)))  # fmt: skip
        self.figure(png, self.tr("doc.report.timeline_figure"), dpi, fill_width=True)

    def results(self, png, dpi) -> None:
        d = self.data
        self.outline.heading(self.tr("doc.report.results"), 1)
        self.outline.heading(self.tr("doc.report.overall"), 2)
        paragraph(self.document, self.overall_text())
        self.outline.heading(self.tr("doc.report.scores"), 2)
        self.score_table()
        paragraph(self.document, self.tr("doc.report.rating_legend"))
        low = [r.area for r in d.score_rows if r.coverage is not None and r.coverage < LOW_COVERAGE]
        if low:
            paragraph(self.document, self.tr("doc.report.low_coverage",
                                             limit=percent(LOW_COVERAGE),
                                             areas=joined(low, self.lang)))  # fmt: skip
        self.outline.heading(self.tr("doc.report.overrides"), 2)
        changed = [r for r in d.score_rows if r.overridden]
        if not changed:
            paragraph(self.document, self.tr("doc.report.no_overrides"))
        for row in changed:
            paragraph(self.document, self.tr(
                "doc.report.override_row", area=clean(row.area), computed=row.computed_rating,
                final=row.final_rating, reason=clean(row.override_reason) or "—"))  # fmt: skip
        self.figure(png, self.tr("doc.report.outcome_figure"), dpi, before=self._outcome_heading)
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
            rows.append((n, r.area, r.items, percent(r.coverage), number(r.score),
                         r.computed_rating or "—", r.final_rating or r.computed_rating or "—",
                         r.override_reason if r.overridden else ""))  # fmt: skip
        overall = self.data.overall
        if rows:
            rows.append(("", self.tr("doc.xlsx.overall_score"),
                         sum(r.items for r in self.data.score_rows), percent(overall.coverage),
                         number(overall.score), "", clean(overall.grade), ""))  # fmt: skip
        table(self.document,
              [self.tr("doc.no"), self.tr("doc.report.area"), self.tr("doc.report.items"),
               self.tr("doc.report.coverage"), self.tr("doc.report.score"),
               self.tr("doc.report.computed"), self.tr("doc.report.final"),
               self.tr("doc.report.reason")],
              rows, widths_mm=(9, 33, 13, 15, 13, 15, 15, 43),
              align_center=(0, 2, 3, 4, 5, 6))  # fmt: skip

    def problems(self) -> None:
        self.outline.heading(self.tr("doc.report.problems"), 1)
        problems = sorted(self.data.problems, key=_grade_order)
        if not problems:
            paragraph(self.document, self.tr("doc.report.no_problems"))
            return
        groups: dict[str, list[FindingRow]] = {}
        for finding in problems:
            groups.setdefault(finding.grade, []).append(finding)
        for grade, members in groups.items():
            self.outline.heading(keyed("doc.grade.", grade, self.lang) or self.tr("doc.none"), 2)
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
            paragraph(self.document, f"{n}. " + self.tr(
                "doc.report.suggest_row", finding=clean(action.finding),
                action=clean(action.action)))  # fmt: skip
        self.outline.heading(self.tr("doc.report.actions"), 2)
        self.actions_table()

    def conclusion(self) -> None:
        d = self.data
        self.outline.heading(self.tr("doc.report.conclusion"), 1)
        paragraph(self.document, d.conclusion or self.overall_text())
        paragraph(self.document)
        when = d.report_date or (d.ended_at if d.ended_at else None)
        for line in (self.tr("doc.report.signature"), moment_text(when, self.lang,
                                                                   with_time=False)):  # fmt: skip
            if line:  # right-aligned, four characters in from the right (GB/T 9704)
                item = paragraph(self.document, line, indent=False)
                item.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                item.paragraph_format.right_indent = Pt(64)


class _EnReport(_Writer):
    """The HSEEP After-Action Report / Improvement Plan."""

    def write(self, timeline_png, timeline_dpi, outcome_png, outcome_dpi) -> None:
        d = self.data
        title(self.document, clean(d.drill_title), self.tr("doc.aar.subtitle"))
        when = self.when()
        if when:
            paragraph(self.document, when, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.summary()
        self.overview()
        heading(self.document, self.tr("doc.aar.evaluation"), 1)
        paragraph(self.document, d.evaluation_method or self.tr("doc.report.method_default"))
        if d.evaluation_leads or d.evaluators:
            people = joined(
                [*d.evaluation_leads, *(e for e in d.evaluators if e not in d.evaluation_leads)],
                self.lang,
            )
            labelled(self.document, self.tr("doc.report.evaluators") + ": ", people)
        paragraph(self.document, self.tr("doc.report.coverage_note"))
        heading(self.document, self.tr("doc.aar.timeline"), 1)
        if d.started_at or d.ended_at:
            paragraph(self.document, self.tr(
                "doc.report.conduct_summary", start=moment_text(d.started_at, self.lang) or "—",
                end=moment_text(d.ended_at, self.lang) or "—",
                minutes=number(d.duration_min, 0), events=len(d.timeline)))  # fmt: skip
        self.figure(timeline_png, self.tr("doc.report.timeline_figure"), timeline_dpi,
                    fill_width=True)  # fmt: skip
        self.analysis(outcome_png, outcome_dpi)
        heading(self.document, self.tr("doc.aar.conclusion"), 1)
        paragraph(self.document, d.conclusion or self.overall_text())
        page_break(self.document)
        heading(self.document, self.tr("doc.aar.improvement_plan"), 1)
        self.actions_table(english_matrix=True)
        self.annex_start(0, self.tr("doc.aar.appendix_timeline"))
        self.timeline_table()
        self.annex_start(0, self.tr("doc.aar.appendix_blindness"))
        self.reveal_log()
        self.annex_start(0, self.tr("doc.aar.appendix_participants"))
        self.participants()

    def summary(self) -> None:
        d = self.data
        heading(self.document, self.tr("doc.aar.summary"), 1)
        plan = clean(d.plan_title) + (f" ({clean(d.plan_version)})" if d.plan_version else "")
        paragraph(self.document, self.tr(
            "doc.aar.summary_text", drill=clean(d.drill_title),
            date=moment_text(d.started_at, self.lang, with_time=False) or "—", plan=plan,
            score=number(d.overall.score), grade=clean(d.overall.grade) or "—",
            coverage=percent(d.overall.coverage)))  # fmt: skip
        heading(self.document, self.tr("doc.aar.major_strengths"), 2)
        self.bullets([f.title for f in d.strengths] or [self.tr("doc.report.no_strengths")])
        heading(self.document, self.tr("doc.aar.improvement_areas"), 2)
        problems = sorted(d.problems, key=_grade_order)
        self.bullets([f.title for f in problems] or [self.tr("doc.report.no_problems")])

    def overview(self) -> None:
        heading(self.document, self.tr("doc.aar.overview"), 1)
        facts = self.facts()
        table(self.document, [self.tr("doc.report.fact"), self.tr("doc.report.value")], facts,
              widths_mm=(40, 116), bold_first_column=True)  # fmt: skip

    def analysis(self, png, dpi) -> None:
        d = self.data
        heading(self.document, self.tr("doc.aar.analysis"), 1)
        heading(self.document, self.tr("doc.aar.rating_table"), 2)
        rows = []
        for r in d.score_rows:
            final = r.final_rating or r.computed_rating
            marks = ["X" if final == rating else "" for rating in RATINGS]
            note = ""
            if r.overridden:
                note = self.tr(
                    "doc.report.override_row",
                    area="",
                    computed=r.computed_rating,
                    final=final,
                    reason=clean(r.override_reason) or "—",
                )
                note = note.lstrip(": ").strip()
            rows.append((r.area, r.items, percent(r.coverage), number(r.score), *marks, note))
        table(self.document,
              [self.tr("doc.report.area"), self.tr("doc.report.items"),
               self.tr("doc.report.coverage"), self.tr("doc.report.score"), *RATINGS,
               self.tr("doc.report.reason")],
              rows, widths_mm=(34, 13, 18, 14, 8, 8, 8, 8, 45),
              align_center=(1, 2, 3, 4, 5, 6, 7))  # fmt: skip
        paragraph(self.document, self.tr("doc.report.rating_legend"))
        paragraph(self.document, self.overall_text())
        low = [r.area for r in d.score_rows if r.coverage is not None and r.coverage < LOW_COVERAGE]
        if low:
            paragraph(self.document, self.tr("doc.report.low_coverage",
                                             limit=percent(LOW_COVERAGE),
                                             areas=joined(low, self.lang)))  # fmt: skip

        def outcome_heading(_document) -> None:
            heading(self.document, self.tr("doc.report.outcome"), 2)
            paragraph(self.document, self.outcome_text())

        self.figure(png, self.tr("doc.report.outcome_figure"), dpi, before=outcome_heading)
        heading(self.document, self.tr("doc.aar.strengths"), 2)
        if not d.strengths:
            paragraph(self.document, self.tr("doc.report.no_strengths"))
        for finding in d.strengths:
            heading(self.document, finding.title or "—", 3)
            if finding.description:
                paragraph(self.document, finding.description)
        heading(self.document, self.tr("doc.aar.areas"), 2)
        problems = sorted(d.problems, key=_grade_order)
        if not problems:
            paragraph(self.document, self.tr("doc.report.no_problems"))
        for finding in problems:
            grade = keyed("doc.grade.", finding.grade, self.lang)
            heading(self.document, f"{clean(finding.title) or '—'} ({grade})", 3)
            self.finding_body(finding)


# ---------------------------------------------------------------------------------------------
# The debrief for participants


def build_debrief(data: ReportData, *, fonts: FontSet = ZH_FONTS) -> Document:
    """A short debrief for participants (see the module docstring): no people's names."""
    writer = _Writer(data, fonts)
    doc, tr, lang = writer.document, writer.tr, writer.lang
    doc.core_properties.title = clean(data.drill_title)[:255]
    title(doc, tr("doc.debrief.title", drill=clean(data.drill_title)), tr("doc.debrief.subtitle"))
    outline = writer.outline
    outline.heading(tr("doc.debrief.happened"), 1)
    paragraph(doc, tr("doc.debrief.happened_text",
                      date=moment_text(data.started_at, lang, with_time=False) or "—",
                      incident=clean(data.scenario.incident) or "—",
                      minutes=number(data.duration_min, 0)))  # fmt: skip
    if data.scenario.description:
        paragraph(doc, data.scenario.description)
    key_events = [r for r in sorted(data.timeline, key=lambda r: _minute_key(r.minute))
                  if r.kind in ("inject", "clock")]  # fmt: skip
    if key_events:
        paragraph(doc, tr("doc.debrief.key_events"))
        minute = "第{m}分钟：" if lang == "zh" else "Minute {m}: "
        writer.bullets([minute.format(m=number(r.minute, 0)) + clean(r.what) for r in key_events])
    if data.overall.grade:
        paragraph(doc, tr("doc.debrief.result", grade=clean(data.overall.grade)))
    outline.heading(tr("doc.debrief.strengths"), 1)
    writer.bullets([_headline(f, lang) for f in data.strengths]
                   or [tr("doc.report.no_strengths")])  # fmt: skip
    outline.heading(tr("doc.debrief.improve"), 1)
    problems = sorted(data.problems, key=_grade_order)
    writer.bullets([_headline(f, lang) for f in problems] or [tr("doc.report.no_problems")])
    outline.heading(tr("doc.debrief.next"), 1)
    if data.actions:
        due = "（{d}前）" if lang == "zh" else " (by {d})"
        writer.bullets([
            clean(a.action) + (due.format(d=moment_text(a.due, lang, with_time=False))
                               if a.due else "")
            for a in data.actions
        ])  # fmt: skip
    else:
        paragraph(doc, tr("doc.report.no_actions"))
    paragraph(doc, tr("doc.debrief.thanks"))
    return doc


def _headline(finding: FindingRow, lang: str) -> str:
    text = clean(finding.title)
    if finding.description:
        text += ("：" if lang == "zh" else ": ") + clean(finding.description)
    return text


# ---------------------------------------------------------------------------------------------
# Excel


def report_xlsx(data: ReportData) -> bytes:
    """Every figure of the drill as an .xlsx workbook: summary, scores, items, findings,
    actions, timeline, step outcomes. Text cells stay text (a leading "=" is not a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    lang = data.lang

    def tr(key: str) -> str:
        return t(key, lang=lang)

    book = Workbook()
    bold = Font(bold=True)

    def sheet(name: str, header: Sequence[str], rows: Iterable[Sequence[object]], widths=()):
        ws = book.create_sheet(_sheet_name(name))
        ws.append([_cell(h) for h in header])
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append([_cell(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.data_type == "f":
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[_column(i)].width = width
        return ws

    summary = [
        (tr("doc.report.drill_name"), data.drill_title),
        (tr("doc.report.plan"), data.plan_title),
        (tr("doc.xlsx.version"), data.plan_version),
        (tr("doc.report.type"), keyed("doc.report.type.", data.drill_type, lang)),
        (tr("doc.report.scope"), keyed("doc.report.scope.", data.scope, lang)),
        (tr("doc.report.incident"), data.scenario.incident),
        (tr("doc.report.place"), data.scenario.place),
        (tr("doc.report.level"), data.scenario.level),
        (tr("doc.xlsx.started"), _excel_time(data.started_at)),
        (tr("doc.xlsx.ended"), _excel_time(data.ended_at)),
        (tr("doc.report.duration"), data.duration_min),
        (tr("doc.xlsx.overall_score"), data.overall.score),
        (tr("doc.xlsx.overall_grade"), data.overall.grade),
        (tr("doc.xlsx.overall_coverage"), data.overall.coverage),
    ]
    ws = sheet(tr("doc.xlsx.summary"), [tr("doc.report.fact"), tr("doc.report.value")], summary,
               (24, 60))  # fmt: skip
    ws.cell(row=len(summary) + 1, column=2).number_format = "0%"
    book.remove(book.worksheets[0])  # the empty default sheet
    ws = sheet(tr("doc.xlsx.scores"),
               [tr("doc.report.area"), tr("doc.report.items"), tr("doc.report.coverage"),
                tr("doc.report.score"), tr("doc.report.computed"), tr("doc.report.final"),
                tr("doc.report.reason")],
               [(r.area, r.items, r.coverage, r.score, r.computed_rating, r.final_rating,
                 r.override_reason) for r in data.score_rows],
               (24, 8, 10, 8, 10, 10, 40))  # fmt: skip
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = "0%"
    sheet(tr("doc.xlsx.items"),
          [tr("doc.report.area"), tr("doc.xlsx.step"), tr("doc.report.role"), tr("doc.xlsx.rating"),
           tr("doc.xlsx.timing"), tr("doc.report.minute"), tr("doc.xlsx.limit"),
           tr("doc.xlsx.done_by"), tr("doc.xlsx.note")],
          [(r.area, r.item, r.role, r.rating, r.timing, r.minute, r.limit_min, r.done_by, r.note)
           for r in data.item_rows],
          (18, 36, 16, 10, 10, 8, 10, 16, 40))  # fmt: skip
    sheet(tr("doc.xlsx.findings"),
          [tr("doc.xlsx.title"), tr("doc.xlsx.grade"), tr("doc.report.cause").rstrip("：: "),
           tr("doc.report.target").rstrip("：: "), tr("doc.report.description").rstrip("：: "),
           tr("doc.report.evidence").rstrip("：: "), tr("doc.xlsx.strength")],
          [(f.title, keyed("doc.grade.", f.grade, lang), keyed("doc.cause.", f.cause, lang),
            f.target, f.description, f.evidence,
            tr("doc.yes_mark") if f.strength else tr("doc.no_mark")) for f in data.findings],
          (30, 10, 12, 20, 50, 40, 8))  # fmt: skip
    sheet(tr("doc.xlsx.actions"),
          [tr("doc.report.action_finding"), tr("doc.report.action"), tr("doc.report.owner"),
           tr("doc.report.due"), tr("doc.report.status")],
          [(a.finding, a.action, a.owner, _excel_time(a.due), keyed("doc.status.", a.status, lang))
           for a in data.actions],
          (30, 50, 16, 14, 10))  # fmt: skip
    sheet(tr("doc.xlsx.timeline"),
          [tr("doc.report.minute"), tr("doc.report.lane"), tr("doc.report.what"),
           tr("doc.report.performer")],
          [(r.minute, r.lane, r.what, r.who)
           for r in sorted(data.timeline, key=lambda r: _minute_key(r.minute))],
          (8, 24, 50, 20))  # fmt: skip
    sheet(tr("doc.xlsx.outcome"), [tr("doc.xlsx.step"), tr("doc.xlsx.result")],
          [(step, t(f"draw.outcome.{value}", lang=lang) if value in (*OUTCOMES, "not_observed")
            else value) for step, value in data.outcome.items()], (16, 20))  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:31] or "Sheet"


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _cell(value):
    """A value openpyxl can store: text without the control characters Excel refuses,
    timezone-free datetimes (shown in their own wall-clock time)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, (int, float, bool)):
        return value
    if isinstance(value, (datetime, date)):
        return _excel_time(value)
    return ILLEGAL_CHARACTERS_RE.sub("", clean(value))


def _excel_time(value):
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


__all__ = ["build_debrief", "build_evaluation_report", "report_xlsx", "to_docx_bytes"]
