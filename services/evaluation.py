"""The evaluation of an ended drill: what the evaluation screen reads, in one consistent snapshot,
and the results kept for the analytics (scores, item outcomes, proposed findings), recomputed by
the system whenever an event changes them (the end, an amendment, a rating override, a conflict
settled after the end, new area weights), whether or not anyone looks.

The one evaluation (drills.evaluation.evaluate) is computed from the drill's record read as the
system, so every viewer and the stored results get the same scores: the unit's weights apply
whoever reads, and injects count with the steps they were expected to set off, which only
insiders see in the store's view of them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from access.policy import SYSTEM, Actor
from db import (
    actions_store,
    analytics_scores,
    drills_conflicts,
    drills_objectives,
    drills_record,
    drills_signoff,
    drills_store,
    findings_store,
    plans_store,
)
from db.drills_lookup import retrying
from db.unit_of_work import unit_of_work
from drills.evaluation import DrillEvaluation, evaluate
from drills.findings import Finding, propose_findings
from drills.model import ClockEvent, DrillDesign
from drills.ratings import RatingOverride
from drills.report_assemble import report_data
from drills.report_signoff import sign_off
from drills.signoff import standard_for
from i18n import t
from i18n.glossary import CLOCK_EVENTS
from plans.model import Plan


@dataclass
class Review:
    """An ended drill's record and its one evaluation, as the evaluation screen shows it; `data`
    is its view in the screen's language, `document(lang)` in any language."""

    drill_id: int
    summary: object
    design: object
    plan: object
    checklist: list
    observations: list
    findings: list  # StoredFinding
    actions: list  # StoredAction
    overrides: list  # StoredOverride
    weights: dict
    participants: dict
    reviews: list  # StoredReview
    data: object  # ReportData in the screen's language
    evaluation: object  # drills.evaluation.DrillEvaluation
    proposed: list
    editor: bool  # may edit findings, actions and ratings
    document: Callable[[str], object] = lambda lang: None  # ReportData in `lang`
    signoff: object = None  # db.drills_signoff.Signoff: the lead's texts and the standards
    objectives: list = ()  # drills.objectives.RatedObjective
    standard: str = ""  # the document standard in force (drills.signoff.STANDARDS)

    @property
    def shown_findings(self) -> list:
        """The findings the documents show: the stored ones not rejected, else the proposals."""
        if self.findings:
            return [s.finding for s in self.findings if s.finding.status != "rejected"]
        return list(self.proposed or [])


@dataclass(frozen=True)
class Inputs:
    """What the one evaluation is computed from."""

    checklist: list
    observations: list
    clock: list  # ClockEvent
    released: list  # (Inject, released_at)
    weights: dict
    overrides: list  # StoredOverride
    settlements: list  # drills.conflicts.Settlement


@dataclass(frozen=True)
class Results:
    """What a recompute stored: the evaluation, and how many proposed findings were new."""

    drill_id: int
    evaluation: DrillEvaluation
    added: int


def review_snapshot(conn, actor: Actor, drill_id: int, lang: str, *, now: datetime) -> Review:
    """Everything the evaluation screen shows of an ended drill, read in one transaction.

    Raises: NotFoundError; InvalidTransitionError before the end; NotAllowedError for one who
    does not read the whole record."""
    with unit_of_work(conn) as uow:
        return _snapshot(uow, actor, drill_id, lang, now)


def recompute_results(conn, drill_id: int, *, now: datetime) -> Results:
    """Compute the ended drill's evaluation and keep its scores, item outcomes and the proposed
    findings not stored yet (the lead's edits stay), in one unit of work, as the system; run
    again when a concurrent recompute wrote first. Raises: NotFoundError;
    InvalidTransitionError when the drill has not ended."""

    def once() -> Results:
        with unit_of_work(conn) as uow:
            return _recompute(uow, drill_id, now)

    return retrying(once)


