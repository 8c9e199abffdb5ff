"""The tree keeps its architecture: pure plans/, drills/ and access/, SQL and duckdb only in db/
(and no CSV or Word building there), use cases in services/ without Streamlit, and screens that
call the use cases, never the stores."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PURE_PACKAGES = ("plans", "drills", "access")
SQL_ALLOWED = ("db", "tests", "bench")
# The command lines (python -m plans, python -m access: __main__.py and the cli.py it runs) may
# open the database, inside a function only.
LAZY_DB_ALLOWED = {
    Path("plans/__main__.py"),
    Path("plans/cli.py"),
    Path("access/__main__.py"),
    Path("access/cli.py"),
    Path("drills/__main__.py"),
    Path("drills/cli.py"),
}
FORBIDDEN_IN_PURE = {"streamlit", "duckdb", "db", "pages", "bootstrap", "ui", "app"}
# db/ reads and writes rows; files for people (CSV, Word) are built from them outside it.
FORBIDDEN_IN_DB = {"csv", "docx"}
# Use cases authorise (access/), call the domain (plans/, drills/) and the stores (db/).
SERVICES_MAY_IMPORT = {"access", "plans", "drills", "db", "services", "i18n"}
SQL = [
    re.compile(r"\bSELECT\b[\s\S]*?\bFROM\b", re.IGNORECASE),
    re.compile(r"\bINSERT\s+INTO\b", re.IGNORECASE),
    re.compile(r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TABLE|SEQUENCE|INDEX|VIEW)\b", re.IGNORECASE),
    re.compile(r"\bDELETE\s+FROM\s+\w+(?:\s+WHERE\b|\s*;|\s*$)", re.IGNORECASE),
    re.compile(r"\bUPDATE\s+\w+\s+SET\b", re.IGNORECASE),
    re.compile(r"\bDROP\s+TABLE\b", re.IGNORECASE),
]
# English prose can say "select ... from" ("Select a plan from the list"); SQL selects columns.
SELECT_PROSE = re.compile(r"\bselect\s+(?:a|an|the|one|which|your|from)\b", re.IGNORECASE)


def python_files() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if any(
            part.startswith(".") or part in ("node_modules", "__pycache__")
            for part in relative.parts
        ):
            continue
        yield relative


def imported_modules(tree: ast.AST, *, top_level_only: bool = False) -> Iterator[tuple[str, int]]:
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0], node.lineno


def docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _strings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Every string literal but docstrings; an f-string as one text, each {…} standing as "x"
    (its literal parts alone would hide "SELECT {columns} FROM t")."""
    skip = docstring_nodes(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            yield (
                node.lineno,
                "".join(
                    part.value if isinstance(part, ast.Constant) else "x" for part in node.values
                ),
            )


def sql_in(tree: ast.AST) -> list[tuple[int, str]]:
    hits = []
    for line, text in _strings(tree):
        for pattern in SQL:
            match = pattern.search(text)
            if match and not SELECT_PROSE.match(match.group(0)):
                hits.append((line, match.group(0)[:60]))
    return sorted(set(hits))


def parse(relative: Path) -> ast.AST:
    return ast.parse((ROOT / relative).read_text(encoding="utf-8"), filename=str(relative))


def test_plans_drills_and_access_import_neither_streamlit_nor_the_database():
    offenders = []
    for relative in python_files():
        if relative.parts[0] not in PURE_PACKAGES:
            continue
        tree = parse(relative)
        if relative in LAZY_DB_ALLOWED:
            top = {name for name, _ in imported_modules(tree, top_level_only=True)}
            lazy = {name for name, _ in imported_modules(tree)} - {"db"}
            names = [(n, 0) for n in (top | lazy) & FORBIDDEN_IN_PURE]
        else:
            names = [(n, line) for n, line in imported_modules(tree) if n in FORBIDDEN_IN_PURE]
        offenders += [f"{relative}:{line} imports {name}" for name, line in names]
    assert not offenders, offenders


def test_only_db_tests_and_bench_import_duckdb():
    offenders = [
        f"{relative}:{line}"
        for relative in python_files()
        if relative.parts[0] not in SQL_ALLOWED
        for name, line in imported_modules(parse(relative))
        if name == "duckdb"
    ]
    assert not offenders, offenders


def test_sql_appears_only_in_db_tests_and_bench():
    offenders = [
        f"{relative}:{line} {text!r}"
        for relative in python_files()
        if relative.parts[0] not in SQL_ALLOWED
        for line, text in sql_in(parse(relative))
    ]
    assert not offenders, offenders


def test_db_builds_no_csv_or_word_file():
    offenders = [
        f"{relative}:{line} imports {name}"
        for relative in python_files()
        if relative.parts[0] == "db"
        for name, line in imported_modules(parse(relative))
        if name in FORBIDDEN_IN_DB
    ]
    assert not offenders, offenders


def _project_modules() -> set[str]:
    return {p.stem for p in ROOT.iterdir() if (p / "__init__.py").exists() or p.suffix == ".py"}


def test_services_import_the_domain_access_and_the_stores_but_no_screen():
    project = _project_modules()
    offenders = [
        f"{relative}:{line} imports {name}"
        for relative in python_files()
        if relative.parts[0] == "services"
        for name, line in imported_modules(parse(relative))
        if name == "streamlit" or (name in project and name not in SERVICES_MAY_IMPORT)
    ]
    assert not offenders, offenders


def test_screens_call_use_cases_not_the_stores():
    # pages/, ui/ and app.py reach the data through services/ only (bootstrap opens the database)
    offenders = [
        f"{relative}:{line} imports {name}"
        for relative in python_files()
        if relative.parts[0] in ("pages", "ui") or relative == Path("app.py")
        for name, line in imported_modules(parse(relative))
        if name in ("db", "duckdb")
    ]
    assert not offenders, offenders


def test_the_checks_catch_what_they_are_meant_to_catch():
    bad = ast.parse(
        "import streamlit\nfrom duckdb import connect\n"
        "Q = 'SELECT id FROM plans'\nI = 'insert into roles VALUES (1)'\n"
        "C = 'CREATE TABLE x (a INT)'\nD = 'DELETE FROM steps WHERE id = 1'\n"
        "U = 'update versions set status = 1'\n"
    )
    assert {name for name, _ in imported_modules(bad)} == {"streamlit", "duckdb"}
    assert len(sql_in(bad)) == 5
    prose = ast.parse("M = 'Select a plan from the list, then delete from the bin'\n")
    assert sql_in(prose) == []
    built = ast.parse(
        "def q(cur, table, cols):\n"
        "    cur.execute(f'SELECT {cols} FROM {table} WHERE id = ?')\n"
        "    cur.execute(f'DELETE FROM {table}')\n"
    )
    assert [line for line, _ in sql_in(built)] == [2, 3]
    files = ast.parse("import csv\nfrom docx import Document\nimport streamlit as st\n")
    names = {name for name, _ in imported_modules(files)}
    assert FORBIDDEN_IN_DB <= names and "streamlit" in names


def test_nothing_in_db_updates_or_deletes_audit_or_sign_in_rows():
    # the audit log (and the sign-in record behind lock-out) is append-only
    table = r"(?:audit_log|login_attempts)\b"
    forbidden = re.compile(
        rf"\b(?:UPDATE\s+{table}|DELETE\s+FROM\s+{table}|TRUNCATE\s+(?:TABLE\s+)?{table}"
        rf"|DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?{table}|ALTER\s+TABLE\s+{table}"
        rf"|INSERT\s+OR\s+REPLACE\s+INTO\s+{table})",
        re.IGNORECASE,
    )
    files = sorted((ROOT / "db").rglob("*.py")) + sorted((ROOT / "db").rglob("*.sql"))
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in files
        for match in forbidden.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders
    assert forbidden.search("cur.execute('DELETE FROM audit_log WHERE id = 1')")
    assert forbidden.search("update AUDIT_LOG set detail = ''")
    assert forbidden.search("DELETE FROM login_attempts")
    assert any("INSERT INTO audit_log" in p.read_text(encoding="utf-8") for p in files)
    # the one DELETE built from a table name works on plan content tables only
    from db.plans_content import CONTENT_TABLES

    assert not {"audit_log", "login_attempts"} & set(CONTENT_TABLES)


def test_no_page_shadows_a_package_of_the_project():
    """A script in pages/ named like a package (pages/plans.py) hides that package from a page
    run on its own, where Streamlit puts pages/ first on sys.path."""
    packages = {p.stem for p in ROOT.iterdir() if (p / "__init__.py").exists() or p.suffix == ".py"}
    clashes = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if p.stem in packages)
    assert not clashes, clashes


