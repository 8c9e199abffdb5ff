"""Streamlit's own English words that users meet, replaced by ours in their language.

Streamlit offers no translation of its browser side, so what can be reached is reached with a
style sheet written per page run in the session's language:
- a lost connection: Streamlit's "Connecting" badge and its "Connection error" dialog (English,
  addressed to a developer: "Is Streamlit still running?") are hidden, and our own notice shows
  at once instead, saying what was not saved and what to do;
- the file uploader: its "Upload" button gets our label, and its "NN MB per file" line, which
  states the web server's ceiling rather than the limit our captions give, is hidden. Files up
  to that ceiling reach the page, which refuses one over our limit in the user's language
  (upload_too_big); only a file over the ceiling still meets Streamlit's own refusal.
"""

from __future__ import annotations

import html

import streamlit as st

from i18n import t
from settings import load_settings

MB = 1024 * 1024
OFFLINE_CLASS = "plandrill-offline"
# Rendered by Streamlit only while the browser is not connected to the server.
_DISCONNECTED = '[data-testid="stConnectionStatus"]'
# The body of Streamlit's connection-error dialog (an Emotion class of the pinned release; a
# browser test notices when an upgrade renames it). :has() cannot nest, hence two forms.
_ERROR_BODY = ".e14li121"
_CONNECTION_DIALOG = f'[data-testid="stDialog"]:has({_ERROR_BODY})'
_IN_CONNECTION_DIALOG = f'[data-testid="stDialog"] {_ERROR_BODY}'
_UPLOAD_LABEL = (
    '[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] '
    '[data-testid="stMarkdownContainer"] p'
)


def replace_streamlit_texts() -> None:
    """Put our translated words in place of Streamlit's on this page (call on every run)."""
    # The words sit in attributes that the style sheet shows: no text of a hidden notice for a
    # text search (or a test's locator) to find while the connection is fine.
    title, body = html.escape(t("ui.offline_title")), html.escape(t("ui.offline_body"))
    st.html(
        f"<style>{_css(t('ui.upload_button'))}</style>"
        f'<div class="{OFFLINE_CLASS}" role="alert">'
        f'<div data-title="{title}" data-body="{body}"></div></div>'
    )


def _css(upload_label: str) -> str:
    label = upload_label.replace("\\", "\\\\").replace('"', '\\"')
    return (
        f"{_DISCONNECTED}, {_CONNECTION_DIALOG} {{ display: none !important; }}"
        # out of the page's flow: the hidden notice takes no room above the page title
        f'[data-testid="stElementContainer"]:has(.{OFFLINE_CLASS}) {{ position: absolute; }}'
        f".{OFFLINE_CLASS} {{ display: none; position: fixed; inset: 0; z-index: 1000100;"
        " align-items: flex-start; justify-content: center; padding-top: 10vh;"
        " background: rgba(250, 250, 250, 0.75); }"
        # one rule each: a browser drops a whole selector list over one selector it rejects
        f"body:has({_DISCONNECTED}) .{OFFLINE_CLASS} {{ display: flex; }}"
        f"body:has({_IN_CONNECTION_DIALOG}) .{OFFLINE_CLASS} {{ display: flex; }}"
        f".{OFFLINE_CLASS} > div {{ max-width: 34rem; margin: 0 1rem; padding: 1.25rem 1.5rem;"
        " background: #fff; border: 2px solid #b42318; border-radius: 0.75rem;"
        " box-shadow: 0 8px 24px rgba(0, 0, 0, 0.18); color: #1f1f1f; }"
        f".{OFFLINE_CLASS} > div::before {{ content: attr(data-title); display: block;"
        " color: #b42318; font-size: 1.15rem; font-weight: 700; }"
        f".{OFFLINE_CLASS} > div::after {{ content: attr(data-body); display: block;"
        " margin-top: 0.5rem; }"
        '[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }'
        f"{_UPLOAD_LABEL} {{ font-size: 0; }}"
        f'{_UPLOAD_LABEL}::after {{ content: "{label}"; font-size: 0.875rem; }}'
    )


def uploader_ceiling_mb() -> int:
    """The web server's ceiling per uploaded file (server.maxUploadSize), in MB: what every
    uploader accepts, so that files over our own limit reach the page and get our message."""
    return int(st.get_option("server.maxUploadSize"))


def upload_limit_mb() -> float:
    """The largest upload accepted, in MB: PLANDRILL_MAX_UPLOAD_MB, or the web server's
    ceiling when that is lower."""
    return min(load_settings().max_upload_mb, uploader_ceiling_mb())


def upload_too_big(upload, limit_mb: float) -> bool:
    """Whether the uploaded file is over `limit_mb`; if so, say so in the user's language."""
    if upload.size <= limit_mb * MB:
        return False
    st.error(
        t("ui.upload_too_big", size=f"{upload.size / MB:.1f}", limit=f"{limit_mb:g}"),
        icon=":material/block:",
    )
    return True
