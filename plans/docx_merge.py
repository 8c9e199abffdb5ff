"""Append the body of a generated Word document (annexes made with plans.docx_style) to the end of
another .docx, the plan's own document, keeping that document's parts and look.

What the appended body needs comes with it: its styles, under ids and names of their own
(prefixed, so the target's styles of the same name keep the target's look and the appended
pages keep theirs; paragraphs with no style get the appended document's default paragraph
style), its pictures (new relationship ids), and its section breaks (without header or footer
references, so the target's headers and footers go on). Nothing else of the appended document
is carried: it is written by this program and holds no numbering definitions, notes or
comments.
"""

from __future__ import annotations

import copy
import io

from docx import Document
from docx.oxml.ns import qn

_R_ATTRS = (qn("r:embed"), qn("r:link"), qn("r:id"))
_STYLE_REFS = (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))
_STYLE_LINKS = (qn("w:basedOn"), qn("w:next"), qn("w:link"))
PREFIX = "PlanDrill"


def append_body(target: bytes, addition: bytes) -> bytes:
    """`target` with the body of `addition` after its last paragraph."""
    master = Document(io.BytesIO(target))
    extra = Document(io.BytesIO(addition))
    _copy_styles(master, extra)
    body = master.element.body
    end = body.find(qn("w:sectPr"))
    for el in extra.element.body:
        if el.tag == qn("w:sectPr"):
            continue
        el = copy.deepcopy(el)
        _relink(el, extra, master)
        for sect in el.iter(qn("w:sectPr")):
            _as_target_page(sect, end)
        if end is None:
            body.append(el)
        else:
            end.addprevious(el)
    out = io.BytesIO()
    master.save(out)
    return out.getvalue()


def _as_target_page(sect, target) -> None:
    """A section break of the appended body with the target's page and margins (turned when
    the break asks for landscape; its own when it asks for a larger paper, such as A3) and no
    headers or footers of its own."""
    for ref in sect.findall(qn("w:headerReference")) + sect.findall(qn("w:footerReference")):
        sect.remove(ref)
    if target is None:
        return
    size, theirs = target.find(qn("w:pgSz")), sect.find(qn("w:pgSz"))
    margins, their_margins = target.find(qn("w:pgMar")), sect.find(qn("w:pgMar"))
    if size is None or theirs is None:
        return
    landscape = theirs.get(qn("w:orient")) == "landscape"
    w, h = int(size.get(qn("w:w"), "11906")), int(size.get(qn("w:h"), "16838"))
    their_long = max(int(theirs.get(qn("w:w"), "0")), int(theirs.get(qn("w:h"), "0")))
    if their_long > max(w, h) * 1.1:  # a larger paper asked for (A3 for a chart): keep it
        return
    new = copy.deepcopy(size)
    new.set(qn("w:w"), str(max(w, h) if landscape else min(w, h)))
    new.set(qn("w:h"), str(min(w, h) if landscape else max(w, h)))
    if landscape:
        new.set(qn("w:orient"), "landscape")
    else:
        new.attrib.pop(qn("w:orient"), None)
    theirs.addprevious(new)
    sect.remove(theirs)
    if margins is not None and their_margins is not None:
        their_margins.addprevious(copy.deepcopy(margins))
        sect.remove(their_margins)


def _copy_styles(master, extra) -> None:
    """Every style the appended body uses, with what it is based on, copied under prefixed ids;
    the appended body's references renamed to match."""
    theirs = {s.get(qn("w:styleId")): s for s in extra.styles.element.iter(qn("w:style"))}
    default = next(
        (
            sid
            for sid, s in theirs.items()
            if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")
        ),
        None,
    )
    body = extra.element.body
    if default is not None:
        for p in body.iter(qn("w:p")):
            ppr = p.get_or_add_pPr()
            if ppr.find(qn("w:pStyle")) is None:
                ppr.insert(0, ppr.makeelement(qn("w:pStyle"), {qn("w:val"): default}))
    wanted: list[str] = []
    for el in body.iter(*_STYLE_REFS):
        sid = el.get(qn("w:val"))
        while sid and sid not in wanted and sid in theirs:
            wanted.append(sid)
            based = theirs[sid].find(qn("w:basedOn"))
            sid = based.get(qn("w:val")) if based is not None else None
    have = {s.get(qn("w:styleId")) for s in master.styles.element.iter(qn("w:style"))}
    for sid in wanted:
        if PREFIX + sid in have:
            continue
        style = copy.deepcopy(theirs[sid])
        style.attrib.pop(qn("w:default"), None)
        style.set(qn("w:styleId"), PREFIX + sid)
        name = style.find(qn("w:name"))
        if name is not None:
            name.set(qn("w:val"), f"{PREFIX} {name.get(qn('w:val'))}")
        for link in style.iter(*_STYLE_LINKS):
            if link.get(qn("w:val")) in wanted:
                link.set(qn("w:val"), PREFIX + link.get(qn("w:val")))
            else:
                link.getparent().remove(link)
        master.styles.element.append(style)
    for el in body.iter(*_STYLE_REFS):
        if el.get(qn("w:val")) in wanted:
            el.set(qn("w:val"), PREFIX + el.get(qn("w:val")))


def _relink(el, extra, master) -> None:
    """Pictures of the appended body re-attached to the target's package."""
    rels = extra.part.rels
    for node in el.iter():
        for attr in _R_ATTRS:
            rid = node.get(attr)
            if rid is None or rid not in rels:
                continue
            rel = rels[rid]
            if rel.is_external:
                node.set(attr, master.part.relate_to(rel.target_ref, rel.reltype, True))
            elif rel.reltype.endswith("/image"):
                new_id, _image = master.part.get_or_add_image(io.BytesIO(rel.target_part.blob))
                node.set(attr, new_id)
            else:
                node.attrib.pop(attr)


__all__ = ["append_body"]
