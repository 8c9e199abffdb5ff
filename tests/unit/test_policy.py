"""The access policy, role by role: who may read, change and approve which plans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from access.policy import (
    ANONYMOUS,
    SYSTEM,
    Actor,
    NotAllowedError,
    action_resource,
    action_update_rights,
    allowed,
    allowed_actions,
    readable_units,
    refusal,
    require,
)
from i18n.glossary import ACCOUNT_ROLES
from tests.actors import (
    ADMIN,
    APPROVER,
    DIRECTOR,
    EVAL_LEAD,
    EVALUATOR,
    MANAGER,
    NO_UNIT_OWNER,
    OTHER_APPROVER,
    OTHER_MANAGER,
    OTHER_OWNER,
    OWNER,
    PARTICIPANT,
    UNIT,
    actor,
)

STATUSES = ("draft", "in_review", "published", "superseded")
FULL_READERS = (OWNER, APPROVER, MANAGER)
RELEASED_READERS = (DIRECTOR, EVAL_LEAD, EVALUATOR, PARTICIPANT)
OUTSIDERS = (OTHER_OWNER, OTHER_APPROVER, OTHER_MANAGER, NO_UNIT_OWNER, ANONYMOUS)


def version(status: str = "draft", *, unit: str = UNIT, authors=("owner",)) -> dict:
    return {
        "plan_id": 1,
        "title": "危化品泄漏专项预案",
        "unit": unit,
        "created_by": "owner",
        "version_id": 7,
        "status": status,
        "authors": frozenset(authors),
    }


def plan(*, released: bool, unit: str = UNIT) -> dict:
    return {
        "plan_id": 1,
        "title": "预案",
        "unit": unit,
        "created_by": "owner",
        "released": released,
    }


def name(a: Actor) -> str:
    return a.username or "anonymous"


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", FULL_READERS + (ADMIN, SYSTEM), ids=name)
def test_owners_approvers_managers_and_admins_read_every_version_of_their_unit(who, status):
    assert allowed(who, "plan.read", version(status))


@pytest.mark.parametrize(
    ("status", "expected"),
    [("draft", False), ("in_review", False), ("published", True), ("superseded", True)],
)
@pytest.mark.parametrize("who", RELEASED_READERS, ids=name)
def test_drill_people_and_participants_read_released_versions_only(who, status, expected):
    assert allowed(who, "plan.read", version(status)) is expected


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", OUTSIDERS, ids=name)
def test_nobody_outside_the_unit_reads_anything_of_it(who, status):
    assert not allowed(who, "plan.read", version(status))


@pytest.mark.parametrize(
    ("who", "released", "expected"),
    [
        (OWNER, False, True),
        (MANAGER, False, True),
        (PARTICIPANT, False, False),  # a plan that is only a draft does not exist for them
        (PARTICIPANT, True, True),
        (DIRECTOR, False, False),
        (DIRECTOR, True, True),
        (OTHER_MANAGER, True, False),
        (ADMIN, False, True),
    ],
    ids=lambda v: name(v) if isinstance(v, Actor) else str(v),
)
def test_a_plan_is_visible_as_a_whole_only_to_who_may_read_one_of_its_versions(
    who, released, expected
):
    assert allowed(who, "plan.read", plan(released=released)) is expected


CHANGES = ("plan.create", "plan.edit", "plan.submit", "plan.delete")


@pytest.mark.parametrize("action", CHANGES)
@pytest.mark.parametrize(
    ("who", "unit", "expected"),
    [
        (OWNER, UNIT, True),
        (OWNER, "临港物流园区", False),
        (OTHER_OWNER, UNIT, False),
        (NO_UNIT_OWNER, "", False),
        (APPROVER, UNIT, False),
        (MANAGER, UNIT, False),
        (DIRECTOR, UNIT, False),
        (EVAL_LEAD, UNIT, False),
        (EVALUATOR, UNIT, False),
        (PARTICIPANT, UNIT, False),
        (ADMIN, UNIT, True),
        (ADMIN, "临港物流园区", True),
    ],
    ids=lambda v: name(v) if isinstance(v, Actor) else str(v),
)
def test_only_plan_owners_of_the_unit_and_admins_import_edit_submit_and_bin_plans(
    action, who, unit, expected
):
    assert allowed(who, action, version(unit=unit)) is expected


def test_a_manager_changes_nothing_at_all():
    for action in (
        "plan.create",
        "plan.edit",
        "plan.submit",
        "plan.approve",
        "plan.delete",
        "plan.set_unit",
        "user.manage",
        "user.unlock",
        "audit.read",
    ):
        assert not allowed(MANAGER, action, version("in_review", authors=("owner",))), action


@pytest.mark.parametrize(
    ("who", "authors", "expected"),
    [
        (APPROVER, ("owner",), None),
        (APPROVER, ("owner", "approver"), "access.approve_own"),  # edited or submitted it
        (OTHER_APPROVER, ("owner",), "access.denied"),
        (OWNER, ("someone",), "access.denied"),
        (MANAGER, ("owner",), "access.denied"),
        (DIRECTOR, ("owner",), "access.denied"),
        (ADMIN, ("owner",), None),
        (ADMIN, ("root",), "access.approve_own"),  # the rule holds for admins too
    ],
    ids=lambda v: name(v) if isinstance(v, Actor) else str(v),
)
def test_approvers_of_the_unit_approve_only_what_they_did_not_author(who, authors, expected):
    assert refusal(who, "plan.approve", version("in_review", authors=authors)) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (OWNER, True),
        (APPROVER, True),
        (MANAGER, True),
        (ADMIN, True),
        (DIRECTOR, False),
        (EVALUATOR, False),
        (PARTICIPANT, False),
        (OTHER_OWNER, False),
    ],
    ids=lambda v: name(v) if isinstance(v, Actor) else str(v),
)
def test_the_uploaded_source_document_is_for_readers_of_drafts(who, expected):
    assert allowed(who, "plan.read_source", plan(released=True)) is expected


@pytest.mark.parametrize("action", ["plan.set_unit", "user.manage", "user.unlock", "audit.read"])
@pytest.mark.parametrize(
    "who", (OWNER, APPROVER, MANAGER, DIRECTOR, EVAL_LEAD, EVALUATOR, PARTICIPANT), ids=name
)
def test_accounts_the_audit_log_and_moving_plans_between_units_are_for_admins(who, action):
    assert not allowed(who, action, plan(released=True))
    assert allowed(ADMIN, action, plan(released=True))


def test_several_roles_add_up():
    both = actor("dual", "participant", "approver")
    assert allowed(both, "plan.read", version("draft"))
    assert allowed(both, "plan.approve", version("in_review"))
    assert not allowed(both, "plan.edit", version("draft"))


@pytest.mark.parametrize("action", ["plan.read", "plan.create", "user.manage", "audit.read"])
def test_an_actor_that_must_change_its_password_may_do_nothing_else(action):
    must = Actor("admin", roles=frozenset({"admin"}), user_id=1, must_change_password=True)
    assert refusal(must, action, version("published")) == "access.must_change_password"
    assert allowed(must, "account.change_password", {"user_id": 1})


def test_one_changes_only_ones_own_password():
    me = actor("me", "participant", user_id=5)
    assert allowed(me, "account.change_password", {"user_id": 5})
    assert not allowed(me, "account.change_password", {"user_id": 6})
    assert not allowed(ADMIN, "account.change_password", {"user_id": 6})  # admins reset instead
    assert not allowed(SYSTEM, "account.change_password", {"user_id": None})


@pytest.mark.parametrize(
    "who",
    [None, ANONYMOUS, Actor("ghost"), Actor("", roles=frozenset({"admin"}))],
    ids=["none", "anonymous", "no roles", "nameless admin"],
)
def test_no_one_unnamed_or_without_roles_gets_anything(who):
    for action in ("plan.read", "plan.create", "plan.approve", "user.manage", "audit.read"):
        assert not allowed(who, action, version("published")), action
    assert readable_units(who) == frozenset()


def test_unknown_roles_grant_nothing():
    assert not allowed(actor("x", "editor", "superuser"), "plan.read", version("published"))


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(ValueError):
        allowed(OWNER, "plan.explode", version())


class Missing(Exception):
    pass


def test_require_hides_what_the_actor_may_not_read_behind_the_callers_not_found_error():
    with pytest.raises(Missing):
        require(PARTICIPANT, "plan.edit", version("draft"), otherwise=Missing())
    with pytest.raises(Missing):
        require(OTHER_OWNER, "plan.read", version("published"), otherwise=Missing())


def test_require_says_not_allowed_when_the_actor_can_see_it_and_why():
    with pytest.raises(NotAllowedError) as caught:
        require(PARTICIPANT, "plan.edit", version("published"), otherwise=Missing())
    assert caught.value.key == "access.denied"
    with pytest.raises(NotAllowedError) as caught:
        require(
            APPROVER,
            "plan.approve",
            version("in_review", authors=("approver",)),
            otherwise=Missing(),
        )
    assert caught.value.key == "access.approve_own"


def test_readable_units_narrow_list_queries():
    assert readable_units(ADMIN) is None
    assert readable_units(PARTICIPANT) == frozenset({UNIT})
    assert readable_units(NO_UNIT_OWNER) == frozenset()


def test_a_page_can_ask_what_to_offer_for_a_version():
    offered = allowed_actions(
        OWNER, version("draft"), ("plan.read", "plan.edit", "plan.approve", "plan.delete")
    )
    assert offered == {"plan.read", "plan.edit", "plan.delete"}


def test_roles_given_as_a_list_are_kept_as_a_set_and_every_system_role_is_known():
    assert Actor("a", roles=["approver", "approver"]).roles == frozenset({"approver"})
    assert len(ACCOUNT_ROLES) == 8 and "manager" in ACCOUNT_ROLES
    assert SYSTEM.roles == {"admin"} and SYSTEM.unit == ""


# ---------------------------------------------------------------- corrective actions


def corrective(owner: str = "participant") -> dict:
    """An action of a drill directed by "director" with "evallead" as its evaluation lead."""
    return action_resource(UNIT, ("director", "evallead"), owner)


ACTION_RIGHTS = ("action.create", "action.edit", "action.progress", "action.verify")


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (DIRECTOR, set(ACTION_RIGHTS)),  # the drill's director and evaluation lead: everything
        (EVAL_LEAD, set(ACTION_RIGHTS)),
        (ADMIN, set(ACTION_RIGHTS)),
        (PARTICIPANT, {"action.progress"}),  # the owner: progress only, never verifies
        (MANAGER, set()),  # managers read and change nothing
        (EVALUATOR, set()),
        (OWNER, set()),
        (APPROVER, set()),
        (actor("director2", "drill_director"), set()),  # directing another drill is not enough
        (OTHER_MANAGER, set()),
        (ANONYMOUS, set()),
    ],
    ids=lambda v: name(v) if isinstance(v, Actor) else "",
)
def test_who_may_add_change_move_on_and_verify_a_corrective_action(who, expected):
    assert allowed_actions(who, corrective(), ACTION_RIGHTS) == expected


@pytest.mark.parametrize("owner", ["participant", "Participant", " participant "])
def test_the_owner_is_matched_by_user_name_whatever_the_case_and_spaces(owner):
    assert allowed(PARTICIPANT, "action.progress", corrective(owner))


@pytest.mark.parametrize("owner", ["", "安全科", "participant2", "part"])
def test_an_owner_that_names_no_account_of_the_actor_gives_no_right(owner):
    assert not allowed(PARTICIPANT, "action.progress", corrective(owner))


def test_a_manager_who_owns_an_action_moves_it_along_but_does_not_verify():
    assert allowed(MANAGER, "action.progress", corrective("manager"))
    assert not allowed(MANAGER, "action.verify", corrective("manager"))
    assert refusal(MANAGER, "action.verify", corrective("manager")) == "access.action_verify"


@dataclass(frozen=True)
class Act:
    action: str = "修订报告时限"
    owner: str = "participant"
    due: date = date(2026, 6, 1)
    status: str = "open"
    verification: str = ""


@pytest.mark.parametrize(
    ("before", "after", "needed"),
    [
        (Act(), Act(status="in_progress"), {"action.progress"}),
        (Act(status="in_progress"), Act(status="done"), {"action.progress"}),
        (Act(), Act(), {"action.progress"}),  # saving nothing still touches the action
        (Act(), Act(action="培训"), {"action.edit"}),
        (Act(), Act(owner="安全科"), {"action.edit"}),
        (Act(), Act(due=date(2026, 7, 1)), {"action.edit"}),
        (Act(status="done"), Act(status="verified", verification="复查"), {"action.verify"}),
        (
            Act(status="verified", verification="复查"),
            Act(status="done", verification="复查"),
            {"action.verify"},
        ),  # lifting a verification is verifying too
        (Act(), Act(verification="说明"), {"action.verify"}),
        (Act(), Act(action="培训", status="done"), {"action.edit", "action.progress"}),
    ],
)
def test_an_update_needs_the_right_of_each_part_it_changes(before, after, needed):
    assert action_update_rights(before, after) == needed
