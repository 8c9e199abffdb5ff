"""The plan as a Word file that is the plan's own document.

- A plan imported from .docx is exported from that file: its headings, numbering, paragraphs,
  tables and annexes stay as they were. The changes of earlier revisions are made in place; the
  changes of this version (against the version it was revised from) are Word tracked changes
  (`tracked=True`, what the approver reviews) or made outright (the clean copy). The cover date
  becomes the approval date.
- A plan imported from PDF, text or Markdown gets a document built from its sections, in source
  order, with their own numbering; revisions are applied to it the same way.
- A plan with neither (written by hand as plan JSON) gets the structured document of
  plans.export_docx.

Generated material comes after the plan's own annexes, numbered on from them: role cards, flow
charts, and document control with the revision record (every change: why, which item, before,
after, who approved it).

Pure: bytes in, bytes out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from i18n import t
from plans.diff import diff_plans
from plans.docx_charts import Chart
from plans.docx_merge import append_body
from plans.docx_style import (
    EN_MARGINS,
    ZH_FONTS,
    ZH_MARGINS,
    FontSet,
    clean,
    heading,
    new_official_document,
    paragraph,
    title,
    to_docx_bytes,
)
from plans.export_docx import build_plan_document, chart_figures
from plans.model import Block, Plan, Step
from plans.word_annexes import generated_annexes, own_last_annex
from plans.word_cover import cover_date
from plans.word_original import Mark, OriginalDocx
from plans.word_record import WordMeta, change_text, revision_rows, step_words

DOCX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class WordChange:
    """One change made in the body: a step's words changed, added or removed, or the cover date."""

    kind: str  # changed | added | removed | cover_date
    item: str  # the step id (in the version that has it)
    before: str
    after: str
    placed: bool  # False: its words were not found, the new text was added after its paragraph


@dataclass(frozen=True)
class WordPlan:
    data: bytes
    source: str  # original | sections | structured
    changes: tuple[WordChange, ...] = ()
    annexes: tuple[str, ...] = field(default=())  # the labels of the generated annexes


def plan_word(
    target: Plan,
    *,
    original: tuple[str, bytes] | None = None,
    first: Plan | None = None,
    base: Plan | None = None,
    tracked: bool = True,
    meta: WordMeta | None = None,
    flags: Sequence[tuple[str, str, str, str]] = (),
    charts: Sequence[Chart] = (),
    cards: bool = True,
    lang: str | None = None,
    fonts: FontSet = ZH_FONTS,
) -> WordPlan:
    """The Word file of `target` (see the module docstring).

    `original`: (file name, bytes) of the document the plan was imported from; `first`: the plan
    as first stored from it (its steps' sources point into it; default `base`, else `target`);
    `base`: the
    version `target` was revised from (None: `target` is not a revision); `flags`: the findings
    that asked for the revision, (kind, item id, finding title, note), for the revision record;
    `charts`: the chart views to print (plans.export_docx.chart_figures), an annex of their
    own; `cards`: the role cards as an annex (roles that lead or support a step).
    """
    lang = lang or (target.language if target.language in ("zh", "en") else "zh")
    meta = meta or WordMeta()
    first = first or base or target
    doc, source = _body(original, first, lang, fonts)
    changes: list[WordChange] = []
    record: list[dict[str, str]] = []
    if doc is None:
        record = revision_rows(base, target, flags, meta, lang) if base is not None else []
        rows = [
            {
                "finding": r["reason"],
                "change": change_text(r, lang),
                "item": r["item"],
                "date": r["approval"],
            }
            for r in record
        ]
        document = build_plan_document(
            target,
            lang=lang,
            fonts=fonts,
            flow_charts=charts,
            version_label=meta.version_label,
            revision_record=rows,
            cards=cards,
        )
        return WordPlan(to_docx_bytes(document), "structured")
    words = _Words(doc, first)
    _place_written_by_hand(doc, words, first)
    if base is not None and base is not first:
        _apply(doc, words, first, base, None)
    if base is not None:
        mark = Mark(meta.author or "PlanDrill", meta.changed_at or datetime.now())
        changes += _apply(doc, words, base, target, mark if tracked else None)
        record = revision_rows(base, target, flags, meta, lang)
    if meta.approved_on is not None:
        when = meta.changed_at or datetime.now()
        cover = cover_date(
            doc,
            meta.approved_on,
            Mark(meta.author or "PlanDrill", when) if tracked and base is not None else None,
        )
        if cover is not None:
            changes.append(WordChange("cover_date", "", *cover, True))
    doc.ensure_page(ZH_MARGINS if lang == "zh" else EN_MARGINS)  # GB/T 9704 where none is set
    own = own_last_annex(doc.blocks if source == "original" else _section_blocks(first))
    labels, annex = generated_annexes(target, own, lang, fonts, charts, record, meta, cards=cards)
    data = append_body(doc.to_bytes(), annex)
    return WordPlan(data, source, tuple(changes), tuple(labels))


