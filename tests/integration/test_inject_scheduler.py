"""The drill clock's scheduler releases timed injects at their due time with no screen open, once
each, catching up after a restart, with two schedulers at once, and beside the real server."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db import connection
from db import drills_store as store
from db.errors import DatabaseLockedError
from drills.model import Inject
from services.clock import TICK_SECONDS, Scheduler, held, opened, release_due
from tests.integration.drills_world import T0, at, design, seed

ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    """A clock the test sets; it counts how often a scheduler read it (once per tick)."""

    def __init__(self, now: datetime) -> None:
        self._now = now
        self._reads = 0
        self._changed = threading.Condition()

    def set(self, now: datetime) -> None:
        with self._changed:
            self._now = now

    def __call__(self) -> datetime:
        with self._changed:
            self._reads += 1
            self._changed.notify_all()
            return self._now

    def wait_ticks(self, n: int, timeout: float = 10.0) -> None:
        """Wait until the clock has been read `n` more times (ticks that began after the call;
        the first of them may have been under way, hence callers ask for one more)."""
        with self._changed:
            target = self._reads + n
            assert self._changed.wait_for(lambda: self._reads >= target, timeout), "no tick"


def started_drill(world, injects=None, *, start: datetime = T0) -> int:
    changes = {"injects": injects} if injects is not None else {}
    drill = store.create_drill(
        world.db, world.director, design(world, **changes), now=start - timedelta(minutes=60)
    )
    store.seal_drill(world.db, world.director, drill, now=start - timedelta(minutes=30))
    store.start_drill(world.db, world.director, drill, now=start)
    return drill


def releases(conn, drill: int) -> list[tuple]:
    return conn.execute(
        "SELECT inject_id, released_at, released_by, auto, clock_min FROM inject_releases"
        " WHERE drill_id = ? ORDER BY released_at, inject_id",
        [drill],
    ).fetchall()


def timed(n: int, step: float = 0.5) -> tuple[Inject, ...]:
    """n timed injects, one every `step` drill minutes from `step` on: t01, t02, ..."""
    return tuple(
        Inject(f"t{k:02d}", f"消息 {k}", offset_min=k * step, to_roles=("r3",))
        for k in range(1, n + 1)
    )


@pytest.fixture
def world(tmp_path):
    w = seed(tmp_path / "plandrill.duckdb")
    yield w
    w.db.close()


@pytest.fixture
def heard():
    """What schedulers reported releasing, [(drill, inject), ...] in order, from any thread."""
    got, lock = [], threading.Lock()

    def hear(released: dict[int, list[str]]) -> None:
        with lock:
            got.extend((drill, inject) for drill, ids in released.items() for inject in ids)

    hear.got = got
    return hear


@pytest.mark.parametrize(
    "pause, due",
    [
        (None, at(5)),  # i1: 5 drill minutes after T0
        ((2, 10), at(13)),  # paused from minute 2 to 10: the clock reaches 5 at wall minute 13
    ],
)
def test_the_scheduler_releases_a_timed_inject_stamped_with_its_due_time(world, heard, pause, due):
    drill = started_drill(world)
    if pause:
        store.pause_drill(world.db, world.director, drill, now=at(pause[0]))
        store.resume_drill(world.db, world.director, drill, now=at(pause[1]))
    clock = FakeClock(due - timedelta(seconds=1))
    scheduler = Scheduler(held(lambda: world.db), every=0.01, clock=clock, on_released=heard)
    scheduler.start()
    try:
        clock.wait_ticks(3)
        assert releases(world.db, drill) == []  # a second early: nothing
        clock.set(due + timedelta(minutes=2))  # the tick comes late: the stamp is still `due`
        clock.wait_ticks(3)
    finally:
        scheduler.stop()
    assert not scheduler.running
    assert releases(world.db, drill) == [("i1", due, "system", True, 5.0)]
    assert heard.got == [(drill, "i1")]


def test_after_a_restart_the_first_tick_releases_what_fell_due_meanwhile_in_order(
    world, heard, tmp_path
):
    drill = started_drill(world)
    store.release_inject(world.db, world.director, drill, "i2", now=at(1))  # by hand
    release_due(world.db, now=at(2))  # nothing due yet
    world.db.close()  # the app stops; i1 falls due at minute 5, i3 at 30

    world.db = connection.connect(world.path)  # and starts again at minute 45
    clock = FakeClock(at(45))
    scheduler = Scheduler(held(lambda: world.db), every=60, clock=clock, on_released=heard)
    scheduler.start()
    try:
        deadline = time.monotonic() + 10
        while not heard.got and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        scheduler.stop()
    assert heard.got == [(drill, "i1"), (drill, "i3")]  # the first tick, earliest due first
    assert [(r[0], r[1], r[2]) for r in releases(world.db, drill)] == [
        ("i2", at(1), "director"),
        ("i1", at(5), "system"),
        ("i3", at(30), "system"),
    ]


def test_a_paused_or_ended_drill_releases_nothing_new_and_an_ended_one_nothing_at_all(world):
    paused, ended = started_drill(world), started_drill(world)
    store.pause_drill(world.db, world.director, paused, now=at(4))
    store.end_drill(world.db, world.director, ended, now=at(20))
    assert release_due(world.db, now=at(60)) == {}
    assert releases(world.db, paused) == releases(world.db, ended) == []


def test_an_inject_due_just_before_a_pause_is_released_while_paused_with_its_due_time(world):
    drill = started_drill(world)
    store.pause_drill(world.db, world.director, drill, now=at(5.1))  # i1 fell due at 5
    assert release_due(world.db, now=at(8)) == {drill: ["i1"]}
    assert releases(world.db, drill)[0][:2] == ("i1", at(5))


def test_two_schedulers_in_threads_release_each_inject_once(world, heard):
    injects = timed(40)  # due every half minute up to minute 20
    drills = [started_drill(world, injects), started_drill(world, injects)]
    clock = FakeClock(at(0))
    schedulers = [
        Scheduler(held(lambda: world.db), every=0.001, clock=clock, on_released=heard)
        for _ in range(2)
    ]
    for scheduler in schedulers:
        scheduler.start()
    try:
        for minute in range(22):
            clock.set(at(minute))
            clock.wait_ticks(6)
    finally:
        for scheduler in schedulers:
            scheduler.stop()
    expected = {(drill, inject.id) for drill in drills for inject in injects}
    assert len(heard.got) == len(expected)  # nobody reported a release twice
    assert set(heard.got) == expected
    for drill in drills:
        stamps = [(r[0], r[1]) for r in releases(world.db, drill)]
        assert stamps == [(i.id, at(i.offset_min)) for i in injects]


def test_two_instances_on_postgresql_release_each_inject_once(postgres_database, heard):
    """Two app instances: each its own pool of connections to one PostgreSQL database and its
    own scheduler ticking at the same moments."""
    pg = seed(postgres_database)
    other_instance = connection.connect(postgres_database)
    injects = timed(30)  # due every half minute up to minute 15
    try:
        drills = [started_drill(pg, injects), started_drill(pg, injects)]
        clock = FakeClock(at(0))
        schedulers = [
            Scheduler(held(lambda db=db: db), every=0.001, clock=clock, on_released=heard)
            for db in (pg.db, other_instance)
        ]
        for scheduler in schedulers:
            scheduler.start()
        try:
            for minute in range(17):
                clock.set(at(minute))
                clock.wait_ticks(6)
        finally:
            for scheduler in schedulers:
                scheduler.stop()
        expected = {(drill, inject.id) for drill in drills for inject in injects}
        assert len(heard.got) == len(expected)  # no instance reported a release twice
        assert set(heard.got) == expected
        for drill in drills:
            stamps = [(r[0], r[1]) for r in releases(pg.db, drill)]
            assert stamps == [(i.id, at(i.offset_min)) for i in injects]
    finally:
        other_instance.close()
        pg.db.close()


def test_two_processes_taking_turns_with_the_file_release_each_inject_once(world, tmp_path):
    injects = timed(30)  # due every half minute up to minute 15
    drill = started_drill(world, injects)
    world.db.close()  # from now on only the two scheduler processes open the file
    go = tmp_path / "go"
    command = [
        sys.executable,
        "-m",
        "tests.integration.clock_process",
        str(world.path),
        T0.isoformat(),
        "16",
        str(go),
    ]
    workers = [
        subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    go.touch()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        results.append([tuple(pair) for pair in json.loads(out)])
    claimed = results[0] + results[1]
    assert sorted(claimed) == sorted((drill, inject.id) for inject in injects)  # once each
    world.db = connection.connect(world.path)
    stamps = [(r[0], r[1]) for r in releases(world.db, drill)]
    assert stamps == [(i.id, at(i.offset_min)) for i in injects]


HOLD = (
    "import sys, time; from db import connection; conn = connection.connect(sys.argv[1]);"
    " print('held', flush=True); time.sleep(float(sys.argv[2])); conn.close()"
)


def test_a_scheduler_without_the_file_waits_while_another_process_holds_it(world, tmp_path):
    drill = started_drill(world)
    world.db.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(world.path), "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseLockedError):  # gives up after 0.2 s
            Scheduler(opened(world.path, wait_s=0.2), clock=lambda: at(6)).tick()
        waited = time.monotonic()
        assert Scheduler(opened(world.path, wait_s=20), clock=lambda: at(6)).tick() == {
            drill: ["i1"]
        }
        assert time.monotonic() - waited > 0.5  # it did wait for the holder to let go
    finally:
        holder.wait(timeout=30)
    world.db = connection.connect(world.path)
    assert releases(world.db, drill)[0][:2] == ("i1", at(5))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_server_releases_an_inject_when_due_with_no_browser_connected(world, tmp_path):
    """`python -m serve` (what scripts/run.sh starts); nothing but its health check is asked."""
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(seconds=52)  # i_late fell due 22 s ago, i_soon falls due in 8 s
    injects = (
        Inject("i_late", "已到时", offset_min=0.5),
        Inject("i_soon", "将到时", offset_min=1.0),
    )
    drill = started_drill(world, injects, start=start)
    world.db.close()  # the server holds the file from now on
    port, due = _free_port(), start + timedelta(minutes=1)
    env = {**os.environ, "PLANDRILL_DB": str(world.path), "PLANDRILL_DEMO": "0"}
    with open(tmp_path / "server.log", "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "serve",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            healthy_at = _wait_healthy(f"http://127.0.0.1:{port}")
            assert healthy_at < due  # so only a tick of the running server can release i_soon
            time.sleep((due - datetime.now(UTC)).total_seconds() + 2 * TICK_SECONDS + 1)
        finally:
            _stop(server)
    world.db = connection.connect(world.path)
    stamps = [(r[0], r[1], r[2]) for r in releases(world.db, drill)]
    assert stamps == [
        ("i_late", start + timedelta(minutes=0.5), "system"),
        ("i_soon", due, "system"),
    ], (tmp_path / "server.log").read_text()


def _wait_healthy(url: str) -> datetime:
    for _ in range(150):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return datetime.now(UTC)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def _stop(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
