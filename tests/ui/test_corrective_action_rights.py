"""The screens offer exactly the corrective-action rights of access/policy.py: leads and directors
add, change and verify; an owner with an account updates the progress (home page); managers read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from streamlit.testing.v1 import AppTest

from db import actions_store, findings_store
from drills.actions import CorrectiveAction
from i18n import t
from tests.ui.conftest import ROOT
from tests.ui.drill_pages import open_page
from tests.ui.review_pages import ended_drill_with_two_entries
from ui.actions import OWNER_STATUSES

VERIFIED = t("findings.action_status.verified")


def drill_with_action(world, owner: str) -> tuple[int, str]:
    """An ended drill (its proposals stored at the end) and one open action owned by `owner`."""
    drill_id = ended_drill_with_two_entries(world)
    (finding, *_) = [
        s.finding
        for s in findings_store.list_findings(world.db, world.lead, drill_id)
        if not s.finding.strength
    ]
    action = CorrectiveAction("x", finding.id, "修订报告流程", owner, date(2026, 12, 31))
    return drill_id, actions_store.add_action(
        world.db, world.lead, drill_id, action, now=datetime.now(UTC)
    )


def stored(world, drill_id: int) -> CorrectiveAction:
    (action,) = actions_store.list_actions(world.db, world.lead, drill_id=drill_id)
    return action.action


def keys(at: AppTest) -> set[str]:
    return {str(w.key) for kind in ("button", "selectbox") for w in at.get(kind)}


def home(world, user: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    moment = datetime.now(UTC)
    for key, value in (
        ("user_id", world.actors[user].user_id),
        ("signed_in_at", moment),
        ("last_seen", moment),
    ):
        at.session_state[key] = value
    return at.run()


def widget(at: AppTest, kind: str, suffix: str):
    return next(w for w in at.get(kind) if str(w.key).endswith(suffix))


def test_a_manager_reads_the_actions_and_is_offered_no_change(world):
    drill_id, _ = drill_with_action(world, owner="安全科")
    at = open_page(world, "drill_review", "manager", drill_id=drill_id)
    assert not at.exception, at.exception
    assert any("修订报告流程" in frame.value.to_string() for frame in at.dataframe)
    assert "review_a_add_save" not in keys(at) and "review_a_save" not in keys(at)
    assert t("review.a.rights") in [c.value for c in at.caption]


def test_the_lead_is_offered_every_field_of_an_action(world):
    drill_id, action_id = drill_with_action(world, owner="安全科")
    at = open_page(world, "drill_review", "lead", drill_id=drill_id)
    assert {"review_a_add_save", "review_a_save"} <= keys(at)
    prefix = f"review_a_{action_id}_1_zh"
    assert not at.text_area(key=f"{prefix}_action").disabled
    assert not at.text_input(key=f"{prefix}_verification").disabled
    assert VERIFIED in at.selectbox(key=f"{prefix}_status").options


def test_a_manager_who_owns_an_action_updates_its_progress_only(world):
    drill_id, action_id = drill_with_action(world, owner="manager")
    at = open_page(world, "drill_review", "manager", drill_id=drill_id)
    prefix = f"review_a_{action_id}_1_zh"
    assert "review_a_add_save" not in keys(at)
    assert at.text_area(key=f"{prefix}_action").disabled
    assert at.text_input(key=f"{prefix}_owner").disabled
    assert at.text_input(key=f"{prefix}_verification").disabled
    status = at.selectbox(key=f"{prefix}_status")
    assert status.options == [t(f"findings.action_status.{s}") for s in OWNER_STATUSES]
    status.set_value("in_progress")
    at.button(key="review_a_save").click().run()
    assert not at.exception, at.exception
    assert stored(world, drill_id).status == "in_progress"


def test_the_owner_moves_their_action_on_from_the_home_page_but_cannot_verify(world):
    drill_id, action_id = drill_with_action(world, owner="pat")
    at = home(world, "pat")
    assert not at.exception, at.exception
    assert t("home.my_actions") in [s.value for s in at.subheader]
    status = widget(at, "selectbox", f"my_action_{action_id}_1_zh")
    assert VERIFIED not in status.options and len(status.options) == 3
    status.set_value("done")
    widget(at, "button", f"my_action_{action_id}_1_save").click().run()
    assert not at.exception, at.exception
    assert stored(world, drill_id).status == "done"
    assert stored(world, drill_id).action == "修订报告流程"


def test_someone_who_owns_no_action_sees_no_such_section_at_home(world):
    drill_with_action(world, owner="安全科")
    at = home(world, "pat")
    assert t("home.my_actions") not in [s.value for s in at.subheader]
