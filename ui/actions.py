"""Corrective actions on screen: a drill's actions with the overdue list (evaluation screen), and
the actions one owns, whose progress the owner updates (home). Each form offers only what
access/policy.py allows the user (the store asks the same rules again)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import streamlit as st

import services.review
from access.policy import action_resource, allowed, allowed_actions
from drills.actions import CorrectiveAction, finding_closed, overdue_actions
from i18n import t
from i18n.errors import UserFacingError
from i18n.glossary import ACTION_STATUSES
from ui import now, show_error
from ui.review_findings import lang_key, opened_version, save
from ui.text import md

DEFAULT_DUE_DAYS = 30
UPDATES = ("action.edit", "action.progress", "action.verify")
OWNER_STATUSES = tuple(s for s in ACTION_STATUSES if s != "verified")


def resource(review, owner: str = "") -> dict:
    """The policy's resource for an action of the reviewed drill."""
    leads = {*review.design.directors, *review.design.evaluation_leads}
    return action_resource(review.summary.unit, leads, owner)


def drill_actions(conn, actor, review) -> None:
    """The drill's actions, the overdue ones first; add and update forms as rights allow."""
    stored = review.actions
    titles = {s.finding.id: s.finding.title for s in review.findings}
    weaknesses = [
        s.finding
        for s in review.findings
        if not s.finding.strength and s.finding.status != "rejected"
    ]
    all_actions = [a.action for a in stored]
    closed = sum(finding_closed(f, all_actions) for f in weaknesses)
    st.caption(t("review.closed_n", closed=closed, total=len(weaknesses)))
    st.caption(t("review.a.rights"))
    _overdue(all_actions, titles)
    if not stored:
        st.info(t("review.no_actions"))
    else:
        st.dataframe(
            [
                {
                    t("review.a.finding"): titles.get(a.action.finding_id, a.action.finding_id),
                    t("common.action"): a.action.action,
                    t("review.a.owner"): a.action.owner,
                    t("common.responsible_organization"): a.action.organization,
                    t("common.start_date"): a.action.start,
                    t("review.a.due"): a.action.due,
                    t("common.status"): ACTION_STATUSES.label(a.action.status),
                    t("review.a.verification"): a.action.verification,
                }
                for a in stored
            ],
            hide_index=True,
            width="stretch",
        )
    if allowed(actor, "action.create", resource(review)):
        _add_action(conn, actor, review, weaknesses)
    rights = {
        a.action.id: allowed_actions(actor, resource(review, a.action.owner), UPDATES)
        for a in stored
    }
    updatable = [a for a in stored if rights[a.action.id]]
    if updatable:
        _edit_action(conn, actor, updatable, titles, rights)


def _overdue(actions: list[CorrectiveAction], titles: dict) -> None:
    today = date.today()
    late = overdue_actions(actions, today)
    if not late:
        return
    st.error(t("review.overdue", n=len(late)), icon=":material/alarm:")
    st.dataframe(
        [
            {
                t("review.a.finding"): titles.get(a.finding_id, a.finding_id),
                t("common.action"): a.action,
                t("review.a.owner"): a.owner,
                t("review.a.due"): a.due,
                t("common.days_overdue"): (today - a.due).days,
                t("common.status"): ACTION_STATUSES.label(a.status),
            }
            for a in late
        ],
        hide_index=True,
        width="stretch",
    )


def _fields(base: CorrectiveAction | None, key: str, rights: frozenset[str]) -> dict:
    """The widgets of one action; those the user may not change are shown disabled."""
    key = lang_key(key)
    text = "action.edit" not in rights
    verify = "action.verify" in rights
    statuses = ACTION_STATUSES if verify or (base and base.status == "verified") else OWNER_STATUSES
    cols = st.columns(3)
    more = st.columns(2)
    return {
        "action": st.text_area(
            t("common.action"),
            value=base.action if base else "",
            key=f"{key}_action",
            disabled=text,
        ),
        "owner": cols[0].text_input(
            t("review.a.owner"),
            value=base.owner if base else "",
            key=f"{key}_owner",
            disabled=text,
            help=t("review.a.owner_help"),
        ),
        "due": cols[1].date_input(
            t("review.a.due"),
            value=base.due if base else date.today() + timedelta(days=DEFAULT_DUE_DAYS),
            key=f"{key}_due",
            disabled=text,
        ),
        "status": cols[2].selectbox(
            t("common.status"),
            statuses,
            index=statuses.index(base.status) if base else 0,
            format_func=ACTION_STATUSES.label,
            key=f"{key}_status",
            disabled=bool(base and base.status == "verified" and not verify),
        ),
        "verification": st.text_input(
            t("review.a.verification"),
            value=base.verification if base else "",
            key=f"{key}_verification",
            disabled=not verify,
        ),
        "organization": more[0].text_input(
            t("common.responsible_organization"),
            value=base.organization if base else "",
            key=f"{key}_organization",
            disabled=text,
            help=t("review.a.organization_help"),
        ),
        "start": more[1].date_input(
            t("common.start_date"),
            value=(base.start if base else date.today()),
            key=f"{key}_start",
            disabled=text,
        ),
    }


