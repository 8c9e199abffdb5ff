"""The command line: `python -m plans import FILE [--save --user NAME]`, `check FILE.json`,
`chart FILE --out DIR`, `export-word FILE --out OUT.docx`, `demo DIR`. Saving acts as an existing account (--user), whose unit the plan joins.

Standard output carries only the product (plan JSON, findings); messages go to standard error in
the user's language (--lang, else PLANDRILL_LANG, else Chinese). Exit codes (cli_common): 0 done,
1 bad input or a plan with errors, 2 the database is in use (the app is running), 3 document
already imported, 64 a usage error, 70 an internal error (PLANDRILL_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cli_common import (
    EXIT_BAD_INPUT,
    EXIT_DUPLICATE,
    EXIT_OK,
    EXIT_USAGE,
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
from i18n import t


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code. Never shows a traceback for bad input."""
    return run_cli(argv, build_parser)


def build_parser() -> argparse.ArgumentParser:
    common = common_options(db=False)
    parser = argparse.ArgumentParser(
        prog="python -m plans", description=t("cli.help.description"), parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    imp = commands.add_parser("import", parents=[common], help=t("cli.help.import"))
    imp.add_argument("file", metavar="FILE", help=t("cli.help.file"))
    imp.add_argument("--out", metavar="OUT", help=t("cli.help.out"))
    imp.add_argument("--save", action="store_true", help=t("cli.help.save"))
    imp.add_argument("--db", metavar="PATH", help=t("cli.help.db"))
    imp.add_argument("--user", metavar="USERNAME", help=t("cli.help.user"))
    imp.add_argument("--unit", metavar="UNIT", help=t("cli.help.unit"))
    imp.set_defaults(run=run_import)

    check = commands.add_parser("check", parents=[common], help=t("cli.help.check"))
    check.add_argument("file", metavar="FILE.json", help=t("cli.help.json_file"))
    check.add_argument("--json", action="store_true", help=t("cli.help.json"))
    check.set_defaults(run=run_check)

    chart = commands.add_parser("chart", parents=[common], help=t("cli.help.chart"))
    chart.add_argument("file", metavar="FILE", help=t("cli.help.chart_file"))
    chart.add_argument("--out", metavar="DIR", required=True, help=t("cli.help.chart_out"))
    chart.set_defaults(run=run_chart)

    word = commands.add_parser("export-word", parents=[common], help=t("cli.help.export_word"))
    word.add_argument("file", metavar="FILE", help=t("cli.help.word_file"))
    word.add_argument("--out", metavar="OUT.docx", required=True, help=t("cli.help.word_out"))
    word.set_defaults(run=run_export_word)

    demo = commands.add_parser("demo", parents=[common], help=t("cli.help.demo"))
    demo.add_argument("folder", metavar="DIR", help=t("cli.help.folder"))
    demo.set_defaults(run=run_demo)
    return parser


def run_import(args: argparse.Namespace) -> int:
    """Read, extract and print (or write) the plan JSON; with --save also store it as a draft."""
    path = Path(args.file)
    if args.save and not args.user:
        raise CliError(t("cli.save_needs_user"), EXIT_USAGE)
    data = read_bytes(path)
    from plans.extract import import_document
    from plans.model import plan_to_dict

    plan = import_document(data, path.name)
    say(t("cli.summary", roles=len(plan.roles), levels=len(plan.levels), steps=len(plan.steps)))
    if args.save:
        _save(plan, data, path.name, args)
    write_output(plan_json(plan_to_dict(plan)), args.out)
    return EXIT_OK


def plan_json(data: dict) -> str:
    """The plan as JSON, a top-level key a line and each role, level or step on a line of its
    own: readable and diffable, and written by the C encoder (json's indent= falls back to the
    pure-Python one, 63 against 22 ms for a 100-page plan)."""
    items = list(data.items())
    lines = ["{"]
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(value, list) and value:
            inner = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f"  {name}: [\n{inner}\n  ]{comma}")
        else:
            lines.append(f"  {name}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _save(plan, data: bytes, filename: str, args: argparse.Namespace) -> None:
    """Store the plan as a draft on behalf of the account --user (no password: whoever runs
    this holds the database file); it belongs to that user's unit unless an admin gives --unit."""
    from access.errors import NotAllowedError
    from db.errors import DuplicateDocumentError
    from db.plans_store import import_plan
    from db.users_store import act_as

    with database(args, "cli.app_running") as conn:
        try:
            actor = act_as(conn, args.user)
            result = import_plan(
                conn, actor, plan, document=data, filename=filename, now=now(conn), unit=args.unit
            )
        except NotAllowedError as exc:
            raise CliError(t("cli.user_cannot_import", user=args.user)) from exc
        except DuplicateDocumentError as exc:
            params = {"plan_id": "?", "title": plan.title, **exc.params}
            raise CliError(t("cli.duplicate", **params), EXIT_DUPLICATE) from exc
    path = str(db_path(args))
    say(t("cli.saved", plan_id=result.plan_id, version_id=result.version_id, path=path))


def run_check(args: argparse.Namespace) -> int:
    """Print every finding of a plan JSON file; exit 1 when one of them is an error."""
    from plans.checks import check_plan
    from plans.model import plan_from_dict

    path = Path(args.file)
    try:
        data = json.loads(read_bytes(path).decode("utf-8-sig"))
        if not isinstance(data, dict):
            raise TypeError(t("cli.json_not_object"))
        plan = plan_from_dict(data)
    except (ValueError, TypeError, AttributeError) as exc:  # JSONDecodeError is a ValueError
        raise CliError(t("cli.bad_json", path=str(path), detail=str(exc)[:200])) from exc
    findings = check_plan(plan)
    lang = args.lang
    if args.json:

        def row(f) -> dict:
            return {
                "code": f.code,
                "severity": f.severity,
                "target_kind": f.target_kind,
                "target_id": f.target_id,
                "message": f.message(lang),
                "hint": f.hint(lang),
                "consequences": [row(c) for c in f.consequences],
            }

        rows = [row(f) for f in findings]
        write_output(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", None)
    else:
        lines = [
            line
            for f in findings
            for line in (
                f"{t(f'cli.severity.{f.severity}')}\t{f.message(lang)}",
                *(f"\t  ↳ {c.message(lang)}" for c in f.consequences),
            )
        ]
        write_output("".join(line + "\n" for line in lines), None)
    say(t("cli.findings", n=len(findings)) if findings else t("common.no_problems"))
    return EXIT_BAD_INPUT if any(f.severity == "error" for f in findings) else EXIT_OK


def _read_plan(path: Path):
    """A plan from a plan JSON file or a document to import."""
    from plans.model import plan_from_dict

    data = read_bytes(path)
    if path.suffix.lower() != ".json":
        from plans.extract import import_document

        return import_document(data, path.name)
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
        if not isinstance(parsed, dict):
            raise TypeError(t("cli.json_not_object"))
        return plan_from_dict(parsed)
    except (ValueError, TypeError, AttributeError) as exc:  # JSONDecodeError is a ValueError
        raise CliError(t("cli.bad_json", path=str(path), detail=str(exc)[:200])) from exc


def run_chart(args: argparse.Namespace) -> int:
    """Write the chart views the editor shows by default as SVG files, listed in index.json."""
    from plans.chart_views import chart_views

    plan = _read_plan(Path(args.file))
    folder = Path(args.out)
    views = chart_views(plan, lang=plan.language, fit=True)  # DrawError: a PlanError, see run_cli
    index = [{"file": f"{v.key}.svg", "title": v.title, "steps": list(v.steps)} for v in views]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for view in views:
            (folder / f"{view.key}.svg").write_bytes(view.svg or b"")
        text = json.dumps(index, ensure_ascii=False, indent=2) + "\n"
        (folder / "index.json").write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError(t("cli.cannot_write", path=str(folder), detail=exc.strerror or exc)) from exc
    say(t("cli.chart_wrote", n=len(views), path=str(folder)))
    return EXIT_OK


def run_export_word(args: argparse.Namespace) -> int:
    """Import a document without storing it and write it out as the plan's Word file: the
    document's own body (a .docx kept as it is; PDF, text or Markdown built from its sections)
    and the generated annexes after its own."""
    from plans.export_docx import chart_figures
    from plans.extract import import_document
    from plans.word_export import plan_word

    path = Path(args.file)
    data = read_bytes(path)
    plan = import_document(data, path.name)
    lang = plan.language if plan.language in ("zh", "en") else "zh"
    word = plan_word(plan, original=(path.name, data), charts=chart_figures(plan, lang), lang=lang)
    out = Path(args.out)
    try:
        out.write_bytes(word.data)
    except OSError as exc:
        raise CliError(t("cli.cannot_write", path=str(out), detail=exc.strerror or exc)) from exc
    say(t("cli.word_wrote", path=str(out), annexes=len(word.annexes)))
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    """Write the demo plans (.docx) into a folder."""
    from plans.demo import demo_documents

    folder = Path(args.folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in demo_documents():
            (folder / name).write_bytes(data)
            say(t("cli.wrote", path=str(folder / name)))
    except OSError as exc:
        raise CliError(t("cli.cannot_write", path=str(folder), detail=exc.strerror or exc)) from exc
    return EXIT_OK
