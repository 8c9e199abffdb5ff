"""Page tests of sign-in abuse: an admin sees and ends a lock-out on the users page, a user
locked out from a stranger's address still signs in, and weak passwords are refused with a
translated message; the client address used for the limits."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from access.errors import AuthError
from db import audit_store, users_store
from i18n import t
from services import accounts
from tests.ui.conftest import PASSWORD, USERS, page
from ui import client

ATTACKER = "203.0.113.9"


def lock_out(conn, username: str, ip: str | None = ATTACKER) -> None:
    for _ in range(5):
        with pytest.raises(AuthError):
            accounts.sign_in(conn, username, "wrong-guess", now=datetime.now(UTC), ip=ip)


def users_page_on(conn, username: str):
    at = page("users", user="root").run()
    account = users_store.get_user_by_name(conn, USERS["root"], username)
    at.selectbox(key="users_pick").set_value(account)
    return at.run()


def test_an_admin_sees_a_lock_out_with_its_address_and_ends_it(conn):
    lock_out(conn, "participant")
    at = users_page_on(conn, "participant")
    assert not at.exception, at.exception
    assert any(ATTACKER.replace(".", "\\.") in w.value for w in at.warning)
    assert t("users.unlock") == at.button(key="users_unlock").label
    at.button(key="users_unlock").click().run()
    assert not at.exception, at.exception
    assert (
        accounts.active_locks(
            conn, USERS["root"], USERS["participant"].user_id, now=datetime.now(UTC)
        )
        == []
    )
    assert not [b for b in at.button if b.key == "users_unlock"]
    assert not any(ATTACKER.replace(".", "\\.") in w.value for w in at.warning)
    [entry] = audit_store.search_audit(conn, USERS["root"], action="user.unlock")
    assert entry.actor == "root"


def test_no_unlock_is_offered_for_an_account_that_is_not_locked(conn):
    at = users_page_on(conn, "participant")
    assert not at.exception, at.exception
    assert not [b for b in at.button if b.key == "users_unlock"]
    assert not any(t("users.locked").split("{")[0] in w.value for w in at.warning)


def test_a_user_locked_out_from_a_strangers_address_still_signs_in_here(conn):
    lock_out(conn, "owner")
    at = page("app", user=None).run()
    at.text_input(key="sign_in_user").set_value("owner")
    at.text_input(key="sign_in_password").set_value(PASSWORD)
    at.button(key="sign_in_submit").click().run()
    assert at.session_state["user_id"] == USERS["owner"].user_id


@pytest.mark.parametrize(
    ("lang", "new", "key"),
    [
        ("zh", "adminadmin", "auth.password_weak"),
        ("en", "qwertyuiop1", "auth.password_weak"),
        ("en", "Owner-2026!", "auth.password_is_username"),
    ],
)
def test_the_account_page_refuses_an_easy_password_in_the_users_language(conn, lang, new, key):
    at = page("account", lang=lang).run()
    at.text_input(key="account_password_old").set_value(PASSWORD)
    at.text_input(key="account_password_new").set_value(new)
    at.text_input(key="account_password_again").set_value(new)
    at.button(key="account_password_submit").click().run()
    assert [e.value for e in at.error] == [t(key, lang=lang)]
    assert accounts.sign_in(conn, "owner", PASSWORD, now=datetime.now(UTC))


def fake_context(monkeypatch, ip, headers=None, header_setting=""):
    context = SimpleNamespace(ip_address=ip, headers=headers or {})
    monkeypatch.setattr(client, "st", SimpleNamespace(context=context))
    if header_setting:
        monkeypatch.setenv("PLANDRILL_CLIENT_IP_HEADER", header_setting)
    else:
        monkeypatch.delenv("PLANDRILL_CLIENT_IP_HEADER", raising=False)


@pytest.mark.parametrize(
    ("ip", "headers", "setting", "expected"),
    [
        ("198.51.100.7", {}, "", "198.51.100.7"),
        (None, {"X-Forwarded-For": "10.0.0.1"}, "", None),  # no proxy configured: not trusted
        (None, {"X-Forwarded-For": "6.6.6.6, 198.51.100.7"}, "X-Forwarded-For", "198.51.100.7"),
        (None, {}, "X-Forwarded-For", None),
        # a header sent by a client that connects directly is never believed
        ("203.0.113.9", {"X-Forwarded-For": "198.51.100.7"}, "X-Forwarded-For", "203.0.113.9"),
    ],
)
def test_the_client_address_trusts_a_proxy_header_only_from_this_machine(
    monkeypatch, ip, headers, setting, expected
):
    fake_context(monkeypatch, ip, headers, setting)
    assert client.client_address() == expected
