"""Download buttons that never depend on a deferred file.

A download_button given a callable registers a deferred file that Streamlit drops at the next
rerun of the session (a timed fragment, a language switch, the click's own rerun), so a click
can meet "deferred file not found". Here the bytes exist when the button is drawn: built once
per revision of the data they come from and kept in session state; an expensive one is built
when the user asks for it (a prepare button), then offered as bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from i18n import t

_CACHE = "downloads_built"


def _built(key: str, revision: Hashable) -> bytes | None:
    entry = st.session_state.get(_CACHE, {}).get(key)
    return entry[1] if entry is not None and entry[0] == revision else None


def _keep(key: str, revision: Hashable, data: bytes | str) -> bytes:
    data = data.encode("utf-8") if isinstance(data, str) else data
    st.session_state.setdefault(_CACHE, {})[key] = (revision, data)  # one per button
    return data


def download(
    where,
    label: str,
    build: Callable[[], bytes | str],
    *,
    key: str,
    revision: Hashable,
    lazy: bool = False,
    **kwargs,
) -> None:
    """A download button in `where` (st or a column) for the bytes `build()` returns, built once
    per `revision`; `lazy`: only when the user asks (a prepare button stands in until then)."""
    data = _built(key, revision)
    if data is None and lazy:
        if not where.button(
            label,
            key=f"{key}_prepare",
            icon=":material/hourglass_top:",
            help=t("downloads.prepare_help"),
        ):
            return
        with st.spinner(t("downloads.preparing")):
            data = _keep(key, revision, build())
    elif data is None:
        data = _keep(key, revision, build())
    where.download_button(label, data, key=key, **kwargs)


__all__ = ["download"]
