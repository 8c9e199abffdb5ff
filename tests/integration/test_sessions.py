"""Signed-in sessions kept in the database (services/sessions.py, db/sessions_store.py), on a
real DuckDB file and on PostgreSQL: the login code swapped once for the cookie's token, a
session found again from the token, and every way it ends (sign-out, idle time-out, lifetime,
one's own password change elsewhere, an admin's reset, a disabled account)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from access.errors import AuthError
from access.policy import SYSTEM
from access.sessions import CODE_LIFETIME, MAX_AGE
from db import connection, sessions_store, users_store
from db.errors import StoreError, VersionConflictError
from services import accounts, sessions, users
from tests.actors import ADMIN

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
PASSWORD = "Quiet-Harbour-Lantern-73"


@pytest.fixture
def db(database, monkeypatch):
    monkeypatch.setenv("PLANDRILL_SESSION_MINUTES", "30")
    conn = connection.connect(database)
    users_store.create_user(
        conn,
        SYSTEM,
        "zhao",
        PASSWORD,
        roles={"evaluator"},
        must_change=False,
        now=NOW - timedelta(days=1),
    )
    yield conn
    conn.close()


def sign_in(db, at=NOW) -> sessions.SignedIn:
    return sessions.sign_in_session(db, "zhao", PASSWORD, now=at, ip="10.0.0.8", user_agent="UA")


def ended(db, session_id: int, at) -> str:
    with pytest.raises(AuthError) as refused:
        sessions.check_session(db, session_id, now=at)
    return refused.value.key


def revoke_reasons(db) -> list[tuple[int, str | None]]:
    with db.cursor() as cur:
        return cur.execute("SELECT id, revoke_reason FROM sessions ORDER BY id").fetchall()


def test_the_login_code_is_swapped_once_for_a_token_that_finds_the_session_again(db):
    signed = sign_in(db)
    cookie = sessions.redeem_login_code(db, signed.login_code, now=NOW + timedelta(seconds=5))
    assert cookie is not None and cookie.expires_at == NOW + MAX_AGE
    assert sessions.redeem_login_code(db, signed.login_code, now=NOW + timedelta(seconds=6)) is None
    resumed = sessions.resume_session(db, cookie.token, now=NOW + timedelta(minutes=10))
    assert resumed.session_id == signed.session_id and resumed.actor.username == "zhao"


@pytest.mark.parametrize("code", ["expired", "unknown", "empty"])
def test_a_login_code_expired_or_unknown_gives_no_cookie(db, code):
    signed = sign_in(db)
    later = NOW + CODE_LIFETIME
    given = {"expired": signed.login_code, "unknown": "not-a-code", "empty": ""}[code]
    assert sessions.redeem_login_code(db, given, now=later) is None


def test_only_hashes_of_the_token_and_the_code_are_stored(db):
    signed = sign_in(db)
    cookie = sessions.redeem_login_code(db, signed.login_code, now=NOW)
    with db.cursor() as cur:
        row = cur.execute("SELECT * FROM sessions").fetchone()
    stored = " ".join(str(value) for value in row)
    assert signed.login_code not in stored and cookie.token not in stored
    assert "10.0.0.8" in stored and "UA" in stored


def test_signing_out_ends_the_session_for_every_tab_and_its_cookie(db):
    signed = sign_in(db)
    cookie = sessions.redeem_login_code(db, signed.login_code, now=NOW)
    sessions.end_session(db, signed.session_id, now=NOW + timedelta(minutes=1))
    assert ended(db, signed.session_id, NOW + timedelta(minutes=2)) == "auth.session_signed_out"
    assert sessions.resume_session(db, cookie.token, now=NOW + timedelta(minutes=2)) is None


def test_signing_out_by_the_cookie_ends_its_session(db):
    signed = sign_in(db)
    cookie = sessions.redeem_login_code(db, signed.login_code, now=NOW)
    sessions.end_session_by_token(db, cookie.token, now=NOW + timedelta(minutes=1))
    sessions.end_session_by_token(db, "no-such-token", now=NOW + timedelta(minutes=1))
    assert revoke_reasons(db) == [(signed.session_id, "signed_out")]


def test_an_idle_session_is_revoked_when_next_checked_and_says_it_timed_out(db):
    signed = sign_in(db)
    cookie = sessions.redeem_login_code(db, signed.login_code, now=NOW)
    assert ended(db, signed.session_id, NOW + timedelta(minutes=30)) == "auth.session_expired"
    assert revoke_reasons(db) == [(signed.session_id, "idle")]
    assert sessions.resume_session(db, cookie.token, now=NOW + timedelta(minutes=31)) is None


def test_a_reload_after_the_time_out_says_so_once(db):
    signed = sign_in(db)
    cookie = sessions.redeem_login_code(db, signed.login_code, now=NOW)
    with pytest.raises(AuthError) as refused:
        sessions.resume_session(db, cookie.token, now=NOW + timedelta(hours=1))
    assert refused.value.key == "auth.session_expired"
    assert sessions.resume_session(db, cookie.token, now=NOW + timedelta(hours=1)) is None


def test_the_users_actions_keep_the_session_alive_and_an_automatic_refresh_does_not(db):
    active, refreshed = sign_in(db), sign_in(db)
    for minutes in (20, 40, 60):
        at = NOW + timedelta(minutes=minutes)
        sessions.check_session(db, active.session_id, now=at, activity=True)
        if minutes == 20:
            sessions.check_session(db, refreshed.session_id, now=at, activity=False)
    assert ended(db, refreshed.session_id, NOW + timedelta(minutes=40)) == "auth.session_expired"
    assert sessions.check_session(db, active.session_id, now=NOW + timedelta(minutes=80))


def test_however_active_a_session_ends_after_its_lifetime(db):
    signed = sign_in(db)
    at = NOW
    while at < NOW + MAX_AGE - timedelta(minutes=20):
        at += timedelta(minutes=20)
        sessions.check_session(db, signed.session_id, now=at)
    assert ended(db, signed.session_id, NOW + MAX_AGE) == "auth.session_lifetime"


def test_ones_own_password_change_ends_the_other_sessions_but_not_the_current_one(db):
    here, phone, laptop = sign_in(db), sign_in(db), sign_in(db)
    actor = here.actor
    later = NOW + timedelta(minutes=5)
    accounts.change_password(
        db, actor, PASSWORD, "Brand-New-Kettle-2027", now=later, session_id=here.session_id
    )
    after = later + timedelta(minutes=1)
    assert sessions.check_session(db, here.session_id, now=after).username == "zhao"
    assert ended(db, phone.session_id, after) == "auth.session_ended"
    assert ended(db, laptop.session_id, after) == "auth.session_ended"
    assert dict(revoke_reasons(db)) == {
        here.session_id: None,
        phone.session_id: "password",
        laptop.session_id: "password",
    }


def test_an_admins_password_reset_ends_every_session_but_not_a_later_sign_in(db):
    first, second = sign_in(db), sign_in(db)
    user_id = first.actor.user_id
    password = users.reset_password(db, ADMIN, user_id, now=NOW + timedelta(minutes=5))
    again = sessions.sign_in_session(db, "zhao", password, now=NOW + timedelta(minutes=6))
    at = NOW + timedelta(minutes=7)
    assert ended(db, first.session_id, at) == "auth.session_ended"
    assert ended(db, second.session_id, at) == "auth.session_ended"
    assert sessions.check_session(db, again.session_id, now=at).must_change_password


def test_disabling_an_account_ends_all_its_sessions_even_after_it_is_enabled_again(db):
    first, second = sign_in(db), sign_in(db)
    user_id = first.actor.user_id
    users.set_disabled(db, ADMIN, user_id, True, now=NOW + timedelta(minutes=1))
    assert ended(db, first.session_id, NOW + timedelta(minutes=2)) == "auth.disabled"
    assert sessions_store.live_sessions(db, user_id) == []
    users.set_disabled(db, ADMIN, user_id, False, now=NOW + timedelta(minutes=3))
    assert ended(db, second.session_id, NOW + timedelta(minutes=4)) == "auth.disabled"


def test_an_account_disabled_and_enabled_again_before_any_page_load_keeps_no_old_session(db):
    signed = sign_in(db)
    user_id = signed.actor.user_id
    users.set_disabled(db, ADMIN, user_id, True, now=NOW + timedelta(minutes=1))
    assert sessions_store.live_sessions(db, user_id) == []  # ended at once, not at a load
    users.set_disabled(db, ADMIN, user_id, False, now=NOW + timedelta(minutes=2))
    assert ended(db, signed.session_id, NOW + timedelta(minutes=3)) == "auth.disabled"
    assert sign_in(db, NOW + timedelta(minutes=4)).actor.user_id == user_id


def test_touches_from_many_tabs_beside_a_sign_out_never_meet_in_a_write_conflict(db):
    signed = sign_in(db)
    errors: list[StoreError] = []
    started = threading.Barrier(7)

    def tab(offset: int) -> None:
        started.wait()
        for i in range(150):
            try:
                sessions_store.touch(
                    db, signed.session_id, NOW + timedelta(seconds=10 * i + offset)
                )
            except StoreError as exc:  # "Conflict on update" without the store's lock
                errors.append(exc)

    threads = [threading.Thread(target=tab, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    started.wait()
    revoked = sessions_store.revoke(db, signed.session_id, "signed_out", NOW + timedelta(hours=1))
    for thread in threads:
        thread.join()
    assert revoked and errors == []
    assert revoke_reasons(db) == [(signed.session_id, "signed_out")]


def test_a_sign_out_that_met_another_instances_touch_is_tried_again(db, monkeypatch):
    signed = sign_in(db)
    real, calls = sessions_store.revoke, []

    def conflicting_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise VersionConflictError("db.write_conflict", detail="could not serialize access")
        return real(*args)

    monkeypatch.setattr(sessions_store, "revoke", conflicting_once)
    sessions.end_session(db, signed.session_id, now=NOW + timedelta(minutes=1))
    assert len(calls) == 2 and revoke_reasons(db) == [(signed.session_id, "signed_out")]


def test_a_password_change_keeps_only_a_session_of_the_same_account(db):
    users_store.create_user(
        db,
        SYSTEM,
        "li",
        PASSWORD,
        roles={"evaluator"},
        must_change=False,
        now=NOW - timedelta(days=1),
    )
    own = sign_in(db)
    other = sessions.sign_in_session(db, "li", PASSWORD, now=NOW)
    later = NOW + timedelta(minutes=5)
    accounts.change_password(
        db, own.actor, PASSWORD, "Brand-New-Kettle-2027", now=later, session_id=other.session_id
    )
    assert ended(db, own.session_id, later) == "auth.session_ended"
    other_now = sessions_store.find_session(db, other.session_id)
    assert other_now.verified_at == NOW and other_now.revoked_at is None


def test_sessions_that_ended_over_30_days_ago_are_deleted_by_the_clocks_housekeeping(db):
    from services.clock import Scheduler, held

    signed_out_long_ago = sign_in(db, NOW - timedelta(days=40)).session_id
    sessions.end_session(db, signed_out_long_ago, now=NOW - timedelta(days=35))
    left_open_long_ago = sign_in(db, NOW - timedelta(days=40)).session_id  # lifetime over long ago
    signed_out_lately = sign_in(db, NOW - timedelta(days=20)).session_id
    sessions.end_session(db, signed_out_lately, now=NOW - timedelta(days=20))
    lifetime_over_29_days_ago = sign_in(db, NOW - timedelta(days=30, hours=6)).session_id
    live = sign_in(db, NOW).session_id

    Scheduler(held(lambda: db), clock=lambda: NOW).tick()

    kept = [row[0] for row in revoke_reasons(db)]
    assert kept == [signed_out_lately, lifetime_over_29_days_ago, live]
    assert signed_out_long_ago not in kept and left_open_long_ago not in kept
    assert sessions.purge_ended_sessions(db, now=NOW) == 0  # nothing more to delete
    assert sessions.check_session(db, live, now=NOW).username == "zhao"
