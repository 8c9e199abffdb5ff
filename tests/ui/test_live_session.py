"""Every action in a fragment or a widget callback checks the session where it happens (ui/live.py):
an account disabled or reset mid-drill, or a session idle past the time-out, stores nothing more,
and the sign-in form says the action was not carried out and why. (Timed fragments do not tick
in AppTest: tests/browser/test_live_session.py drives them in Chromium.)"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db import drills_store, users_store
from i18n import t
from tests.ui.drill_pages import open_page, running_drill
from tests.ui.taps import device_tap


def stored(world, drill_id: int) -> list:
    return drills_store.observations(world.db, world.director, drill_id)


def refusal(at) -> str:
    return "\n".join(w.value for w in at.warning)


def test_a_tap_by_a_live_session_is_stored_and_keeps_it_alive(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    almost = datetime.now(UTC) - timedelta(minutes=29)
    at.session_state["last_seen"] = almost
    device_tap(at, drill_id, "c1", "done")
    assert [(o.item_id, o.rating) for o in stored(world, drill_id)] == [("c1", "done")]
    assert at.session_state["last_seen"] > almost + timedelta(minutes=28)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("disable", "auth.disabled"),
        ("reset", "auth.session_ended"),
        ("idle", "auth.session_expired"),
    ],
)
def test_a_tap_after_the_session_ended_is_refused_at_once_and_says_why(world, change, reason):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    if change == "disable":
        users_store.set_disabled(
            world.db, world.root, world.eva.user_id, True, now=datetime.now(UTC)
        )
    elif change == "reset":
        users_store.reset_password(
            world.db, world.root, world.eva.user_id, now=datetime.now(UTC) + timedelta(seconds=1)
        )
    else:
        at.session_state["last_seen"] = datetime.now(UTC) - timedelta(minutes=31)
    device_tap(at, drill_id, "c1", "done")
    assert not at.exception, at.exception
    assert stored(world, drill_id) == []
    assert "user_id" not in at.session_state
    assert refusal(at) == t("auth.action_refused", reason=t(reason))
    assert at.button(key="sign_in_submit")  # the sign-in form, instead of the checklist


def test_details_saved_after_the_account_was_disabled_are_refused(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    at.text_input(key="ev_next_c1_note").set_value("阀门已关闭").run()
    users_store.set_disabled(world.db, world.root, world.eva.user_id, True, now=datetime.now(UTC))
    at.button(key="ev_next_c1_save").click().run()
    assert stored(world, drill_id) == []
    assert refusal(at) == t("auth.action_refused", reason=t("auth.disabled"))


def test_an_unexpected_action_after_the_session_idled_out_is_refused(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    at.text_area(key="evaluate_free_note").set_value("有人擅自进入警戒区")
    at.session_state["last_seen"] = datetime.now(UTC) - timedelta(hours=1)
    at.button(key="evaluate_free_save").click().run()
    assert stored(world, drill_id) == []
    assert refusal(at) == t("auth.action_refused", reason=t("auth.session_expired"))


def test_an_idle_director_cannot_release_an_inject_from_the_live_panel(world):
    drill_id = running_drill(world)
    at = open_page(world, "drill_console", "director", drill_id=drill_id)
    at.session_state["last_seen"] = datetime.now(UTC) - timedelta(minutes=45)
    at.button(key="release_i2").click().run()
    released = [
        v
        for v in drills_store.visible_injects(world.db, world.director, drill_id)
        if v.released_at is not None
    ]
    assert released == []
    assert refusal(at) == t("auth.action_refused", reason=t("auth.session_expired"))


def test_a_live_director_releases_an_inject_from_the_live_panel(world):
    drill_id = running_drill(world)
    at = open_page(world, "drill_console", "director", drill_id=drill_id)
    at.button(key="release_i2").click().run()
    assert not at.exception, at.exception
    released = {
        v.inject.id
        for v in drills_store.visible_injects(world.db, world.director, drill_id)
        if v.released_at
    }
    assert released == {"i2"}
