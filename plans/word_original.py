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
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from plans.errors import PlanReadError
from plans.model import Block
from plans.reader_docx import read_docx_anchored

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_W = f"{{{W}}}"
_P, _TR, _R, _T, _PPR, _RPR = (_W + n for n in ("p", "tr", "r", "t", "pPr", "rPr"))
_INS, _DEL, _DEL_TEXT = _W + "ins", _W + "del", _W + "delText"
_INSTR, _DEL_INSTR = _W + "instrText", _W + "delInstrText"
_ATOMS = {_T: None, _W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_SKIPPED = (f"{{{MC}}}Fallback", _DEL)
_SPACE = frozenset(" \t\u00a0\u3000")
_DOCUMENT = "word/document.xml"
_HOLDER = "{urn:plandrill}holder"  # a place kept while runs are removed; never written
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass(frozen=True)
class Mark:
    """Who made the tracked changes and when (w:author, w:date)."""

    author: str
    date: datetime


@dataclass
class _Atom:
    el: etree._Element  # w:t, w:tab, w:br, …
    text: str
    start: int  # offset in the paragraph's raw text


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
        elements = list(self.root.iter(_P, _TR))
        self._anchor = [elements[a] for a in anchors]
        ids = [int(v) for v in self.root.xpath("//@w:id", namespaces={"w": W}) if v.isdigit()]
        self._next_id = max(ids, default=0) + 1
        self.body = self.root.find(_W + "body")

    # ------------------------------------------------------------------ reading

    def paragraphs(self, block: int) -> list:
        """The w:p elements of a block: the paragraph itself, or every paragraph of a row."""
        if not 0 <= block < len(self._anchor):
            return []
        el = self._anchor[block]
        if el.tag == _P:
            return [el] if el.getparent() is not None else []
        return [p for p in el.iter(_P) if _inside(p, el)]

    def paragraphs_for(self, block: int, block_text: str) -> list:
        """Where a block of the plan's source stands: by position in the original document, or
        (`by_text`) every paragraph whose text is the block's text."""
        if not self.by_text:
            return self.paragraphs(block)
        if not hasattr(self, "_by_text"):
            self._by_text: dict[str, list] = {}
            for p in self.body.iter(_P):
                self._by_text.setdefault(self.text_of(p), []).append(p)
        return list(self._by_text.get(_collapse(block_text), []))

    def find_in(self, paragraphs: list, words: str) -> tuple[object, int, int] | None:
        """(paragraph, start, end) of `words` in the first of `paragraphs` that holds them."""
        words = _collapse(words)
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
        paragraphs = self.body.findall(_P)
        if paragraphs:
            return paragraphs[-1]
        p = etree.Element(_P)
        last = self.body.find(_W + "sectPr")
        if last is None:
            self.body.append(p)
        else:
            last.addprevious(p)
        return p

    def leading_paragraphs(self, limit: int) -> list:
        """The first paragraphs of the body, up to `limit` with text, stopping where running
        text starts (a paragraph of more than 100 characters): where a cover stands."""
        out = []
        for p in self.body.findall(_P):
            text = self.text_of(p)
            if not text:
                continue
            if len(text) > 100 or len(out) >= limit:
                break
            out.append(p)
        return out

    def body_text(self) -> str:
        """Every paragraph's text, one per line (tables included)."""
        return "\n".join(self.text_of(p) for p in self.body.iter(_P))

    def text_of(self, p) -> str:
        """The paragraph's text as the reader sees it (spaces collapsed, trimmed)."""
        return _cleaned(_atoms(p))[0]

    def find(self, block: int, words: str) -> tuple[object, int, int] | None:
        """(paragraph, start, end) of `words` in the block, in the paragraph's cleaned text;
        None when the words are not there."""
        return self.find_in(self.paragraphs(block), words)

    # ------------------------------------------------------------------ editing

    def replace(self, found: tuple, new_text: str, mark: Mark | None) -> None:
        """Replace the words at `found` (from `find`) with `new_text`: tracked when `mark`."""
        p, start, end = found
        runs, after = self._isolate(p, start, end)
        rpr = _first_rpr(runs) if runs else _rpr_at(after)
        anchor = self._remove_runs(runs, mark)
        if new_text:
            self._insert_run(anchor, new_text, rpr, mark, p)
        _drop_holder(anchor)

    def delete(self, found: tuple, mark: Mark | None) -> None:
        """Delete the words at `found`; a paragraph left with no text goes too (its paragraph
        mark tracked as deleted when `mark`)."""
        p, start, end = found
        runs, _ = self._isolate(p, start, end)
        _drop_holder(self._remove_runs(runs, mark))
        if self.text_of(p).strip():
            return
        if mark is None:
            if p.find(f".//{_W}drawing") is None and p.find(f"{_PPR}/{_W}sectPr") is None:
                p.getparent().remove(p)
        else:
            _mark_rpr(_child(p, _PPR, first=True)).insert(0, self._tracked(_DEL, mark))

    def insert_after(self, p, text: str, mark: Mark | None):
        """A new paragraph after `p` (its paragraph properties, its first run's look) holding
        `text`; tracked as inserted when `mark`. Returns the new paragraph."""
        new = etree.Element(_P)
        ppr = p.find(_PPR)
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            for drop in (_W + "sectPr", _RPR):
                for el in ppr.findall(drop):
                    ppr.remove(el)
            new.append(ppr)
        p.addnext(new)
        if mark is not None:
            _mark_rpr(_child(new, _PPR, first=True)).insert(0, self._tracked(_INS, mark))
        runs = [r for r in p.iter(_R) if r.find(_T) is not None]
        rpr = _first_rpr(runs[:1])
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
        sect = self.body.find(_W + "sectPr")
        if sect is None:
            sect = etree.SubElement(self.body, _W + "sectPr")
        added = False
        if sect.find(_W + "pgSz") is None:
            size = etree.Element(_W + "pgSz")
            size.set(_W + "w", "11906")
            size.set(_W + "h", "16838")
            sect.insert(_schema_place(sect, "pgSz"), size)
            added = True
        if sect.find(_W + "pgMar") is None:
            mar = etree.Element(_W + "pgMar")
            for side in ("top", "right", "bottom", "left"):
                mar.set(_W + side, str(round(margins_mm[side] * 1440 / 25.4)))
            mar.set(_W + "header", "851")
            mar.set(_W + "footer", str(round(margins_mm["footer"] * 1440 / 25.4)))
            mar.set(_W + "gutter", "0")
            sect.insert(_schema_place(sect, "pgMar"), mar)
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
        el.set(_W + "id", str(self._next_id))
        el.set(_W + "author", mark.author[:255] or "PlanDrill")
        el.set(_W + "date", mark.date.strftime("%Y-%m-%dT%H:%M:%SZ"))
        self._next_id += 1
        return el

    def _isolate(self, p, start: int, end: int) -> tuple[list, list]:
        """Split runs so that cleaned characters [start, end) of `p` are whole runs; returns
        (those runs in order, the atoms after the range)."""
        for cut in (end, start):
            atoms = _atoms(p)
            _, cmap = _cleaned(atoms)
            raw = cmap[cut] if cut < len(cmap) else None
            if raw is not None:
                _split_at(atoms, raw)
        atoms = _atoms(p)
        _, cmap = _cleaned(atoms)
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
            holder = etree.Element(_HOLDER)  # keeps the place while the runs go
            last.addnext(holder)
            for run in runs:
                run.getparent().remove(run)
            return holder
        wrapper = None
        for run in runs:
            for t in run.findall(_T):
                t.tag = _DEL_TEXT
                t.set(XML_SPACE, "preserve")
            for t in run.findall(_INSTR):
                t.tag = _DEL_INSTR
            wrapper = self._tracked(_DEL, mark)
            run.addprevious(wrapper)
            wrapper.append(run)
        return wrapper

    def _insert_run(self, anchor, text: str, rpr, mark: Mark | None, p) -> None:
        run = etree.Element(_R)
        if rpr is not None:
            rpr = copy.deepcopy(rpr)
            for el in rpr.findall(_INS) + rpr.findall(_DEL):
                rpr.remove(el)
            run.append(rpr)
        t = etree.SubElement(run, _T)
        t.text = text
        t.set(XML_SPACE, "preserve")
        new = run
        if mark is not None:
            new = self._tracked(_INS, mark)
            new.append(run)
        if anchor is None:
            p.append(new)
        else:
            anchor.addnext(new)


def _inside(p, row) -> bool:
    """Whether `p` belongs to `row` itself, not to a table nested in one of its cells."""
    el = p.getparent()
    while el is not None and el is not row:
        if el.tag == _TR:
            return False
        el = el.getparent()
    return el is row


def _skipped(el, stop) -> bool:
    el = el.getparent()
    while el is not None and el is not stop:
        if el.tag in _SKIPPED:
            return True
        el = el.getparent()
    return False


def _atoms(p) -> list[_Atom]:
    out: list[_Atom] = []
    at = 0
    for el in p.iter(*_ATOMS):
        if _skipped(el, p):
            continue
        fixed = _ATOMS[el.tag]
        text = (el.text or "") if fixed is None else fixed
        out.append(_Atom(el, text, at))
        at += len(text)
    return out


def _cleaned(atoms: list[_Atom]) -> tuple[str, list[int]]:
    """The reader's clean text of the atoms and, for each of its characters, the offset of the
    raw character it comes from (plans.reader_blocks.clean_text: \\r dropped, runs of spaces
    one space, trimmed)."""
    raw = "".join(a.text for a in atoms)
    chars: list[str] = []
    cmap: list[int] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch == "\r":
            i += 1
            continue
        if ch in _SPACE:
            j = i
            while j < n and (raw[j] in _SPACE or raw[j] == "\r"):
                j += 1
            chars.append(" ")
            cmap.append(i)
            i = j
            continue
        chars.append(ch)
        cmap.append(i)
        i += 1
    while chars and chars[0] == " ":
        chars.pop(0)
        cmap.pop(0)
    while chars and chars[-1] == " ":
        chars.pop()
        cmap.pop()
    return "".join(chars), cmap


def _collapse(text: str) -> str:
    return re.sub(r"[ \t\u00a0\u3000]+", " ", text.replace("\r", "")).strip()


def _split_at(atoms: list[_Atom], raw: int) -> None:
    """Make raw offset `raw` fall between runs: split the run whose w:t holds it."""
    for atom in atoms:
        if atom.start < raw < atom.start + len(atom.text) and atom.el.tag == _T:
            run = atom.el.getparent()
            if run.tag != _R:
                return
            k = raw - atom.start
            twin = copy.deepcopy(run)
            run.addnext(twin)
            children = list(run)
            index = children.index(atom.el)
            for el in children[index + 1 :]:
                run.remove(el)
            atom.el.text = atom.text[:k]
            atom.el.set(XML_SPACE, "preserve")
            twin_children = list(twin)
            for el in twin_children[:index]:
                if el.tag != _RPR:
                    twin.remove(el)
            twin_t = twin_children[index]
            twin_t.text = atom.text[k:]
            twin_t.set(XML_SPACE, "preserve")
            return


# the elements of w:sectPr in schema order, up to the page margins
_SECT_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
               "pgMar")  # fmt: skip


