"""My account: who I am, my roles, change my password."""

from __future__ import annotations

import streamlit as st

from i18n import join_names, t
from i18n.glossary import ACCOUNT_ROLES
from ui import md, page_setup
from ui.session import password_form

actor = page_setup("nav.account")
st.title(t("nav.account"))
st.markdown(f"**{md(actor.label)}** · {md(actor.username)}")
st.caption(
    t("account.roles", roles=join_names(ACCOUNT_ROLES.label(r) for r in sorted(actor.roles)))
)
if actor.unit:
    st.caption(t("auth.unit", unit=md(actor.unit)))

st.subheader(t("auth.change_password"))
if password_form(actor, "account_password"):
    st.success(t("auth.password_changed"))