def from_sources(
    sources,
    *,
    tracked: bool = True,
    cards: bool = True,
    charts: bool = True,
    lang: str | None = None,
) -> WordPlan:
    """The Word file of a stored version from what db.plans_word.word_sources read: its
    version number, approval and history in the document control table, its changes against
    the version it was revised from (tracked or made); the role cards and the chart views as
    annexes unless left out."""
    info = sources.info
    lang = lang or (info.language if info.language in ("zh", "en") else "zh")
    history = tuple(
        (
            f"v{number}",
            approved_on,
            approver,
            t("doc.word.first_version", lang=lang)
            if base is None
            else t("doc.word.revised_from", lang=lang, base=f"v{base}"),
        )
        for number, approved_on, approver, base in sources.history
    )
    meta = WordMeta(
        version_label=f"v{info.number}",
        approved_on=info.approved_at.date() if info.approved_at else None,
        approved_by=sources.person(info.approved_by),
        author=sources.person(info.updated_by),
        changed_at=info.updated_at,
        history=history,
    )
    return plan_word(
        sources.target,
        original=sources.original,
        first=sources.first,
        base=sources.base,
        tracked=tracked,
        meta=meta,
        flags=sources.flags,
        charts=chart_figures(sources.target, lang) if charts else (),
        cards=cards,
        lang=lang,
    )


# ---------------------------------------------------------------------------- the body


def _body(original, first: Plan, lang: str, fonts: FontSet):
    if original is not None and original[1][:4] == DOCX_MAGIC:
        return OriginalDocx(original[1]), "original"
    if first.sections:
        return OriginalDocx(sections_docx(first, lang, fonts), by_text=True), "sections"
    return None, "structured"


def sections_docx(plan: Plan, lang: str, fonts: FontSet = ZH_FONTS) -> bytes:
    """A document of the plan's sections in source order: each heading as written (its own
    numbering kept) at its level, then its text, a paragraph per line."""
    document = new_official_document(lang, fonts=fonts)
    document.core_properties.title = clean(plan.title)[:255]
    headings = {section.heading.strip() for section in plan.sections if section.heading}
    if plan.title.strip() and plan.title.strip() not in headings:
        title(document, plan.title)
    for section in plan.sections:
        if section.heading:
            heading(document, section.heading, section.level or 1)
        for line in section.text.splitlines():
            if line.strip():
                paragraph(document, line)
    return to_docx_bytes(document)


def _section_blocks(plan: Plan) -> list[Block]:
    blocks = []
    for section in plan.sections:
        if section.heading:
            blocks.append(Block(len(blocks), "heading", section.heading, level=section.level))
        for line in section.text.splitlines():
            blocks.append(Block(len(blocks), "paragraph", line))
    return blocks


class _Words:
    """Where each step's words stand in the document body, as changes are made."""

    def __init__(self, doc: OriginalDocx, first: Plan) -> None:
        self.doc = doc
        self.at: dict[str, tuple[list, str]] = {}  # step id -> (paragraphs to look in, words)
        for step in first.steps:
            if step.source is None:
                continue
            paragraphs = doc.paragraphs_for(step.source.block, step.source.text)
            if paragraphs:
                self.at[step.id] = (paragraphs, step.source.quote or step.text)

    def find(self, step_id: str):
        paragraphs, words = self.at.get(step_id, ([], ""))
        return self.doc.find_in(paragraphs, words) if words else None

    def paragraph_of(self, step_id: str):
        found = self.find(step_id)
        if found is not None:
            return found[0]
        paragraphs, _ = self.at.get(step_id, ([], ""))
        return paragraphs[-1] if paragraphs else None


