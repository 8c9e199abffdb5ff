"""What the command lines share (cli_common): every outcome of a command becomes an exit code and
a message on standard error, in the language --lang asks for, even before parsing."""

from __future__ import annotations

import argparse

import pytest

import cli_common
from access.errors import NotAllowedError
from cli_common import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    common_options,
    run_cli,
)
from db.errors import StoreError
from drills.errors import DrillError
from i18n import get_language, set_language
from plans.errors import PlanError


@pytest.fixture(autouse=True)
def keep_the_language():
    """run_cli sets this thread's language: give the next test the one it had."""
    before = get_language()
    yield
    set_language(before)


def parser_running(action, *, db: bool = True):
    """A one-command parser whose command does `action(args)`."""

    def build() -> argparse.ArgumentParser:
        common = common_options(db=db)
        parser = argparse.ArgumentParser(prog="test", parents=[common])
        commands = parser.add_subparsers(dest="command", required=True)
        go = commands.add_parser("go", parents=[common])
        go.set_defaults(run=action)
        return parser

    return build


def fail(error: BaseException):
    def action(_args):
        raise error

    return action


@pytest.mark.parametrize(
    ("action", "code", "message"),
    [
        (lambda _args: EXIT_OK, EXIT_OK, ""),
        (fail(CliError("stopped here", EXIT_LOCKED)), EXIT_LOCKED, "stopped here"),
        (fail(PlanError("cli.internal", detail="x")), EXIT_BAD_INPUT, "x"),
        (fail(DrillError("cli.internal", detail="y")), EXIT_BAD_INPUT, "y"),
        (fail(NotAllowedError("cli.internal", detail="z")), EXIT_BAD_INPUT, "z"),
        (fail(StoreError("cli.internal", detail="w")), EXIT_BAD_INPUT, "w"),
        (fail(RuntimeError("a bug")), EXIT_INTERNAL, "RuntimeError: a bug"),
        (fail(KeyboardInterrupt()), 130, ""),
    ],
)
def test_each_outcome_of_a_command_has_its_exit_code_and_message(
    action, code, message, capsys, monkeypatch
):
    monkeypatch.delenv("PLANDRILL_DEBUG", raising=False)
    assert run_cli(["go"], parser_running(action)) == code
    assert message in capsys.readouterr().err


def test_a_usage_error_exits_64_not_2_which_means_the_app_is_running(capsys):
    assert run_cli(["nonsense"], parser_running(lambda _args: EXIT_OK)) == EXIT_USAGE
    assert capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--lang", "en", "go"], ["go", "--lang=en"]])
def test_lang_before_or_after_the_command_chooses_the_language(argv):
    seen = {}

    def action(args):
        seen["lang"] = args.lang
        return EXIT_OK

    run_cli(argv, parser_running(action))
    assert seen["lang"] == get_language() == "en"


@pytest.mark.parametrize(("db", "given"), [(True, "x.duckdb"), (False, None)])
def test_the_db_option_is_offered_only_where_asked_for(db, given, tmp_path):
    seen = {}

    def action(args):
        seen["db"] = getattr(args, "db", None)
        return EXIT_OK

    argv = ["go", "--db", "x.duckdb"] if db else ["go"]
    assert run_cli(argv, parser_running(action, db=db)) == EXIT_OK
    assert seen["db"] == given
    assert cli_common.db_path(argparse.Namespace(db=str(tmp_path / "y.duckdb"))).name == "y.duckdb"
    if not db:
        assert run_cli(["go", "--db", "x"], parser_running(action, db=db)) == EXIT_USAGE


def test_output_goes_to_stdout_or_to_the_file_named(tmp_path, capsys):
    cli_common.write_output("product\n", None)
    assert capsys.readouterr().out == "product\n"
    out = tmp_path / "out.json"
    cli_common.write_output("product\n", str(out))
    assert out.read_text(encoding="utf-8") == "product\n"
    assert capsys.readouterr().out == ""
    with pytest.raises(CliError):
        cli_common.read_bytes(tmp_path)  # a folder is not a file
