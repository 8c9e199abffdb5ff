"""Audit log (admins): search every recorded change and export it as CSV."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

import streamlit as st

import i18n
from access.audit_csv import audit_csv
from bootstrap import get_db
from i18n import t
from services import audit
from ui import fmt_time, page_setup


def _json(value: dict | None) -> str:
    return json.dumps(value, ensure_ascii=False) if value else ""


def _action(action: str) -> str:
    key = f"audit.action.{action}"
    return f"{t(key)} ({action})" if i18n.has(key) else action


actor = page_setup("nav.audit", require="audit.read")
st.title(t("nav.audit"))

filters = st.columns([3, 2, 2, 2, 2])
text = filters[0].text_input(t("common.search"), key="audit_text", placeholder=t("audit.hint"))
ENTITIES = {
    None: "plans.all",
    "plan": "common.plan",
    "version": "common.version",
    "user": "audit.user",
    "signin": "audit.signin",
    "unit": "common.unit",
    "drill": "common.drill",
    "observation": "audit.observation",
}
entity = filters[1].selectbox(
    t("audit.entity"),
    list(ENTITIES),
    key="audit_entity",
    format_func=lambda e: t(ENTITIES[e]),
)
user = filters[2].text_input(t("audit.user"), key="audit_user")
since = filters[3].date_input(t("audit.since"), value=None, key="audit_since")
until = filters[4].date_input(t("audit.until"), value=None, key="audit_until")

entries = audit.search_audit(
    get_db(),
    actor,
    text=text,
    entity=entity,
    user=user or None,
    since=datetime.combine(since, time.min).astimezone() if since else None,
    until=datetime.combine(until + timedelta(days=1), time.min).astimezone() if until else None,
)
st.caption(t("audit.count", n=len(entries)))
st.dataframe(
    [
        {
            t("common.time"): fmt_time(e.at),
            t("audit.user"): e.actor,
            t("audit.action"): _action(e.action),
            t("audit.entity"): f"{e.entity} {e.entity_id}",
            t("common.before"): _json(e.before),
            t("common.after"): _json(e.after),
            t("common.comment"): e.detail,
        }
        for e in entries
    ],
    hide_index=True,
    width="stretch",
)
st.download_button(
    t("common.export_csv"),
    audit_csv(entries),
    file_name="audit.csv",
    mime="text/csv",
    key="audit_csv",
    icon=":material/download:",
)
