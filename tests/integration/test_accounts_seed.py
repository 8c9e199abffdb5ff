"""Accounts of a first start: a one-time admin, demo accounts per role in demo mode,
and no known password outside it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from access.errors import AuthError, PasswordRuleError
from access.policy import SYSTEM
from db import accounts_seed, connection, users_store
from db.accounts_seed import DEMO_ACCOUNTS, DEMO_UNIT
from i18n.glossary import ACCOUNT_ROLES
from services import accounts

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    yield conn
    conn.close()


def test_the_first_start_creates_an_admin_with_a_one_time_password(db):
    password = accounts_seed.ensure_admin(db, now=NOW, password_from_env=None)
    assert password and len(password) == 16
    actor = accounts.sign_in(db, "admin", password, now=NOW)
    assert actor.roles == {"admin"} and actor.must_change_password
    assert accounts_seed.ensure_admin(db, now=NOW) is None  # only once


def test_the_admin_password_can_come_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("PLANDRILL_ADMIN_PASSWORD", "from-the-environment")
    assert accounts_seed.ensure_admin(db, now=NOW) == "from-the-environment"
    assert accounts.sign_in(db, "admin", "from-the-environment", now=NOW).must_change_password


def test_a_weak_password_in_the_environment_is_refused(db):
    with pytest.raises(PasswordRuleError):
        accounts_seed.ensure_admin(db, now=NOW, password_from_env="admin")
    assert users_store.count_users(db) == 0


def test_no_admin_is_added_when_accounts_exist(db):
    users_store.create_user(db, SYSTEM, "boss", "boss-password-1", roles={"admin"}, now=NOW)
    assert accounts_seed.ensure_admin(db, now=NOW) is None
    assert [u.username for u in users_store.list_users(db, SYSTEM)] == ["boss"]


def test_demo_mode_has_one_account_per_role_with_the_documented_passwords(db):
    assert accounts_seed.prepare_accounts(db, demo=True, now=NOW)  # the admin's, for the log
    assert {a.role for a in DEMO_ACCOUNTS} == set(ACCOUNT_ROLES)
    for account in DEMO_ACCOUNTS:
        actor = accounts.sign_in(db, account.username, account.password, now=NOW)
        assert actor.roles == {account.role} and actor.unit == DEMO_UNIT
        assert not actor.must_change_password
    assert accounts_seed.seed_demo_accounts(db, now=NOW) == []


def test_outside_demo_mode_the_demo_accounts_are_disabled(db):
    accounts_seed.prepare_accounts(db, demo=True, now=NOW)
    accounts_seed.prepare_accounts(db, demo=False, now=NOW)
    for account in DEMO_ACCOUNTS:
        with pytest.raises(AuthError) as caught:
            accounts.sign_in(db, account.username, account.password, now=NOW)
        assert caught.value.key == "auth.disabled"
    accounts_seed.prepare_accounts(db, demo=True, now=NOW)  # and back on in demo mode
    owner = accounts_seed.demo_account("plan_owner")
    assert accounts.sign_in(db, owner.username, owner.password, now=NOW)


def test_a_database_that_only_ever_ran_as_a_demo_gets_a_real_admin_when_the_demo_ends(db):
    accounts_seed.seed_demo_accounts(db, now=NOW)  # an older start: demo accounts only
    password = accounts_seed.prepare_accounts(db, demo=False, now=NOW)
    assert accounts.sign_in(db, "admin", password, now=NOW).roles == {"admin"}
