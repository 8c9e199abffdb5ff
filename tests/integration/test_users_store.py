"""Accounts on a real DuckDB file: creating users, signing in, brute-force lock-out with
back-off, disabled accounts, the must-change flow, password resets and hostile names."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from access import lockout, passwords
from access.errors import AuthError, NotAllowedError, PasswordRuleError
from access.policy import SYSTEM, allowed
from db import connection, users_store
from db.errors import NotFoundError, StoreError
from i18n import t
from services import accounts
from tests.actors import OWNER, UNIT

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PASSWORD = "correct-horse-42"


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    yield conn
    conn.close()


@pytest.fixture
def admin(db):
    users_store.create_user(
        db, SYSTEM, "admin", "admin-password-1", roles={"admin"}, must_change=False, now=NOW
    )
    return accounts.sign_in(db, "admin", "admin-password-1", now=NOW)


def make(db, username="zhang", *, roles=("plan_owner",), must_change=False, password=PASSWORD):
    return users_store.create_user(
        db,
        SYSTEM,
        username,
        password,
        roles=set(roles),
        unit=UNIT,
        display_name="张工",
        must_change=must_change,
        now=NOW,
    )


def sign_in(db, username="zhang", password=PASSWORD, at=NOW):
    return accounts.sign_in(db, username, password, now=at)


def refused(db, username="zhang", password="wrong-password", at=NOW) -> AuthError:
    with pytest.raises(AuthError) as caught:
        accounts.sign_in(db, username, password, now=at)
    return caught.value


def test_a_created_user_can_sign_in_and_becomes_an_actor_with_their_roles_and_unit(db):
    user_id = make(db, roles=("plan_owner", "approver"))
    actor = sign_in(db)
    assert (actor.user_id, actor.username, actor.display_name) == (user_id, "zhang", "张工")
    assert actor.roles == {"plan_owner", "approver"} and actor.unit == UNIT
    user = users_store.get_user(db, SYSTEM, user_id)
    assert user.last_login_at == NOW and user.created_by == "system"


def test_only_a_salted_argon2id_hash_is_stored(db):
    make(db)
    stored = db.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_an_unknown_name_and_a_wrong_password_get_the_same_answer(db):
    make(db)
    unknown, wrong = refused(db, username="nobody"), refused(db)
    assert unknown.key == wrong.key == "auth.bad_credentials"
    assert t(unknown.key, lang="en") == "Wrong user name or password"


def test_user_names_are_unique_whatever_their_case_and_sign_in_ignores_case(db):
    make(db, "Zhang")
    with pytest.raises(StoreError) as caught:
        make(db, "zHANG")
    assert caught.value.key == "users.duplicate"
    assert sign_in(db, "  ZHANG ").username == "Zhang"


@pytest.mark.parametrize(
    ("username", "roles", "key"),
    [
        ("", ("participant",), "users.bad_username"),
        ("   ", ("participant",), "users.bad_username"),
        ("a" * 65, ("participant",), "users.bad_username"),
        ("tab\there", ("participant",), "users.bad_username"),
        ("System", ("participant",), "users.reserved_name"),
        ("li", ("superuser",), "users.unknown_role"),
        ("li", (), "users.no_roles"),
    ],
)
def test_bad_names_and_roles_are_refused_with_a_translated_key(db, username, roles, key):
    with pytest.raises(StoreError) as caught:
        make(db, username, roles=roles)
    assert caught.value.key == key
    assert not t(key, lang="zh", **caught.value.params).startswith("⟦")
    assert users_store.count_users(db) == 0


@pytest.mark.parametrize(
    ("password", "key"),
    [
        ("short", "auth.password_too_short"),
        ("zhang", "auth.password_too_short"),
        ("zhangsan-1", "auth.password_is_username"),
    ],
)
def test_a_user_cannot_be_created_with_a_password_that_breaks_the_rules(db, password, key):
    with pytest.raises(PasswordRuleError) as caught:
        make(db, "zhangsan-1" if key.endswith("username") else "zhang", password=password)
    assert caught.value.key == key


@pytest.mark.parametrize("who", [OWNER, None])
def test_only_admins_manage_accounts(db, who):
    user_id = make(db)
    calls = [
        lambda: make(db, "li"),
        lambda: users_store.list_users(db, who),
        lambda: users_store.reset_password(db, who, user_id, now=NOW),
        lambda: users_store.set_disabled(db, who, user_id, True, now=NOW),
        lambda: users_store.update_roles(db, who, user_id, {"admin"}, now=NOW),
        lambda: users_store.get_user_by_name(db, who, "zhang"),
    ]
    for call in calls[1:]:
        with pytest.raises(NotAllowedError):
            call()
    with pytest.raises(NotFoundError):  # someone else's account does not exist for them
        users_store.get_user(db, who, user_id)
    assert users_store.count_users(db) == 1


# --- lock-out with back-off: time only moves through `now`, nothing sleeps ---


def test_five_failures_in_a_row_lock_the_account_for_a_minute(db):
    make(db)
    for n in range(4):
        assert refused(db, at=NOW + timedelta(seconds=n)).key == "auth.bad_credentials"
    fifth = refused(db, at=NOW + timedelta(seconds=4))
    assert fifth.key == "auth.locked"
    assert (fifth.params["minutes"], fifth.params["seconds"]) == (1, 60)
    assert "1 分钟" in t(fifth.key, lang="zh", **fifth.params)
    # even the right password is refused while locked
    locked = refused(db, password=PASSWORD, at=NOW + timedelta(seconds=34))
    assert (locked.key, locked.params["seconds"]) == ("auth.locked", 30)
    assert sign_in(db, at=NOW + timedelta(seconds=64)).username == "zhang"


def test_each_further_failure_doubles_the_lock_up_to_an_hour(db):
    make(db)
    at = NOW
    for _ in range(4):
        refused(db, at=at)
    locks = []
    for _ in range(9):  # failures 5 to 13, each one tried as soon as the previous lock ends
        error = refused(db, at=at)
        locks.append(error.params["minutes"])
        at += timedelta(seconds=error.params["seconds"])
    assert locks == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_attempts_while_locked_do_not_make_the_lock_longer(db):
    make(db)
    for _ in range(5):
        refused(db)
    for second in range(10, 60, 10):
        assert refused(db, at=NOW + timedelta(seconds=second)).key == "auth.locked"
    assert accounts.lock_remaining(db, "zhang", now=NOW + timedelta(seconds=60)) is None


def test_a_successful_sign_in_starts_the_count_again(db):
    make(db)
    for _ in range(4):
        refused(db)
    sign_in(db)
    for _ in range(4):
        assert refused(db).key == "auth.bad_credentials"


def test_names_without_an_account_are_locked_out_the_same_way(db):
    for _ in range(4):
        refused(db, username="ghost")
    assert refused(db, username="ghost").key == "auth.locked"


def test_parallel_guesses_cannot_slip_past_the_lock_out(db):
    make(db)
    start = threading.Barrier(20)

    def guess(n: int) -> str:
        start.wait()
        with pytest.raises(AuthError) as caught:
            accounts.sign_in(db, "zhang", f"guess-number-{n}", now=NOW)
        return caught.value.key

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(guess, range(20)))
    assert answers.count("auth.bad_credentials") == 4
    assert answers.count("auth.locked") == 16


@pytest.mark.parametrize(
    ("failures", "minutes"),
    [(0, None), (4, None), (5, 1), (6, 2), (7, 4), (10, 32), (11, 60), (50, 60), (10_000, 60)],
)
def test_the_lock_duration_by_consecutive_failures(failures, minutes):
    expected = None if minutes is None else timedelta(minutes=minutes)
    assert lockout.lock_duration(failures) == expected


def test_an_admins_reset_lifts_a_lock_out(db, admin):
    user_id = make(db)
    for _ in range(5):
        refused(db)
    new = users_store.reset_password(db, admin, user_id, now=NOW + timedelta(seconds=5))
    assert sign_in(db, password=new, at=NOW + timedelta(seconds=6)).must_change_password


# --- disabled accounts and sessions ---


def test_a_disabled_user_cannot_sign_in_and_their_session_stops_at_the_next_page_load(db, admin):
    user_id = make(db)
    session = sign_in(db)
    users_store.set_disabled(db, admin, user_id, True, now=NOW)
    with pytest.raises(AuthError) as caught:
        users_store.load_actor(db, session.user_id)
    assert caught.value.key == "auth.disabled"
    assert refused(db, password=PASSWORD).key == "auth.disabled"
    assert refused(db, password="wrong-password").key == "auth.bad_credentials"  # tells nothing
    users_store.set_disabled(db, admin, user_id, False, now=NOW)
    assert users_store.load_actor(db, user_id).username == "zhang"


def test_a_session_reloads_roles_changed_by_an_admin(db, admin):
    user_id = make(db)
    assert users_store.load_actor(db, user_id).roles == {"plan_owner"}
    users_store.update_user(
        db, admin, user_id, roles={"participant"}, unit="临港物流园区", display_name="张三", now=NOW
    )
    actor = users_store.load_actor(db, user_id)
    assert (actor.roles, actor.unit, actor.display_name) == (
        {"participant"},
        "临港物流园区",
        "张三",
    )


def test_a_password_reset_ends_sessions_that_began_before_it(db, admin):
    user_id = make(db)
    users_store.reset_password(db, admin, user_id, "temporary-pass-1", now=NOW + timedelta(hours=1))
    with pytest.raises(AuthError) as caught:
        users_store.load_actor(db, user_id, signed_in_at=NOW)
    assert caught.value.key == "auth.session_ended"
    later = users_store.load_actor(db, user_id, signed_in_at=NOW + timedelta(hours=2))
    assert later.must_change_password


def test_a_deleted_or_unknown_account_ends_the_session(db):
    with pytest.raises(AuthError) as caught:
        users_store.load_actor(db, 404)
    assert caught.value.key == "auth.session_ended"


# --- must change the password ---


def test_the_first_sign_in_must_change_the_password_before_anything_else(db):
    make(db, must_change=True)
    actor = sign_in(db)
    assert actor.must_change_password
    assert not allowed(actor, "plan.read")
    with pytest.raises(AuthError) as caught:
        accounts.change_password(db, actor, "not-my-password", "brand-new-pass", now=NOW)
    assert caught.value.key == "auth.bad_old_password"
    with pytest.raises(PasswordRuleError) as caught:
        accounts.change_password(db, actor, PASSWORD, PASSWORD, now=NOW)
    assert caught.value.key == "auth.password_unchanged"
    with pytest.raises(PasswordRuleError):
        accounts.change_password(db, actor, PASSWORD, "short", now=NOW)
    changed = accounts.change_password(db, actor, PASSWORD, "brand-new-pass", now=NOW)
    assert not changed.must_change_password and allowed(changed, "plan.read")
    assert refused(db, password=PASSWORD).key == "auth.bad_credentials"
    assert not sign_in(db, password="brand-new-pass").must_change_password


def test_a_reset_password_must_be_changed_again(db, admin):
    user_id = make(db)
    password = users_store.reset_password(db, admin, user_id, now=NOW)
    assert len(password) == 16
    assert sign_in(db, password=password).must_change_password
    with pytest.raises(PasswordRuleError):
        users_store.reset_password(db, admin, user_id, "zhang", now=NOW)


def test_wrong_old_passwords_count_towards_the_lock_out(db):
    make(db)
    actor = sign_in(db)
    for _ in range(5):
        with pytest.raises(AuthError):
            accounts.change_password(db, actor, "guess-guess-guess", "brand-new-pass", now=NOW)
    assert refused(db, password=PASSWORD).key == "auth.locked"


def test_a_password_change_applies_to_the_signed_in_account_only(db):
    make(db)
    make(db, "li", password="li-password-1")
    li = sign_in(db, "li", "li-password-1")
    forged = replace(li, username="zhang")  # a tampered session still names li's account id
    with pytest.raises(AuthError):
        accounts.change_password(db, forged, PASSWORD, "brand-new-pass", now=NOW)
    accounts.change_password(db, forged, "li-password-1", "brand-new-pass", now=NOW)
    assert sign_in(db, "zhang").username == "zhang"
    assert sign_in(db, "li", "brand-new-pass").username == "li"
    with pytest.raises(NotAllowedError):
        accounts.change_password(db, SYSTEM, PASSWORD, "brand-new-pass", now=NOW)


# --- keeping an admin ---


def test_an_admin_cannot_disable_themselves_or_remove_the_last_admin(db, admin):
    with pytest.raises(StoreError) as caught:
        users_store.set_disabled(db, admin, admin.user_id, True, now=NOW)
    assert caught.value.key == "users.cannot_disable_self"
    with pytest.raises(StoreError) as caught:
        users_store.update_roles(db, admin, admin.user_id, {"manager"}, now=NOW)
    assert caught.value.key == "users.last_admin"
    second = make(db, "second", roles=("admin",))
    users_store.update_roles(db, admin, admin.user_id, {"manager"}, now=NOW)
    with pytest.raises(StoreError) as caught:
        users_store.set_disabled(db, SYSTEM, second, True, now=NOW)
    assert caught.value.key == "users.last_admin"


def test_the_list_shows_every_account_by_name_without_password_hashes(db, admin):
    make(db, "li")
    make(db, "Bai")
    users = users_store.list_users(db, admin)
    assert [u.username for u in users] == ["admin", "Bai", "li"]
    assert not any(hasattr(u, "password_hash") for u in users)


def test_a_hash_made_with_old_parameters_is_renewed_at_sign_in(db, monkeypatch):
    make(db)
    stronger = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    monkeypatch.setattr(passwords, "HASHER", stronger)
    sign_in(db)
    stored = db.execute("SELECT password_hash FROM users").fetchone()[0]
    assert "m=2048,t=2" in stored
    assert sign_in(db).username == "zhang"


# --- hostile text is data, never SQL or markup ---

HOSTILE = [
    "'; DROP TABLE users; --",
    "<script>alert('x')</script>",
    "Robert'); DELETE FROM login_attempts WHERE ('1'='1",
    '" OR 1=1 --',
    "%_\\'",
    '管理员 <b>粗体</b> & "引号"',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_user_names_display_names_and_units_are_stored_and_read_back_verbatim(db, text):
    name = text[:64]
    user_id = users_store.create_user(
        db,
        SYSTEM,
        name,
        "hostile-pass-1",
        roles={"participant"},
        unit=text,
        display_name=text,
        now=NOW,
    )
    user = users_store.get_user(db, SYSTEM, user_id)
    assert (user.username, user.display_name, user.unit) == (name, text, text)
    actor = accounts.sign_in(db, name, "hostile-pass-1", now=NOW)
    assert (actor.username, actor.display_name, actor.unit) == (name, text, text)
    assert users_store.get_user_by_name(db, SYSTEM, name).id == user_id
    refused(db, username=text + "x")
    tables = {
        r[0] for r in db.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert {"users", "login_attempts", "audit_log"} <= tables
    assert db.execute("SELECT count(*) FROM login_attempts").fetchone()[0] == 2
