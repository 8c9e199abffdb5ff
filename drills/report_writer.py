"""The shared part of the drill documents: `ReportWriter` holds the document, its numbered
outline and its figure count, and writes the pieces the evaluation report (drills.report_docx,
drills.report_docx_en) and the debrief (drills.report_debrief) have in common."""

from __future__ import annotations

from collections.abc import Sequence

from drills.report_model import FindingRow, ReportData
from drills.report_process import ProcessRecord
from drills.report_signing import SignoffSections
from drills.report_text import joined, keyed, minute_key, moment_text, number, percent
from i18n import t
from i18n.glossary import ACTION_STATUSES, BLINDING_ASPECTS, DRILL_SCOPES, DRILL_TYPES
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
    title,
)

LOW_COVERAGE = 0.8  # below this share of observed items a score is flagged as uncertain


class ReportWriter(ProcessRecord, SignoffSections):
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

    def figure(
        self, png: bytes | None, caption: str, dpi: float, before=None, fill_width: bool = False
    ) -> None:
        if not png:
            if before is not None:
                before(self.document)
            return
        self.figures += 1
        figure(
            self.document,
            png,
            lang=self.lang,
            dpi=dpi,
            before=before,
            fill_width=fill_width,
            caption=self.tr("doc.figure", n=self.figures, title=caption),
        )

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
        rows = sorted(self.data.timeline, key=lambda r: minute_key(r.minute))
        if not rows:
            paragraph(self.document, self.tr("doc.report.timeline_empty"))
            return
        self.table(
            [
                self.tr("doc.report.minute"),
                self.tr("doc.report.lane"),
                self.tr("doc.report.what"),
                self.tr("doc.report.performer"),
            ],
            [(number(r.minute, 1), r.lane, r.what, r.who) for r in rows],
            widths_mm=(16, 36, 74, 30),
            align_center=(0,),
        )

    def reveal_log(self) -> None:
        d = self.data
        paragraph(self.document, self.tr("doc.report.reveal_intro"))
        paragraph(self.document, self.blinding_text())
        if not d.reveal_log:
            paragraph(self.document, self.tr("doc.report.reveal_empty"))
            return
        self.table(
            [
                self.tr("doc.no"),
                self.tr("common.time"),
                self.tr("common.people"),
                self.tr("eval.record.what"),
            ],
            [
                (n, moment_text(r.at, self.lang), r.who, r.event)
                for n, r in enumerate(d.reveal_log, start=1)
            ],
            widths_mm=(12, 44, 36, 64),
            align_center=(0,),
        )

    def participants(self) -> None:
        rows = self.data.participants_roles
        if not rows:
            paragraph(self.document, self.tr("common.none"))
            return
        self.table(
            [self.tr("doc.no"), self.tr("common.body_post"), self.tr("common.people")],
            [(n, p.role, p.people) for n, p in enumerate(rows, start=1)],
            widths_mm=(12, 60, 84),
            align_center=(0,),
        )
        self.reviews()

    def reviews(self) -> None:
        """The participants' own reviews, by role (names left out), with their mean rating."""
        rows = self.data.reviews
        if not rows:
            return
        rated = [r.rating for r in rows if r.rating]
        mean = number(sum(rated) / len(rated)) if rated else "—"
        paragraph(self.document, self.tr("doc.report.reviews", n=len(rows), mean=mean))
        self.table(
            [
                self.tr("doc.no"),
                self.tr("common.body_post"),
                self.tr("common.what_went_well"),
                self.tr("common.what_to_improve"),
                self.tr("doc.report.self_rating"),
            ],
            [
                (n, r.role or "—", r.went_well, r.to_improve, r.rating or "")
                for n, r in enumerate(rows, start=1)
            ],
            widths_mm=(12, 30, 50, 50, 14),
            align_center=(0, 4),
        )

    def blinding_text(self) -> str:
        blinding = self.data.blinding
        if blinding.double_blind:
            return self.tr("doc.report.double_blind")
        parts = []
        if blinding.withheld:
            # the document says each aspect in a phrase of its own ("演练情景" rather than "情景")
            items = joined(
                (
                    self.tr(f"doc.report.withheld.{w}") if w in BLINDING_ASPECTS else w
                    for w in blinding.withheld
                ),
                self.lang,
            )
            parts.append(self.tr("doc.report.withheld", items=items))
        if blinding.notified_units:
            parts.append(
                self.tr("doc.report.notified", units=joined(blinding.notified_units, self.lang))
            )
        return ("" if self.lang == "zh" else " ").join(parts) or self.tr("common.none")

    def outcome_text(self) -> str:
        """How many checklist items ended in each category (the same counts as the screen)."""
        counts = self.data.categories
        return self.tr("eval.counts", total=sum(counts.values()), **counts)

    def not_rated_note(self) -> None:
        if self.data.not_rated:
            paragraph(
                self.document,
                self.tr("eval.not_rated_note", areas=joined(self.data.not_rated, self.lang)),
            )

    def score_text(self, score: float | None) -> str:
        """A score, or "not rated" when there was nothing to score (never 0 or None)."""
        return self.tr("eval.not_rated") if score is None else number(score)

    def subheading(self, text: str) -> None:
        if self.lang == "zh":
            paragraph(self.document, text, bold=True, indent=False)
        else:
            heading(self.document, text, 2)

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
            (self.tr("drillpage.title"), d.drill_title),
            (self.tr("doc.report.plan"), plan),
            (self.tr("doc.report.type"), keyed(DRILL_TYPES, d.drill_type, self.lang)),
            (self.tr("doc.report.scope"), keyed(DRILL_SCOPES, d.scope, self.lang)),
            (self.tr("doc.report.time"), self.when()),
            (self.tr("doc.report.duration"), self.duration()),
            (self.tr("drillpage.incident"), scenario.incident),
            (self.tr("doc.report.place"), scenario.place),
            (self.tr("common.level"), scenario.level),
            (self.tr("doc.report.scenario"), scenario.description),
            (self.tr("doc.report.directors"), joined(d.directors, self.lang)),
            (
                self.tr("doc.report.participants"),
                joined((p.role for p in d.participants_roles), self.lang),
            ),
            (self.tr("doc.report.blinding"), self.blinding_text()),
        ]

    def finding_body(self, finding: FindingRow, *, evidence: bool = True) -> None:
        if finding.description:
            labelled(self.document, self.tr("doc.report.description"), finding.description)
        self.cause_lines(finding)
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
            (
                n,
                a.finding,
                a.action,
                a.owner,
                moment_text(a.due, self.lang, with_time=False),
                keyed(ACTION_STATUSES, a.status, self.lang),
            )
            for n, a in enumerate(actions, start=1)
        ]
        header = [
            self.tr("doc.no"),
            self.tr("doc.aar.issue" if english_matrix else "doc.report.action_finding"),
            self.tr("common.action"),
            self.tr("doc.report.owner"),
            self.tr("common.completion_date" if english_matrix else "doc.report.due"),
            self.tr("common.status"),
        ]
        self.table(header, rows, widths_mm=(10, 40, 50, 24, 18, 14), align_center=(0,))

    def method_text(self) -> None:
        """How the drill was evaluated, by whom, and what coverage means."""
        d = self.data
        paragraph(self.document, d.evaluation_method or self.tr("doc.report.method_default"))
        if d.evaluation_leads or d.evaluators:
            people = joined(
                [*d.evaluation_leads, *(e for e in d.evaluators if e not in d.evaluation_leads)],
                self.lang,
            )
            colon = "：" if self.lang == "zh" else ": "
            labelled(self.document, self.tr("doc.report.evaluators") + colon, people)
        paragraph(self.document, self.tr("doc.report.coverage_note"))

    def conduct_text(self, png: bytes | None, dpi: float) -> None:
        """When the drill ran, how long, how many events; then the timeline chart."""
        d = self.data
        if d.started_at or d.ended_at:
            paragraph(
                self.document,
                self.tr(
                    "doc.report.conduct_summary",
                    start=moment_text(d.started_at, self.lang) or "—",
                    end=moment_text(d.ended_at, self.lang) or "—",
                    minutes=number(d.duration_min, 0),
                    events=len(d.timeline),
                ),
            )
        self.figure(png, self.tr("doc.report.timeline_figure"), dpi, fill_width=True)

    def low_coverage_note(self) -> None:
        """Name the areas whose scores rest on too few observed items, if any."""
        rows = self.data.score_rows
        low = [r.area for r in rows if r.coverage is not None and r.coverage < LOW_COVERAGE]
        if low:
            paragraph(
                self.document,
                self.tr(
                    "doc.report.low_coverage",
                    limit=percent(LOW_COVERAGE),
                    areas=joined(low, self.lang),
                ),
            )


__all__ = ["LOW_COVERAGE", "ReportWriter"]
