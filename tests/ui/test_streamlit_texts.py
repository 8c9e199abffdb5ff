"""Streamlit's own English words are replaced by ours on every page, in the page's language (the
browser test tests/browser/test_streamlit_texts.py shows them in place)."""

from __future__ import annotations

import pytest

from i18n import t
from tests.ui.conftest import page


def html_of(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name, user", [("app", None), ("app", "owner"), ("import", "owner")])
def test_every_page_carries_the_lost_connection_notice_and_the_upload_label(conn, name, user, lang):
    body = html_of(page(name, user=user, lang=lang).run())
    assert t("ui.offline_title", lang=lang) in body and t("ui.offline_body", lang=lang) in body
    assert f'content: "{t("ui.upload_button", lang=lang)}"' in body
    assert '[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }' in body
    other = "en" if lang == "zh" else "zh"
    assert t("ui.offline_title", lang=other) not in body


def test_the_notice_is_text_not_markup(conn, monkeypatch):
    import ui.streamlit_texts as texts

    monkeypatch.setattr(
        texts, "t", lambda key, **_: '<b>"x"</b>' if key != "ui.upload_button" else 'a"b'
    )
    body = html_of(page("app", user=None).run())
    assert "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" in body and "<b>" not in body
    assert 'content: "a\\"b"' in body
