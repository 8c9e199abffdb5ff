"""A drill of the drills_world world with two ratings: started, c1 rated not done by eva and c3
done by evb (warning_report scores 0, disposal 100, overall 50 with equal weights)."""

from __future__ import annotations

from db import drills_store as store
from tests.integration.drills_world import at, design, obs


def running_drill(world, *, start: float = 0) -> int:
    """A started drill with c1 rated not done (eva, entry "c1-<drill>") and c3 done (evb)."""
    drill = store.create_drill(world.db, world.director, design(world), now=at(start - 60))
    store.seal_drill(world.db, world.director, drill, now=at(start - 30))
    store.start_drill(world.db, world.director, drill, now=at(start))
    store.record_observation(
        world.db,
        world.eva,
        obs(drill, "eva", "c1", minute=start + 2, rating="not_done", oid=f"c1-{drill}"),
    )
    store.record_observation(world.db, world.evb, obs(drill, "evb", "c3", minute=start + 4))
    return drill