def _add_action(conn, actor, review, weaknesses) -> None:
    with st.expander(t("review.a.add"), icon=":material/add_task:"):
        if not weaknesses:
            st.caption(t("review.a.no_findings"))
            return
        with st.form("review_action_add", clear_on_submit=True):
            finding_id = st.selectbox(
                t("review.a.finding"),
                [f.id for f in weaknesses],
                format_func=lambda i: next(f.title for f in weaknesses if f.id == i),
                key=lang_key("review_a_new_finding"),
            )
            values = _fields(None, "review_a_new", frozenset(UPDATES))
            sent = st.form_submit_button(t("review.a.add_save"), key="review_a_add_save")
        if sent:
            save(
                lambda: services.review.add_action(
                    conn,
                    actor,
                    review.drill_id,
                    CorrectiveAction("new", finding_id, **_cleaned(values)),
                    now=now(),
                ),
                t("review.a.added"),
            )


def _edit_action(conn, actor, stored, titles, rights: dict) -> None:
    with st.expander(t("review.a.edit"), icon=":material/edit:"):
        ids = [a.action.id for a in stored]
        chosen_id = st.selectbox(
            t("common.action"),
            ids,
            format_func=lambda i: _title(stored, titles, i),
            key=lang_key("review_a_pick"),
        )
        chosen = next(a for a in stored if a.action.id == chosen_id)
        opened = opened_version(f"review_opened_a_{chosen_id}", chosen.version)
        key = f"review_a_{chosen_id}_{opened}"
        with st.form(f"review_action_edit_{chosen_id}"):
            values = _fields(chosen.action, key, rights[chosen_id])
            sent = st.form_submit_button(t("review.a.save"), type="primary", key="review_a_save")
        if sent:
            save(
                lambda: services.review.update_action(
                    conn, actor, replace(chosen.action, **_cleaned(values)), opened, now=now()
                ),
                t("review.a.saved"),
                opened_key=f"review_opened_a_{chosen_id}",
            )


def _title(stored, titles, action_id: str) -> str:
    action = next(a.action for a in stored if a.action.id == action_id)
    return f"{titles.get(action.finding_id, action.finding_id)} · {action.action[:40]}"


def _cleaned(values: dict) -> dict:
    return {
        "action": values["action"].strip(),
        "owner": values["owner"].strip(),
        "due": values["due"],
        "status": values["status"],
        "verification": values["verification"].strip(),
        "organization": (values.get("organization") or "").strip(),
        "start": values.get("start"),
    }


def my_actions(conn, actor) -> None:
    """The actions the user owns (nothing when none): their progress, one status at a time."""
    try:
        owned = services.review.my_actions(conn, actor)
    except UserFacingError as exc:
        show_error(exc)
        return
    if not owned:
        return
    if message := st.session_state.pop("my_actions_toast", None):
        st.toast(message, icon=":material/check:")
    st.subheader(t("home.my_actions"))
    st.caption(t("home.my_actions_help"))
    today = date.today()
    for item in owned:
        action = item.stored.action
        late = action in overdue_actions([action], today)
        with st.container(border=True):
            st.markdown(
                f"**{md(action.action)}**  \n{md(item.drill_title)} · {md(item.finding_title)}"
            )
            due = t("review.a.due") + f": {action.due}"
            st.caption(f":red[{due}]" if late else due)
            _progress(conn, actor, item.stored)


def _progress(conn, actor, stored) -> None:
    action = stored.action
    if action.status == "verified":  # closed: only a lead lifts a verification
        st.caption(t("findings.action_status.verified") + f" · {md(action.verification)}")
        return
    cols = st.columns([3, 1], vertical_alignment="bottom")
    key = f"my_action_{action.id}_{stored.version}"
    status = cols[0].selectbox(
        t("common.status"),
        OWNER_STATUSES,
        index=OWNER_STATUSES.index(action.status),
        format_func=ACTION_STATUSES.label,
        key=lang_key(key),
    )
    if cols[1].button(t("review.a.save"), key=f"{key}_save"):
        try:
            services.review.update_action(
                conn, actor, replace(action, status=status), stored.version, now=now()
            )
        except UserFacingError as exc:
            show_error(exc)
        else:
            st.session_state["my_actions_toast"] = t("review.a.saved")
            st.rerun()
