"""PlanDrill home: language, what the product does, and what to do next."""

from __future__ import annotations

import streamlit as st

import services.plans
from bootstrap import get_db
from i18n import t
from ui import may, md, open_version, page_setup
from ui.actions import my_actions
from ui.units import setup_checklist

actor = page_setup("nav.home")

st.title(t("app.title"))
st.caption(t("home.tagline"))
setup_checklist(get_db(), actor)  # administrators, until units, accounts and plans are set up

# what each kind of user does in a drill (nothing is said here about any planned drill)
DRILL_LINKS = (
    ("screen.direct_drills", "pages/drill_list.py", "nav.drills", "home.drills_help"),
    ("screen.evaluate", "pages/evaluate.py", "nav.evaluate", "home.evaluate_help"),
    ("screen.participate", "pages/participate.py", "nav.participate", "home.participate_help"),
    ("screen.drill_review", "pages/drill_review.py", "nav.drill_review", "home.review_help"),
)


def drill_tasks() -> None:
    shown = [link for link in DRILL_LINKS if may(actor, link[0])]
    if shown:
        st.subheader(t("nav.drills"))
        for _, path, label, help_key in shown:
            st.page_link(path, label=t(label), icon=":material/directions_run:")
            st.caption(t(help_key))


# people who only take part in drills (evaluators, participants) see their task first, above
# the fold of a phone
drills_first = not (actor.roles & {"plan_owner", "approver", "manager", "admin"})
if drills_first:
    drill_tasks()
my_actions(get_db(), actor)  # corrective actions the user owns: their progress (none: nothing)

summaries = services.plans.list_plans(get_db(), actor)
by_status: dict[str, int] = {}
for item in summaries:
    by_status[item.latest_status] = by_status.get(item.latest_status, 0) + 1

cols = st.columns(4)
cols[0].metric(t("common.plans"), len(summaries))
cols[1].metric(t("status.draft"), by_status.get("draft", 0))
cols[2].metric(t("status.in_review"), by_status.get("in_review", 0))
cols[3].metric(t("status.published"), by_status.get("published", 0))

st.subheader(t("home.next"))
steps = st.columns(3)
with steps[0]:
    st.markdown(f"**1. {t('home.step_import')}**")
    st.caption(t("home.step_import_help"))
    if may(actor, "plan.create"):
        st.page_link("pages/import.py", label=t("nav.import"), icon=":material/upload_file:")
with steps[1]:
    st.markdown(f"**2. {t('home.step_review')}**")
    st.caption(t("home.step_review_help"))
    st.page_link("pages/plan_list.py", label=t("nav.plans"), icon=":material/library_books:")
with steps[2]:
    st.markdown(f"**3. {t('home.step_publish')}**")
    st.caption(t("home.step_publish_help"))
    st.page_link("pages/versions.py", label=t("nav.versions"), icon=":material/history:")

if not drills_first:
    drill_tasks()

if summaries:
    st.subheader(t("home.recent"))
    for item in summaries[:5]:
        label = f"{md(item.title)} · {t('status.' + item.latest_status)}"
        if st.button(
            label, key=f"home_open_{item.plan_id}", icon=":material/description:", type="tertiary"
        ):
            open_version(item.latest_version_id)
