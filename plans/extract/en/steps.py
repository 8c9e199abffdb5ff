"""Steps and roles of English plans: positions from headings and org lists, bullets as steps."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from plans.extract.context import Context, heading_phase, levels_in, step_phase
from plans.extract.draft import Draft
from plans.extract.levels import severity_item
from plans.extract.registry import RoleRegistry
from plans.extract.tables import ProcedureRow, procedure_rows, row_draft
from plans.extract.text import sentences
from plans.extract.vocab import RESPONSE_PHASES, alternation, words
from plans.model import Block
from plans.timelimits import find_time_limit, read_time

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
    "staff",
    "the",
    "area",
    "station",
    "desk",
}
_RANKS = {"chief", "deputy", "assistant", "senior", "vice", "head", "principal", "lead"}
_ROLE_WORDS = re.compile(
    r"\b(?:commander|lead|leader|team|officer|manager|coordinator|chief|director|supervisor|"
    r"scribe|operator|staff|section|unit|units|group|branch|division|dispatcher|liaison|"
    r"specialist|volunteers?|responders?|personnel|crew|captain|warden|marshal|eoc|center|"
    r"department|agency|office)\b",
    re.IGNORECASE,
)
_VERB_START = re.compile(r"^(?:please\s+)?(?:[A-Z][a-z]+)(?:\s|$)")
_NOT_ACTION = re.compile(
    r"^(?:do not|don't|never|note|remember|caution|warning|nobody|no one|no-one)\b", re.IGNORECASE
)
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


def role_key(name: str, own: frozenset[str] = frozenset()) -> str:
    """The distinctive words of a post's name: without generic head words ("team", "lead") and
    without the short form of the plan's own organisation ("CERT Medical Team" = "Medical")."""
    words = [
        w
        for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)?", name.lower())
        if w not in _GENERIC and w not in own
    ]
    return " ".join(words) or name.lower().strip()


# the head words of posts held by people, and of places and bodies they work in
_PERSON_HEADS = frozenset(
    [
        "manager",
        "director",
        "officer",
        "lead",
        "leader",
        "coordinator",
        "commander",
        "chief",
        "liaison",
        "supervisor",
        "specialist",
        "administrator",
        "analyst",
        "engineer",
        "official",
        "scribe",
        "responder",
        "operator",
    ]
)
_PLACE_HEADS = frozenset(
    ["center", "centre", "department", "office", "agency", "facility", "room", "headquarters"]
)


def _person_and_place(one: str, other: str) -> bool:
    """Whether one name is a post and the other a place or body (or the other way round)."""
    a = one.split()[-1].lower().rstrip("s") if one.split() else ""
    b = other.split()[-1].lower().rstrip("s") if other.split() else ""
    return (a in _PERSON_HEADS and b in _PLACE_HEADS) or (a in _PLACE_HEADS and b in _PERSON_HEADS)


