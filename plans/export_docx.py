"""The whole plan as a Word document in the structure of GB/T 29639 (general provisions,
organisation and responsibilities, response levels, procedures, support, supplementary
provisions, annexes), laid out as a GB/T 9704 official document in Chinese or plainly in English.

The plan's kept `sections` (its own headings and narrative text) are placed under the chapter
their heading words point to (plans.export_sections). After the kept text of each chapter come
the plan's structured items: the organisation table, the levels table, the steps per phase
(numbered in execution order). The annexes (plans.export_annexes) hold one role card (应急处置卡)
per role that owns steps, each on its own page, the flow charts on landscape pages of their own,
the revision record (finding -> change) and the sections of any further part of the document
(special plans, on-site procedures).

`build_plan_document` is pure: the only I/O is `to_docx_bytes`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from docx.document import Document

from i18n import join_names
from i18n.glossary import PHASES
from plans import graph as plan_graph
from plans.docx_charts import Chart
from plans.docx_style import (
    ZH_FONTS,
    FontSet,
    Outline,
    clean,
    new_official_document,
    paragraph,
    table,
    title,
    to_docx_bytes,
)
from plans.export_annexes import AnnexWriter, role_tree
from plans.export_sections import CHAPTERS, Placed, arrange_sections, chapter_of, plain_heading
from plans.model import Plan, Step


def build_plan_document(
    plan: Plan,
    *,
    lang: str | None = None,
    flow_chart_png: bytes | None = None,
    flow_charts: Sequence[Chart | tuple[str, bytes]] = (),
    chart_dpi: float = 96,
    revision_record: Sequence[Mapping[str, object]] = (),
    version_label: str = "",
    fonts: FontSet = ZH_FONTS,
    cards: bool = True,
) -> Document:
    """The whole plan as a Word document (see the module docstring).

    `revision_record` rows: {"finding": ..., "change": ..., "item": role or step concerned,
    "date": ...} (missing keys are left blank); `version_label` is printed under the title;
    `flow_charts` are the chart views (plans.chart_views) as plans.docx_charts.Chart or
    (title, PNG), one landscape page each in an annex, after `flow_chart_png` if given;
    `chart_dpi` is the resolution the charts were rendered at when a Chart does not say
    (plans.draw.render's dpi; dot's default is 96), which gives their natural size on the page;
    `fonts` the Chinese faces (plans.docx_style.GB2312_FONTS for government machines);
    `cards=False` leaves out the role cards annex.
    """
    lang = lang or (plan.language if plan.language in ("zh", "en") else "zh")
    document = new_official_document(lang, fonts=fonts)
    document.core_properties.title = clean(plan.title)[:255]
    writer = _PlanWriter(document, plan, lang)
    writer.cards = cards
    given = [("", flow_chart_png)] if flow_chart_png is not None else []
    charts = [
        c if isinstance(c, Chart) else Chart(c[0], c[1], dpi=chart_dpi)
        for c in [*given, *flow_charts]
    ]
    charts = [c if c.dpi else Chart(c.title, c.png, c.svg, chart_dpi) for c in charts]
    writer.write(charts, list(revision_record), version_label)
    return document


class _PlanWriter(AnnexWriter):
    """The chapters of the plan export; the annexes come from AnnexWriter."""

    def __init__(self, document: Document, plan: Plan, lang: str) -> None:
        super().__init__(document, plan, lang)
        self.outline = Outline(document, lang)
        self.chart_annex = 0  # the flow charts' annex number, 0 when there are none
        self.cards = True  # whether the role cards annex is written

    # -- the document
    def write(self, charts: list[Chart], revisions: list, version_label: str) -> None:
        plan = self.plan
        self.chart_annex = (2 if self.cards else 1) if charts else 0
        title(
            self.document,
            plan.title or "—",
            f"（{clean(version_label)}）"
            if version_label and self.lang == "zh"
            else clean(version_label),
        )
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
            wrote = self.generated(chapter, bool(kept)) or wrote
            if not wrote:
                paragraph(self.document, self.tr("doc.not_specified"))
        annexes = [self.tr("doc.plan.role_cards")] if self.cards else []
        annexes += [self.tr("doc.plan.flow_chart")] if charts else []
        annexes += [self.tr("common.revision_record")]
        part_titles = {p.id: p.title for p in plan.parts}
        annexes += [part_titles.get(p, p) for p in others]
        self.annex_list(annexes)
        if self.cards:
            self.role_cards(1)
        if charts:  # the revision record follows: the portrait page after them is not empty
            self.flow_charts(self.chart_annex, charts)
        self.revision_record(len(annexes) - len(others), revisions)
        for n, (part, items) in enumerate(others.items(), start=len(annexes) - len(others) + 1):
            self.annex_start(n, part_titles.get(part, part))
            outline = Outline(self.document, self.lang)
            for item in items:
                if item.section.heading.strip():
                    outline.heading(plain_heading(item.section.heading), max(item.level - 1, 1))
                self.kept_text(item.section.text)

    def kept_sections(self, items: list[Placed], *, skip_roles: bool = False) -> bool:
        for item in items:
            if item.level > 1:
                self.outline.heading(plain_heading(item.section.heading), item.level)
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

    def generated(self, chapter: str, has_kept: bool) -> bool:
        """The plan's structured items for `chapter`; False when there are none."""
        if chapter == "organisation":
            return self.organisation(has_kept)
        if chapter == "levels":
            return self.levels(has_kept)
        if chapter == "procedures":
            return self.procedures(has_kept)
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
        for n, (role, depth) in enumerate(role_tree(self.plan.roles), start=1):
            duties = "\n".join(clean(d) for d in role.responsibilities)
            parent = self.role_name(role.parent) if role.parent else ""
            rows.append((n, "　" * depth + clean(role.name), parent, duties))
        table(
            self.document,
            [
                self.tr("doc.no"),
                self.tr("common.body_post"),
                self.tr("col.parent"),
                self.tr("doc.plan.role_duties"),
            ],
            rows,
            widths_mm=(12, 38, 28, 78),
            align_center=(0,),
        )
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
        table(
            self.document,
            [
                self.tr("common.level"),
                self.tr("col.condition"),
                self.tr("doc.plan.level_steps"),
            ],
            rows,
            widths_mm=(30, 104, 22),
            align_center=(0, 2),
        )
        return True

    def procedures(self, has_kept: bool) -> bool:
        steps = [self.steps[s] for s in self.order if self.steps[s].phase != "support"]
        if not steps and not self.chart_annex:
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
                name = PHASES.label(phase, self.lang) if phase else self.tr("common.none")
                self.outline.heading(name, level)
                self.step_table(members)
        if self.chart_annex:
            paragraph(self.document, self.tr("doc.plan.flow_chart_annex", n=self.chart_annex))
        return True

    def owners(self, step: Step) -> str:
        lead = join_names((self.role_name(r) for r in step.roles), self.lang)
        support = join_names((self.role_name(r) for r in step.support), self.lang)
        if support:
            return (f"{self.tr('doc.plan.lead')}{lead}\n" if lead else "") + (
                f"{self.tr('doc.plan.support_roles')}{support}"
            )
        return lead

    def step_table(self, steps: list[Step]) -> None:
        rows = []
        for step in steps:
            after = join_names(
                (str(self.number[a]) for a in step.after if a in self.number), self.lang
            )
            levels = (
                join_names((self.level_name(lv) for lv in step.levels), self.lang)
                if step.levels
                else self.tr("doc.plan.all_levels")
            )
            rows.append(
                (
                    self.number.get(step.id, ""),
                    clean(step.text or step.name),
                    self.owners(step),
                    self.step_limit(step),
                    after,
                    levels,
                )
            )
        table(
            self.document,
            [
                self.tr("col.id"),
                self.tr("doc.plan.step_action"),
                self.tr("common.responsible_organization"),
                self.tr("common.time_limit"),
                self.tr("col.after"),
                self.tr("col.levels"),
            ],
            rows,
            widths_mm=(11, 62, 29, 22, 15, 17),
            align_center=(0, 4),
        )


