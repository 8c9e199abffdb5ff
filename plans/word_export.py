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
from datetime import date, datetime

from i18n import t
from plans.diff import PlanDiff, diff_plans, summary_rows
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
    table,
    title,
    to_docx_bytes,
)
from plans.export_annexes import AnnexWriter
from plans.export_docx import build_plan_document, chart_figures
from plans.model import Block, Plan, Step
from plans.word_original import Mark, OriginalDocx

DOCX_MAGIC = b"PK\x03\x04"
_ZH_ANNEX = re.compile(r"^附\s*件\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})(?![0-9０-９])")
_EN_ANNEX = re.compile(r"^(?:annex|appendix|attachment)\s+([A-Z]|\d{1,2})\b", re.IGNORECASE)
_ZH_DIGITS = "〇一二三四五六七八九"
_CN_NUMBER = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
_ZH_DATE = re.compile(
    r"^(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?$"
)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_EN_DATE = re.compile(
    r"^(?:(?:\d{1,2}\s+)?(?:" + "|".join(_MONTHS) + r")\s+(?:\d{1,2},\s*)?\d{4}"
    r"|\d{4}-\d{2}(?:-\d{2})?)$",
    re.IGNORECASE,
)
_COVER_BLOCKS = 30  # how far into the document a cover date is looked for


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
    meta: WordMeta = WordMeta(),
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
    first = first or base or target
    doc, source = _body(original, first, lang, fonts)
    changes: list[WordChange] = []
    record: list[dict[str, str]] = []
    if doc is None:
        record = revision_rows(base, target, flags, meta, lang) if base is not None else []
        rows = [
            {"finding": r["reason"], "change": _change_text(r, lang), "item": r["item"],
             "date": r["approval"]}
            for r in record
        ]  # fmt: skip
        document = build_plan_document(target, lang=lang, fonts=fonts, flow_charts=charts,
                                       version_label=meta.version_label, revision_record=rows,
                                       cards=cards)  # fmt: skip
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
        cover = _cover_date(doc, meta.approved_on, lang, Mark(meta.author or "PlanDrill", when)
                            if tracked and base is not None else None)  # fmt: skip
        if cover is not None:
            changes.append(cover)
    doc.ensure_page(ZH_MARGINS if lang == "zh" else EN_MARGINS)  # GB/T 9704 where none is set
    own = _own_annexes(doc.blocks if source == "original" else _section_blocks(first))
    labels, annex = _annexes(target, own, lang, fonts, charts, record, meta, cards=cards)
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
        before = _text(old_steps[old_id])
        found = words.find(old_id)
        if found is not None:
            doc.delete(found, mark)
        changes.append(WordChange("removed", old_id, before, "", found is not None))
    for item in diff.of("step", "changed"):
        a, b = old_steps[item.old_id], new_steps[item.new_id]
        if _text(a) == _text(b):
            continue
        found = words.find(item.old_id)
        if found is not None:
            doc.replace(found, _text(b), mark)
            paragraphs = [found[0]]
        else:
            near = words.paragraph_of(item.old_id)
            if near is None:
                changes.append(WordChange("changed", b.id, _text(a), _text(b), False))
                continue
            paragraphs = [doc.insert_after(near, _text(b), mark)]
        words.at[item.old_id] = (paragraphs, _text(b))
        changes.append(WordChange("changed", b.id, _text(a), _text(b), found is not None))
    words.at = {renamed[k]: v for k, v in words.at.items() if k in renamed}
    last_after: dict[int, object] = {}
    order = [s.id for s in new.steps]
    for item in diff.of("step", "added"):
        step = new_steps[item.new_id]
        near = _predecessor_paragraph(words, step, order)
        if near is None:
            near = doc.last_paragraph()
        near = last_after.get(id(near), near)
        p = doc.insert_after(near, _text(step), mark)
        last_after[id(near)] = p
        words.at[step.id] = ([p], _text(step))
        changes.append(WordChange("added", step.id, "", _text(step), True))
    return changes


def _place_written_by_hand(doc: OriginalDocx, words: _Words, first: Plan) -> None:
    """Steps the plan owner wrote into the first version (no source in the document) go into
    the body after their predecessor, unless their words are in the document already (a step
    the import missed, added back by hand). What the owner removed or reworded while reviewing
    the import stays as the document says: the document is what was approved with it."""
    written = [s for s in first.steps if s.source is None and _text(s)]
    if not written:
        return
    body = _squeeze(doc.body_text())
    order = [s.id for s in first.steps]
    last_after: dict[int, object] = {}
    for step in written:
        if _squeeze(_text(step)) in body:
            continue
        near = _predecessor_paragraph(words, step, order)
        if near is None:
            near = doc.last_paragraph()
        near = last_after.get(id(near), near)
        p = doc.insert_after(near, _text(step), None)
        last_after[id(near)] = p
        words.at[step.id] = ([p], _text(step))


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


def _text(step: Step) -> str:
    return (step.text or step.name).strip()


# ---------------------------------------------------------------------------- cover date


def _cover_date(doc: OriginalDocx, when: date, lang: str, mark) -> WordChange | None:
    """The cover's date (a paragraph that is only a date, before the body starts) set to `when`
    in the cover's own style of writing dates."""
    for p in doc.leading_paragraphs(_COVER_BLOCKS):
        text = doc.text_of(p)
        m = _ZH_DATE.match(text)
        if m:
            new = _zh_date(when, text, day=m.group("d") is not None)
        elif _EN_DATE.match(text):
            new = _en_date(when, text)
        else:
            continue
        if new != text:
            doc.set_paragraph_text(p, new, mark)
            return WordChange("cover_date", "", text, new, True)
        return None
    return None


