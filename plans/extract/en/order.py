"""The `after` relation between English steps: triggers ("When…", "Once…", "As soon as…"),
staffing before a position's first action, set-up before readiness, and stated preconditions.
Bullets that are merely listed together stay parallel."""

from __future__ import annotations

import re
from collections.abc import Callable

from plans.extract.draft import Draft

_FILL = re.compile(
    r"^(?:fill|staff|activate|assign)\b[^:]{0,40}\bpositions?\b[^:]*:(?P<list>.+)$|"
    r"^(?:fill|staff|activate) (?:the |a )?(?P<one>[A-Z][\w-]*(?: [A-Z][\w-]*)?) "
    r"(?:role|position)\b",
    re.IGNORECASE,
)
_ONCE_SET_UP = re.compile(r"^(?:once|after|when)\b[^,]{0,40}\bset[- ]?up\b", re.IGNORECASE)
_SETS_UP = re.compile(r"^(?:organi[sz]e and )?set[- ]?up\b|^(?:open|establish)\b", re.IGNORECASE)
_READY = re.compile(
    r"\boperational\b|\bready for\b|\bannounce\b[^.]{0,20}\bstatus\b", re.IGNORECASE
)
_ARRIVALS = re.compile(r"^(?:when|as)\b[^,]{0,60}\b(?:arrives?|come in|comes in)\b", re.IGNORECASE)
_ANAPHORA = re.compile(
    r"^(?:as soon as|once|when|after) (?:this|that|these|it)\b|"
    r"^(?:\w+\s){0,5}(?:these|those|both)\b",
    re.IGNORECASE,
)
_THEN = re.compile(r"^(?:then|next|afterwards|after that|thereafter)\b", re.IGNORECASE)
_PIECE_TRIGGER = re.compile(r"^(?:when|once|after|upon)\b", re.IGNORECASE)
_CANNOT = re.compile(
    r"^if (?:the )?(?P<what>[a-z][\w'’-]+) (?:cannot|can not|can't|could not|fails?|are not|is not|"
    r"are blocking|is blocking|are blocked|is blocked|is unavailable|are unavailable)",
    re.IGNORECASE,
)
_CREATE = re.compile(
    r"^(?:[Cc]reate|[Ee]stablish|[Ff]orm) (?:your |the )?(?P<team>[A-Z][\w-]*) Team\b"
)
_TEAM_ACTS = re.compile(r"^(?P<team>[A-Z][\w-]*) Team\b")
# (earlier action, later action): preconditions that hold in any response
_PRECONDITIONS = (
    (
        re.compile(r"\btriage\b", re.IGNORECASE),
        re.compile(r"^(?!create|establish|form)\w*.*\btreat", re.IGNORECASE),
    ),
    (
        re.compile(r"\b(?:treat|assess)", re.IGNORECASE),
        re.compile(r"\bre-?evaluat|\breassess", re.IGNORECASE),
    ),
    (re.compile(r"^review\b", re.IGNORECASE), re.compile(r"^prioriti[sz]e\b", re.IGNORECASE)),
    (re.compile(r"^prioriti[sz]e\b", re.IGNORECASE), re.compile(r"^assign\b", re.IGNORECASE)),
    (re.compile(r"^(?:collect|gather)\b", re.IGNORECASE), re.compile(r"^prepare\b", re.IGNORECASE)),
    (
        re.compile(r"^(?:prepare|develop|create|draft)\b", re.IGNORECASE),
        re.compile(r"^update\b", re.IGNORECASE),
    ),
)


