"""A drill design's error about a person without the needed system role names that role in
words, not by its code."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import i18n
from db import drills_store
from i18n import t
from i18n.glossary import DRILL_POSTS
from tests.integration.drills_world import design
from tests.ui import drill_pages


@pytest.fixture
def speaking():
    """Set the test thread's language: AppTest formats a selectbox's options again in this
    thread when it sends the page's widgets back, so it must speak the page's language."""
    yield i18n.set_language
    i18n.set_language("zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_person_without_the_system_role_is_refused_with_the_roles_name(world, speaking, lang):
    # QA walk: "participant 不能担任演练中的 evaluation_lead"
    speaking(lang)
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    at = drill_pages.open_page(world, "drill_design", "director", drill_id=drill_id, lang=lang)
    at.text_input(key="people_leads").set_value("pat")
    at.button(key="people_save").click().run()
    assert not at.exception, at.exception
    message = " ".join(e.value for e in at.error)
    post = DRILL_POSTS.label("evaluation_lead", lang)
    said = t("drills_store.person_lacks_role", lang=lang, username="pat", role=post)
    assert said in message and "evaluation_lead" not in message
    assert drills_store.load_design(world.db, world.director, drill_id).evaluation_leads == (
        "lead",
    )
