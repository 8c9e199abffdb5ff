"""Text and runs of a WordprocessingML paragraph, as the importer reads it: the text atoms
(w:t, tabs, breaks) outside deleted revisions and fallback copies, the reader's cleaned text
with a map back to raw offsets, and the small edits plans.word_original makes (split a run,
find a run's look, place a child where the schema wants it)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
WNS = f"{{{W}}}"
P, TR, R, T, PPR, RPR = (WNS + n for n in ("p", "tr", "r", "t", "pPr", "rPr"))
INS, DEL, DEL_TEXT = WNS + "ins", WNS + "del", WNS + "delText"
INSTR, DEL_INSTR = WNS + "instrText", WNS + "delInstrText"
_ATOMS = {
    T: None,
    WNS + "tab": "\t",
    WNS + "br": "\n",
    WNS + "cr": "\n",
    WNS + "noBreakHyphen": "-",
}
_SKIPPED = (f"{{{MC}}}Fallback", DEL)
_SPACE = frozenset(" \t\u00a0\u3000")
HOLDER = "{urn:plandrill}holder"  # a place kept while runs are removed; never written


@dataclass
class Atom:
    el: etree._Element  # w:t, w:tab, w:br, …
    text: str
    start: int  # offset in the paragraph's raw text


def inside(p, row) -> bool:
    """Whether `p` belongs to `row` itself, not to a table nested in one of its cells."""
    el = p.getparent()
    while el is not None and el is not row:
        if el.tag == TR:
            return False
        el = el.getparent()
    return el is row


def skipped(el, stop) -> bool:
    el = el.getparent()
    while el is not None and el is not stop:
        if el.tag in _SKIPPED:
            return True
        el = el.getparent()
    return False


def text_atoms(p) -> list[Atom]:
    out: list[Atom] = []
    at = 0
    for el in p.iter(*_ATOMS):
        if skipped(el, p):
            continue
        fixed = _ATOMS[el.tag]
        text = (el.text or "") if fixed is None else fixed
        out.append(Atom(el, text, at))
        at += len(text)
    return out


def cleaned(atoms: list[Atom]) -> tuple[str, list[int]]:
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


def collapse(text: str) -> str:
    return re.sub(r"[ \t\u00a0\u3000]+", " ", text.replace("\r", "")).strip()


def split_at(atoms: list[Atom], raw: int) -> None:
    """Make raw offset `raw` fall between runs: split the run whose w:t holds it."""
    for atom in atoms:
        if atom.start < raw < atom.start + len(atom.text) and atom.el.tag == T:
            run = atom.el.getparent()
            if run.tag != R:
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
                if el.tag != RPR:
                    twin.remove(el)
            twin_t = twin_children[index]
            twin_t.text = atom.text[k:]
            twin_t.set(XML_SPACE, "preserve")
            return


# the elements of w:sectPr in schema order, up to the page margins
_SECT_ORDER = (
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
)


def schema_place(sect, name: str) -> int:
    """Where a new `name` child goes in `sect`: after the children the schema puts before it."""
    before = {WNS + n for n in _SECT_ORDER[: _SECT_ORDER.index(name)]}
    index = 0
    for i, child in enumerate(sect):
        if child.tag in before:
            index = i + 1
    return index


def drop_holder(el) -> None:
    if el is not None and el.tag == HOLDER and el.getparent() is not None:
        el.getparent().remove(el)


def mark_rpr(ppr):
    """The run properties of a paragraph's mark (w:pPr/w:rPr), made where the schema wants it:
    before w:sectPr and w:pPrChange."""
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = etree.Element(RPR)
        later = ppr.find(WNS + "sectPr")
        if later is None:
            later = ppr.find(WNS + "pPrChange")
        if later is None:
            ppr.append(rpr)
        else:
            later.addprevious(rpr)
    return rpr


def first_rpr(runs: list):
    for run in runs:
        rpr = run.find(RPR)
        if rpr is not None:
            return rpr
    return None


def rpr_at(atoms: list[Atom]):
    return first_rpr([a.el.getparent() for a in atoms[:1]])


def child(parent, tag: str, *, first: bool = False):
    el = parent.find(tag)
    if el is None:
        el = etree.Element(tag)
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el


__all__ = [
    "DEL",
    "DEL_INSTR",
    "DEL_TEXT",
    "HOLDER",
    "INS",
    "INSTR",
    "PPR",
    "RPR",
    "TR",
    "WNS",
    "XML_SPACE",
    "Atom",
    "P",
    "R",
    "T",
    "W",
    "child",
    "cleaned",
    "collapse",
    "drop_holder",
    "first_rpr",
    "inside",
    "mark_rpr",
    "rpr_at",
    "schema_place",
    "split_at",
    "text_atoms",
]
