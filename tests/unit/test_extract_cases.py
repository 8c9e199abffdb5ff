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


@pytest.mark.parametrize(
    "language, case",
    [(lang, c) for lang in ("zh", "en") for c in _cases(lang)],
    ids=lambda v: v["rule"] if isinstance(v, dict) else v,
)
def test_an_extraction_rule_holds(language, case):
    markdown = language == "en"
    plan = extract_plan(read_text(case["text"], markdown=markdown), filename="case.txt")
    assert plan.language == language
    if "owners" in case:
        owners = [sorted(plan.role(r).name for r in s.roles) for s in plan.steps]
        assert owners == [sorted(o) for o in case["owners"]]
    for name in case.get("roles_present", []):
        assert name in {r.name for r in plan.roles}
    if "after_texts" in case:
        text_of = {s.id: s.text for s in plan.steps}
        got = [[text_of[a].lstrip("0123456789. ") for a in s.after] for s in plan.steps]
        assert got == case["after_texts"]
    if "times" in case:
        assert [s.time_limit_min for s in plan.steps] == case["times"]
    if "frequencies" in case:
        assert [s.frequency_min for s in plan.steps] == case["frequencies"]
    if "time_parts" in case:
        assert [[p.minutes for p in s.time_parts] for s in plan.steps] == case["time_parts"]
    for name in case.get("roles_absent", []):
        assert name not in {r.name for r in plan.roles}
    for word in case.get("names_absent_in_steps", []):
        assert not any(s.text.startswith(word) for s in plan.steps)
    for name, duties in case.get("duties", {}).items():
        role = next(r for r in plan.roles if r.name == name)
        assert list(role.responsibilities) == duties
    for name, parent in case.get("parents", {}).items():
        role = next(r for r in plan.roles if r.name == name)
        assert role.parent and plan.role(role.parent).name == parent
    if "levels" in case:
        assert [[lv.id, lv.name] for lv in plan.levels] == case["levels"]
    if "step_levels" in case:
        assert [list(s.levels) for s in plan.steps] == case["step_levels"]
    if "phases" in case:
        assert [s.phase for s in plan.steps] == case["phases"]
    if "names" in case:
        assert [s.name for s in plan.steps] == case["names"]


SECTIONS_ZH = """某市危险化学品事故应急预案
一、总则
（一）编制目的
为规范应急处置工作，制定本预案。
二、组织指挥体系
（一）市应急指挥部
市应急指挥部负责统一指挥。
三、事故分级
按照危害程度分为特别重大、重大、较大和一般四级。
四、监测预警
市应急管理局发布预警信息。
五、信息报告
事发单位应在30分钟内向市应急管理局报告。
六、应急响应
（一）Ⅰ级响应
市应急指挥部立即启动Ⅰ级响应。
七、应急结束
市应急指挥部宣布应急结束。
八、后期处置
事发地政府组织善后工作。
九、保障措施
（一）社会动员保障
市民政局做好社会动员准备。
十、附件
应急联系方式
"""


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("一、总则", "general"),
        ("二、组织指挥体系", "organisation"),
        ("三、事故分级", "levels"),
        ("四、监测预警", "warning"),
        ("五、信息报告", "report"),
        ("（一）Ⅰ级响应", "response"),
        ("七、应急结束", "termination"),
        ("八、后期处置", "recovery"),
        ("（一）社会动员保障", "support"),
        ("十、附件", "annex"),
    ],
)
def test_each_section_of_a_chinese_plan_has_its_kind(heading, kind):
    plan = extract_plan(read_text(SECTIONS_ZH), filename="plan.txt")
    assert {s.heading: s.kind for s in plan.sections}[heading] == kind


def test_steps_come_only_from_response_kinds_of_section():
    plan = extract_plan(read_text(SECTIONS_ZH), filename="plan.txt")
    kinds = {s.block: s.kind for s in plan.sections}
    heading_of = {}
    current = None
    for b in read_text(SECTIONS_ZH):
        current = b.index if b.kind == "heading" else current
        heading_of[b.index] = current
    for step in plan.steps:
        assert kinds[heading_of[step.source.block]] in {
            "warning",
            "report",
            "response",
            "termination",
            "recovery",
        }
    assert not any("社会动员准备" in s.text for s in plan.steps)


GRADING_TABLE = "某市燃气事故应急预案\n一、事故分级\n级别\t判定标准\nⅠ级（特别重大）\t造成30人以上死亡\nⅡ级（重大）\t造成10人以上死亡\n二、预警分级\n红色\t可能发生特别重大事故\n"


def test_a_grading_table_gives_levels_and_warning_levels():
    plan = extract_plan(read_text(GRADING_TABLE), filename="plan.txt")
    levels = {lv.id: lv for lv in plan.levels}
    assert levels["I"].name == "Ⅰ级（特别重大）"
    assert "30人以上死亡" in levels["I"].condition
    assert levels["II"].condition.startswith("造成10人以上死亡")
    assert levels["W1"].name == "红色预警"
    assert not plan.steps


def _enterprise():
    path = Path(__file__).resolve().parents[1] / "data" / "plans" / "zh_enterprise_onsite.txt"
    return extract_plan(read_text(path.read_text(encoding="utf-8")), filename=path.name)


def test_an_enterprise_plan_keeps_its_on_site_plans_apart():
    """A comprehensive plan and two on-site disposal plans in one document (written for the
    tests): each on-site plan is a part, its posts own its measures, safety notes are no steps."""
    plan = _enterprise()
    kinds = [p.kind for p in plan.parts]
    assert kinds.count("onsite") >= 2 and "comprehensive" in kinds
    names = {r.id: r.name for r in plan.roles}
    by_text = {s.text: [names[r] for r in s.roles] for s in plan.steps}
    assert by_text["（1）操作工立即关闭储罐进出口阀门。"] == ["操作工"]
    assert by_text["（3）泄漏得到控制后，操作工用沙土覆盖泄漏物。"] == ["操作工"]
    assert by_text["当班班长接报后，立即向生产调度室报告，并组织现场人员进行初期处置。"] == [
        "当班班长"
    ]
    assert not any("佩戴" in s.text or "铁制工具" in s.text for s in plan.steps)
    assert not any(s.text.startswith("应急指挥部下设") for s in plan.steps)
    onsite = {r.name: r for r in plan.roles if r.part and r.part != plan.parts[0].id}
    assert onsite["班长"].parent is None  # not a member of the company's headquarters


def test_an_on_site_plans_sections_have_their_kinds():
    plan = _enterprise()
    kinds = {(s.part, s.heading): s.kind for s in plan.sections}
    part = next(p.id for p in plan.parts if "储罐区" in p.title)
    assert kinds[(part, "2 应急工作职责")] == "organisation"
    assert kinds[(part, "3.2 现场应急处置措施")] == "response"
    assert kinds[(part, "4 注意事项")] == "general"
