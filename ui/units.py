"""Units on the screens: the administrator's first-start checklist and an import's unit choice."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException

from access.policy import Actor
from i18n import join_names, t
from services import units
from settings import load_settings
from ui import may
from ui.text import md

DONE = ":material/check_circle:"
TO_DO = ":material/radio_button_unchecked:"


def setup_checklist(conn, actor: Actor) -> None:
    """For administrators outside demo mode, until everything is set up: units, the first
    accounts in them, and no account or plan left without a unit. Shows nothing to anyone else
    (demo mode is set up already, with accounts that do not count for real work)."""
    if not may(actor, "user.manage") or load_settings().demo:
        return
    status = units.setup_status(conn, actor)
    if status.complete:
        return
    homeless = status.accounts_without_unit
    items = (
        (status.units > 0, "setup.units", t("setup.units_help"), "pages/units.py", "nav.units"),
        (
            status.plan_owners > 0 and status.approvers > 0,
            "setup.people",
            t("setup.people_help"),
            "pages/users.py",
            "nav.users",
        ),
        (
            not homeless,
            "setup.accounts_unit",
            t("setup.accounts_unit_help", names=join_names(md(n) for n in homeless[:10])),
            "pages/units.py",
            "nav.units",
        ),
        (
            not status.plans_without_unit,
            "setup.plans",
            t("setup.plans_help", n=status.plans_without_unit),
            "pages/units.py",
            "nav.units",
        ),
    )
    with st.container(border=True, key="setup_checklist"):
        st.subheader(t("setup.title"))
        st.caption(t("setup.progress", done=sum(i[0] for i in items), total=len(items)))
        for done, label, help_text, path, link in items:
            st.markdown(f"{DONE if done else TO_DO} **{t(label)}**")
            if not done:
                st.caption(help_text)
                _link(path, link)
        st.caption(t("setup.network"))


def unit_choice(conn, actor: Actor) -> str | None:
    """The unit an import goes to: None (the importer's own) unless the actor may place plans in
    any unit (admins), who choose one; "" when there is none to choose yet (said on screen)."""
    if not may(actor, "plan.set_unit"):
        return None
    names = units.unit_names(conn, actor)
    if not names:
        st.info(t("import.unit_first"), icon=":material/domain:")
        _link("pages/units.py", "nav.units")
        return ""
    return st.selectbox(
        t("import.unit"),
        names,
        index=names.index(actor.unit) if actor.unit in names else 0,
        key="import_unit",
    )


def unit_select(conn, actor: Actor, label: str, current: str, key: str) -> str:
    """A choice among the units (and none), starting on `current`: the users page's way to put
    an account in a unit without mistyping its name."""
    names, none = ["", *units.unit_names(conn, actor)], t("units.none")
    return st.selectbox(
        label,
        names,
        index=names.index(current) if current in names else 0,
        format_func=lambda name: name or none,  # worded once, in the page's language
        key=key,
    )


def _link(path: str, label: str) -> None:
    try:
        st.page_link(path, label=t(label), icon=":material/arrow_forward:")
    except StreamlitAPIException:  # AppTest runs a single page: no page registry
        pass
