"""Section context of each block: heading path, phase of the section, response levels it covers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plans.extract.text import per_document
from plans.model import Block

_CLAUSE_END = re.compile(r"[，,；;。:：.]")


def starts_unconditionally(text: str, starts: re.Pattern, condition: re.Pattern) -> bool:
    """Whether `text` starts the response itself: a `starts` match whose own clause, up to it,
    does not make it a condition ("启动应急响应后，…", "after the IC activates the plan")."""
    for m in starts.finditer(text):
        clause = _CLAUSE_END.split(text[: m.start()])[-1]
        if not condition.search(clause):
            return True
    return False


# a review of the response once it is over (HSEEP's after-action review; GB/T 29639 总结评估)
_REVIEWS_AFTER = re.compile(
    r"after[-\s]action|lessons[-\s]learned|post-?incident review|post-?mortem|hot ?wash|"
    r"总结评估|总结经验教训|复盘",
    re.IGNORECASE,
)


def step_phase(section_phase: str, text: str, language: str) -> str:
    """The phase of a step in a section of `section_phase`: the section decides, except that a
    step whose own action starts the response is activation in a section that maps to disposal,
    and a review of the response (after-action review, 总结评估) is recovery wherever it stands."""
    if section_phase in ("disposal", "termination") and _REVIEWS_AFTER.search(text):
        return "recovery"
    if section_phase != "disposal":
        return section_phase
    from plans.extract.packs import pack_for

    return "activation" if pack_for(language).starts_response(text) else section_phase


# the level id of each way a grade is written (Ⅰ, I, 一, 1 …)
ROMAN_LEVELS = {
    "Ⅰ": "I",
    "Ⅱ": "II",
    "Ⅲ": "III",
    "Ⅳ": "IV",
    "I": "I",
    "II": "II",
    "III": "III",
    "IV": "IV",
    "一": "I",
    "二": "II",
    "三": "III",
    "四": "IV",
    "1": "I",
    "2": "II",
    "3": "III",
    "4": "IV",
}
_LEVEL_MARK = re.compile(
    r"(?P<list>(?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四1-4])(?:[、，,和及至与或-](?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四1-4]))*)"
    r"\s*级(?:及以上|以上)?(?:应急)?响应"
)
_GRADE = re.compile(
    r"(特别重大|重特大|重大|较大|一般)(?:及以上)?(?=[\u4e00-\u9fff]{0,8}(?:事故|事件|灾害|险情|级|响应|突发))"
)
_WARNING = re.compile(r"(红色|橙色|黄色|蓝色)")
_EN_LEVEL = re.compile(
    r"\b[Ll]evels?\s+(?P<list>(?:IV|III|II|I|[1-4])\b(?:\s*(?:,|and|or|to)\s*(?:IV|III|II|I|[1-4])\b)*)"
    r"(?:\s+or\s+(?:higher|above))?"
)
_W_IDS = {"红色": "W1", "橙色": "W2", "黄色": "W3", "蓝色": "W4"}
_G_IDS = {
    "特别重大": ("I",),
    "重特大": ("I", "II"),
    "重大": ("II",),
    "较大": ("III",),
    "一般": ("IV",),
}
_ORDER = ("I", "II", "III", "IV")
_LIST_GLUE = re.compile(r"[、，,和及至与或-]")
_EN_LIST_GLUE = re.compile(r"\s*(?:,|and|or|to)\s*")
_OR_HIGHER = re.compile(r"or (?:higher|above)", re.IGNORECASE)


_BUILDS_ON = re.compile(
    r"在[^，,。；]{0,24}?(?:响应|措施)(?:工作)?的?基础上|in addition to (?:the )?(?:measures of )?"
    r"level\s+(?:[1-4]|i{1,3}|iv)\b[^,.;]*",
    re.IGNORECASE,
)


@per_document
def levels_in(text: str, *, grades: bool = True) -> tuple[str, ...]:
    """Response/warning level ids named in `text`: "Ⅰ、Ⅱ级应急响应" → ("I", "II"); "较大及以上" → III..I."""
    found: list[str] = []
    # a level the text builds on is not its own ("在Ⅳ级响应的基础上，加强…": another level's)
    text = _BUILDS_ON.sub("", text)
    for m in _LEVEL_MARK.finditer(text):
        parts = _LIST_GLUE.split(m.group("list"))
        ids = [ROMAN_LEVELS[p] for p in parts if p in ROMAN_LEVELS]
        if "至" in m.group("list") or "-" in m.group("list"):
            a, b = sorted(_ORDER.index(i) for i in ids[:2])
            ids = list(_ORDER[a : b + 1])
        if "以上" in m.group(0) and ids:
            ids = list(_ORDER[: _ORDER.index(ids[-1]) + 1])
        found.extend(ids)
    if grades and not found:
        for m in _GRADE.finditer(text):
            ids = list(_G_IDS[m.group(1)])
            if "及以上" in m.group(0):
                ids = list(_ORDER[: _ORDER.index(ids[-1]) + 1])
            found.extend(ids)
    if "预警" in text:
        found.extend(_W_IDS[c] for c in _WARNING.findall(text))
    for m in _EN_LEVEL.finditer(text):
        for part in _EN_LIST_GLUE.split(m.group("list")):
            key = part.strip().upper()
            if key in ROMAN_LEVELS:
                found.append(ROMAN_LEVELS[key])
        if _OR_HIGHER.search(m.group(0)) and found:
            found.extend(_ORDER[: _ORDER.index(found[-1])])
    out: list[str] = []
    for i in found:
        if i not in out:
            out.append(i)
    return tuple(out)


@dataclass
class Context:
    """What the headings above a block say about it."""

    headings: list[Block] = field(default_factory=list)
    phase: str | None = None  # None: a section without steps
    levels: tuple[str, ...] = ()
    section: int | None = None  # index of the innermost heading
    excluded: bool = False  # the plan owner said the section is not part of the plan
    owner: str | None = None  # the role whose procedure the section is (set by the plan owner)
    kind: str | None = None  # the kind the plan owner gave the section (see SECTION_KINDS)


# what the plan owner may say a section is (the section triage): its kind, and for a procedure
# the role whose procedure it is. The heading's block index keys the choice.
OVERRIDE_PHASES = {
    "response": "disposal",
    "warning": "warning",
    "report": "report",
    "termination": "termination",
    "recovery": "recovery",
}


# the section kind of each phase: where the steps of a response come from
_PHASE_KIND = {
    "warning": "warning",
    "report": "report",
    "termination": "termination",
    "recovery": "recovery",
    "support": "support",
}


def section_kind(ctx: Context, pack) -> str:
    """What the section of `ctx` holds: a response kind ("warning", "report", "response",
    "termination", "recovery") when its headings give it steps, else its topic
    ("organisation", "levels", "support", "annex", "general"), or "other"."""
    if ctx.kind is not None:
        return ctx.kind
    if ctx.phase is not None:
        return _PHASE_KIND.get(ctx.phase, "response")
    for h in reversed(ctx.headings):
        topic = pack.section_topic(h.text)
        if topic:
            return topic
    return "other"


def heading_phase(text: str, language: str) -> tuple[bool, str | None]:
    """(decided, phase): decided is False when the heading says nothing about steps."""
    from plans.extract.packs import pack_for

    return pack_for(language).heading_phase(text)


def contexts(
    blocks: list[Block], pack, overrides: dict[int, tuple[str, str | None]] | None = None
) -> list[Context]:
    """One Context per block; the blocks below the same headings share one (read-only) Context.

    `pack`: the document's language pack (or its language code), which classifies headings;
    `overrides`: heading block → (kind, owner role name or None) that the plan owner chose."""
    if isinstance(pack, str):
        from plans.extract.packs import pack_for

        pack = pack_for(pack)
    overrides = {**_procedures(blocks, pack, overrides or {}), **(overrides or {})}
    out: list[Context] = []
    stack: list[Block] = []
    ctx = None
    # the numbering of the innermost heading ((style, number)), and whether its own items
    # restarted that numbering (then they are its items, not its siblings)
    last: tuple[str, float] | None = None
    restarted = closed = False
    for b in blocks:
        if b.kind == "heading" and b.style != "Title":
            while stack and stack[-1].level >= b.level:
                stack.pop()
            stack.append(b)
            ctx = None
            last, restarted, closed = _numbering(b.label), False, False
        elif last is not None and b.label and not restarted:
            mine = _numbering(b.label)
            if mine is not None and mine[0] == last[0]:
                if mine[1] == last[1] + 1 and stack:
                    # "（五）启动条件调整。…" after the heading "（四）四级响应。": the next item of the
                    # heading's own numbering closes its section (a heading written as an item);
                    # the items after it are its siblings, under the same parent
                    if not closed:
                        stack.pop()
                        ctx = None
                    last, closed = mine, True
                elif mine[1] == 1:
                    restarted = True
        if ctx is None:
            ctx = _context(stack, pack, overrides or {})
        out.append(ctx)
    return out


def _procedures(blocks: list[Block], pack, overrides: dict) -> dict[int, tuple[str, str | None]]:
    """Sections the headings leave without steps (organisation, responsibilities) that are
    in fact a post's own procedure (see the pack's procedure_owner): heading → ("response",
    post); and sections whose subsections list what a piece of information holds (the pack's
    contents_list): heading → ("general", None); as if the plan owner had said so. The plan
    owner's own word wins."""
    found: dict[int, tuple[str, str]] = {}
    stack: list[Block] = []  # the headings above the current one
    top = min((b.level for b in blocks if b.kind == "heading" and b.style != "Title"), default=1)
    for i, b in enumerate(blocks):
        if b.kind != "heading" or b.style == "Title":
            continue
        while stack and stack[-1].level >= b.level:
            stack.pop()
        within = None  # the phase the headings above decide
        for h in stack:
            decided, phase = pack.heading_phase(h.text, within)
            if decided:
                within = phase
        stack.append(b)
        if b.index in overrides:
            continue
        body = []
        below = None
        for nxt in blocks[i + 1 :]:
            if nxt.kind == "heading":
                below = nxt
                break
            body.append(nxt)
        if below is not None and below.level > b.level and pack.contents_list(body):
            # "预警信息包括：" over "（1）气象监测信息" …: the subsections are what the
            # information holds, not measures
            found[b.index] = ("general", None)
            continue
        decided, phase = pack.heading_phase(b.text)
        if decided and phase is not None:
            continue
        if b.index in found:
            continue  # the subsection of a post's procedure (below)
        owner = pack.procedure_owner(b, body, within)
        if not owner and below is not None and below.level > b.level and not _has_items(body):
            _subsection_procedures(blocks, i, pack, within, found)
            continue
        if owner:
            found[b.index] = ("response", owner)
        elif not decided and b.level <= top + 1 and pack.instructions(body) and not within:
            # "Don't Panic!" over "1. Join the incident call …" at the top of the outline: a
            # procedure, whoever follows it
            found[b.index] = ("response", None)
    return found


