"""A step as the language packs find it, before ids: its block, quotation, owners, and what
decides its order. The pipeline turns drafts into the plan's steps."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Draft:
    """A step before ids: its block, quotation, owners, and what decides its order."""

    block: int
    source: str
    text: str
    roles: list[str]
    phase: str
    levels: tuple[str, ...] = ()
    time: float | None = None
    time_text: str = ""
    support: list[str] = field(default_factory=list)
    section: int | None = None
    list_key: tuple | None = None  # (lead block, depth) of the list the step is an item of
    item: int | None = None  # the list item's block
    parent_item: int | None = None
    sequence: bool = False
    sentence_prev: int | None = None  # index of the draft before it in the same sentence
    trigger: str = ""
    part: str | None = None
    lead_text: str = ""  # the lead-in sentence of the list the step is an item of
    title_item: bool = False  # its list item opens with a short title ("现场施救。")
    limit: object = None  # the TimeLimit its text states (deadline parts, anchor, frequency)
