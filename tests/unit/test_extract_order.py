"""Ordering of extracted steps: each `after` edge comes from a cue in the text, lists stay parallel."""

from __future__ import annotations

import pytest

from plans.extract import extract_plan
from plans.reader import read_text


def _plan(text: str, *, markdown: bool = False):
    return extract_plan(read_text(text, markdown=markdown), filename="plan.md" if markdown else "")


def _step(plan, fragment: str):
    return next(s for s in plan.steps if fragment in s.text)


def _before(plan, first: str, later: str) -> bool:
    """Whether the step quoting `first` must come before the one quoting `later` (transitively)."""
    steps = {s.id: s for s in plan.steps}
    target = _step(plan, first).id
    seen, todo = set(), list(_step(plan, later).after)
    while todo:
        sid = todo.pop()
        if sid == target:
            return True
        if sid not in seen:
            seen.add(sid)
            todo.extend(steps[sid].after)
    return False


WARNING = """某市道路交通事故应急预案
1 预警
1.1 预警发布
蓝色预警由市指挥部办公室发布。
1.2 预警响应
预警发布后，市指挥部应当采取下列一项或多项措施：
（1）加强信息监控；
（2）通知应急救援队伍进入待命状态。
1.3 预警调整
市指挥部办公室应根据事态发展适时调整预警级别。
"""

LEVELS = """某市道路交通事故应急预案
1 组织指挥
市道路交通事故应急指挥部（以下简称市指挥部）负责指挥处置工作。
2 分级响应
（1）较大事故：由市指挥部办公室提出建议，报副总指挥批准启动Ⅲ级应急响应。
（2）重大事故：由市指挥部办公室提出建议，报总指挥批准启动Ⅱ级应急响应。
3 Ⅲ级响应行动
（1）市指挥部副总指挥赶赴现场指挥处置。
（2）市公安局设置警戒区域。
4 Ⅱ级响应行动
（1）市指挥部总指挥赶赴现场指挥处置。
5 响应调整与终止
当事态变化时，市指挥部视情调整应急响应级别。
应急处置工作完成后，市指挥部宣布终止应急响应。
6 后期处置
市民政局负责做好善后工作。
"""

REPORTS = """某市危险化学品事故应急预案
1 信息报告
事发单位应在事故发生后30分钟内向市应急局报告。
市应急局接报后立即核实情况，并报告市政府。
2 响应启动
市应急局提出启动响应的建议。其中，Ⅰ级响应由市应急局局长审核后，报市政府批准。
"""

SHIP = """船舶事故现场处置方案
1 碰撞事故处置措施
（1）船舶发生碰撞，应立即发出警报，通知船长。
（2）全船人员听到警报后到达各自岗位。
（3）船长命令大副查明破损情况。
（4）轮机长应坚守机舱。船长负责指导驾驶员填写航海日志。
（5）若自力脱浅无效，应请示项目部。
（6）若船体破损进水，应组织排水和堵漏。
"""

PARALLEL = """某市防汛应急预案
1 应急处置措施
（1）现场施救。各应急救援队伍快速进行现场施救。
①公安机关负责疏散群众。
②消防救援队伍负责破拆抢救。
（2）医疗救护。市卫生健康委负责组织医疗救护。
（3）恢复交通。现场施救完毕后，应及时清理现场，恢复交通秩序。
"""


@pytest.mark.parametrize(
    ("text", "first", "later"),
    [
        (WARNING, "蓝色预警由", "加强信息监控"),
        (WARNING, "蓝色预警由", "调整预警级别"),
        (LEVELS, "提出建议", "报副总指挥批准"),
        (LEVELS, "报副总指挥批准", "副总指挥赶赴现场"),
        (LEVELS, "报副总指挥批准", "设置警戒区域"),
        (LEVELS, "报总指挥批准", "部总指挥赶赴现场"),
        (LEVELS, "报副总指挥批准", "调整应急响应级别"),
        (LEVELS, "报总指挥批准", "调整应急响应级别"),
        (LEVELS, "设置警戒区域", "宣布终止"),
        (LEVELS, "部总指挥赶赴现场", "宣布终止"),
        (LEVELS, "宣布终止", "善后工作"),
        (REPORTS, "30分钟内", "接报后立即核实"),
        (REPORTS, "提出启动响应的建议", "局长审核后"),
        (REPORTS, "局长审核后", "报市政府批准"),
        (SHIP, "发出警报", "到达各自岗位"),
        (SHIP, "到达各自岗位", "命令大副"),
        (SHIP, "轮机长应坚守机舱", "指导驾驶员"),
        (PARALLEL, "现场施救。", "恢复交通"),
    ],
)
def test_a_step_follows_the_step_its_text_names_as_its_trigger(text, first, later):
    assert _before(_plan(text), first, later)