class EnglishRegistry:
    """English role names merged by their distinctive words ("Operations Lead" = "Operations Team")."""

    def __init__(self, reg: RoleRegistry) -> None:
        self.reg = reg
        self.keys: dict[str, str] = {}
        # short forms of the plan's own organisation ("CERT"), which prefix its posts' names
        self.own: frozenset[str] = frozenset()
        # names the plan gives posts in so many words ("… will be referred to as the Fix
        # Lead"): each its own role, whatever other post shares its distinctive words
        self.distinct: set[str] = set()

    def key(self, name: str) -> str:
        return role_key(name, self.own)

    def find(self, name: str) -> str | None:
        name = name.strip(" .,:;")
        if not name:
            return None
        bare = _role_name(name).lower()
        if bare in self.distinct:
            return self.reg.by_key.get(bare)
        key = self.key(name)
        if key in self.keys:
            found = self.keys[key]
            if _person_and_place(name, self.reg.entries[found].name):
                # "EOC Manager" is a post of the "Emergency Operations Center", not the centre
                return None
            return found
        rid = self.reg.by_key.get(name.lower())
        words = key.split()
        if rid is None and len(words) == 2 and words[-1] in self.keys:
            # "Logistics Scribe" for a "Scribe" the organisation already names
            return self.keys[words[-1]]
        if rid is None and len(words) >= 3 and words[0] not in _RANKS:
            # "Site Incident Commander" for the "Incident Commander": a place or unit before
            # a post the plan already names (not a rank: "Chief Fire Warden" is another post)
            tail = " ".join(words[1:])
            if len(words) - 1 >= 2 and tail in self.keys:
                return self.keys[tail]
        return rid

    def add(self, name: str, block: Block, *, parent: str | None = None, part=None) -> str:
        name = re.sub(r"\s+", " ", name.strip(" .,:;*"))
        rid = self.find(name)
        if rid is None:
            rid = self.reg.add(name, block, defined=True, parent=parent, part=part)
            if _role_name(name).lower() not in self.distinct:
                self.keys[self.key(name)] = rid
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
        self.lead: _Lead | None = None
        self.flow_sections: set[int] = set()  # sections whose steps follow one another
        self.section_time: dict[int | None, object] = {}  # the time a section gives its steps
        self.local_flow: set[int] = set()  # sections that are procedures of their own

    def run(self, blocks: list[Block], ctxs: list[Context], parts: list[str | None]) -> list[Draft]:
        positions: dict[int, str] = {}  # heading block → role id of the post it is about
        owner_steps: set[int] = set()  # headings that say "Steps for <role>"
        self.items: dict[int, int] = {}  # list depth → block of the last item
        org_stack: dict[int, str] = {}
        for b in blocks:
            if b.kind == "paragraph" or b.kind == "list_item":
                define_acronyms(self.en, b)
                for m in _NAMED_AS.finditer(b.text):
                    # "This lead will be referred to as the Fix Lead", "These … are the Fix
                    # Team": posts the plan names one by one, never merged by their words
                    self.en.distinct.add((m.group("name") or m.group("name2")).lower())
        self.own_team = _own_team(blocks)
        said = [(b, m) for b in blocks for m in _THE_RESPONSE_TEAM.finditer(b.text)]
        self.response_team = (
            (said[0][0], said[0][1].group("name")[:1].upper() + said[0][1].group("name")[1:])
            if len(said) >= 3
            else None
        )
        self.procedure = procedure_rows(blocks)
        self.own_team_id: str | None = None
        self.para_position: str | None = None  # a post named alone on a line over its duties
        for b, ctx, part in zip(blocks, ctxs, parts):
            if ctx.excluded:
                continue
            if b.kind == "heading":
                self.lead = None
                self.para_position = None
                if b.style == "Title":
                    continue
                owner = owner_heading(b.text)
                if ctx.owner and ctx.section == b.index:
                    # the plan owner said whose procedure the section is
                    owner = (ctx.owner, True)
                if owner is not None:
                    positions[b.index] = self.en.add(owner[0], b, part=part)
                    if owner[1]:
                        owner_steps.add(b.index)
                elif _position_heading(b, blocks):
                    positions[b.index] = self.en.add(b.text, b, part=part)
                elif ctx.phase is None and _closed(ctx):
                    # "2.1 Incident Commander" in a roles chapter: the post whose duties follow
                    name = _strip_label(b).strip(" :")
                    agency = _AGENCY_LIST.match(name)
                    if agency and len(_agency_names(agency.group("list"))) == 1:
                        # "Primary Agency – County Health Department": the body itself
                        name = _agency_names(agency.group("list"))[0]
                    bare = _ACRONYM.sub("", name).strip()
                    also = None
                    both = _ALSO_CALLED.match(bare)
                    if both and is_role_phrase(both.group("inner")):
                        # "Principal (Incident Commander)": the post the plan's text goes on to
                        # name, also called by the person's everyday title
                        bare, also = both.group("inner"), both.group("outer")
                    if len(bare.split()) <= 6 and (
                        is_role_phrase(bare) or _is_function(bare) or _duties_follow(b, blocks)
                    ):
                        rid = self.en.add(bare, b, part=part)
                        acr = _ACRONYM.search(name)
                        for other in (acr.group("acr") if acr else None, also):
                            if other:
                                self.reg.alias(rid, other)
                                self.en.keys[other.lower()] = rid
                        positions[b.index] = rid
                continue
            listed = _AGENCY_LIST.match(_strip_label(b)) if b.kind != "table_row" else None
            if listed:
                # "Support Agencies: County EMS, Regional Hospital Coalition, …" (the head of an
                # emergency support function annex): the bodies the annex goes on to name
                for name in _agency_names(listed.group("list")):
                    self.en.add(name, b, part=part)
                continue
            if b.kind == "paragraph" and _closed(ctx):
                # "County Coroner" alone on a line over its duties in a roles chapter
                alone = _strip_label(b).strip(" :*")
                self.para_position = (
                    self.en.find(alone) if len(alone.split()) <= 6 and alone[-1:] != "." else None
                )
                if self.para_position:
                    continue
            if self.para_position and b.kind == "list_item" and _closed(ctx):
                self.reg.responsibility(self.para_position, b.text)
                continue
            delegate = _DELEGATE.match(_strip_label(b)) if b.kind != "table_row" else None
            if delegate and ctx.section is not None:
                # "Delegate to: VP or Director of Engineering" under a heading: whose the
                # section's actions are
                positions[ctx.section] = self.en.add(delegate.group("name"), b, part=part)
                owner_steps.add(ctx.section)
                continue
            position = self.para_position or next(
                (positions[h.index] for h in reversed(ctx.headings) if h.index in positions), None
            )
            steps_owner = any(h.index in owner_steps for h in ctx.headings)
            if b.kind == "table_row":
                if b.index in self.procedure:
                    self._procedure_row(b, ctx, part, self.procedure[b.index])
                else:
                    self._table_row(b, part)
                continue
            within = _STEPS_WITHIN.match(_strip_label(b)) if b.kind == "paragraph" else None
            timed = find_time_limit(within.group("time")) if within else None
            if timed:
                # "These steps should be completed within the first 24 hours of Disclosure.":
                # the section's steps carry that time
                self.section_time[ctx.section] = timed
                continue
            if ctx.phase is None and not steps_owner:
                self._org_block(b, ctx, part, position, org_stack)
                continue
            if b.kind not in ("list_item", "paragraph"):
                continue
            if position is None and not steps_owner and ctx.section is not None:
                self.flow_sections.add(ctx.section)
            self._mentions(b, position, part)
            if position is None:
                self._narrative(b, ctx, part)
            else:
                self._step(b, ctx, part, position)
        return self.drafts

    def _org_block(self, b: Block, ctx: Context, part, position, org_stack) -> None:
        """Organisation, duty lists and undecided sections: roles and responsibilities, and the
        steps of a section no heading classifies when its sentences say who does what."""
        if (
            b.kind == "list_item"
            and position is None
            and _is_org_item(b.text)
            and (_ROLE_WORDS.search(b.text) or b.level > 1)
        ):
            parent = org_stack.get(b.level - 1)
            org_stack[b.level] = self.en.add(b.text, b, parent=parent, part=part)
            return
        # "Scribe: keeps the timeline" as an item, or as a paragraph of a roles chapter
        defines = b.kind == "list_item" or b.kind == "paragraph" and _closed(ctx)
        duty = _ROLE_DUTY.match(b.text) if defines else None
        if duty and (is_role_phrase(duty.group("name")) or _titled(duty.group("name"), ctx)):
            rid = self.en.add(duty.group("name"), b, part=part)
            self.reg.responsibility(rid, duty.group("duty"))
            return
        if position is not None and (b.kind == "list_item" or _closed(ctx)):
            # the items, or in a roles chapter also the sentences, under a post's heading
            self.reg.responsibility(position, b.text)
            return
        if ctx.phase is None and ctx.headings and not _closed(ctx):
            # an unclassified section (one per supplier or system an outage may hit): its sentences that
            # name a known actor doing something are steps, a procedure of its own
            if ctx.section is not None:
                self.local_flow.add(ctx.section)
            self._narrative(b, ctx, part, only_actors=True)

    def _procedure_row(self, b: Block, ctx: Context, part, row: ProcedureRow) -> None:
        """A row of a procedure table ("2 | Notify the Incident Commander | Service Desk |
        Within 15 minutes"): one step, owned by the roles its owner cell names."""
        owners = []
        for name in re.split(r"\s*(?:,|/|&|;|\band\b|\bor\b)\s*", row.owners):
            name = _role_name(name.strip(" .*"))
            if 1 < len(name) <= 60 and name[:1].isalpha():
                rid = self.en.add(name, b, part=part)
                if rid not in owners:
                    owners.append(rid)
        for rid in owners:
            self.reg.use(rid)
        phase = _ends(row.action) or step_phase(ctx.phase or "disposal", row.action, "en")
        levels = levels_in(row.action, grades=False) or ctx.levels
        self.drafts.append(
            row_draft(b, row, owners, phase=phase, levels=levels, section=ctx.section, part=part)
        )

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
            self.en.keys.setdefault(self.en.key(m.group("alias")), rid)
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
                if name.isupper() and 2 <= len(name) <= 6:
                    # a short form ("IC") only as a word of its own
                    hit = re.search(rf"(?<![\w@-]){re.escape(name)}(?![\w-])", head)
                    if hit:
                        names.append((hit.start(), -len(name), rid))
                    continue
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
        if spans and not _OPENS.match(head[: spans[0][0]]):
            # "Department liaisons report to the EOC": a known name after other words is an
            # object, not the subject
            return []
        for pos, end, rid in spans:
            # actors joined by "and"/"or" at the head; a later name is an object ("helps the X")
            if prev_end is not None and not _JOINED.match(head[prev_end:pos]):
                break
            if rid not in out:
                out.append(rid)
            prev_end = end
        return out[:3]

    def _narrative(self, b: Block, ctx: Context, part, only_actors: bool = False) -> None:
        text = _strip_label(b)
        lead = self._lead_for(b)
        if b.kind == "paragraph":
            self.lead = None
        last: list[str] = list(lead.owners) if lead else []
        for sentence in self._split_actors(without_conditions(sentences(text))):
            if sentence.endswith(":"):
                self._open_lead(b, sentence, last)
                if not _ACTS_AND_LISTS.search(sentence) and not _APPROVAL_FROM.match(sentence):
                    continue
                # "The IC declares recovery complete and notifies all relevant people,
                # including:": an action that lists its recipients
                sentence = sentence.rstrip(":").rstrip()
            if (
                len(sentence) < 12
                or not_a_step(sentence)
                or _NOT_ACTION.match(sentence)
                or _DEFINES_LEVEL.match(sentence)
                or severity_item(sentence, ctx.headings[-1].text if ctx.headings else "")
                or b.kind == "list_item"
                and not lead
                and self._only_a_name(sentence)
            ):
                continue
            named = self._subject(sentence, b, part)
            if not named and not is_imperative(sentence):
                # an instruction's names are its objects ("Coordinate with the Director …")
                named = self._known(sentence)
            we = _WE.match(drop_condition(sentence))
            if (
                not named
                and self.own_team
                and (_OUR_TEAM.match(drop_condition(sentence)) or we and _WE_OURSELVES.match(we[0]))
            ):
                # "we" and "the team" in a plan are the organisation that writes it
                if self.own_team_id is None:
                    # the organisation itself when the plan defines it ("… Team (CERT)")
                    org = self.own_team[1].split()[0].lower()
                    # (not by its distinctive words: "cloud.gov" alone is the system, no actor)
                    self.own_team_id = self.en.keys.get(org) or self.reg.add(
                        self.own_team[1], self.own_team[0], defined=True, part=part
                    )
                named = [self.own_team_id]
            if only_actors and not named and not (lead and lead.owners) and not we:
                continue
            if not named and not lead and not instruction(sentence) and not we:
                continue
            owners = named or last or self._section_owners(ctx)
            if not owners and instruction(sentence):
                # an instruction in a phase of the response that names nobody: the team that
                # carries out the response, when the plan has one ("Isolate affected hosts"
                # under Containment, in a plan with an Incident Response Team)
                owners = self._response_lead()
            for m in _WITH.finditer(sentence):
                rid = self.en.find(m.group("who"))
                if rid and owners and rid not in owners and m.group(0).lower().startswith("with"):
                    owners = [*owners, rid]
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
            approval = _APPROVAL_FROM.match(sentence)
            approver = approval and is_role_phrase(approval.group("who"))
            prev = None
            if approver:
                # "…, after receiving approval from our Authorizing Official, X will …": the
                # approval is the approver's own step, and the action follows it
                rid = self.en.add(_role_name(approval.group("who")), b, part=part)
                self.reg.use(rid)
                owners = [r for r in owners if r != rid]
                pre = approval.group("pre").rstrip(" ,")
                self.drafts.append(
                    Draft(
                        block=b.index,
                        source=b.text,
                        text=pre,
                        roles=[rid],
                        phase=step_phase(ctx.phase or "disposal", pre, "en"),
                        levels=ctx.levels,
                        section=ctx.section,
                        part=part,
                    )
                )
                prev = len(self.drafts) - 1
                sentence = approval.group("rest")
            for rid in owners + support:
                self.reg.use(rid)
            found = (
                find_time_limit(sentence)
                or (lead.time if lead else None)
                or self.section_time.get(ctx.section)
            )
            self.drafts.append(
                Draft(
                    block=b.index,
                    source=b.text,
                    text=sentence,
                    roles=owners,
                    phase=_ends(sentence) or step_phase(ctx.phase or "disposal", sentence, "en"),
                    levels=levels_in(sentence, grades=False) or ctx.levels,
                    time=found.minutes if found else None,
                    time_text=found.text if found else "",
                    limit=found or read_time(sentence),
                    support=support,
                    section=ctx.section,
                    item=b.index if b.kind == "list_item" else None,
                    list_key=(("lead", lead.block) if lead else ("sec", ctx.section, b.level))
                    if b.kind == "list_item"
                    else None,
                    sequence=b.kind == "list_item" and bool(_NUMBERED.match(b.label or "")),
                    part=part,
                    lead_text=lead.text if lead else "",
                    sentence_prev=prev,
                    trigger="approved" if prev is not None else "",
                )
            )
            last = owners

    def _split_actors(self, pieces: list[str]) -> list[str]:
        """Sentences cut (verbatim) where another known actor takes over with its own verb
        ("…, the Spill Response Team cleans up and the Area Supervisor files a report")."""
        out: list[str] = []
        for sentence in pieces:
            start = 0
            for m in _AND_ACTOR.finditer(sentence):
                rid = self.en.find(m.group("who"))
                if rid is None or m.start() - start < 12:
                    continue
                before = self._known(sentence[start : m.start()])
                if not before or rid in before:
                    continue  # only where one named actor hands over to another
                out.append(sentence[start : m.start()].rstrip(" ,"))
                start = m.start("actor")
            out.append(sentence[start:])
        return out

    def _response_lead(self) -> list[str]:
        """The team a plan names as carrying out its response (Incident Response Team, CSIRT),
        the first defined: the collective actor of its instructions that name nobody. None when
        it names none (then nobody is implied)."""
        for rid, e in self.reg.entries.items():
            if e.defined and any(_RESPONSE_LEAD.search(n) for n in (e.name, *e.aliases)):
                return [rid]
        if self.response_team is not None:
            # a guide that speaks of "the response team" again and again, defining none: that
            # team carries out what it tells to do
            block, name = self.response_team
            return [self.reg.add(name, block, defined=True)]
        return []

    def _section_owners(self, ctx: Context) -> list[str]:
        """Who acted last in the section: the owner of an instruction that names nobody."""
        for d in reversed(self.drafts[-8:]):
            if d.section == ctx.section and d.roles:
                return list(d.roles)
        return []

    def _only_a_name(self, text: str) -> bool:
        """A list item that only names someone ("Deputy Director (System Owner)")."""
        bare = re.sub(r"\s*\([^)]*\)\s*$", "", text.strip(" .;"))
        return bool(bare) and (is_role_phrase(bare) or self.en.find(bare) is not None)

    def _lead_for(self, b: Block) -> _Lead | None:
        """The lead-in ("The IC should:") whose list `b` is an item of, if any: the innermost
        one still open at the item's depth (an item's own lead-in ends with its sub-list)."""
        if b.kind != "list_item":
            return None
        while self.lead is not None and b.level <= self.lead.level:
            self.lead = self.lead.outer
        return self.lead

    def _open_lead(self, b: Block, sentence: str, last: list[str]) -> None:
        owners = self._subject(sentence, b, None) or self._known(sentence) or last
        found = find_time_limit(sentence)
        level = b.level if b.kind == "list_item" else 0
        if not owners and not _ACTION_LEAD.search(sentence) and not is_imperative(sentence):
            # "The runbook covers these scenarios:": what follows is a list of things
            self.lead = None
            return
        outer = self.lead if self.lead is not None and self.lead.level < level else None
        self.lead = _Lead(
            b.index, owners, found or (outer.time if outer else None), level, sentence, outer
        )

    def _subject(self, sentence: str, b: Block, part) -> list[str]:
        """A post or team named as the subject ("the on-call engineer declares …"), new or known."""
        text = drop_condition(sentence)
        passive = PASSIVE_BY.match(text)
        if passive and is_role_phrase(passive.group("agent")):
            # "Residents are notified by the Sheriff's Office …": the agent acts
            agent = passive.group("agent")
            return [self.en.find(agent) or self.en.add(_role_name(agent), b, part=part)]
        if _PRONOUN.match(text):
            # "When any team member identifies a problem, they …": the actor of the condition
            inner = _CONDITION_SUBJECT.match(sentence.strip())
            if inner and is_role_phrase(inner.group("np")):
                return [self.en.add(_role_name(inner.group("np")), b, part=part)]
            return []
        to_do = _TO_DO_SUBJECT.match(text)
        if to_do and is_role_phrase(to_do.group("np")):
            # "Code owner to submit public PR …": a checklist's order to a post
            np = to_do.group("np")
            return [self.en.find(np) or self.en.add(_role_name(np), b, part=part)]
        pair = _EITHER_SUBJECT.match(text)
        if pair and is_role_phrase(pair.group("a")):
            # "the delivery manager or one of the incident leads should schedule …": either acts
            out = [
                self.en.find(pair.group("a"))
                or self.en.add(_role_name(pair.group("a")), b, part=part)
            ]
            other = self.en.find(pair.group("b"))
            if other is None and pair.group("b").lower().endswith("s"):
                other = self.en.find(pair.group("b")[:-1])
            return out + ([other] if other and other not in out else [])
        everyone = _EVERYONE_ACTS.match(text)
        if everyone:
            return [self.en.add(everyone.group("who").capitalize(), b, part=part)]
        words = text.split()
        start = 1 if words and _DETERMINER.match(words[0]) else 0
        # (an instruction names its object, not its subject: "Notify the Incident Commander
        # immediately …")
        for n in range(min(6, len(words) - 1), len(words) if is_imperative(text) else start, -1):
            rid = self.en.find(" ".join(words[start:n]))
            if (
                rid
                and _VERB_NEXT.match(words[n])
                and not _NOUN_THEN_MODAL.match(" ".join(words[n:]))
            ):
                return [rid]
        plural = _PLURAL_SUBJECT.match(text)
        if not plural and not _PRONOUN_START.match(text):
            plural = _COLLECTIVE_SUBJECT.match(text)
        m = _MODAL_SUBJECT.match(text) or plural or _NP_SUBJECT.match(text)
        if (
            m is None
            and _FUNCTION_SUBJECT.match(text)
            and _is_function(_FUNCTION_SUBJECT.match(text).group("np"))
        ):
            # "Public Health coordinates medical care": a department named by its function
            return [self.en.add(_FUNCTION_SUBJECT.match(text).group("np"), b, part=part)]
        if not m or not (
            is_role_phrase(m.group("np")) or _EVERYONE.match(f"{words[0]} {m.group('np')}")
        ):
            return []
        np = m.group("np")
        if start and _EVERYONE.match(f"{words[0]} {np}"):
            np = f"{words[0].capitalize()} {np}"
        elif (
            not start
            and m is not plural
            and not all(w[:1].isupper() or not w[:1].isalpha() for w in np.split())
            and not _MODAL_NEXT.match(text[m.end("np") :])
        ):
            # without an article a subject is written as a name ("Cloud Operations will …") or
            # is followed by a modal ("Designated personnel will report …"); "Make sure your
            # staff gets …" is an instruction
            return []
        return [self.en.add(np, b, part=part)]

    def _mentions(self, b: Block, position: str | None, part) -> None:
        text = _strip_label(b)
        opens = b.text.find(text) if is_imperative(text) else -1
        for m in _MENTION.finditer(b.text):
            name = re.sub(
                r"^(?:The|Your|A|An|Each|All|Any|With|Have|Create|Ensure)\s", "", m.group("name")
            )
            if m.start() == opens:
                # "Update staff every 24 hours": the instruction's verb is no part of a name
                name = name.split(" ", 1)[1] if " " in name else ""
            words = name.split()
            if any(self.en.find(" ".join(words[k:])) for k in range(1, len(words))):
                continue
            if len(words) >= 2 and self.en.find(name) is None:
                self.en.add(name, b, parent=position, part=part)

    def _step(self, b: Block, ctx: Context, part, position: str | None) -> None:
        if b.kind == "list_item":
            self.items[b.level] = b.index
        lead = self._lead_for(b)
        if b.kind == "paragraph":
            self.lead = None
        text = _strip_label(b)
        if _NOT_ACTION.match(text) and ";" in text:
            # "Do not hang up; use another phone to call 911.": the instruction after the caution
            rest = text.split(";", 1)[1].strip()
            if rest and is_imperative(rest[:1].upper() + rest[1:]):
                text = rest
        if (
            _NOT_ACTION.match(text)
            # (the opening sentence: a pointer later in an item leaves the orders before it)
            or not_a_step(_SENTENCE_END.split(text, maxsplit=1)[0])
            or severity_item(text, ctx.headings[-1].text if ctx.headings else "")
        ):
            return
        if text.endswith(":"):
            self._open_lead(b, text, [position] if position else [])
            return
        if (
            b.kind == "paragraph"
            and not instruction(text)
            and not self._known(text)
            and not _SUBJ.match(text)
            and not self._subject(text, b, part)
        ):
            # a paragraph under a post's heading that is not an instruction: description
            return
        owners: list[str] = []
        m = _SUBJ.match(text)
        if m:
            rid = self.en.find(m.group("who"))
            if rid:
                owners = [rid]
        if not owners:
            owners = self._subject(text, b, part)
        if not owners and lead and lead.owners:
            owners = list(lead.owners)
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
        if _ends(text):
            phase = "termination"
        elif phase == section_phase and re.search(
            r"\b(?:report|notify|inform)\b", text, re.IGNORECASE
        ):
            # (a step that activates the plan and tells others so stays the activation)
            phase = "report"
        prev = None
        numbered = b.kind == "list_item" and bool(_NUMBERED.match(b.label or ""))
        for piece in _pieces(text):
            found = (
                find_time_limit(piece)
                or (lead.time if lead else None)
                or self.section_time.get(ctx.section)
                or heading_time
            )
            self.drafts.append(
                Draft(
                    block=b.index,
                    source=b.text,
                    text=piece,
                    roles=owners,
                    phase=phase,
                    levels=levels_in(piece, grades=False) or ctx.levels,
                    time=found.minutes if found else None,
                    time_text=found.text if found else "",
                    limit=found or read_time(piece),
                    section=ctx.section,
                    item=b.index if b.kind == "list_item" else None,
                    list_key=("sec", ctx.section, b.level),
                    sequence=numbered,
                    part=part,
                    parent_item=self.items.get(b.level - 1)
                    if b.kind == "list_item" and b.level > 1
                    else None,
                    trigger="after" if _AFTER.match(piece) else "",
                    sentence_prev=prev,
                )
            )
            prev = len(self.drafts) - 1