def _apply(doc: OriginalDocx, words: _Words, old: Plan, new: Plan, mark) -> list[WordChange]:
    """Make the step changes from `old` to `new` in the body; `words` follows them (re-keyed to
    the ids of `new`)."""
    diff = diff_plans(old, new)
    changes: list[WordChange] = []
    renamed: dict[str, str] = {}
    old_steps = {s.id: s for s in old.steps}
    new_steps = {s.id: s for s in new.steps}
    for item in diff.of("step"):
        if item.change == "changed":
            renamed[item.old_id] = item.new_id
    for old_id in old_steps:
        if old_id not in renamed and old_id in new_steps and not _removed(diff, old_id):
            renamed[old_id] = old_id
    removed = [c.old_id for c in diff.of("step", "removed")]
    for old_id in removed:
        before = step_words(old_steps[old_id])
        found = words.find(old_id)
        if found is not None:
            doc.delete(found, mark)
        changes.append(WordChange("removed", old_id, before, "", found is not None))
    for item in diff.of("step", "changed"):
        a, b = old_steps[item.old_id], new_steps[item.new_id]
        if step_words(a) == step_words(b):
            continue
        found = words.find(item.old_id)
        if found is not None:
            doc.replace(found, step_words(b), mark)
            paragraphs = [found[0]]
        else:
            near = words.paragraph_of(item.old_id)
            if near is None:
                changes.append(WordChange("changed", b.id, step_words(a), step_words(b), False))
                continue
            paragraphs = [doc.insert_after(near, step_words(b), mark)]
        words.at[item.old_id] = (paragraphs, step_words(b))
        changes.append(WordChange("changed", b.id, step_words(a), step_words(b), found is not None))
    words.at = {renamed[k]: v for k, v in words.at.items() if k in renamed}
    last_after: dict[int, object] = {}
    order = [s.id for s in new.steps]
    for item in diff.of("step", "added"):
        step = new_steps[item.new_id]
        near = _predecessor_paragraph(words, step, order)
        if near is None:
            near = doc.last_paragraph()
        near = last_after.get(id(near), near)
        p = doc.insert_after(near, step_words(step), mark)
        last_after[id(near)] = p
        words.at[step.id] = ([p], step_words(step))
        changes.append(WordChange("added", step.id, "", step_words(step), True))
    return changes


def _place_written_by_hand(doc: OriginalDocx, words: _Words, first: Plan) -> None:
    """Steps the plan owner wrote into the first version (no source in the document) go into
    the body after their predecessor, unless their words are in the document already (a step
    the import missed, added back by hand). What the owner removed or reworded while reviewing
    the import stays as the document says: the document is what was approved with it."""
    written = [s for s in first.steps if s.source is None and step_words(s)]
    if not written:
        return
    body = _squeeze(doc.body_text())
    order = [s.id for s in first.steps]
    last_after: dict[int, object] = {}
    for step in written:
        if _squeeze(step_words(step)) in body:
            continue
        near = _predecessor_paragraph(words, step, order)
        if near is None:
            near = doc.last_paragraph()
        near = last_after.get(id(near), near)
        p = doc.insert_after(near, step_words(step), None)
        last_after[id(near)] = p
        words.at[step.id] = ([p], step_words(step))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _removed(diff, old_id: str) -> bool:
    return any(c.old_id == old_id for c in diff.of("step", "removed"))


def _predecessor_paragraph(words: _Words, step: Step, order: list[str]):
    for pid in reversed(step.after):
        p = words.paragraph_of(pid)
        if p is not None:
            return p
    index = order.index(step.id)
    for pid in reversed(order[:index]):
        p = words.paragraph_of(pid)
        if p is not None:
            return p
    return None


__all__ = [
    "WordChange",
    "WordMeta",
    "WordPlan",
    "from_sources",
    "plan_word",
    "revision_rows",
    "sections_docx",
]
