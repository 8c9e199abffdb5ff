"""Document structure kept with the plan: title, kind, parts (several plans in one file), sections."""

from __future__ import annotations

import re

from plans.model import Block, Part, Section

_PART = (
    ("comprehensive", re.compile(r"综合应急预案$")),
    ("special", re.compile(r"专项(?:应急)?预案$")),
    ("onsite", re.compile(r"现场处置方案$|处置方案$|处置卡$")),
    ("annex", re.compile(r"^附件\s*\S*|^附录|^annex\b|^appendix\b", re.IGNORECASE)),
)
# English titles: the plan kinds of GB/T 29639 and of government plan systems, and a plan for a
# named hazard ("Hazardous Chemical Release Plan", "Emergency Response Plan for Floods") is special
_HAZARD = (
    r"releases?|spills?|leaks?|fires?|explosions?|floods?|flooding|typhoons?|hurricanes?|storms?|"
    r"earthquakes?|tsunamis?|wildfires?|pandemics?|epidemics?|influenza|hazardous (?:materials?|"
    r"chemicals?|substances?)|hazmat|chemicals?|radiological|nuclear|oil|gas|droughts?|heat ?waves?|"
    r"accidents?|incidents?|outbreaks?|blackouts?|power outages?|pollution|collapses?|landslides?"
)
_KINDS = (
    ("overall", re.compile(r"总体应急预案|overall|emergency operations plan", re.IGNORECASE)),
    ("comprehensive", re.compile(r"综合应急预案|\bcomprehensive\b[^.]{0,30}\bplan", re.IGNORECASE)),
    (
        "onsite",
        re.compile(
            r"现场处置方案|\bon-?site (?:response |emergency |disposal )?(?:plan|procedures?)\b|"
            r"\bsite (?:emergency |response )?procedures?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "department",
        re.compile(r"部门应急预案|\bdepartment(?:al)? (?:emergency )?plan", re.IGNORECASE),
    ),
    (
        "special",
        re.compile(
            r"专项应急预案|专项预案|[\u4e00-\u9fff]{2,}应急预案|annex|\bspecial (?:emergency )?plan|"
            rf"\b(?:{_HAZARD})\b[^.]{{0,40}}\b(?:plan|procedures?)\b|"
            rf"\bplan for\b[^.]{{0,30}}\b(?:{_HAZARD})\b",
            re.IGNORECASE,
        ),
    ),
)


def plan_title(blocks: list[Block]) -> str:
    for b in blocks[:20]:
        if b.style == "Title":
            return b.text
    first = blocks[0] if blocks else None
    if (
        first is not None
        and first.kind == "paragraph"
        and len(first.text) <= 60
        and re.search(r"预案|方案|计划|手册|plan|guide|procedure", first.text, re.IGNORECASE)
    ):
        return first.text
    for b in blocks[:20]:
        if b.kind == "heading" and b.style != "toc":
            return b.text
    for b in blocks[:5]:
        if len(b.text) <= 60:
            return b.text
    return ""


def plan_kind(title: str, parts: list[Part]) -> str:
    kinds = {p.kind for p in parts}
    if "comprehensive" in kinds:
        return "comprehensive"
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    return "other"


def find_parts(blocks: list[Block]) -> tuple[list[Part], list[str | None]]:
    """Parts when the document holds several plans or annexes, and each block's part id."""
    heads: list[tuple[int, str, str]] = []
    top = min((b.level for b in blocks if b.kind == "heading" and b.style != "Title"), default=1)
    for b in blocks:
        if b.kind != "heading" or b.style == "Title" or b.level > top + 1:
            continue
        text = re.sub(
            r"^(?:第[一二三四五六七八九十\d]+[部分篇章]|[\d.]+|[一二三四五六七八九十]+、)\s*",
            "",
            b.text,
        )
        for kind, pattern in _PART:
            if pattern.search(text):
                heads.append((b.index, b.text, kind))
                break
    plan_heads = [h for h in heads if h[2] != "annex"]
    if len(plan_heads) < 2 and not heads:
        return [], [None] * len(blocks)
    if len(plan_heads) < 2:
        heads = [h for h in heads if h[2] == "annex"]
    parts = [Part(f"p{i + 1}", title, kind) for i, (_, title, kind) in enumerate(heads)]
    starts = {idx: parts[i].id for i, (idx, _, _) in enumerate(heads)}
    out: list[str | None] = []
    current = None
    for b in blocks:
        current = starts.get(b.index, current)
        out.append(current)
    return parts, out


def sections(
    blocks: list[Block], parts: list[str | None], kinds: list[str] | None = None
) -> list[Section]:
    """Headings with the narrative text under them, so the document can be written out again;
    `kinds[i]`: the kind of the section block i stands in (see plans.model.SECTION_KINDS)."""
    out: list[Section] = []
    heading: Block | None = None
    lines: list[str] = []
    part = None

    def flush() -> None:
        if heading is None and not lines:
            return
        out.append(
            Section(
                id=f"sec{len(out) + 1}",
                heading=heading.text if heading else "",
                level=heading.level if heading else 0,
                text="\n".join(lines),
                part=part,
                block=heading.index if heading else None,
                kind=kinds[heading.index] if heading and kinds else "",
            )
        )

    for b in blocks:
        if b.kind == "heading":
            flush()
            heading, lines, part = b, [], parts[b.index]
        else:
            if heading is None:
                part = parts[b.index]
            lines.append(b.text)
    flush()
    return out
