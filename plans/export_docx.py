"""The whole plan as a Word document in the structure of GB/T 29639 (general provisions,
organisation and responsibilities, response levels, procedures, support, supplementary
provisions, annexes), laid out as a GB/T 9704 official document in Chinese or plainly in English.

The plan's kept `sections` (its own headings and narrative text) are placed under the chapter
their heading words point to; a section without telling words stays with its parent (or the
section before it), so the document's own order survives. After the kept text of each chapter
come the plan's structured items: the organisation table, the levels table, the steps per phase
(numbered in execution order), the flow chart. The annexes hold one role card (应急处置卡) per
role, each on its own page, the revision record (finding -> change) and the sections of any
further part of the document (special plans, on-site procedures).

`build_plan_document` is pure: the only I/O is `to_docx_bytes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from docx.document import Document

from i18n import t
from plans import graph as plan_graph
from plans.docx_style import (
    ZH_FONTS,
    FontSet,
    Outline,
    clean,
    figure,
    labelled,
    minutes_text,
    new_official_document,
    page_break,
    paragraph,
    table,
    title,
    to_docx_bytes,
)
from plans.model import PHASES, Plan, Role, Section, Step
from plans.numbering import split_label

CHAPTERS = ("general", "organisation", "levels", "procedures", "support", "supplementary")

# Words of a heading that place its section, checked in this order (the first chapter whose
# words appear wins: "响应分级" is about levels before it is about the response).
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("supplementary", ("附则", "附件", "附录", "附表", "附图", "预案管理", "术语", "名词解释",
                       "annex", "appendix", "appendices", "supplementary", "attachment",
                       "glossary", "definitions", "plan management")),
    ("levels", ("分级", "级别", "事件分类", "事故分类", "response level", "levels",
                "classification", "grading")),
    ("organisation", ("组织", "机构", "职责", "指挥部", "工作组", "指挥体系", "organisation",
                      "organization", "responsibilit", "roles", "command structure", "duties",
                      "bodies")),
    ("support", ("保障", "物资", "装备", "通信", "经费", "support", "resources", "logistics",
                 "equipment", "funding")),
    ("procedures", ("响应", "处置", "报告", "预警", "监测", "程序", "终止", "后期", "恢复", "救援",
                    "疏散", "response", "procedure", "report", "warning", "monitoring",
                    "measures", "termination", "end of", "aftermath", "recovery", "evacuation",
                    "notification", "action")),
    ("general", ("总则", "目的", "依据", "适用", "原则", "概况", "风险", "说明", "general",
                 "purpose", "basis", "scope", "principle", "overview", "risk", "introduction")),
)  # fmt: skip

# Headings that are the chapter itself: their text opens the chapter, their children follow it.
_SAME_AS_CHAPTER = {
    "general": ("总则", "general provisions", "general"),
    "organisation": ("组织机构及职责", "应急组织机构及职责", "组织机构与职责", "应急组织机构",
                     "组织体系", "organisation and responsibilities",
                     "organization and responsibilities", "organisation", "organization"),
    "levels": ("响应分级", "应急响应分级", "分级响应", "事件分级", "response levels", "levels"),
    "procedures": ("处置程序", "应急响应", "响应程序", "应急处置", "response procedures",
                   "response", "procedures"),
    "support": ("保障措施", "应急保障", "support", "support measures"),
    "supplementary": ("附则", "supplementary provisions", "annexes"),
}  # fmt: skip


@dataclass(frozen=True)
class Placed:
    """A kept section placed in the export: its chapter and its output heading level (1: the
    section is the chapter itself and shows no heading of its own; 2-4: sub-headings)."""

    section: Section
    chapter: str
    level: int


def _plain(heading: str) -> str:
    """A heading without its numbering ("第一章 总则" -> "总则", "1.1 Purpose" -> "Purpose")."""
    text = clean(heading).strip()
    for _ in range(2):
        numbered = split_label(text)
        if numbered is None:
            break
        text = numbered.body
    return text.strip()


def _key(heading: str) -> str:
    return re.sub(r"\s+", " ", _plain(heading)).strip().lower().replace("　", "")


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


# ---------------------------------------------------------------------------------------------


def build_plan_document(
    plan: Plan,
    *,
    lang: str | None = None,
    flow_chart_png: bytes | None = None,
    chart_dpi: float = 96,
    revision_record: Sequence[Mapping[str, object]] = (),
    version_label: str = "",
    fonts: FontSet = ZH_FONTS,
) -> Document:
    """The whole plan as a Word document (see the module docstring).

    `revision_record` rows: {"finding": ..., "change": ..., "item": role or step concerned,
    "date": ...} (missing keys are left blank); `version_label` is printed under the title;
    `chart_dpi` is the resolution the flow chart was rendered at (plans.draw.render's dpi; dot's
    default is 96), which gives its natural size on the page; `fonts` the Chinese faces
    (plans.docx_style.GB2312_FONTS for government machines).
    """
    lang = lang or (plan.language if plan.language in ("zh", "en") else "zh")
    document = new_official_document(lang, fonts=fonts)
    document.core_properties.title = clean(plan.title)[:255]
    writer = _PlanWriter(document, plan, lang)
    writer.chart_dpi = chart_dpi
    writer.write(flow_chart_png, list(revision_record), version_label)
    return document


class _PlanWriter:
    def __init__(self, document: Document, plan: Plan, lang: str) -> None:
        self.document = document
        self.plan = plan
        self.lang = lang
        self.outline = Outline(document, lang)
        self.roles = {role.id: role for role in plan.roles}
        self.order = _execution_order(plan)
        self.number = {step_id: i for i, step_id in enumerate(self.order, start=1)}
        self.steps = {}
        for step in plan.steps:
            self.steps.setdefault(step.id, step)
        self.figures = 0
        self.chart_dpi: float = 96

    # -- helpers
    def tr(self, key: str, **params) -> str:
        return t(key, lang=self.lang, **params)

    def sep(self) -> str:
        return "、" if self.lang == "zh" else ", "

    def role_name(self, role_id: str) -> str:
        role = self.roles.get(role_id)
        return role.name if role else role_id

    def level_name(self, level_id: str) -> str:
        level = next((lv for lv in self.plan.levels if lv.id == level_id), None)
        return level.name if level else level_id

    # -- the document
    def write(self, chart: bytes | None, revisions: list, version_label: str) -> None:
        plan = self.plan
        title(self.document, plan.title or "—",
              f"（{clean(version_label)}）" if version_label and self.lang == "zh"
              else clean(version_label))  # fmt: skip
        preamble, placed, others = arrange_sections(plan)
        for section in preamble:
            self.kept_text(section.text)
        by_chapter: dict[str, list[Placed]] = {c: [] for c in CHAPTERS}
        for item in placed:
            by_chapter[item.chapter].append(item)
        for chapter in CHAPTERS:
            kept = by_chapter[chapter]
            if chapter == "supplementary" and not kept:
                continue
            self.outline.heading(self.tr(f"doc.plan.{chapter}"), 1)
            wrote = self.kept_sections(kept, skip_roles=chapter == "organisation")
            wrote = self.generated(chapter, bool(kept), chart) or wrote
            if not wrote:
                paragraph(self.document, self.tr("doc.not_specified"))
        annexes = [self.tr("doc.plan.role_cards"), self.tr("doc.plan.revisions")]
        part_titles = {p.id: p.title for p in plan.parts}
        annexes += [part_titles.get(p, p) for p in others]
        self.annex_list(annexes)
        self.role_cards(1)
        self.revision_record(2, revisions)
        for n, (part, items) in enumerate(others.items(), start=3):
            self.annex_start(n, part_titles.get(part, part))
            outline = Outline(self.document, self.lang)
            for item in items:
                if item.section.heading.strip():
                    outline.heading(_plain(item.section.heading), max(item.level - 1, 1))
                self.kept_text(item.section.text)

    def kept_sections(self, items: list[Placed], *, skip_roles: bool = False) -> bool:
        for item in items:
            if item.level > 1:
                self.outline.heading(_plain(item.section.heading), item.level)
            self.kept_text(item.section.text, skip_roles=skip_roles)
        return bool(items)

    def kept_text(self, text: str, *, skip_roles: bool = False) -> None:
        """Narrative lines as body paragraphs; runs of table rows ("a | b") as a table. With
        `skip_roles`, a table listing the plan's roles is left out: the organisation table
        generated from the roles (current after any revision) replaces it."""
        lines = [line.strip() for line in clean(text).split("\n")]
        rows: list[list[str]] = []
        for line in [*lines, ""]:
            if " | " in line:
                rows.append([cell.strip() for cell in line.split(" | ")])
                continue
            if rows:
                if not (skip_roles and self.lists_roles(rows)):
                    self.kept_table(rows)
                rows = []
            if line:
                paragraph(self.document, line)

    def lists_roles(self, rows: list[list[str]]) -> bool:
        """True when most rows of a kept table start with the name of one of the plan's roles."""
        names = [n for r in self.plan.roles for n in (r.name, *r.aliases) if n]
        if not names or len(rows) < 2:
            return False
        hits = sum(1 for row in rows[1:] if any(row[0].startswith(n) for n in names))
        return hits * 2 >= len(rows) - 1

    def kept_table(self, rows: list[list[str]]) -> None:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if len(rows) == 1:
            for cells in rows:
                paragraph(self.document, "；".join(c for c in cells if c))
            return
        table(self.document, rows[0], rows[1:])

    def generated(self, chapter: str, has_kept: bool, chart: bytes | None) -> bool:
        """The plan's structured items for `chapter`; False when there are none."""
        if chapter == "organisation":
            return self.organisation(has_kept)
        if chapter == "levels":
            return self.levels(has_kept)
        if chapter == "procedures":
            return self.procedures(has_kept, chart)
        if chapter == "support":
            steps = [self.steps[s] for s in self.order if self.steps[s].phase == "support"]
            if not steps:
                return False
            if has_kept:
                self.outline.heading(self.tr("doc.plan.support_steps"), 2)
            self.step_table(steps)
            return True
        return False

    def organisation(self, has_kept: bool) -> bool:
        if not self.plan.roles:
            if not has_kept:
                paragraph(self.document, self.tr("doc.plan.no_roles"))
            return not has_kept
        if has_kept:
            self.outline.heading(self.tr("doc.plan.role_table"), 2)
        rows = []
        for n, (role, depth) in enumerate(_role_tree(self.plan.roles), start=1):
            duties = "\n".join(clean(d) for d in role.responsibilities)
            parent = self.role_name(role.parent) if role.parent else ""
            rows.append((n, "　" * depth + clean(role.name), parent, duties))
        table(self.document,
              [self.tr("doc.no"), self.tr("doc.plan.role_name"), self.tr("doc.plan.role_parent"),
               self.tr("doc.plan.role_duties")],
              rows, widths_mm=(12, 38, 28, 78), align_center=(0,))  # fmt: skip
        return True

    def levels(self, has_kept: bool) -> bool:
        if not self.plan.levels:
            if not has_kept:
                paragraph(self.document, self.tr("doc.plan.no_levels"))
            return not has_kept
        if has_kept:
            self.outline.heading(self.tr("doc.plan.level_table"), 2)
        rows = []
        for level in self.plan.levels:
            count = sum(1 for s in self.steps.values() if plan_graph.applies_to(s, level.id))
            rows.append((level.name, level.condition, count))
        table(self.document,
              [self.tr("doc.plan.level_name"), self.tr("doc.plan.level_condition"),
               self.tr("doc.plan.level_steps")],
              rows, widths_mm=(30, 104, 22), align_center=(0, 2))  # fmt: skip
        return True

    def procedures(self, has_kept: bool, chart: bytes | None) -> bool:
        steps = [self.steps[s] for s in self.order if self.steps[s].phase != "support"]
        if not steps and chart is None:
            if not has_kept:
                paragraph(self.document, self.tr("doc.plan.no_steps"))
            return not has_kept
        if steps:
            if has_kept:
                self.outline.heading(self.tr("doc.plan.step_tables"), 2)
            paragraph(self.document, self.tr("doc.plan.step_intro"))
            phases = [p for p in PHASES if p != "support"]
            known = set(phases)
            grouped = {p: [s for s in steps if s.phase == p] for p in phases}
            grouped[""] = [s for s in steps if s.phase not in known]
            level = 3 if has_kept else 2
            for phase, members in grouped.items():
                if not members:
                    continue
                name = t(f"phase.{phase}", lang=self.lang) if phase else self.tr("doc.none")
                self.outline.heading(name, level)
                self.step_table(members)
        if chart is not None:
            self.figure(chart, self.tr("doc.plan.flow_chart"))
        return True

    def figure(self, png: bytes, caption: str) -> None:
        """The flow chart under its own heading, on landscape pages when it is wide."""
        self.figures += 1
        figure(self.document, png, lang=self.lang, dpi=self.chart_dpi,
               caption=self.tr("doc.figure", n=self.figures, title=caption),
               before=lambda _doc: self.outline.heading(caption, 2))  # fmt: skip

    def step_limit(self, step: Step) -> str:
        text = minutes_text(plan_graph.time_limit(step), self.lang)
        if not text:
            return clean(step.time_text)
        if step.time_from == plan_graph.TRIGGER:
            text += self.tr("doc.plan.from_trigger")
        elif step.time_from not in (plan_graph.T0, "", None):
            n = self.number.get(step.time_from)
            if n is not None:
                text += self.tr("doc.plan.from_step", n=n)
        return text

    def owners(self, step: Step) -> str:
        lead = self.sep().join(self.role_name(r) for r in step.roles)
        support = self.sep().join(self.role_name(r) for r in step.support)
        if support:
            return (f"{self.tr('doc.plan.lead')}{lead}\n" if lead else "") + (
                f"{self.tr('doc.plan.support_roles')}{support}"
            )
        return lead

    def step_table(self, steps: list[Step]) -> None:
        rows = []
        for step in steps:
            after = self.sep().join(str(self.number[a]) for a in step.after if a in self.number)
            levels = (self.sep().join(self.level_name(lv) for lv in step.levels)
                      if step.levels else self.tr("doc.plan.all_levels"))  # fmt: skip
            rows.append((self.number.get(step.id, ""), clean(step.text or step.name),
                         self.owners(step), self.step_limit(step), after, levels))  # fmt: skip
        table(self.document,
              [self.tr("doc.plan.step_no"), self.tr("doc.plan.step_action"),
               self.tr("doc.plan.step_owner"), self.tr("doc.plan.step_limit"),
               self.tr("doc.plan.step_after"), self.tr("doc.plan.step_levels")],
              rows, widths_mm=(11, 62, 29, 22, 15, 17), align_center=(0, 4))  # fmt: skip

    # -- annexes
    def annex_list(self, names: list[str]) -> None:
        if self.lang == "zh":
            item = paragraph(self.document, self.tr("doc.annex_list"))
            for n, name in enumerate(names, start=1):
                line = paragraph(self.document, f"{n}. {clean(name)}")
                line.paragraph_format.left_indent = item.paragraph_format.first_line_indent
            return
        paragraph(self.document, self.tr("doc.annex_list"), bold=True)
        for n, name in enumerate(names, start=1):
            paragraph(self.document, f"{self.tr('doc.annex_label', n=n)}: {clean(name)}")

    def annex_start(self, n: int, name: str) -> None:
        page_break(self.document)
        paragraph(self.document, self.tr("doc.annex_label", n=n), style="Annex Label")
        title(self.document, name)

    def role_cards(self, n: int) -> None:
        self.annex_start(n, self.tr("doc.plan.role_cards"))
        if not self.plan.roles:
            paragraph(self.document, self.tr("doc.plan.no_roles"))
            return
        for index, (role, _depth) in enumerate(_role_tree(self.plan.roles)):
            if index:
                page_break(self.document)
            self.role_card(role)

    def role_card(self, role: Role) -> None:
        doc = self.document
        paragraph(doc, self.tr("doc.plan.card_title", role=clean(role.name)), style="Subtitle",
                  bold=True)  # fmt: skip
        if role.parent:
            labelled(doc, self.tr("doc.plan.card_reports_to"), self.role_name(role.parent))
        if role.responsibilities:
            labelled(doc, self.tr("doc.plan.card_duties"),
                     ("；" if self.lang == "zh" else "; ").join(role.responsibilities))  # fmt: skip
        mine = [
            self.steps[s] for s in self.order
            if role.id in self.steps[s].roles or role.id in self.steps[s].support
        ]  # fmt: skip
        if not mine:
            paragraph(doc, self.tr("doc.plan.card_no_steps"))
            return
        rows = []
        for n, step in enumerate(mine, start=1):
            share = self.tr("doc.plan.card_lead" if role.id in step.roles
                            else "doc.plan.card_support")  # fmt: skip
            contacts = [self.role_name(r) for r in step.notifies]
            contacts += [self.role_name(r) for r in (*step.roles, *step.support)
                         if r != role.id and self.role_name(r) not in contacts]  # fmt: skip
            rows.append((n, clean(step.text or step.name), share, self.step_limit(step),
                         self.sep().join(contacts)))  # fmt: skip
        table(doc,
              [self.tr("doc.no"), self.tr("doc.plan.step_action"), self.tr("doc.plan.card_part"),
               self.tr("doc.plan.step_limit"), self.tr("doc.plan.card_notify")],
              rows, widths_mm=(10, 74, 14, 24, 34), align_center=(0, 2))  # fmt: skip

    def revision_record(self, n: int, revisions: list[Mapping[str, object]]) -> None:
        self.annex_start(n, self.tr("doc.plan.revisions"))
        if not revisions:
            paragraph(self.document, self.tr("doc.plan.no_revisions"))
            return
        rows = [
            (i, clean(r.get("finding", "")), clean(r.get("change", "")),
             clean(r.get("item", r.get("target", ""))), clean(r.get("date", "")))
            for i, r in enumerate(revisions, start=1)
        ]  # fmt: skip
        table(self.document,
              [self.tr("doc.no"), self.tr("doc.plan.rev_finding"), self.tr("doc.plan.rev_change"),
               self.tr("doc.plan.rev_item"), self.tr("doc.plan.rev_date")],
              rows, widths_mm=(10, 52, 52, 22, 20), align_center=(0,))  # fmt: skip


