"""After a drill, the figures of its one evaluation on screen: items by category, areas and roles
(an area with nothing to score is "not rated"), each item's result with its quality mark, and the
process record with undo, amendments, answers, unexpected actions and conflicts. The texts come
from the same ReportData the documents are made from, so screen and documents agree."""

from __future__ import annotations

import streamlit as st

from drills.report_record import amendment_text
from drills.report_text import moment_text
from i18n import t
from i18n.glossary import OUTCOME_CATEGORIES


def score_text(score: float | None) -> str:
    """A score as the screen shows it: rounded, or "not rated" (never 0 or None)."""
    return t("eval.not_rated") if score is None else f"{score:.0f}"


def categories(review) -> None:
    """One figure per category: the same counts as the report's and the workbook's."""
    st.markdown(f"**{t('eval.screen.categories')}**")
    counts = review.evaluation.category_counts
    cols = st.columns(len(OUTCOME_CATEGORIES))
    for col, key in zip(cols, OUTCOME_CATEGORIES, strict=True):
        col.metric(OUTCOME_CATEGORIES.label(key), counts[key])
    open_conflicts = [c for c in review.evaluation.conflicts if not c.settled]
    if open_conflicts:
        st.warning(
            t("eval.screen.conflicts_open", n=len(open_conflicts)), icon=":material/sync_problem:"
        )


def role_rows(review, names: dict[str, str]) -> list[dict]:
    ev = review.evaluation
    rows = []
    for r in ev.roles:
        counts = ev.role_categories(r.role)
        row = {
            t("common.role"): names.get(r.role, r.role) if r.role else "—",
            t("common.items"): r.counts.total,
        }
        row |= {OUTCOME_CATEGORIES.label(key): counts[key] for key in OUTCOME_CATEGORIES}
        row[t("common.score")] = score_text(r.score)
        row[t("review.col.rating")] = r.rating or "—"
        rows.append(row)
    return rows


def items(review) -> None:
    st.markdown(f"**{t('eval.screen.items')}**")
    st.dataframe(
        [
            {
                t("eval.xlsx.item_id"): r.item_id,
                t("common.step"): r.item,
                t("common.area"): r.area,
                t("common.result"): r.rating,
                t("eval.xlsx.quality"): r.quality,
                t("doc.report.minute"): "" if r.minute is None else f"{r.minute:g}",
                t("doc.xlsx.done_by"): r.done_by,
                t("common.note"): r.note,
                t("eval.xlsx.amended"): r.amended,
                t("eval.xlsx.conflict"): "⚠" if r.conflict else "",
            }
            for r in review.data.item_rows
        ],
        hide_index=True,
        width="stretch",
        key="review_items_table",
    )


def record(review) -> None:
    """The process record: every entry in time order, undone ones marked, amendments with
    their reason, conflicts flagged and listed."""
    data = review.data
    st.markdown(f"**{t('eval.record.title')}**")
    st.caption(t("eval.record.intro"))
    rows = []
    for n, r in enumerate(data.record, start=1):
        photo = data.photo_number(r.photo) if r.photo else None
        notes = [r.note, r.remark, *(amendment_text(a, data.lang) for a in r.amendments)]
        if photo:
            notes.append(t("eval.record.photo", n=photo))
        rows.append(
            {
                t("doc.no"): n,
                t("eval.record.observed"): moment_text(r.observed, data.lang),
                t("doc.report.minute"): "" if r.minute is None else f"{r.minute:.0f}",
                t("eval.record.recorded"): moment_text(r.recorded, data.lang),
                t("common.evaluator"): r.evaluator,
                t("eval.record.what"): r.what,
                t("common.result"): r.result,
                t("eval.record.quality"): r.quality,
                t("common.comment"): " · ".join(x for x in notes if x),
                t("eval.xlsx.undone"): r.undone,
                t("eval.xlsx.conflict"): "⚠" if r.conflict else "",
            }
        )
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch", key="review_record_table")
    else:
        st.caption(t("eval.record.empty"))
    if data.conflicts:
        st.markdown(f"**{t('eval.conflicts.title')}**")
        st.dataframe(
            [
                {
                    t("eval.record.what"): c.item,
                    t("eval.conflicts.entries"): "；".join(c.entries),
                    t("eval.conflicts.status"): c.settlement or t("eval.conflicts.open"),
                }
                for c in data.conflicts
            ],
            hide_index=True,
            width="stretch",
            key="review_conflicts_table",
        )


__all__ = ["categories", "items", "record", "role_rows", "score_text"]
