"""The plan-revision loop in values: which findings flag which plan items, whether a plan is due
for revision, and the revision record that maps each finding to the change that answers it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from drills.findings import Finding, revision_needed
from i18n import t
from plans.diff import PlanDiff, diff_plans, summary_rows
from plans.model import Plan

FLAG_KINDS = ("step", "role")
FLAG_GRADES = ("deficiency", "must_fix")  # 不足项 / 整改项: an improvement does not open a revision
FLAG_STATUSES = ("accepted", "proposed")
# Fields whose before and after are whole paragraphs: the record says that they were rewritten.
LONG_FIELDS = {"text", "responsibilities"}
SEPARATORS = {"zh": "；", "en": "; "}


@dataclass(frozen=True)
class Flag:
    """A plan step or role that a finding asks the plan owner to revise."""

    kind: str  # step | role
    item_id: str
    finding_id: str
    finding_title: str
    drill_id: int | None = None
    note: str = ""
    resolved: bool = False


def flags_for(findings: Iterable[Finding], *, drill_id: int | None = None) -> list[Flag]:
    """One flag per plan-defect deficiency or must-fix finding (accepted or proposed) linked to a
    step or role; a finding linked to both flags its step, which names the role."""
    flags: dict[tuple[str, str, str], Flag] = {}
    for finding in findings:
        if finding.strength or finding.cause != "plan_defect":
            continue
        if finding.grade not in FLAG_GRADES or finding.status not in FLAG_STATUSES:
            continue
        kind, item_id = ("step", finding.step_id) if finding.step_id else ("role", finding.role_id)
        if not item_id:
            continue
        key = (kind, item_id, finding.id)
        flags.setdefault(key, Flag(kind, item_id, finding.id, finding.title, drill_id))
    return list(flags.values())


def due_for_revision(findings: Iterable[Finding]) -> bool:
    """True when an accepted plan-defect deficiency (不足项) marks the plan as due for revision."""
    return revision_needed(findings)


def revision_record(
    old_plan: Plan,
    new_plan: Plan,
    flags: Sequence[Flag],
    *,
    lang: str | None = None,
    date: str = "",
) -> list[dict[str, str]]:
    """Rows {"finding", "change", "item", "date"} for plans.export_docx, one per flag: what
    changed in the flagged step or role between the two versions, in words ("时限 30 分钟 →
    15 分钟"), or that it was left unchanged; the flag's note follows."""
    lang = lang or (new_plan.language if new_plan.language in ("zh", "en") else "zh")
    diff = diff_plans(old_plan, new_plan)
    rows = []
    for flag in flags:
        change = _change_words(diff, flag, lang)
        if flag.note.strip():
            change = t("revision.with_note", lang=lang, change=change, note=flag.note.strip())
        rows.append(
            {
                "finding": flag.finding_title,
                "change": change,
                "item": _item_words(old_plan, new_plan, flag, lang),
                "date": date,
            }
        )
    return rows


def _change_words(diff: PlanDiff, flag: Flag, lang: str) -> str:
    change = next((c for c in diff.of(flag.kind) if c.old_id == flag.item_id), None)
    if change is None:
        return t("revision.unchanged", lang=lang)
    if change.change == "removed":
        return t("revision.removed", lang=lang)
    only = PlanDiff(diff.old, diff.new, (change,))
    parts = []
    for field, row in zip(change.fields, summary_rows(only, lang), strict=True):
        if field.field in LONG_FIELDS:
            parts.append(t("revision.rewritten", lang=lang, field=row["field"]))
        else:
            parts.append(f"{row['field']} {row['before']} → {row['after']}")
    return SEPARATORS.get(lang, "; ").join(parts)


def _item_words(old_plan: Plan, new_plan: Plan, flag: Flag, lang: str) -> str:
    attr = "steps" if flag.kind == "step" else "roles"
    items = [*getattr(new_plan, attr), *getattr(old_plan, attr)]
    name = next((x.name for x in items if x.id == flag.item_id and x.name), flag.item_id)
    return t(f"revision.item.{flag.kind}", lang=lang, name=name, id=flag.item_id)


__all__ = [
    "FLAG_KINDS",
    "Flag",
    "due_for_revision",
    "flags_for",
    "revision_record",
]