@dataclass
class _Lead:
    """A sentence ending in a colon that introduces a list: its owners and deadline carry on."""

    block: int
    owners: list[str]
    time: object
    level: int
    text: str
    outer: _Lead | None = None  # the lead-in whose list this one's item belongs to


# the last word of a post's or team's name in English plans
# vocab/role_heads.txt, singular or plural (agency → agencies)
_HEAD_NOUN = (
    rf"(?:(?:{alternation(words('en', 'role_heads'))})s?|"
    rf"(?:{alternation([w[:-1] for w in words('en', 'role_heads') if w.endswith('y')])})ies)"
)
_ROLE_PHRASE = re.compile(
    rf"^(?:the |a |an |each |every |any |all |our |your )?(?P<name>(?:[\w.@/&'’-]+ ){{0,4}}"
    rf"(?:{_HEAD_NOUN}))$",
    re.IGNORECASE,
)
_PERSON_WHO = re.compile(
    r"^(?:the |a |an |any |each )?(?:person|people|employee|staff member|member of staff|user|"
    r"individual|anyone)s? (?:who|that) [\w\s'’-]{3,60}$"
    # who is there first ("the first person on the scene", "the first employee at the scene")
    r"|^(?:the |a |any )?first (?:person|employee|staff member|responder|individual)s? "
    r"(?:on|at) (?:the )?scene$",
    re.IGNORECASE,
)
# everybody in a place, given duties together ("All staff leave the building")
_EVERYONE = re.compile(
    r"^(?:all|every)\s+(?:staff|personnel|employees?|occupants?|workers?|visitors?|"
    r"team members?|responders?)$|^everyone$",
    re.IGNORECASE,
)
_EVERYONE_ACTS = re.compile(
    r"^(?P<who>(?:all|every)\s+(?:staff|personnel|employees?|occupants?|workers?|visitors?|"
    r"team members?|responders?)|everyone)\s+(?:will|shall|must|should|then|also|immediately|"
    r"[a-z]+)\b",
    re.IGNORECASE,
)
_NOT_NAME_WORDS = re.compile(
    r"\b(?:the|of|in|on|for|with|from|to|by|is|are|was|will|shall|must|should|and|or|"
    r"this|that|these|those|it|its|their|all|any|when|if|once|after|before)\b",
    re.IGNORECASE,
)


