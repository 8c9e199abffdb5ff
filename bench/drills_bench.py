"""Drill store benchmark: the time to record one observation while 50 evaluators each record one
every 2 s on average (exponential gaps), for a minute, through the store on one DuckDB file, one
cursor per thread as in the app (DESIGN.md section 6: p95 under 10 ms, none lost).

`python -m bench.drills_bench [--seconds 60] [--evaluators 50] [--gap 2]` prints a table and
returns the figures (the dict `run()` returns) for `python -m bench`.
With `--database postgresql://… [--instances 2]` the same load also runs on PostgreSQL, in a fresh
database made on that server (and dropped after), the evaluators spread over that many OS
processes, each an app instance with its own pool (`db.connection.connect`); the DuckDB file runs
first in the same command as the baseline, in one process, since DuckDB allows one writing process.
Which engine when: DuckDB for one app instance with a drill's usual few dozen evaluators (no
server to run); PostgreSQL for several instances behind a load balancer or a hundred writers.
With 100 writers for 60 s on 2 busy cores (load 4 to 8), PostgreSQL in two instances took p50
1.9 ms, p95 36 ms; DuckDB in one process p50 11 ms, p95 206 ms; neither lost a write (the test
server runs with fsync off, which flatters PostgreSQL's commits).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import random
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.run import figure, print_table

P95_TARGET_MS = 10.0
N_ROLES = 10
N_STEPS = 300  # a 300-step plan: the checklist size of DESIGN.md's tap figure


@dataclass
class Evaluator:
    name: str
    items: list[str]
    latencies: list[float] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def bench_plan():
    """A plan of N_STEPS steps in one chain, owned in turn by N_ROLES roles."""
    from plans.model import Level, Plan, Role, Step

    roles = tuple(Role(f"r{n}", f"角色{n}") for n in range(1, N_ROLES + 1))
    steps = tuple(
        Step(
            f"s{n}",
            f"步骤{n}",
            f"第{n}步的原文。",
            roles=(f"r{n % N_ROLES + 1}",),
            phase="disposal",
            after=(f"s{n - 1}",) if n > 1 else (),
            time_limit_min=n,
        )
        for n in range(1, N_STEPS + 1)
    )
    return Plan("基准演练预案", roles=roles, levels=(Level("I", "Ⅰ级"),), steps=steps)


def seed(path: Path, evaluators: int, now: datetime) -> tuple[object, int, list[Evaluator]]:
    """A database with a running drill on a published 300-step plan and its evaluators."""
    from argon2 import PasswordHasher

    from access import passwords
    from access.policy import SYSTEM, Actor
    from db import connection, drills_store, plans_store, users_store
    from drills.model import DrillDesign, EvaluatorAssignment

    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # not timed
    unit = "基准单位"
    conn = connection.connect(path)
    names = [f"eval{n:02d}" for n in range(1, evaluators + 1)]
    for name, roles in [("director", ["drill_director"]), *((n, ["evaluator"]) for n in names)]:
        users_store.create_user(
            conn,
            SYSTEM,
            name,
            "Bench-Password-2026",
            roles=roles,
            unit=unit,
            must_change=False,
            now=now,
        )
    owner = Actor("owner", roles=frozenset({"plan_owner"}), unit=unit)
    approver = Actor("approver", roles=frozenset({"approver"}), unit=unit)
    imported = plans_store.import_plan(
        conn, owner, bench_plan(), document=b"bench", filename="bench.docx", now=now
    )
    plans_store.submit_for_review(conn, owner, imported.version_id, now)
    plans_store.approve(conn, approver, imported.version_id, now)
    shares = [EvaluatorAssignment(name, (f"r{n % N_ROLES + 1}",)) for n, name in enumerate(names)]
    director = users_store.act_as(conn, "director")
    design = DrillDesign("基准演练", imported.version_id, evaluators=tuple(shares))
    drill = drills_store.create_drill(conn, director, design, now=now)
    drills_store.seal_drill(conn, director, drill, now=now)
    drills_store.start_drill(conn, director, drill, now=now)
    checklist = drills_store.load_design(conn, director, drill).checklist
    people = [
        Evaluator(a.username, [i.id for i in checklist if set(i.roles) & set(a.roles)])
        for a in shares
    ]
    return conn, drill, people


def evaluate(conn, drill: int, who: Evaluator, seconds: float, gap: float, seed: int) -> None:
    """One evaluator: a tap after each exponential gap until the time is up."""
    from db import drills_store
    from db.users_store import act_as
    from drills.model import Observation
    from i18n.errors import UserFacingError

    actor = act_as(conn, who.name)
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    while True:
        pause = rng.expovariate(1 / gap)
        if time.monotonic() + pause > deadline:
            return
        time.sleep(pause)
        now = datetime.now(UTC)
        tap = Observation(
            uuid.uuid4().hex,
            drill,
            "item",
            who.name,
            now,
            now,
            rng.choice(who.items),
            rng.choice(("done", "partly", "not_done")),
        )
        who.sent.append(tap.id)
        start = time.perf_counter()
        try:
            drills_store.record_observation(conn, actor, tap)
        except UserFacingError as exc:  # the store's refusals: counted and reported
            who.errors.append(f"{type(exc).__name__}: {exc}"[:200])
            continue
        who.latencies.append(time.perf_counter() - start)
        who.acknowledged.append(tap.id)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(seconds: float = 60, evaluators: int = 50, gap: float = 2.0) -> dict[str, dict]:
    """Seed, run the evaluators, check what was stored; the figures as a dict."""
    with tempfile.TemporaryDirectory() as folder:
        now = datetime.now(UTC) - timedelta(seconds=1)
        conn, drill, people = seed(Path(folder) / "drills_bench.duckdb", evaluators, now)
        started, load_before = time.monotonic(), os.getloadavg()[0]
        run_evaluators(conn, drill, list(enumerate(people)), seconds, gap)
        wall, load_after = time.monotonic() - started, os.getloadavg()[0]
        stored = stored_ids(conn, drill)
        conn.close()
    label = f"{evaluators} evaluators, 1 per {gap:g} s, {seconds:g} s"
    print(
        f"\ndrill store: {label} ({wall:.1f} s wall; machine load average "
        f"{load_before:.2f} before, {load_after:.2f} after, on {os.cpu_count()} cores)"
    )
    figures = summarise(people, stored)
    print_table(figures)
    return figures


def run_evaluators(conn, drill: int, numbered: list[tuple[int, Evaluator]], seconds, gap) -> None:
    """One thread per evaluator on `conn`, each with its own random seed (its number)."""
    threads = [
        threading.Thread(target=evaluate, args=(conn, drill, who, seconds, gap, n))
        for n, who in numbered
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def stored_ids(conn, drill: int) -> list[str]:
    """The ids of the drill's observations as the director reads them."""
    from db import drills_store
    from db.users_store import act_as

    return [o.id for o in drills_store.observations(conn, act_as(conn, "director"), drill)]


