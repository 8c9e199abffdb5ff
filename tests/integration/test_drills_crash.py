"""Killing the server in the middle of a drill loses no confirmed observation, and the drill
resumes with its clock intact (SIGKILL, not a polite stop)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from db import connection
from db import drills_store as store
from db.users_store import act_as
from tests.conftest import ROOT
from tests.integration.drills_world import at, design, seed

# Four evaluator threads in one process, like app sessions: each prints an id only after
# record_observation returned, i.e. once the row is committed.
WRITER = textwrap.dedent(
    """
    import sys, threading, uuid
    from datetime import UTC, datetime, timedelta
    from db import connection, drills_store
    from db.users_store import act_as
    from drills.model import Observation

    path, drill = sys.argv[1], int(sys.argv[2])
    conn = connection.connect(path)
    t0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    printing = threading.Lock()

    def evaluator(name, item):
        actor = act_as(conn, name)
        n = 0
        while True:
            n += 1
            moment = t0 + timedelta(minutes=13, seconds=n)
            tap = Observation(uuid.uuid4().hex, drill, "item", name, moment, moment, item,
                              "done")
            drills_store.record_observation(conn, actor, tap)
            with printing:
                sys.stdout.write(tap.id + "\\n")
                sys.stdout.flush()

    for name, item in (("eva", "c1"), ("evb", "c3"), ("lead", "c2"), ("lead", "c4")):
        threading.Thread(target=evaluator, args=(name, item), daemon=True).start()
    threading.Event().wait()
    """
)


@pytest.fixture
def drill_in_progress(tmp_path):
    """A running drill (started at T0, paused 10-12 min) on a database no process holds."""
    world = seed(tmp_path / "plandrill.duckdb")
    drill = store.create_drill(world.db, world.director, design(world), now=at(-60))
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.start_drill(world.db, world.director, drill, now=at(0))
    store.release_inject(world.db, world.director, drill, "i2", now=at(1))
    store.pause_drill(world.db, world.director, drill, now=at(10))
    store.resume_drill(world.db, world.director, drill, now=at(12))
    world.db.close()
    return world.path, drill


def test_a_killed_server_loses_no_confirmed_observation_and_keeps_the_drill_clock(
    drill_in_progress,
):
    path, drill = drill_in_progress
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(drill)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    confirmed: list[str] = []
    deadline = time.monotonic() + 60
    try:
        while len(confirmed) < 200 and time.monotonic() < deadline:
            line = writer.stdout.readline()
            if not line:
                break
            confirmed.append(line.strip())
        os.kill(writer.pid, signal.SIGKILL)  # in the middle of the writers' next taps
        writer.wait(timeout=10)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert len(confirmed) == 200, writer.stderr.read()[-2000:]
    confirmed += [line.strip() for line in writer.stdout.read().splitlines() if line.strip()]
    writer.stdout.close()
    writer.stderr.close()

    conn = connection.connect(path)  # replays the write-ahead log
    try:
        lead = act_as(conn, "lead")
        stored = {o.id for o in store.observations(conn, lead, drill)}
        assert set(confirmed) <= stored  # every acknowledged tap is there
        assert len(stored) <= len(confirmed) + 4  # at most the taps in flight were not confirmed
        director = act_as(conn, "director")
        summary = store.drill_summary(conn, director, drill, now=at(30))
        assert (summary.status, summary.started_at) == ("running", at(0))
        assert summary.elapsed_min == pytest.approx(28)  # the 2-minute pause still left out
        assert [v.inject.id for v in store.visible_injects(conn, lead, drill)] == ["i2"]
        # the drill goes on after the restart
        store.pause_drill(conn, director, drill, now=at(31))
        assert store.drill_summary(conn, director, drill, now=at(40)).elapsed_min == pytest.approx(
            29
        )
    finally:
        conn.close()