# a post's plural head noun followed by a modal ("department heads will …"): not a verb
_NOUN_THEN_MODAL = re.compile(rf"^{_HEAD_NOUN}\s+(?:will|shall|must|should|may)\b", re.IGNORECASE)
# a post named before a modal ("All department heads will …", "Designated personnel shall …")
_MODAL_SUBJECT = re.compile(
    rf"^(?:(?:the|a|an|each|every|any|all|our|your)\s+)?(?P<np>(?:[\w-]+\s){{0,3}}?{_HEAD_NOUN})"
    rf"(?=\s+(?:will|shall|must|should)\b)",
    re.IGNORECASE,
)
_MODAL_NEXT = re.compile(r"^\s+(?:will|shall|must|should)\b", re.IGNORECASE)


def is_role_phrase(text: str) -> bool:
    """Whether `text` names a post or team ("IT Security Lead", "the on-call engineer",
    "the person who discovers the breach"), not a thing or an action."""
    text = text.strip(" .,:;*")
    if not text or len(text) > 70:
        return False
    if _PERSON_WHO.match(text) or _EVERYONE.match(text):
        return True
    m = _ROLE_PHRASE.match(text)
    if not m:
        return False
    name = m.group("name")
    words = name.split()
    # a lone generic word ("team", "staff", "the office") names nobody in particular
    if len(words) == 1 and words[0].lower() in _GENERIC | {"operations", "personnel", "owner"}:
        return False
    return not any(w.islower() and _NOT_NAME_WORDS.fullmatch(w) for w in words[:-1])