def _zh_date(when: date, like: str, *, day: bool) -> str:
    if like[:1].isdigit():
        text = f"{when.year}年{when.month}月"
        return text + (f"{when.day}日" if day else "")
    year = "".join(_ZH_DIGITS[int(c)] for c in str(when.year))
    text = f"{year}年{_zh_small(when.month)}月"
    return text + (f"{_zh_small(when.day)}日" if day else "")


def _zh_small(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    return ("" if n < 20 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else "")


def _en_date(when: date, like: str) -> str:
    if re.match(r"^\d{4}-", like):
        return when.isoformat() if len(like) > 7 else when.strftime("%Y-%m")
    month = _MONTHS[when.month - 1]
    if re.match(r"^\d", like):
        return f"{when.day} {month} {when.year}"
    if "," in like:
        return f"{month} {when.day}, {when.year}"
    return f"{month} {when.year}"


# ---------------------------------------------------------------------------- annexes


def _own_annexes(blocks: Sequence[Block]) -> str:
    """The plan's own last annex number ("3", "C"; "" when it has none)."""
    best_n, best = 0, ""
    for b in blocks:
        if len(b.text) > 80:
            continue
        m = _ZH_ANNEX.match(b.text) or _EN_ANNEX.match(b.text)
        if not m:
            continue
        label = m.group(1)
        n = _annex_value(label)
        if n > best_n:
            best_n, best = n, label
    return best


def _annex_value(label: str) -> int:
    label = label.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if label.isdigit():
        return int(label)
    if len(label) == 1 and label.isalpha() and label.isascii():
        return ord(label.upper()) - 64
    if "十" in label:
        tens, _, units = label.partition("十")
        return _CN_NUMBER.get(tens, 1) * 10 + _CN_NUMBER.get(units, 0)
    return _CN_NUMBER.get(label, 0)


def _next_labels(last: str, count: int) -> list[str]:
    if last and last.isalpha() and last.isascii():
        start = ord(last.upper()) - 64
        return [chr(65 + start + i) if start + i < 26 else str(start + i + 1) for i in range(count)]
    start = _annex_value(last) if last else 0
    return [str(start + i + 1) for i in range(count)]


class _AnnexWriter(AnnexWriter):
    def control(self, label: str, meta: WordMeta, record: list[dict[str, str]]) -> None:
        self.annex_start(label, self.tr("doc.word.control_title"))
        rows = list(meta.history) or [
            (meta.version_label, meta.approved_on.isoformat() if meta.approved_on else "",
             meta.approved_by, "")
        ]  # fmt: skip
        table(self.document,
              [self.tr("doc.word.version"), self.tr("doc.word.approved_on"),
               self.tr("doc.word.approved_by"), self.tr("doc.word.note")],
              [tuple(clean(c) for c in row) for row in rows],
              widths_mm=(24, 30, 40, 62), align_center=(0, 1))  # fmt: skip
        paragraph(self.document, self.tr("doc.plan.revisions"), bold=True, indent=False)
        if not record:
            paragraph(self.document, self.tr("doc.word.no_changes"))
            return
        table(self.document,
              [self.tr("doc.no"), self.tr("doc.word.reason"), self.tr("doc.word.item"),
               self.tr("doc.word.before"), self.tr("doc.word.after"),
               self.tr("doc.word.approval")],
              [(i, r["reason"], r["item"], r["before"], r["after"], r["approval"])
               for i, r in enumerate(record, start=1)],
              widths_mm=(9, 28, 24, 38, 38, 19), align_center=(0,))  # fmt: skip


def _annexes(plan, own: str, lang, fonts, charts, record, meta, *, cards: bool):
    """(labels, .docx bytes) of the generated annexes: role cards, flow charts, document control
    with the revision record, each only when it has something to hold."""
    document = new_official_document(lang, fonts=fonts)
    writer = _AnnexWriter(document, plan, lang)
    owners = {r for s in plan.steps for r in (*s.roles, *s.support)}
    parts = []
    if cards and any(r.id in owners for r in plan.roles):
        parts.append("cards")
    if charts:
        parts.append("charts")
    if meta.version_label or meta.history or record:
        parts.append("control")
    labels = _next_labels(own, len(parts))
    for label, part in zip(labels, parts, strict=True):
        if part == "cards":
            writer.role_cards(label)
        elif part == "charts":
            writer.flow_charts(label, list(charts))
        else:
            writer.control(label, meta, record)
    return labels, to_docx_bytes(document)


# ---------------------------------------------------------------------------- revision record


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
            item = t(f"diff.kind.{change.kind}", lang=lang) + f" {change.name}".rstrip()
        before, after = row["before"], row["after"]
        if change.kind == "step" and change.change in ("added", "removed"):
            step = (target if change.change == "added" else base).step(ident)
            text = _text(step) if step else change.name
            before, after = ("", text) if change.change == "added" else (text, "")
        if row["field"]:
            item += f"（{row['field']}）" if lang == "zh" else f" ({row['field']})"
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


def _change_text(row: dict[str, str], lang: str) -> str:
    """A record row's change in one cell (the structured document's revision record)."""
    if row["change"] == "unchanged":
        return row["after"]
    if row["change"] in ("added", "removed"):
        words = row["after"] if row["change"] == "added" else row["before"]
        label = t("diff.change." + row["change"], lang=lang)
        return f"{label}：{words}" if lang == "zh" else f"{label}: {words}"
    return f"{row['before']} → {row['after']}"


def _rows_by_change(diff, lang: str):
    for change in diff.changes:
        for row in summary_rows(PlanDiff(diff.old, diff.new, (change,)), lang):
            yield change, row


__all__ = [
    "WordChange",
    "WordMeta",
    "WordPlan",
    "from_sources",
    "plan_word",
    "revision_rows",
    "sections_docx",
]