# narrative procedures ("(3) On receiving a report, the Office shall …"): what triggers a step
_LABEL = re.compile(r"^\(?(?:\d{1,2}|[a-z])[.)]\s*")
_ON_REPORT = re.compile(
    r"^(?:on|upon|after) (?:receiving|receipt of|being (?:notified|told)|notification)\b|"
    r"^when (?:[\w-]+ ){1,5}(?:receives?|is notified|is told)\b",
    re.IGNORECASE,
)
_TELLS = re.compile(
    r"\b(?:reports?|reported|reporting|notif(?:y|ies|ied)|informs?|tells?|submits?|sends?|calls?)\b"
    r"[^.;]{0,50}?\bto (?:the )?(?P<who>(?:[A-Z][\w-]*(?: (?:of|and|the) )?\s?){1,6})"
)
# a role told directly ("page the Breach Response Lead", "inform the Data Protection Officer")
_PAGES = re.compile(
    r"\b(?:pages?|paged|notif(?:y|ies|ied)|informs?|informed|alerts?|alerted|calls?|contacts?|"
    r"escalates? to|hands? over to)\s+(?:the\s+)?(?P<who>[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|and)){0,5})"
)
_STARTED = re.compile(
    r"^(?:once|after|when|as soon as) (?:the |a |this )?(?:[\w-]+ ){0,4}response (?:has |is |was )?"
    r"(?:been )?(?:started|activated|launched|initiated|declared)\b|^(?:on|upon|after) "
    r"(?:activation|the activation|the start)\b",
    re.IGNORECASE,
)
_STARTS = re.compile(
    r"\bdecides? to (?:start|activate|launch|declare)\b[^.;]{0,40}\bresponse\b|"
    r"\b(?:starts|activates|declares) (?:a |the )?level\b",
    re.IGNORECASE,
)
_ARRIVAL = re.compile(
    r"^(?:on|upon) (?:its |their )?arrival\b|^(?:when|once|after) (?:the |they |it )?[^,]{0,30}\barriv",
    re.IGNORECASE,
)
_SENDS = re.compile(
    r"\b(?:sends?|dispatch(?:es)?|deploys?|mobili[sz]es?|calls? out)\b", re.IGNORECASE
)
_DECLARES_END = re.compile(
    r"\bdeclares?\b[^.;]{0,40}\b(?:ended|over|closed|terminated|at an end)\b", re.IGNORECASE
)
_AFTER_END = re.compile(
    r"\b(?:of|after) the (?:end|close) of (?:the )?response\b|^(?:once|after|when) the response "
    r"(?:has )?(?:ended|been ended|closed)",
    re.IGNORECASE,
)
_OPENS = re.compile(
    r"\b(?:discover|detect|find|notice|witness)(?:s|es)?\b[^.]*\breport[^.]*\b(?:immediately|at once)\b",
    re.IGNORECASE,
)
_MEASURES = ("disposal", "activation", "command", "escalation", "initial")


def narrative_receivers(drafts: list[Draft], find: Callable[[str], str | None]) -> list[set[str]]:
    """The roles each step reports to ("report to the Headquarters Office by telephone")."""
    return _named_in(drafts, find, _TELLS)


def _named_in(
    drafts: list[Draft], find: Callable[[str], str | None], pattern: re.Pattern
) -> list[set[str]]:
    """For each step, the roles other than its owners that `pattern`'s "who" names in it (the
    longest known name at the start of the words matched)."""
    out: list[set[str]] = []
    for d in drafts:
        got: set[str] = set()
        for m in pattern.finditer(d.text):
            words = m.group("who").split()
            for n in range(len(words), 0, -1):
                rid = find(" ".join(words[:n]))
                if rid:
                    if rid not in d.roles:
                        got.add(rid)
                    break
        out.append(got)
    return out


def _narrative(drafts, i, receivers, starts, ends, names) -> set[int]:
    """Triggers a narrative step names at its start, as the Chinese plans' 接报后/启动后/到达后."""
    d = drafts[i]
    text = _LABEL.sub("", d.text.strip())
    if _ON_REPORT.match(text):
        told = [
            j
            for j in range(max(0, i - 60), i)
            if drafts[j].part == d.part and set(d.roles) & receivers[j]
        ]
        if told:
            return set(told[-6:])
    if _STARTED.match(text):
        found = _level_starts(drafts, i, starts)
        if found:
            return found
    if _ARRIVAL.match(text) and d.roles:
        own = [n for n in names.get(d.roles[0], []) if len(n) > 3]
        for j in range(i - 1, max(-1, i - 15), -1):
            x = drafts[j]
            if x.section == d.section and _SENDS.search(x.text) and any(n in x.text for n in own):
                return {j}
    if (
        ends
        and (_AFTER_END.search(text) or d.phase == "recovery")
        and not _DECLARES_END.search(text)
    ):
        mine = [j for j in ends if j < i and drafts[j].part == d.part]
        if mine:
            return {mine[-1]}
    if d.list_key is not None and d.item is not None:
        mates = [j for j in range(max(0, i - 30), i) if drafts[j].list_key == d.list_key]
        if mates and drafts[mates[0]].item != d.item and _OPENS.search(drafts[mates[0]].text):
            # the first item raises the alarm: the procedure follows it
            return {mates[0]}
    if d.levels and d.phase in _MEASURES and i not in starts:
        return _level_starts(drafts, i, starts)
    return set()


def _level_starts(drafts: list[Draft], i: int, starts: list[int]) -> set[int]:
    d = drafts[i]
    mine = [j for j in starts if j < i and drafts[j].part == d.part]
    out = [j for j in mine if set(drafts[j].levels) & set(d.levels)]
    return set(out[-1:] or [j for j in mine if not drafts[j].levels][-1:])


