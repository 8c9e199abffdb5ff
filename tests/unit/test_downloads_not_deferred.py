"""Downloads never hand Streamlit a callable: its deferred file is dropped at the session's next
rerun, and a click that comes after one fails ("deferred file not found"). Bytes built with the
page, or when asked for (ui/downloads.py), are kept as files until the button is gone."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def deferred_downloads() -> list[str]:
    found = []
    for path in sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py")]):
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") in ("download_button",)
            ):
                continue
            data = node.args[1] if len(node.args) > 1 else None
            data = next((k.value for k in node.keywords if k.arg == "data"), data)
            if isinstance(data, ast.Lambda) or (
                isinstance(data, ast.Name) and data.id in ("build", "make")
            ):
                found.append(f"{relative}:{node.lineno}")
    return found


def test_no_download_button_is_given_a_callable():
    assert deferred_downloads() == []
