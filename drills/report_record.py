"""The process record, the conflicts, the photos and the evidence of findings as the documents
show them: drills.evaluation's values said in the report's language, with display names."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from drills.evaluation import DrillEvaluation, RecordEntry
from drills.model import Observation
from drills.report_model import AmendRow, ConflictRow, PhotoRow, RecordRow
from i18n import t
from i18n.glossary import OUTCOME_CATEGORIES

Names = Callable[[str], str]


def result_text(rating: str | None, category: str, lang: str) -> str:
    """An entry's result in the one vocabulary: its category for an item, its rating otherwise."""
    if category:
        return OUTCOME_CATEGORIES.label(category, lang)
    return OUTCOME_CATEGORIES.label(_rating_category(rating), lang) if rating else ""


def _rating_category(rating: str | None) -> str:
    """A rating said without its timing: done is said as on time."""
    return "on_time" if rating == "done" else rating or "not_observed"


def _when(moment, lang: str) -> str:
    from drills.report_text import moment_text

    return moment_text(moment, lang)


def _what(
    entry: RecordEntry, evaluation: DrillEvaluation, items: Mapping[str, str], lang: str
) -> str:
    if entry.kind == "answer":
        inject = evaluation.injects.get(entry.entry.inject_id or "")
        title = inject.title if inject else (entry.entry.inject_id or "")
        return t("eval.record.answer", lang=lang, inject=title)
    if entry.kind == "free":
        name = items.get(entry.entry.item_id or "", "")
        label = t("eval.record.free", lang=lang)
        return (
            f"{label}（{name}）"
            if name and lang == "zh"
            else (f"{label} ({name})" if name else label)
        )
    return items.get(entry.entry.item_id or "", entry.entry.item_id or "")


def _values(observation: Observation, category: str, lang: str) -> str:
    text = result_text(observation.rating, category, lang)
    if observation.quality:
        text += f" {observation.quality}"
    if observation.note:
        text += ("：" if lang == "zh" else ": ") + observation.note
    return text or "—"


def _remark(entry: RecordEntry, evaluation: DrillEvaluation, lang: str) -> str:
    parts = []
    if entry.kind == "item" and not entry.withdrawn and not entry.in_force:
        conflict = evaluation.conflict(entry.entry.item_id or "")
        settled = conflict is not None and conflict.settled and entry.conflict
        parts.append(t("eval.record.overruled" if settled else "eval.record.superseded", lang=lang))
    if entry.quality_refused:
        parts.append(t("eval.record.quality_refused", lang=lang))
    return ("；" if lang == "zh" else "; ").join(parts)


def record_rows(
    evaluation: DrillEvaluation,
    items: Mapping[str, str],
    roles: Mapping[str, str],
    who: Names,
    photo_ids: Sequence[str],
    lang: str,
) -> tuple[RecordRow, ...]:
    """Every entry of the process record, in time order (drills.evaluation.RecordEntry)."""
    rows = []
    for entry in evaluation.record:
        current = entry.entry.current
        category = entry.category
        amendments = tuple(
            AmendRow(
                _values(before, _category_of(entry, before, evaluation), lang),
                _values(after, _category_of(entry, after, evaluation), lang),
                after.reason,
                who(after.evaluator),
                after.entered_at,
            )
            for before, after in entry.amendments
        )
        undo = entry.undo
        photo = entry.photo_id or ""
        rows.append(
            RecordRow(
                kind=entry.kind,
                what=_what(entry, evaluation, items, lang),
                evaluator=who(entry.entry.evaluator),
                minute=entry.entry.happened_min,
                observed=current.happened_at,
                recorded=entry.entry.entered_at,
                result=result_text(current.rating, category, lang),
                category=category,
                quality=current.quality or "",
                note=current.note,
                done_by=roles.get(current.done_by or "", current.done_by or ""),
                photo=photo if photo in photo_ids else "",
                undone=t(
                    "eval.record.undone",
                    lang=lang,
                    by=who(undo.evaluator),
                    at=_when(undo.entered_at, lang),
                )
                if undo
                else "",
                amendments=amendments,
                conflict=entry.conflict,
                remark=_remark(entry, evaluation, lang),
                id=entry.id,
                item_id=entry.entry.item_id or "",
            )
        )
    return tuple(rows)