def test_plans_does_not_depend_on_drills():
    """Dependencies point one way: drills/ builds on plans/, never the reverse."""
    offenders = []
    for path in (ROOT / "plans").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n == "drills" or n.startswith("drills.") for n in names):
                offenders.append(path.name)
    assert not offenders, offenders


# Callbacks that only change what the screen shows and touch no store: they need no session
# check (the language is chosen before anyone signs in).
VIEW_CALLBACKS = frozenset({"_language_chosen", "jump"})


def _screen_modules() -> list[Path]:
    return [r for r in python_files() if r.parts[0] in ("pages", "ui") or r == Path("app.py")]


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else f"<{type(node).__name__}>"


def test_fragments_and_widget_callbacks_check_the_session_where_they_act():
    """Streamlit runs fragments and callbacks without the page guard: each goes through
    ui/live.py (live_fragment, live_callback), which checks the account afresh."""
    checked = {
        node.name
        for relative in _screen_modules()
        for node in ast.walk(parse(relative))
        if isinstance(node, ast.FunctionDef)
        and any(_name(d) == "live_callback" for d in node.decorator_list)
    }
    offenders = []
    for relative in _screen_modules():
        for node in ast.walk(parse(relative)):
            if isinstance(node, ast.Attribute) and node.attr == "fragment":
                if relative != Path("ui/live.py"):
                    offenders.append(f"{relative}:{node.lineno} st.fragment")
            elif isinstance(node, ast.keyword) and node.arg in ("on_click", "on_change"):
                name = _name(node.value)
                if name not in checked | VIEW_CALLBACKS:
                    offenders.append(f"{relative}:{node.value.lineno} callback {name}")
    assert not offenders, offenders
    assert {"_on_taps", "_handed_over", "_save_details", "_save_free", "_release"} <= checked


