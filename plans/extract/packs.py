"""Language packs: what the import pipeline asks of a language. A third language is one more
pack registered here (a package beside plans/extract/zh and plans/extract/en with its own
vocabulary files), not edits across the pipeline."""

from __future__ import annotations

from typing import Protocol

from plans.extract.context import Context
from plans.extract.draft import Draft
from plans.extract.registry import RoleRegistry
from plans.model import Block


class LanguagePack(Protocol):
    language: str

    def heading_phase(self, text: str, within: str | None = None) -> tuple[bool, str | None]:
        """(decided, phase) of a section heading inside a section of phase `within`: see
        plans.extract.vocab.SectionKinds."""

    def section_topic(self, text: str) -> str | None:
        """What a section without steps is about ("organisation", "levels", "support", "annex",
        "general"), or None when its heading does not say."""

    def starts_response(self, text: str) -> bool:
        """Whether the step's own action starts the response or the plan."""

    def extract(
        self, blocks: list[Block], ctxs: list[Context], parts: list[str | None], reg: RoleRegistry
    ) -> tuple[list[Draft], list[list[int]]]:
        """The steps found in the blocks, and for each the indexes of the steps before it."""

    def step_name(self, d: Draft, reg: RoleRegistry) -> str:
        """A short label of the step for charts."""

    def notified(self, d: Draft, reg: RoleRegistry) -> list[str]:
        """Registry ids of the roles the step reports to."""

    def procedure_owner(
        self, heading: Block, body: list[Block], within: str | None = None
    ) -> str | None:
        """The role whose own procedure a section is, when its heading names a post and its
        body is a list of actions ("Switchboard Operator" over "1. Announce …"), else None.
        `within`: the phase the headings above decide (a post's list inside a response
        chapter is its procedure however it is worded)."""

    def instructions(self, body: list[Block]) -> bool:
        """Whether a section's own text is a list of instructions ("1. Join the call.", "2. Follow
        along …"): under a heading that says nothing of its kind ("Don't Panic!"), outside any
        chapter, that makes it a procedure of the response."""

    def contents_list(self, body: list[Block]) -> bool:
        """Whether a section's own text (before its first subsection) only leads in to a list
        of what a report or a piece of information holds ("预警信息包括：", "The report must
        contain:"): its subsections are that list, not measures."""


def pack_for(language: str) -> LanguagePack:
    """The pack of `language` ("zh", "en"); Chinese for anything else. Only the pack asked for is
    loaded (compiling a pack's vocabularies is a good part of a command line's start)."""
    if language == "en":
        from plans.extract.en.pack import PACK as ENGLISH

        return ENGLISH
    from plans.extract.zh.pack import PACK as CHINESE

    return CHINESE
