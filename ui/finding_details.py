"""Under a finding in the editor's Checks view: what to change to clear it, and the follow-on
findings it causes (listed under it instead of repeated)."""

from __future__ import annotations

import streamlit as st

from i18n import t
from ui.text import md


def finding_details(place, finding, lang: str) -> None:
    """Write the finding's hint and its consequences into `place` (a column or container)."""
    place.caption(f"{t('checks.hint_label')}: {md(finding.hint(lang))}")
    if finding.consequences:
        with place.expander(t("checks.consequences", n=len(finding.consequences))):
            st.markdown("\n".join(f"- {md(f.message(lang))}" for f in finding.consequences))
