"""The signable sections both evaluation documents share (a mixin of
drills.report_writer.ReportWriter): the drill objectives with their capability areas, phases
and ratings, the evaluation criteria and team, the per-area conclusions, the lead's cause
analysis, the conclusion in prose, the signature block and the HSEEP Improvement Plan matrix."""

from __future__ import annotations

from drills.report_model import FindingRow
from drills.report_text import joined, keyed, moment_text
from i18n.glossary import FINDING_CAUSES, POETE_ELEMENTS, QUALITY_MARKS
from plans.docx_layout import landscape_section, portrait_section, text_block_mm
from plans.docx_style import clean, heading, labelled, paragraph

BLANK = "＿" * 8


class SignoffSections:
    """Sections of the signable evaluation documents."""

    def objectives_list(self) -> None:
        """The drill's objectives, each with its capability areas and plan phases."""
        rows = self.data.objectives
        if not rows:
            paragraph(self.document, self.tr("signoff.doc.no_objectives"))
            return
        zh = self.lang == "zh"
        for n, row in enumerate(rows, start=1):
            parts = (joined(row.areas, self.lang), joined(row.phases, self.lang))
            tags = ("；" if zh else "; ").join(x for x in parts if x)
            text = clean(row.text)
            if tags:
                text = self.tr("common.bracketed", text=text, aside=tags)
            paragraph(self.document, f"（{n}）{text}" if zh else f"{n}. {text}")

    def objectives_table(self, *, marks: bool = False) -> None:
        """Each objective with its capability areas, phases and the lead's rating and note; with
        `marks` one column per P/S/M/U (the HSEEP summary of capability performance)."""
        rows = self.data.objectives
        if not rows:
            paragraph(self.document, self.tr("signoff.doc.no_objectives"))
            return
        head = [
            self.tr("doc.no"),
            self.tr("signoff.doc.objective"),
            self.tr("common.capability"),
            self.tr("common.plan_phases"),
        ]
        if marks:
            cells = [
                (
                    n,
                    r.text,
                    joined(r.areas, self.lang),
                    joined(r.phases, self.lang),
                    *("X" if r.rating == m else "" for m in QUALITY_MARKS),
                    self._met(r),
                )
                for n, r in enumerate(rows, start=1)
            ]
            self.table(
                [*head, *QUALITY_MARKS, self.tr("signoff.doc.note")],
                cells,
                widths_mm=(9, 46, 26, 22, 7, 7, 7, 7, 25),
                align_center=(0, 4, 5, 6, 7),
            )
            return
        cells = [
            (
                n,
                r.text,
                joined(r.areas, self.lang),
                joined(r.phases, self.lang),
                r.rating or self.tr("eval.not_rated"),
                self._met(r),
            )
            for n, r in enumerate(rows, start=1)
        ]
        self.table(
            [*head, self.tr("common.rating"), self.tr("signoff.doc.note")],
            cells,
            widths_mm=(9, 50, 26, 22, 14, 35),
            align_center=(0, 4),
        )

    def _met(self, row) -> str:
        from drills.signoff import objective_met

        met = objective_met(row.rating)
        said = self.tr(f"signoff.met.{met}") if met else self.tr("signoff.met.unrated")
        return f"{said}{'：' if self.lang == 'zh' else ': '}{clean(row.note)}" if row.note else said

    def criteria_and_team(self, subheading) -> None:
        """The evaluation criteria and the evaluation team with posts and display names."""
        d = self.data
        subheading(self.tr("common.criteria"))
        for line in (d.criteria or self.tr("signoff.doc.criteria_default")).splitlines():
            if line.strip():
                paragraph(self.document, line.strip())
        subheading(self.tr("common.evaluation_team"))
        if not d.team:
            paragraph(self.document, self.tr("common.none"))
            return
        self.table(
            [self.tr("doc.no"), self.tr("common.post"), self.tr("common.person_name")],
            [(n, m.post, m.name) for n, m in enumerate(d.team, start=1)],
            widths_mm=(12, 50, 94),
            align_center=(0,),
        )

    def area_conclusions(self, subheading) -> None:
        """Each capability area's conclusion and, where the lead wrote one, its cause analysis."""
        rows = self.data.area_conclusions
        if not rows:
            paragraph(self.document, self.tr("signoff.doc.no_areas"))
        for row in rows:
            area = clean(row.area)
            if row.rating:
                area = self.tr("common.bracketed", text=area, aside=row.rating)
            subheading(area)
            self.prose(row.text)
            if row.cause:
                labelled(self.document, self.tr("doc.report.cause"), row.cause)

    def prose(self, text: str) -> None:
        """The lead's text as paragraphs (one per line written)."""
        for line in (text or "").splitlines():
            if line.strip():
                paragraph(self.document, line.strip())

    def cause_lines(self, finding: FindingRow) -> None:
        """The cause category, then the lead's own analysis (never the category again)."""
        if finding.cause:
            labelled(
                self.document,
                self.tr("signoff.doc.cause_kind"),
                keyed(FINDING_CAUSES, finding.cause, self.lang),
            )
        if finding.cause_analysis:
            labelled(self.document, self.tr("doc.report.cause"), finding.cause_analysis)

    def signature_block(self) -> None:
        """评估组长（签字） ____ 日期 ____ 单位（盖章） / Lead evaluator, Date, Organization (seal)."""
        paragraph(self.document)
        d = self.data
        leads = joined(d.evaluation_leads, self.lang)
        lines = [
            self.tr("signoff.doc.sign_lead", blank=BLANK, names=leads or BLANK),
            self.tr("signoff.doc.sign_date", blank=BLANK),
            self.tr("signoff.doc.sign_unit", unit=clean(d.unit) or BLANK),
        ]
        for line in lines:  # kept together on one page, as one signs them
            paragraph(self.document, line, indent=False).paragraph_format.keep_with_next = True

    def improvement_matrix(self) -> None:
        """The HSEEP Improvement Plan on landscape pages: capability, area for improvement,
        corrective action, capability element, primary responsible organization, point of
        contact, start and completion dates."""
        actions = self.data.actions
        landscape_section(self.document, self.lang)
        heading(self.document, self.tr("doc.aar.improvement_plan"), 1)
        if not actions:
            paragraph(self.document, self.tr("doc.report.no_actions"))
        else:
            header = [
                self.tr(key)
                for key in (
                    "common.capability",
                    "common.area_for_improvement",
                    "common.action",
                    "signoff.ip.element",
                    "signoff.ip.organization",
                    "signoff.ip.contact",
                    "common.start_date",
                    "common.completion_date",
                )
            ]
            rows = [
                (
                    a.capability,
                    a.finding,
                    a.action,
                    keyed(POETE_ELEMENTS, a.element, self.lang),
                    a.organization,
                    a.contact or a.owner,
                    moment_text(a.start, self.lang, with_time=False),
                    moment_text(a.due, self.lang, with_time=False),
                )
                for a in actions
            ]
            width = text_block_mm(self.lang, landscape=True)[0]
            share = (30, 40, 48, 24, 34, 26, 22, 23)
            self.table(header, rows, widths_mm=[width * s / sum(share) for s in share])
        portrait_section(self.document, self.lang)


__all__ = ["BLANK", "SignoffSections"]
