"""Passwords: argon2id hashes, rules with translated messages, one-time passwords;
and the idle session time-out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from access import passwords
from access.errors import PasswordRuleError
from access.sessions import session_expired
from i18n import t


@pytest.fixture(scope="module")
def stored() -> str:
    return passwords.hash_password("正确的密码 correct horse")


def test_a_hash_is_salted_argon2id_and_never_contains_the_password(stored):
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert passwords.hash_password("正确的密码 correct horse") != stored  # a fresh salt each time


def test_the_right_password_verifies_and_a_wrong_one_does_not(stored):
    assert passwords.verify_password(stored, "正确的密码 correct horse")
    assert not passwords.verify_password(stored, "正确的密码 correct horsE")
    assert not passwords.verify_password(stored, "")


@pytest.mark.parametrize("damaged", ["", "plain text", "$argon2id$v=19$m=1$broken"])
def test_a_damaged_hash_never_verifies_and_never_raises(damaged):
    assert not passwords.verify_password(damaged, "anything at all")
    assert passwords.needs_rehash(damaged)


def test_a_hash_with_weaker_parameters_asks_to_be_rehashed(stored):
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("correct horse battery")
    assert passwords.needs_rehash(weak)
    assert not passwords.needs_rehash(stored)


@pytest.mark.parametrize(
    ("password", "username", "old", "key"),
    [
        ("short", "zhang", None, "auth.password_too_short"),
        ("123456789", "zhang", None, "auth.password_too_short"),
        ("x" * 257, "zhang", None, "auth.password_too_long"),
        ("zhangsan2026", "zhangsan2026", None, "auth.password_is_username"),
        ("ZhangSan2026", "zhangsan2026", None, "auth.password_is_username"),
        ("same-old-password", "zhang", "same-old-password", "auth.password_unchanged"),
        ("adminadmin", "li", None, "auth.password_weak"),
        ("1234567890", "zhang", None, "auth.password_weak"),
        ("qwertyuiop", "zhang", None, "auth.password_weak"),
        ("password2026", "zhang", None, "auth.password_weak"),
        ("iloveyou1234", "zhang", None, "auth.password_weak"),
        ("Plandrill2026!", "zhang", None, "auth.password_weak"),
        ("a" * 80, "zhang", None, "auth.password_weak"),
        ("张工张工张工张工张工", "zhang", None, "auth.password_weak"),
    ],
)
def test_passwords_that_break_a_rule_are_refused_with_a_translated_key(
    password, username, old, key
):
    with pytest.raises(PasswordRuleError) as caught:
        passwords.check_password_rules(password, username, old=old)
    assert caught.value.key == key
    for lang in ("zh", "en"):
        message = t(key, lang=lang, **caught.value.params)
        assert not message.startswith("⟦") and "{" not in message


@pytest.mark.parametrize(
    ("password", "username"),
    [
        ("adminadmin", "admin"),
        ("Admin@2026", "admin"),
        ("4dm1n-2026!", "admin"),
        ("Zh@ng!2026zhang", "zhang"),
        ("gnahz12345", "zhang"),  # reversed
        ("zhangzhang", "zhang"),  # twice
        ("xzhangx2026", "zhang"),  # three letters at most around it
        ("ZHANG-2026-!!", "zhang"),
    ],
)
def test_the_user_name_dressed_up_is_refused_as_the_user_name(password, username):
    with pytest.raises(PasswordRuleError) as caught:
        passwords.check_password_rules(password, username)
    assert caught.value.key == "auth.password_is_username"


def test_a_variant_of_the_display_name_is_refused_too():
    with pytest.raises(PasswordRuleError) as caught:
        passwords.check_password_rules("WangXiaoming1990", "wxm", names=["王小明 Wang Xiaoming"])
    assert caught.value.key == "auth.password_is_username"
    passwords.check_password_rules("WangXiaoming1990", "wxm")  # not that person's name


@pytest.mark.parametrize(
    ("password", "username"),
    [
        ("应急预案演练通密码一二", "zhang"),
        (" leading-space ", "zhang"),
        ("blue-kettle-73", "zhang"),
        ("zhang-abcd-kettle-2026", "zhang"),  # the name inside a strong password is fine
        ("x" * 40 + "-marmot-violin-quarry-1987-" + "y" * 40, "zhang"),  # longer than zxcvbn reads
    ],
)
def test_long_enough_hard_to_guess_passwords_that_are_not_the_user_name_are_accepted(
    password, username
):
    passwords.check_password_rules(password, username)


def test_the_published_demo_admin_password_would_be_refused_for_a_real_account():
    from db.accounts_seed import demo_account

    demo = demo_account("admin")
    with pytest.raises(PasswordRuleError):
        passwords.check_password_rules(demo.password, demo.username, names=[demo.display_name])
    passwords.check_length(demo.password)  # all that its demo seeding asks of it


def test_a_generated_password_passes_the_rules_and_is_different_every_time():
    made = {passwords.generate_password() for _ in range(50)}
    assert len(made) == 50
    for password in made:
        passwords.check_password_rules(password, "admin")
        assert len(password) == 16
        assert not set(password) & set("0O1lI")


NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("idle", "minutes", "expired"),
    [
        (timedelta(minutes=5), 30, False),
        (timedelta(minutes=29, seconds=59), 30, False),
        (timedelta(minutes=30), 30, True),
        (timedelta(hours=3), 30, True),
        (timedelta(minutes=9), 10, False),
        (timedelta(minutes=10), 10, True),
    ],
)
def test_a_session_expires_after_the_idle_minutes(idle, minutes, expired):
    assert session_expired(NOW - idle, NOW, minutes) is expired


def test_a_session_never_seen_is_expired():
    assert session_expired(None, NOW, 30)


@pytest.mark.parametrize(
    ("env", "minutes"),
    [(None, 30), ("5", 5), ("0", 30), ("soon", 30), ("0.25", 0.25), ("-1", 30), ("inf", 30)],
)
def test_the_idle_time_defaults_to_plandrill_session_minutes(monkeypatch, env, minutes):
    if env is None:
        monkeypatch.delenv("PLANDRILL_SESSION_MINUTES", raising=False)
    else:
        monkeypatch.setenv("PLANDRILL_SESSION_MINUTES", env)
    just_before = NOW - timedelta(minutes=minutes) + timedelta(seconds=1)
    assert not session_expired(just_before, NOW)
    assert session_expired(NOW - timedelta(minutes=minutes), NOW)
