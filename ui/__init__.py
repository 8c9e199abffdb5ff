"""Shared page guard and small UI helpers. Every page starts with page_setup()."""

from __future__ import annotations

from datetime import datetime

import streamlit as st
from streamlit.errors import StreamlitAPIException

import bootstrap
import i18n
import services.clock
import services.plans
from access.policy import Actor, allowed
from i18n import t
from i18n.errors import UserFacingError
from services.errors import StoreError
from settings import load_settings
from ui import session
from ui.streamlit_texts import replace_streamlit_texts
from ui.text import md

# (page, label key, icon, the action that page needs; None: any signed-in user)
NAV = (
    ("app.py", "nav.home", ":material/home:", None),
    ("pages/plan_list.py", "nav.plans", ":material/library_books:", None),
    ("pages/import.py", "nav.import", ":material/upload_file:", "plan.create"),
    ("pages/editor.py", "nav.editor", ":material/edit_note:", None),
    ("pages/versions.py", "nav.versions", ":material/history:", None),
    ("pages/drill_list.py", "nav.drills", ":material/directions_run:", None),
    ("pages/evaluate.py", "nav.evaluate", ":material/fact_check:", "screen.evaluate"),
    ("pages/participate.py", "nav.participate", ":material/campaign:", "screen.participate"),
    (
        "pages/drill_review.py",
        "nav.drill_review",
        ":material/assignment_turned_in:",
        "screen.drill_review",
    ),
    ("pages/analytics.py", "nav.analytics", ":material/monitoring:", "screen.analytics"),
    ("pages/units.py", "nav.units", ":material/domain:", "user.manage"),
    ("pages/users.py", "nav.users", ":material/group:", "user.manage"),
    ("pages/audit.py", "nav.audit", ":material/policy:", "audit.read"),
    ("pages/account.py", "nav.account", ":material/account_circle:", None),
)


def may(actor: Actor, action: str | None, resource: dict | None = None) -> bool:
    """Whether to offer a page or button: the access policy's answer, which the store gives again
    when it acts. A plan action asked without a resource is asked about the actor's own unit."""
    if action is None:
        return True
    if resource is None and action.startswith("plan."):
        resource = {"unit": actor.unit}
    return allowed(actor, action, resource)


# The Versions page's buttons: the right each needs (access.policy.VERSION_ACTIONS) and the
# status of the version it acts on.
VERSION_BUTTONS = {
    "submit": ("plan.submit", "draft"),
    "approve": ("plan.approve", "in_review"),
    "return": ("plan.return", "in_review"),
    "new_draft": ("plan.edit", "published"),
}


def version_buttons(status: str, rights: frozenset[str]) -> frozenset[str]:
    """The buttons to offer for a version in `status`, given the actor's rights on it
    (db.plans_lookup.version_permissions: the facts the store tells the policy)."""
    return frozenset(
        name
        for name, (action, wanted) in VERSION_BUTTONS.items()
        if action in rights and status == wanted
    )


def page_setup(title_key: str, *, require: str | None = None, layout: str = "wide") -> Actor:
    """Configure the page and language, demand a signed-in user (and `require`d right), draw the
    navigation; return the acting user. Stops the page when the user may not see it."""
    st.set_page_config(page_title=f"{t(title_key)} · PlanDrill", page_icon="🛡️", layout=layout)
    st.session_state.setdefault("lang", load_settings().language)
    i18n.set_language(st.session_state["lang"])
    replace_streamlit_texts()
    try:
        bootstrap.get_db()  # the first page load creates the database and the first admin
    except (bootstrap.DemoOnNetworkError, StoreError) as exc:  # e.g. a database folder not private
        st.error(error_text(exc), icon=":material/block:")
        st.stop()
    actor = session.current_actor()
    with st.sidebar:
        st.markdown(f"### {t('app.title')}")
        if actor is not None and not actor.must_change_password:
            _navigation(actor)
        st.divider()
        # "lang" is plain session state: a widget's own key would be dropped when the user moves
        # to another page, and with it the language chosen
        st.session_state["lang_pick"] = st.session_state["lang"]
        st.selectbox(
            "语言 / Language",
            options=list(i18n.LANGUAGES),
            key="lang_pick",
            on_change=_language_chosen,
            format_func=lambda code: t("ui.language_name", lang=code),  # in its own words
        )
        if actor is not None:
            session.user_box(actor)
    if actor is None:
        session.sign_in_form()
        st.stop()
    if actor.must_change_password:
        session.forced_password_change(actor)
        st.stop()
    if require is not None and not may(actor, require):
        st.error(t("access.page_denied"), icon=":material/block:")
        st.stop()
    return actor


def _language_chosen() -> None:
    st.session_state["lang"] = st.session_state["lang_pick"]
    i18n.set_language(st.session_state["lang"])
    session.keep_language(st.session_state["lang"])


def _navigation(actor: Actor) -> None:
    for path, key, icon, action in NAV:
        if not may(actor, action):
            continue
        try:
            st.page_link(path, label=t(key), icon=icon)
        except StreamlitAPIException:  # AppTest runs a single page: no page registry
            pass


def now() -> datetime:
    """The time to stamp what this screen does with: the database's clock (services/clock.py)."""
    return services.clock.now(bootstrap.get_db())


def error_text(exc: UserFacingError) -> str:
    """The translated message of a project error."""
    return t(exc.key, **{k: md(_fmt(v)) for k, v in exc.params.items()})


def show_error(exc: UserFacingError) -> None:
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


def go(path: str) -> None:
    """Switch to another page (in AppTest, which runs a single page, rerun this one)."""
    try:
        st.switch_page(path)
    except StreamlitAPIException:
        st.rerun()


def start_new_draft(conn, actor: Actor, plan_id: int, from_version_id: int) -> None:
    """Open a new draft of a published version and go to it; show why when refused."""
    try:
        draft_id = services.plans.new_draft(
            conn, actor, plan_id, from_version_id=from_version_id, now=now()
        )
    except UserFacingError as exc:
        show_error(exc)
    else:
        open_version(draft_id)


def pick_drill(drills: list, key: str, label_key: str = "drillpage.pick", *, status: bool = True):
    """A select box of drills that starts on the drill chosen elsewhere (session "drill_id") and
    remembers the choice there; returns the chosen drill."""
    ids = [d.id for d in drills]
    current = st.session_state.get("drill_id")
    drill = st.selectbox(
        t(label_key),
        drills,
        index=ids.index(current) if current in ids else 0,
        format_func=lambda d: (
            f"{d.title} · {t('drills.status.' + d.status)}" if status else d.title
        ),
        key=f"{key}_{st.session_state.get('lang', 'zh')}",  # options are shown translated
    )
    st.session_state["drill_id"] = drill.id
    return drill


def open_version(version_id: str | int) -> None:
    """Remember the version to work on and go to the editor."""
    st.session_state["version_id"] = version_id
    go("pages/editor.py")