def _category_of(entry: RecordEntry, values: Observation, evaluation: DrillEvaluation) -> str:
    if entry.kind != "item":
        return ""
    if values is entry.entry.current:
        return entry.category
    if values is entry.entry.observation:
        return entry.original_category
    return _rating_category(values.rating)


def amendment_text(row: AmendRow, lang: str) -> str:
    return t(
        "eval.record.amended",
        lang=lang,
        before=row.before,
        after=row.after,
        reason=row.reason or "—",
        by=row.by or "—",
        at=_when(row.at, lang),
    )


def conflict_rows(
    evaluation: DrillEvaluation, items: Mapping[str, str], who: Names, lang: str
) -> tuple[ConflictRow, ...]:
    by_id = {r.id: r for r in evaluation.record}
    rows = []
    for conflict in evaluation.conflicts:
        entries = tuple(
            t(
                "eval.conflicts.entry",
                lang=lang,
                evaluator=who(e.evaluator),
                result=result_text(e.rating, by_id[e.id].category if e.id in by_id else "", lang),
                at=_when(e.entered_at, lang),
            )
            for e in conflict.entries
        )
        settlement = ""
        if conflict.settlement is not None:
            decided = conflict.settlement
            settlement = t(
                "eval.conflicts.settled",
                lang=lang,
                outcome=result_text(decided.outcome, "", lang),
                reason=decided.reason or "—",
                by=who(decided.settled_by) or "—",
            )
        rows.append(ConflictRow(items.get(conflict.item_id, conflict.item_id), entries, settlement))
    return tuple(rows)


def photo_rows(
    evaluation: DrillEvaluation,
    photos: Mapping[str, bytes],
    items: Mapping[str, str],
    who: Names,
    lang: str,
) -> tuple[PhotoRow, ...]:
    """The photos of the entries in force that the store gave bytes for, numbered in record
    order, each with its caption."""
    rows = []
    for entry in evaluation.photos:
        photo_id = entry.photo_id or ""
        if photo_id not in photos or any(r.id == photo_id for r in rows):
            continue
        caption = t(
            "eval.photos.caption",
            lang=lang,
            n=len(rows) + 1,
            what=_what(entry, evaluation, items, lang),
            evaluator=who(entry.entry.evaluator),
            at=_when(entry.entry.current.happened_at, lang),
        )
        rows.append(PhotoRow(photo_id, caption, bytes(photos[photo_id])))
    return tuple(rows)


def evidence_text(
    evidence: Sequence[str],
    item_id: str | None,
    rows: Sequence[RecordRow],
    photos: Sequence[PhotoRow],
    lang: str,
) -> str:
    """What a finding rests on: each entry it cites (and every entry of a conflict on its
    item) with evaluator, time and result, and the photos among them."""
    by_id = {r.id: r for r in rows}
    cited = [i for i in evidence if i in by_id]
    cited += [
        r.id for r in rows if r.conflict and item_id and r.item_id == item_id and r.id not in cited
    ]
    parts = []
    for entry_id in cited:
        row = by_id[entry_id]
        text = f"{row.evaluator} {_when(row.observed, lang)} {row.result}".strip()
        if row.conflict:
            text += " " + t("eval.record.conflict", lang=lang)
        number = next((n for n, p in enumerate(photos, start=1) if p.id == row.photo), None)
        if number:
            text += ("，" if lang == "zh" else ", ") + t("eval.record.photo", lang=lang, n=number)
        parts.append(text)
    if not parts:
        return t("drillpage.evidence_count", lang=lang, n=len(evidence)) if evidence else ""
    return ("；" if lang == "zh" else "; ").join(parts)


__all__ = [
    "amendment_text",
    "conflict_rows",
    "evidence_text",
    "photo_rows",
    "record_rows",
    "result_text",
]
