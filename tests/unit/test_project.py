"""The project declares itself and its dependencies: pyproject.toml reads the pinned versions of
requirements.txt (the app) and requirements-dev.txt (tests and tools), one list each."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PINNED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[a-z,]+\])?==[0-9][\w.]*$")


def _requirements(name: str) -> list[str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_pyproject_takes_its_dependencies_from_the_requirement_files():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert set(project["project"]["dynamic"]) == {"dependencies", "optional-dependencies"}
    dynamic = project["tool"]["setuptools"]["dynamic"]
    assert dynamic["dependencies"]["file"] == ["requirements.txt"]
    assert dynamic["optional-dependencies"]["dev"]["file"] == ["requirements-dev.txt"]


def test_every_dependency_is_pinned_to_one_version():
    for name in ("requirements.txt", "requirements-dev.txt"):
        loose = [line for line in _requirements(name) if not PINNED.match(line)]
        assert loose == [], name


def test_the_packages_of_the_tree_are_the_projects():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = {p.rstrip("*") for p in project["tool"]["setuptools"]["packages"]["find"]["include"]}
    on_disk = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert included == on_disk
    modules = set(project["tool"]["setuptools"]["py-modules"])
    assert modules == {p.stem for p in ROOT.glob("*.py")}