def test_bench_stands_without_the_tests():
    """bench/ runs from a checkout without tests/: what both need lives outside tests/
    (local_server.py, the product)."""
    found = []
    for path in python_files():
        if path.parts[0] != "bench":
            continue
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        found += [f"{path}:{line}" for name, line in imported_modules(tree) if name == "tests"]
    assert found == []


def test_code_names_what_it_does_not_the_tracker_issue_it_came_from():
    """The tracker is not in the repository: its issue numbers in a docstring tell a reader
    nothing."""
    tracker = re.compile(r"\b[Ii]ssues? \d+\b")
    found = [
        f"{path}:{n}"
        for path in python_files()
        for n, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), 1)
        if tracker.search(line)
    ]
    assert found == []


def test_screens_import_project_modules_by_their_own_names():
    """No `from ui import review as panels` in pages/, ui/ or app.py: a module is found by grep
    under its own name (use cases as services.<module>, others by name or dotted)."""
    project = {"access", "db", "drills", "i18n", "plans", "services", "ui"}
    found = []
    for path in python_files():
        if path.parts[0] not in ("pages", "ui") and path != Path("app.py"):
            continue
        for node in ast.walk(ast.parse((ROOT / path).read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module):
                continue
            if node.module.split(".")[0] not in project:
                continue
            base = ROOT / node.module.replace(".", "/")
            found += [
                f"{path}:{node.lineno} {alias.name} as {alias.asname}"
                for alias in node.names
                if alias.asname
                and ((base / f"{alias.name}.py").exists() or (base / alias.name).is_dir())
            ]
    assert found == []


def test_the_formatter_formats_everything():
    """No `# fmt: skip` / `# fmt: off`: the code reads as ruff format writes it."""
    marker = re.compile(r"#\s*fmt:\s*(skip|off)")
    found = [
        f"{path}:{n}"
        for path in python_files()
        for n, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), 1)
        if marker.search(line) and path.name != "test_architecture.py"
    ]
    assert found == []


