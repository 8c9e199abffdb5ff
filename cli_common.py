"""What the command lines (`python -m plans`, `python -m drills`, `python -m access`) share:
running a command with translated messages and exit codes, the --lang and --db options, reading
the input file, writing the output, and opening the database while the app is stopped.

Standard output carries only the product; messages go to standard error in the user's language
(--lang, else PLANDRILL_LANG, else Chinese). Exit codes: 0 done, 1 bad input, 2 the database is
in use (the app is running), 3 document already imported, 64 a usage error, 70 an internal error
(PLANDRILL_DEBUG=1 shows the traceback). The database is imported only when a command opens it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from i18n import default_language, set_language, t
from i18n.errors import UserFacingError

EXIT_OK, EXIT_BAD_INPUT, EXIT_LOCKED, EXIT_DUPLICATE = 0, 1, 2, 3
EXIT_USAGE, EXIT_INTERNAL = 64, 70


class CliError(Exception):
    """A message for the user and the exit code that goes with it."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.code = code


def run_cli(argv: list[str] | None, build: Callable[[], argparse.ArgumentParser]) -> int:
    """Parse `argv` with the parser `build` makes and run the chosen command's `run(args)`,
    turning project errors into translated messages and exit codes."""
    _utf8_streams()
    argv = sys.argv[1:] if argv is None else argv
    set_language(_language_from(argv))
    try:
        args = build().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on a usage error; 2 means "app running" here
        return EXIT_USAGE if exc.code == 2 else int(exc.code or 0)
    args.lang = getattr(args, "lang", None) or default_language()
    set_language(args.lang)
    try:
        return args.run(args)
    except CliError as exc:
        say(str(exc))
        return exc.code
    except UserFacingError as exc:
        say(t(exc.key, **exc.params))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so briefly, show details on request
        if os.environ.get("PLANDRILL_DEBUG"):
            raise
        say(t("cli.internal", detail=f"{type(exc).__name__}: {exc}"[:200]))
        return EXIT_INTERNAL


def common_options(*, db: bool = True) -> argparse.ArgumentParser:
    """The parent parser of the options a command line takes before or after any sub-command:
    --lang, and with `db` --db PATH."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a sub-command's default must not hide "--lang" given before the sub-command
    common.add_argument(
        "--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help=t("cli.help.lang")
    )
    if db:
        common.add_argument(
            "--db", metavar="PATH", default=argparse.SUPPRESS, help=t("cli.help.db")
        )
    return common


def db_path(args: argparse.Namespace) -> Path:
    """The database file: --db, else PLANDRILL_DB (settings)."""
    from settings import load_settings

    db = getattr(args, "db", None)
    return Path(db) if db else load_settings().db_path


@contextmanager
def database(args: argparse.Namespace, app_running: str) -> Iterator:
    """The database named by --db, else PLANDRILL_DATABASE_URL or PLANDRILL_DB, opened for
    writing and closed after.

    Raises:
        CliError: EXIT_LOCKED with the message `app_running` (a key taking {path}) and how to
            work beside the app (PostgreSQL) when the app holds the file (DuckDB allows one
            writing process). On PostgreSQL the command runs beside any number of app instances.
    """
    from db.connection import configured, connect
    from db.errors import DatabaseLockedError

    path = db_path(args)
    try:
        conn = connect(path if getattr(args, "db", None) else configured(path))
    except DatabaseLockedError as exc:
        raise CliError(
            f"{t(app_running, path=str(path))}\n{t('cli.one_writer')}", EXIT_LOCKED
        ) from exc
    try:
        yield conn
    finally:
        conn.close()


def now(conn) -> datetime:
    """The time a command acts at: the database's clock (the server's on PostgreSQL, where the
    command runs beside app instances that stamp with the same clock)."""
    from db.dialect import database_now

    return database_now(conn)


def read_bytes(path: Path) -> bytes:
    """The content of the input file.

    Raises:
        CliError: the file is missing, is a folder or cannot be read.
    """
    if not path.exists():
        raise CliError(t("cli.file_missing", path=str(path)))
    if path.is_dir():
        raise CliError(t("cli.not_a_file", path=str(path)))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CliError(t("cli.cannot_read", path=str(path), detail=exc.strerror or exc)) from exc


def write_output(text: str, out: str | None) -> None:
    """The product: on standard output, or into the file `out` (saying so).

    Raises:
        CliError: `out` cannot be written.
    """
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError(t("cli.cannot_write", path=out, detail=exc.strerror or exc)) from exc
    if out != os.devnull:
        say(t("cli.wrote", path=out))


def say(message: str) -> None:
    """A message for the user, on standard error."""
    print(message, file=sys.stderr, flush=True)


def _language_from(argv: list[str]) -> str:
    """--lang read before parsing, so that help and usage errors are in the right language."""
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return default_language()


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (AttributeError, ValueError):
                pass


__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_DUPLICATE",
    "EXIT_INTERNAL",
    "EXIT_LOCKED",
    "EXIT_OK",
    "EXIT_USAGE",
    "CliError",
    "common_options",
    "database",
    "db_path",
    "now",
    "read_bytes",
    "run_cli",
    "say",
    "write_output",
]
