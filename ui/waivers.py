"""The approval gate on the Versions page: a reason for each open error-level check, and the
waivers kept with a published version."""

from __future__ import annotations

import streamlit as st

from i18n import t
from ui import fmt_time
from ui.text import md


def waiver_form(errors: list, version_id: int) -> dict[str, str]:
    """One required reason per open error-level check; returns finding key -> reason typed."""
    lang = st.session_state.get("lang", "zh")
    st.warning(t("versions.gate", n=len(errors)), icon=":material/gpp_maybe:")
    reasons = {}
    for finding in errors:
        reasons[finding.key] = st.text_area(
            f"{t('versions.waiver_reason')} · {md(finding.message(lang))}",
            key=f"waiver_{version_id}_{finding.key}",
            placeholder=t("versions.waiver_placeholder"),
            help=finding.hint(lang),
            height=68,
        )
    return reasons


def waivers_table(waivers: list) -> None:
    """The checks an approver waived when publishing the version, with their reasons."""
    if not waivers:
        return
    lang = st.session_state.get("lang", "zh")
    st.subheader(t("versions.waivers"))
    st.dataframe(
        [
            {
                t("versions.waiver_check"): w.finding.message(lang),
                t("versions.waiver_reason"): w.reason,
                t("versions.waiver_by"): f"{w.waived_by} · {fmt_time(w.waived_at)}",
            }
            for w in waivers
        ],
        hide_index=True,
        width="stretch",
    )
