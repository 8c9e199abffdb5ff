"""`python -m access users ...` as an operator runs it: a real subprocess on a real
DuckDB file; passwords shown once, translated messages, no tracebacks, a clear word when the app
holds the database."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from access.errors import AuthError
from db import connection
from i18n import t
from services import accounts
from tests.integration.access_cli import assert_clean, run

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def sign_in(db: Path, username: str, password: str):
    conn = connection.connect(db)
    try:
        return accounts.sign_in(conn, username, password, now=NOW)
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "users.duckdb"


def test_create_prints_a_one_time_password_once_on_stdout(db):
    result = run(
        "users",
        "create",
        "zhang",
        "--roles",
        "plan_owner,approver",
        "--unit",
        "滨江化工园区",
        "--display-name",
        "张工",
        db=db,
    )
    assert result.returncode == 0, result.stderr
    password = result.stdout.strip()
    assert len(result.stdout.splitlines()) == 1 and len(password) == 16
    assert t("users_cli.created").split("{")[0] + "zhang" in result.stderr
    assert t("users_cli.password_once") in result.stderr
    actor = sign_in(db, "zhang", password)
    assert actor.roles == {"plan_owner", "approver"} and actor.unit == "滨江化工园区"
    assert actor.must_change_password and actor.display_name == "张工"


def test_create_with_a_password_on_stdin_prints_no_password(db):
    result = run(
        "users",
        "create",
        "li",
        "--roles",
        "participant",
        "--password-stdin",
        "--no-must-change",
        db=db,
        stdin="li-secret-pass\n",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert not sign_in(db, "li", "li-secret-pass").must_change_password


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--roles", "superuser"], None, "未知的角色：superuser"),
        (["--roles", "participant", "--password-stdin"], "short\n", "至少需要 10 个字符"),
        (["--roles", "participant", "--password-stdin"], "", "标准输入中没有密码"),
        (["--roles", "participant", "--password-stdin"], "zhangsan\n", "至少需要"),
    ],
)
def test_bad_input_is_refused_in_one_translated_line(db, args, stdin, message):
    result = run("users", "create", "zhangsan", *args, db=db, stdin=stdin)
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert_clean(result)


def test_a_taken_name_is_refused_and_messages_follow_the_language(db):
    assert run("users", "create", "wang", "--roles", "manager", db=db).returncode == 0
    again = run("users", "create", "WANG", "--roles", "manager", "--lang", "en", db=db)
    assert again.returncode == 1
    assert "The user name WANG is taken" in again.stderr
    assert_clean(again)


def test_reset_replaces_the_password_and_requires_a_change(db):
    run(
        "users",
        "create",
        "zhao",
        "--roles",
        "evaluator",
        "--password-stdin",
        "--no-must-change",
        db=db,
        stdin="first-password\n",
    )
    result = run("users", "reset", "zhao", db=db)
    assert result.returncode == 0, result.stderr
    new = result.stdout.strip()
    with pytest.raises(AuthError):
        sign_in(db, "zhao", "first-password")
    assert sign_in(db, "zhao", new).must_change_password


def test_disable_and_enable(db):
    run(
        "users",
        "create",
        "sun",
        "--roles",
        "participant",
        "--password-stdin",
        db=db,
        stdin="sun-password-1\n",
    )
    assert run("users", "disable", "sun", db=db).returncode == 0
    with pytest.raises(AuthError) as caught:
        sign_in(db, "sun", "sun-password-1")
    assert caught.value.key == "auth.disabled"
    enabled = run("users", "enable", "sun", "--lang", "en", db=db)
    assert enabled.returncode == 0 and "Enabled user sun" in enabled.stderr
    assert sign_in(db, "sun", "sun-password-1").username == "sun"


def test_list_prints_one_line_per_user_or_json(db):
    run("users", "create", "zhou", "--roles", "manager", "--unit", "滨江化工园区", db=db)
    run("users", "create", "admin", "--roles", "admin", db=db)
    run("users", "disable", "zhou", db=db)
    lines = run("users", "list", db=db).stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["admin", "zhou"]
    assert t("users.state_disabled") in lines[1] and "滨江化工园区" in lines[1]
    rows = json.loads(run("users", "list", "--json", db=db).stdout)
    assert [(r["username"], r["roles"], r["disabled"]) for r in rows] == [
        ("admin", ["admin"], False),
        ("zhou", ["manager"], True),
    ]
    assert "password" not in json.dumps(rows).replace("must_change_password", "")


def test_an_unknown_user_is_named_in_the_message(db):
    result = run("users", "disable", "nobody", db=db)
    assert result.returncode == 1 and "找不到用户 nobody" in result.stderr
    assert_clean(result)


def test_a_usage_error_is_not_mistaken_for_a_locked_database(db):
    result = run("users", "create", "x", db=db)  # --roles missing
    assert result.returncode == 64
    assert_clean(result)


def test_while_the_app_holds_the_database_it_says_the_app_is_running(db):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time, duckdb; c = duckdb.connect(sys.argv[1]); "
                "print('ready', flush=True); time.sleep(120)"
            ),
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        zh = run("users", "create", "qian", "--roles", "participant", db=db)
        en = run("users", "list", "--lang", "en", db=db)
    finally:
        holder.kill()
        holder.wait()
    assert zh.returncode == 2 and t("users_cli.app_running").split("{")[0] in zh.stderr
    assert zh.stdout == ""  # no password was made for an account that does not exist
    assert en.returncode == 2 and "the app is running: stop it" in en.stderr.lower()
    assert_clean(zh)
    assert_clean(en)
