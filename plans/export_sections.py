"""Where the plan export puts a plan's kept sections (its own headings and narrative text): under
the GB/T 29639 chapter their heading words point to (general provisions, organisation and
responsibilities, response levels, procedures, support, supplementary provisions); a section
without telling words stays with its parent (or the section before it), so the document's own
order survives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plans.docx_style import clean
from plans.model import Plan, Section
from plans.numbering import split_label

CHAPTERS = ("general", "organisation", "levels", "procedures", "support", "supplementary")

# Words of a heading that place its section, checked in this order (the first chapter whose
# words appear wins: "响应分级" is about levels before it is about the response).
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "supplementary",
        (
            "附则",
            "附件",
            "附录",
            "附表",
            "附图",
            "预案管理",
            "术语",
            "名词解释",
            "annex",
            "appendix",
            "appendices",
            "supplementary",
            "attachment",
            "glossary",
            "definitions",
            "plan management",
        ),
    ),
    (
        "levels",
        (
            "分级",
            "级别",
            "事件分类",
            "事故分类",
            "response level",
            "levels",
            "classification",
            "grading",
        ),
    ),
    (
        "organisation",
        (
            "组织",
            "机构",
            "职责",
            "指挥部",
            "工作组",
            "指挥体系",
            "organisation",
            "organization",
            "responsibilit",
            "roles",
            "command structure",
            "duties",
            "bodies",
        ),
    ),
    (
        "support",
        (
            "保障",
            "物资",
            "装备",
            "通信",
            "经费",
            "support",
            "resources",
            "logistics",
            "equipment",
            "funding",
        ),
    ),
    (
        "procedures",
        (
            "响应",
            "处置",
            "报告",
            "预警",
            "监测",
            "程序",
            "终止",
            "后期",
            "恢复",
            "救援",
            "疏散",
            "response",
            "procedure",
            "report",
            "warning",
            "monitoring",
            "measures",
            "termination",
            "end of",
            "aftermath",
            "recovery",
            "evacuation",
            "notification",
            "action",
        ),
    ),
    (
        "general",
        (
            "总则",
            "目的",
            "依据",
            "适用",
            "原则",
            "概况",
            "风险",
            "说明",
            "general",
            "purpose",
            "basis",
            "scope",
            "principle",
            "overview",
            "risk",
            "introduction",
        ),
    ),
)

# Headings that are the chapter itself: their text opens the chapter, their children follow it.
_SAME_AS_CHAPTER = {
    "general": ("总则", "general provisions", "general"),
    "organisation": (
        "组织机构及职责",
        "应急组织机构及职责",
        "组织机构与职责",
        "应急组织机构",
        "组织体系",
        "organisation and responsibilities",
        "organization and responsibilities",
        "organisation",
        "organization",
    ),
    "levels": ("响应分级", "应急响应分级", "分级响应", "事件分级", "response levels", "levels"),
    "procedures": (
        "处置程序",
        "应急响应",
        "响应程序",
        "应急处置",
        "response procedures",
        "response",
        "procedures",
    ),
    "support": ("保障措施", "应急保障", "support", "support measures"),
    "supplementary": ("附则", "supplementary provisions", "annexes"),
}


@dataclass(frozen=True)
class Placed:
    """A kept section placed in the export: its chapter and its output heading level (1: the
    section is the chapter itself and shows no heading of its own; 2-4: sub-headings)."""

    section: Section
    chapter: str
    level: int


def plain_heading(heading: str) -> str:
    """A heading without its numbering ("第一章 总则" -> "总则", "1.1 Purpose" -> "Purpose")."""
    text = clean(heading).strip()
    for _ in range(2):
        numbered = split_label(text)
        if numbered is None:
            break
        text = numbered.body
    return text.strip()


def _key(heading: str) -> str:
    return re.sub(r"\s+", " ", plain_heading(heading)).strip().lower().replace("　", "")


def chapter_of(heading: str) -> str | None:
    """The chapter a heading's words point to, or None when they point nowhere."""
    key = _key(heading)
    if not key:
        return None
    for chapter, words in _WORDS:
        if any(word in key for word in words):
            return chapter
    return None


def arrange_sections(plan: Plan) -> tuple[list[Section], list[Placed], dict[str, list[Placed]]]:
    """(preamble, placed sections of the main part, placed sections of every other part).

    The preamble is text before the first heading and the section headed with the plan's title.
    A top-level section goes to the chapter its words name (else the chapter of the top-level
    section before it, else general provisions); a deeper one stays with its parent, except a
    response-levels section, which moves to that chapter (GB/T 29639 keeps 响应分级 inside 总则).
    """
    main = plan.parts[0].id if plan.parts else None
    title_key = _key(plan.title)
    preamble: list[Section] = []
    body: list[Section] = []
    others: dict[str, list[Section]] = {}
    for section in plan.sections:
        if not section.heading.strip() and not section.text.strip():
            continue
        if section.part not in (None, main):
            others.setdefault(section.part, []).append(section)
        elif (
            section.level <= 0 or not section.heading.strip() or _key(section.heading) == title_key
        ):
            preamble.append(section)
        else:
            body.append(section)
    return preamble, _place(body, None), {p: _place(s, "supplementary") for p, s in others.items()}


def _place(sections: list[Section], fixed: str | None) -> list[Placed]:
    placed: list[Placed] = []
    if not sections:
        return placed
    top = min(s.level for s in sections)
    stack: list[tuple[int, str, int]] = []  # (source level, chapter, output level)
    previous_top = "general"
    opened: set[str] = set()
    for section in sections:
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        own = chapter_of(section.heading)
        if fixed is not None:
            chapter = fixed
            level = 2 if not stack else stack[-1][2] + section.level - stack[-1][0]
        elif not stack or section.level <= top:
            chapter = own or previous_top
            previous_top = chapter
            merged = chapter not in opened and _key(section.heading) in _SAME_AS_CHAPTER[chapter]
            level = 1 if merged else 2
        elif own == "levels" and stack[-1][1] != "levels":
            chapter, level = "levels", 2
        else:
            chapter = stack[-1][1]
            level = stack[-1][2] + section.level - stack[-1][0]
        level = min(max(level, 1), 4)
        opened.add(chapter)
        stack.append((section.level, chapter, level))
        placed.append(Placed(section, chapter, level))
    return placed


__all__ = ["CHAPTERS", "Placed", "arrange_sections", "chapter_of", "plain_heading"]