@pytest.mark.parametrize(
    ("text", "one", "other"),
    [
        (WARNING, "加强信息监控", "通知应急救援队伍"),
        (LEVELS, "副总指挥赶赴现场", "设置警戒区域"),
        (LEVELS, "报副总指挥批准", "部总指挥赶赴现场"),
        (SHIP, "命令大副", "轮机长应坚守机舱"),
        (PARALLEL, "现场施救。", "疏散群众"),
        (PARALLEL, "疏散群众", "破拆抢救"),
    ],
)
def test_measures_merely_listed_together_are_parallel(text, one, other):
    plan = _plan(text)
    assert not _before(plan, one, other) and not _before(plan, other, one)


def test_a_lead_in_condition_is_not_a_step_of_its_own():
    plan = _plan(WARNING)
    assert not any(s.text == "预警发布后" for s in plan.steps)


def test_the_conditions_of_a_level_are_not_steps():
    plan = _plan(
        "某市防汛应急预案\n1 Ⅰ级应急响应\n1.1 出现下列情况之一者，为Ⅰ级应急响应：\n"
        "（1）省气象部门发布暴雨Ⅰ级预警。\n（2）其他需要启动Ⅰ级应急响应的情况。\n"
    )
    assert not any("暴雨Ⅰ级预警" in s.text for s in plan.steps)


def test_a_review_and_the_approval_after_it_are_separate_steps():
    plan = _plan(REPORTS)
    review, approval = _step(plan, "局长审核后"), _step(plan, "报市政府批准")
    assert review.id != approval.id


def test_clauses_with_different_deadlines_become_separate_steps():
    plan = _plan(
        "某市防汛应急预案\n1 信息报告\n"
        "对人员伤亡的灾情，事发地防指应立即上报，重大灾情在灾害发生后2小时内将初步情况报到省防指。\n"
    )
    assert _step(plan, "立即上报").time_limit_min == 0
    assert _step(plan, "2小时内").time_limit_min == 120
    assert _step(plan, "立即上报").id != _step(plan, "2小时内").id


def test_a_sentence_opening_with_bing_continues_the_step_before_it():
    plan = _plan(
        "船舶事故现场处置方案\n1 搁浅处置\n（1）船舶搁浅时，应立即报告项目部。并报告海事局。\n"
    )
    assert "并报告海事局" in _step(plan, "立即报告项目部").text


AGROUND = (
    "船舶事故现场处置方案\n1 搁浅处置\n（1）船舶搁浅时，应立即发出警报。\n"
    "（2）大副派人测量水尺，估计自力脱浅所需时间。\n（3）若自力脱浅无效，应请示项目部。\n"
)
FIRE = (
    "船舶火灾现场处置方案\n1 火灾处置\n（1）发现者立即报警。\n"
    "（2）可派出探火员探明火源位置。\n（3）如探明为初起小火，应立即组织扑救。\n"
)


@pytest.mark.parametrize(
    ("text", "first", "fragment"),
    [(AGROUND, "估计自力脱浅", "若自力脱浅无效"), (FIRE, "探明火源位置", "如探明为初起小火")],
)
def test_a_case_that_names_an_earlier_attempt_follows_it(text, first, fragment):
    assert _before(_plan(text), first, fragment)