def order_en(
    drafts: list[Draft],
    find: Callable[[str], str | None],
    names: dict[str, list[str]] | None = None,
    flow_sections: set[int] | None = None,
    local_sections: set[int] | None = None,
) -> list[list[int]]:
    """For each draft, the indexes of earlier drafts that must come before it.

    `names`: each role's name and aliases (for narrative plans: "On arrival, the X …");
    `flow_sections`: sections that are stages of one procedure (phase sections, not a post's
    own list), whose paragraphs and numbered items follow one another."""
    after: list[set[int]] = [set() for _ in drafts]
    narrative = names is not None and any(d.list_key is None or d.trigger == "" for d in drafts)
    receivers = narrative_receivers(drafts, find) if narrative else []
    starts: list[int] = []
    ends: list[int] = []
    for i, d in enumerate(drafts):
        text = d.text.strip()
        if narrative and d.parent_item is None and not d.trigger and d.sentence_prev is None:
            after[i] |= _narrative(drafts, i, receivers, starts, ends, names)
            if _STARTS.search(text) and not after[i] & set(starts):
                starts.append(i)
            if _DECLARES_END.search(text):
                ends.append(i)
        if d.trigger == "approved" and d.sentence_prev is not None:
            after[i].add(d.sentence_prev)  # the action waits for the approval named before it
        after[i] |= _parent(drafts, i)
        after[i] |= _trigger(drafts, i, text)
        after[i] |= _preconditions(drafts, i, text)
        after[i] |= _made_earlier(drafts, i, text)
        m = _FILL.match(text)
        if m:
            for name in re.split(r",|\band\b", m.group("list") or m.group("one")):
                rid = find(name.strip(" .;"))
                if rid is None:
                    continue
                first = next(
                    (j for j in range(i + 1, len(drafts)) if drafts[j].roles[:1] == [rid]), None
                )
                if first is not None:
                    after[first].add(i)
        m = _CREATE.match(text)
        if m:
            for j in range(i + 1, min(len(drafts), i + 15)):
                acts = _TEAM_ACTS.match(drafts[j].text)
                if acts and acts.group("team").lower() == m.group("team").lower():
                    after[j].add(i)
    _first_when_told(drafts, find, after)
    _sequence(drafts, after)
    _named_events(drafts, after)
    _flow(drafts, after, flow_sections or set())
    _flow(drafts, after, local_sections or set(), across=False)
    return [sorted(p for p in a if p < i) for i, a in enumerate(after)]


def _first_when_told(
    drafts: list[Draft], find: Callable[[str], str | None], after: list[set[int]]
) -> None:
    """A role's first step, when nothing else orders it, follows the latest step before it that
    pages, notifies or informs that role ("… page the Breach Response Lead" before "Steps for
    the Breach Response Lead: 1. Convene …")."""
    told = _named_in(drafts, find, _PAGES)
    seen: set[str] = set()
    for i, d in enumerate(drafts):
        owner = d.roles[0] if d.roles else None
        if owner is None or owner in seen:
            continue
        seen.add(owner)
        if after[i]:
            continue
        j = next((j for j in range(i - 1, -1, -1) if owner in told[j]), None)
        if j is not None:
            after[i].add(j)


def _sequence(drafts: list[Draft], after: list[set[int]]) -> None:
    """A numbered item follows the item numbered before it in the same list."""
    last_item: dict[tuple, tuple[int, int]] = {}  # list → (item block, its last draft)
    for i, d in enumerate(drafts):
        if d.item is None or d.list_key is None:
            continue
        prev = last_item.get(d.list_key)
        if d.sequence and prev is not None and prev[0] != d.item and d.sentence_prev is None:
            after[i].add(prev[1])
        last_item[d.list_key] = (d.item, i)


def _flow(
    drafts: list[Draft], after: list[set[int]], sections: set[int], *, across: bool = True
) -> None:
    """Stages of one procedure: a paragraph's step follows the step before it, a listed measure
    follows what came before its list (listed measures stay parallel), and the first step of a
    stage follows the last one of the stage before. With `across` False each section is a
    procedure of its own (a dependency's outage): nothing outside it comes before its first step."""
    tail: int | None = None  # the latest step of the procedure so far
    tail_section = None
    scope = None
    for i, d in enumerate(drafts):
        if d.section not in sections:
            continue
        key = d.part if across else d.section
        if key != scope:
            tail, scope = None, key
        bullet = d.item is not None and not d.sequence
        if not after[i] and d.sentence_prev is None and tail is not None:
            after[i].add(tail)
        if not bullet:
            tail = i
        elif d.section != tail_section and tail is not None and not after[i]:
            after[i].add(tail)
        tail_section = d.section if not bullet else tail_section