def _subsection_procedures(blocks: list[Block], i: int, pack, within, found: dict) -> None:
    """ "### Incident Commander" over "#### During the incident" over "1. Announce …": a post
    whose procedure is written in its subsections owns those of them that are instructions."""
    head = blocks[i]
    subtree: list[Block] = []
    children: dict[int, list[Block]] = {}  # a subsection heading's index → its body
    current = None
    for nxt in blocks[i + 1 :]:
        if nxt.kind == "heading":
            if nxt.level <= head.level:
                break
            current = nxt.index
            children[current] = []
            continue
        subtree.append(nxt)
        if current is not None:
            children[current].append(nxt)
    owner = pack.procedure_owner(head, subtree, within)
    if not owner:
        return
    for index, body in children.items():
        decided, _ = pack.heading_phase(blocks[index].text, within)
        if not decided and pack.instructions(body):
            # (a subsection named for a phase keeps it: "Immediate Actions"; duties and the
            # description are no procedure: "Responsibilities", "Material Needed")
            found[index] = ("response", owner)


def _has_items(body: list[Block]) -> bool:
    return any(b.kind == "list_item" for b in body)


_LABEL_NUMBER = re.compile(
    r"^(?P<open>[（(]?)(?P<num>[一二三四五六七八九十]{1,3}|\d{1,2})(?P<close>[)）、.．]?)$"
)


