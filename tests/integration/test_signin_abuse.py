"""Sign-in abuse on a real DuckDB file: failures are limited per name and source address, so a
stranger cannot lock a working user out; lock-outs and unlocks are audited; an admin unlocks;
passwords are checked against common-password and user-name rules wherever they are set.

Time only moves through `now`; nothing sleeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from access import lockout
from access.errors import AuthError, NotAllowedError, PasswordRuleError
from access.policy import SYSTEM
from db import accounts_seed, audit_store, connection, users_store
from i18n import t
from services import accounts
from tests.actors import UNIT

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PASSWORD = "correct-horse-42"
ATTACKER = "203.0.113.9"
OFFICE = "198.51.100.7"


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    yield conn
    conn.close()


@pytest.fixture
def admin(db):
    users_store.create_user(
        db, SYSTEM, "root", "root-password-77", roles={"admin"}, must_change=False, now=NOW
    )
    return users_store.act_as(db, "root")


def make(db, username="zhang", password=PASSWORD) -> int:
    return users_store.create_user(
        db, SYSTEM, username, password, roles={"evaluator"}, unit=UNIT, must_change=False, now=NOW
    )


def refused(db, ip, username="zhang", password="wrong-password", at=NOW) -> AuthError:
    with pytest.raises(AuthError) as caught:
        accounts.sign_in(db, username, password, now=at, ip=ip)
    return caught.value


def audit(db, action):
    return audit_store.search_audit(db, SYSTEM, action=action)


# --- limited per name and address ---


def test_a_stranger_locks_only_their_own_address_out_and_the_user_still_signs_in(db):
    make(db)
    for n in range(4):
        assert refused(db, ATTACKER, at=NOW + timedelta(seconds=n)).key == "auth.bad_credentials"
    assert refused(db, ATTACKER, at=NOW + timedelta(seconds=4)).key == "auth.locked"
    # the right password from the attacker's address is refused while that pair is locked...
    assert refused(db, ATTACKER, password=PASSWORD, at=NOW + timedelta(seconds=5)).key == (
        "auth.locked"
    )
    # ...while the user, from a clean address, is let in at once, again and again
    for n in range(3):
        at = NOW + timedelta(seconds=6 + n)
        assert accounts.sign_in(db, "zhang", PASSWORD, now=at, ip=OFFICE).username == ("zhang")
    assert accounts.sign_in(db, "zhang", PASSWORD, now=NOW, ip=None).username == "zhang"


def test_the_stranger_keeps_the_doubling_back_off_for_their_address(db):
    make(db)
    at, locks = NOW, []
    for _ in range(4):
        refused(db, ATTACKER, at=at)
    for _ in range(8):
        error = refused(db, ATTACKER, at=at)
        locks.append(error.params["minutes"])
        at += timedelta(seconds=error.params["seconds"])
        # the owner, meanwhile, works from the office
        accounts.sign_in(db, "zhang", PASSWORD, now=at, ip=OFFICE)
    assert locks == [1, 2, 4, 8, 16, 32, 60, 60]


def test_a_success_starts_the_count_again_only_for_its_own_address(db):
    make(db)
    for _ in range(4):
        refused(db, ATTACKER)
        refused(db, OFFICE)
    accounts.sign_in(db, "zhang", PASSWORD, now=NOW, ip=OFFICE)
    assert refused(db, ATTACKER).key == "auth.locked"  # the fifth from there
    for _ in range(4):
        assert refused(db, OFFICE).key == "auth.bad_credentials"


def test_attempts_refused_while_locked_are_recorded_without_counting(db):
    make(db)
    for _ in range(5):
        refused(db, ATTACKER)
    for second in (10, 20, 30):
        refused(db, ATTACKER, at=NOW + timedelta(seconds=second))
    rows = db.execute(
        "SELECT reason, count(*) FROM login_attempts WHERE ip = ? GROUP BY reason ORDER BY 1",
        [ATTACKER],
    ).fetchall()
    assert rows == [("bad_credentials", 5), ("locked", 3)]
    assert accounts.lock_remaining(db, "zhang", now=NOW + timedelta(seconds=60), ip=ATTACKER) is (
        None
    )


def test_an_address_guessing_many_names_is_locked_for_every_name_for_an_hour(db):
    make(db)
    limit = lockout.ADDRESS_MAX_FAILURES
    for n in range(limit - 1):  # one guess per name: no name gets near its own limit
        assert refused(db, ATTACKER, username=f"user{n}").key == "auth.bad_credentials"
    assert refused(db, ATTACKER, username="last-name").key == "auth.address_locked"
    blocked = refused(db, ATTACKER, password=PASSWORD, at=NOW + timedelta(minutes=1))
    assert (blocked.key, blocked.params["minutes"]) == ("auth.address_locked", 59)
    assert accounts.sign_in(db, "zhang", PASSWORD, now=NOW, ip=OFFICE).username == "zhang"
    later = NOW + timedelta(hours=1, seconds=1)
    assert accounts.sign_in(db, "zhang", PASSWORD, now=later, ip=ATTACKER)
    [event] = audit(db, "signin.address_locked")
    assert (event.actor, event.entity, event.entity_id) == ("system", "signin", ATTACKER)
    assert event.after["failures"] == limit


def test_sign_ins_without_a_known_address_share_no_address_limit(db):
    make(db)
    for n in range(lockout.ADDRESS_MAX_FAILURES + 5):
        assert refused(db, None, username=f"user{n}").key == "auth.bad_credentials"
    assert accounts.sign_in(db, "zhang", PASSWORD, now=NOW).username == "zhang"


def test_a_wrong_old_password_counts_for_the_address_it_came_from(db):
    make(db)
    actor = accounts.sign_in(db, "zhang", PASSWORD, now=NOW, ip=OFFICE)
    for _ in range(5):
        with pytest.raises(AuthError):
            accounts.change_password(
                db, actor, "guess-guess-guess", "Blue-kettle-73", now=NOW, ip=ATTACKER
            )
    assert refused(db, ATTACKER, password=PASSWORD).key == "auth.locked"
    assert accounts.sign_in(db, "zhang", PASSWORD, now=NOW, ip=OFFICE).username == "zhang"


# --- audit and unlock ---


def test_each_lock_out_that_starts_is_in_the_audit_log_with_its_address(db):
    make(db)
    for _ in range(5):
        refused(db, ATTACKER)
    for _ in range(3):  # refused while locked: no new lock, no new entry
        refused(db, ATTACKER, at=NOW + timedelta(seconds=30))
    [event] = audit(db, "signin.locked")
    assert (event.actor, event.entity, event.entity_id) == ("system", "signin", "zhang")
    assert event.after == {"username": "zhang", "address": ATTACKER, "failures": 5, "minutes": 1}
    refused(db, ATTACKER, at=NOW + timedelta(minutes=2))  # the sixth failure: a longer lock
    assert [e.after["minutes"] for e in audit(db, "signin.locked")] == [2, 1]
    assert "wrong-password" not in str(audit_store.search_audit(db, SYSTEM))


def test_an_admin_ends_every_lock_of_an_account_and_the_unlock_is_audited(db, admin):
    user_id = make(db)
    for ip in (ATTACKER, None):
        for _ in range(5):
            refused(db, ip)
    locks = accounts.active_locks(db, admin, user_id, now=NOW)
    assert {lock.address for lock in locks} == {ATTACKER, None}
    assert all(lock.until == NOW + timedelta(minutes=1) for lock in locks)
    ended = accounts.unlock(db, admin, user_id, now=NOW + timedelta(seconds=5))
    assert {lock.address for lock in ended} == {ATTACKER, None}
    assert accounts.active_locks(db, admin, user_id, now=NOW) == []
    later = NOW + timedelta(seconds=6)
    assert accounts.sign_in(db, "zhang", PASSWORD, now=later, ip=ATTACKER)
    [event] = audit(db, "user.unlock")
    assert (event.actor, event.entity, event.entity_id) == ("root", "user", str(user_id))
    assert sorted(event.before["locked_from"]) == ["", ATTACKER]
    assert accounts.unlock(db, admin, user_id, now=later) == []  # nothing locked: no entry
    assert len(audit(db, "user.unlock")) == 1


def test_only_admins_see_and_end_lock_outs(db, admin):
    user_id = make(db)
    make(db, "wang", password="Wang-kettle-73")
    for who in (users_store.act_as(db, "wang"), users_store.act_as(db, "zhang")):
        with pytest.raises(NotAllowedError):
            accounts.unlock(db, who, user_id, now=NOW)
        with pytest.raises(NotAllowedError):
            accounts.active_locks(db, who, user_id, now=NOW)


# --- password rules wherever a password is set ---


@pytest.mark.parametrize("weak", ["adminadmin", "zhang2026!!", "gnahz-2026", "1234567890qw"])
def test_weak_passwords_are_refused_at_creation_reset_and_own_change(db, admin, weak):
    with pytest.raises(PasswordRuleError):
        make(db, password=weak)
    user_id = make(db)
    with pytest.raises(PasswordRuleError):
        users_store.reset_password(db, admin, user_id, weak, now=NOW)
    actor = accounts.sign_in(db, "zhang", PASSWORD, now=NOW)
    with pytest.raises(PasswordRuleError):
        accounts.change_password(db, actor, PASSWORD, weak, now=NOW)
    assert accounts.sign_in(db, "zhang", PASSWORD, now=NOW).username == "zhang"


def test_the_first_admins_password_from_the_environment_follows_the_rules(db):
    for weak in ("adminadmin", "Admin@2026!", "password123"):
        with pytest.raises(PasswordRuleError):
            accounts_seed.ensure_admin(db, now=NOW, password_from_env=weak)
    assert users_store.count_users(db) == 0
    assert accounts_seed.ensure_admin(db, now=NOW, password_from_env="Blue-kettle-2026")


def test_demo_accounts_keep_their_published_passwords(db):
    accounts_seed.seed_demo_accounts(db, now=NOW)
    demo = accounts_seed.demo_account("admin")
    assert accounts.sign_in(db, demo.username, demo.password, now=NOW)


# --- the command line ---


def test_the_command_line_unlocks_an_account_and_refuses_easy_passwords(tmp_path):
    from tests.integration.access_cli import assert_clean, run

    path = tmp_path / "cli.duckdb"
    conn = connection.connect(path)
    make(conn)
    for _ in range(5):
        refused(conn, ATTACKER, at=datetime.now(UTC))  # the command line runs on the real clock
    conn.close()
    unlocked = run("users", "unlock", "zhang", db=path)
    assert unlocked.returncode == 0, unlocked.stderr
    assert "已解除用户 zhang 的登录锁定（1 个地址）" in unlocked.stderr
    again = run("users", "unlock", "zhang", db=path, lang="en")
    assert again.returncode == 0 and "zhang is not locked out" in again.stderr
    weak = run(
        "users",
        "create",
        "li",
        "--roles",
        "participant",
        "--password-stdin",
        db=path,
        stdin="adminadmin\n",
    )
    assert weak.returncode == 1 and t("auth.password_weak") in weak.stderr
    assert_clean(weak)
    named = run("users", "reset", "zhang", "--password-stdin", db=path, stdin="Zh@ng-2026!\n")
    assert named.returncode == 1 and t("auth.password_is_username") in named.stderr
    conn = connection.connect(path)
    try:
        at = datetime.now(UTC)
        assert accounts.sign_in(conn, "zhang", PASSWORD, now=at, ip=ATTACKER)
        [event] = audit(conn, "user.unlock")
        assert event.actor == "system"
    finally:
        conn.close()
