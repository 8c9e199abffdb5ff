"""Times that order events come from the database's clock: on PostgreSQL the server's, which every
app instance and command line shares, whatever the clock of the machine running them says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from db import dialect
from db import drills_store as store
from drills.model import Inject
from services import clock
from services.clock import Scheduler, held
from tests.integration.drills_world import design, seed

SKEW = timedelta(hours=1)


class _SlowMachine(datetime):
    """This machine's clock, an hour behind (an app instance whose clock drifted)."""

    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) - SKEW


@pytest.fixture
def slow_machine(monkeypatch):
    monkeypatch.setattr(dialect, "datetime", _SlowMachine)


def _server_time(db) -> datetime:
    return db.execute("SELECT clock_timestamp()").fetchone()[0].astimezone(UTC)


def test_on_postgresql_events_are_stamped_with_the_servers_clock(postgres_database, slow_machine):
    world = seed(postgres_database)
    try:
        stamped = clock.now(world.db)
        assert stamped.tzinfo is not None
        assert abs(stamped - _server_time(world.db)) < timedelta(seconds=5)
        assert abs(stamped - datetime.now(UTC)) < timedelta(seconds=5)  # not the slow clock
    finally:
        world.db.close()


def test_on_a_duckdb_file_the_machine_is_the_database_and_its_clock_stamps(tmp_path, slow_machine):
    world = seed(tmp_path / "clock.duckdb")
    try:
        assert abs(clock.now(world.db) - (datetime.now(UTC) - SKEW)) < timedelta(seconds=5)
    finally:
        world.db.close()


def test_an_instance_with_a_slow_clock_releases_a_due_inject_by_the_servers_clock(
    postgres_database, slow_machine
):
    world = seed(postgres_database)
    try:
        started = _server_time(world.db) - timedelta(minutes=10)
        injects = (Inject("t01", "消息 1", offset_min=5, to_roles=("r3",)),)
        drill = store.create_drill(
            world.db,
            world.director,
            design(world, injects=injects),
            now=started - timedelta(minutes=60),
        )
        store.seal_drill(world.db, world.director, drill, now=started - timedelta(minutes=30))
        store.start_drill(world.db, world.director, drill, now=started)
        # By this machine's clock the drill started 50 minutes from now: nothing would be due.
        assert Scheduler(held(lambda: world.db)).tick() == {drill: ["t01"]}
        released_at = world.db.execute(
            "SELECT released_at FROM inject_releases WHERE drill_id = ?", [drill]
        ).fetchone()[0]
        assert abs(released_at - (started + timedelta(minutes=5))) < timedelta(seconds=1)
    finally:
        world.db.close()
