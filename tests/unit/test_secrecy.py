"""Drill secrecy: before a drill starts only its directors (and, if they choose, its
evaluators) learn that it exists; participants learn nothing, then only injects for their role."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from access.policy import ANONYMOUS, Actor
from access.secrecy import (
    DrillRecord,
    InjectRecord,
    can_know_drill_exists,
    can_see_checklist_item,
    insiders,
    plan_roles_of,
    visible_drills,
    visible_injects,
)
from i18n.glossary import DRILL_STATUSES
from tests.actors import (
    ADMIN,
    DIRECTOR,
    EVAL_LEAD,
    EVALUATOR,
    MANAGER,
    OTHER_MANAGER,
    OTHER_UNIT,
    OWNER,
    PARTICIPANT,
    UNIT,
    actor,
)

T = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
UNNAMED_DIRECTOR = actor("director2", "drill_director")
OTHER_PARTICIPANT = actor("elsewhere_participant", "participant", unit=OTHER_UNIT)
MUST_CHANGE = Actor(
    "director", roles=frozenset({"drill_director"}), unit=UNIT, must_change_password=True
)


def drill(status: str, *, tell_evaluators: bool = False, drill_id: int = 1) -> DrillRecord:
    return DrillRecord(
        id=drill_id,
        plan_unit=UNIT,
        status=status,
        directors=frozenset({"director"}),
        evaluators=frozenset({"evaluator"}),
        evaluation_leads=frozenset({"evallead"}),
        evaluators_see_before_start=tell_evaluators,
        participant_roles=frozenset({"r1", "r2"}),
    )


def name(a: Actor) -> str:
    return a.username or "anonymous"


F, T_ = False, True
# status order: designing, sealed, running, paused, ended
KNOWS = [
    (DIRECTOR, False, [T_, T_, T_, T_, T_]),
    (EVALUATOR, False, [F, F, T_, T_, T_]),
    (EVALUATOR, True, [F, T_, T_, T_, T_]),
    (EVAL_LEAD, False, [F, F, T_, T_, T_]),
    (EVAL_LEAD, True, [F, T_, T_, T_, T_]),
    (PARTICIPANT, True, [F, F, T_, T_, T_]),
    (MANAGER, True, [F, F, T_, T_, T_]),
    (OWNER, True, [F, F, T_, T_, T_]),
    (UNNAMED_DIRECTOR, True, [F, F, T_, T_, T_]),
    (ADMIN, True, [F, F, T_, T_, T_]),  # not even admins before the start
    (OTHER_PARTICIPANT, True, [F, F, F, F, F]),
    (OTHER_MANAGER, True, [F, F, F, F, F]),
    (ANONYMOUS, True, [F, F, F, F, F]),
    (MUST_CHANGE, True, [F, F, F, F, F]),
]


@pytest.mark.parametrize(
    ("who", "tell_evaluators", "status", "expected"),
    [
        (who, tell, status, row[i])
        for who, tell, row in KNOWS
        for i, status in enumerate(DRILL_STATUSES)
    ],
    ids=lambda v: name(v) if isinstance(v, Actor) else str(v),
)
def test_who_may_learn_that_a_drill_exists(who, tell_evaluators, status, expected):
    assert can_know_drill_exists(who, drill(status, tell_evaluators=tell_evaluators)) is expected


@pytest.mark.parametrize("planned", [0, 1, 5])
@pytest.mark.parametrize("who", [PARTICIPANT, MANAGER, ADMIN, OWNER, UNNAMED_DIRECTOR], ids=name)
def test_a_participant_cannot_learn_the_count_of_planned_drills(who, planned):
    drills = [
        drill("sealed" if n % 2 else "designing", drill_id=n, tell_evaluators=True)
        for n in range(planned)
    ]
    running = drill("running", drill_id=99)
    assert visible_drills(who, drills) == []
    assert visible_drills(who, [*drills, running]) == [running]


def test_a_director_sees_their_planned_drills_and_evaluators_only_those_they_were_told_of():
    told = drill("sealed", tell_evaluators=True, drill_id=1)
    untold = drill("sealed", drill_id=2)
    designing = drill("designing", tell_evaluators=True, drill_id=3)
    assert visible_drills(DIRECTOR, [told, untold, designing]) == [told, untold, designing]
    assert visible_drills(EVALUATOR, [told, untold, designing]) == [told]


def test_directors_are_matched_by_user_id_as_well_as_by_name():
    by_id = DrillRecord(id=1, plan_unit=UNIT, status="sealed", directors=frozenset({42}))
    assert can_know_drill_exists(actor("zhang", "drill_director", user_id=42), by_id)
    assert not can_know_drill_exists(actor("zhang", "drill_director", user_id=43), by_id)


INJECTS = [
    InjectRecord(1, 1, released_at=T, to_roles=frozenset({"r1"})),
    InjectRecord(2, 1, released_at=T, to_roles=frozenset({"r2"})),
    InjectRecord(3, 1, released_at=None, to_roles=frozenset({"r1"})),
    InjectRecord(4, 1, released_at=T),  # to every role taking part
    InjectRecord(5, 2, released_at=T, to_roles=frozenset({"r1"})),  # another drill's
]
PLAYS = {"participant": ["r1"], 42: ["r2"]}


@pytest.mark.parametrize(
    ("who", "status", "expected"),
    [
        (DIRECTOR, "designing", [1, 2, 3, 4]),
        (DIRECTOR, "sealed", [1, 2, 3, 4]),
        (DIRECTOR, "running", [1, 2, 3, 4]),
        (EVALUATOR, "sealed", []),  # told the drill exists, not its scenario
        (EVALUATOR, "running", [1, 2, 4]),
        (EVAL_LEAD, "paused", [1, 2, 4]),
        (MANAGER, "running", [1, 2, 4]),
        (ADMIN, "sealed", []),
        (ADMIN, "ended", [1, 2, 4]),
        (PARTICIPANT, "designing", []),
        (PARTICIPANT, "sealed", []),
        (PARTICIPANT, "running", [1, 4]),
        (PARTICIPANT, "paused", [1, 4]),
        (PARTICIPANT, "ended", [1, 4]),
        (actor("wang", "participant", user_id=42), "running", [2, 4]),
        (actor("bystander", "participant"), "running", []),  # plays no role in this drill
        (OWNER, "running", []),
        (OTHER_PARTICIPANT, "running", []),
    ],
    ids=lambda v: name(v) if isinstance(v, Actor) else str(v),
)
def test_which_injects_each_person_sees(who, status, expected):
    shown = visible_injects(who, drill(status, tell_evaluators=True), INJECTS, PLAYS)
    assert [i.id for i in shown] == expected


def test_an_inject_to_every_role_reaches_only_roles_taking_part_in_the_drill():
    outsider_role = {"participant": ["r9"]}
    shown = visible_injects(PARTICIPANT, drill("running"), INJECTS, outsider_role)
    assert shown == []


@pytest.mark.parametrize(
    ("who", "status", "item_roles", "expected"),
    [
        (DIRECTOR, "designing", {"r2"}, True),
        (EVAL_LEAD, "running", {"r2"}, True),
        (EVALUATOR, "running", {"r1"}, True),  # their share
        (EVALUATOR, "running", {"r2"}, False),  # someone else's share
        (EVALUATOR, "running", set(), True),  # an item of the whole drill
        (EVALUATOR, "sealed", {"r1"}, True),  # told in advance: may prepare
        (PARTICIPANT, "running", {"r1"}, False),  # a checklist would be their script
        (PARTICIPANT, "ended", {"r1"}, False),
        (MANAGER, "running", {"r1"}, False),
        (MANAGER, "ended", {"r1"}, True),
        (ADMIN, "ended", {"r2"}, True),
        (UNNAMED_DIRECTOR, "ended", {"r2"}, True),
        (OWNER, "ended", {"r1"}, False),
        (OTHER_MANAGER, "ended", {"r1"}, False),
    ],
    ids=lambda v: name(v) if isinstance(v, Actor) else str(v),
)
def test_who_sees_which_checklist_items(who, status, item_roles, expected):
    share = {"evaluator": ["r1"]}
    record = drill(status, tell_evaluators=True)
    assert can_see_checklist_item(who, record, item_roles, share) is expected


def test_an_evaluator_who_was_not_told_sees_no_checklist_before_the_start():
    assert not can_see_checklist_item(EVALUATOR, drill("sealed"), {"r1"}, {"evaluator": ["r1"]})


def test_the_insiders_of_a_sealed_drill_are_its_directors_and_only_if_chosen_its_evaluators():
    assert insiders(drill("sealed")) == {"director"}
    assert insiders(drill("sealed", tell_evaluators=True)) == {"director", "evaluator", "evallead"}
    assert insiders(drill("designing", tell_evaluators=True)) == {"director"}


def test_plan_roles_are_found_by_name_and_by_id():
    assert plan_roles_of(actor("wang", "participant", user_id=42), PLAYS) == {"r2"}
    assert plan_roles_of(PARTICIPANT, PLAYS) == {"r1"}


def test_a_drill_with_an_unknown_status_is_refused():
    with pytest.raises(ValueError):
        DrillRecord(id=1, plan_unit=UNIT, status="secret")


def test_an_evaluator_posted_to_places_only_sees_every_item_of_the_drill():
    """Evaluators are assigned to roles or places; a place-only share has no roles."""
    from access.policy import Actor
    from access.secrecy import DrillRecord, can_see_checklist_item

    walker = Actor("walker", roles=frozenset({"evaluator"}), unit="U", user_id=7)
    drill = DrillRecord(
        1, "U", "running", directors=frozenset({"boss"}), evaluators=frozenset({"walker"})
    )
    assert can_see_checklist_item(walker, drill, ["r1"], {"walker": []})
    assert not can_see_checklist_item(walker, drill, ["r1"], {"walker": ["r2"]})
