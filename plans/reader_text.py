"""Read plain text and Markdown: headings (#), bullets (*, -, +), numbered lines, escapes."""

from __future__ import annotations

import re

from plans.model import Block
from plans.numbering import split_label
from plans.reader_blocks import RawLine, build_blocks

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^(\s*)[*+\-]\s+(.*)$")
_MD_NUMBERED = re.compile(r"^(\s*)(\d{1,3}[.)])\s+(.*)$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*\\])\*(?!\s)(.+?)(?<![\s\\])\*(?![\w*])")
_PLAIN_BULLET = re.compile(r"^(\s*)[-•·▪●◦*]\s+(\S.*)$")
# a numbered title, a space, then what follows it on the same line: "1.4  工作原则 防汛应急
# 处置工作实行…。" (a decimal number before a sentence), "6．应急响应 6.1  响应分级" (before the
# next numbered title)
_RUN_IN_TITLE = re.compile(
    r"^(?P<title>(?P<number>\d{1,2}(?:[.．]\d{1,2}){0,3})[.．、]?\s*[\u4e00-\u9fff]{2,12})"
    r"[ \u3000]+(?P<rest>\S.*)$"
)
_NUMBERED_TITLE = re.compile(r"^\d{1,2}(?:[.．]\d{1,2}){1,3}\s*[\u4e00-\u9fff]")
_BODY_NAME_END = re.compile(r"[局部委组队办府心站所院司处科室会]$")
_RUN_IN_BODY = re.compile(r"^[\u4e00-\u9fff“（(]\S{7,}.*[。；;]$")


def _run_in(line: str) -> list[str] | None:
    """The title and what runs into it, or None when the line is no run-in title."""
    m = _RUN_IN_TITLE.match(line)
    if not m:
        return None
    rest = m.group("rest")
    if _NUMBERED_TITLE.match(rest):
        return [m.group("title"), *(_run_in(rest) or [rest])]
    if not _RUN_IN_BODY.match(rest):
        return None
    if "." in m.group("number") or "．" in m.group("number"):
        return [m.group("title"), rest]
    title = m.group("title")[len(m.group("number")) :].lstrip(".．、 ")
    if 4 <= len(title) <= 8 and len(rest) >= 15 and not _BODY_NAME_END.search(title):
        # "3 灾害救助准备 气象、水务…等部门应及时…。": a chapter's title (not "1 市应急局 负责…",
        # a body and its duty)
        return [m.group("title"), rest]
    return None


_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


# what a reader sees of a link, an image, an automatic link and inline code: "[the template](
# https://…)" → "the template", "<https://…>" → "https://…", "`kubectl`" → "kubectl"
_MD_LINK = re.compile(
    r"!?\[([^\]]*)\](?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])"
)
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_CODE = re.compile(r"`([^`]+)`")


def _unescape(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    return _MD_ESCAPE.sub(r"\1", text)


_CJK_END = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$")
_CJK_START = re.compile(r"^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _join(lines: list[str]) -> str:
    """The wrapped lines of one Markdown paragraph: a space between words, none inside Chinese."""
    out = lines[0]
    for line in lines[1:]:
        glue = "" if _CJK_END.search(out) and _CJK_START.match(line) else " "
        out += glue + line
    return out


def read_text(text: str, markdown: bool = False) -> list[Block]:
    """Blocks of a .txt or .md text; wrapped lines of one paragraph are not joined (one line, one
    block), except in Markdown, where a paragraph runs until a blank line."""
    lines: list[RawLine] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            lines.append(RawLine(_join(paragraph) if markdown else paragraph[0]))
            paragraph.clear()

    numbered_above = False  # the last plain line was a numbered item
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if markdown:
            m = _MD_HEADING.match(line)
            if m:
                flush()
                lines.append(
                    RawLine(
                        _unescape(m.group(2)),
                        heading=len(m.group(1)),
                        style=f"Heading {len(m.group(1))}",
                    )
                )
                continue
            m = _MD_BULLET.match(line)
            if m:
                flush()
                depth = len(m.group(1).replace("\t", "    ")) // 2 + 1
                lines.append(
                    RawLine(_unescape(m.group(2)), list_level=depth, label="•", style="List Bullet")
                )
                continue
            m = _MD_NUMBERED.match(line)
            if m:
                flush()
                depth = len(m.group(1).replace("\t", "    ")) // 3 + 1
                text = _unescape(m.group(3))
                lines.append(
                    RawLine(
                        f"{m.group(2)} {text}",
                        list_level=depth,
                        label=m.group(2),
                        style="List Number",
                    )
                )
                continue
            if line.lstrip().startswith("|"):
                flush()
                if not _TABLE_RULE.match(line.strip()):
                    cells = tuple(_unescape(c.strip()) for c in line.strip().strip("|").split("|"))
                    lines.append(
                        RawLine(" | ".join(c for c in cells if c), cells=cells, style="table")
                    )
                continue
            if paragraph and split_label(line.strip()):
                # "① 组长接到报告后…" on a line of its own: a numbered item, not a wrapped line
                flush()
            paragraph.append(_unescape(line.strip()))
            continue
        bullet = _PLAIN_BULLET.match(line)
        if bullet:
            # "- Join the call", "  • 通知值班室": a bullet, nested by its indent, and below the
            # numbered step it follows ("1. Join the call." then "- Anyone may listen.")
            depth = len(bullet.group(1).replace("\t", "    ")) // 2 + 1 + numbered_above
            lines.append(RawLine(bullet.group(2), list_level=depth, label="•", style="List Bullet"))
            continue
        numbered_above = split_label(line.strip()) is not None
        if "\t" in line.strip() and len(line.strip().split("\t")) >= 2:
            cells = tuple(c.strip() for c in line.strip().split("\t"))
            lines.append(RawLine(" | ".join(c for c in cells if c), cells=cells, style="table"))
            continue
        pieces = _run_in(line.strip())
        if pieces:
            # "6.2  响应行动 省防指根据雨水情…启动相应级别应急响应。", "6．应急响应 6.1  响应分级":
            # a numbered title that runs into its section's first paragraph or title (line
            # breaks lost on the way to plain text)
            lines.extend(RawLine(piece) for piece in pieces)
            continue
        lines.append(RawLine(line.strip()))
    flush()
    return build_blocks(lines)
