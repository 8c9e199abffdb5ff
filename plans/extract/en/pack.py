"""The English language pack: chapter words of emergency operations, incident-response and
contingency plans, posts named as subjects or section owners, imperative procedures."""

from __future__ import annotations

import re

from plans.extract.context import Context, starts_unconditionally
from plans.extract.draft import Draft
from plans.extract.en import naming
from plans.extract.en.order import order_en
from plans.extract.en.steps import (
    EnglishExtractor,
    instruction,
    procedure_owner,
)
from plans.extract.registry import RoleRegistry
from plans.extract.vocab import section_kinds, topic_of, topics
from plans.model import Block

_STARTS = re.compile(
    r"\b(?:activat(?:es?|ing)|initiat(?:es?|ing)|invok(?:es?|ing)|launch(?:es|ing)?|"
    r"start(?:s|ing)?|declares?\s+the\s+start\s+of)\s+(?:the|this|its|an?)?\s*"
    r"(?:[\w-]+\s+){0,3}?(?:plan|response|EOP|EOC|emergency operations cent(?:er|re))\b"
    r"(?!\s+(?:actions?|measures|teams?|operations|tasks|activities|efforts|resources|personnel))",
    re.IGNORECASE,
)
# a lead-in to what a report or a piece of information holds ("The initial report must
# include the following information:")
_CONTENTS_LEAD = re.compile(
    r"\b(?:information|details|contents?|data|elements)\b[^.:]{0,40}\b(?:includes?|contains?|"
    r"consists? of|(?:is|are) as follows)\b[^.:]{0,30}:$|\b(?:report|notice|message|notification)s?"
    r"\b[^.:]{0,40}\b(?:includes?|contains?|covers?)\b[^.:]{0,30}:$",
    re.IGNORECASE,
)
# what makes the start a condition of the clause it stands in
_START_IF = re.compile(
    r"\b(?:after|upon|on|once|when|whenever|if|unless|until|before|following|whether|not)\b",
    re.IGNORECASE,
)


class EnglishPack:
    language = "en"

    def __init__(self) -> None:
        self.kinds = section_kinds("en", ignore_case=True)

    def heading_phase(self, text: str, within: str | None = None) -> tuple[bool, str | None]:
        return self.kinds.classify(text, within)

    def section_topic(self, text: str) -> str | None:
        return topic_of(topics("en", ignore_case=True), text)

    def starts_response(self, text: str) -> bool:
        return starts_unconditionally(text, _STARTS, _START_IF)

    def extract(
        self, blocks: list[Block], ctxs: list[Context], parts: list[str | None], reg: RoleRegistry
    ) -> tuple[list[Draft], list[list[int]]]:
        english = EnglishExtractor(reg)
        drafts = english.run(blocks, ctxs, parts)
        names = {rid: [e.name, *e.aliases] for rid, e in reg.entries.items()}
        return drafts, order_en(
            drafts, english.en.find, names, english.flow_sections, english.local_flow
        )

    def step_name(self, d: Draft, reg: RoleRegistry) -> str:
        return naming.step_name(d, reg)

    def notified(self, d: Draft, reg: RoleRegistry) -> list[str]:
        return []

    def procedure_owner(
        self, heading: Block, body: list[Block], within: str | None = None
    ) -> str | None:
        return procedure_owner(heading, body, within)

    def instructions(self, body: list[Block]) -> bool:
        items = [b.text.strip() for b in body if b.kind == "list_item" and b.level == 1]
        # "If you suspect a provider is compromised, delete …": the instruction after its case
        orders = sum(instruction(_LABEL.sub("", text)) for text in items)
        return orders >= 2 and orders * 3 >= len(items) * 2

    def contents_list(self, body: list[Block]) -> bool:
        text = [b.text.strip() for b in body if b.text.strip()]
        return len(text) == 1 and _CONTENTS_LEAD.search(text[0]) is not None


_LABEL = re.compile(r"^\(?(?:\d{1,2}|[a-z])[.)]\s+")


PACK = EnglishPack()
