"""The command lines beside a running app server (`python -m serve`): on PostgreSQL they work and
the app sees what they did; on a DuckDB file, which one program writes at a time, they stop and
say why and what to do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from db import connection, plans_list, users_store
from i18n import t
from local_server import serve_real
from plans.demo import demo_documents
from tests.integration.drills_world import UNIT, seed

ROOT = Path(__file__).resolve().parents[2]


def app_server(tmp_path: Path, **env: str):
    """`python -m serve` on a free 127.0.0.1 port with `env` (no demo), until the block ends."""
    engine = {"PLANDRILL_DATABASE_URL": ""}  # the one env names, not one the shell had set
    return serve_real({**engine, "PLANDRILL_DEMO": "0", **env}, log_path=tmp_path / "server.log")


def cli(
    module: str, *args: str, env: dict[str, str], stdin: str = ""
) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PLANDRILL_")}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env={**clean, **env},
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_on_postgresql_the_command_lines_work_beside_the_running_app(postgres_database, tmp_path):
    world = seed(postgres_database)
    world.db.close()
    env = {"PLANDRILL_DATABASE_URL": postgres_database}
    name, data = demo_documents()[0]
    document = tmp_path / name
    document.write_bytes(data)
    with app_server(tmp_path, **env) as url:
        created = cli(
            "access",
            "users",
            "create",
            "author",
            "--roles",
            "plan_owner",
            "--unit",
            UNIT,
            "--password-stdin",
            env=env,
            stdin="Author-Password-2026\n",
        )
        assert created.returncode == 0, created.stderr
        listed = cli("access", "users", "list", "--json", env=env)
        assert listed.returncode == 0, listed.stderr
        assert "author" in {user["username"] for user in json.loads(listed.stdout)}
        saved = cli(
            "plans",
            "import",
            str(document),
            "--save",
            "--user",
            "author",
            "--out",
            os.devnull,
            env=env,
        )
        assert saved.returncode == 0, saved.stderr
        drills = cli("drills", "list", "--user", "director", env=env)
        assert drills.returncode == 0, drills.stderr
        # the server is still up and serving beside them
        assert urllib.request.urlopen(f"{url}/healthz", timeout=5).status == 200
    db = connection.connect(postgres_database)
    try:
        plans = plans_list.list_plans(db, users_store.act_as(db, "author"))
        assert len(plans) == 2  # the seeded plan and the one the command line imported
    finally:
        db.close()


def test_on_a_duckdb_file_a_command_line_beside_the_app_says_to_stop_it_or_use_postgresql(
    tmp_path,
):
    path = tmp_path / "app.duckdb"
    seed(path).db.close()
    with app_server(tmp_path, PLANDRILL_DB=str(path)):
        refused = cli("access", "users", "list", env={"PLANDRILL_DB": str(path)})
        english = cli("access", "users", "list", "--lang", "en", env={"PLANDRILL_DB": str(path)})
    assert refused.returncode == 2
    assert t("cli.one_writer", lang="zh") in refused.stderr
    assert english.returncode == 2
    assert t("cli.one_writer", lang="en") in english.stderr
    assert "Traceback" not in refused.stderr + english.stderr


@pytest.fixture(autouse=True)
def _no_inherited_database(monkeypatch):
    monkeypatch.delenv("PLANDRILL_DATABASE_URL", raising=False)
