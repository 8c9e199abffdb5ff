"""The administrator's account use cases (services/users.py) and the session's
(services/accounts.py), on a real DuckDB file: a new account's first password, a session read
afresh, the demo accounts the sign-in page lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from access.errors import AuthError, NotAllowedError
from access.policy import SYSTEM
from db import connection, users_store
from db.accounts_seed import DEMO_ACCOUNTS
from services import accounts, users
from tests.actors import ADMIN, OWNER

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
PASSWORD = "Quiet-Harbour-Lantern-73"


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    yield conn
    conn.close()


def test_a_new_account_gets_a_password_that_must_be_changed_at_first_sign_in(db):
    password = users.create_user(
        db, ADMIN, "wang", roles=["plan_owner"], unit="滨江化工园区", display_name="王工", now=NOW
    )
    actor = accounts.sign_in(db, "wang", password, now=NOW)
    assert actor.must_change_password and actor.unit == "滨江化工园区"
    assert [u.username for u in users.list_users(db, ADMIN)] == ["wang"]


def test_only_an_administrator_creates_accounts(db):
    with pytest.raises(NotAllowedError):
        users.create_user(db, OWNER, "li", roles=["approver"], now=NOW)
    assert users_store.count_users(db) == 0


def test_a_session_ends_when_its_password_is_reset(db):
    user_id = users_store.create_user(
        db, SYSTEM, "zhao", PASSWORD, roles={"evaluator"}, must_change=False, now=NOW
    )
    assert accounts.session_actor(db, user_id, signed_in_at=NOW).username == "zhao"
    users.reset_password(db, ADMIN, user_id, now=NOW + timedelta(minutes=5))
    with pytest.raises(AuthError) as refused:
        accounts.session_actor(db, user_id, signed_in_at=NOW)
    assert refused.value.key == "auth.session_ended"


def test_the_sign_in_page_lists_every_demo_account_but_the_administrators():
    listed = accounts.listed_demo_accounts()
    assert [a.username for a in listed] == [a.username for a in DEMO_ACCOUNTS if a.role != "admin"]
    assert all(a.role != "admin" for a in listed)


def test_an_accounts_language_is_its_own_and_its_last_choice(db):
    zhao = users_store.create_user(db, SYSTEM, "zhao", PASSWORD, roles={"evaluator"}, now=NOW)
    qian = users_store.create_user(db, SYSTEM, "qian", PASSWORD, roles={"evaluator"}, now=NOW)
    assert accounts.preferred_language(db, zhao) is None
    accounts.choose_language(db, zhao, "en", now=NOW)
    accounts.choose_language(db, qian, "en", now=NOW)
    accounts.choose_language(db, zhao, "zh", now=NOW + timedelta(minutes=1))
    assert (accounts.preferred_language(db, zhao), accounts.preferred_language(db, qian)) == (
        "zh",
        "en",
    )
    with pytest.raises(ValueError):
        accounts.choose_language(db, zhao, "fr", now=NOW)
    assert accounts.preferred_language(db, zhao) == "zh"