CHART_DPI = 110
CHART_MAX_INCHES = 40


def chart_figures(plan: Plan, lang: str) -> list[Chart]:
    """The chart views the editor shows (plans.chart_views), rendered to print; none when the
    plan has no steps or the Graphviz programs are missing (a document is whole without)."""
    from plans import draw
    from plans.chart_views import chart_views

    if not plan.steps:
        return []
    charts = []
    try:
        for view in chart_views(plan, lang=lang, fit=True):
            png = draw.render(view.chart, "png", max_inches=CHART_MAX_INCHES, dpi=CHART_DPI)
            name = "" if view.title == plan.title else view.title
            name = name.removeprefix(f"{plan.title} · ")
            charts.append(Chart(name, png, svg=view.svg, dpi=CHART_DPI))
    except draw.DrawError:
        return []
    return charts


def plan_docx_bytes(
    plan: Plan,
    *,
    lang: str | None = None,
    version_label: str = "",
    revision_record: Sequence[Mapping[str, object]] = (),
) -> bytes:
    """The plan as a .docx file, with the chart views the editor shows (one figure each) when
    the dot program is there (a plan without a chart is still a whole document) and its
    revision record, if given."""
    charts = chart_figures(plan, lang or plan.language)
    document = build_plan_document(
        plan,
        lang=lang,
        flow_charts=charts,
        chart_dpi=CHART_DPI,
        version_label=version_label,
        revision_record=revision_record,
    )
    return to_docx_bytes(document)


__all__ = [
    "CHAPTERS",
    "arrange_sections",
    "build_plan_document",
    "chapter_of",
    "chart_figures",
    "plan_docx_bytes",
    "to_docx_bytes",
]
