"""Units (admins): create units, put accounts in them, move plans between them."""

from __future__ import annotations

import streamlit as st

import services.units
from access.errors import AccessError
from bootstrap import get_db
from i18n import join_names, t
from i18n.glossary import ACCOUNT_ROLES
from services.errors import StoreError
from ui import md, now, page_setup, show_error

actor = page_setup("nav.units", require="user.manage")
conn = get_db()
st.title(t("nav.units"))
st.caption(t("units.help"))

done = st.session_state.pop("units_done", None)
if done:
    st.success(t(done[0], **done[1]), icon=":material/check:")


def run(call, message_key: str, **params) -> None:
    """Run a change; on success say so after the rerun, else show why."""
    try:
        n = call()
    except (AccessError, StoreError) as exc:
        show_error(exc)
    else:
        st.session_state["units_done"] = (message_key, {"n": n, **params})
        st.rerun()


overview = services.units.units_overview(conn, actor)
units = overview.units
st.dataframe(
    [
        {t("units.name"): u.name, t("units.users"): u.users, t("common.plans"): u.plans}
        for u in units
    ],
    hide_index=True,
    width="stretch",
)
with st.form("units_create", clear_on_submit=True):
    name = st.text_input(t("units.name"), key="units_new_name")
    if st.form_submit_button(t("units.create"), type="primary", key="units_create_submit"):
        run(
            lambda: services.units.create_unit(conn, actor, name, now=now()),
            "units.created",
            unit=md(" ".join(name.split())),
        )
if not units:
    st.stop()

unit = st.selectbox(t("units.pick"), [u.name for u in units], key="units_pick")
people, plans = st.tabs([t("common.people"), t("units.plans_tab")])
none = t("units.none")

with people:
    accounts = overview.accounts
    members = [u for u in accounts if u.unit == unit]
    if members:
        st.dataframe(
            [
                {
                    t("auth.username"): u.username,
                    t("common.person_name"): u.display_name,
                    t("common.role"): join_names(ACCOUNT_ROLES.label(r) for r in sorted(u.roles)),
                }
                for u in members
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.info(t("units.members_none"))
    others = [u for u in accounts if u.unit != unit and not u.disabled]
    chosen = st.multiselect(
        t("units.assign_users"),
        others,
        format_func=lambda u: f"{u.username} · {u.display_name} · {u.unit or none}",
        key=f"units_assign_{unit}",
        placeholder=t("plans.pick_placeholder"),
    )
    if st.button(t("units.assign"), key="units_assign_submit", disabled=not chosen):
        ids = [u.id for u in chosen]
        run(
            lambda: services.units.assign_users(conn, actor, unit, ids, now=now()),
            "units.assigned",
            unit=md(unit),
        )

with plans:
    places = overview.places
    here = [p for p in places if p.unit == unit]
    if here:
        st.dataframe([{t("units.plans_tab"): p.title} for p in here], hide_index=True)
    else:
        st.info(t("units.plans_none"))
    chosen_plans = st.multiselect(
        t("units.move_plans"),
        [p for p in places if p.unit != unit],
        format_func=lambda p: f"{p.title} · {p.unit or none}",
        key=f"units_move_{unit}",
        placeholder=t("plans.pick_placeholder"),
    )
    st.caption(t("units.move_help"))
    if st.button(t("units.move"), key="units_move_submit", disabled=not chosen_plans):
        ids = [p.plan_id for p in chosen_plans]
        run(
            lambda: services.units.move_plans(conn, actor, ids, unit, now=now()),
            "units.moved",
            unit=md(unit),
        )
