"""The annexes the Word plan adds after the plan's own, numbered on from them: role cards, flow
charts, document control with the revision record (plans.word_record)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from plans.docx_style import clean, new_official_document, paragraph, table, to_docx_bytes
from plans.export_annexes import AnnexWriter
from plans.model import Block
from plans.word_record import WordMeta

_ZH_ANNEX = re.compile(r"^附\s*件\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})(?![0-9０-９])")
_EN_ANNEX = re.compile(r"^(?:annex|appendix|attachment)\s+([A-Z]|\d{1,2})\b", re.IGNORECASE)
_CN_NUMBER = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def own_last_annex(blocks: Sequence[Block]) -> str:
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
            (
                meta.version_label,
                meta.approved_on.isoformat() if meta.approved_on else "",
                meta.approved_by,
                "",
            )
        ]
        table(
            self.document,
            [
                self.tr("common.version"),
                self.tr("doc.word.approved_on"),
                self.tr("doc.word.approved_by"),
                self.tr("common.comment"),
            ],
            [tuple(clean(c) for c in row) for row in rows],
            widths_mm=(24, 30, 40, 62),
            align_center=(0, 1),
        )
        paragraph(self.document, self.tr("common.revision_record"), bold=True, indent=False)
        if not record:
            paragraph(self.document, self.tr("doc.word.no_changes"))
            return
        table(
            self.document,
            [
                self.tr("doc.no"),
                self.tr("doc.word.reason"),
                self.tr("doc.word.item"),
                self.tr("doc.word.before"),
                self.tr("doc.word.after"),
                self.tr("doc.word.approval"),
            ],
            [
                (i, r["reason"], r["item"], r["before"], r["after"], r["approval"])
                for i, r in enumerate(record, start=1)
            ],
            widths_mm=(9, 28, 24, 38, 38, 19),
            align_center=(0,),
        )


def generated_annexes(plan, own: str, lang, fonts, charts, record, meta, *, cards: bool):
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


__all__ = ["generated_annexes", "own_last_annex"]
