"""The account command line: `python -m access users create|reset|unlock|disable|enable|list`.

For scripted deployments. It works on the database file while the app is stopped (DuckDB allows
one writing process) and says so when the app holds it. It acts as the machine (the SYSTEM
actor): whoever can run it can read the database file anyway. A password that is generated is
printed once on standard output, everything else goes to standard error, in the user's language.
Exit codes as in cli_common.py: 0 done, 1 bad input, 2 the app is running, 64 usage, 70 internal.
"""

from __future__ import annotations

import argparse
import json
import sys

from cli_common import EXIT_OK, CliError, common_options, database, now, run_cli, say
from i18n import t


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code. Never shows a traceback for bad input."""
    return run_cli(argv, build_parser)


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="python -m access", description=t("users_cli.description"), parents=[common]
    )
    areas = parser.add_subparsers(dest="area", required=True, metavar="users")
    users = areas.add_parser("users", parents=[common], help=t("users_cli.help.users"))
    commands = users.add_subparsers(dest="command", required=True, metavar="COMMAND")

    create = commands.add_parser("create", parents=[common], help=t("users_cli.help.create"))
    create.add_argument("username", metavar="USERNAME")
    create.add_argument(
        "--roles", required=True, metavar="ROLE,ROLE", help=t("users_cli.help.roles")
    )
    create.add_argument("--unit", default="", metavar="UNIT", help=t("users_cli.help.unit"))
    create.add_argument(
        "--display-name", default="", metavar="NAME", help=t("users_cli.help.display_name")
    )
    _password_options(create)
    create.add_argument(
        "--no-must-change", action="store_true", help=t("users_cli.help.no_must_change")
    )
    create.set_defaults(run=run_create)

    reset = commands.add_parser("reset", parents=[common], help=t("users_cli.help.reset"))
    reset.add_argument("username", metavar="USERNAME")
    _password_options(reset)
    reset.set_defaults(run=run_reset)

    unlock = commands.add_parser("unlock", parents=[common], help=t("users_cli.help.unlock"))
    unlock.add_argument("username", metavar="USERNAME")
    unlock.set_defaults(run=run_unlock)

    for name, disabled in (("disable", True), ("enable", False)):
        cmd = commands.add_parser(name, parents=[common], help=t(f"users_cli.help.{name}"))
        cmd.add_argument("username", metavar="USERNAME")
        cmd.set_defaults(run=run_set_disabled, disabled=disabled)

    listing = commands.add_parser("list", parents=[common], help=t("users_cli.help.list"))
    listing.add_argument("--json", action="store_true", help=t("common.help_json"))
    listing.set_defaults(run=run_list)
    return parser


def _password_options(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--password-stdin", action="store_true", help=t("users_cli.help.password_stdin")
    )


def run_create(args: argparse.Namespace) -> int:
    from access.policy import SYSTEM
    from db import users_store

    password, generated = _password(args)
    with _database(args) as conn:
        users_store.create_user(
            conn,
            SYSTEM,
            args.username,
            password,
            roles=args.roles,
            unit=args.unit,
            display_name=args.display_name,
            must_change=not args.no_must_change,
            now=now(conn),
        )
    say(
        t(
            "users_cli.created",
            username=args.username.strip(),
            roles=args.roles,
            unit=args.unit or "—",
        )
    )
    _show_password(password, generated, must_change=not args.no_must_change)
    return EXIT_OK


def run_reset(args: argparse.Namespace) -> int:
    from access.policy import SYSTEM
    from db import users_store

    password, generated = _password(args)
    with _database(args) as conn:
        user = users_store.get_user_by_name(conn, SYSTEM, args.username)
        users_store.reset_password(conn, SYSTEM, user.id, password, now=now(conn))
    say(t("users_cli.reset", username=user.username))
    _show_password(password, generated, must_change=True)
    return EXIT_OK


def run_set_disabled(args: argparse.Namespace) -> int:
    from access.policy import SYSTEM
    from db import users_store
    from services import users

    with _database(args) as conn:
        user = users_store.get_user_by_name(conn, SYSTEM, args.username)
        users.set_disabled(conn, SYSTEM, user.id, args.disabled, now=now(conn))  # ends its sessions
    key = "users_cli.disabled" if args.disabled else "users_cli.enabled"
    say(t(key, username=user.username))
    return EXIT_OK


def run_unlock(args: argparse.Namespace) -> int:
    from access.policy import SYSTEM
    from db import users_store
    from services import accounts

    with _database(args) as conn:
        user = users_store.get_user_by_name(conn, SYSTEM, args.username)
        locks = accounts.unlock(conn, SYSTEM, user.id, now=now(conn))
    if locks:
        say(t("users_cli.unlocked", username=user.username, n=len(locks)))
    else:
        say(t("users_cli.not_locked", username=user.username))
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from access.policy import SYSTEM
    from db import users_store

    with _database(args) as conn:
        users = users_store.list_users(conn, SYSTEM)
    if args.json:
        rows = [
            {
                "id": u.id,
                "username": u.username,
                "display_name": u.display_name,
                "roles": sorted(u.roles),
                "unit": u.unit,
                "disabled": u.disabled,
                "must_change_password": u.must_change_password,
                "demo": u.demo,
                "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
            }
            for u in users
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("".join(_line(u) + "\n" for u in users))
    sys.stdout.flush()
    say(t("users_cli.count", n=len(users)))
    return EXIT_OK


def _line(user) -> str:
    state = t("users.state_disabled") if user.disabled else t("users_cli.state.enabled")
    if user.must_change_password:
        state += " " + t("users_cli.state.must_change")
    roles = ",".join(sorted(user.roles))
    return "\t".join([user.username, user.display_name or "—", roles, user.unit or "—", state])


def _password(args: argparse.Namespace) -> tuple[str, bool]:
    """(password, generated): one line of standard input with --password-stdin, else random."""
    from access.passwords import generate_password

    if not args.password_stdin:
        return generate_password(), True
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise CliError(t("users_cli.empty_stdin"))
    return line, False


def _show_password(password: str, generated: bool, *, must_change: bool) -> None:
    if not generated:
        return
    say(t("users_cli.password_once" if must_change else "users_cli.password_once_keep"))
    sys.stdout.write(password + "\n")
    sys.stdout.flush()


def _database(args: argparse.Namespace):
    """The database of --db or PLANDRILL_DB, with this command line's "app running" message."""
    return database(args, "users_cli.app_running")
