"""`python -m plans` run as a user runs it: a real subprocess from the project root, with none of
the caller's PLANDRILL_ variables but the language and database asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, lang: str | None = None, db: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANDRILL_")}
    if lang:
        env["PLANDRILL_LANG"] = lang
    if db:
        env["PLANDRILL_DB"] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "plans", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
