"""The users page asks before it disables an account or resets a password, and a confirmation
belongs to the user it was asked for."""

from __future__ import annotations

from datetime import UTC, datetime

from db import users_store
from i18n import t
from services import accounts
from tests.ui.conftest import PASSWORD, USERS, page

# how the questions begin, whoever they are about
ASKS_DISABLE = t("users.confirm_disable").split("{")[0]
ASKS_RESET = t("users.confirm_reset").split("{")[0]


def account(conn, username: str):
    return next(u for u in users_store.list_users(conn, USERS["root"]) if u.username == username)


def pick_user(at, conn, username: str):
    at.selectbox(key="users_pick").set_value(account(conn, username))
    return at.run()


def test_disabling_an_account_waits_for_the_confirmation(conn):
    # QA walk: one click disabled the account
    at = pick_user(page("users", user="root").run(), conn, "participant")
    at.button(key="users_toggle").click().run()
    assert not account(conn, "participant").disabled
    assert t("users.confirm_disable", username="participant") in [w.value for w in at.warning]
    at.button(key="users_confirm_yes").click().run()
    assert not at.exception, at.exception
    assert account(conn, "participant").disabled
    assert not any(ASKS_DISABLE in w.value for w in at.warning)
    at.button(key="users_toggle").click().run()  # enabling it again needs no confirmation
    assert not account(conn, "participant").disabled


def test_a_cancelled_disable_changes_nothing(conn):
    at = pick_user(page("users", user="root", lang="en").run(), conn, "participant")
    at.button(key="users_toggle").click().run()
    assert any("Disable the account participant?" in w.value for w in at.warning)
    at.button(key="users_confirm_no").click().run()
    assert not at.warning and not account(conn, "participant").disabled


def test_resetting_a_password_waits_for_the_confirmation_then_shows_the_new_one(conn):
    # QA walk: one click reset the password
    at = pick_user(page("users", user="root").run(), conn, "participant")
    at.button(key="users_reset").click().run()
    assert t("users.confirm_reset", username="participant") in [w.value for w in at.warning]
    assert not account(conn, "participant").must_change_password
    assert accounts.sign_in(conn, "participant", PASSWORD, now=datetime.now(UTC))
    at.button(key="users_confirm_yes").click().run()
    assert not at.exception, at.exception
    assert account(conn, "participant").must_change_password
    once = t("users.password_once", username="participant", password="{password}")
    shown = [w.value for w in at.warning if w.value.startswith(once.split("{password}")[0])]
    assert len(shown) == 1
    assert ASKS_RESET not in " ".join(w.value for w in at.warning)


def test_a_confirmation_belongs_to_the_user_it_was_asked_for(conn):
    at = pick_user(page("users", user="root").run(), conn, "participant")
    at.button(key="users_reset").click().run()
    assert t("users.confirm_reset", username="participant") in [w.value for w in at.warning]
    at = pick_user(at, conn, "manager")
    assert not any(ASKS_RESET in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "users_confirm_yes"]
