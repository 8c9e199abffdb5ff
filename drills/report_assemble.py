"""The evaluation report's input from a drill's record: scoring, proposed findings, timeline,
outcome per plan step and the reveal log, in the report's language. Pure: callers pass what the
store returned."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from drills.actions import CorrectiveAction, ParticipantReview
from drills.clock import clock_from
from drills.findings import Finding, propose_findings
from drills.model import ChecklistItem, ClockEvent, DrillDesign, Inject, Observation, RevealEvent
from drills.report_model import (
    WITHHELD,
    ActionRow,
    BlindingFacts,
    FindingRow,
    ItemRow,
    Overall,
    ParticipantRow,
    ReportData,
    RevealRow,
    ReviewRow,
    ScenarioFacts,
    ScoreRow,
    TimelineRow,
)
from drills.scoring import RatingOverride, score_drill
from drills.state import fold
from i18n import t
from plans.model import Plan

CAUSE_KEYS = {"resources": "equipment"}  # the scoring's cause id -> the report's


def outcome_by_step(plan: Plan, evaluation) -> dict[str, str]:
    """plan step id -> on_time | late | missed | out_of_scope, for the coloured flow chart."""
    found = {}
    for result in evaluation.items:
        step = result.item.step_id
        if step is None:
            continue
        if result.performed in ("not_done", "not_observed"):
            found[step] = "missed"
        elif result.performed == "na":
            found[step] = "out_of_scope"
        else:
            found[step] = "late" if result.on_time is False else "on_time"
    return {s.id: found.get(s.id, "out_of_scope") for s in plan.steps}


def report_data(
    design: DrillDesign,
    plan: Plan,
    checklist: Sequence[ChecklistItem],
    observations: Sequence[Observation],
    clock_events: Sequence[ClockEvent],
    released: Sequence[tuple[Inject, datetime]],
    reveal: Sequence[RevealEvent],
    *,
    lang: str,
    plan_version: str = "",
    participants: Mapping[str, Sequence[str]] | None = None,
    weights: Mapping[str, float] | None = None,
    overrides: Iterable[RatingOverride] = (),
    findings: Sequence[Finding] | None = None,
    actions: Sequence[CorrectiveAction] = (),
    reviews: Sequence[ParticipantReview] = (),
    findings_lang: str | None = None,
):
    """(ReportData, Evaluation, proposed findings) of an ended (or running) drill.

    `weights` and `overrides` are the organisation's area weights and the evaluators' rating
    overrides; `findings` are the findings as the evaluation lead edited them (rejected ones are
    left out of the report; None: the report shows the proposals), `actions` their corrective
    actions, `reviews` the participants' own reviews (shown by role, without names). Proposed
    findings are worded in `findings_lang` (default `lang`): they are stored once and edited, so
    callers pass the plan's language rather than the reader's."""
    clock = clock_from(clock_events)
    state = fold(checklist, observations, clock)
    evaluation = score_drill(
        checklist, state, clock, released, weights=weights, overrides=overrides
    )
    proposed = propose_findings(checklist, evaluation, state, plan, lang=findings_lang or lang)
    shown = proposed if findings is None else [f for f in findings if f.status != "rejected"]
    titles = {f.id: f.title for f in shown}
    names = {r.id: r.name for r in plan.roles}
    steps = {s.id: s.name for s in plan.steps}
    level = next((lv.name for lv in plan.levels if lv.id == design.level), "")
    b = design.blinding
    withheld = tuple(
        aspect
        for aspect, flag in zip(
            WITHHELD,
            (b.withhold_time, b.withhold_place, b.withhold_scenario, b.withhold_subject),
            strict=True,
        )
        if flag
    )
    data = ReportData(
        lang=lang,
        drill_title=design.title,
        plan_title=plan.title,
        plan_version=plan_version,
        drill_type=design.drill_type,
        scope=design.scope,
        scenario=ScenarioFacts(
            design.scenario.incident_type, design.scenario.place, design.scenario.description, level
        ),
        started_at=clock.t0,
        ended_at=clock.ended_at,
        duration_min=clock.elapsed_min(clock.ended_at) if clock.ended_at else None,
        directors=tuple(design.directors),
        evaluators=tuple(e.username for e in design.evaluators),
        evaluation_leads=tuple(design.evaluation_leads),
        participants_roles=tuple(
            ParticipantRow(
                names.get(role, role),
                "、".join(sorted(u for u, roles in (participants or {}).items() if role in roles)),
            )
            for role in (design.participating_roles or tuple(names))
        ),
        blinding=BlindingFacts(withheld, tuple(b.notified_units)),
        reveal_log=tuple(
            RevealRow(e.at, e.person or e.by, t(f"drillpage.reveal.{e.kind}", lang=lang))
            for e in reveal
        ),
        timeline=_timeline(observations, released, clock_events, clock, checklist, names, lang),
        score_rows=tuple(
            ScoreRow(
                t(f"scoring.area.{a.area}", lang=lang),
                a.counts.total,
                a.coverage,
                a.score,
                a.computed_rating or "",
                a.rating or "",
                a.override.reason if a.override else "",
            )
            for a in evaluation.areas
            if a.counts.total
        ),
        overall=Overall(
            evaluation.score,
            t(f"scoring.grade.{evaluation.grade}", lang=lang) if evaluation.grade else "",
            evaluation.coverage,
        ),
        findings=tuple(
            FindingRow(
                f.title,
                f.description,
                CAUSE_KEYS.get(f.cause or "", f.cause or ""),
                f.grade or "improvement",
                steps.get(f.step_id or "", "") or names.get(f.role_id or "", ""),
                t("drillpage.evidence_count", lang=lang, n=len(f.evidence)),
                f.strength,
                f.id,
            )
            for f in shown
        ),
        actions=tuple(
            ActionRow(
                titles.get(a.finding_id, a.finding_id),
                a.action,
                a.owner,
                a.due,
                a.status,
                a.verification,
            )
            for a in actions
            if a.finding_id in titles
        ),
        outcome=outcome_by_step(plan, evaluation),
        item_rows=tuple(
            ItemRow(
                t(f"scoring.area.{r.area}", lang=lang),
                r.item.name,
                names.get(r.item.lead or "", ""),
                t(f"drills.rating.{r.performed}", lang=lang),
                ""
                if r.on_time is None
                else t("doc.timing.late" if r.late else "doc.timing.on_time", lang=lang),
                None if r.happened_min is None else round(r.happened_min, 1),
                r.item.time_limit_min,
                names.get(r.done_by or "", r.done_by or ""),
                r.note,
            )
            for r in evaluation.items
        ),
        reviews=tuple(
            ReviewRow(names.get(r.role or "", r.role or ""), r.went_well, r.to_improve, r.rating)
            for r in reviews
        ),
    )
    return data, evaluation, proposed


def _timeline(observations, released, clock_events, clock, checklist, names, lang):
    items = {i.id: i for i in checklist}
    rows = [
        TimelineRow(
            clock.minute_of(e.at),
            t("drillpage.clock_lane", lang=lang),
            t(f"drills.clock.event.{e.kind}", lang=lang),
            e.by,
            "clock",
        )
        for e in clock_events
    ]
    rows += [
        TimelineRow(
            clock.minute_of(at), t("drillpage.injects_lane", lang=lang), inject.title, "", "inject"
        )
        for inject, at in released
    ]
    for o in observations:
        if o.kind != "item" or o.item_id not in items:
            continue
        item = items[o.item_id]
        lane = names.get(o.done_by or (item.roles[0] if item.roles else ""), "")
        rows.append(
            TimelineRow(
                clock.minute_of(o.happened_at),
                lane or "—",
                f"{item.name}：{t(f'drills.rating.{o.rating}', lang=lang)}",
                o.evaluator,
                o.rating or "",
            )
        )
    return tuple(sorted(rows, key=lambda r: r.minute))


def evaluation_report_bytes(data: ReportData, plan: Plan, *, level: str | None = None) -> bytes:
    """The evaluation report as a .docx file, with its timeline and outcome-coloured flow chart
    (left out, not failed, when the dot program is missing)."""
    from drills.report_charts import outcome_chart_png, timeline_png
    from drills.report_docx import build_evaluation_report
    from plans.docx_style import to_docx_bytes
    from plans.draw import DrawError

    try:
        timeline = timeline_png(data.timeline, data.lang) if data.timeline else None
        outcome = (
            outcome_chart_png(plan, data.outcome, data.lang, level=level) if plan.steps else None
        )
    except DrawError:
        timeline = outcome = None
    return to_docx_bytes(build_evaluation_report(data, timeline_png=timeline, outcome_png=outcome))
