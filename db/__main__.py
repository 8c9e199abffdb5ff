"""`python -m db copy --from SOURCE --to TARGET`: copy every table of one database (a DuckDB file
or a postgresql:// URL) into another, empty one, then check both are equal table by table.

The report (one line per table: rows on both sides, content hash, match) goes to standard
output; messages go to standard error in the user's language. Exit codes as in cli_common.py:
0 copied and equal, 1 refused (a target holding data, different schemas) or a table differs,
2 a DuckDB file held by the running app, 64 a usage error, 70 an internal error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cli_common import EXIT_BAD_INPUT, EXIT_LOCKED, EXIT_OK, CliError, common_options, run_cli, say
from i18n import t


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code. Never shows a traceback for bad input."""
    return run_cli(argv, build_parser)


def build_parser() -> argparse.ArgumentParser:
    common = common_options(db=False)
    parser = argparse.ArgumentParser(
        prog="python -m db", description=t("db_cli.description"), parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    copy = commands.add_parser("copy", parents=[common], help=t("db_cli.help.copy"))
    copy.add_argument(
        "--from", dest="source", required=True, metavar="SOURCE", help=t("db_cli.help.from")
    )
    copy.add_argument(
        "--to", dest="target", required=True, metavar="TARGET", help=t("db_cli.help.to")
    )
    copy.set_defaults(run=run_copy)
    return parser


def run_copy(args: argparse.Namespace) -> int:
    from db.connection import connect
    from db.copy import compare, copy_database, describe

    source, target = _target(args.source), _target(args.target)
    if source == target:
        raise CliError(t("db_copy.same_database", target=describe(target)))
    say(t("db_copy.copying", source=describe(source), target=describe(target)))
    with _opened(connect, source, read_only=True) as src, _opened(connect, target) as dst:
        rows = copy_database(src, dst)
        checks = compare(src, dst)
        say(t("db_copy.copied", rows=rows, tables=len(checks)))
        print(report(checks))
    differ = [check.table for check in checks if not check.equal]
    if differ:
        say(t("db_copy.differs", count=len(differ), tables=", ".join(differ)))
        return EXIT_BAD_INPUT
    say(t("db_copy.equal"))
    return EXIT_OK


def report(checks) -> str:
    """The table of tables: rows on both sides, content hash (both when they differ), match."""
    header = (
        t("db_copy.column.table"),
        t("db_copy.column.rows"),
        t("db_copy.column.hash"),
        t("db_copy.column.match"),
    )
    lines = [header]
    for check in checks:
        digest = check.source_hash[:16]
        if check.target_hash != check.source_hash:
            digest += " / " + check.target_hash[:16]
        verdict = t("common.yes") if check.equal else t("db_copy.mismatch")
        lines.append((check.table, f"{check.source_rows}/{check.target_rows}", digest, verdict))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def _target(value: str) -> str | Path:
    from db.engine_postgres import is_postgres_url

    return value if is_postgres_url(value) else Path(value).expanduser().resolve()


class _opened:
    """A database opened for the block and closed after; a DuckDB file the app holds is
    reported as such."""

    def __init__(self, connect, target, **options) -> None:
        self._connect, self._target, self._options = connect, target, options
        self._conn = None

    def __enter__(self):
        from db.copy import describe
        from db.errors import DatabaseLockedError

        try:
            self._conn = self._connect(self._target, **self._options)
        except DatabaseLockedError as exc:
            message = f"{t('db.locked')} ({describe(self._target)})\n{t('cli.one_writer')}"
            raise CliError(message, EXIT_LOCKED) from exc
        return self._conn

    def __exit__(self, *exc) -> None:
        self._conn.close()


if __name__ == "__main__":
    raise SystemExit(main())
