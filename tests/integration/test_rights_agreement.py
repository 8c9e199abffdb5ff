"""What a page offers and what the store accepts agree, for every role, action and state.

Each case asks the function the page asks (ui.version_buttons over version_permissions, a drill
summary's my_role, ObjectivesSheet.may_rate, ui.may) and then calls the store on a real DuckDB
file: an offered action succeeds; a hidden one is refused (NotAllowedError, or NotFoundError when
the actor may not even know of it) when the right is missing, and refused for its state
(InvalidTransitionError) otherwise.
"""

from __future__ import annotations

import itertools
import shutil
from datetime import UTC, datetime

import pytest

from access.errors import NotAllowedError
from db import analytics_store, connection, drills_store, findings_store, plans_store
from db.drills_objectives import objectives_sheet, rate_objective
from db.errors import InvalidTransitionError, NotFoundError
from drills.actions import ParticipantReview
from drills.model import Objective
from drills.objectives import ObjectiveRating
from i18n.glossary import ACCOUNT_ROLES
from plans.model import Plan, Role, Step
from tests.actors import (
    ADMIN,
    APPROVER,
    DIRECTOR,
    EVAL_LEAD,
    EVALUATOR,
    MANAGER,
    OTHER_APPROVER,
    OTHER_OWNER,
    OTHER_UNIT,
    OWNER,
    OWNER2,
    PARTICIPANT,
    UNIT,
    actor,
)
from tests.integration.drills_world import at, design, obs, seed
from ui import VERSION_BUTTONS, may, version_buttons

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LIU = actor("liu", "plan_owner", "approver")  # writes plans and approves others'
PEOPLE = {
    a.username: a
    for a in (
        ADMIN,
        OWNER,
        OWNER2,
        LIU,
        APPROVER,
        MANAGER,
        DIRECTOR,
        EVAL_LEAD,
        EVALUATOR,
        PARTICIPANT,
        OTHER_OWNER,
        OTHER_APPROVER,
    )
}
REFUSED = (NotAllowedError, NotFoundError)
# version -> (who writes it, who submits it or None, who approves it or None, its unit)
VERSIONS = {
    "draft_by_owner": (OWNER, None, None, UNIT),
    "draft_by_liu": (LIU, None, None, UNIT),
    "in_review_by_owner": (OWNER, OWNER, None, UNIT),
    "in_review_by_liu": (LIU, LIU, None, UNIT),
    "in_review_by_admin": (ADMIN, ADMIN, None, UNIT),
    "published": (OWNER, OWNER, APPROVER, UNIT),
    "other_unit_in_review": (OTHER_OWNER, OTHER_OWNER, None, OTHER_UNIT),
    "other_unit_published": (OTHER_OWNER, OTHER_OWNER, OTHER_APPROVER, OTHER_UNIT),
}
STORE = {
    "submit": lambda c, who, v: plans_store.submit_for_review(c, who, v.version_id, NOW),
    "approve": lambda c, who, v: plans_store.approve(c, who, v.version_id, NOW),
    "return": lambda c, who, v: plans_store.return_to_draft(c, who, v.version_id, NOW),
    "new_draft": lambda c, who, v: plans_store.new_draft(
        c, who, v.plan_id, from_version_id=v.version_id, now=NOW
    ),
}


def plan(title: str) -> Plan:
    return Plan(
        title=title,
        roles=(Role("r1", "班长"),),
        steps=(Step("s1", "报警", "班长立即报警。", roles=("r1",)),),
    )


def test_every_system_role_is_walked():
    assert set().union(*(a.roles for a in PEOPLE.values())) == set(ACCOUNT_ROLES)
    assert set(STORE) == set(VERSION_BUTTONS)


# ---------------------------------------------------------------- plans


@pytest.fixture(scope="module")
def plans_world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans_world")
    conn = connection.connect(folder / "world.duckdb")
    made = {}
    for n, (name, (author, submitter, approver, unit)) in enumerate(VERSIONS.items()):
        made[name] = plans_store.import_plan(
            conn,
            author,
            plan(f"预案{n}"),
            document=name.encode(),
            filename=f"{name}.docx",
            now=NOW,
            unit=unit,
        )
        if submitter is not None:
            plans_store.submit_for_review(conn, submitter, made[name].version_id, NOW)
        if approver is not None:
            plans_store.approve(conn, approver, made[name].version_id, NOW)
    conn.close()
    shared = connection.connect(folder / "world.duckdb")  # only refused calls run on it
    yield folder / "world.duckdb", shared, made
    shared.close()


def _status(name: str) -> str:
    return next(s for s in ("draft", "in_review", "published") if s in name)


def _page_offers(conn, who, version, status) -> tuple[frozenset[str], frozenset[str]]:
    """(buttons, rights) as the Versions page works them out; nothing for a hidden version."""
    try:
        rights = plans_store.version_permissions(conn, who, version.version_id)
    except NotFoundError:
        return frozenset(), frozenset()
    return version_buttons(status, rights), rights