def summarise(people: list[Evaluator], stored: list[str], prefix: str = "") -> dict[str, dict]:
    """The latency percentiles and the count of what was sent, stored, lost and refused (the
    errors' count and first one printed)."""
    latencies_ms = [v * 1000 for who in people for v in who.latencies]
    sent = sum(len(who.sent) for who in people)
    acknowledged = {oid for who in people for oid in who.acknowledged}
    errors = [e for who in people for e in who.errors]
    lost = len(acknowledged - set(stored))
    duplicated = len(stored) - len(set(stored))
    if errors:
        print(f"errors ({len(errors)}), first: {errors[0]}")
    figures = {
        "observation record p50": figure(percentile(latencies_ms, 0.50), "ms"),
        "observation record p95": figure(
            percentile(latencies_ms, 0.95), "ms", P95_TARGET_MS, f"<= {P95_TARGET_MS:g} ms"
        ),
        "observation record p99": figure(percentile(latencies_ms, 0.99), "ms"),
        "observation record max": figure(max(latencies_ms), "ms"),
        "observation record mean": figure(statistics.mean(latencies_ms), "ms"),
        "observations sent": figure(sent, "n"),
        "observations stored": figure(len(stored), "n", sent, f">= {sent} (all sent)", higher=True),
        "observations lost (acknowledged, not stored)": figure(lost, "n", 0, "0"),
        "observations duplicated": figure(duplicated, "n", 0, "0"),
        "observations refused (errors)": figure(len(errors), "n", 0, "0"),
    }
    return {f"{prefix}{name}": value for name, value in figures.items()}


@contextmanager
def scratch_database(server_url: str, prefix: str = "plandrill_bench") -> Iterator[str]:
    """The URL of a new, empty database `prefix_<hex>` on the PostgreSQL server of `server_url`,
    dropped (connections and all) when the block ends."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    base, _, query = server_url.partition("?")
    url = base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
        try:
            yield url
        finally:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def server_settings(url: str) -> str:
    """The server's version and durability settings, for the printed header (fsync off makes
    every commit cheaper than on a server that keeps data)."""
    import psycopg

    with psycopg.connect(url) as conn:
        names = ("server_version", "fsync", "synchronous_commit", "max_connections")
        return ", ".join(f"{n} {conn.execute(f'SHOW {n}').fetchone()[0]}" for n in names)


def instance(url: str, drill: int, numbered, seconds: float, gap: float, ready, results) -> None:
    """One app instance (an OS process of its own): its own pool of connections to `url`, its
    evaluators' threads started when every instance is ready; what they did goes to `results`."""
    from db import connection

    conn = connection.connect(url)
    try:
        ready.wait(timeout=300)
        started, load_before = time.monotonic(), os.getloadavg()[0]
        run_evaluators(conn, drill, numbered, seconds, gap)
        wall, load_after = time.monotonic() - started, os.getloadavg()[0]
    finally:
        conn.close()
    results.put((os.getpid(), [who for _, who in numbered], wall, load_before, load_after))


