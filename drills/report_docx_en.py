"""The English evaluation report of a drill: an HSEEP-style After-Action Report / Improvement
Plan (executive summary, overview, analysis of capabilities, improvement plan matrix, appendices
with the timeline, the proof of blindness and the participants). drills.report_docx chooses it."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from drills.report_text import grade_order, keyed, moment_text, number, percent
from drills.report_writer import ReportWriter
from i18n.glossary import FINDING_GRADES, QUALITY_MARKS
from plans.docx_style import clean, heading, labelled, paragraph, title


class AfterActionReport(ReportWriter):
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
        self.method_text()
        heading(self.document, self.tr("doc.aar.timeline"), 1)
        self.conduct_text(timeline_png, timeline_dpi)
        self.analysis(outcome_png, outcome_dpi)
        heading(self.document, self.tr("common.conclusion"), 1)
        self.prose(d.conclusion or self.overall_text())
        self.signature_block()
        self.improvement_matrix()
        heading(self.document, self.tr("doc.aar.appendix_record"), 1)
        self.record_section()
        self.annex_start(0, self.tr("doc.aar.appendix_timeline"))
        self.timeline_table()
        self.annex_start(0, self.tr("doc.aar.appendix_blindness"))
        self.reveal_log()
        self.annex_start(0, self.tr("doc.aar.appendix_participants"))
        self.participants()
        if d.photos:
            self.annex_start(0, self.tr("doc.aar.appendix_photos"))
            self.photo_annex()

    def summary(self) -> None:
        d = self.data
        heading(self.document, self.tr("doc.aar.summary"), 1)
        plan = clean(d.plan_title) + (f" ({clean(d.plan_version)})" if d.plan_version else "")
        paragraph(
            self.document,
            self.tr(
                "doc.aar.summary_text",
                drill=clean(d.drill_title),
                date=moment_text(d.started_at, self.lang, with_time=False) or "—",
                plan=plan,
                score=number(d.overall.score),
                grade=clean(d.overall.grade) or "—",
                coverage=percent(d.overall.coverage),
            ),
        )
        heading(self.document, self.tr("doc.aar.major_strengths"), 2)
        self.bullets([f.title for f in d.strengths] or [self.tr("doc.report.no_strengths")])
        heading(self.document, self.tr("doc.aar.improvement_areas"), 2)
        problems = sorted(d.problems, key=grade_order)
        self.bullets([f.title for f in problems] or [self.tr("doc.report.no_problems")])

    def overview(self) -> None:
        heading(self.document, self.tr("doc.aar.overview"), 1)
        facts = self.facts()
        self.table(
            [self.tr("doc.report.fact"), self.tr("common.content")],
            facts,
            widths_mm=(40, 116),
            bold_first_column=True,
        )
        heading(self.document, self.tr("signoff.doc.objectives"), 2)
        self.objectives_list()
        self.criteria_and_team(lambda text: heading(self.document, text, 2))

    def analysis(self, png, dpi) -> None:
        d = self.data
        heading(self.document, self.tr("doc.aar.analysis"), 1)
        heading(self.document, self.tr("doc.aar.rating_table"), 2)
        rows = []
        for r in d.score_rows:
            final = r.final_rating or r.computed_rating
            marks = ["X" if final == rating else "" for rating in QUALITY_MARKS]
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
            rows.append(
                (r.area, r.items, percent(r.coverage), self.score_text(r.score), *marks, note)
            )
        self.table(
            [
                self.tr("doc.report.area"),
                self.tr("common.items"),
                self.tr("doc.report.coverage"),
                self.tr("common.score"),
                *QUALITY_MARKS,
                self.tr("review.col.reason"),
            ],
            rows,
            widths_mm=(34, 13, 18, 14, 8, 8, 8, 8, 45),
            align_center=(1, 2, 3, 4, 5, 6, 7),
        )
        paragraph(self.document, self.tr("doc.report.rating_legend"))
        paragraph(self.document, self.overall_text())
        self.not_rated_note()
        self.low_coverage_note()

        def outcome_heading(_document) -> None:
            heading(self.document, self.tr("doc.report.outcome"), 2)
            paragraph(self.document, self.outcome_text())

        self.figure(png, self.tr("doc.report.outcome"), dpi, before=outcome_heading)
        heading(self.document, self.tr("signoff.doc.objectives_performance"), 2)
        self.objectives_table(marks=True)
        self.by_capability()

    def by_capability(self) -> None:
        """Per capability: its rating and conclusion, its objectives, then its strengths and
        areas for improvement (findings of no capability last, under "General")."""
        d = self.data
        findings = sorted(d.findings, key=grade_order)
        order = [c.area for c in d.area_conclusions]
        order += [f.area for f in findings if f.area not in order]
        for capability in order:
            name = capability or self.tr("signoff.general")
            heading(self.document, self.tr("signoff.doc.capability_heading", area=name), 2)
            conclusion = next((c for c in d.area_conclusions if c.area == capability), None)
            if conclusion is not None:
                if conclusion.rating:
                    labelled(
                        self.document,
                        self.tr("signoff.doc.rating_label"),
                        QUALITY_MARKS.label(conclusion.rating, self.lang),
                    )
                self.prose(conclusion.text)
                if conclusion.cause:
                    labelled(self.document, self.tr("doc.report.cause"), conclusion.cause)
            for objective in (o for o in d.objectives if capability in o.areas):
                labelled(
                    self.document,
                    self.tr("signoff.doc.objective_label"),
                    f"{clean(objective.text)} — {self._met(objective)}"
                    + (f" ({objective.rating})" if objective.rating else ""),
                )
            mine = [f for f in findings if f.area == capability]
            strengths = [f for f in mine if f.strength]
            problems = [f for f in mine if not f.strength]
            heading(self.document, self.tr("doc.aar.strengths"), 3)
            if not strengths:
                paragraph(self.document, self.tr("doc.report.no_strengths"))
            for n, finding in enumerate(strengths, start=1):
                labelled(
                    self.document, self.tr("signoff.doc.strength_n", n=n), clean(finding.title)
                )
                if finding.description:
                    paragraph(self.document, finding.description)
            heading(self.document, self.tr("doc.aar.areas"), 3)
            if not problems:
                paragraph(self.document, self.tr("doc.report.no_problems"))
            for n, finding in enumerate(problems, start=1):
                grade = keyed(FINDING_GRADES, finding.grade, self.lang)
                labelled(
                    self.document,
                    self.tr("signoff.doc.improvement_n", n=n),
                    f"{clean(finding.title) or '—'} ({grade})",
                )
                self.finding_body(finding)


__all__ = ["AfterActionReport"]
