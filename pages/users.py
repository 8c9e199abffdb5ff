"""Users (admins): create accounts, change roles and unit, disable, reset passwords."""

from __future__ import annotations

import streamlit as st

import services.users
from access.errors import AccessError
from bootstrap import get_db
from i18n import join_names, t
from i18n.glossary import ACCOUNT_ROLES
from services import accounts
from services.errors import StoreError
from ui import edit_guard, fmt_time, may, md, now, page_setup, show_error
from ui.units import unit_select

actor = page_setup("nav.users", require="user.manage")
conn = get_db()
st.title(t("nav.users"))

shown = st.session_state.pop("users_new_password", None)
if shown:
    st.warning(
        t("users.password_once", username=md(shown[0]), password=shown[1]), icon=":material/key:"
    )

search = st.text_input(t("common.search"), key="users_search", placeholder=t("users.search_hint"))
users = [
    u
    for u in services.users.list_users(conn, actor)
    if not search or search.lower() in f"{u.username} {u.display_name} {u.unit}".lower()
]
st.dataframe(
    [
        {
            t("auth.username"): u.username,
            t("common.person_name"): u.display_name,
            t("common.role"): join_names(ACCOUNT_ROLES.label(r) for r in sorted(u.roles)),
            t("common.unit"): u.unit,
            t("common.status"): t("users.state_disabled")
            if u.disabled
            else t("users.state_active"),
            t("users.last_login"): fmt_time(u.last_login_at),
        }
        for u in users
    ],
    hide_index=True,
    width="stretch",
)

with st.expander(t("users.create"), expanded=not users):
    with st.form("users_create"):
        username = st.text_input(t("auth.username"), key="users_new_name")
        display = st.text_input(t("common.person_name"), key="users_new_display")
        roles = st.multiselect(
            t("common.role"),
            ACCOUNT_ROLES,
            key="users_new_roles",
            format_func=ACCOUNT_ROLES.label,
            placeholder=t("plans.pick_placeholder"),
        )
        unit = unit_select(conn, actor, t("common.unit"), actor.unit, "users_new_unit")
        created = st.form_submit_button(
            t("users.create"), type="primary", key="users_create_submit"
        )
    if created:
        try:
            password = services.users.create_user(
                conn, actor, username, roles=roles, unit=unit, display_name=display, now=now()
            )
        except (AccessError, StoreError) as exc:
            show_error(exc)
        else:
            st.session_state["users_new_password"] = (username, password)
            st.rerun()

if not users:
    st.stop()
st.subheader(t("users.edit"))
picked = st.selectbox(
    t("users.pick"),
    users,
    key="users_pick",
    format_func=lambda u: f"{u.username} · {u.display_name}",
)
# the account as stored now: a select box may hand back the object of an earlier run
user = next((u for u in users if u.id == picked.id), picked)
form = f"user_{user.id}"
edit_guard.stale_notice(form, user.updated_at)
with st.form(f"users_edit_{user.id}"):
    roles = st.multiselect(
        t("common.role"),
        ACCOUNT_ROLES,
        default=sorted(user.roles),
        format_func=ACCOUNT_ROLES.label,
        key=edit_guard.widget_key(form, "roles"),
        placeholder=t("plans.pick_placeholder"),
    )
    unit = unit_select(
        conn, actor, t("common.unit"), user.unit, edit_guard.widget_key(form, "unit")
    )
    saved = st.form_submit_button(t("users.save"), key="users_edit_save")
if saved:
    try:  # only what changed, checked against the account as the form was opened
        changed_at = services.users.update_user(
            conn,
            actor,
            user.id,
            now=now(),
            expected_updated_at=edit_guard.opened(form, None),
            roles=None if set(roles) == set(user.roles) else roles,
            unit=None if unit == user.unit else unit,
        )
    except (AccessError, StoreError) as exc:
        show_error(exc)
    else:
        edit_guard.saved(form, changed_at)
        st.toast(t("outcome.done"))
        st.rerun()

# Disabling and resetting lock a person out at once: both wait for a second click, like deleting
# a plan; enabling an account again needs none.
cols = st.columns(2)
if user.disabled:
    if cols[0].button(t("users.enable"), key="users_toggle"):
        try:
            services.users.set_disabled(conn, actor, user.id, False, now=now())
        except (AccessError, StoreError) as exc:
            show_error(exc)
        else:
            edit_guard.reload(form)  # this session's own change: the form opens on it
            st.rerun()
elif cols[0].button(t("users.disable"), key="users_toggle"):
    st.session_state["users_confirm"] = ("disable", user.id)
if cols[1].button(t("users.reset"), key="users_reset"):
    st.session_state["users_confirm"] = ("reset", user.id)

if may(actor, "user.unlock") and (locks := accounts.active_locks(conn, actor, user.id, now=now())):
    where = join_names(
        md(lock.address) if lock.address else t("users.address_unknown") for lock in locks
    )
    until = fmt_time(max(lock.until for lock in locks))
    st.warning(t("users.locked", addresses=where, until=until), icon=":material/lock:")
    if st.button(t("users.unlock"), key="users_unlock", icon=":material/lock_open:"):
        accounts.unlock(conn, actor, user.id, now=now())
        st.toast(t("users.unlocked", username=md(user.username)))
        st.rerun()

confirm = st.session_state.get("users_confirm")
if confirm and confirm[1] == user.id and not (confirm[0] == "disable" and user.disabled):
    action = confirm[0]
    st.warning(t(f"users.confirm_{action}", username=md(user.username)))
    yes, no = st.columns(2)
    if yes.button(t(f"users.confirm_{action}_yes"), key="users_confirm_yes", type="primary"):
        st.session_state.pop("users_confirm")
        try:
            if action == "disable":
                services.users.set_disabled(conn, actor, user.id, True, now=now())
            else:
                password = services.users.reset_password(conn, actor, user.id, now=now())
                st.session_state["users_new_password"] = (user.username, password)
        except (AccessError, StoreError) as exc:
            show_error(exc)
        else:
            edit_guard.reload(form)
            st.rerun()
    if no.button(t("common.cancel"), key="users_confirm_no"):
        st.session_state.pop("users_confirm")
        st.rerun()
