"""`python -m plans chart FILE --out DIR` on plans of real size: every step is in a view and every
view, shown 1400 px wide, has node labels at least 10 px high (sizes read from the SVG dot wrote).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate
from i18n.glossary import PHASES
from plans.model import plan_from_dict
from plans.svg_metrics import measure_svg

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "docx"
LARGEST = (
    "03_fujian_flood_typhoon.docx",
    "09_lah_cert_positions.docx",
    "12_hebei_disaster_relief.docx",
    "02_natl_highway_traffic.docx",
)


def chart(source: Path, out: Path) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANDRILL_")}
    done = subprocess.run(
        [sys.executable, "-m", "plans", "chart", str(source), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads((out / "index.json").read_text(encoding="utf-8"))


def assert_readable_and_complete(index: list[dict], out: Path, step_ids: set[str]) -> None:
    assert {s for view in index for s in view["steps"]} == step_ids
    for view in index:
        size = measure_svg((out / view["file"]).read_bytes())
        assert size.label_px(1400) >= 10, (view["title"], size)
        assert view["title"]


def plan_json(roles: int = 60, steps: int = 400, seed: int = 7) -> dict:
    """A plan of 60 roles and 400 steps over four levels, with links inside and across roles."""
    rng = random.Random(seed)
    levels = [{"id": f"L{i}", "name": f"{'ⅠⅡⅢⅣ'[i]}级响应", "condition": ""} for i in range(4)]
    role_rows = [
        {
            "id": f"r{i}",
            "name": f"第{i + 1}应急工作组",
            "aliases": [],
            "parent": None,
            "responsibilities": [],
        }
        for i in range(roles)
    ]
    rows = []
    for i in range(steps):
        after = [f"s{j}" for j in rng.sample(range(i), min(i, rng.choice((0, 1, 1, 2))))]
        rows.append(
            {
                "id": f"s{i}",
                "name": f"组织开展第{i}项应急处置工作，并报告结果",
                "text": f"第{i}项工作的原文，" * 5,
                "roles": [f"r{rng.randrange(roles)}"],
                "phase": PHASES[min(len(PHASES) - 1, i * len(PHASES) // steps)],
                "time_limit_min": rng.choice((None, 0, 30)),
                "after": after,
                "levels": rng.choice(([], [], ["L0"], ["L0", "L1"], ["L3"])),
            }
        )
    return {
        "title": "六十个角色的综合应急预案",
        "language": "zh",
        "kind": "comprehensive",
        "roles": role_rows,
        "levels": levels,
        "steps": rows,
    }


@pytest.mark.parametrize("name", LARGEST)
def test_the_largest_corpus_plans_are_charted_whole_and_readable(name, tmp_path):
    from plans.extract import import_document

    source = CORPUS / name
    assert source.exists(), f"the corpus of real plans (../shared) is missing: {source}"
    plan = import_document(source.read_bytes(), name)
    index = chart(source, tmp_path)
    assert_readable_and_complete(index, tmp_path, {s.id for s in plan.steps})


def test_a_60_role_400_step_plan_json_is_charted_whole_and_readable(tmp_path):
    data = plan_json()
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    index = chart(source, tmp_path / "out")
    assert index[0]["file"] == "overview.svg"
    step_ids = {s.id for s in plan_from_dict(data).steps}
    assert_readable_and_complete(index, tmp_path / "out", step_ids)


def test_the_100_page_benchmark_plan_is_charted_whole_and_readable(tmp_path):
    from plans.extract import import_document

    source = generate(tmp_path / "big.docx")
    plan = import_document(source.read_bytes(), source.name)
    assert len(plan.steps) > 1500
    index = chart(source, tmp_path / "out")
    assert_readable_and_complete(index, tmp_path / "out", {s.id for s in plan.steps})


def test_a_broken_plan_json_is_refused_with_a_message(tmp_path):
    source = tmp_path / "plan.json"
    source.write_text("[1, 2", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANDRILL_")}
    done = subprocess.run(
        [sys.executable, "-m", "plans", "chart", str(source), "--out", str(tmp_path / "o")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and "plan.json" in done.stderr
    assert not (tmp_path / "o").exists()
