"""The revision record of a revised plan version and what the Word plan says about the version
(document control): every change from the version it was revised from, why, before, after and
who approved it. The Versions page and the Word plan show the same rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from i18n import t
from plans.diff import KIND_WORDS, PlanDiff, diff_plans, summary_rows
from plans.model import Plan, Step


@dataclass(frozen=True)
class WordMeta:
    """What the document says about this version. `history` rows of the document control table:
    (version, approval date, approver, note), oldest first."""

    version_label: str = ""
    approved_on: date | None = None
    approved_by: str = ""
    author: str = ""  # whose changes the tracked changes are
    changed_at: datetime | None = None
    history: tuple[tuple[str, str, str, str], ...] = ()


def step_words(step: Step) -> str:
    return (step.text or step.name).strip()


def revision_rows(
    base: Plan,
    target: Plan,
    flags: Sequence[tuple[str, str, str, str]],
    meta: WordMeta,
    lang: str,
) -> list[dict[str, str]]:
    """The revision record: every change from `base` to `target` (steps, roles, levels, the
    plan's own fields), each with why (the findings that flagged the item, with the owner's
    note, or the plan owner's own edit), which item, before, after and who approved it; then
    each flagged item that was left unchanged, saying so with the note. Keys: change (added,
    removed, changed, unchanged), reason, item, before, after, approval."""
    diff = diff_plans(base, target)
    approval = " ".join(
        x for x in (meta.approved_by, meta.approved_on.isoformat() if meta.approved_on else "") if x
    )
    by_item: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for kind, item_id, finding, note in flags:
        by_item.setdefault((kind, item_id), []).append((finding, note))

    def reason(kind: str, *ids: str | None) -> str:
        found = [f for i in dict.fromkeys(ids) if i for f in by_item.get((kind, i), [])]
        if not found:
            return t("doc.word.owner_edit", lang=lang)
        sep = "；" if lang == "zh" else "; "
        return sep.join(
            t("revision.with_note", lang=lang, change=finding, note=note) if note else finding
            for finding, note in found
        )

    rows = []
    touched: set[tuple[str, str]] = set()
    for change, row in _rows_by_change(diff, lang):
        ident = change.new_id or change.old_id or ""
        touched.update({(change.kind, change.old_id or ""), (change.kind, change.new_id or "")})
        if change.kind in ("step", "role"):
            item = t(f"revision.item.{change.kind}", lang=lang, name=change.name)
        else:
            item = t(KIND_WORDS[change.kind], lang=lang) + f" {change.name}".rstrip()
        before, after = row["before"], row["after"]
        if change.kind == "step" and change.change in ("added", "removed"):
            step = (target if change.change == "added" else base).step(ident)
            text = step_words(step) if step else change.name
            before, after = ("", text) if change.change == "added" else (text, "")
        if row["field"]:
            item = t("common.bracketed", lang=lang, text=item, aside=row["field"])
        rows.append(
            {
                "change": change.change,
                "reason": reason(change.kind, change.old_id, change.new_id),
                "item": item,
                "before": before or "—",
                "after": after or "—",
                "approval": approval,
            }
        )
    for kind, item_id in by_item:
        if (kind, item_id) in touched:
            continue
        named = target.step(item_id) if kind == "step" else target.role(item_id)
        rows.append(
            {
                "change": "unchanged",
                "reason": reason(kind, item_id),
                "item": t(
                    f"revision.item.{kind}", lang=lang, name=named.name if named else item_id
                ),
                "before": "—",
                "after": t("revision.unchanged", lang=lang),
                "approval": approval,
            }
        )
    return rows


def change_text(row: dict[str, str], lang: str) -> str:
    """A record row's change in one cell (the structured document's revision record)."""
    if row["change"] == "unchanged":
        return row["after"]
    if row["change"] in ("added", "removed"):
        words = row["after"] if row["change"] == "added" else row["before"]
        label = t("diff.change." + row["change"], lang=lang)
        return t("common.labelled", lang=lang, label=label, text=words)
    return f"{row['before']} → {row['after']}"


def _rows_by_change(diff, lang: str):
    for change in diff.changes:
        for row in summary_rows(PlanDiff(diff.old, diff.new, (change,)), lang):
            yield change, row


__all__ = ["WordMeta", "change_text", "revision_rows", "step_words"]
