"""Extraction rules as a table of cases (tests/data/extract/cases_*.json): each case is a short
plan text and what the importer must make of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plans.extract import extract_plan
from plans.reader_text import read_text

CASES = Path(__file__).resolve().parents[1] / "data" / "extract"


def _cases(language: str) -> list[dict]:
    return json.loads((CASES / f"cases_{language}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _cases("zh"), ids=lambda c: c["rule"])
def test_a_chinese_rule_holds(case):
    plan = extract_plan(read_text(case["text"]), filename="case.txt")
    if "owners" in case:
        owners = [sorted(plan.role(r).name for r in s.roles) for s in plan.steps]
        assert owners == [sorted(o) for o in case["owners"]]
    for name in case.get("roles_absent", []):
        assert name not in {r.name for r in plan.roles}
    if "names" in case:
        assert [s.name for s in plan.steps] == case["names"]
