"""Turn raw document lines into Blocks: headings from styles or numbering patterns, list items, TOC."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.model import Block
from plans.numbering import heading_scheme, is_caps_heading, looks_like_title, split_label

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_TOC_TAIL = re.compile(r"(?:[.．。…·\-_\s]{3,}|\t)\s*\d{1,4}\s*$")
_NOT_WORD = re.compile(r"[\s\W_]+")


@dataclass
class RawLine:
    """A line as a reader found it, before numbering patterns are applied.

    `heading` is a level from the document's own markup (Word style, outline level, markdown #),
    `list_level` a nesting depth from Word numbering or a bullet, `label` the generated number.
    """

    text: str
    heading: int | None = None
    list_level: int | None = None
    label: str = ""
    style: str = ""
    cells: tuple[str, ...] | None = None
    title: bool = False  # the document title (Word "Title" style)
    toc: bool = False
    anchor: object = None  # where the line stands in its document (a .docx paragraph or row)


def clean_text(text: str) -> str:
    """Collapse runs of spaces (tabs, ideographic spaces) and trim the line."""
    return _SPACES.sub(" ", text.replace("\r", "")).strip()


def _toc_key(text: str) -> str:
    return _NOT_WORD.sub("", _TOC_TAIL.sub("", text)).lower()


def build_blocks(lines: list[RawLine], anchors: list | None = None) -> list[Block]:
    """Blocks in document order, with heading levels and labels inferred for plain lines.

    `anchors`, if given, receives each block's RawLine.anchor (one per block, same order)."""
    if anchors is not None:
        kept = [ln for ln in lines if (clean_text(ln.text) if ln.cells is None else ln.text)]
        anchors.extend(ln.anchor for ln in kept)
    styled = any(ln.heading is not None for ln in lines)
    blocks: list[Block] = []
    order: list[
        str
    ] = []  # heading numbering schemes in order of first use since the last styled heading
    base = 0  # level of the last styled heading
    list_order: list[str] = []
    for at, ln in enumerate(lines):
        text = clean_text(ln.text) if ln.cells is None else ln.text
        if not text:
            continue
        idx = len(blocks)
        if ln.cells is not None:
            blocks.append(Block(idx, "table_row", text, cells=ln.cells, style=ln.style))
            continue
        if ln.toc:
            blocks.append(Block(idx, "paragraph", text, style="toc"))
            continue
        if ln.title or ln.heading is not None:
            level = 1 if ln.title else max(1, ln.heading)
            numbered = split_label(text)
            label = ln.label or (numbered.label if numbered else "")
            blocks.append(Block(idx, "heading", text, level=level, label=label, style=ln.style))
            if not ln.title:
                base, order, list_order = level, [], []
            continue
        if ln.list_level is not None:
            blocks.append(
                Block(idx, "list_item", text, level=ln.list_level, label=ln.label, style=ln.style)
            )
            continue
        if _ANNEX_LINE.match(text):
            # "附件1 液氯泄漏现场处置方案", "Appendix B: Contact list": an annex (often a plan of
            # its own) starts at the top level, whatever its style
            blocks.append(Block(idx, "heading", text, level=1, style=ln.style))
            base, order, list_order = 1, [], []
            continue
        numbered = split_label(text)
        if numbered and (
            (heading_scheme(numbered) and looks_like_title(numbered.body))
            or _titled_item(numbered, lines, at)
        ):
            if numbered.scheme not in order:
                order.append(numbered.scheme)
            rank = order.index(numbered.scheme)
            del order[rank + 1 :]
            level = base + rank + 1
            blocks.append(
                Block(idx, "heading", text, level=level, label=numbered.label, style=ln.style)
            )
            list_order = []
            continue
        if numbered:
            if numbered.scheme not in list_order:
                list_order.append(numbered.scheme)
            depth = list_order.index(numbered.scheme) + 1
            del list_order[depth:]
            blocks.append(
                Block(idx, "list_item", text, level=depth, label=numbered.label, style=ln.style)
            )
            continue
        if not styled and is_caps_heading(text):
            blocks.append(Block(idx, "heading", text, level=base + len(order) + 1, style=ln.style))
            continue
        blocks.append(Block(idx, "paragraph", text, style=ln.style))
    if not styled:
        blocks = _numbered_titles(blocks)
    if not styled and _bare_titles(blocks):
        blocks = _title_lines(blocks)
    return _demote_toc(blocks)


# the chapters of a plan as GB/T 29639-2020 and the national plans name them (综合/专项应急预案,
# 现场处置方案) and as FEMA CPG 101 names a basic plan's: top-level headings
_CHAPTER = re.compile(
    r"^(?:总则|应急组织机构及职责|组织机构及职责|组织指挥体系(?:及职责)?|应急组织体系|应急响应|"
    r"后期处置|应急保障|保障措施|附则|附件|预案管理|应急预案管理|事故风险描述|风险描述|应急工作职责|"
    r"应急处置|注意事项|处置措施|监测(?:与|和)?预警|预防(?:与|和)预警|"
    r"[\u4e00-\u9fff]{0,12}(?:综合应急预案|专项应急预案|现场处置方案)|"
    r"purpose|scope|situation overview|planning assumptions|concept of operations|"
    r"organization and assignment of responsibilities|direction,? control,? and coordination|"
    r"information collection,? analysis,? and dissemination|communications|"
    r"administration,? finance,? and logistics|plan development and maintenance|"
    r"authorities and references)$",
    re.IGNORECASE,
)
_CJK_TITLE = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9Ⅰ-Ⅻ]{1,15}$")
_EN_TITLE = re.compile(r"^[A-Z][A-Za-z'’/&,\- ]{2,60}[?!]?$")


