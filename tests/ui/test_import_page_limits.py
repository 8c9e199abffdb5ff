"""The import page's own words about what it takes: the preview names the kind and language of
the plan, a text file renamed to .docx is refused before any preview, and the captions state the
upload limit the web server enforces (the injects uploader of the drill design page too)."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime

import pytest

import i18n
import settings
from db import drills_store, plans_store
from i18n import t
from i18n.glossary import PLAN_KINDS
from tests.integration.drills_world import design
from tests.sample_plans import fire_plan_docx
from tests.ui import drill_pages
from tests.ui.conftest import ROOT, USERS, page


@pytest.fixture
def speaking():
    """Set the test thread's language: AppTest formats a selectbox's options again in this
    thread when it sends the page's widgets back, so it must speak the page's language."""
    yield i18n.set_language
    i18n.set_language("zh")


def upload(at, name: str, data: bytes):
    at.get("file_uploader")[0].upload(name, data, "application/octet-stream")
    return at.run()


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_import_preview_names_the_kind_and_language_in_the_pages_language(conn, lang):
    # QA walk: the line showed "类型：{kind} · 语言：{lang}" (lang= is t()'s own parameter)
    at = upload(page("import", lang=lang).run(), "plan.docx", fire_plan_docx())
    assert not at.exception, at.exception
    kind, language = PLAN_KINDS.label("special", lang), t("lang.zh", lang=lang)
    assert t("import.meta", lang=lang, kind=kind, language=language) in captions(at)
    assert "{" not in captions(at)


# --- 2. a text file renamed to .docx -------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_text_file_renamed_to_docx_is_refused_and_nothing_is_previewed(conn, lang):
    # QA walk: it was accepted and previewed as a plan
    text = "滨海仓库火灾应急预案\n一、总则\n应急指挥部负责统一指挥。\n".encode()
    at = upload(page("import", lang=lang).run(), "改名.docx", text)
    assert not at.exception, at.exception
    said = t("read.docx_not_word", lang=lang, name="改名.docx")
    assert at.error and at.error[0].value.replace("\\", "") == said  # md-escaped
    assert not at.metric and "import_preview" not in at.session_state
    assert plans_store.list_plans(conn, USERS["owner"]) == []


# --- 3. the upload limit -------------------------------------------------------------------


CEILING = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))[
    "server"
]["maxUploadSize"]


def uploader_limit(at) -> int:
    return at.get("file_uploader")[0].proto.max_upload_size_mb


def test_the_web_servers_upload_ceiling_is_above_the_apps_own_default_limit(monkeypatch):
    # a file between the two reaches the page and is refused in the user's language
    monkeypatch.delenv("PLANDRILL_MAX_UPLOAD_MB", raising=False)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] > settings.load_settings().max_upload_mb == 20


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_import_caption_states_the_limit_and_the_uploader_takes_up_to_the_ceiling(conn, lang):
    # the uploader's own "NN MB per file" line is hidden (ui/streamlit_texts.py)
    at = page("import", lang=lang).run()
    assert t("import.help", lang=lang, mb=20) in captions(at)
    assert uploader_limit(at) == CEILING


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_over_a_lower_limit_set_by_the_administrator_is_refused_in_words_of_ours(
    conn, monkeypatch, lang
):
    monkeypatch.setenv("PLANDRILL_MAX_UPLOAD_MB", "5")
    at = page("import", lang=lang).run()
    assert t("import.help", lang=lang, mb=5) in captions(at)
    at = upload(at, "big.docx", b"PK" + bytes(6 * 2**20 - 2))
    assert not at.exception, at.exception
    said = t("read.too_big", lang=lang, size=6, limit=5)
    assert at.error and at.error[0].value.replace("\\", "") == said
    assert not at.metric and plans_store.list_plans(conn, USERS["owner"]) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_injects_uploader_has_a_caption_with_the_limit(world, lang):
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    at = drill_pages.open_page(world, "drill_design", "director", drill_id=drill_id, lang=lang)
    assert not at.exception, at.exception
    assert t("drillpage.injects_upload_help", lang=lang, mb=20) in captions(at)
    assert uploader_limit(at) == CEILING


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_injects_file_over_the_limit_is_refused_in_words_of_ours_before_reading(
    world, speaking, lang
):
    speaking(lang)
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    at = drill_pages.open_page(world, "drill_design", "director", drill_id=drill_id, lang=lang)
    box = next(b for b in at.get("file_uploader") if b.key == "injects_file")
    box.upload("injects.csv", b"title\n" + bytes(21 * 2**20), "text/csv")
    at.run()
    assert not at.exception, at.exception
    said = t("ui.upload_too_big", lang=lang, size="21.0", limit=20)
    assert said in [e.value for e in at.error]
    assert not [b for b in at.button if b.key == "injects_import"]  # nothing to import