def test_the_bodies_listed_above_report_after_their_own_monitoring():
    plan = _plan(
        "某市抗旱应急预案\n1 预警\n各级气象部门要加强气象干旱的监测，各级水利部门要加强水库蓄水的监测。"
        "上述部门及时向同级防指报送旱情监测信息。\n"
    )
    assert _before(plan, "气象干旱的监测", "上述部门")
    assert _before(plan, "水库蓄水的监测", "上述部门")


def test_acting_on_a_deployment_follows_that_deployment():
    plan = _plan(
        "某省防汛应急预案\n1 Ⅳ级应急响应行动\n（1）省防指召集有关成员单位会商，作出相应工作部署。\n"
        "（2）省防汛办加强值守。\n（3）省防指其他成员单位按照省防指的调度部署，做好防汛工作。\n"
    )
    assert _before(plan, "作出相应工作部署", "按照省防指的调度部署")
    assert not _before(plan, "加强值守", "按照省防指的调度部署")


def test_a_consultation_on_a_forecast_follows_the_forecast():
    plan = _plan(
        "某省防汛应急预案\n1 暴雨预警\n（1）各级气象部门应滚动预报暴雨落区。\n"
        "预报有强降雨的地方，当地防指应及时组织会商，部署防范工作。\n"
    )
    assert _before(plan, "滚动预报", "组织会商")


ENGLISH = """# Incident Commander
## Immediate Actions (within first hour)
* Fill the following positions as needed: Operations Lead, Medical Team.
# Operations Lead
## Immediate Actions
* Don the Operations Lead vest.
* Set up your station.
* Report to the Incident Commander that the position has been operational.
## Continuing Actions
* review incoming Incident Reports
* Prioritize the incidents.
* Assign tasks to teams.
* Once set up is complete, continue to monitor all incidents.
* Collect all incident material.
* Prepare Incident Action Plan.
* Update the Incident Action Plan.
* Make sure the parking area is clear of vehicles. If vehicles cannot be moved, use another area.
* Have Operations decide how many units are needed. Work with Staging to get these groups established.
* Designate parking spaces for supplies.
* Attach signs in the designated parking spaces.
# Medical Team
## Immediate Actions
* Put on the Medical Team vest.
## Continuing Actions
* Create your Triage Team
* Triage Team performs head to toe assessment.
* Create your Treatment Team
* Treatment Team opens airways and treats for shock.
* Patients must be periodically re-evaluated.
* Log patients in the patient log.
  * Use the white form.
  * Then file the form in the box.
"""


@pytest.mark.parametrize(
    ("first", "later"),
    [
        ("Fill the following positions", "Don the Operations Lead vest"),
        ("Fill the following positions", "Put on the Medical Team vest"),
        ("Set up your station", "position has been operational"),
        ("Set up your station", "Once set up is complete"),
        ("review incoming", "Prioritize the incidents"),
        ("Prioritize the incidents", "Assign tasks"),
        ("Collect all incident material", "Prepare Incident Action Plan"),
        ("Prepare Incident Action Plan", "Update the Incident Action Plan"),
        ("clear of vehicles", "If vehicles cannot be moved"),
        ("decide how many units", "these groups"),
        ("Designate parking spaces", "designated parking spaces"),
        ("Create your Triage Team", "Triage Team performs"),
        ("Triage Team performs", "Treatment Team opens"),
        ("Create your Treatment Team", "Treatment Team opens"),
        ("Treatment Team opens", "re-evaluated"),
        ("Log patients", "Then file the form"),
    ],
)
def test_an_english_step_follows_its_trigger_or_stated_precondition(first, later):
    assert _before(_plan(ENGLISH, markdown=True), first, later)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Don the Operations Lead vest", "Set up your station"),
        ("Log patients", "Use the white form"),
        ("Create your Triage Team", "Create your Treatment Team"),
    ],
)
def test_english_bullets_merely_listed_together_are_parallel(one, other):
    plan = _plan(ENGLISH, markdown=True)
    assert not _before(plan, one, other) and not _before(plan, other, one)


def test_a_bullet_is_cut_where_a_sentence_opens_a_triggered_action():
    plan = _plan(ENGLISH, markdown=True)
    assert _step(plan, "decide how many units").id != _step(plan, "these groups").id
