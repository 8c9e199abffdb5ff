"""The plan's own .docx, edited in place: a step's words replaced, inserted after a paragraph or
deleted, either as Word tracked changes (w:ins / w:del with author and date, which Word, WPS and
LibreOffice show as redlines) or made outright (the clean copy). Everything else of the
document (styles, numbering, headers, tables, pictures, other parts of the package) is kept
byte for byte.

Paragraphs are found through the blocks the importer read (plans.reader_docx.read_docx_anchored):
a step's `source.block` names its paragraph or table row, its `source.quote` the words it stood
for there. Text is matched as the reader saw it: runs joined, spaces collapsed, deleted
revisions and fallback copies left out.
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from plans.errors import PlanReadError
from plans.model import Block
from plans.reader_docx import read_docx_anchored
from plans.word_runs import (
    DEL,
    DEL_INSTR,
    DEL_TEXT,
    HOLDER,
    INS,
    INSTR,
    PPR,
    RPR,
    TR,
    WNS,
    XML_SPACE,
    P,
    R,
    T,
    W,
    child,
    cleaned,
    collapse,
    drop_holder,
    first_rpr,
    inside,
    mark_rpr,
    rpr_at,
    schema_place,
    split_at,
    text_atoms,
)

_DOCUMENT = "word/document.xml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass(frozen=True)
class Mark:
    """Who made the tracked changes and when (w:author, w:date)."""

    author: str
    date: datetime


class OriginalDocx:
    """An editable copy of a .docx package whose blocks are those the importer read."""

    def __init__(self, data: bytes, *, by_text: bool = False) -> None:
        """`by_text`: the document is not the one the plan's blocks were read from (a document
        built from its sections), so a step's paragraph is found by its block's text."""
        self.by_text = by_text
        try:
            self.blocks, anchors = read_docx_anchored(data)
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                self._parts = [(info, zf.read(info.filename)) for info in zf.infolist()]
                self.root = etree.fromstring(zf.read(_DOCUMENT), _PARSER)
        except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, OSError, ValueError) as exc:
            raise PlanReadError("read.damaged") from exc
        elements = list(self.root.iter(P, TR))
        self._anchor = [elements[a] for a in anchors]
        ids = [int(v) for v in self.root.xpath("//@w:id", namespaces={"w": W}) if v.isdigit()]
        self._next_id = max(ids, default=0) + 1
        self.body = self.root.find(WNS + "body")

    # ------------------------------------------------------------------ reading

    def paragraphs(self, block: int) -> list:
        """The w:p elements of a block: the paragraph itself, or every paragraph of a row."""
        if not 0 <= block < len(self._anchor):
            return []
        el = self._anchor[block]
        if el.tag == P:
            return [el] if el.getparent() is not None else []
        return [p for p in el.iter(P) if inside(p, el)]

    def paragraphs_for(self, block: int, block_text: str) -> list:
        """Where a block of the plan's source stands: by position in the original document, or
        (`by_text`) every paragraph whose text is the block's text."""
        if not self.by_text:
            return self.paragraphs(block)
        if not hasattr(self, "_by_text"):
            self._by_text: dict[str, list] = {}
            for p in self.body.iter(P):
                self._by_text.setdefault(self.text_of(p), []).append(p)
        return list(self._by_text.get(collapse(block_text), []))

    def find_in(self, paragraphs: list, words: str) -> tuple[object, int, int] | None:
        """(paragraph, start, end) of `words` in the first of `paragraphs` that holds them."""
        words = collapse(words)
        if not words:
            return None
        for p in paragraphs:
            if p.getparent() is None:
                continue
            at = self.text_of(p).find(words)
            if at >= 0:
                return p, at, at + len(words)
        return None

    def last_paragraph(self):
        """The body's last paragraph (new text with no better place goes after it)."""
        paragraphs = self.body.findall(P)
        if paragraphs:
            return paragraphs[-1]
        p = etree.Element(P)
        last = self.body.find(WNS + "sectPr")
        if last is None:
            self.body.append(p)
        else:
            last.addprevious(p)
        return p

    def leading_paragraphs(self, limit: int) -> list:
        """The first paragraphs of the body, up to `limit` with text, stopping where running
        text starts (a paragraph of more than 100 characters): where a cover stands."""
        out = []
        for p in self.body.findall(P):
            text = self.text_of(p)
            if not text:
                continue
            if len(text) > 100 or len(out) >= limit:
                break
            out.append(p)
        return out

    def body_text(self) -> str:
        """Every paragraph's text, one per line (tables included)."""
        return "\n".join(self.text_of(p) for p in self.body.iter(P))

    def text_of(self, p) -> str:
        """The paragraph's text as the reader sees it (spaces collapsed, trimmed)."""
        return cleaned(text_atoms(p))[0]

    def find(self, block: int, words: str) -> tuple[object, int, int] | None:
        """(paragraph, start, end) of `words` in the block, in the paragraph's cleaned text;
        None when the words are not there."""
        return self.find_in(self.paragraphs(block), words)

    # ------------------------------------------------------------------ editing

    def replace(self, found: tuple, new_text: str, mark: Mark | None) -> None:
        """Replace the words at `found` (from `find`) with `new_text`: tracked when `mark`."""
        p, start, end = found
        runs, after = self._isolate(p, start, end)
        rpr = first_rpr(runs) if runs else rpr_at(after)
        anchor = self._remove_runs(runs, mark)
        if new_text:
            self._insert_run(anchor, new_text, rpr, mark, p)
        drop_holder(anchor)

    def delete(self, found: tuple, mark: Mark | None) -> None:
        """Delete the words at `found`; a paragraph left with no text goes too (its paragraph
        mark tracked as deleted when `mark`)."""
        p, start, end = found
        runs, _ = self._isolate(p, start, end)
        drop_holder(self._remove_runs(runs, mark))
        if self.text_of(p).strip():
            return
        if mark is None:
            if p.find(f".//{WNS}drawing") is None and p.find(f"{PPR}/{WNS}sectPr") is None:
                p.getparent().remove(p)
        else:
            mark_rpr(child(p, PPR, first=True)).insert(0, self._tracked(DEL, mark))

    def insert_after(self, p, text: str, mark: Mark | None):
        """A new paragraph after `p` (its paragraph properties, its first run's look) holding
        `text`; tracked as inserted when `mark`. Returns the new paragraph."""
        new = etree.Element(P)
        ppr = p.find(PPR)
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            for drop in (WNS + "sectPr", RPR):
                for el in ppr.findall(drop):
                    ppr.remove(el)
            new.append(ppr)
        p.addnext(new)
        if mark is not None:
            mark_rpr(child(new, PPR, first=True)).insert(0, self._tracked(INS, mark))
        runs = [r for r in p.iter(R) if r.find(T) is not None]
        rpr = first_rpr(runs[:1])
        self._insert_run(None, text, rpr, mark, new)
        return new

    def set_paragraph_text(self, p, text: str, mark: Mark | None) -> None:
        """Replace all of a paragraph's words (its look kept)."""
        current = self.text_of(p)
        if current == text:
            return
        if current:
            self.replace((p, 0, len(current)), text, mark)
        else:
            self._insert_run(None, text, None, mark, p)

    def ensure_page(self, margins_mm: dict[str, float]) -> bool:
        """Give the document a page where it names none: A4 when its last section has no page
        size, `margins_mm` (top, bottom, left, right, footer) when it has no margins. A page
        the document sets is kept. Returns whether anything was added."""
        sect = self.body.find(WNS + "sectPr")
        if sect is None:
            sect = etree.SubElement(self.body, WNS + "sectPr")
        added = False
        if sect.find(WNS + "pgSz") is None:
            size = etree.Element(WNS + "pgSz")
            size.set(WNS + "w", "11906")
            size.set(WNS + "h", "16838")
            sect.insert(schema_place(sect, "pgSz"), size)
            added = True
        if sect.find(WNS + "pgMar") is None:
            mar = etree.Element(WNS + "pgMar")
            for side in ("top", "right", "bottom", "left"):
                mar.set(WNS + side, str(round(margins_mm[side] * 1440 / 25.4)))
            mar.set(WNS + "header", "851")
            mar.set(WNS + "footer", str(round(margins_mm["footer"] * 1440 / 25.4)))
            mar.set(WNS + "gutter", "0")
            sect.insert(schema_place(sect, "pgMar"), mar)
            added = True
        return added

    def to_bytes(self) -> bytes:
        """The package with the edited document part; every other part as it was."""
        body = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in self._parts:
                zf.writestr(info, body if info.filename == _DOCUMENT else data)
        return out.getvalue()

    # ------------------------------------------------------------------ internals

    def _tracked(self, tag: str, mark: Mark):
        el = etree.Element(tag)
        el.set(WNS + "id", str(self._next_id))
        el.set(WNS + "author", mark.author[:255] or "PlanDrill")
        el.set(WNS + "date", mark.date.strftime("%Y-%m-%dT%H:%M:%SZ"))
        self._next_id += 1
        return el

    def _isolate(self, p, start: int, end: int) -> tuple[list, list]:
        """Split runs so that cleaned characters [start, end) of `p` are whole runs; returns
        (those runs in order, the atoms after the range)."""
        for cut in (end, start):
            atoms = text_atoms(p)
            _, cmap = cleaned(atoms)
            raw = cmap[cut] if cut < len(cmap) else None
            if raw is not None:
                split_at(atoms, raw)
        atoms = text_atoms(p)
        _, cmap = cleaned(atoms)
        if start >= len(cmap):
            return [], []
        lo = cmap[start]
        hi = cmap[end] if end < len(cmap) else None
        runs: list = []
        after: list = []
        for atom in atoms:
            inside = atom.start >= lo and (hi is None or atom.start < hi)
            if inside:
                run = atom.el.getparent()
                if run not in runs:
                    runs.append(run)
            elif hi is not None and atom.start >= hi:
                after.append(atom)
        return runs, after

    def _remove_runs(self, runs: list, mark: Mark | None):
        """Delete `runs` (tracked or outright); returns the element new text goes after."""
        if not runs:
            return None
        last = runs[-1]
        if mark is None:
            holder = etree.Element(HOLDER)  # keeps the place while the runs go
            last.addnext(holder)
            for run in runs:
                run.getparent().remove(run)
            return holder
        wrapper = None
        for run in runs:
            for t in run.findall(T):
                t.tag = DEL_TEXT
                t.set(XML_SPACE, "preserve")
            for t in run.findall(INSTR):
                t.tag = DEL_INSTR
            wrapper = self._tracked(DEL, mark)
            run.addprevious(wrapper)
            wrapper.append(run)
        return wrapper

    def _insert_run(self, anchor, text: str, rpr, mark: Mark | None, p) -> None:
        run = etree.Element(R)
        if rpr is not None:
            rpr = copy.deepcopy(rpr)
            for el in rpr.findall(INS) + rpr.findall(DEL):
                rpr.remove(el)
            run.append(rpr)
        t = etree.SubElement(run, T)
        t.text = text
        t.set(XML_SPACE, "preserve")
        new = run
        if mark is not None:
            new = self._tracked(INS, mark)
            new.append(run)
        if anchor is None:
            p.append(new)
        else:
            anchor.addnext(new)


__all__ = ["Block", "Mark", "OriginalDocx"]
