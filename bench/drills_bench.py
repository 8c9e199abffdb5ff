"""Drill store benchmark: the time to record one observation while 50 evaluators each record one
every 2 s on average (exponential gaps), for a minute, through the store on one DuckDB file, one
cursor per thread as in the app (DESIGN.md section 6: p95 under 10 ms, none lost).

`python -m bench.drills_bench [--seconds 60] [--evaluators 50] [--gap 2]` prints a table and
returns the figures (the dict `run()` returns) for `python -m bench`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
        Step(f"s{n}", f"步骤{n}", f"第{n}步的原文。", roles=(f"r{n % N_ROLES + 1}",),
             phase="disposal", after=(f"s{n - 1}",) if n > 1 else (), time_limit_min=n)
        for n in range(1, N_STEPS + 1)
    )  # fmt: skip
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
        users_store.create_user(conn, SYSTEM, name, "Bench-Password-2026", roles=roles, unit=unit,
                                must_change=False, now=now)  # fmt: skip
    owner = Actor("owner", roles=frozenset({"plan_owner"}), unit=unit)
    approver = Actor("approver", roles=frozenset({"approver"}), unit=unit)
    imported = plans_store.import_plan(conn, owner, bench_plan(), document=b"bench",
                                       filename="bench.docx", now=now)  # fmt: skip
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
    from plans.errors import PlanError

    actor = act_as(conn, who.name)
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    while True:
        pause = rng.expovariate(1 / gap)
        if time.monotonic() + pause > deadline:
            return
        time.sleep(pause)
        now = datetime.now(UTC)
        tap = Observation(uuid.uuid4().hex, drill, "item", who.name, now, now,
                          rng.choice(who.items), rng.choice(("done", "partly", "not_done")))  # fmt: skip
        who.sent.append(tap.id)
        start = time.perf_counter()
        try:
            drills_store.record_observation(conn, actor, tap)
        except PlanError as exc:  # the store's refusals: counted and reported
            who.errors.append(f"{type(exc).__name__}: {exc}"[:200])
            continue
        who.latencies.append(time.perf_counter() - start)
        who.acknowledged.append(tap.id)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(seconds: float = 60, evaluators: int = 50, gap: float = 2.0) -> dict[str, dict]:
    """Seed, run the evaluators, check what was stored; the figures as a dict."""
    from db import drills_store
    from db.users_store import act_as

    with tempfile.TemporaryDirectory() as folder:
        now = datetime.now(UTC) - timedelta(seconds=1)
        conn, drill, people = seed(Path(folder) / "drills_bench.duckdb", evaluators, now)
        threads = [
            threading.Thread(target=evaluate, args=(conn, drill, who, seconds, gap, n))
            for n, who in enumerate(people)
        ]
        started, load_before = time.monotonic(), os.getloadavg()[0]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall, load_after = time.monotonic() - started, os.getloadavg()[0]
        stored = [o.id for o in drills_store.observations(conn, act_as(conn, "director"), drill)]
        conn.close()
    latencies_ms = [v * 1000 for who in people for v in who.latencies]
    sent = sum(len(who.sent) for who in people)
    acknowledged = {oid for who in people for oid in who.acknowledged}
    errors = [e for who in people for e in who.errors]
    lost = len(acknowledged - set(stored))
    duplicated = len(stored) - len(set(stored))
    label = f"{evaluators} evaluators, 1 per {gap:g} s, {seconds:g} s"
    print(
        f"\ndrill store: {label} ({wall:.1f} s wall; machine load average "
        f"{load_before:.2f} before, {load_after:.2f} after, on {os.cpu_count()} cores)"
    )
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
    print_table(figures)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.drills_bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60, help="how long (default 60)")
    parser.add_argument("--evaluators", type=int, default=50, help="threads (default 50)")
    parser.add_argument("--gap", type=float, default=2.0, help="mean seconds between taps")
    args = parser.parse_args(argv)
    figures = run(args.seconds, args.evaluators, args.gap)
    return 0 if all(f["ok"] is not False for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
