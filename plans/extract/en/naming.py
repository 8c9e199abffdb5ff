"""English step labels: the action of the step's first sentence."""

from __future__ import annotations

import re

from plans.extract.draft import Draft
from plans.extract.en.steps import PASSIVE_BY as _PASSIVE_BY
from plans.extract.en.steps import YOU_SHOULD
from plans.extract.registry import RoleRegistry

# where a label ends: a stop, not the one inside "i.e.", "e.g." or "etc."; an aside in
# brackets is left out of the label
_EN_NAME_END = re.compile(r"(?<!\bi\.e)(?<!\be\.g)(?<!\bi)(?<!\be)(?<!\betc)[.;:](?![a-z])")
_EN_ASIDE = re.compile(r"\s*\([^()]{0,120}\)")
_EN_CONDITION = re.compile(
    r"^(?:once|when|whenever|after|before|within|until|while|following|if|upon|on|as soon as|for|"
    r"during|in case of|in the event of)\b"
    r"[^,]{1,80},\s*",
    re.IGNORECASE,
)
# a word that only says where in the sequence the step comes ("Then, Cloud Operations will …")
_EN_SEQUENCE_WORD = re.compile(
    r"^(?:then|next|finally|first|second|third|afterwards|subsequently|lastly),?\s+", re.IGNORECASE
)
_EN_MODAL = re.compile(r"^(?:shall|will|must|should|to)\s+(?:then\s+)?", re.IGNORECASE)


def step_name(d: Draft, reg: RoleRegistry, limit: int = 8) -> str:
    """A short label: the first words of the action, without condition, owner and modal."""
    text = _NUMBERING.sub("", d.text)
    words = _en_action(text, d, reg).split()
    if len(words) <= limit:
        return " ".join(words)
    # cut at a word boundary, and not after a word that only leads to what was cut off
    # ("… out of the building by the")
    cut = words[:limit]
    while len(cut) > 3 and (
        cut[-1].lower().strip(",") in _DANGLING or _NUMBER_WORD.fullmatch(cut[-1].strip(","))
    ):
        cut.pop()  # nor after a number whose unit was cut off ("… within two")
    return " ".join(cut).rstrip(",")


_NUMBER_WORD = re.compile(
    r"\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|sixty|seventy|hundred",
    re.IGNORECASE,
)
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "by",
        "for",
        "from",
        "with",
        "within",
        "into",
        "onto",
        "on",
        "in",
        "at",
        "as",
        "and",
        "or",
        "but",
        "if",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "their",
        "its",
        "his",
        "her",
        "our",
        "your",
        "this",
        "these",
        "those",
        "any",
        "all",
        "each",
        "every",
        "through",
        "via",
        "per",
        "about",
        "across",
        "over",
        "under",
        "between",
        "among",
        "during",
        "after",
        "before",
        "until",
        "upon",
        # a subordinate clause cut off after its first word ("… before they")
        "when",
        "while",
        "once",
        "where",
        "how",
        "so",
        "they",
        "we",
        "he",
        "she",
        "is",
        "are",
        "be",
    ]
)


_NUMBERING = re.compile(r"^\(?[\dA-Za-z]{1,3}[).]\s*")


def _en_action(text: str, d: Draft, reg: RoleRegistry) -> str:
    """The first sentence of an English step from its action on: without a leading condition
    ("Once the leak is stopped, "), the owner that opens the main clause and a modal verb."""
    first = _EN_SEQUENCE_WORD.sub("", _EN_NAME_END.split(_EN_ASIDE.sub("", text))[0])
    condition = _EN_CONDITION.match(first)
    rest = first[condition.end() :] if condition else first
    rest = YOU_SHOULD.sub("", rest)  # "you should document progress …": the order itself
    passive = _PASSIVE_BY.match(rest)
    if passive:
        # "Residents … are notified by the Sheriff's Office" → "Residents … notified": what is
        # done to what, as a checklist says it ("EOC activated")
        obj = re.sub(r"^(?:the|all|any)\s+", "", passive.group("obj"), flags=re.IGNORECASE)
        return f"{obj[:1].upper()}{obj[1:]} {passive.group('verb')}"
    names = [n for rid in d.roles if rid in reg.entries for n in _names_of(reg, rid)]
    for name in sorted(names, key=len, reverse=True):
        m = re.match(
            rf"(?:(?:the|a|an|each|every|any|all|our|your)\s+)?{re.escape(name)}\s+(?=[a-z])",
            rest,
            re.IGNORECASE,
        )
        if m:
            # (and the other subject of "the X or one of the Y should …")
            after = _OTHER_SUBJECT.sub("", rest[m.end() :], count=1)
            return _EN_MODAL.sub("", after, count=1).strip() or first
    # a condition before a clause of its own ("When the IC arrives, Staff …") stays
    return first if condition and rest[:1].isupper() else rest.strip() or first


_OTHER_SUBJECT = re.compile(
    r"^(?:or|and)\s+(?:one of\s+)?(?:the |a |an )?(?:[\w.-]+\s){1,4}?(?=(?:will|shall|must|should|can|may)\b)",
    re.IGNORECASE,
)


def _names_of(reg: RoleRegistry, rid: str) -> list[str]:
    entry = reg.entries[rid]
    return [n for n in (entry.name, *entry.aliases) if n]
