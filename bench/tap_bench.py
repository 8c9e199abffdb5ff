"""Evaluator tap benchmark: the server time of one tap on a 300-step checklist (the callback that
stores the observation plus the rerun of that item's card, a fragment), against the server time
of a whole evaluator page run, measured on a real `streamlit run` driven by headless Chromium.
Target (DESIGN.md section 6): a tap under 150 ms.

`python -m bench.tap_bench [--taps 20]` prints a table and returns the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.run import figure, print_table

TAP_TARGET_MS = 150.0
PASSWORD = "Bench-Password-2026"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def seed(path: Path) -> int:
    """A running drill on the published 300-step benchmark plan; "eval" watches every role."""
    from argon2 import PasswordHasher

    from access import passwords
    from access.policy import SYSTEM, Actor
    from bench.drills_bench import N_ROLES, bench_plan
    from db import connection, drills_store, plans_store, users_store
    from drills.model import DrillDesign, EvaluatorAssignment

    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    now, unit = datetime.now(UTC), "基准单位"
    conn = connection.connect(path)
    for name, role in (("director", "drill_director"), ("eval", "evaluator")):
        users_store.create_user(conn, SYSTEM, name, PASSWORD, roles=[role], unit=unit,
                                must_change=False, now=now)  # fmt: skip
    owner = Actor("owner", roles=frozenset({"plan_owner"}), unit=unit)
    approver = Actor("approver", roles=frozenset({"approver"}), unit=unit)
    imported = plans_store.import_plan(conn, owner, bench_plan(), document=b"tap bench",
                                       filename="bench.docx", now=now)  # fmt: skip
    plans_store.submit_for_review(conn, owner, imported.version_id, now)
    plans_store.approve(conn, approver, imported.version_id, now)
    director = users_store.act_as(conn, "director")
    everyone = EvaluatorAssignment("eval", tuple(f"r{n}" for n in range(1, N_ROLES + 1)))
    design = DrillDesign("基准演练", imported.version_id, evaluators=(everyone,))
    drill = drills_store.create_drill(conn, director, design, now=now)
    drills_store.seal_drill(conn, director, drill, now=now)
    drills_store.start_drill(conn, director, drill, now=now)
    assert len(drills_store.load_design(conn, director, drill).checklist) == 300
    conn.close()
    return drill


def drive(url: str, taps: int, log: Path) -> None:
    """Sign in as the evaluator, open the phase with all 300 items, tap `taps` items."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 420, "height": 1000})
        page.set_default_timeout(30_000)
        page.goto(f"{url}/evaluate")
        page.get_by_label("用户名").fill("eval")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.get_by_text("接下来应做的").wait_for()
        page.get_by_text("应急处置 (300)").click()
        page.get_by_text("步骤10", exact=True).first.wait_for()
        for n in range(taps):
            page.get_by_role("button", name="部分完成").nth(6 + n % 15).click()
            for _ in range(600):  # until the server logged this tap's rerun (30 s at most)
                if log.exists() and log.read_text().count("tap ") > n:
                    break
                page.wait_for_timeout(50)
            else:
                raise RuntimeError(f"tap {n + 1} was not handled")
            page.get_by_text("已记录：").first.wait_for()
        browser.close()


def run(taps: int = 20) -> dict[str, dict]:
    from tests.browser.conftest import serve

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        seed(folder / "tap.duckdb")
        log = folder / "timing.log"
        import os

        os.environ["PLANDRILL_TIMING_LOG"] = str(log)
        try:
            with serve(folder / "tap.duckdb", demo=False, log_path=folder / "server.log") as url:
                drive(url, taps, log)
        finally:
            os.environ.pop("PLANDRILL_TIMING_LOG", None)
        lines = [line.split() for line in log.read_text().splitlines()]
    tap = [float(v) for k, v in lines if k == "tap"]
    page = [float(v) for k, v in lines if k == "page"]
    q95 = statistics.quantiles(tap, n=20)[-1] if len(tap) >= 2 else tap[0]
    return {
        "evaluator tap, 300-step checklist: median (server)": figure(statistics.median(tap), "ms"),
        "evaluator tap, 300-step checklist: p95 (server)": figure(q95, "ms", TAP_TARGET_MS),
        "evaluator page full run (baseline): median": figure(statistics.median(page), "ms"),
        "taps measured": figure(len(tap), "count"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=20)
    args = parser.parse_args(argv)
    figures = run(args.taps)
    print_table(figures)
    return 0 if all(f["ok"] is not False for f in figures.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
