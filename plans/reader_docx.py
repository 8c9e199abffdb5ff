"""Read .docx bytes with a raw lxml walk of word/document.xml (fast: no python-docx objects)."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from plans.errors import PlanReadError
from plans.model import Block
from plans.reader_blocks import RawLine, build_blocks

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
_VAL = _W + "val"
_TEXT, _TAB, _BR, _CR, _HYPHEN = (_W + tag for tag in ("t", "tab", "br", "cr", "noBreakHyphen"))
_P, _TBL, _PPR, _TR = _W + "p", _W + "tbl", _W + "pPr", _W + "tr"
_ANCHOR = "{urn:plandrill}anchor"  # set on a private parse only (read_docx_anchored)
_CONTAINERS = (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins")
_LIST_LEVEL = re.compile(r"(\d)$")
_LEVEL_REF = re.compile(r"%(\d)")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class _Styles:
    """Paragraph styles by id: name, heading level, outline level and numbering, with inheritance."""

    def __init__(self, root):
        self.raw: dict[str, dict] = {}
        self.default = ""
        if root is None:
            return
        for st in root.iter(_W + "style"):
            if st.get(_W + "type") not in (None, "paragraph"):
                continue
            sid = st.get(_W + "styleId") or ""
            name_el = st.find(_W + "name")
            based = st.find(_W + "basedOn")
            ppr = st.find(_W + "pPr")
            outline = ppr.find(_W + "outlineLvl") if ppr is not None else None
            num = _num_pr(ppr)
            self.raw[sid] = {
                "name": name_el.get(_VAL) if name_el is not None else sid,
                "based": based.get(_VAL) if based is not None else None,
                "outline": int(outline.get(_VAL)) if outline is not None else None,
                "num": num,
            }
            if st.get(_W + "default") in ("1", "true"):
                self.default = sid
        self.cache: dict[str, tuple[str, int | None, bool, tuple | None]] = {}

    def info(self, sid: str) -> tuple[str, int | None, bool, tuple | None]:
        """(name, heading level or None, is title, numbering (numId, ilvl) or None)."""
        sid = sid or self.default
        if sid in self.cache:
            return self.cache[sid]
        name = self.raw.get(sid, {}).get("name", sid)
        level = title = None
        num = None
        seen: set[str] = set()
        cur = sid
        while cur and cur in self.raw and cur not in seen:
            seen.add(cur)
            st = self.raw[cur]
            m = _HEADING_NAME.match(st["name"] or "")
            if level is None and m:
                level = int(m.group(1))
            if title is None and (st["name"] or "").lower() in ("title", "标题"):
                title = True
            if level is None and st["outline"] is not None and st["outline"] < 9:
                level = st["outline"] + 1
            if num is None and st["num"] is not None:
                num = st["num"]
            cur = st["based"]
        result = (name or "", level, bool(title), num)
        self.cache[sid] = result
        return result


def _num_pr(ppr):
    if ppr is None:
        return None
    num_pr = ppr.find(_W + "numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(_W + "numId")
    ilvl = num_pr.find(_W + "ilvl")
    return (
        num_id.get(_VAL) if num_id is not None else None,
        int(ilvl.get(_VAL)) if ilvl is not None else None,
    )


def _read_part(zf: zipfile.ZipFile, name: str):
    try:
        data = zf.read(name)
    except KeyError:
        return None
    return etree.fromstring(data, _PARSER)


def _paragraph_text(p) -> str:
    parts: list[str] = []
    for el in p.iter(_TEXT, _TAB, _BR, _CR, _HYPHEN):  # in document order
        tag = el.tag
        if tag == _TEXT:
            parts.append(el.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _HYPHEN:
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _skip_fallback(root) -> None:
    """Drop mc:Fallback copies (text boxes appear twice otherwise) and deleted revisions."""
    for el in list(root.iter(f"{{{MC}}}Fallback", _W + "del")):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)


def read_docx(data: bytes) -> list[Block]:
    """Blocks of a .docx file in document order.

    Raises:
        PlanReadError: "read.damaged" when the zip or its XML cannot be parsed.
    """
    return _read(data, None)


def read_docx_anchored(data: bytes) -> tuple[list[Block], list[int]]:
    """The blocks of `read_docx` and, for each, where it stands in word/document.xml: the
    position of its paragraph (w:p) or table row (w:tr) among all w:p and w:tr elements of the
    part in document order (a fresh parse of the same bytes finds it there).

    Raises: PlanReadError as read_docx."""
    anchors: list = []
    blocks = _read(data, anchors)
    return blocks, [int(a) for a in anchors]


def _read(data: bytes, anchors: list | None) -> list[Block]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            doc = _read_part(zf, "word/document.xml")
            styles = _Styles(_read_part(zf, "word/styles.xml"))
            numbering = _Numbering(_read_part(zf, "word/numbering.xml"))
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError, EOFError) as exc:
        raise PlanReadError("read.damaged") from exc
    if doc is None:
        raise PlanReadError("read.damaged")
    if anchors is not None:  # numbered before anything is dropped, as a fresh parse sees them
        for n, el in enumerate(doc.iter(_P, _TR)):
            el.set(_ANCHOR, str(n))
    _skip_fallback(doc)
    body = doc.find(_W + "body")
    lines: list[RawLine] = []
    if body is not None:
        _walk(body, styles, numbering, lines)
    return build_blocks(lines, anchors)


def _walk(container, styles: _Styles, numbering: _Numbering, lines: list[RawLine]) -> None:
    for el in container:
        tag = el.tag
        if tag == _P:
            line = _paragraph(el, styles, numbering)
            if line is not None:
                line.anchor = el.get(_ANCHOR)
                lines.append(line)
        elif tag == _TBL:
            _table(el, lines)
        elif tag in _CONTAINERS:
            inner = el.find(_W + "sdtContent") if tag == _W + "sdt" else el
            _walk(inner if inner is not None else el, styles, numbering, lines)


def _paragraph(p, styles: _Styles, numbering: _Numbering) -> RawLine | None:
    text = _paragraph_text(p)
    ppr = p.find(_PPR)
    sid = ""
    outline = None
    num = None
    if ppr is not None:
        ps = ppr.find(_W + "pStyle")
        sid = ps.get(_VAL) if ps is not None else ""
        ol = ppr.find(_W + "outlineLvl")
        outline = int(ol.get(_VAL)) if ol is not None else None
        num = _num_pr(ppr)
    name, level, title, style_num = styles.info(sid)
    if outline is not None and outline < 9:
        level = outline + 1
    elif outline == 9:
        level = None
    if style_num is not None:
        if num is None:
            num = style_num
        else:
            num = (num[0] or style_num[0], num[1] if num[1] is not None else style_num[1])
    label = ""
    list_level = None
    if num is not None and num[0] not in (None, "0"):
        ilvl = num[1] or 0
        label = numbering.label(num[0], ilvl)
        list_level = ilvl + 1
    if not text.strip():
        return None
    if name.lower().startswith("toc") or name.startswith("目录"):
        return RawLine(text, style=name, toc=True)
    if name.lower().startswith("list"):
        m = _LIST_LEVEL.search(name)
        list_level = max(list_level or 1, int(m.group(1)) if m else 1)
        label = label or ("•" if "bullet" in name.lower() else "")
    return RawLine(
        text,
        heading=level,
        list_level=list_level if level is None else None,
        label=label,
        style=name,
        title=title,
    )


def _cell_text(tc) -> str:
    parts = []
    for p in tc.iter(_W + "p"):
        t = _paragraph_text(p).strip()
        if t:
            parts.append(t)
    return "\n".join(parts)


def _table(tbl, lines: list[RawLine]) -> None:
    above: dict[int, str] = {}
    for tr in tbl.iter(_W + "tr"):
        if tr.getparent() is not None and tr.getparent() is not tbl:
            continue  # rows of nested tables are read as cell text
        cells: list[str] = []
        col = 0
        for tc in tr.findall(_W + "tc"):
            tcpr = tc.find(_W + "tcPr")
            span = 1
            vmerge = None
            if tcpr is not None:
                gs = tcpr.find(_W + "gridSpan")
                span = int(gs.get(_VAL)) if gs is not None else 1
                vm = tcpr.find(_W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(_VAL) or "continue"
            text = _cell_text(tc)
            if vmerge == "continue":
                text = above.get(col, "")
            else:
                above[col] = text
            cells.append(text)
            col += span
        deduped: list[str] = []
        for c in cells:
            if not deduped or c != deduped[-1] or not c:
                deduped.append(c)
        if any(c.strip() for c in deduped):
            row = tuple(c.strip() for c in deduped)
            lines.append(
                RawLine(
                    " | ".join(c.replace("\n", " ") for c in row if c),
                    cells=row,
                    style="table",
                    anchor=tr.get(_ANCHOR),
                )
            )


_FORMATS = {
    "decimal": lambda n: str(n),
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n),
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerLetter": lambda n: _letters(n),
    "upperRoman": lambda n: _roman(n),
    "lowerRoman": lambda n: _roman(n).lower(),
    "chineseCounting": lambda n: _chinese(n),
    "chineseCountingThousand": lambda n: _chinese(n),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "taiwaneseCountingThousand": lambda n: _chinese(n),
    "japaneseCounting": lambda n: _chinese(n),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
}


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


def _roman(n: int) -> str:
    vals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


class _Numbering:
    """Word list numbering: renders the label ("1.2", "（一）", "•") of each numbered paragraph."""

    def __init__(self, root):
        self.abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for an in root.iter(_W + "abstractNum"):
            levels = {}
            for lvl in an.findall(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                start = lvl.find(_W + "start")
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                levels[ilvl] = (
                    int(start.get(_VAL)) if start is not None else 1,
                    fmt.get(_VAL) if fmt is not None else "decimal",
                    text.get(_VAL) if text is not None else "",
                )
            self.abstract[an.get(_W + "abstractNumId")] = levels
        for num in root.iter(_W + "num"):
            aid = num.find(_W + "abstractNumId")
            overrides = {}
            for ov in num.findall(_W + "lvlOverride"):
                so = ov.find(_W + "startOverride")
                if so is not None:
                    overrides[int(ov.get(_W + "ilvl", "0"))] = int(so.get(_VAL))
            if aid is not None:
                self.nums[num.get(_W + "numId")] = (aid.get(_VAL), overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums:
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        ilvl = min(ilvl, 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        fmt = levels[ilvl][1]
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def render(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            start, kfmt, _ = levels.get(k, (1, "decimal", ""))
            start = overrides.get(k, start)
            n = max(counters[k], 1) + start - 1
            return _FORMATS.get(kfmt, str)(n)

        return _LEVEL_REF.sub(render, levels[ilvl][2]).strip()
