"""Closed by default, as the pages show it: the sign-in page lists the demo accounts but never
the administrator, and a plain `streamlit run` on a network address in demo mode opens nothing."""

from __future__ import annotations

import pytest
from streamlit import config

from db.accounts_seed import DEMO_ACCOUNTS, LISTED_DEMO_ACCOUNTS
from i18n import t
from tests.ui.conftest import page


@pytest.fixture
def listening_on():
    """Set server.address for the block, as `streamlit run --server.address X` would."""
    before = config.get_option("server.address")
    yield lambda address: config.set_option("server.address", address)
    config.set_option("server.address", before)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sign_in_page_lists_the_demo_accounts_but_not_the_administrator(
    conn, monkeypatch, lang
):
    monkeypatch.setenv("PLANDRILL_DEMO", "1")
    at = page("app", user=None, lang=lang).run()
    assert not at.exception, at.exception
    listed = at.dataframe[0].value[t("auth.username", lang=lang)].tolist()
    assert listed == [a.username for a in LISTED_DEMO_ACCOUNTS]
    assert "demoadmin" not in listed and len(listed) == len(DEMO_ACCOUNTS) - 1
    shown = at.dataframe[0].value.to_string()
    assert "demoadmin-demo-2026" not in shown and t("role.admin", lang=lang) not in shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_demo_mode_served_on_a_network_address_shows_the_refusal_and_no_sign_in(
    tmp_path, monkeypatch, listening_on, lang
):
    monkeypatch.setenv("PLANDRILL_DEMO", "1")
    monkeypatch.delenv("PLANDRILL_DEMO_ON_NETWORK", raising=False)
    monkeypatch.setenv("PLANDRILL_DB", str(tmp_path / "open" / "plandrill.duckdb"))
    listening_on("0.0.0.0")
    at = page("app", user=None, lang=lang).run()
    assert not at.exception, at.exception
    shown = [e.value.replace("\\", "") for e in at.error]  # parameters are md-escaped
    assert shown == [t("serve.demo_on_network", lang=lang, address="0.0.0.0")]
    assert not at.text_input and not at.dataframe  # no sign-in form, no demo accounts
    assert not (tmp_path / "open").exists()  # the database was never opened


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_database_folder_open_to_others_is_refused_on_the_page_in_words_of_ours(
    tmp_path, monkeypatch, lang
):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    (shared / "notes.txt").write_text("not the app's")
    monkeypatch.setenv("PLANDRILL_DEMO", "0")
    monkeypatch.setenv("PLANDRILL_DB", str(shared / "plandrill.duckdb"))
    at = page("app", user=None, lang=lang).run()
    assert not at.exception, at.exception
    shown = [e.value.replace("\\", "") for e in at.error]
    assert shown == [t("db.folder_not_private", lang=lang, folder=str(shared))]
    assert not at.text_input  # no sign-in form
    assert sorted(p.name for p in shared.iterdir()) == ["notes.txt"]