def _numbered_titles(blocks: list[Block]) -> list[Block]:
    """Chapter titles numbered by Word's own list numbering and styled as list paragraphs
    ("1. 总则", "3. 应急响应", "3.1 信息报告" over their text): short items without punctuation
    with body text right under them are the outline's headings, when there are three or more."""
    titles = [
        k
        for k, b in enumerate(blocks)
        if b.kind == "list_item"
        and b.label
        and k + 1 < len(blocks)
        and looks_like_title(b.text, limit=20)
        and not re.search(r"[，,。；;：:、（）()]", b.text)
        and (
            blocks[k + 1].kind == "paragraph"
            or blocks[k + 1].kind == "list_item"
            and blocks[k + 1].level > b.level
        )
    ]
    if len(titles) < 3:
        return blocks
    out = list(blocks)
    for k in titles:
        b = blocks[k]
        out[k] = Block(b.index, "heading", b.text, level=b.level, label=b.label, style=b.style)
    return out


def _is_title_line(blocks: list[Block], k: int) -> bool:
    b = blocks[k]
    if b.kind != "paragraph" or b.style == "toc" or k + 1 >= len(blocks):
        return False
    if _CJK_TITLE.match(b.text):
        return True
    return bool(_EN_TITLE.match(b.text)) and len(b.text.split()) <= 8


def _bare_titles(blocks: list[Block]) -> bool:
    """Whether the headings stand as bare lines: three of a plan's chapter names do, or the text
    has no heading at all and three short title lines with text under them."""
    if sum(b.kind == "paragraph" and bool(_CHAPTER.match(b.text)) for b in blocks) >= 3:
        return True
    if any(b.kind == "heading" for b in blocks):
        return False
    return sum(_is_title_line(blocks, k) for k in range(len(blocks))) >= 3


def _title_lines(blocks: list[Block]) -> list[Block]:
    """A plain text whose chapters stand as bare lines ("总则", "应急响应", "后期处置": Word's
    automatic numbering, lost in a copy): a short line without punctuation with text under it
    is a heading too, a plan's chapter (GB/T 29639, CPG 101) at the top level, any other below."""
    out: list[Block] = []
    for k, b in enumerate(blocks):
        if _is_title_line(blocks, k):
            level = 1 if _CHAPTER.match(b.text) else 2
            out.append(Block(b.index, "heading", b.text, level=level, style=b.style))
            continue
        out.append(b)
    return out


_ANNEX_LINE = re.compile(
    r"^(?:附件|附录|附表)\s*[\d一二三四五六七八九十]{1,3}(?:[：:、.．\-—]|\s)\s*\S[^，。；;！？!?]{1,40}$"
    r"|^(?:annex|appendix|attachment)\s+(?:[A-Z]|\d{1,2})\s*(?:[:.\-–—]\s*)?[A-Z][^.;!?]{1,60}$",
    re.IGNORECASE,
)


def _next_text(lines: list[RawLine], at: int) -> str | None:
    """The next non-empty plain line after `at` (None at the end, a table or a styled heading)."""
    for i in range(at + 1, len(lines)):
        ln = lines[i]
        if ln.cells is not None or ln.heading is not None or ln.title:
            return None
        text = clean_text(ln.text)
        if text:
            return text
    return None


# the second level of an official document's outline (GB/T 9704: 一、（一）1.（1）)
_CN_BRACKET = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")


def _titled_item(numbered, lines: list[RawLine], at: int) -> bool:
    """A line numbered like a list item（1）, 1), ① that is a title: a few words without any
    punctuation (not "组长：…", not "人员疏散；"), with body text under it, that is a line that
    is not numbered the same way ("（1）信息报告" over "①突发事件发生后，…" or a paragraph)."""
    body = numbered.body
    if (
        body.endswith("。")
        and _CN_BRACKET.match(numbered.label)
        and not re.search(r"[，,；;：:、。]", body[:-1])
    ):
        # "（一）一级响应。" alone on its line over "1.启动条件。…": a title written with its stop
        body = body[:-1]
    if not looks_like_title(body, limit=12) or re.search(r"[、（）()]", body):
        return False
    following = _next_text(lines, at)
    if following is None:
        return False
    below = split_label(following)
    return below is None or below.scheme != numbered.scheme


def _demote_toc(blocks: list[Block]) -> list[Block]:
    """A table of contents repeats later headings: a run of three or more such lines (or one line
    with dot leaders and a page number) becomes paragraphs styled "toc"."""
    last: dict[str, int] = {}
    for b in blocks:
        if b.kind == "heading":
            last[_toc_key(b.text)] = b.index

    def candidate(b: Block) -> bool:
        if b.kind == "table_row" or b.style == "Title" or len(b.text) > 60:
            return False
        if b.kind == "heading" and b.style.lower().startswith("heading"):
            return False
        return last.get(_toc_key(b.text), -1) > b.index

    marks = [candidate(b) for b in blocks]
    toc = [
        b.style == "toc" or (m and _TOC_TAIL.search(b.text) is not None)
        for b, m in zip(blocks, marks)
    ]
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and marks[j]:
            j += 1
        if j - i >= 3:
            toc[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return [
        Block(b.index, "paragraph", b.text, style="toc") if t else b for b, t in zip(blocks, toc)
    ]
