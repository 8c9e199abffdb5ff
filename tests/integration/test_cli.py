"""`python -m plans` as a user runs it: a real subprocess, a real DuckDB file in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from i18n import t
from plans.demo import demo_documents
from tests.integration.plans_cli import run


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    name, data = demo_documents()[0]
    path = tmp_path_factory.mktemp("docs") / name
    path.write_bytes(data)
    return path


@pytest.fixture
def png_file(tmp_path) -> Path:
    path = tmp_path / "预案.docx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    return path


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr
    assert 'File "' not in result.stderr


def test_import_prints_the_plan_json_and_nothing_else_on_stdout(demo_file, tmp_path):
    result = run("import", str(demo_file), db=tmp_path / "unused.duckdb")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["title"].startswith("滨江化工园区危险化学品泄漏事故应急预案")
    assert plan["language"] == "zh"
    assert plan["roles"] and plan["steps"] and plan["levels"]
    assert "角色" in result.stderr  # the summary goes to stderr
    assert not (tmp_path / "unused.duckdb").exists(), "import without --save touches no database"


def test_import_keeps_chinese_characters_unescaped_and_indented(demo_file):
    result = run("import", str(demo_file))
    assert "\\u" not in result.stdout
    assert result.stdout.startswith('{\n  "title": "滨江')
    # one role or step a line, so the file reads and diffs line by line
    plan = json.loads(result.stdout)
    lines = result.stdout.splitlines()
    start = lines.index('  "steps": [') + 1
    step_lines = lines[start : start + len(plan["steps"])]
    assert lines[start + len(plan["steps"])].startswith("  ]")
    assert json.loads(step_lines[0].rstrip(",")) == plan["steps"][0]


def test_import_with_out_writes_the_json_to_the_file_and_leaves_stdout_empty(demo_file, tmp_path):
    out = tmp_path / "plan.json"
    result = run("import", str(demo_file), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["language"] == "zh"
    assert str(out) in result.stderr


def test_a_file_that_is_not_a_document_fails_with_a_short_chinese_message(png_file):
    result = run("import", str(png_file))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "PNG 图片" in result.stderr and ".docx" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert_no_traceback(result)


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_messages_are_in_english_when_the_user_asks_for_it(png_file, how):
    if how == "flag":
        result = run("import", str(png_file), "--lang", "en")
    else:
        result = run("import", str(png_file), lang="en")
    assert result.returncode == 1
    assert "a PNG image" in result.stderr
    assert_no_traceback(result)


def test_a_damaged_word_file_fails_without_a_traceback(demo_file, tmp_path):
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(demo_file.read_bytes()[:5000])
    result = run("import", str(damaged), "--lang", "en")
    assert result.returncode == 1
    assert "damaged" in result.stderr
    assert_no_traceback(result)


def test_a_missing_file_fails_with_its_name(tmp_path):
    result = run("import", str(tmp_path / "无此文件.docx"))
    assert result.returncode == 1
    assert t("cli.file_missing").split("{")[0] in result.stderr
    assert "无此文件.docx" in result.stderr
    assert_no_traceback(result)


def test_a_usage_error_is_not_mistaken_for_a_locked_database():
    result = run("import")
    assert result.returncode == 64
    assert_no_traceback(result)


def database_with_owner(path: Path) -> Path:
    """A database file holding one plan owner, "owner", in the demo unit."""
    from access.policy import SYSTEM
    from db import connection, users_store

    conn = connection.connect(path)
    users_store.create_user(
        conn,
        SYSTEM,
        "owner",
        "owner-password-1",
        roles={"plan_owner"},
        unit="滨江化工园区",
        now=datetime.now(UTC),
    )
    conn.close()
    return path


def test_save_stores_a_draft_and_a_second_save_reports_the_duplicate(demo_file, tmp_path):
    db = database_with_owner(tmp_path / "plans.duckdb")
    first = run("import", str(demo_file), "--save", "--db", str(db), "--user", "owner")
    assert first.returncode == 0, first.stderr
    assert "预案编号 1" in first.stderr
    assert json.loads(first.stdout)["title"].startswith("滨江")
    assert db.exists()

    second = run(
        "import", str(demo_file), "--save", "--db", str(db), "--lang", "en", "--user", "owner"
    )
    assert second.returncode == 3
    assert second.stdout == ""
    assert "imported before" in second.stderr and "plan id 1" in second.stderr
    assert_no_traceback(second)


def test_save_uses_the_database_named_by_plandrill_db(demo_file, tmp_path):
    db = database_with_owner(tmp_path / "from_env.duckdb")
    result = run("import", str(demo_file), "--save", "--user", "owner", "--out", os.devnull, db=db)
    assert result.returncode == 0, result.stderr
    assert db.exists() and str(db) in result.stderr


def test_save_while_the_app_holds_the_database_says_the_app_is_running(demo_file, tmp_path):
    db = tmp_path / "busy.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
                "time.sleep(120)"
            ),
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = run("import", str(demo_file), "--save", "--db", str(db), "--user", "owner")
        english = run(
            "import", str(demo_file), "--save", "--db", str(db), "--lang", "en", "--user", "owner"
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    assert result.stdout == ""
    assert t("cli.app_running").split("{")[0] in result.stderr
    assert english.returncode == 2
    assert "the app is running: stop it, or import in the app" in english.stderr.lower()
    assert_no_traceback(result)


def test_save_without_a_user_is_a_usage_error_that_says_what_is_missing(demo_file, tmp_path):
    # a saved plan belongs to an account and that account's unit
    result = run("import", str(demo_file), "--save", "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 64
    assert "--user" in result.stderr
    assert not (tmp_path / "x.duckdb").exists()
    assert_no_traceback(result)


@pytest.mark.parametrize(
    ("user", "message"),
    [("nobody", "找不到用户 nobody"), ("watcher", "不能导入预案")],
)
def test_save_as_an_unknown_user_or_one_who_may_not_import_is_refused(
    demo_file, tmp_path, user, message
):
    from access.policy import SYSTEM
    from db import connection, users_store

    db = database_with_owner(tmp_path / "plans.duckdb")
    conn = connection.connect(db)
    users_store.create_user(
        conn,
        SYSTEM,
        "watcher",
        "watcher-password",
        roles={"manager"},
        unit="滨江化工园区",
        now=datetime.now(UTC),
    )
    conn.close()
    result = run("import", str(demo_file), "--save", "--db", str(db), "--user", user)
    assert result.returncode == 1
    assert message in result.stderr
    assert_no_traceback(result)
    conn = connection.connect(db)
    assert conn.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    conn.close()


def test_the_saved_draft_belongs_to_the_user_and_their_unit(demo_file, tmp_path):
    from db import connection, plans_store
    from tests.actors import OTHER_OWNER, OWNER

    db = database_with_owner(tmp_path / "plans.duckdb")
    assert (
        run("import", str(demo_file), "--save", "--db", str(db), "--user", "owner").returncode == 0
    )
    conn = connection.connect(db)
    [summary] = plans_store.list_plans(conn, OWNER)
    assert summary.updated_by == "owner"
    assert plans_store.list_plans(conn, OTHER_OWNER) == []
    conn.close()


def test_check_lists_the_findings_of_a_plan_json(demo_file, tmp_path):
    plan_json = tmp_path / "plan.json"
    assert run("import", str(demo_file), "--out", str(plan_json)).returncode == 0
    plan = json.loads(plan_json.read_text(encoding="utf-8"))
    plan["steps"].append(dict(plan["steps"][0], id="orphan", roles=[], after=["no-such-step"]))
    plan_json.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")

    result = run("check", str(plan_json), "--json")
    findings = json.loads(result.stdout)
    assert any(f["target_id"] == "orphan" for f in findings)
    assert all(f["message"] and not f["message"].startswith("⟦") for f in findings)
    has_errors = any(f["severity"] == "error" for f in findings)
    assert result.returncode == (1 if has_errors else 0)


def test_check_refuses_a_file_that_is_not_plan_json(tmp_path):
    bad = tmp_path / "plan.json"
    bad.write_text("[1, 2", encoding="utf-8")
    result = run("check", str(bad))
    assert result.returncode == 1
    assert t("cli.bad_json", path="", detail="").strip() in result.stderr
    assert_no_traceback(result)


def test_demo_writes_both_demo_plans_into_a_folder(tmp_path):
    result = run("demo", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "demo").iterdir())
    assert written == sorted(name for name, _ in demo_documents())
