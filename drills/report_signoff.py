"""The signable part of the evaluation documents (drills.signoff): the drill's objectives with
their ratings, the evaluation criteria and team, the per-area conclusions and the overall
conclusion (the lead's text, else the draft), the lead's cause analysis of each finding, the
findings' capability areas, and the HSEEP Improvement Plan's columns; added to a ReportData
(drills.report_model) in its language. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from drills.signoff import (
    capability_element,
    finding_area,
    lead_texts,
    standard_for,
    text_key,
)
from i18n import t
from i18n.glossary import CAPABILITY_AREAS, PHASES


@dataclass(frozen=True)
class ObjectiveRow:
    """One drill objective: its text, capability areas and plan phases (display text), the
    lead's P/S/M/U rating ("" when not rated) and note."""

    text: str
    areas: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    rating: str = ""
    note: str = ""
    area_keys: tuple[str, ...] = ()
    id: str = ""


@dataclass(frozen=True)
class TeamRow:
    post: str  # display text: 评估组长 / Evaluation lead
    name: str  # display name


@dataclass(frozen=True)
class AreaConclusionRow:
    """One capability area's conclusion (the lead's text, else the draft) and cause analysis."""

    area: str
    text: str
    key: str = ""
    rating: str = ""
    edited: bool = False
    cause: str = ""


def sign_off(
    data,
    evaluation,
    *,
    objectives: Sequence = (),
    team: Sequence = (),
    criteria: str = "",
    texts: Mapping[str, str] | None = None,
    findings: Sequence = (),
    actions: Sequence = (),
    plan=None,
    names: Mapping[str, str] | None = None,
    standard: str = "",
    unit: str = "",
):
    """`data` (a ReportData) with the signable parts, in its language. `objectives`: rated
    objectives (drills.objectives.RatedObjective); `team`: db TeamMember-like (post, display
    name); `texts`: the lead's texts in this language (drills.signoff keys); `findings` the
    findings shown (drills.findings.Finding); `actions` their corrective actions; `standard`
    the chosen standard ("" = by the plan's language)."""
    lang = data.lang
    texts = dict(texts or {})
    names = dict(names or {})
    shown = [f for f in findings if getattr(f, "status", "") != "rejected"]
    chosen = lead_texts(texts, evaluation, shown, objectives, lang)
    by_id = {f.id: f for f in shown}
    areas = {f.id: finding_area(f, evaluation) for f in shown}
    conclusion, edited = chosen["conclusion"]
    return replace(
        data,
        standard=standard or standard_for(plan_lang=getattr(plan, "language", lang)),
        objectives=tuple(_objective_row(o, lang) for o in objectives),
        criteria=(criteria or "").strip(),
        team=tuple(
            TeamRow(t(f"objectives.post.{m.post}", lang=lang), m.display_name) for m in team
        ),
        area_conclusions=_area_rows(evaluation, chosen, texts, lang),
        conclusion=conclusion,
        conclusion_edited=edited,
        findings=tuple(
            replace(
                f,
                cause_analysis=texts.get(text_key("cause", f.id), "").strip(),
                area=_area(areas.get(f.id), lang),
                area_key=areas.get(f.id) or "",
            )
            for f in data.findings
        ),
        actions=_action_rows(data, actions, by_id, areas, plan, names),
        unit=unit,
    )


def _area(area: str | None, lang: str) -> str:
    return CAPABILITY_AREAS.label(area, lang) if area else t("signoff.general", lang=lang)


def _area_rows(evaluation, chosen, texts, lang: str) -> tuple[AreaConclusionRow, ...]:
    rows = []
    for result in evaluation.areas:
        if not result.counts.total:
            continue
        key = text_key("area", result.area)
        text, edited = chosen[key]
        cause = texts.get(text_key("cause_area", result.area), "").strip()
        rows.append(
            AreaConclusionRow(
                _area(result.area, lang), text, key, result.rating or "", edited, cause
            )
        )
    return tuple(rows)


def _objective_row(rated, lang: str) -> ObjectiveRow:
    return ObjectiveRow(
        rated.text,
        tuple(_area(a, lang) for a in rated.areas),
        tuple(PHASES.label(p, lang) for p in rated.phases),
        rated.rating.rating if rated.rating else "",
        rated.rating.note if rated.rating else "",
        tuple(rated.areas),
        rated.id,
    )


def _action_rows(data, actions, findings, areas, plan, names):
    """The report's action rows (data.actions, same order) with their capability, capability
    element, organization, point of contact (display name) and start date."""
    lang = data.lang
    kept = [a for a in actions if a.finding_id in findings]
    if len(kept) != len(data.actions):
        return data.actions
    rows = []
    for row, action in zip(data.actions, kept, strict=True):
        finding = findings[action.finding_id]
        rows.append(
            replace(
                row,
                owner=names.get(action.owner, action.owner),
                capability=_area(areas.get(finding.id), lang),
                element=capability_element(finding.cause, finding.kind),
                organization=action.organization or _organization(finding, plan),
                contact=names.get(action.owner, action.owner),
                start=action.start,
            )
        )
    return tuple(rows)


def _organization(finding, plan) -> str:
    """The plan role that leads what the finding concerns, when the action names none."""
    if plan is None:
        return ""
    roles = {r.id: r.name for r in plan.roles}
    if finding.role_id in roles:
        return roles[finding.role_id]
    step = next((s for s in plan.steps if s.id == finding.step_id), None)
    return roles.get(step.roles[0], "") if step is not None and step.roles else ""


__all__ = ["AreaConclusionRow", "ObjectiveRow", "TeamRow", "sign_off"]