def _execution_order(plan: Plan) -> list[str]:
    """Step ids in execution order (steps in a cycle keep plan order); each id once."""
    order = plan_graph.tolerant_order(plan_graph.build_graph(plan)) if plan.steps else []
    seen = set(order)
    for step in plan.steps:
        if step.id not in seen:
            seen.add(step.id)
            order.append(step.id)
    return order


def _role_tree(roles: Iterable[Role]) -> list[tuple[Role, int]]:
    """Roles depth first under their parents, in plan order; roles in a parent loop or under an
    unknown parent start a tree of their own."""
    roles = list(roles)
    ids = {r.id for r in roles}
    children: dict[str | None, list[Role]] = {}
    for role in roles:
        parent = role.parent if role.parent in ids and role.parent != role.id else None
        children.setdefault(parent, []).append(role)
    out: list[tuple[Role, int]] = []
    seen: set[str] = set()

    def walk(role: Role, depth: int) -> None:
        if role.id in seen:
            return
        seen.add(role.id)
        out.append((role, depth))
        for child in children.get(role.id, []):
            walk(child, depth + 1)

    for root in children.get(None, []):
        walk(root, 0)
    for role in roles:  # loops of parents
        walk(role, 0)
    # duplicated ids: keep every role object once
    listed = {id(r) for r, _ in out}
    out += [(r, 0) for r in roles if id(r) not in listed]
    return out


CHART_DPI = 110
CHART_MAX_INCHES = 40


def plan_docx_bytes(
    plan: Plan,
    *,
    lang: str | None = None,
    version_label: str = "",
    revision_record: Sequence[Mapping[str, object]] = (),
) -> bytes:
    """The plan as a .docx file, with its flow chart when the dot program is there (a plan
    without a chart is still a whole document) and its revision record, if given."""
    from plans import draw

    chart = None
    if plan.steps:
        try:
            chart = draw.render(draw.flow_chart(plan, lang=lang or plan.language), "png",
                                max_inches=CHART_MAX_INCHES, dpi=CHART_DPI)  # fmt: skip
        except draw.DrawError:
            chart = None
    document = build_plan_document(plan, lang=lang, flow_chart_png=chart, chart_dpi=CHART_DPI,
                                   version_label=version_label,
                                   revision_record=revision_record)  # fmt: skip
    return to_docx_bytes(document)


__all__ = [
    "CHAPTERS",
    "arrange_sections",
    "build_plan_document",
    "chapter_of",
    "plan_docx_bytes",
    "to_docx_bytes",
]