def _numbering(label: str) -> tuple[str, float] | None:
    """(style, number) of a one-level label: "（四）" → ("（cn）", 4), "3." → ("ar.", 3); None
    for other labels ("3.2", "①")."""
    from plans.numerals import parse_number

    m = _LABEL_NUMBER.match(label.strip())
    if not m:
        return None
    n = parse_number(m.group("num"))
    if n is None:
        return None
    kind = "ar" if m.group("num").isdigit() else "cn"
    close = m.group("close").replace("．", ".").replace(")", "）")
    return f"{'（' if m.group('open') else ''}{kind}{close}", n


def _context(stack: list[Block], pack, overrides: dict) -> Context:
    ctx = Context(headings=list(stack), section=stack[-1].index if stack else None)
    chosen = next((h for h in reversed(stack) if h.index in overrides), None)
    if chosen is not None:
        # the plan owner's word on a section holds for everything below its heading
        kind, owner = overrides[chosen.index]
        ctx.kind, ctx.owner = kind, owner
        ctx.excluded = kind == "excluded"
        ctx.phase = OVERRIDE_PHASES.get(kind)
    for h in stack if chosen is None else ():
        # the innermost heading that says decides, in the light of those above it
        decided, phase = pack.heading_phase(h.text, ctx.phase)
        if decided:
            ctx.phase = phase
    for h in reversed(stack):
        lv = levels_in(h.text)
        if lv:
            ctx.levels = lv
            break
    return ctx
