"""The documents' input from a drill's one evaluation (drills.evaluation): scores, categories,
proposed findings, the process record, conflicts, photos, timeline, outcome per plan step and
the reveal log, in the report's language with display names. Pure: callers pass what the store
returned."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from drills.actions import CorrectiveAction, ParticipantReview
from drills.clock import clock_from
from drills.conflicts import Settlement
from drills.evaluation import DrillEvaluation, category_of, evaluate
from drills.findings import Finding, propose_findings
from drills.model import ChecklistItem, ClockEvent, DrillDesign, Inject, Observation, RevealEvent
from drills.ratings import RatingOverride
from drills.report_model import (
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
from drills.report_record import (
    amendment_text,
    conflict_rows,
    evidence_text,
    photo_rows,
    record_rows,
)
from i18n import join_names, t
from i18n.glossary import (
    BLINDING_ASPECTS,
    CAPABILITY_AREAS,
    CLOCK_EVENTS,
    OUTCOME_CATEGORIES,
    REVEAL_EVENTS,
    SCORE_GRADES,
)
from plans.model import Plan


def outcome_by_step(plan: Plan, evaluation) -> dict[str, str]:
    """plan step id -> its item's category (OUTCOME_CATEGORIES), "out_of_scope" for a
    step with no checklist item, for the coloured flow chart."""
    found = {}
    for result in evaluation.items:
        step = result.item.step_id
        if step is not None:
            found[step] = category_of(result.performed, result.on_time)
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
    names: Mapping[str, str] | None = None,
    photos: Mapping[str, bytes] | None = None,
    settlements: Iterable[Settlement] = (),
    evaluation: DrillEvaluation | None = None,
    proposed: Sequence[Finding] | None = None,
):
    """(ReportData, DrillEvaluation, proposed findings) of an ended (or running) drill.

    The evaluation is computed once (drills.evaluation.evaluate) unless the caller passes the
    one it computed (and the findings proposed from it): documents in another language are
    then made from the same evaluation. `weights` and `overrides` are the organisation's area
    weights and the evaluators' rating overrides; `findings` are the findings as the evaluation
    lead edited them (rejected ones are left out; None: the report shows the proposals),
    `actions` their corrective actions, `reviews` the participants' own reviews (shown by role,
    without names), `names` user name -> display name (documents never show login names),
    `photos` photo id -> bytes, `settlements` the lead's decisions on conflicts. Proposed
    findings are worded in `findings_lang` (default `lang`): they are stored once and edited,
    so callers pass the plan's language rather than the reader's."""
    clock = clock_from(clock_events)
    if evaluation is None:
        evaluation = evaluate(
            checklist,
            observations,
            clock,
            released,
            weights=weights,
            overrides=overrides,
            settlements=settlements,
            injects=design.injects,
        )
        proposed = None
    if proposed is None:
        proposed = propose_findings(
            checklist, evaluation.scores, evaluation.state, plan, lang=findings_lang or lang
        )
    shown = proposed if findings is None else [f for f in findings if f.status != "rejected"]
    titles = {f.id: f.title for f in shown}
    roles = {r.id: r.name for r in plan.roles}
    steps = {s.id: s.name for s in plan.steps}
    items = {i.id: i.name for i in checklist}

    def who(username: str) -> str:
        return (names or {}).get(username, username) if username else ""

    photo_table = photo_rows(evaluation, photos or {}, items, who, lang)
    record = record_rows(evaluation, items, roles, who, [p.id for p in photo_table], lang)
    level = next((lv.name for lv in plan.levels if lv.id == design.level), "")
    b = design.blinding
    withheld = tuple(
        aspect
        for aspect, flag in zip(
            BLINDING_ASPECTS,
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
        directors=tuple(who(d) for d in design.directors),
        evaluators=tuple(who(e.username) for e in design.evaluators),
        evaluation_leads=tuple(who(u) for u in design.evaluation_leads),
        participants_roles=tuple(
            ParticipantRow(
                roles.get(role, role),
                join_names(
                    sorted(who(u) for u, played in (participants or {}).items() if role in played),
                    lang,
                ),
            )
            for role in (design.participating_roles or tuple(roles))
        ),
        blinding=BlindingFacts(withheld, tuple(b.notified_units)),
        reveal_log=tuple(
            RevealRow(e.at, who(e.person or e.by), REVEAL_EVENTS.label(e.kind, lang))
            for e in reveal
        ),
        timeline=_timeline(evaluation, released, clock_events, clock, items, roles, who, lang),
        score_rows=tuple(
            ScoreRow(
                CAPABILITY_AREAS.label(a.area, lang),
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
        not_rated=tuple(
            CAPABILITY_AREAS.label(a.area, lang)
            for a in evaluation.areas
            if a.counts.total and a.score is None
        ),
        overall=Overall(
            evaluation.score,
            SCORE_GRADES.label(evaluation.grade, lang) if evaluation.grade else "",
            evaluation.coverage,
        ),
        findings=tuple(
            FindingRow(
                f.title,
                f.description,
                f.cause or "",
                ("strength" if f.strength else f.grade) or "improvement",
                steps.get(f.step_id or "", "") or roles.get(f.role_id or "", ""),
                evidence_text(f.evidence, f.item_id, record, photo_table, lang),
                f.strength,
                f.id,
                f.kind,
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
        categories=evaluation.category_counts,
        item_rows=tuple(
            _item_row(r, evaluation, record, roles, steps, lang) for r in evaluation.items
        ),
        reviews=tuple(
            ReviewRow(roles.get(r.role or "", r.role or ""), r.went_well, r.to_improve, r.rating)
            for r in reviews
        ),
        record=record,
        conflicts=conflict_rows(evaluation, items, who, lang),
        photos=photo_table,
        step_names=steps,
    )
    return data, evaluation, list(proposed)


def _item_row(result, evaluation, record, roles, steps, lang) -> ItemRow:
    category = evaluation.categories[result.item.id]
    current = next((r for r in record if result.evidence and r.id == result.evidence[0]), None)
    amended = ""
    if current is not None and current.amendments:
        amended = amendment_text(current.amendments[-1], lang)
    return ItemRow(
        CAPABILITY_AREAS.label(result.area, lang),
        result.item.name,
        roles.get(result.item.lead or "", ""),
        OUTCOME_CATEGORIES.label(category, lang),
        ""
        if result.on_time is None
        else t("findings.kind.late" if result.late else "doc.timing.on_time", lang=lang),
        None if result.happened_min is None else round(result.happened_min, 1),
        result.item.time_limit_min,
        roles.get(result.done_by or "", result.done_by or ""),
        result.note,
        item_id=result.item.id,
        step_id=result.item.step_id or "",
        category=category,
        quality=result.quality or "",
        amended=amended,
        conflict=evaluation.conflict(result.item.id) is not None,
    )


def _timeline(evaluation, released, clock_events, clock, items, roles, who, lang):
    rows = [
        TimelineRow(
            clock.minute_of(e.at),
            t("drillpage.clock_lane", lang=lang),
            CLOCK_EVENTS.label(e.kind, lang),
            who(e.by),
            "clock",
        )
        for e in clock_events
    ]
    rows += [
        TimelineRow(clock.minute_of(at), t("common.injects", lang=lang), inject.title, "", "inject")
        for inject, at in released
    ]
    checklist = {i.id: i for i in evaluation.checklist}
    for entry in evaluation.record:
        if entry.kind != "item" or not entry.in_force or entry.withdrawn:
            continue
        item = checklist[entry.entry.item_id]
        lane = roles.get(entry.entry.done_by or item.lead or "", "")
        label = OUTCOME_CATEGORIES.label(entry.category, lang)
        if entry.entry.quality:  # the quality mark goes wherever results are listed
            label = t("common.bracketed", lang=lang, text=label, aside=entry.entry.quality)
        rows.append(
            TimelineRow(
                clock.minute_of(entry.entry.happened_at),
                lane or "—",
                t("common.labelled", lang=lang, label=item.name, text=label),
                who(entry.entry.evaluator),
                entry.category,
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
