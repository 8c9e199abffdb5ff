"""The editor's outline: each section's kind and what came from it, and the section triage."""

from __future__ import annotations

import streamlit as st

import services.plans
from i18n import t
from i18n.errors import UserFacingError
from plans import triage
from plans.edit import EditResult
from plans.model import Plan
from plans.reader import read_document
from ui import may
from ui.text import md


def outline_table(plan: Plan) -> list[triage.OutlineRow]:
    """The outline as a table: heading (indented by level), kind, steps and roles found."""
    rows = triage.outline(plan)
    if not rows:
        st.info(t("triage.no_sections"))
        return rows
    st.dataframe(
        [
            {
                t("common.title"): "\u3000" * max(0, r.level - 1) + r.heading,
                t("common.kind"): t(f"section.kind.{r.kind}"),
                t("triage.col_steps"): r.steps,
                t("triage.col_roles"): r.roles,
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
        height=min(600, 38 + 35 * len(rows)),
    )
    return rows


def triage_panel(
    conn, actor, plan_id: int | None, plan: Plan, read_only: bool, blocks=None
) -> EditResult | None:
    """The outline and, for a draft, the triage of one section; the edit made, if any.

    The section is read again from `blocks` when given (an import not yet saved), else from
    the stored original document of plan `plan_id`."""
    st.caption(t("triage.caption"))
    rows = outline_table(plan)
    if read_only or not rows:
        return None
    by_id = {r.section: r for r in rows}
    pick = st.selectbox(
        t("triage.pick"),
        list(by_id),
        key="triage_section",
        format_func=lambda sid: (
            "\u3000" * max(0, by_id[sid].level - 1)
            + f"{by_id[sid].heading} · {t(f'section.kind.{by_id[sid].kind}')}"
        ),
    )
    row = by_id[pick]
    left, right = st.columns(2)
    kind = left.selectbox(
        t("triage.new_kind"),
        triage.TRIAGE_KINDS,
        index=triage.TRIAGE_KINDS.index(row.kind) if row.kind in triage.TRIAGE_KINDS else 0,
        key=f"triage_kind_{pick}",
        format_func=lambda k: t(f"section.kind.{k}"),
    )
    roles = {r.id: r.name for r in plan.roles}
    owner = right.selectbox(
        t("triage.owner"),
        [None, *roles],
        key=f"triage_owner_{pick}",
        format_func=lambda rid: t("triage.owner_none") if rid is None else roles[rid],
        disabled=kind not in triage.STEP_KINDS,
    )
    if st.button(t("triage.apply"), key=f"triage_apply_{pick}", type="primary"):
        blocks = blocks if blocks is not None else _blocks(conn, actor, plan_id)
        if blocks is None:
            st.warning(t("triage.no_document"))
            return None
        return triage.retriage(plan, blocks, pick, kind, roles.get(owner) if owner else None)
    return _bulk(plan, pick, row, roles)


def _bulk(plan: Plan, pick: str, row: triage.OutlineRow, roles: dict) -> EditResult | None:
    """Delete or reassign every step of the section in one action."""
    if not row.steps and not triage.section_steps(plan, pick):
        return None
    n = len(triage.section_steps(plan, pick))
    left, right = st.columns(2)
    with left:
        sure = st.checkbox(t("triage.delete_confirm", n=n), key=f"triage_sure_{pick}")
        if st.button(t("triage.delete"), key=f"triage_delete_{pick}", disabled=not sure):
            return triage.delete_section_steps(plan, pick)
    with right:
        target = st.selectbox(
            t("triage.reassign_to"),
            list(roles),
            key=f"triage_target_{pick}",
            format_func=lambda rid: md(roles[rid]),
        )
        if target and st.button(t("triage.reassign"), key=f"triage_reassign_{pick}"):
            return triage.reassign_section_steps(plan, pick, target)
    return None


def _blocks(conn, actor, plan_id: int):
    """The blocks of the plan's original document, or None when it cannot be read."""
    if not may(actor, "plan.read_source"):
        return None
    try:
        found = services.plans.get_document(conn, actor, plan_id)
        return None if found is None else read_document(found[1], found[0])
    except UserFacingError:
        return None
