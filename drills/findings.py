"""Findings (问题) proposed from a scored drill, for the evaluation lead to edit, accept or reject.

What is proposed (ids are stable across re-runs: "<kind>-<item or area id>", "free-<observation
id>" for a free observation):
    missed        an item rated not done: a deficiency when it is critical (phase report,
                  activation or termination), otherwise must-fix;
    late          done after its time limit: must-fix, execution;
    out_of_order  done before a predecessor happened: improvement; coordination when that
                  predecessor belongs to another role, else execution;
    wrong_role    done by a role that does not own it: improvement; coordination when the doer
                  is a supporting role of the plan step, else plan defect (the plan names an owner
                  who in practice does not do it);
    gap           items nobody recorded, one finding per area: a coverage gap of the evaluation,
                  not a deficiency of the participants (improvement, cause resources);
    note          an evaluator's note on an item with no other finding, or a free observation:
                  improvement, execution until the lead says otherwise;
    strength      an area rated P: a strength, with no cause and no grade.
A missed item is a plan defect when its plan step names no owner, or has no time limit in a
critical phase (GB/T 29639 asks for both where information is reported); otherwise execution.
Item findings link the item's plan step and its lead role. Notes on items that have a finding are
added to it. Corrective actions and the closing rules live in drills.actions (re-exported here).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from drills.actions import (
    CorrectiveAction,
    ParticipantReview,
    finding_closed,
    overdue_actions,
    revision_findings,
    revision_needed,
)
from drills.errors import DrillError
from drills.model import ChecklistItem
from drills.scoring import Evaluation, ItemResult
from drills.state import DrillState
from i18n import join_names, t
from i18n.glossary import FINDING_CAUSES, FINDING_GRADES, FINDING_KINDS, FINDING_STATUSES
from plans.bidi import strip_bidi_fields
from plans.model import Plan, Step

CRITICAL_PHASES = frozenset({"report", "activation", "termination"})


@dataclass(frozen=True)
class Finding:
    """One weakness (or, with `strength`, one strength) found in a drill. `cause` and `grade` are
    None only for a strength; `step_id` / `role_id` link the plan step or role it concerns."""

    id: str
    title: str
    description: str = ""
    evidence: tuple[str, ...] = ()  # observation ids (their photos come with them)
    cause: str | None = "execution"
    grade: str | None = "improvement"
    strength: bool = False
    step_id: str | None = None
    role_id: str | None = None
    status: str = "proposed"
    kind: str = "manual"  # where a proposal came from (FINDING_KINDS)
    item_id: str | None = None
    area: str | None = None

    def __post_init__(self) -> None:
        strip_bidi_fields(self, "title")
        if not (self.title or "").strip():
            raise DrillError("findings.empty_title")
        if self.status not in FINDING_STATUSES:
            raise DrillError("findings.bad_status", status=self.status)
        if self.kind not in FINDING_KINDS:
            raise DrillError("findings.bad_kind", kind=self.kind)
        # a strength may leave cause and grade open; a weakness needs both
        if self.cause not in FINDING_CAUSES and not (self.strength and self.cause is None):
            raise DrillError("findings.bad_cause", cause=self.cause)
        if self.grade not in FINDING_GRADES and not (self.strength and self.grade is None):
            raise DrillError("findings.bad_grade", grade=self.grade)
        object.__setattr__(self, "evidence", tuple(self.evidence))


def _number(minutes: float | None) -> str:
    return "" if minutes is None else f"{minutes:.1f}".removesuffix(".0")


class _Words:
    """Display names and messages in one language."""

    def __init__(self, plan: Plan | None, lang: str | None):
        self.lang = lang
        self.roles = {role.id: role.name for role in plan.roles} if plan else {}

    def role(self, role_id: str | None) -> str:
        if not role_id:
            return t("common.no_owner", lang=self.lang)
        return self.roles.get(role_id, role_id)

    def __call__(self, key: str, **params) -> str:
        return t(key, lang=self.lang, **params)

    def join(self, names) -> str:
        return join_names(names, self.lang)


def _missed_cause(item: ChecklistItem, step: Step | None) -> tuple[str, str]:
    """(cause, why) of a missed item: a plan defect when its step gives no owner, or no time
    limit in a critical phase."""
    if item.step_id is None:
        return "execution", ""
    owners = step.roles if step is not None else item.roles
    limit = step.time_limit_min if step is not None else item.time_limit_min
    if not owners:
        return "plan_defect", "findings.why.no_owner"
    if limit is None and item.phase in CRITICAL_PHASES:
        return "plan_defect", "findings.why.no_time_limit"
    return "execution", ""


def _on_item(
    result: ItemResult,
    kind: str,
    words: _Words,
    text: str,
    cause: str,
    grade: str,
    evidence: tuple[str, ...] = (),
) -> Finding:
    item = result.item
    return Finding(
        id=f"{kind}-{item.id}",
        title=words(f"findings.title.{kind}", item=item.name),
        description=text,
        evidence=result.evidence + evidence,
        cause=cause,
        grade=grade,
        step_id=item.step_id,
        role_id=item.lead,
        kind=kind,
        item_id=item.id,
        area=result.area,
    )


def _item_findings(
    result: ItemResult, step: Step | None, results: Mapping[str, ItemResult], words: _Words
) -> list[Finding]:
    item = result.item
    name, lead = item.name, words.role(item.lead)
    found = []
    if result.performed == "not_done":
        cause, why = _missed_cause(item, step)
        grade = "deficiency" if item.phase in CRITICAL_PHASES else "must_fix"
        text = words("findings.text.missed", item=name, role=lead) + (words(why) if why else "")
        found.append(_on_item(result, "missed", words, text, cause, grade))
    if result.late:
        times = {k: _number(getattr(result, f"{k}_min")) for k in ("due", "happened", "late")}
        text = words("findings.text.late", item=name, role=lead, **times)
        found.append(_on_item(result, "late", words, text, "execution", "must_fix"))
    if result.before_prerequisites:
        minute = result.happened_min or 0.0
        later = [
            results[p]
            for p in item.after
            if p in results and (results[p].happened_min or 0.0) > minute
        ]
        cause = "coordination" if {p.item.lead for p in later} - {item.lead} else "execution"
        text = words(
            "findings.text.out_of_order",
            item=name,
            happened=_number(minute),
            before=words.join(p.item.name for p in later),
        )
        evidence = tuple(e for p in later for e in p.evidence)
        found.append(_on_item(result, "out_of_order", words, text, cause, "improvement", evidence))
    if result.by_expected_role is False:
        cause = "coordination" if step and result.done_by in step.support else "plan_defect"
        text = words(
            "findings.text.wrong_role",
            item=name,
            done_by=words.role(result.done_by),
            expected=words.join(words.role(r) for r in item.roles),
        )
        found.append(_on_item(result, "wrong_role", words, text, cause, "improvement"))
    return _with_note(found, result, words)


def _with_note(found: list[Finding], result: ItemResult, words: _Words) -> list[Finding]:
    """The item's findings with its evaluator note added to the first; a note finding when the
    item has none."""
    note = (result.note or "").strip()
    if not note:
        return found
    if found:
        first = found[0]
        text = first.description + words("findings.text.note_added", note=note)
        return [replace(first, description=text), *found[1:]]
    return [_on_item(result, "note", words, note, "execution", "improvement")]


def _gap_findings(evaluation: Evaluation, words: _Words) -> list[Finding]:
    found = []
    for area in evaluation.areas:
        gaps = [r for r in evaluation.items if r.area == area.area and r.gap]
        if not gaps:
            continue
        roles = dict.fromkeys(words.role(r.item.lead) for r in gaps)
        area_name = words(f"scoring.area.{area.area}")
        text = words(
            "findings.text.gap",
            n=len(gaps),
            total=area.counts.total,
            items=words.join(r.item.name for r in gaps),
            roles=words.join(roles),
        )
        title = words("findings.title.gap", area=area_name, n=len(gaps))
        evidence = tuple(e for r in gaps for e in r.evidence)  # notes left without a rating
        found.append(
            Finding(
                f"gap-{area.area}",
                title,
                text,
                evidence,
                "resources",
                "improvement",
                kind="gap",
                area=area.area,
            )
        )
    return found


def _free_findings(state: DrillState, words: _Words) -> list[Finding]:
    found = []
    for entry in state.free:
        note = (entry.note or "").strip()
        if not note:
            continue
        head = note if len(note) <= 30 else f"{note[:29]}…"
        title = words("findings.title.free", note=head)
        evidence = tuple(o.id for o in entry.history)
        found.append(
            Finding(f"free-{entry.id}", title, note, evidence, kind="note", role_id=entry.done_by)
        )
    return found


def _strengths(evaluation: Evaluation, words: _Words) -> list[Finding]:
    found = []
    for area in evaluation.areas:
        if area.rating != "P":
            continue
        name = words(f"scoring.area.{area.area}")
        coverage = _number(None if area.coverage is None else 100 * area.coverage)
        text = words(
            "findings.text.strength", area=name, score=_number(area.score), coverage=coverage
        )
        found.append(
            Finding(
                f"strength-{area.area}",
                words("findings.title.strength", area=name),
                text,
                cause=None,
                grade=None,
                strength=True,
                kind="strength",
                area=area.area,
            )
        )
    return found


def propose_findings(
    checklist: Sequence[ChecklistItem],
    evaluation: Evaluation,
    state: DrillState,
    plan: Plan | None = None,
    *,
    lang: str | None = None,
) -> list[Finding]:
    """Proposed findings, status "proposed", written in `lang` (default: this thread's): item
    findings in checklist order, then coverage gaps, free observations and strengths."""
    words = _Words(plan, lang)
    steps = {step.id: step for step in plan.steps} if plan else {}
    results = {result.item.id: result for result in evaluation.items}
    found: list[Finding] = []
    for item in checklist:
        result = results.get(item.id)
        if result is not None:
            found += _item_findings(result, steps.get(item.step_id or ""), results, words)
    found += _gap_findings(evaluation, words) + _free_findings(state, words)
    return found + _strengths(evaluation, words)


__all__ = [
    "CRITICAL_PHASES",
    "CorrectiveAction",
    "Finding",
    "ParticipantReview",
    "finding_closed",
    "overdue_actions",
    "propose_findings",
    "revision_findings",
    "revision_needed",
]