_OWNER_HEADING = (
    re.compile(
        r"^(?:[\dA-Z]{1,3}[.)]\s*)*(?:[\d.]+\s+)?(?:steps|actions|tasks|checklist|duties|"
        r"procedures?|instructions)\s+(?:for|of)\s+(?P<name>.+?)\s*:?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:[\dA-Z]{1,3}[.)]\s*)*(?:[\d.]+\s+)?(?P<name>.+?)(?:['’]s)?\s+(?:steps|actions|tasks|"
        r"checklist|procedures?|instructions)\s*:?$",
        re.IGNORECASE,
    ),
)
# a section handed to a post ("Delegate to: Marketing Team", "Owner: Facilities Manager")
_DELEGATE = re.compile(
    r"^(?:delegated? to|owner|responsible|assigned to|lead)\s*:\s*(?P<name>[A-Z][^.;:]{1,60}?)\.?$",
    re.IGNORECASE,
)
# a post's name in title case, not an activity ("Recovery", "Evacuation", "Use", "Testing")
_TITLED_NAME = re.compile(
    r"(?:[A-Z][\w/&-]*\s+(?:(?:of|and|for|the|&)\s+)?){0,4}[A-Z][\w/&-]*"
    r"(?<!tion)(?<!sion)(?<!ment)(?<!ing)(?<!ance)(?<!ence)(?<!ery)(?<!Use)(?<!Response)"
)
_IF_YOU = re.compile(
    r"^(?:[\dA-Z]{1,3}[.)]\s*)*(?:[\d.]+\s+)?(?:if|when|once)\s+you\s+(?P<verb>[a-z]+)\s+"
    r"(?P<rest>[a-z][\w\s'’-]{2,40})$",
    re.IGNORECASE,
)
_OWNER_DUTIES = re.compile(
    r"^(?:[\dA-Z]{1,3}[.)]\s*)*(?:[\d.]+\s+)?(?P<name>.+?)(?:['’]s)?\s+(?:responsibilities|"
    r"duties|role)\s*:?$",
    re.IGNORECASE,
)


def owner_heading(text: str) -> tuple[str, bool] | None:
    """(role name, True) for "Steps for the IT Security Lead", "Scribe checklist" and "If you
    discover a fire" (the person who discovers it); (role name, False) for "Incident Commander
    responsibilities"; None otherwise."""
    text = text.strip()
    m = _IF_YOU.match(text)
    if m:
        verb = m.group("verb")
        verb = verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s")
        return f"Person who {verb} {m.group('rest').rstrip(' :')}", True
    for k, pattern in enumerate(_OWNER_HEADING):
        m = pattern.match(text)
        if m and (is_role_phrase(m.group("name")) or _is_function(m.group("name"))):
            return _role_name(m.group("name")), True
        if m and k == 0 and _TITLED_NAME.fullmatch(_role_name(m.group("name"))):
            # "Steps for Deputy", "Steps for Subject Matter Experts": whom steps are for is a
            # post, whatever its name (not "Steps for Recovery", "Instructions for Use")
            return _role_name(m.group("name")), True
    m = _OWNER_DUTIES.match(text)
    if m and is_role_phrase(m.group("name")):
        return _role_name(m.group("name")), False
    return None


_FUNCTIONS = frozenset(w.lower() for w in words("en", "functions"))


def _is_function(text: str) -> bool:
    """A business function a plan addresses as a team ("Communications", "Legal"); a short
    one only as its capitals ("IT", not the pronoun "It")."""
    name = _role_name(text).strip(" .:")
    return name.lower() in _FUNCTIONS and (len(name) > 3 or name.isupper())


def _role_name(text: str) -> str:
    return re.sub(
        r"^(?:the|a|an|each|every|any|all|our|your)\s+", "", text.strip(), flags=re.IGNORECASE
    )


_ORGANISATION = re.compile(
    r"\b(?:team|organi[sz]ation|agency|department|service|authority|corporation|company)$",
    re.IGNORECASE,
)
_DEFINES = re.compile(
    r"(?<![\w.@-])(?P<name>(?:[A-Z][\w.@-]*\s){1,3}(?:team|staff|unit|group)|"
    r"(?:[A-Z][\w.@-]*\s){0,3}[A-Z][\w.@-]*|"
    r"(?:[a-z][\w.@-]*\s){0,2}[\w.@-]+ team)"
    r"\s*\((?:the\s+|an?\s+)?(?P<acr>@?[A-Za-z][\w-]{1,14})\)"
)


def define_acronyms(en: EnglishRegistry, b: Block) -> None:
    """Posts defined with a short form anywhere: "Incident Commander (IC)",
    "Network Operations team (@net-ops)"."""
    for m in _DEFINES.finditer(b.text):
        name, acr = m.group("name"), m.group("acr")
        name = _role_name(name)
        if not is_role_phrase(name) or not (acr.isupper() or acr.startswith("@")):
            continue
        rid = en.add(name, b)
        en.reg.alias(rid, acr)
        en.keys.setdefault(acr.lower(), rid)
        if len(name.split()) >= 3 and _ORGANISATION.search(name) and acr.isupper():
            # "Community Emergency Response Team (CERT)": the plan's own organisation
            en.own = en.own | {acr.lower()}


_NP_SUBJECT = re.compile(
    rf"^(?:the |a |an |each |every |any |all |our |your )?(?P<np>(?:[\w.@/&'’-]+ ){{0,4}}?"
    rf"(?:{_HEAD_NOUN}|(?:person|people|employee|anyone) (?:who|that) [\w\s'’-]{{3,40}}?|"
    r"first (?:person|employee|staff member|responder|individual)s? (?:on|at) (?:the )?scene))"
    r"(?= (?:will|shall|must|should|can|may|would|could|also|then|immediately|promptly|first|"
    r"is responsible|are responsible|(?!is\b|was\b|has\b)[a-z]+(?<!ss)s)\b)",
    re.IGNORECASE,
)
# a passive with its agent ("Shelters are opened by the American Red Cross within 4 hours")
PASSIVE_BY = re.compile(
    r"^(?P<obj>(?:the\s+|all\s+|any\s+)?[\w'’ -]{2,80}?)\s+(?:is|are|will be|shall be|must be|should be)"
    r"\s+(?:(?:immediately|promptly|then|also)\s+)?(?P<verb>[a-z]+ed|sent|made|given|taken|held|"
    r"set up|shut down|told|kept|led|run|brought|built)\s+by\s+(?:the\s+)?"
    r"(?P<agent>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.#-]*|of|and|for|&)){0,6})"
)
_PRONOUN = re.compile(r"^(?:they|he|she|he or she|s/he)\b", re.IGNORECASE)
_CONDITION_SUBJECT = re.compile(
    rf"^(?:when|whenever|if|once|as soon as|after)\s+(?:any |the |a |an |each |every )?"
    rf"(?P<np>(?:[\w.@/&'’-]+ ){{0,4}}?(?:{_HEAD_NOUN}))\s+(?:[a-z]+s|has|is)\b",
    re.IGNORECASE,
)
_CONDITION_LEAD = re.compile(
    r"^(?:once|when|whenever|after|following|if|upon|on|as soon as|for|in|during|within|until|"
    r"before|while|prior to)\b[^,]{1,120},\s*",
    re.IGNORECASE,
)


