"""The roster of participants through the store: read with its revision, changed role by role,
and a save from a form opened before someone else's save is refused with nothing changed."""

from __future__ import annotations

import pytest

from access.errors import NotAllowedError
from db import connection
from db import drills_store as store
from db.errors import VersionConflictError
from i18n import t
from tests.integration.drills_world import at, design, seed


@pytest.fixture
def world(database):
    w = seed(database)
    w.drill = store.create_drill(
        w.db, w.director, design(w, directors=("director", "director2")), now=at(-60)
    )
    store.seal_drill(w.db, w.director, w.drill, now=at(-50))
    store.set_participants(w.db, w.director, w.drill, {"pat": ["r3"], "pat2": ["r1"]}, now=at(-1))
    store.start_drill(w.db, w.director, w.drill, now=at(0))
    yield w
    w.db.close()


def test_a_change_of_one_role_keeps_every_other_player(world):
    roster = store.read_roster(world.db, world.director, world.drill)
    assert roster.players == {"r3": ("pat",), "r1": ("pat2",)}
    new = store.update_roster(
        world.db,
        world.director2,
        world.drill,
        {"r2": ("pat2",)},
        expected_revision=roster.revision,
        now=at(1),
    )
    after = store.read_roster(world.db, world.director, world.drill)
    assert after.players == {"r3": ("pat",), "r1": ("pat2",), "r2": ("pat2",)}
    assert (after.revision, after.updated_by) == (new, "director2") and new == roster.revision + 1
    views = store.visible_injects(world.db, world.pat, world.drill)
    assert views is not None  # pat still plays r3 and still sees the drill
    assert [d.id for d in store.list_drills(world.db, world.pat)] == [world.drill]


def test_a_save_from_a_form_opened_before_another_save_is_refused_and_changes_nothing(world):
    opened = store.read_roster(world.db, world.director2, world.drill)
    store.update_roster(
        world.db,
        world.director,
        world.drill,
        {"r2": ("pat2",)},
        expected_revision=opened.revision,
        now=at(1),
    )
    with pytest.raises(VersionConflictError) as refused:
        store.update_roster(
            world.db,
            world.director2,
            world.drill,
            {"r3": ()},
            expected_revision=opened.revision,
            now=at(2),
        )
    assert refused.value.key == "drills_store.roster_conflict"
    assert "director" in t(refused.value.key, **refused.value.params)
    roster = store.read_roster(world.db, world.director, world.drill)
    assert roster.players == {"r3": ("pat",), "r1": ("pat2",), "r2": ("pat2",)}


def test_the_roster_revision_survives_a_reopened_file(world):
    roster = store.read_roster(world.db, world.director, world.drill)
    store.update_roster(
        world.db,
        world.director,
        world.drill,
        {"r1": ()},
        expected_revision=roster.revision,
        now=at(1),
    )
    world.db.close()
    world.db = connection.connect(world.path)
    again = store.read_roster(world.db, world.director, world.drill)
    assert again.revision == roster.revision + 1 and again.players == {"r3": ("pat",)}


def test_only_directors_read_or_change_the_roster(world):
    with pytest.raises(NotAllowedError):
        store.read_roster(world.db, world.lead, world.drill)
    with pytest.raises(NotAllowedError):
        store.update_roster(
            world.db, world.lead, world.drill, {"r1": ()}, expected_revision=1, now=at(1)
        )