@pytest.mark.parametrize(
    ("who", "name", "button"),
    list(itertools.product(PEOPLE, VERSIONS, VERSION_BUTTONS)),
)
def test_the_versions_page_offers_what_the_store_accepts(plans_world, tmp_path, who, name, button):
    path, shared, made = plans_world
    person, version = PEOPLE[who], made[name]
    offered, rights = _page_offers(shared, person, version, _status(name))
    if button in offered:
        (tmp_path / "copy").mkdir()
        shutil.copy(path, tmp_path / "copy" / "world.duckdb")
        conn = connection.connect(tmp_path / "copy" / "world.duckdb")
        try:
            STORE[button](conn, person, version)
        finally:
            conn.close()
        return
    right = VERSION_BUTTONS[button][0]
    with pytest.raises(REFUSED if right not in rights else InvalidTransitionError):
        STORE[button](shared, person, version)


def test_an_author_who_also_approves_is_offered_no_approval_of_their_own_version(plans_world):
    _, shared, made = plans_world
    mine, theirs = made["in_review_by_liu"], made["in_review_by_owner"]
    assert "approve" not in _page_offers(shared, LIU, mine, "in_review")[0]
    assert {"approve", "return"} <= _page_offers(shared, LIU, theirs, "in_review")[0]
    assert "return" in _page_offers(shared, LIU, mine, "in_review")[0]  # withdrawn instead
    with pytest.raises(NotAllowedError) as refused:
        plans_store.approve(shared, LIU, mine.version_id, NOW)
    assert refused.value.key == "access.approve_own"


# ---------------------------------------------------------------- drills

DRILL_STATES = ("sealed", "running", "ended")
DRILL_PEOPLE = (
    "director",
    "director2",
    "lead",
    "eva",
    "evb",
    "pat",
    "pat2",
    "manager",
    "root",
    "elsewhere",
    "elsewhere_manager",
)
ITEM_SEEN_BY = {"evb": "c3"}  # the others watch r2 (c1) or every role


@pytest.fixture(scope="module")
def drills_world(tmp_path_factory):
    world = seed(tmp_path_factory.mktemp("drills_world") / "world.duckdb")
    drills = {}
    with_objective = design(world, objectives=(Objective("o1", "验证应急响应启动"),))
    for state in DRILL_STATES:
        drill = drills_store.create_drill(world.db, world.director, with_objective, now=at(-60))
        drills_store.set_participants(world.db, world.director, drill, {"pat": ["r3"]}, now=at(-59))
        drills_store.seal_drill(world.db, world.director, drill, now=at(-30))
        if state != "sealed":
            drills_store.start_drill(world.db, world.director, drill, now=at(0))
        if state == "ended":
            drills_store.end_drill(world.db, world.director, drill, now=at(60))
        drills[state] = drill
    return world, drills


def _role(world, who: str, drill: int) -> str | None:
    """The drill as the lists of the drill pages show it (None: not listed at all)."""
    try:
        summary = drills_store.drill_summary(world.db, world.actors[who], drill)
    except NotFoundError:
        return None
    return f"{summary.my_role}:{summary.status}"


def _agree(offered: bool, call) -> None:
    if offered:
        call()
    else:
        with pytest.raises((*REFUSED, InvalidTransitionError)):
            call()


@pytest.mark.parametrize(("who", "state"), list(itertools.product(DRILL_PEOPLE, DRILL_STATES)))
def test_the_drill_pages_offer_what_the_drill_stores_accept(drills_world, who, state):
    world, drills = drills_world
    drill, person = drills[state], world.actors[who]
    shown = _role(world, who, drill) or "none:none"
    my_role, status = shown.split(":")
    # the console's director controls (pages/drill_console.py)
    _agree(my_role == "director", lambda: drills_store.read_roster(world.db, person, drill))
    # the evaluator's screen records while the clock runs (ui/evaluator_live.py)
    entry = obs(drill, who, ITEM_SEEN_BY.get(who, "c1"), minute=5)
    recording = my_role in ("evaluator", "evaluation_lead") and status == "running"
    _agree(recording, lambda: drills_store.record_observation(world.db, person, entry))
    # a participant's own review after the end (pages/participate.py)
    review = ParticipantReview(who, "r3", "及时疏散", "通讯不畅", 4)
    reviewing = my_role == "participant" and status == "ended"
    _agree(
        reviewing, lambda: findings_store.submit_review(world.db, person, drill, review, now=at(90))
    )
    # the evaluation lead's objective ratings (ui: ObjectivesSheet.may_rate)
    try:
        rating = objectives_sheet(world.db, person, drill).may_rate
    except REFUSED:
        rating = False
    rate = ObjectiveRating("o1", "S", "基本达成")
    _agree(rating, lambda: rate_objective(world.db, person, drill, rate, now=at(95)))


@pytest.mark.parametrize("who", DRILL_PEOPLE)
def test_the_analytics_screen_is_shown_to_who_may_read_the_analytics_of_their_unit(
    drills_world, who
):
    world, _ = drills_world
    person = world.actors[who]
    _agree(
        may(person, "screen.analytics"),
        lambda: analytics_store.unit_plans(world.db, person, unit=person.unit),
    )