def recompute_unit(conn, unit: str, *, now: datetime) -> list[Results]:
    """Recompute every ended drill of the unit (after its area weights changed)."""
    return [recompute_results(conn, d, now=now) for d in drills_record.ended_drills(conn, unit)]


def recompute_missing(conn, *, now: datetime) -> list[Results]:
    """Recompute the ended drills that have no stored results yet (ended before results
    followed events, or whose recompute failed): for a start-up or a scheduler's catch-up."""
    return [
        recompute_results(conn, d, now=now) for d in drills_record.ended_drills(conn, unscored=True)
    ]


def set_override(
    conn, actor: Actor, drill_id: int, override: RatingOverride, *, now: datetime
) -> Results:
    """The lead's rating of an area in place of the computed one, then the drill's results
    recomputed. Raises: as findings_store.set_override."""
    findings_store.set_override(conn, actor, drill_id, override, now=now)
    return recompute_results(conn, drill_id, now=now)


def set_weights(
    conn,
    actor: Actor,
    unit: str,
    weights: Mapping[str, float],
    *,
    now: datetime,
    expected: Mapping[str, float] | None = None,
) -> list[Results]:
    """New area weights for the unit, then every ended drill of the unit rescored.
    Raises: as findings_store.set_weights (a stale form: VersionConflictError)."""
    findings_store.set_weights(conn, actor, unit, weights, now=now, expected=expected)
    return recompute_unit(conn, unit, now=now)


def settle_conflict(
    conn,
    actor: Actor,
    drill_id: int,
    item_id: str,
    entry_ids: Sequence[str],
    outcome: str,
    reason: str,
    *,
    now: datetime,
) -> Results | None:
    """The lead's settlement of a conflict between evaluators; after the end the drill is
    rescored at once (during the drill nothing is stored yet). None when nothing was rescored.
    Raises: as drills_conflicts.settle_conflict."""
    stored = drills_conflicts.settle_conflict(
        conn, actor, drill_id, item_id, entry_ids, outcome, reason, now=now
    )
    if not stored or drills_store.drill_summary(conn, SYSTEM, drill_id).status != "ended":
        return None
    return recompute_results(conn, drill_id, now=now)


def read_inputs(conn, drill_id: int, design: DrillDesign, unit: str) -> Inputs:
    """The record the evaluation is computed from, read as the system (see the module's
    docstring)."""
    events = drills_store.drill_events(conn, SYSTEM, drill_id)
    designed = {i.id: i for i in design.injects}
    views = drills_store.visible_injects(conn, SYSTEM, drill_id)
    settled = drills_conflicts.settled_conflicts(conn, SYSTEM, drill_id)
    return Inputs(
        checklist=drills_store.checklist_for(conn, SYSTEM, drill_id),
        observations=drills_store.observations(conn, SYSTEM, drill_id),
        clock=[ClockEvent(e.kind, e.happened_at, e.by) for e in events if e.kind in CLOCK_EVENTS],
        released=[
            (designed.get(v.inject.id, v.inject), v.released_at) for v in views if v.released_at
        ],
        weights=findings_store.weights_for(conn, SYSTEM, unit),
        overrides=findings_store.overrides(conn, SYSTEM, drill_id),
        settlements=[s.settlement for s in settled],
    )


def evaluation_of(design: DrillDesign, inputs: Inputs) -> DrillEvaluation:
    """The one evaluation of the drill. Raises: DrillError (bad weights, areas or overrides)."""
    return evaluate(
        inputs.checklist,
        inputs.observations,
        inputs.clock,
        inputs.released,
        weights=inputs.weights,
        overrides=[o.override for o in inputs.overrides],
        injects=design.injects,
        settlements=inputs.settlements,
    )