_ADVERB_LEAD = re.compile(
    r"^(?:then|next|finally|also|afterwards|immediately|meanwhile|at the same time|in parallel),?\s+",
    re.IGNORECASE,
)
# a plural post or team before its verb ("Department liaisons report to the EOC")
_PLURAL_SUBJECT = re.compile(
    r"^(?:the |all |our |your )?(?!(?:have|let|make|help|ask|tell|get|anticipate|expect|allow|"
    r"instruct|direct|send|assign|remind|notify|contact|call|brief)\b)"
    r"(?P<np>(?:[\w.@/&'’-]+ ){0,3}?(?:managers|directors|officers|leads|leaders|coordinators|"
    r"commanders|chiefs|liaisons|supervisors|specialists|administrators|analysts|engineers|"
    r"officials|responders|operators|volunteers|members|wardens|marshals|teams|crews|SREs|"
    r"agencies|departments|organi[sz]ations))"
    r"(?-i:(?= (?!of\b|and\b|or\b|in\b|on\b|at\b|for\b|to\b|from\b|with\b|by\b|are\b|were\b|"
    r"is\b|was\b|have\b|who\b|that\b)[a-z]+(?<!ing)\b))",
    re.IGNORECASE,
)
# collective nouns that take a plural verb ("Office staff bring the visitor log"); not in an
# instruction ("Ensure retiring shift staff …") or after a pronoun ("We do not staff …")
_COLLECTIVE_SUBJECT = re.compile(
    r"^(?:the |all |our |your )?(?!\w+ly\b)(?!(?:have|let|make|help|ask|tell|get|ensure|update|brief|inform|"
    r"notify|alert|train|assign|deploy|send|call|contact|remind|instruct|direct|support|relieve|"
    r"rotate|release|recall|mobili[sz]e|organi[sz]e|gather|assemble|keep|allow|expect)\b)"
    r"(?P<np>(?:[\w'’-]+ ){0,2}?(?:staff|personnel))"
    r"(?= (?!of\b|and\b|or\b|in\b|on\b|at\b|for\b|to\b|from\b|with\b|by\b|are\b|were\b|"
    r"is\b|was\b|have\b|who\b|that\b|members?\b|every\b|each\b)(?![a-z]{3,}ing\b)[a-z]+\b)",
    re.IGNORECASE,
)
_PRONOUN_START = re.compile(r"^(?:we|you|they|i|he|she|it)\b", re.IGNORECASE)
_FUNCTION_SUBJECT = re.compile(
    r"^(?:the )?(?P<np>(?:[A-Z][\w&-]*|IT)(?: [A-Z][\w&-]*){0,3})(?= (?!is\b|was\b|has\b)[a-z]+(?<!ss)s\b)"
)
# what may stand before the subject's name at the head of a clause
_OPENS = re.compile(
    r"^\s*(?:(?:the|a|an|each|every|any|all|our|your|then|next|finally|also|immediately)\s+)*$",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"^(?:the|a|an|each|every|any|all|our|your)$", re.IGNORECASE)
_VERB_NEXT = re.compile(
    r"^(?:will|shall|must|should|can|may|would|could|also|then|immediately|promptly|first|"
    r"(?!is$|was$|has$)[a-z]+(?<!ss)s|['’]s)$"
)


def instruction(sentence: str) -> bool:
    """An order, also after the case it is for ("If you suspect X, delete all accounts …")."""
    if is_imperative(sentence):
        return True
    rest = drop_condition(sentence)
    if YOU_SHOULD.match(rest):
        # "If an incident is ongoing past 5pm, you should document progress …": an order to
        # the one the section speaks to
        return True
    return rest != sentence and is_imperative(rest[:1].upper() + rest[1:])


# an order to the reader: "you should document …"
YOU_SHOULD = re.compile(
    r"^you (?:should|must|need to|will need to|have to|are to|shall)\s+(?!not\b|be\b)(?=[a-z])",
    re.IGNORECASE,
)


def drop_condition(sentence: str) -> str:
    """The sentence without its leading case or condition ("If you suspect X, delete …")."""
    text = _ADVERB_LEAD.sub("", re.sub(r"^\(?(?:\d{1,2}|[a-z])[.)]\s*", "", sentence.strip()))
    for _ in range(2):  # "In case of X, after approval from Y, Cloud Operations will …"
        text = _ADVERB_LEAD.sub("", _CONDITION_LEAD.sub("", text, count=1))
    return text


# an approval the action waits for, named inside its sentence ("In case of X, after receiving
# approval from our Authorizing Official, Cloud Operations will …", "Ops would, upon approval by
# the Program Manager, broker …"): the text up to the approver, and the rest
_APPROVAL_FROM = re.compile(
    r"^(?P<pre>.*?\b(?:after|upon|once|following|with)\s+(?:(?:receiving|obtaining|getting|"
    r"securing)\s+)?(?:the\s+)?(?:written\s+)?approval\s+(?:from|of|by)\s+"
    r"(?:our\s+|the\s+|its\s+|their\s+|an?\s+)?(?P<who>(?:[A-Z][\w.-]*\s?){1,4}?))"
    r"\s*,\s*(?P<rest>\w.{10,})$"
)
_WE_OURSELVES = re.compile(r"^we\b", re.IGNORECASE)
_OUR_TEAM = re.compile(
    r"^(?:the|our)\s+team\s+(?:will|shall|must|should|then|also|[a-z]+s)\b", re.IGNORECASE
)


_TEAM_OF = re.compile(r"(?<![\w.@-])(?P<org>[\w.-]*\w)\s+team\b", re.IGNORECASE)
_NOT_ORG = frozenset(
    {
        "the",
        "our",
        "your",
        "their",
        "a",
        "an",
        "this",
        "that",
        "whole",
        "entire",
        "same",
        "each",
        "every",
        "core",
        "other",
        "new",
        "any",
        "response",
        "incident",
        "security",
        "support",
        "emergency",
        "recovery",
        "operations",
        "technical",
        "management",
        "in",
        "on",
        "at",
        "of",
        "for",
        "to",
        "by",
        "with",
        "from",
        "out",
        "up",
        "and",
        "or",
    }
)
_WORD_BEFORE = re.compile(r"(\S+)\s+$")


def _own_team(blocks: list[Block]) -> tuple[Block, str] | None:
    """(block, name) of the team the plan belongs to, which "we" and "the team" mean: of the
    "<name> team" phrases, the one whose name the document uses most (its organisation or
    system, "cloud.gov team"), at least three times; None when there is none."""
    first: dict[str, tuple[Block, str]] = {}
    for b in blocks:
        for m in _TEAM_OF.finditer(b.text):
            org = m.group("org").lower()
            before = _WORD_BEFORE.search(b.text, 0, m.start())
            if before and before.group(1)[:1].isupper() and before.group(1).lower() not in _NOT_ORG:
                continue  # a word of a longer name ("Check In Team")
            if org not in _NOT_ORG and not org.isdigit():
                first.setdefault(org, (b, m.group(0)))
    if not first:
        return None
    text = " ".join(b.text for b in blocks).lower()
    counts = {
        org: len(re.findall(rf"(?<![\w.@-]){re.escape(org)}(?![\w@-])", text)) for org in first
    }
    best = max(counts, key=counts.get)
    return first[best] if counts[best] >= 3 else None


