"""The one table of actions (access.policy.RIGHTS): each action has one rule, every refusal is
said in both languages, and the screens follow the roles they are for."""

from __future__ import annotations

import pytest

import i18n
from access.drill_rights import SCREENS, drill_resource
from access.policy import ACTIONS, RIGHTS, allowed, refusal
from access.secrecy import DrillRecord
from i18n.glossary import ACCOUNT_ROLES
from tests.actors import ADMIN, actor

ROLE_ACTORS = [actor(f"u_{role}", role) for role in ACCOUNT_ROLES]


def test_every_action_has_one_rule_and_a_refusal_said_in_both_languages():
    assert ACTIONS == tuple(RIGHTS)
    for name, right in RIGHTS.items():
        assert callable(right.rule), name
        if isinstance(right.refused, str):
            assert i18n.has(right.refused), name
        assert right.seen_with in RIGHTS, name


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_a_screen_is_shown_to_the_roles_it_is_for_and_to_admins(screen):
    shown = {next(iter(a.roles)) for a in ROLE_ACTORS if allowed(a, screen)}
    assert shown == set(SCREENS[screen]) | {"admin"}


def test_the_old_role_list_language_is_gone():
    with pytest.raises(ValueError):
        refusal(ADMIN, "role:evaluator|evaluation_lead")


@pytest.mark.parametrize("key", ["drills_store.not_evaluator", "drills_store.not_your_observation"])
def test_a_refused_observation_says_why(key):
    drill = DrillRecord(1, "滨江化工园区", "running", directors={"d"}, evaluators={"eva"})
    who = actor("eva", "evaluator") if key.endswith("observation") else actor("x", "evaluator")
    assert refusal(who, "drill.observe", drill_resource(drill, author="someone")) == key
