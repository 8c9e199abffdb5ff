"""Plan editor benchmark: the server time of one saved cell edit on a 440-step plan (DESIGN.md
section 6: under 300 ms). Measured on the editor page itself with Streamlit's AppTest against a
real DuckDB file: an edit is the page run that folds a changed owner cell of the steps grid into
the working plan and draws everything again (grid, detail panel, checks, chart); a save is the run
of the Save button that stores it (saved in the click's callback, then one run). The figures
include the parts of the page other than the table (checks, chart views), which a cell edit must
redraw; the fold figure is the editing path alone.

`python -m bench.editor_bench [--edits 10]` prints a table and returns the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.run import figure, print_table

EDIT_TARGET_MS = 300.0
N_STEPS = 440
N_ROLES = 40
ROOT = Path(__file__).resolve().parents[1]


def editor_plan(n_steps: int = N_STEPS, n_roles: int = N_ROLES):
    """A plan of `n_steps` steps over `n_roles` roles and four levels, in chains of ten."""
    from i18n.glossary import PHASES
    from plans.model import Level, Plan, Role, Source, Step

    roles = tuple(Role(f"r{n}", f"应急角色{n}组") for n in range(1, n_roles + 1))
    levels = tuple(Level(f"L{n}", f"{'ⅠⅡⅢⅣ'[n - 1]}级响应") for n in range(1, 5))
    steps = tuple(
        Step(
            f"s{n}",
            f"处置措施{n}",
            f"第{n}项处置措施：按照预案要求组织落实有关工作并及时报告。",
            roles=(f"r{n % n_roles + 1}",),
            phase=PHASES[n % len(PHASES)],
            levels=(f"L{n % 4 + 1}",) if n % 3 else (),
            after=(f"s{n - 1}",) if n % 10 != 1 else (),
            time_limit_min=float(n % 60) if n % 2 else None,
            source=Source(n, f"第{n}项处置措施：按照预案要求组织落实有关工作并及时报告。"),
        )
        for n in range(1, n_steps + 1)
    )
    return Plan("编辑器基准预案", roles=roles, levels=levels, steps=steps)


def seed(path: Path, plan) -> tuple[object, str, int]:
    """A database with the plan as a draft of the owner's unit; returns (conn, user id, version)."""
    from argon2 import PasswordHasher

    from access import passwords
    from access.policy import SYSTEM
    from db import connection, plans_store, users_store

    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # not timed
    conn = connection.connect(path)
    now = datetime.now(UTC)
    users_store.create_user(
        conn,
        SYSTEM,
        "owner",
        "Bench-Password-2026",
        roles={"plan_owner"},
        unit="基准单位",
        must_change=False,
        now=now,
    )
    owner = users_store.act_as(conn, "owner")
    imported = plans_store.import_plan(
        conn, owner, plan, document=b"editor-bench", filename="bench.docx", now=now
    )
    return conn, owner.user_id, imported.version_id


def measure(edits: int = 10, n_steps: int = N_STEPS) -> dict[str, dict]:
    from streamlit.testing.v1 import AppTest

    import bootstrap
    from ui.step_grid import grid_key

    plan = editor_plan(n_steps)
    with tempfile.TemporaryDirectory() as tmp:
        conn, user_id, version = seed(Path(tmp) / "editor.duckdb", plan)
        real_get_db, bootstrap.get_db = bootstrap.get_db, lambda: conn
        at = AppTest.from_file(str(ROOT / "pages" / "editor.py"), default_timeout=60)
        now = datetime.now(UTC)
        for key, value in {
            "user_id": user_id,
            "signed_in_at": now,
            "last_seen": now,
            "version_id": version,
        }.items():
            at.session_state[key] = value
        started = time.perf_counter()
        at.run()
        first_ms = (time.perf_counter() - started) * 1000
        assert not at.exception, at.exception
        edit_ms, save_ms = [], []
        rows = [n_steps * i // edits for i in range(edits)]
        for i, row in enumerate(rows):
            key = grid_key(at.session_state["work"], "")
            owner = f"r{(row + 7) % N_ROLES + 1}"
            at.session_state[key] = {
                "edited_rows": {row: {"roles": [owner]}},
                "added_rows": [],
                "deleted_rows": [],
            }
            started = time.perf_counter()
            at.run()
            edit_ms.append((time.perf_counter() - started) * 1000)
            assert not at.exception and not at.error, (at.exception, at.error)
            assert at.session_state["work"]["plan"]["steps"][row]["roles"] == [owner]
            started = time.perf_counter()
            at.button(key="editor_save").click().run()
            save_ms.append((time.perf_counter() - started) * 1000)
            assert at.session_state["work"]["revision"] == i + 2
        fold_ms = _fold_times(plan, rows)
        bootstrap.get_db = real_get_db
        conn.close()
    return {
        "fold one edit into the plan (ms)": figure(statistics.median(fold_ms), "ms"),
        "editor first run (ms)": figure(first_ms, "ms"),
        "cell edit run, median (ms)": figure(statistics.median(edit_ms), "ms", EDIT_TARGET_MS),
        "cell edit run, max (ms)": figure(max(edit_ms), "ms"),
        "save run, median (ms)": figure(statistics.median(save_ms), "ms", EDIT_TARGET_MS),
        "save run, max (ms)": figure(max(save_ms), "ms"),
        "edit + save, median (ms)": figure(
            statistics.median(e + s for e, s in zip(edit_ms, save_ms, strict=True)), "ms"
        ),
    }


def _fold_times(plan, rows: list[int]) -> list[float]:
    """The use-case path alone (no Streamlit): a grid change applied to the working plan and
    the working copy written and read back, as ui/step_grid.fold_grid does."""
    from plans import edit
    from plans.model import plan_from_dict, plan_to_dict

    visible, times = [s.id for s in plan.steps], []
    for row in rows:
        started = time.perf_counter()
        result = edit.apply_step_changes(plan, visible, {row: {"roles": ["r1"]}})
        plan = plan_from_dict(plan_to_dict(result.plan))
        times.append((time.perf_counter() - started) * 1000)
    return times


def run(edits: int = 10) -> dict[str, dict]:
    """The editor figures, named for the table of `python -m bench`."""
    return {f"editor: {name}": value for name, value in measure(edits).items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.editor_bench", description=__doc__)
    parser.add_argument("--edits", type=int, default=10, help="cell edits (each saved)")
    parser.add_argument("--steps", type=int, default=N_STEPS, help="steps in the plan")
    args = parser.parse_args(argv)
    figures = measure(args.edits, args.steps)
    print(f"plan editor, {args.steps} steps, {N_ROLES} roles; target per edit {EDIT_TARGET_MS} ms")
    print_table(figures)
    return 0 if all(f["ok"] is not False for f in figures.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
