"""`python -m access` run as an operator runs it: a real subprocess from the project root on the
database given, with none of the caller's PLANDRILL_ variables but the language asked for; and the
check that it failed, if it did, without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, db: Path, stdin: str | None = None, lang: str | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANDRILL_")}
    env["PLANDRILL_DB"] = str(db)
    if lang:
        env["PLANDRILL_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "access", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def assert_clean(result) -> None:
    assert "Traceback" not in result.stderr and 'File "' not in result.stderr
