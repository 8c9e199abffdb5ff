"""Shared page guard and small UI helpers. Every page starts with page_setup()."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st
from streamlit.errors import StreamlitAPIException

import i18n
from i18n import t
from plans.access import LOCAL_ACTOR, Actor
from plans.errors import PlanError
from settings import load_settings

NAV = (
    ("app.py", "nav.home", ":material/home:"),
    ("pages/plans.py", "nav.plans", ":material/library_books:"),
    ("pages/import.py", "nav.import", ":material/upload_file:"),
    ("pages/editor.py", "nav.editor", ":material/edit_note:"),
    ("pages/versions.py", "nav.versions", ":material/history:"),
)


def page_setup(title_key: str, *, icon: str = "🛡️", layout: str = "wide") -> Actor:
    """Configure the page, language and navigation; return the acting user."""
    st.set_page_config(page_title=f"{t(title_key)} · PlanDrill", page_icon=icon, layout=layout)
    st.session_state.setdefault("lang", load_settings().language)
    i18n.set_language(st.session_state["lang"])
    with st.sidebar:
        st.markdown(f"### {t('app.title')}")
        for path, key, emoji in NAV:
            try:
                st.page_link(path, label=t(key), icon=emoji)
            except StreamlitAPIException:  # AppTest runs a single page: no page registry
                pass
        st.divider()
        st.selectbox(
            "语言 / Language",
            options=list(i18n.LANGUAGES),
            format_func=lambda code: {"zh": "简体中文", "en": "English"}[code],
            key="lang",
        )
    i18n.set_language(st.session_state["lang"])
    st.session_state.setdefault("actor", LOCAL_ACTOR)
    return st.session_state["actor"]


def now() -> datetime:
    return datetime.now(UTC)


def error_text(exc: PlanError) -> str:
    """The translated message of a project error."""
    return t(exc.key, **{k: _fmt(v) for k, v in exc.params.items()})


def show_error(exc: PlanError) -> None:
    st.error(error_text(exc), icon=":material/error:")


def _fmt(value) -> str:
    if isinstance(value, (list, tuple)):
        return " → ".join(str(v) for v in value)
    return str(value)


def fmt_time(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return str(value)


def open_version(version_id: str | int) -> None:
    """Remember the version to work on and go to the editor."""
    st.session_state["version_id"] = version_id
    try:
        st.switch_page("pages/editor.py")
    except StreamlitAPIException:  # AppTest runs a single page: no page registry
        st.rerun()
