"""Names and titles typed or imported with bidirectional control characters are stored without
them, on a real DuckDB file: plans (title, roles, steps), drills (title, injects) and accounts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from access.policy import SYSTEM
from db import drills_store, plans_store, users_store
from drills.model import Inject
from plans.bidi import BIDI_CONTROLS
from services import accounts
from tests.actors import OWNER
from tests.integration.drills_world import T0, design, seed
from tests.sample_plans import chemical_plan

RLO, PDF, RLI, PDI = "\u202e", "\u202c", "\u2067", "\u2069"


def no_controls(*texts: str) -> bool:
    return not any(set(text) & BIDI_CONTROLS for text in texts)


def test_an_imported_plan_is_stored_without_direction_controls_in_its_names(database):
    world = seed(database)
    plan = chemical_plan(f"{RLO}lave{PDF} 预案")
    plan = replace(plan, roles=(replace(plan.roles[0], name=f"{RLI}指挥部{PDI}"), *plan.roles[1:]))
    result = plans_store.import_plan(
        world.db, OWNER, plan, document=b"bidi", filename="bidi.docx", now=T0
    )
    stored = plans_store.load_version(world.db, OWNER, result.version_id)
    assert stored.title == "lave 预案" and stored.roles[0].name == "指挥部"
    assert no_controls(*(r.name for r in stored.roles), *(s.name for s in stored.steps))


def test_a_drill_design_is_stored_without_them_in_its_title_and_inject_titles(database):
    world = seed(database)
    hostile = replace(
        design(world),
        title=f"{RLO}llird{PDF}",
        injects=(Inject("i1", f"{RLO}kael{PDF}", "内容", to_roles=("r3",)),),
    )
    drill_id = drills_store.create_drill(world.db, world.director, hostile, now=T0)
    stored = drills_store.load_design(world.db, world.director, drill_id)
    assert (stored.title, stored.injects[0].title) == ("llird", "kael")


def test_an_account_typed_with_an_override_signs_in_by_its_plain_name(database):
    world = seed(database)
    users_store.create_user(
        world.db,
        SYSTEM,
        f"ev{RLO}la{PDF}",
        "Blue-kettle-2026",
        roles={"evaluator"},
        display_name=f"{RLI}陈工{PDI}",
        now=T0,
    )
    actor = accounts.sign_in(world.db, "evla", "Blue-kettle-2026", now=T0 + timedelta(seconds=1))
    assert (actor.username, actor.display_name) == ("evla", "陈工")
