"""The debrief of a drill for participants without an account (drills.report_model.ReportData
in, a Word document out): what happened, what went well, what to improve, the next steps. Only
what participants should see: no evaluator, director or insider names, no evidence, no score or
grade, and none of the evaluators' own coverage gaps (drills.report_model.INTERNAL_FINDINGS)."""

from __future__ import annotations

from docx.document import Document

from drills.report_model import FindingRow, ReportData
from drills.report_text import grade_order, minute_key, moment_text, number
from drills.report_writer import ReportWriter
from plans.docx_style import ZH_FONTS, FontSet, clean, paragraph, title


def build_debrief(data: ReportData, *, fonts: FontSet = ZH_FONTS) -> Document:
    """A short debrief for participants (see the module docstring): no people's names."""
    writer = ReportWriter(data, fonts)
    doc, tr, lang = writer.document, writer.tr, writer.lang
    doc.core_properties.title = clean(data.drill_title)[:255]
    head = title(
        doc, tr("doc.debrief.title", drill=clean(data.drill_title)), tr("doc.debrief.subtitle")
    )
    head.paragraph_format.keep_together = True
    outline = writer.outline
    outline.heading(tr("doc.debrief.happened"), 1)
    incident = clean(data.scenario.incident).strip()
    # no incident type: no "scenario “—”" phrase, the sentence says when and how long only
    paragraph(
        doc,
        tr(
            "doc.debrief.happened_text" if incident else "doc.debrief.happened_text_no_incident",
            date=moment_text(data.started_at, lang, with_time=False) or "—",
            incident=incident,
            minutes=number(data.duration_min, 0),
        ),
    )
    if data.scenario.description:
        paragraph(doc, data.scenario.description)
    key_events = [
        r
        for r in sorted(data.timeline, key=lambda r: minute_key(r.minute))
        if r.kind in ("inject", "clock")
    ]
    if key_events:
        paragraph(doc, tr("doc.debrief.key_events"))
        minute = "第{m}分钟：" if lang == "zh" else "Minute {m}: "
        writer.bullets([minute.format(m=number(r.minute, 0)) + clean(r.what) for r in key_events])
    outline.heading(tr("common.what_went_well"), 1)
    # a strength drafted from an area's rating is described by its score: the title only
    writer.bullets(
        [_headline(f, lang, describe=f.kind != "strength") for f in data.strengths]
        or [tr("doc.report.no_strengths")]
    )
    outline.heading(tr("common.what_to_improve"), 1)
    problems = sorted(data.participant_problems, key=grade_order)
    writer.bullets([_headline(f, lang) for f in problems] or [tr("doc.report.no_problems")])
    outline.heading(tr("doc.debrief.next"), 1)
    if data.actions:
        due = "（{d}前）" if lang == "zh" else " (by {d})"
        writer.bullets(
            [
                clean(a.action)
                + (due.format(d=moment_text(a.due, lang, with_time=False)) if a.due else "")
                for a in data.actions
            ]
        )
    else:
        paragraph(doc, tr("doc.report.no_actions"))
    paragraph(doc, tr("doc.debrief.thanks"))
    return doc


def _headline(finding: FindingRow, lang: str, *, describe: bool = True) -> str:
    text = clean(finding.title)
    if finding.description and describe:
        text += ("：" if lang == "zh" else ": ") + clean(finding.description)
    return text


__all__ = ["build_debrief"]