def run_instances(
    url: str, drill: int, people: list[Evaluator], instances: int, seconds: float, gap: float
) -> list[tuple[Any, ...]]:
    """Spread the evaluators over `instances` spawned processes; each one's report.

    Raises: RuntimeError when an instance dies before it reported (the others are ended)."""
    context = multiprocessing.get_context("spawn")
    ready, results = context.Barrier(instances), context.Queue()
    numbered = list(enumerate(people))
    shares = [numbered[k::instances] for k in range(instances)]
    processes = [
        context.Process(target=instance, args=(url, drill, share, seconds, gap, ready, results))
        for share in shares
    ]
    for process in processes:
        process.start()
    reports = []
    try:
        while len(reports) < instances:
            try:
                reports.append(results.get(timeout=1))
            except queue.Empty:
                dead = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
                if dead:
                    raise RuntimeError(f"a bench instance failed (exit codes {dead})") from None
    finally:
        for process in processes:
            process.join(timeout=10 if len(reports) == instances else 0)
            if process.is_alive():
                process.terminate()
                process.join()
    return reports


def run_postgres(
    server_url: str,
    seconds: float = 60,
    evaluators: int = 100,
    gap: float = 2.0,
    instances: int = 2,
) -> dict[str, dict]:
    """The same load on a fresh PostgreSQL database, the evaluators spread over `instances`
    processes; the figures, named "PostgreSQL, K instances: …"."""
    from db import connection

    with scratch_database(server_url) as url:
        now = datetime.now(UTC) - timedelta(seconds=1)
        conn, drill, people = seed(url, evaluators, now)
        conn.close()
        reports = run_instances(url, drill, people, instances, seconds, gap)
        with connection.connect(url) as conn:
            stored = stored_ids(conn, drill)
        settings = server_settings(url)
    print(
        f"\ndrill store, PostgreSQL: {evaluators} evaluators, 1 per {gap:g} s, {seconds:g} s, "
        f"in {instances} app instances (OS processes with a pool of their own); server {settings}"
    )
    for pid, done, wall, before, after in reports:
        print(
            f"  instance pid {pid}: {len(done)} evaluators, {wall:.1f} s wall; machine load "
            f"average {before:.2f} before, {after:.2f} after, on {os.cpu_count()} cores"
        )
    done = [who for report in reports for who in report[1]]
    figures = summarise(done, stored, f"PostgreSQL, {instances} instances: ")
    print_table(figures)
    return figures


def run_compared(
    server_url: str,
    seconds: float = 60,
    evaluators: int = 100,
    gap: float = 2.0,
    instances: int = 2,
) -> dict[str, dict]:
    """DuckDB in one process (the baseline), then PostgreSQL in `instances` processes, under the
    same load; both tables printed, the figures named by engine."""
    print(
        f"\n== DuckDB baseline: one process, {evaluators} threads on one file (DuckDB allows one "
        f"writing process per file, so it cannot be spread over app instances) =="
    )
    duck = run(seconds, evaluators, gap)
    print(f"\n== PostgreSQL: {instances} app instances writing to one database ==")
    postgres = run_postgres(server_url, seconds, evaluators, gap, instances)
    figures = {f"DuckDB, 1 process: {name}": value for name, value in duck.items()} | postgres
    p95 = f"PostgreSQL, {instances} instances: observation record p95"
    print(
        f"\np95 with {evaluators} writers: PostgreSQL in {instances} instances "
        f"{figures[p95]['value']:.2f} ms, DuckDB in one process "
        f"{duck['observation record p95']['value']:.2f} ms"
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.drills_bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60, help="how long (default 60)")
    parser.add_argument("--evaluators", type=int, default=50, help="threads (default 50)")
    parser.add_argument("--gap", type=float, default=2.0, help="mean seconds between taps")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="also a PostgreSQL server (postgresql://…): a fresh database there",
    )
    parser.add_argument(
        "--instances",
        type=int,
        default=1,
        help="PostgreSQL app instances (processes) sharing the evaluators",
    )
    args = parser.parse_args(argv)
    if args.database is None and args.instances != 1:
        parser.error("--instances needs --database: DuckDB allows one writing process")
    if args.database is None:
        figures = run(args.seconds, args.evaluators, args.gap)
    else:
        figures = run_compared(
            args.database, args.seconds, args.evaluators, args.gap, max(1, args.instances)
        )
    return 0 if all(f["ok"] is not False for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
