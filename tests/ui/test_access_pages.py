"""Page tests of sign-in and rights: each page refuses or hides what the signed-in role may not
see, even when opened directly or with a version id set by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from access.errors import NotAllowedError
from db import plans_store, users_store
from i18n import t
from tests.ui.conftest import NOW, PASSWORD, USERS, page


def _sign_in(at, username: str, password: str):
    at.text_input(key="sign_in_user").set_value(username)
    at.text_input(key="sign_in_password").set_value(password)
    return at.button(key="sign_in_submit").click().run()


@pytest.mark.parametrize(
    "name", ["app", "plan_list", "import", "editor", "versions", "users", "audit", "account"]
)
def test_every_page_asks_for_sign_in_first_and_shows_nothing_else(seeded, name):
    at = page(name, user=None).run()
    assert not at.exception
    assert at.text_input(key="sign_in_user") is not None
    assert not at.dataframe and not at.get("graphviz_chart")


def test_signing_in_with_the_right_password_opens_the_session(conn):
    at = _sign_in(page("app", user=None).run(), "owner", PASSWORD)
    assert at.session_state["user_id"] == USERS["owner"].user_id
    assert any(m.label == t("common.plans") for m in at.metric)


def test_a_wrong_password_and_an_unknown_name_get_the_same_message(conn):
    wrong = _sign_in(page("app", user=None).run(), "owner", "not-the-password")
    unknown = _sign_in(page("app", user=None).run(), "nobody", "not-the-password")
    assert wrong.error[0].value == unknown.error[0].value
    assert "user_id" not in wrong.session_state


def test_repeated_failures_lock_the_account_even_with_the_right_password(conn):
    at = page("app", user=None).run()
    for _ in range(5):
        at = _sign_in(at, "owner", "guess-guess-guess")
    at = _sign_in(at, "owner", PASSWORD)
    assert "user_id" not in at.session_state
    assert at.error[0].value.startswith(t("auth.locked").split("{")[0])


def test_a_forced_password_change_comes_before_anything_else(conn):
    users_store.reset_password(
        conn, USERS["root"], USERS["owner"].user_id, "temporary-pass-1", now=datetime.now(UTC)
    )
    at = page("app", user=None).run()
    at = _sign_in(at, "owner", "temporary-pass-1")
    assert not at.metric
    at.text_input(key="forced_password_old").set_value("temporary-pass-1")
    at.text_input(key="forced_password_new").set_value("my-own-password-2")
    at.text_input(key="forced_password_again").set_value("my-own-password-2")
    at.button(key="forced_password_submit").click().run()
    assert any(m.label == t("common.plans") for m in at.metric)


def test_an_idle_session_times_out(seeded):
    at = page("plan_list", last_seen=datetime.now(UTC) - timedelta(hours=3)).run()
    assert "user_id" not in at.session_state
    assert t("auth.session_expired") in [i.value for i in at.info]


def test_a_disabled_account_loses_its_open_session_on_the_next_page_load(seeded, conn):
    at = page("plan_list").run()
    assert at.dataframe
    users_store.set_disabled(conn, USERS["root"], USERS["owner"].user_id, True, now=NOW)
    at.run()
    assert "user_id" not in at.session_state and not at.dataframe


def test_signing_out_forgets_the_user_and_the_work(seeded):
    at = page("editor", version_id=seeded["zh"].version_id).run()
    at.button(key="sign_out").click().run()
    assert "user_id" not in at.session_state and "work" not in at.session_state


def test_a_participant_sees_only_published_plans_and_no_import(seeded, conn):
    version = seeded["zh"].version_id
    plans_store.submit_for_review(conn, USERS["owner"], version, now=NOW)
    plans_store.approve(conn, USERS["approver"], version, now=NOW)
    at = page("plan_list", user="participant").run()
    titles = list(at.dataframe[0].value.iloc[:, 0])
    assert titles == ["示例化工泄漏应急预案"]
    assert not any(str(b.key) == "plans_delete" for b in at.button)
    denied = page("import", user="participant").run()
    assert denied.error and not denied.get("file_uploader")


def test_a_draft_opened_by_id_stays_hidden_from_a_participant(seeded):
    at = page("editor", user="participant", version_id=seeded["en"].version_id).run()
    assert at.error
    assert not at.get("graphviz_chart") and not at.dataframe
    assert "Warehouse" not in " ".join(t.value for t in at.title)


def test_a_manager_reads_but_cannot_change(seeded):
    at = page("editor", user="manager", version_id=seeded["zh"].version_id).run()
    assert at.get("graphviz_chart")
    assert not any(str(b.key) == "editor_save" for b in at.button)
    versions = page("versions", user="manager", version_id=seeded["zh"].version_id).run()
    assert not any(str(b.key) in ("versions_submit", "versions_approve") for b in versions.button)


def test_an_author_is_not_offered_approval_of_their_own_version_even_as_admin(seeded, conn):
    version = seeded["zh"].version_id
    plans_store.submit_for_review(conn, USERS["root"], version, now=NOW)
    at = page("versions", user="root", version_id=version).run()
    assert not any(str(b.key) == "versions_approve" for b in at.button)
    with pytest.raises(NotAllowedError):
        plans_store.approve(conn, USERS["root"], version, NOW)
    at.button(key="versions_return").click().run()  # an author withdraws it instead
    assert not at.error
    assert plans_store.version_info(conn, USERS["owner"], version).status == "draft"


@pytest.mark.parametrize("name", ["users", "audit"])
def test_admin_pages_refuse_everyone_but_admins(seeded, name):
    at = page(name, user="owner").run()
    assert at.error and not at.dataframe


def test_an_admin_creates_a_user_and_sees_the_one_time_password_once(conn):
    at = page("users", user="root").run()
    at.text_input(key="users_new_name").set_value("newcomer")
    at.multiselect(key="users_new_roles").set_value(["evaluator"])
    at.button(key="users_create_submit").click().run()
    assert any("newcomer" in w.value for w in at.warning)
    assert "newcomer" in [u.username for u in users_store.list_users(conn, USERS["root"])]
    at.run()
    assert not any("newcomer" in w.value for w in at.warning)


def test_the_audit_log_lists_changes_and_exports_csv(seeded):
    at = page("audit", user="root").run()
    assert not at.exception, at.exception
    assert len(at.dataframe[0].value) >= 2
    at.text_input(key="audit_text").set_value("Warehouse").run()
    assert 1 <= len(at.dataframe[0].value) < 10


HOSTILE = "**粗体** <script>alert(1)</script> [点我](http://example.com) :red[红] ![img](x.png)"


def test_document_text_with_markdown_or_html_is_shown_as_written(conn):
    from dataclasses import replace

    from tests.sample_plans import chemical_plan

    plan = chemical_plan(HOSTILE)
    plan = replace(plan, steps=(replace(plan.steps[0], roles=()),) + plan.steps[1:])
    result = plans_store.import_plan(
        conn, USERS["owner"], plan, document=b"hostile", filename="h.docx", now=NOW
    )
    at = page("editor", version_id=result.version_id).run()
    title = at.title[0].value
    assert "\\*\\*" in title and "\\<script\\>" in title and "\\[" in title and "\\:red" in title
    at.radio(key="editor_view").set_value("checks").run()
    assert not at.exception
    home = page("app").run()
    assert any("\\<script\\>" in b.label for b in home.button)