_WE = re.compile(
    r"^(?:we|they|you)\s+(?:will|shall|must|should|need|then|also|\w+)\b", re.IGNORECASE
)
# a lead-in that is an action of its own before its list ("… and notifies all relevant people,
# including:"), not a bare "should:" or "the following people:"
_ACTS_AND_LISTS = re.compile(r"\b(?:including|such as|namely)\s*:$", re.IGNORECASE)
_ACTION_LEAD = re.compile(
    r"\b(?:should|shall|must|will|needs? to|has to|have to|is to|are to)\b|"
    r"\bfollowing (?:steps|actions|tasks|measures)\b",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(?:\(?\d{1,2}[.)]|step\s*\d+)", re.IGNORECASE)
_ROLE_DUTY = re.compile(
    r"^(?P<name>[A-Z][^:–—]{2,60}?)(?:\s*\([A-Z]{2,6}\))?\s*(?::|\s[–—-]{1,2}\s)\s*(?P<duty>\S.+)$"
)
# two posts before a modal, either of whom acts: "the delivery manager or one of the incident
# leads should schedule …"
_EITHER_SUBJECT = re.compile(
    r"^(?:the |a |an )?(?P<a>(?:[\w.-]+ ){0,3}?[\w.-]+) (?:or|and) (?:one of )?(?:the |a |an )?"
    r"(?P<b>(?:[\w.-]+ ){0,3}?[\w.-]+)(?= (?:will|shall|must|should|can|may)\b)",
    re.IGNORECASE,
)
# a paragraph that times the section's steps: "These steps should be completed within the first
# 24 hours of Disclosure."
_STEPS_WITHIN = re.compile(
    r"^(?:these|the following|all (?:of )?these|the above) (?:steps|actions|tasks|measures)\b[^.]{0,20}?"
    r"\b(?:should|must|shall|will|are to|need to) be (?:completed|done|carried out|taken|performed|"
    r"finished)\s+(?P<time>[^.]+)",
    re.IGNORECASE,
)
# a post and the order it is given, as a checklist writes it: "Fix lead to provide the notes"
_TO_DO_SUBJECT = re.compile(
    r"^(?:the )?(?!(?:have|let|make|help|ask|tell|get|notify|send|instruct|direct|assign|remind|"
    r"contact|call|brief|request|allow|invite|advise|encourage|inform|alert|page)\b)"
    rf"(?P<np>(?:[\w-]+ ){{0,3}}?{_HEAD_NOUN}) to (?-i:(?=[a-z]+\b))",
    re.IGNORECASE,
)
_NAMED_AS = re.compile(
    r"\b(?:referred to as|hereafter called|hereinafter (?:called|referred to as)) (?:the |an? )?"
    r"(?P<name>[A-Z][\w-]*(?: [A-Z][\w-]*){0,3})"
    r"|(?:^|(?<=[.!?] ))(?:This|These|Those)\b[^.!?]{0,60}\b(?:is|are) (?:the |an? )?"
    r"(?P<name2>[A-Z][\w-]*(?: [A-Z][\w-]*){0,3})\.?(?=\s|$)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NOT_STEP = re.compile(
    r"^(?:see|refer to|for (?:example|instance)|for more (?:information|details)|more information|"
    r"this (?:[\w.-]+ ){0,3}"
    r"(?:plan|procedure|guide|document|doc|section|policy|book|chapter)\b|note\b|example|"
    r"e\.g\.)|\bis covered in\b|"
    r"\bare covered in\b|\bout of scope\b|\bis described in\b|\bare described in\b|"
    r"\breferred to as\b|\bhereafter called\b|"
    r"\bmeans\b|\bis defined as\b|\bdepends on\b|\bis not dependent\b|"
    r"\bwould be unacceptable\b|\boutside (?:the|its) scope\b|"
    # who holds a post ("The House Supervisor serves as Incident Commander until …")
    r"^(?:the\s+)?(?:[\w-]+\s){1,5}(?:serves|acts|will serve|will act|is designated) as\b|"
    # which body leads ("The County Health Department is the lead agency for ESF #8 …")
    r"^(?:the\s+)?(?:[\w&#/-]+\s){1,6}(?:is|are)\s+(?:the|a|an)\s+(?:lead|primary|"
    r"coordinating|support(?:ing)?|designated)\s+(?:agency|agencies|organi[sz]ations?|"
    r"department|body|entity)\b|"
    # a sentence whose only action is to apply the plan itself says when it applies
    r"\b(?:by|in) (?:following|using|applying) (?:this|the) (?:plan|procedure|guide)\W*$|"
    # where the details are ("Details for each of these items are available in the next section")
    r"\b(?:are|is) (?:available|described|listed|given) (?:in|below|above)\b|"
    r"\bcan be found (?:in|below|above)\b|"
    # what a post is for ("You are there to support the IC"), whose decision a thing is
    r"^you(?:['’]re| are) (?:there|here) to\b|\bis at (?:your|the [\w ]{2,30}['’]s) discretion\b|"
    # a question to consider ("Does the attacker have enough information to find another way in?")
    r"^(?:does|do|did|is|are|was|were|has|have|had|can|could|should|will|would|who|what|"
    r"which|when|where|why|how)\b[^.!]*\?$|"
    # following another procedure or someone's instructions: a pointer, a standing rule
    r"\bfollow (?:the )?(?:steps|procedures?|instructions|process|directions) (?:from|in|of|given by)\b",
    re.IGNORECASE,
)
# the first word of an English sentence that is no verb: determiners, pronouns, prepositions
_NOT_VERB = re.compile(
    r"^(?:the|a|an|this|that|these|those|all|any|each|every|some|no|our|your|their|its|his|her|"
    r"it|we|they|you|he|she|there|here|in|on|at|for|from|to|of|by|with|without|during|after|"
    r"before|if|when|once|while|where|as|because|since|until|unless|although|and|or|but|not|"
    r"only|also|more|most|many|much|one|two|three|first|second|third|next|then|finally|"
    r"critical|high|medium|low|major|minor|full|short|long|other|such|both|either|neither)$",
    re.IGNORECASE,
)
_NOUN_END = re.compile(
    r"(?:ity|tion|sion|ment|ness|ance|ence|ship|ing|ed|ery|ure|ism|ist|ary|ory|ics)$", re.IGNORECASE
)
_VERB_OK = re.compile(
    r"^(?:ensure|secure|capture|measure|procure|vary|carry|query|bury|need)$", re.IGNORECASE
)
_MODALS = re.compile(
    r"^(?:will|shall|must|should|can|may|is|are|was|were|has|have)$", re.IGNORECASE
)


def is_imperative(text: str) -> bool:
    """Whether an English sentence opens with a bare verb ("Isolate the affected systems…")."""
    stripped = re.sub(
        r"^(?:as (?:necessary|needed|required|appropriate)|if (?:needed|necessary|"
        r"required|possible)|where (?:possible|needed)|when (?:possible|needed)|"
        r"please|immediately|then|next|also|finally|first),?\s+",
        "",
        text.strip(),
        flags=re.IGNORECASE,
    )
    # a verb after a leading adverbial is written in lower case ("As necessary, delegate …")
    lowered = stripped != text.strip()
    text = stripped
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if not words or not (text[:1].isupper() or lowered and text[:1].isalpha()):
        return False
    first = words[0]
    if _NOT_VERB.match(first) or first.isupper() and len(first) > 1:
        return False
    if len(words) > 1 and (_MODALS.match(words[1]) or words[1].lower() == "of"):
        # "Loss of a data centre" names a thing; a verb is not followed by "of"
        return False
    if _NOUN_END.search(first) and not _VERB_OK.match(first):
        return False
    return len(words) >= 2


def procedure_owner(heading: Block, body: list[Block], within: str | None = None) -> str | None:
    """The post a section is the procedure of: its heading names a post ("Switchboard
    Operator", "Person Discovering the Fire", a function such as "Security") and at least two
    of its items, and most of them, are instructions ("Announce …", "Notify …"); inside a
    response chapter (`within`) also what the post does in the third person ("Accounts for
    all patients …")."""
    name = _QUALIFIER.sub("", _strip_label(heading).strip(" :"))
    if owner_heading(name) is not None or _TASK_HEADING.match(name):
        # (not a task: "Assemble Response Team" is what to do, not who does it)
        return None
    responding = within in RESPONSE_PHASES
    if not (is_role_phrase(name) or _PERSON_DOING.match(name) or responding and _is_function(name)):
        return None
    items = [_strip_label(b) for b in body if b.kind in ("list_item", "paragraph")]
    # "Declares the incident", "Approves external communications": what the post does, in the
    # third person, is a list of duties, not instructions to follow (unless the chapter is the
    # response's own procedure)
    orders = sum(
        1
        for text in items
        if is_imperative(text)
        and (responding or not _THIRD_PERSON.match(text))
        or responding
        and _THIRD_PERSON.match(text)
    )
    return name if orders >= 2 and orders * 3 >= len(items) * 2 else None


# a heading that names a task, whatever team it mentions ("Assemble Response Team")
_TASK_HEADING = re.compile(
    r"^(?:Assemble|Isolate|Identify|Notify|Contact|Establish|Activate|Assess|Apply|Stop|Involve|"
    r"Start|Page|Prepare|Conduct|Communicate|Escalate|Restore|Recover|Evacuate|Secure|Form|"
    r"Convene|Mobili[sz]e|Deploy|Dispatch)\s"
)


# where the post works, after its name ("Charge Nurse of the affected unit")
_QUALIFIER = re.compile(r"\s+(?:of|on|in|at|for)\s+(?:the|each|every|any|all)\s+[\w\s-]{2,30}$")


_THIRD_PERSON = re.compile(r"^[A-Z][a-z]+(?<![sui])s\b")
# someone named by what they are doing ("Person Discovering the Fire", "Employee receiving a
# bomb threat")
_PERSON_DOING = re.compile(
    r"^(?:the\s+|any\s+)?(?:first\s+)?(?:person|individual|employee|staff member|member of "
    r"staff|anyone|caller)\s+(?:who\s+)?[a-z]+ing\b",
    re.IGNORECASE,
)


def not_a_step(text: str) -> bool:
    """Cross-references, notes, definitions and descriptions: not actions."""
    body = re.sub(r"^\(?(?:\d{1,2}|[a-z])[.)]\s*", "", text.strip())
    return bool(_NOT_STEP.search(body) or _NOT_STEP.search(text.strip()))


def _strip_label(b: Block) -> str:
    text = b.text
    if b.label and text.startswith(b.label):
        text = text[len(b.label) :]
    return text.strip()


_ORG_HEADING = re.compile(
    r"responsibilit|\broles?\b|organi[sz]ation|team members|positions?|staffing", re.IGNORECASE
)


def _titled(name: str, ctx: Context) -> bool:
    """A name written in title case in an organisation section ("Reception: calls 999")."""
    words = name.split()
    return (
        1 <= len(words) <= 4
        and all(w[:1].isupper() for w in words if w.lower() not in ("of", "and", "the"))
        and any(_ORG_HEADING.search(h.text) for h in ctx.headings)
    )


# the bodies of an emergency support function or annex by their part in it (NRF ESF annexes,
# county EOP annexes): "Primary Agency: …", "Support Agencies – …"
_AGENCY_LIST = re.compile(
    r"^(?:ESF\s*#?\d*\s*)?(?:Coordinating|Coordinator|Primary|Lead|Support(?:ing)?|Cooperating|"
    r"Assisting|Partner)\s+(?:Agenc(?:y|ies)|Organi[sz]ations?|Departments?|Entit(?:y|ies))"
    r"(?:\s*\([a-z]+\))?\s*(?::|\s[–—-]{1,2}\s)\s*(?P<list>[A-Z].+)$",
    re.IGNORECASE,
)


def _agency_names(text: str) -> list[str]:
    names = []
    for piece in re.split(r"\s*(?:[,;]|\band\b)\s*", text.strip(" .")):
        piece = re.sub(r"^(?:the|and)\s+", "", piece.strip(" .*"), flags=re.IGNORECASE)
        if piece[:1].isupper() and 1 <= len(piece.split()) <= 8:
            names.append(piece)
    return names


_ALSO_CALLED = re.compile(r"^(?P<outer>[A-Z][\w' -]{1,40}?)\s*\((?P<inner>[A-Z][\w' -]{1,40})\)$")
# what a heading in a roles chapter names when it is no post: the parts of a post's section
_NOT_A_POST = re.compile(
    r"\b(?:responsibilit\w*|roles?|dut(?:y|ies)|tasks?|actions?|steps?|procedures?|checklists?|"
    r"materials?|equipment|supplies|resources|notes?|needed|required|overview|purpose|scope|"
    r"activation|deactivation|demobili[sz]ation|general|summary)\b",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(r"^[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|of|and|the|&))*$")


def _duties_follow(heading: Block, blocks: list[Block]) -> bool:
    """A short title-case heading in a roles chapter ("Teachers", "Office Staff") whose items, at
    least two and most of them, say what someone does ("Lead their class…", "Takes attendance…"):
    the post or group those duties belong to, whatever its name."""
    name = _strip_label(heading).strip(" :")
    if len(name.split()) > 4 or not _TITLE_WORDS.match(name) or _NOT_A_POST.search(name):
        return False
    items = []
    for b in blocks[heading.index + 1 :]:
        if b.kind == "heading":
            break
        if b.kind == "list_item":
            items.append(_strip_label(b))
    doing = sum(1 for text in items if is_imperative(text) or _THIRD_PERSON.match(text))
    return len(items) >= 2 and doing * 3 >= len(items) * 2


def _closed(ctx: Context) -> bool:
    """Whether a heading above says its section holds no steps ("Description", "Roles")."""
    return any(heading_phase(h.text, "en") == (True, None) for h in ctx.headings)


# actors named together ("The Commander-in-Chief or a designated Deputy Commander")
_JOINED = re.compile(r"^(?:\s*(?:,|and|or|and/or|the|a|an|its|his|her|designated|deputy)\s*)*$")
# a level defined by its conditions ("A Level II response starts when …"): not a step
_STANDS_DOWN = re.compile(
    r"\b(?:demobiliz\w*|deactivates?|deactivating|stands? down|standing down)\b", re.IGNORECASE
)


def _ends(text: str) -> str | None:
    """ "termination" for a step that stands the response down ("deactivates the EOC")."""
    return "termination" if _STANDS_DOWN.search(text) else None


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


# another actor taking over in the same sentence: ", and the Scribe records", " and the IC will"
_AND_ACTOR = re.compile(
    r",?\s+and\s+(?P<actor>(?:the\s+)?(?P<who>(?:[A-Z][\w'’-]*\s){0,4}[A-Z][\w'’-]*))\s+"
    r"(?=(?:will|shall|must|should|then)\b|(?!is\b|was\b|has\b)[a-z]+(?<!ss)s\b)"
)
# the team that carries out a response (incident-response plans after NIST SP 800-61, emergency
# and crisis plans)
_THE_RESPONSE_TEAM = re.compile(
    r"\b(?:the|our|your)\s+(?P<name>(?:incident\s+)?response\s+team)\b", re.IGNORECASE
)
_RESPONSE_LEAD = re.compile(
    r"\b(?:(?:computer |cyber |cyber ?security |security )?incident response|emergency response|"
    r"crisis(?: management)?|crisis response) team\b|\b(?:CSIRT|CIRT|CERT|SIRT)\b",
    re.IGNORECASE,
)
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
    if not is_role_phrase(h.text) and not re.search(r"\bposition\b", h.text, re.IGNORECASE):
        return False
    seen = 0
    for b in blocks[h.index + 1 :]:
        if b.kind == "heading" and b.level <= h.level:
            break
        if b.kind == "heading" and b.level == h.level + 1:
            decided, _ = heading_phase(b.text, "en")
            seen += decided
    return seen >= 2
