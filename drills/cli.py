"""The drill command line: `python -m drills create FILE.json --director USER`, `export DRILL_ID
[--out FILE]`, `list --user USER`; each takes `--db PATH` (default: PLANDRILL_DB).

For templates, reviews and tests. It works on the database file while the app is stopped
(DuckDB allows one writing process) and says so when the app holds it. `create` acts as the
drill director named by --director, `list` as --user; `export` as --user when given, else as the
machine's operator, whose export of a drill before its start goes into the drill's reveal log.
Standard output carries only the product (the new drill's id, design JSON, the list); messages go
to standard error in the user's language. Exit codes as in cli_common.py: 0 done, 1 bad input,
2 the app is running, 64 usage, 70 internal.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from cli_common import (
    EXIT_OK,
    CliError,
    common_options,
    database,
    db_path,
    now,
    read_bytes,
    run_cli,
    say,
    write_output,
)
from drills.errors import summarise
from i18n import t
from i18n.glossary import DRILL_STATUSES


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code. Never shows a traceback for bad input."""
    return run_cli(argv, build_parser)


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="python -m drills", description=t("drills_cli.description"), parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    create = commands.add_parser("create", parents=[common], help=t("drills_cli.help.create"))
    create.add_argument("file", metavar="FILE.json", help=t("drills_cli.help.file"))
    create.add_argument(
        "--director", required=True, metavar="USERNAME", help=t("drills_cli.help.director")
    )
    create.set_defaults(run=run_create)

    export = commands.add_parser("export", parents=[common], help=t("drills_cli.help.export"))
    export.add_argument("drill_id", metavar="DRILL_ID", type=_drill_id)
    export.add_argument("--out", metavar="FILE", help=t("drills_cli.help.out"))
    export.add_argument("--user", metavar="USERNAME", help=t("drills_cli.help.export_user"))
    export.set_defaults(run=run_export)

    listing = commands.add_parser("list", parents=[common], help=t("drills_cli.help.list"))
    listing.add_argument(
        "--user", required=True, metavar="USERNAME", help=t("drills_cli.help.user")
    )
    listing.add_argument("--json", action="store_true", help=t("common.help_json"))
    listing.set_defaults(run=run_list)
    return parser


def _drill_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("drills_cli.bad_id", value=text)) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(t("drills_cli.bad_id", value=text))
    return value


def run_create(args: argparse.Namespace) -> int:
    """Create a drill from a design JSON file as the director --director; print its id."""
    from access.errors import NotAllowedError
    from db import drills_store, users_store
    from drills.design_io import design_from_dict, initial_status
    from drills.errors import DrillProblemsError

    path = Path(args.file)
    data = _read_json(path)
    try:
        design = design_from_dict(data)
        status = initial_status(data)
    except DrillProblemsError as exc:
        raise CliError(_problems(exc, str(path))) from exc
    with _database(args) as conn:
        director = users_store.act_as(conn, args.director)
        moment = now(conn)
        try:
            drill_id = drills_store.create_drill(conn, director, design, now=moment)
            if status == "sealed":
                drills_store.seal_drill(conn, director, drill_id, now=moment)
        except DrillProblemsError as exc:
            raise CliError(_problems(exc, str(path))) from exc
        except NotAllowedError as exc:
            raise CliError(t("drills_cli.not_director", user=args.director)) from exc
    write_output(f"{drill_id}\n", None)
    status_text = DRILL_STATUSES.label(status)
    say(t("drills_cli.created", drill_id=drill_id, status=status_text, path=str(db_path(args))))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Write a drill's design as JSON (standard output, or --out FILE)."""
    from access.policy import SYSTEM
    from db import drills_store, users_store
    from drills.design_io import design_to_dict

    with _database(args) as conn:
        actor = users_store.act_as(conn, args.user) if args.user else SYSTEM
        design = drills_store.export_design(conn, actor, args.drill_id, now=now(conn))
    text = json.dumps(design_to_dict(design), ensure_ascii=False, indent=2) + "\n"
    write_output(text, args.out)
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    """The drills --user may know of: one line each (or JSON), newest first."""
    from db import drills_store, users_store

    with _database(args) as conn:
        actor = users_store.act_as(conn, args.user)
        drills = drills_store.list_drills(conn, actor, now=now(conn))
    if args.json:
        rows = [
            {
                "id": d.id,
                "title": d.title,
                "status": d.status,
                "type": d.drill_type,
                "scope": d.scope,
                "plan_id": d.plan_id,
                "version_id": d.version_id,
                "my_role": d.my_role,
                "started_at": _iso(d.started_at),
                "ended_at": _iso(d.ended_at),
            }
            for d in drills
        ]
        write_output(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", None)
    else:
        lines = [
            "\t".join(
                [
                    str(d.id),
                    DRILL_STATUSES.label(d.status),
                    d.title,
                    d.my_role or "—",
                    _iso(d.started_at) or "—",
                ]
            )
            for d in drills
        ]
        write_output("".join(line + "\n" for line in lines), None)
    say(t("drills_cli.count", n=len(drills)))
    return EXIT_OK


def _read_json(path: Path):
    try:
        return json.loads(read_bytes(path).decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
        raise CliError(t("drills_cli.bad_json", path=str(path), detail=str(exc)[:200])) from exc


def _problems(exc, where: str) -> str:
    lines = [t("drills_cli.problems", path=where, n=len(exc.problems))]
    lines += [f"  - {t(p.key, **dict(p.params))}" for p in summarise(exc.problems)]
    return "\n".join(lines)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _database(args: argparse.Namespace):
    """The database of --db or PLANDRILL_DB, with this command line's "app running" message."""
    return database(args, "drills_cli.app_running")


__all__ = ["build_parser", "main"]
