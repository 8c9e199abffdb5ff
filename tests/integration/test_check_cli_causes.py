"""`python -m plans check` lists follow-on findings under their cause and says how to clear each."""

from __future__ import annotations

import json

from plans.model import Plan, Role, Step, plan_to_dict
from tests.integration.plans_cli import run

NO_REPORT = Plan(
    title="无报告环节的预案",
    roles=(Role("r1", "总指挥"),),
    steps=(
        Step("s1", "启动响应", "总指挥决定启动响应。", ("r1",), "activation"),
        Step("s2", "扩大响应", "总指挥决定扩大响应。", ("r1",), "activation", after=("s1",)),
        Step("s3", "终止响应", "总指挥宣布终止。", ("r1",), "termination", after=("s2",)),
    ),
)


def test_check_nests_follow_on_findings_under_their_cause(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_to_dict(NO_REPORT), ensure_ascii=False), encoding="utf-8")
    rows = json.loads(run("check", str(path), "--json", lang="en").stdout)
    (cause,) = [r for r in rows if r["code"] == "no_report_step"]
    assert [c["target_id"] for c in cause["consequences"]] == ["s1", "s2"]
    assert cause["hint"] and not cause["hint"].startswith("⟦")
    assert not [r for r in rows if r["code"] == "activation_without_report"]
    text = run("check", str(path), lang="en").stdout
    assert text.count("↳") == 2