_EVENT = re.compile(
    r"\b(?:once|after|as soon as|when|upon)\s+(?P<event>[^,.;:]{6,80})"
    r"|\bwithin\s+[^,.;:]{1,30}?\bof\s+(?P<event2>[^,.;:]{4,80})",
    re.IGNORECASE,
)
_STOP = {
    "the",
    "a",
    "an",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "this",
    "that",
    "these",
    "those",
    "of",
    "to",
    "in",
    "on",
    "for",
    "by",
    "with",
    "their",
    "its",
    "it",
    "they",
    "first",
    "all",
    "any",
    "text",
    "plan",
    "incident",
}


def _stem(word: str) -> str:
    word = word.lower()
    for end in ("ing", "ed", "es", "s", "e"):
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


def _named_events(drafts: list[Draft], after: list[set[int]]) -> None:
    """A step that waits for an event another step does ("as soon as the breach is confirmed",
    "within 4 hours of the first report") follows the step whose own action that is: its
    opening verb and an object word of the event both name it."""
    for i, d in enumerate(drafts):
        if after[i]:
            continue
        m = _EVENT.search(d.text)
        if not m:
            continue
        words = [_stem(w) for w in re.findall(r"[A-Za-z]+", m.group("event") or m.group("event2"))]
        words = [w for w in words if w not in _STOP and len(w) > 2]
        if not words:
            continue
        for j in range(i - 1, -1, -1):
            x = drafts[j]
            if x.part != d.part or x is d:
                continue
            own = [_stem(w) for w in re.findall(r"[A-Za-z]+", x.text)[:8]]
            verb = own[0] if own else ""
            if verb in words and len(set(words) & set(own)) >= (2 if len(words) > 1 else 1):
                after[i].add(j)
                break


def _parent(drafts: list[Draft], i: int) -> set[int]:
    """A sub-bullet that says so ("Then…") follows its parent; others are parallel details."""
    d = drafts[i]
    if d.parent_item is None or not _THEN.match(d.text):
        return set()
    parent = [j for j in range(i) if drafts[j].item == d.parent_item]
    return {parent[0]} if parent else set()


def _same_owner(drafts: list[Draft], i: int, window: int = 30) -> list[int]:
    d = drafts[i]
    return [j for j in range(max(0, i - window), i) if drafts[j].roles[:1] == d.roles[:1]]


def _trigger(drafts: list[Draft], i: int, text: str) -> set[int]:
    d = drafts[i]
    if _ONCE_SET_UP.match(text) or _READY.search(text) or _ARRIVALS.match(text):
        setups = [j for j in _same_owner(drafts, i) if _SETS_UP.match(drafts[j].text)]
        if setups:
            return set(setups[-2:]) if _ONCE_SET_UP.match(text) else {setups[-1]}
    if _ANAPHORA.match(text) or (d.sentence_prev is not None and _PIECE_TRIGGER.match(text)):
        if d.sentence_prev is not None:
            return {d.sentence_prev}
        prev = [j for j in range(max(0, i - 3), i) if drafts[j].section == d.section]
        return set(prev[-1:])
    m = _CANNOT.match(text)
    if m:
        word = m.group("what").lower()
        for j in range(i - 1, max(-1, i - 10), -1):
            if drafts[j].section == d.section and word in drafts[j].text.lower():
                return {j}
    return set()


def _made_earlier(drafts: list[Draft], i: int, text: str) -> set[int]:
    """ "…in the designated parking spaces" follows "Designate parking spaces…"."""
    out: set[int] = set()
    for m in re.finditer(
        r"\b(?P<verb>[a-z]{4,})ed (?P<obj>(?!(?:a|an|the|your|all|any)\b)[a-z]{3,} [a-z]{3,})",
        text,
        re.IGNORECASE,
    ):
        stem = m.group("verb").lower()
        for j in range(i - 1, max(-1, i - 10), -1):
            other = drafts[j].text.lower()
            if other.startswith((stem + " ", stem + "e ")) and m.group("obj").lower() in other:
                out.add(j)
                break
    return out


def _preconditions(drafts: list[Draft], i: int, text: str) -> set[int]:
    out: set[int] = set()
    d = drafts[i]
    for before, later in _PRECONDITIONS:
        if not later.search(text) or before.search(text):
            continue
        for j in range(i - 1, max(-1, i - 15), -1):
            near = drafts[j].roles[:1] == d.roles[:1] or drafts[j].section == d.section
            if near and before.search(drafts[j].text):
                out.add(j)
                break
    return out