def _schema_place(sect, name: str) -> int:
    """Where a new `name` child goes in `sect`: after the children the schema puts before it."""
    before = {_W + n for n in _SECT_ORDER[: _SECT_ORDER.index(name)]}
    index = 0
    for i, child in enumerate(sect):
        if child.tag in before:
            index = i + 1
    return index


def _drop_holder(el) -> None:
    if el is not None and el.tag == _HOLDER and el.getparent() is not None:
        el.getparent().remove(el)


def _mark_rpr(ppr):
    """The run properties of a paragraph's mark (w:pPr/w:rPr), made where the schema wants it:
    before w:sectPr and w:pPrChange."""
    rpr = ppr.find(_RPR)
    if rpr is None:
        rpr = etree.Element(_RPR)
        later = ppr.find(_W + "sectPr")
        if later is None:
            later = ppr.find(_W + "pPrChange")
        if later is None:
            ppr.append(rpr)
        else:
            later.addprevious(rpr)
    return rpr


def _first_rpr(runs: list):
    for run in runs:
        rpr = run.find(_RPR)
        if rpr is not None:
            return rpr
    return None


def _rpr_at(atoms: list[_Atom]):
    return _first_rpr([a.el.getparent() for a in atoms[:1]])


def _child(parent, tag: str, *, first: bool = False):
    el = parent.find(tag)
    if el is None:
        el = etree.Element(tag)
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el


__all__ = ["Block", "Mark", "OriginalDocx"]
