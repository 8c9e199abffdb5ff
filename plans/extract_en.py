"""Steps and roles of English plans: positions from headings and org lists, bullets as steps."""

from __future__ import annotations

import re
from itertools import pairwise

from plans.extract_context import Context, heading_phase, step_phase
from plans.extract_roles import RoleRegistry
from plans.extract_text import sentences
from plans.extract_zh import Draft
from plans.model import Block
from plans.timelimits import find_time_limit

_GENERIC = {
    "lead",
    "leader",
    "team",
    "position",
    "unit",
    "units",
    "manager",
    "officer",
    "coordinator",
    "section",
    "group",
    "chief",
    "staff",
    "the",
    "cert",
    "ark",
    "area",
    "station",
    "desk",
}
_ROLE_WORDS = re.compile(
    r"\b(?:commander|lead|leader|team|officer|manager|coordinator|chief|director|supervisor|"
    r"scribe|operator|staff|section|unit|units|group|branch|division|dispatcher|liaison|"
    r"specialist|volunteers?|responders?|personnel|crew|captain|warden|marshal|eoc|center|"
    r"department|agency|office)\b",
    re.IGNORECASE,
)
_VERB_START = re.compile(r"^(?:please\s+)?(?:[A-Z][a-z]+)(?:\s|$)")
_NOT_ACTION = re.compile(r"^(?:do not|don't|never|note|remember|caution|warning)\b", re.IGNORECASE)
_WITH = re.compile(r"\b(?:with|from|to)\s+(?:the\s+)?(?P<who>(?:[A-Z][\w-]*\s?){1,4})")
_SUBJ = re.compile(
    r"^(?:the\s+)?(?P<who>(?:[A-Z][\w-]*\s){1,4})(?:performs?|opens?|reports?|generates?|"
    r"is|are|will|shall|must|should|assigns?|ensures?|maintains?|provides?|sets?|"
    r"establishes?|receives?|coordinates?|directs?|manages?|tracks?|briefs?|logs?)\b"
)
_AFTER = re.compile(r"^(?:then|after(?:wards| that)?|next|once|upon|when)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"\((?P<acr>[A-Z]{2,6})\)")
_MENTION = re.compile(
    r"\b(?P<name>(?:[A-Z][\w-]*\s){1,3}(?:Team|Teams|Units?|Operator|Staff|staff|Lead|Leader|"
    r"Commander|Officer|Manager|Coordinator|Supervisor|Director|Dispatcher|Liaison)"
    r"(?:\s\([A-Z]{2,6}\))?)\b"
)


def role_key(name: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)?", name.lower()) if w not in _GENERIC]
    return " ".join(words) or name.lower().strip()


class EnglishRegistry:
    """English role names merged by their distinctive words ("Operations Lead" = "Operations Team")."""

    def __init__(self, reg: RoleRegistry) -> None:
        self.reg = reg
        self.keys: dict[str, str] = {}

    def find(self, name: str) -> str | None:
        name = name.strip(" .,:;")
        if not name:
            return None
        key = role_key(name)
        if key in self.keys:
            return self.keys[key]
        rid = self.reg.by_key.get(name.lower())
        words = key.split()
        if rid is None and len(words) == 2 and words[-1] in self.keys:
            # "Planning Scribe" for a "Scribe" the organisation already names
            return self.keys[words[-1]]
        return rid

    def add(self, name: str, block: Block, *, parent: str | None = None, part=None) -> str:
        name = re.sub(r"\s+", " ", name.strip(" .,:;*"))
        rid = self.find(name)
        if rid is None:
            rid = self.reg.add(name, block, defined=True, parent=parent, part=part)
            self.keys[role_key(name)] = rid
        else:
            entry = self.reg.entries[rid]
            entry.defined = True
            if entry.parent is None and parent and parent != rid:
                entry.parent = parent
            if name != entry.name:
                self.reg.alias(rid, name)
        m = _ACRONYM.search(name)
        if m:
            self.reg.alias(rid, m.group("acr"))
            self.keys[m.group("acr").lower()] = rid
        return rid


def _is_org_item(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and not text.endswith((".", ":")) and text[:1].isupper()


class EnglishExtractor:
    def __init__(self, reg: RoleRegistry) -> None:
        self.reg = reg
        self.en = EnglishRegistry(reg)
        self.drafts: list[Draft] = []

    def run(self, blocks: list[Block], ctxs: list[Context], parts: list[str | None]) -> list[Draft]:
        positions: dict[int, str] = {}  # heading block → role id
        self.items: dict[int, int] = {}  # list depth → block of the last item
        org_stack: dict[int, str] = {}
        for b, ctx, part in zip(blocks, ctxs, parts):
            if b.kind == "heading":
                if b.style != "Title" and _position_heading(b, blocks):
                    positions[b.index] = self.en.add(b.text, b, part=part)
                continue
            position = next(
                (positions[h.index] for h in reversed(ctx.headings) if h.index in positions), None
            )
            if b.kind == "table_row":
                self._table_row(b, part)
                continue
            if ctx.phase is None:
                if (
                    b.kind == "list_item"
                    and position is None
                    and _is_org_item(b.text)
                    and _ROLE_WORDS.search(b.text)
                    or (
                        b.kind == "list_item"
                        and position is None
                        and _is_org_item(b.text)
                        and b.level > 1
                    )
                ):
                    parent = org_stack.get(b.level - 1)
                    org_stack[b.level] = self.en.add(b.text, b, parent=parent, part=part)
                elif position is not None and b.kind == "list_item":
                    self.reg.responsibility(position, b.text)
                continue
            if b.kind not in ("list_item", "paragraph"):
                continue
            self._mentions(b, position, part)
            if position is None:
                self._narrative(b, ctx, part)
            else:
                self._step(b, ctx, part, position)
        return self.drafts

    def _table_row(self, b: Block, part) -> None:
        cells = [c for c in b.cells if c.strip()]
        if len(cells) < 2 or len(cells[0]) > 60 or b.index == 0:
            return
        m = re.match(
            r"^(?P<name>[^()]+?)\s*(?:\((?:the\s+)?(?P<alias>[^)]+)\))?$", cells[0].strip()
        )
        if not m or not m.group("name")[:1].isupper() or cells[0].lower() in ("role", "position"):
            return
        if not (
            _ROLE_WORDS.search(cells[0])
            or re.search(
                r"\b(?:group|headquarters|enterprise|"
                r"office|commander|committee|bureau)\b",
                cells[0],
                re.IGNORECASE,
            )
        ):
            return
        rid = self.en.add(m.group("name"), b, part=part)
        if m.group("alias"):
            self.reg.alias(rid, m.group("alias").strip())
            self.en.keys.setdefault(role_key(m.group("alias")), rid)
        for duty in re.split(r"(?<=[.;])\s+", " ".join(cells[1:])):
            self.reg.responsibility(rid, duty)

    def _known(self, text: str) -> list[str]:
        """Known roles named at the start of the main clause of `text`, in order."""
        text = re.sub(r"^(?:\(\w{1,3}\)|\w{1,2}[.)])\s*", "", text)
        text = re.sub(
            r"^(?:on|once|if|when|after|upon|in addition to|where|within|as soon as)\b[^,]{0,80},\s*",
            "",
            text,
            flags=re.IGNORECASE,
        )
        head = re.split(r"\b(?:shall|will|must|should|immediately|is|are)\b", text, maxsplit=1)[0][
            :90
        ]
        names = []
        lower = head.lower()
        for rid, e in self.reg.entries.items():
            for k, name in enumerate([e.name] + e.aliases):
                # a one-word short form ("the Office") is the role only as written, not in
                # "the sub-district office"
                exact = k and " " not in name and not name.isupper()
                pos = head.find(name) if exact else lower.find(name.lower())
                if len(name) > 3 and pos >= 0:
                    names.append((pos, -len(name), rid))
        names.sort()
        spans: list[tuple[int, int, str]] = []
        for pos, neg, rid in names:
            end = pos - neg
            # "Headquarters" inside "Headquarters Office" is not a second actor
            if not any(p <= pos and end <= e and (p, e) != (pos, end) for p, e, _ in spans):
                spans.append((pos, end, rid))
        out: list[str] = []
        prev_end = None
        for pos, end, rid in spans:
            # actors joined by "and"/"or" at the head; a later name is an object ("helps the X")
            if prev_end is not None and not _JOINED.match(head[prev_end:pos]):
                break
            if rid not in out:
                out.append(rid)
            prev_end = end
        return out[:3]

    def _narrative(self, b: Block, ctx: Context, part) -> None:
        last: list[str] = []
        for sentence in without_conditions(sentences(b.text)):
            if len(sentence) < 12 or _NOT_ACTION.match(sentence) or _DEFINES_LEVEL.match(sentence):
                continue
            owners = self._known(sentence) or last
            support = []
            m = re.search(
                r"with (?:the )?(?P<who>[^,]+?) supporting|supporting (?:the )?(?P<who2>[^,]+)",
                sentence,
            )
            if m:
                rid = self.en.find(m.group("who") or m.group("who2"))
                if rid and rid in owners:
                    owners = [r for r in owners if r != rid]
                if rid:
                    support.append(rid)
            for rid in owners + support:
                self.reg.use(rid)
            found = find_time_limit(sentence)
            self.drafts.append(
                Draft(
                    block=b.index,
                    source=b.text,
                    text=sentence,
                    roles=owners,
                    phase=step_phase(ctx.phase or "disposal", sentence, "en"),
                    levels=ctx.levels,
                    time=found.minutes if found else None,
                    time_text=found.text if found else "",
                    support=support,
                    section=ctx.section,
                    item=b.index if b.kind == "list_item" else None,
                    list_key=("sec", ctx.section, b.level) if b.kind == "list_item" else None,
                    part=part,
                )
            )
            last = owners

    def _mentions(self, b: Block, position: str | None, part) -> None:
        for m in _MENTION.finditer(b.text):
            name = re.sub(
                r"^(?:The|Your|A|An|Each|All|Any|With|Have|Create|Ensure)\s", "", m.group("name")
            )
            words = name.split()
            if any(self.en.find(" ".join(words[k:])) for k in range(1, len(words))):
                continue
            if len(words) >= 2 and self.en.find(name) is None:
                self.en.add(name, b, parent=position, part=part)

    def _step(self, b: Block, ctx: Context, part, position: str | None) -> None:
        if b.kind == "list_item":
            self.items[b.level] = b.index
        text = b.text
        if b.label and text.startswith(b.label):
            text = text[len(b.label) :].strip()
        if _NOT_ACTION.match(text) or text.endswith(":") and b.kind == "paragraph":
            return
        owners: list[str] = []
        m = _SUBJ.match(text)
        if m:
            rid = self.en.find(m.group("who"))
            if rid:
                owners = [rid]
        if not owners and position:
            owners = [position]
        for m in _WITH.finditer(text):
            rid = self.en.find(m.group("who"))
            if rid and rid not in owners and re.search(r"with\s", m.group(0), re.IGNORECASE):
                owners.append(rid)
        for rid in owners:
            self.reg.use(rid)
        heading_time = next(
            (find_time_limit(h.text) for h in reversed(ctx.headings) if find_time_limit(h.text)),
            None,
        )
        section_phase = ctx.phase or "disposal"
        phase = step_phase(section_phase, text, "en")
        if re.search(r"\bdemobiliz", text, re.IGNORECASE):
            phase = "termination"
        elif phase == section_phase and re.search(
            r"\b(?:report|notify|inform)\b", text, re.IGNORECASE
        ):
            # (a step that activates the plan and tells others so stays the activation)
            phase = "report"
        prev = None
        for piece in _pieces(text):
            found = find_time_limit(piece) or heading_time
            self.drafts.append(
                Draft(
                    block=b.index,
                    source=b.text,
                    text=piece,
                    roles=owners,
                    phase=phase,
                    levels=ctx.levels,
                    time=found.minutes if found else None,
                    time_text=found.text if found else "",
                    section=ctx.section,
                    item=b.index if b.kind == "list_item" else None,
                    list_key=("sec", ctx.section, b.level),
                    part=part,
                    parent_item=self.items.get(b.level - 1)
                    if b.kind == "list_item" and b.level > 1
                    else None,
                    trigger="after" if _AFTER.match(piece) else "",
                    sentence_prev=prev,
                )
            )
            prev = len(self.drafts) - 1


# actors named together ("The Commander-in-Chief or a designated Deputy Commander")
_JOINED = re.compile(r"^(?:\s*(?:,|and|or|and/or|the|a|an|its|his|her|designated|deputy)\s*)*$")
# a level defined by its conditions ("A Level II response starts when …"): not a step
_DEFINES_LEVEL = re.compile(
    r"^(?:an?\s+|the\s+)?level\s+(?:[1-4]|i{1,3}|iv)\s+(?:response\s+|emergency\s+)?"
    r"(?:starts|begins|applies|is (?:started|activated|triggered|declared|initiated))\b",
    re.IGNORECASE,
)
_CONDITIONS_LEAD = re.compile(
    r"^(?P<head>[^:]*?\b(?:(?:any|all|one|either|each|both) of the following|the following "
    r"(?:conditions|criteria|circumstances|situations|cases))\b[^:]*?):(?P<rest>.*\S.*)$",
    re.IGNORECASE,
)
# the contents of a report ("A report states: …; …"): not steps
_CONTENTS_LEAD = re.compile(
    r"^(?P<head>(?:an?|the|each|every)\s+(?:\w+\s+)?(?:report|notification|message|notice)s?\s+"
    r"(?:states?|contains?|includes?|gives?|lists?|(?:shall|must|should) (?:state|contain|include|give)))"
    r"\b[^:]*:(?P<rest>.*\S.*)$",
    re.IGNORECASE,
)
_ITEM = re.compile(r"^\(?(?:\d{1,2}|[a-z])\)\s")


def without_conditions(pieces: list[str]) -> list[str]:
    """The sentences without the conditions a lead introduces ("… when all of the following are
    true: the source is under control; …."): the lead's own words stay (quoted up to the colon)
    when they say who acts, the conditions are not steps. The contents of a report go too."""
    out: list[str] = []
    inside = closed = False
    for piece in pieces:
        if inside:
            if not closed or _ITEM.match(piece):
                closed = piece.endswith(".")
                continue
            inside = False
        m = _CONDITIONS_LEAD.match(piece)
        contents = None if m else _CONTENTS_LEAD.match(piece)
        if m or contents:
            if m and not _DEFINES_LEVEL.match(m.group("head")):
                out.append(m.group("head").strip())
            inside = True
            closed = piece.endswith(".")
            continue
        out.append(piece)
    return out


_NEW_ACTION = re.compile(
    r"^(?:when|once|as soon as|after|upon|if)\b|^(?:\w+\s){0,5}(?:these|those)\b", re.IGNORECASE
)


def _pieces(text: str) -> list[str]:
    """A bullet's sentences, cut (verbatim) where a sentence opens a separate, triggered action."""
    cuts = [0]
    pos = 0
    for k, sentence in enumerate(sentences(text)):
        start = text.find(sentence, pos)
        if start < 0:
            return [text]
        pos = start + len(sentence)
        if k and _NEW_ACTION.match(sentence) and len(sentence.split()) >= 4:
            cuts.append(start)
    cuts.append(len(text))
    return [text[a:b].strip() for a, b in pairwise(cuts) if text[a:b].strip()]


def _position_heading(h: Block, blocks: list[Block]) -> bool:
    """A heading whose sub-headings are position sections (Responsibilities, Actions …)."""
    if h.label or re.match(r"^[\dIVX]+[.)\s]", h.text) or heading_phase(h.text, "en")[0]:
        return False
    seen = 0
    for b in blocks[h.index + 1 :]:
        if b.kind == "heading" and b.level <= h.level:
            break
        if b.kind == "heading" and b.level == h.level + 1:
            decided, _ = heading_phase(b.text, "en")
            seen += decided
    return seen >= 2


def first_sentence(text: str) -> str:
    parts = sentences(text)
    return parts[0] if parts else text
