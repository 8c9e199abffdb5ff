"""`python -m drills` in real subprocesses: a design JSON file becomes a drill and comes
back out unchanged; the app holding the database, bad files and wrong users get plain messages,
never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from db import connection
from db import drills_store as store
from db.users_store import act_as
from drills.checklist import derive_checklist
from drills.design_io import design_from_dict, design_to_dict
from tests.conftest import ROOT
from tests.integration.drills_world import design, seed
from tests.sample_plans import chemical_plan


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLANDRILL_LANG": "en"}
    env.pop("PLANDRILL_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "drills", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """A seeded database no process holds, and a design JSON file for it."""
    folder = tmp_path_factory.mktemp("cli")
    world = seed(folder / "plandrill.duckdb")
    checklist = derive_checklist(chemical_plan(), level="I")
    data = design_to_dict(design(world, checklist=checklist))
    world.db.close()
    source = folder / "design.json"
    source.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder, world.path, source


def test_a_design_file_becomes_a_drill_and_exports_back_the_same(setup):
    folder, db, source = setup
    created = run("create", str(source), "--director", "director", "--db", str(db))
    assert created.returncode == 0, created.stderr
    drill = int(created.stdout.strip())
    assert f"Created drill {drill}" in created.stderr
    out = folder / "exported.json"
    exported = run("export", str(drill), "--out", str(out), "--db", str(db), "--user", "director")
    assert exported.returncode == 0, exported.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    expected = json.loads(source.read_text(encoding="utf-8"))
    assert data == expected | {"directors": ["director"]}
    again = run("create", str(out), "--director", "director", "--db", str(db))
    assert again.returncode == 0, again.stderr
    second = int(again.stdout.strip())
    reexported = run("export", str(second), "--db", str(db), "--user", "director")
    assert json.loads(reexported.stdout) == data
    conn = connection.connect(db)
    try:
        stored = store.load_design(conn, act_as(conn, "director"), second)
    finally:
        conn.close()
    assert stored == design_from_dict(data)


def test_a_design_marked_sealed_is_created_sealed_and_hidden_from_participants(setup):
    folder, db, source = setup
    data = json.loads(source.read_text(encoding="utf-8")) | {"status": "sealed"}
    sealed = folder / "sealed.json"
    sealed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    created = run("create", str(sealed), "--director", "director", "--db", str(db))
    assert created.returncode == 0, created.stderr
    drill = created.stdout.strip()
    listed = run("list", "--user", "director", "--db", str(db), "--json")
    assert {"id": int(drill), "status": "sealed"}.items() <= next(
        row for row in json.loads(listed.stdout) if row["id"] == int(drill)
    ).items()
    hidden = run("list", "--user", "pat", "--db", str(db))
    assert (hidden.returncode, hidden.stdout, hidden.stderr.strip()) == (0, "", "0 drill(s)")


def test_the_operator_may_export_a_sealed_drill_and_the_reveal_log_says_so(setup):
    _, db, source = setup
    created = run("create", str(source), "--director", "director", "--db", str(db))
    drill = int(created.stdout)
    exported = run("export", str(drill), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    conn = connection.connect(db)
    try:
        log = store.reveal_log(conn, act_as(conn, "director"), drill)
    finally:
        conn.close()
    assert ("viewed", "system") in {(e.kind, e.person) for e in log}


def test_the_command_says_plainly_when_the_app_holds_the_database(setup):
    _, db, source = setup
    app = connection.connect(db)  # the running app
    try:
        result = run("create", str(source), "--director", "director", "--db", str(db))
    finally:
        app.close()
    assert result.returncode == 2
    assert "The app is running" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["create", "{source}", "--director", "nobody"], 1, "nobody"),
        (["create", "{source}", "--director", "eva"], 1, "not a drill director"),
        (["create", "{folder}/missing.json", "--director", "director"], 1, "File not found"),
        (["create", "{folder}/broken.json", "--director", "director"], 1, "not valid JSON"),
        (["create", "{folder}/wrong.json", "--director", "director"], 1, "no drill was created"),
        (["export", "999"], 1, "Drill 999 not found"),
        (["export", "abc"], 64, "positive number"),
        (["list"], 64, "--user"),
    ],
)
def test_bad_input_gets_a_message_and_an_exit_code_never_a_traceback(setup, args, code, message):
    folder, db, source = setup
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    wrong = json.loads(source.read_text(encoding="utf-8")) | {"drill_type": "war", "level": "V"}
    (folder / "wrong.json").write_text(json.dumps(wrong), encoding="utf-8")
    args = [a.format(source=source, folder=folder) for a in args]
    result = run(*args, "--db", str(db))
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