def test_modules_are_named_by_what_they_hold():
    """No module named for being a bag of facts, rows, fixes or helpers (db/drills_lookup.py,
    db/drills_design.py, ui/editor_working_copy.py say what they hold)."""
    vague = re.compile(
        r"(?:_facts|_rows|_fixes|_misc|_utils|_helpers)$|^(?:work|misc|utils|helpers)$"
    )
    history = re.compile(r"_fixes$|^test_qa_")  # tests named for the walk that found a problem
    found = [
        str(path)
        for path in python_files()
        if (path.parts[0] != "tests" and vague.search(path.stem)) or history.search(path.stem)
    ]
    assert found == []


def _spelled_vocabularies(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, name) of every tuple, list or set literal that holds all the ids of a glossary
    vocabulary: a copy that can drift from the one definition."""
    from i18n.glossary import VOCABULARIES

    for node in ast.walk(tree):
        if not isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            continue
        values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
        for name, vocabulary in VOCABULARIES.items():
            if set(vocabulary) <= values:
                yield node.lineno, name


def test_no_module_but_the_glossary_spells_out_a_vocabulary():
    """Screens, documents, exports and rules take each closed set (roles, statuses, causes,
    phases...) from i18n/glossary.py instead of writing their own copy."""
    found = [
        f"{path}:{line} {name}"
        for path in python_files()
        if path.parts[0] != "tests" and path != Path("i18n/glossary.py")
        for line, name in _spelled_vocabularies(parse(path))
    ]
    assert found == []
    copy = ast.parse(
        "CAUSES = ('plan_defect', 'execution', 'resources', 'training', 'coordination')"
    )
    assert [name for _, name in _spelled_vocabularies(copy)] == ["FINDING_CAUSES"]
    part = ast.parse("RELEASED = ('published', 'superseded')")
    assert list(_spelled_vocabularies(part)) == []


# Each layer's errors grow from a root of its own; a caller catches the root it means, and the
# common base (i18n.errors.UserFacingError) only where any of them may come.
LAYER_ROOTS = {
    "plans": "PlanError",
    "drills": "DrillError",
    "access": "AccessError",
    "db": "StoreError",
}


def test_the_error_roots_of_the_layers_do_not_derive_from_each_other():
    from access.errors import AccessError
    from db.errors import StoreError
    from drills.errors import DrillError
    from i18n.errors import UserFacingError
    from plans.errors import PlanError

    roots = (PlanError, DrillError, AccessError, StoreError)
    assert [root.__name__ for root in roots] == list(LAYER_ROOTS.values())
    assert all(root.__bases__ == (UserFacingError,) for root in roots)
    assert not [(a, b) for a in roots for b in roots if a is not b and issubclass(a, b)]


def test_a_layer_raises_errors_under_its_own_root_only():
    """No class in drills/ derives from PlanError (or in db/ from AccessError...): a layer's
    errors are caught by its own root."""
    found = []
    for path in python_files():
        layer = path.parts[0]
        if layer not in LAYER_ROOTS:
            continue
        others = set(LAYER_ROOTS.values()) - {LAYER_ROOTS[layer]}
        for node in ast.walk(parse(path)):
            if isinstance(node, ast.ClassDef):
                bases = {_name(base) for base in node.bases}
                found += [f"{path}:{node.lineno} {node.name}({b})" for b in bases & others]
    assert found == []


def test_a_public_class_name_means_one_thing():
    """No two modules define a public class of the same name (two `Conflict`s, two `Context`s):
    a reader who meets the name knows which one it is."""
    where: dict[str, list[str]] = {}
    for path in python_files():
        if path.parts[0] in ("tests", "bench"):
            continue
        for node in ast.walk(parse(path)):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                where.setdefault(node.name, []).append(str(path))
    assert {name: paths for name, paths in where.items() if len(paths) > 1} == {}


def screen_text_literals(tree: ast.AST, messages: set[str]) -> list[tuple[int, str]]:
    """String literals a test compares or looks up (in an assert, as a side of a comparison, as
    a subscript such as a column name) that are word for word one of `messages`."""
    places: list[ast.AST] = []
    formatted = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            places.append(node)
        elif isinstance(node, ast.Compare):
            places += [node.left, *node.comparators]
        elif isinstance(node, ast.Subscript):
            places.append(node.slice)
    found = {
        (inner.lineno, inner.value)
        for place in places
        for inner in ast.walk(place)
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str)
        if inner.value in messages and id(inner) not in formatted
    }
    return sorted(found)


def test_page_tests_compare_screen_text_through_the_catalogue():
    """A Chinese literal a page test compares that is word for word a catalogue message is screen
    text written out: the test reads it through t() (or the glossary), so that it follows the
    catalogue. Text the test typed itself is data and no message; f-strings are not looked at."""
    import i18n

    messages = {
        text for text in i18n.catalogue("zh").values() if re.search("[\u4e00-\u9fff]", text)
    }
    offenders = [
        f"{path}:{line} {text!r}"
        for path in python_files()
        if path.parts[:2] == ("tests", "ui")
        for line, text in screen_text_literals(parse(path), messages)
    ]
    assert not offenders, offenders
    caught = ast.parse(
        "assert '总分' in labels\nrow['步骤']\nif x == '草稿':\n    pass\n"
        "assert typed == '堵漏器材取用慢'\nassert x == f'步骤{n}'\n"
    )
    assert [line for line, _ in screen_text_literals(caught, messages)] == [1, 2, 3]


def imports_of_test_modules(relative: Path, tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every import in the file at `relative` of a module whose name starts
    with test_: `from tests.x.test_y import a`, `from tests.x import test_y`, `import
    tests.x.test_y`, and the same written relative (`from .test_y import a`, `from . import
    test_y`). A name imported from a package counts when the package holds a module of that name."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name)
                for alias in node.names
                if any(part.startswith("test_") for part in alias.name.split("."))
            ]
        elif isinstance(node, ast.ImportFrom):
            package = relative.parent.parts[: len(relative.parent.parts) - node.level + 1]
            parts = [*(package if node.level else ()), *(node.module or "").split(".")]
            module = ".".join(p for p in parts if p)
            if any(part.startswith("test_") for part in module.split(".")):
                found.append((node.lineno, module))
                continue
            base = ROOT.joinpath(*module.split("."))
            found += [
                (node.lineno, f"{module}.{alias.name}")
                for alias in node.names
                if alias.name.startswith("test_")
                and ((base / f"{alias.name}.py").exists() or (base / alias.name).is_dir())
            ]
    return found


def test_no_test_module_imports_from_another_test_module():
    """What tests share lives in a helper module named by what it holds (tests/unit/docx_reading.py,
    tests/integration/drills_world.py) or in a conftest, never in a test module: a test module
    that others import cannot be moved, renamed or trimmed without breaking them, and their reader
    has to look for helpers among tests. Importing from a conftest is fine."""
    offenders = [
        f"{relative}:{line} imports {module}"
        for relative in python_files()
        if relative.parts[0] == "tests"
        for line, module in imports_of_test_modules(relative, parse(relative))
    ]
    assert not offenders, offenders
    here = Path("tests/unit/docx_reading.py")
    caught = ast.parse(
        "from tests.unit.test_checks import SOUND\n"
        "from tests.unit import test_checks\n"
        "import tests.unit.test_checks as checks\n"
        "from .test_checks import edit\n"
        "from . import test_checks\n"
        "def f():\n"
        "    from tests.integration.test_cli import run\n"
    )
    assert [line for line, _ in imports_of_test_modules(here, caught)] == [1, 2, 3, 4, 5, 7]
    assert imports_of_test_modules(here, caught)[3] == (4, "tests.unit.test_checks")
    allowed = ast.parse(
        "from tests.unit.sound_plan import SOUND, edit\n"
        "from tests.ui.conftest import ROOT\n"
        "from tests.ui import conftest\n"
        "from . import docx_reading\n"
        "from tests.unit.sound_plan import test_data\n"
    )
    assert imports_of_test_modules(here, allowed) == []
