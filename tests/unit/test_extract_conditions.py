"""Conditions are not steps; English plan kinds; sequencing of English narrative procedures."""

from __future__ import annotations

from plans.extract import extract_plan
from plans.extract.en.steps import without_conditions
from plans.extract.sections import plan_kind
from plans.extract.zh.clauses import inline_conditions
from plans.reader import read_text

ZH_LEVELS = """某园区危险化学品泄漏事故应急预案
1 应急响应
1.1 Ⅰ级响应
出现下列情形之一时，启动Ⅰ级响应：（1）造成3人以上死亡；（2）有毒气体扩散影响园区外居民区，需要疏散群众。Ⅰ级响应由总指挥决定启动，并报请区人民政府启动区级应急响应。
2 信息报告
指挥部办公室接报后立即核实。报告内容包括：事故单位名称；已采取的措施和事态发展趋势；报告人姓名。
3 响应终止
同时满足下列条件时，由总指挥宣布响应终止：泄漏源已经控制；监测数据恢复正常。指挥部办公室应在响应终止后1小时内通知各工作组。
"""

EN_PLAN = """# Hazardous Chemical Release Plan
# 1 Organisation and responsibilities
| Role | Responsibilities |
| Duty Office (the Office) | Receives reports. |
| Commander | Leads the response. |
| Rescue Group | Rescues people. |
# 2 Response levels
## 2.1 Level I response
A Level I response starts when any of the following occurs: (1) three people have died; (2) toxic gas reaches homes. The Commander decides to start a Level I response.
# 3 Incident reporting
(1) Staff who discover a release shall report it immediately to the Duty Office.
(2) On receiving a report, the Duty Office shall verify it and report to the Commander within 30 minutes.
A report states: the place of the incident; the casualties.
# 4 Level I procedure
(1) Once the response has started, the Duty Office immediately sends the Rescue Group to the scene.
(2) On arrival, the Rescue Group helps the sub-district office survey the release.
# 5 End of response
The Commander declares the response ended when all of the following are true: the source is under control; monitoring is back to normal.
# 6 Aftermath
(1) The Rescue Group cleans up the site.
"""


def _zh():
    return extract_plan(read_text(ZH_LEVELS), filename="plan.txt")


def _en():
    return extract_plan(read_text(EN_PLAN, markdown=True), filename="plan.md")


def _step(plan, fragment):
    return next(s for s in plan.steps if fragment in s.text)


def test_inline_conditions_of_a_level_are_not_steps():
    # "出现下列情形之一时，启动Ⅰ级响应：（1）…；（2）…。": the numbered conditions are not steps
    plan = _zh()
    texts = " ".join(s.text for s in plan.steps)
    assert "造成3人以上死亡" not in texts and "有毒气体扩散" not in texts
    step = _step(plan, "Ⅰ级响应由总指挥决定启动")
    assert [plan.role(r).name for r in step.roles] == ["总指挥"]
    assert "有毒气体扩散" in plan.levels[0].condition


def test_inline_conditions_run_to_the_full_stop_and_further_items():
    pieces = ["有下列情况之一的，启动响应：（1）甲；", "（2）乙。", "（3）丙。", "总指挥决定启动。"]
    assert inline_conditions(pieces) == (["有下列情况之一的，启动响应：", "总指挥决定启动。"], True)
    assert inline_conditions(["采取下列措施：（1）设置警戒区；"]) == (
        ["采取下列措施：（1）设置警戒区；"],
        False,
    )


def test_inline_contents_of_a_report_are_not_steps():
    # "报告内容包括：事故单位名称；已采取的措施…；报告人姓名。"
    texts = [s.text for s in _zh().steps]
    assert not any("报告人姓名" in t or "事态发展趋势" in t for t in texts)


def test_a_conditions_lead_that_names_its_actor_is_a_step():
    # "同时满足下列条件时，由总指挥宣布响应终止：…" keeps the declaration, not the conditions
    plan = _zh()
    step = _step(plan, "宣布响应终止")
    assert step.text == "同时满足下列条件时，由总指挥宣布响应终止"
    assert not any("泄漏源已经控制" in s.text for s in plan.steps)
    assert step.id in _step(plan, "响应终止后1小时内").after


def test_english_plan_kinds_from_titles():
    assert plan_kind("Riverside Hazardous Chemical Release Plan", []) == "special"
    assert plan_kind("Special Emergency Plan for Typhoons", []) == "special"
    assert plan_kind("Emergency Response Plan for Flooding", []) == "special"
    assert plan_kind("Comprehensive Emergency Plan of ACME Ltd", []) == "comprehensive"
    assert plan_kind("Tank Farm On-site Response Procedure", []) == "onsite"
    assert plan_kind("CERT Position Guide", []) == "other"


def test_english_conditions_and_level_definitions_are_not_steps():
    # "A Level I response starts when any of the following occurs: (1) …; (2) …."
    plan = _en()
    texts = " ".join(s.text for s in plan.steps)
    assert "three people have died" not in texts and "toxic gas" not in texts
    assert "A Level I response starts" not in texts
    assert "the place of the incident" not in texts
    assert _step(plan, "The Commander decides to start a Level I response").roles
    end = _step(plan, "declares the response ended")
    assert (
        end.text == "The Commander declares the response ended when all of the following are true"
    )
    assert without_conditions(["(1) Sort the casualties: red first; then yellow."]) == [
        "(1) Sort the casualties: red first; then yellow."
    ]


def test_english_owner_is_the_subject_not_an_object_or_lowercase_alias():
    # "On arrival, the Rescue Group helps the sub-district office survey the release."
    plan = _en()
    step = _step(plan, "On arrival")
    assert [plan.role(r).name for r in step.roles] == ["Rescue Group"]


def test_english_narrative_triggers_order_the_steps():
    plan = _en()
    report = _step(plan, "Staff who discover a release")
    on_report = _step(plan, "On receiving a report")
    start = _step(plan, "The Commander decides to start a Level I response")
    once = _step(plan, "Once the response has started")
    arrival = _step(plan, "On arrival")
    cleanup = _step(plan, "cleans up the site")
    end = _step(plan, "declares the response ended")
    assert report.id in on_report.after  # "On receiving a report" ← the report to the Office
    assert start.id in once.after  # "Once the response has started" ← the Level I start
    assert once.id in arrival.after  # "On arrival" ← the step that sends the group
    assert end.id in cleanup.after  # aftermath ← stand-down
