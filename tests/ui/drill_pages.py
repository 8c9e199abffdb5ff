"""Helpers of the drill-screen page tests: open a page as a user, a running or ended drill, the
texts a page shows."""

from __future__ import annotations

from datetime import UTC, datetime

from streamlit.testing.v1 import AppTest

from db import drills_store
from tests.integration.drills_world import design
from tests.ui.conftest import ROOT
from tests.ui.taps import device_tap


def open_page(world, name: str, user: str, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=30)
    moment = datetime.now(UTC)
    at.session_state["user_id"] = world.actors[user].user_id
    at.session_state["signed_in_at"] = moment
    at.session_state["last_seen"] = moment
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def running_drill(world, **changes) -> int:
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world, **changes), now=now
    )
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    drills_store.set_participants(world.db, world.director, drill_id, {"pat": ["r3"]}, now=now)
    drills_store.start_drill(world.db, world.director, drill_id, now=now)
    return drill_id


def ended_drill_with_one_tap(world) -> int:
    """A drill in which evaluator eva recorded c1 as done through her screen, then ended."""
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    device_tap(at, drill_id, "c1", "done")
    drills_store.end_drill(world.db, world.director, drill_id, now=datetime.now(UTC))
    return drill_id


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "info", "error")
        for e in at.get(kind)
        if isinstance(getattr(e, "value", None), str)
    ]
    return "\n".join(parts)
