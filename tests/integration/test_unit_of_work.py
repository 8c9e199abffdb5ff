"""One unit of work for a use case (db/unit_of_work.py): the stores called inside it read one
snapshot and write together, or not at all."""

from __future__ import annotations

import pytest

from db import findings_store as fs
from db.errors import StoreError, VersionConflictError
from db.unit_of_work import unit_of_work
from drills.findings import Finding
from drills.ratings import RatingOverride
from services import drills as drill_cases
from tests.integration.drills_world import at, seed
from tests.integration.rated_drills import running_drill

NOTE = Finding("", "器材不足", "堵漏器材未到位")
OVERRIDE = RatingOverride("disposal", "S", "器材到位晚", "lead")


@pytest.fixture
def world(database):
    w = seed(database)
    yield w
    w.db.close()


@pytest.fixture
def drill(world) -> int:
    drill = running_drill(world)
    drill_cases.end_drill(world.db, world.director, drill, now=at(90))
    return drill


def test_store_calls_in_one_unit_read_one_snapshot(world, drill):
    before = len(fs.list_findings(world.db, world.lead, drill))
    with unit_of_work(world.db) as uow:
        assert len(fs.list_findings(uow, world.lead, drill)) == before
        fs.add_finding(world.db, world.lead, drill, NOTE, now=at(100))  # another session
        assert len(fs.list_findings(uow, world.lead, drill)) == before
    assert len(fs.list_findings(world.db, world.lead, drill)) == before + 1


def test_a_unit_that_raises_keeps_none_of_its_writes(world, drill):
    with pytest.raises(RuntimeError), unit_of_work(world.db) as uow:
        fs.set_override(uow, world.lead, drill, OVERRIDE, now=at(100))
        assert len(fs.overrides(uow, world.lead, drill)) == 1
        raise RuntimeError("the use case failed after the write")
    assert fs.overrides(world.db, world.lead, drill) == []


def test_a_store_failing_inside_a_unit_spoils_it_even_when_its_error_is_caught(world, drill):
    (first, *_) = fs.list_findings(world.db, world.lead, drill)
    with pytest.raises(StoreError) as spoiled, unit_of_work(world.db) as uow:
        fs.set_override(uow, world.lead, drill, OVERRIDE, now=at(100))
        try:
            fs.update_finding(uow, world.lead, drill, first.finding, first.version + 5, now=at(101))
        except VersionConflictError:
            pass
    assert spoiled.value.key == "db.error"
    assert fs.overrides(world.db, world.lead, drill) == []