def proposals(plan: Plan, inputs: Inputs, evaluation: DrillEvaluation) -> list[Finding]:
    """The findings the evaluation proposes, worded in the plan's language: they are stored
    once and edited, whoever reads them later."""
    lang = plan.language if plan.language in ("zh", "en") else "zh"
    return propose_findings(inputs.checklist, evaluation.scores, evaluation.state, plan, lang=lang)


def _recompute(conn, drill_id: int, now: datetime) -> Results:
    unit = drills_store.drill_summary(conn, SYSTEM, drill_id).unit
    design = findings_store.ended_design(conn, SYSTEM, drill_id)
    plan = plans_store.load_version(conn, SYSTEM, design.version_id)
    inputs = read_inputs(conn, drill_id, design, unit)
    evaluation = evaluation_of(design, inputs)
    added = analytics_scores.store_results(
        conn, drill_id, evaluation.scores, proposals(plan, inputs, evaluation), now=now
    )
    return Results(drill_id, evaluation, added)


def _snapshot(conn, actor: Actor, drill_id: int, lang: str, now: datetime) -> Review:
    summary = drills_store.drill_summary(conn, actor, drill_id, now=now)
    stored = findings_store.list_findings(conn, actor, drill_id)  # refuses the wrong readers
    design = findings_store.ended_design(conn, actor, drill_id)
    plan = plans_store.load_version(conn, actor, design.version_id)
    inputs = read_inputs(conn, drill_id, design, summary.unit)
    evaluation = evaluation_of(design, inputs)
    proposed = proposals(plan, inputs, evaluation)
    actions = actions_store.list_actions(conn, actor, drill_id=drill_id)
    participants = findings_store.participants_of(conn, actor, drill_id)
    reviews = findings_store.list_reviews(conn, actor, drill_id)
    extras = drills_record.record_extras(conn, actor, drill_id)
    reveal = drills_store.reveal_log(conn, actor, drill_id)
    signed = drills_signoff.signoff(conn, actor, drill_id)
    objectives = drills_objectives.rated_objectives(conn, actor, drill_id)
    team = drills_objectives.evaluation_team(conn, actor, drill_id)
    standard = standard_for(signed.drill_standard, signed.unit_standard, plan.language)
    shown = [s.finding for s in stored] if stored else proposed

    def document(in_lang: str):
        data, _, _ = report_data(
            design,
            plan,
            inputs.checklist,
            inputs.observations,
            inputs.clock,
            inputs.released,
            reveal,
            lang=in_lang,
            plan_version=_version_label(extras.version_number, in_lang),
            participants=participants,
            findings=[s.finding for s in stored] if stored else None,
            actions=[a.action for a in actions],
            reviews=[r.review for r in reviews],
            names=extras.names,
            photos={k: p.data for k, p in extras.photos.items()},
            evaluation=evaluation,
            proposed=proposed,
        )
        return sign_off(
            data,
            evaluation,
            objectives=objectives,
            team=team,
            criteria=design.evaluation_criteria,
            texts=signed.texts_in(in_lang),
            findings=shown,
            actions=[a.action for a in actions],
            plan=plan,
            names=extras.names,
            standard=standard,
            unit=summary.unit,
        )

    editor = actor.username in design.directors or actor.username in design.evaluation_leads
    return Review(
        drill_id,
        summary,
        design,
        plan,
        inputs.checklist,
        inputs.observations,
        stored,
        actions,
        inputs.overrides,
        inputs.weights,
        participants,
        reviews,
        document(lang),
        evaluation,
        proposed,
        editor,
        document,
        signed,
        objectives,
        standard,
    )


def _version_label(number: int | None, lang: str) -> str:
    return t("eval.version", lang=lang, n=number) if number is not None else ""


__all__ = [
    "Inputs",
    "Results",
    "Review",
    "evaluation_of",
    "proposals",
    "read_inputs",
    "recompute_missing",
    "recompute_results",
    "recompute_unit",
    "review_snapshot",
    "set_override",
    "set_weights",
    "settle_conflict",
]
