"""The New draft button of a published version (ui.start_new_draft over services.plans):
it opens a new draft and goes to it, and says why when the plan already has one."""

from __future__ import annotations

from db import plans_store
from i18n import t
from tests.ui.conftest import NOW, USERS, page


def published(conn, seeded) -> int:
    version_id = seeded["zh"].version_id
    plans_store.submit_for_review(conn, USERS["owner"], version_id, NOW)
    plans_store.approve(conn, USERS["approver"], version_id, NOW)
    return version_id


def test_a_new_draft_of_a_published_version_is_opened_for_editing(conn, seeded):
    version_id = published(conn, seeded)
    at = page("editor", version_id=version_id).run()
    at = at.button(key="editor_new_draft").click().run()
    assert not at.exception, at.exception
    draft_id = at.session_state["version_id"]
    assert draft_id != version_id
    assert plans_store.version_info(conn, USERS["owner"], draft_id).status == "draft"


def test_a_second_new_draft_is_refused_with_the_reason(conn, seeded):
    version_id = published(conn, seeded)
    plan_id = seeded["zh"].plan_id
    plans_store.new_draft(conn, USERS["owner"], plan_id, from_version_id=version_id, now=NOW)
    at = page("editor", version_id=version_id).run()
    at = at.button(key="editor_new_draft").click().run()
    assert not at.exception, at.exception
    assert at.session_state["version_id"] == version_id
    assert [e.value for e in at.error] == [t("db.draft_exists", number=2)]
