"""The annexes of the plan export: the list of annexes, one role card (应急处置卡) on a page of its
own for each role that owns steps (its phone numbers; its steps in execution order under a
sub-heading per response level, level-free ones under "all levels"; its share in each, the time
limit, whom to call with their numbers), the flow charts on landscape pages of their own
(plans.docx_charts) and the revision record (finding -> change). `AnnexWriter` also holds the
plan's look-ups that the chapters of the export (plans.export_docx) use: roles by id, steps in
execution order and their numbers, and the written time limit of a step."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from docx.document import Document

from i18n import t
from plans import graph as plan_graph
from plans.docx_charts import Chart, chart_pages
from plans.docx_style import clean, labelled, minutes_text, page_break, paragraph, table, title
from plans.model import Plan, Role, Step


class AnnexWriter:
    """Writes the annexes into `document`; the chapters' writer builds on it."""

    def __init__(self, document: Document, plan: Plan, lang: str) -> None:
        self.document = document
        self.plan = plan
        self.lang = lang
        self.roles = {role.id: role for role in plan.roles}
        self.order = execution_order(plan)
        self.number = {step_id: i for i, step_id in enumerate(self.order, start=1)}
        self.steps = {}
        for step in plan.steps:
            self.steps.setdefault(step.id, step)

    # -- helpers
    def tr(self, key: str, **params) -> str:
        return t(key, lang=self.lang, **params)

    def role_name(self, role_id: str) -> str:
        role = self.roles.get(role_id)
        return role.name if role else role_id

    def step_limit(self, step: Step) -> str:
        text = minutes_text(plan_graph.time_limit(step), self.lang)
        if not text:
            return clean(step.time_text)
        if step.time_from == plan_graph.TRIGGER:
            text += self.tr("doc.plan.from_trigger")
        elif step.time_from == plan_graph.RESPONSE_END:
            text += self.tr("doc.plan.from_response_end")
        elif step.time_from not in (plan_graph.T0, "", None):
            n = self.number.get(step.time_from)
            if n is not None:
                text += self.tr("doc.plan.from_step", n=n)
        return text

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

    def level_name(self, level_id: str) -> str:
        level = next((lv for lv in self.plan.levels if lv.id == level_id), None)
        return level.name if level else level_id

    def card_roles(self) -> list[Role]:
        """The roles that lead or support at least one step, in the order of the role tree."""
        owners = {r for step in self.plan.steps for r in (*step.roles, *step.support)}
        return [role for role, _depth in role_tree(self.plan.roles) if role.id in owners]

    def role_cards(self, n: int) -> None:
        self.annex_start(n, self.tr("doc.plan.role_cards"))
        roles = self.card_roles()
        if not roles:
            why = "doc.card.no_owners" if self.plan.roles else "doc.plan.no_roles"
            paragraph(self.document, self.tr(why))
            return
        for index, role in enumerate(roles):
            if index:
                page_break(self.document)
            self.role_card(role)

    def role_card(self, role: Role) -> None:
        doc = self.document
        paragraph(
            doc, self.tr("doc.plan.card_title", role=clean(role.name)), style="Subtitle", bold=True
        )
        for field in ("duty_phone", "phone"):
            if getattr(role, field).strip():
                labelled(doc, self.tr(f"doc.card.own_{field}"), getattr(role, field).strip())
        if role.parent:
            labelled(doc, self.tr("doc.plan.card_reports_to"), self.role_name(role.parent))
        if role.responsibilities:
            labelled(
                doc,
                self.tr("doc.plan.card_duties"),
                ("；" if self.lang == "zh" else "; ").join(role.responsibilities),
            )
        mine = [
            self.steps[s]
            for s in self.order
            if role.id in self.steps[s].roles or role.id in self.steps[s].support
        ]
        if not mine:
            paragraph(doc, self.tr("doc.plan.card_no_steps"))
            return
        for heading, steps in self.by_level(mine):
            if heading:
                sub = paragraph(doc, heading, bold=True, indent=False)
                sub.paragraph_format.keep_with_next = True
            self.card_table(role, steps)

    def by_level(self, steps: list[Step]) -> list[tuple[str, list[Step]]]:
        """(sub-heading, steps) of a card: the level-free steps under "all levels", then the
        steps of each level the plan defines (a step of two levels under both), then those of
        levels it does not define; one group without a heading when no step names a level."""
        if not any(step.levels for step in steps):
            return [("", steps)]
        ids = [lv.id for lv in self.plan.levels]
        ids += [lv for step in steps for lv in step.levels if lv not in ids]
        groups = [(self.tr("doc.card.all_levels"), [s for s in steps if not s.levels])]
        groups += [
            (self.level_name(lv), [s for s in steps if lv in s.levels]) for lv in dict.fromkeys(ids)
        ]
        return [(heading, members) for heading, members in groups if members]

    def card_table(self, role: Role, steps: list[Step]) -> None:
        rows = []
        for n, step in enumerate(steps, start=1):
            share = self.tr(
                "doc.plan.card_lead" if role.id in step.roles else "doc.plan.card_support"
            )
            rows.append(
                (
                    n,
                    clean(step.text or step.name),
                    share,
                    self.step_limit(step),
                    "\n".join(self.contacts(role, step)),
                )
            )
        table(
            self.document,
            [
                self.tr("doc.no"),
                self.tr("doc.plan.step_action"),
                self.tr("doc.plan.card_part"),
                self.tr("common.time_limit"),
                self.tr("doc.plan.card_notify"),
            ],
            rows,
            widths_mm=(10, 62, 14, 22, 48),
            align_center=(0, 2),
        )

    def contacts(self, role: Role, step: Step) -> list[str]:
        """Whom the holder of `role` calls for `step`: the roles or people it notifies, then the
        step's other owners, each with the duty phone and phone of its role data."""
        out: list[str] = []
        for ref in (*step.notifies, *step.roles, *step.support):
            other = self.find_role(ref)
            if other is not None and other.id == role.id:
                continue
            text = self.contact_text(other) if other is not None else clean(ref)
            if text and text not in out:
                out.append(text)
        return out

    def find_role(self, ref: str) -> Role | None:
        """The role `ref` names: by id, else by name or alias (a notified body written out)."""
        if ref in self.roles:
            return self.roles[ref]
        return next((r for r in self.plan.roles if ref in (r.name, *r.aliases)), None)

    def contact_text(self, role: Role) -> str:
        """ "市应急局 值班电话 0532-… 电话 …": the name and whichever numbers the role has."""
        parts = [clean(role.name)]
        for field in ("duty_phone", "phone"):
            number = getattr(role, field).strip()
            if number:
                parts.append(f"{self.tr(f'doc.card.{field}')} {clean(number)}")
        return (" " if self.lang == "zh" else ", ").join(parts)

    def flow_charts(self, n: int, charts: list[Chart], *, portrait_after: bool = True) -> None:
        """Annex `n`: each chart on landscape pages of its own (A4, or A3 where A4 would print
        its labels too small), captioned with its title; the annex label and title above the
        first. Portrait again after the last unless `portrait_after` is False."""
        heading = self.tr("doc.plan.flow_chart")

        def before(document) -> None:
            paragraph(document, self.tr("doc.annex_label", n=n), style="Annex Label")
            title(document, heading)

        sep = "：" if self.lang == "zh" else ": "
        captions = [
            self.tr(
                "doc.figure", n=i, title=f"{heading}{sep}{clean(c.title)}" if c.title else heading
            )
            for i, c in enumerate(charts, start=1)
        ]
        chart_pages(
            self.document,
            charts,
            captions,
            lang=self.lang,
            before=before,
            portrait_after=portrait_after,
        )

    def revision_record(self, n: int, revisions: list[Mapping[str, object]]) -> None:
        self.annex_start(n, self.tr("common.revision_record"))
        if not revisions:
            paragraph(self.document, self.tr("doc.plan.no_revisions"))
            return
        rows = [
            (
                i,
                clean(r.get("finding", "")),
                clean(r.get("change", "")),
                clean(r.get("item", r.get("target", ""))),
                clean(r.get("date", "")),
            )
            for i, r in enumerate(revisions, start=1)
        ]
        table(
            self.document,
            [
                self.tr("doc.no"),
                self.tr("doc.plan.rev_finding"),
                self.tr("doc.plan.rev_change"),
                self.tr("doc.plan.rev_item"),
                self.tr("doc.plan.rev_date"),
            ],
            rows,
            widths_mm=(10, 52, 52, 22, 20),
            align_center=(0,),
        )


def execution_order(plan: Plan) -> list[str]:
    """Step ids in execution order (steps in a cycle keep plan order); each id once."""
    order = plan_graph.tolerant_order(plan_graph.build_graph(plan)) if plan.steps else []
    seen = set(order)
    for step in plan.steps:
        if step.id not in seen:
            seen.add(step.id)
            order.append(step.id)
    return order


def role_tree(roles: Iterable[Role]) -> list[tuple[Role, int]]:
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


__all__ = ["AnnexWriter", "execution_order", "role_tree"]
