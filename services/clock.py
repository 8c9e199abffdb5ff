"""The drill clock's scheduler: releases timed injects at their due time, whether or not a screen
is open.

`release_due` is one tick: every running (or paused) drill's timed injects whose due time has
passed are released, each stamped with its due time (T0 + offset on the drill clock, pauses left
out), earliest first. A tick after a restart therefore catches up with the same rows an on-time
tick would have written. The database keeps each (drill, inject) once (ON CONFLICT DO NOTHING), so
two schedulers (threads with their own cursors, or processes that take turns with the file) never
release an inject twice.

Times that order events come from `now(conn)`, the database's clock (db/dialect.database_now):
on PostgreSQL every instance stamps with the server's clock, so two instances whose clocks
disagree still order observations, clock events and releases as they happened.

`Scheduler` ticks every few seconds in a thread; once an hour (the first tick included) a tick
also does the housekeeping: sessions that ended more than 30 days ago are deleted. In the app it uses the connection the app holds
(`held`); a process that does not hold the file opens it for each tick (`opened`), retrying while
another process has it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path

from db import connection, drills_run
from db.dialect import database_now
from db.errors import DatabaseLockedError, StoreError
from drills.errors import DrillError
from services import sessions

HOUSEKEEPING_SECONDS = 3600.0
TICK_SECONDS = 2.0  # a release reaches the participants' screens (2.5 s refresh) within ~5 s
THREAD_NAME = "plandrill-drill-clock"
LOG = logging.getLogger("plandrill.clock")

Released = dict[int, list[str]]  # drill id -> inject ids this tick released, earliest due first
Connection = Callable[[], AbstractContextManager]


def now(conn) -> datetime:
    """The time to stamp an event with: the database's clock (see the module docstring)."""
    return database_now(conn)


def release_due(conn, *, now: datetime) -> Released:
    """Release, in every running or paused drill, the timed injects due at or before `now`, each
    stamped with its due time; return what this call released (drills with nothing left out).
    A drill whose release fails is logged and tried again on the next tick."""
    released: Released = {}
    for drill_id in drills_run.drills_with_timed_injects_pending(conn):
        try:
            ids = drills_run.release_due_injects(conn, drill_id, now=now)
        except (DrillError, StoreError):
            LOG.exception("drill %s: the timed injects were not released", drill_id)
            continue
        if ids:
            released[drill_id] = ids
    return released


def housekeeping(conn, *, now: datetime) -> None:
    """Delete what is kept only for a while (sessions ended long ago); a failure is logged and
    the next housekeeping tries again."""
    try:
        purged = sessions.purge_ended_sessions(conn, now=now)
    except StoreError:
        LOG.exception("the sessions that ended long ago were not deleted")
        return
    if purged:
        LOG.info("deleted %s sessions that ended before %s", purged, now.date())


def held(get_connection: Callable[[], object]) -> Connection:
    """Ticks on the connection the app already holds (`get_connection()` at each tick)."""

    @contextmanager
    def use() -> Iterator[object]:
        yield get_connection()

    return use


def opened(path: str | Path, *, wait_s: float = 10.0) -> Connection:
    """Ticks on the file at `path`, opened for the tick and closed after it; while another
    process holds the file, opening is retried for up to `wait_s` seconds.

    Raises (from a tick): DatabaseLockedError when the file stayed held.
    """

    @contextmanager
    def use() -> Iterator[object]:
        conn = _open_with_retry(path, wait_s)
        try:
            yield conn
        finally:
            conn.close()

    return use


def _open_with_retry(path: str | Path, wait_s: float):
    deadline = time.monotonic() + wait_s
    pause = 0.005
    while True:
        try:
            return connection.connect(path)
        except DatabaseLockedError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)


def _log_released(released: Released) -> None:
    for drill_id, ids in released.items():
        LOG.info("drill %s: released %s", drill_id, ", ".join(ids))


class Scheduler:
    """A thread that runs `release_due` every `every` seconds (the first tick at once) until
    stopped. `clock` gives the time of a tick (default: the database's clock); `on_released` hears what each tick released."""

    def __init__(
        self,
        use_connection: Connection,
        *,
        every: float = TICK_SECONDS,
        clock: Callable[[], datetime] | None = None,
        on_released: Callable[[Released], None] = _log_released,
    ) -> None:
        self._use_connection = use_connection
        self._every = every
        self._clock = clock
        self._on_released = on_released
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_error = ""
        self._housekeeping_due = 0.0  # time.monotonic() of the next housekeeping

    def start(self) -> Scheduler:
        """Start ticking in a daemon thread; returns self."""
        if self._thread is not None:
            raise RuntimeError("the scheduler was started before")
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop ticking and wait for a tick under way to finish."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def tick(self) -> Released:
        """One tick now, in the caller's thread."""
        with self._use_connection() as conn:
            moment = self._clock() if self._clock is not None else now(conn)
            released = release_due(conn, now=moment)
            if time.monotonic() >= self._housekeeping_due:
                self._housekeeping_due = time.monotonic() + HOUSEKEEPING_SECONDS
                housekeeping(conn, now=moment)
        if released:
            self._on_released(released)
        return released

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
                self._last_error = ""
            except Exception as exc:  # a locked file or a closed connection: try the next tick
                if str(exc) != self._last_error:  # said once, not every few seconds
                    LOG.exception("the drill clock could not tick")
                self._last_error = str(exc)
            self._stop.wait(self._every)


__all__ = [
    "HOUSEKEEPING_SECONDS",
    "TICK_SECONDS",
    "Scheduler",
    "held",
    "housekeeping",
    "now",
    "opened",
    "release_due",
]
