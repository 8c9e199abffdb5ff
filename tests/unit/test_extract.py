"""Plan extraction: roles and aliases, steps quoted from the text, owners, deadlines, ordering."""

from __future__ import annotations

import pytest

from plans.extract import extract_plan, import_document
from plans.extract.zh.names import find_aliases, split_role_list, subject_of
from plans.model import PHASES, PLAN_KINDS
from plans.reader import read_text
from plans.timelimits import find_time_limit
from tests.conftest import CORPUS

ZH_PLAN = """某市危险化学品事故应急预案
1 组织指挥体系
1.1 市危险化学品事故应急指挥部（以下简称“市指挥部”）
市指挥部由分管副市长任总指挥。市应急局、市公安局、市卫生健康委等部门为市指挥部成员单位。
1.2 市指挥部办公室
市指挥部办公室设在市应急局，负责指挥部日常工作。
2 信息报告
事发单位应在事故发生后30分钟内向市指挥部办公室报告。
市指挥部办公室接报后立即核实情况，并报告总指挥。
3 应急响应
3.1 Ⅰ级响应
由市指挥部办公室提出建议，报总指挥批准启动Ⅰ级响应。
3.2 处置措施
预警发布后，市公安局应当采取下列措施：
（1）设置警戒区域，实施交通管制；
（2）疏散周边群众。
4 应急保障
市应急局负责每年组织一次演练。
"""

EN_GUIDE = """# Incident Commander
## Responsibilities
* Overall management of the response.
## Immediate Actions (within first hour)
* Open the EOC and put on the vest.
* Work with Operations Lead to set priorities.
# Operations Lead
## Description
The Operations Lead reports to the Incident Commander.
## Continuing Actions
* Assign tasks to the Recon Team.
  * Then brief the teams before they leave.
"""


@pytest.fixture(scope="module")
def zh_plan():
    return extract_plan(read_text(ZH_PLAN), filename="plan.txt")


@pytest.fixture(scope="module")
def en_plan():
    return extract_plan(read_text(EN_GUIDE, markdown=True), filename="guide.md")


def _step(plan, fragment):
    return next(s for s in plan.steps if fragment in s.text)


def _names(plan, ids):
    return [plan.role(r).name for r in ids]


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("立即报告", 0),
        ("第一时间赶赴现场", 0),
        ("30分钟内报告", 30),
        ("1小时内报到省防指", 60),
        ("两小时内上报", 120),
        ("within 2 hours", 120),
        ("Immediate Actions (within first hour)", 60),
        ("immediately notify the EOC", 0),
        ("每2小时报告一次", None),
        ("至少应达到24小时", None),
        ("落实24小时值班制度", None),
        ("every 4 hours", None),
    ],
)
def test_deadlines_are_read_but_frequencies_and_durations_are_not(text, minutes):
    found = find_time_limit(text)
    assert (found.minutes if found else None) == minutes


@pytest.mark.parametrize(
    ("clause", "roles"),
    [
        ("市级防指接报后立即报告本级政府", ["市级防指"]),
        ("大副、轮机长指派专人监视破损部位", ["大副", "轮机长"]),
        ("各级气象、水利部门应按任务分工", ["各级气象部门", "水利部门"]),
        ("道路交通事故发生后", []),
        ("疏散现场周边无关人员", []),
    ],
)
def test_the_subject_at_the_start_of_a_clause_is_found(clause, roles):
    assert subject_of(clause) == roles


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("设立防汛抗旱指挥部（以下简称防指），负责", ("防汛抗旱指挥部", "防指")),
        (
            "市道路交通事故专项应急指挥部（以下简称“市专项应急指挥部”）",
            ("市道路交通事故专项应急指挥部", "市专项应急指挥部"),
        ),
        ("成立应急救援领导小组（简称领导小组）", ("应急救援领导小组", "领导小组")),
    ],
)
def test_aliases_defined_in_parentheses_are_found(text, pair):
    assert pair in find_aliases(text)


def test_a_shared_last_word_is_distributed_over_a_list():
    assert split_role_list("公安、消防救援、卫生健康部门") == [
        "公安部门",
        "消防救援部门",
        "卫生健康部门",
    ]


def test_roles_come_from_headings_member_lists_and_posts_with_their_aliases(zh_plan):
    names = {r.name for r in zh_plan.roles}
    assert {
        "市危险化学品事故应急指挥部",
        "总指挥",
        "市指挥部办公室",
        "市应急局",
        "市公安局",
    } <= names
    hq = next(r for r in zh_plan.roles if r.name == "市危险化学品事故应急指挥部")
    assert "市指挥部" in hq.aliases
    member = next(r for r in zh_plan.roles if r.name == "市公安局")
    assert member.parent is not None


def test_every_step_quotes_its_source_block(zh_plan):
    assert zh_plan.steps
    for step in zh_plan.steps:
        assert step.text in step.source.text
        assert step.phase in PHASES
        assert step.id.startswith("s")


def test_a_reporting_deadline_and_its_owner_are_extracted(zh_plan):
    step = _step(zh_plan, "30分钟内")
    assert step.time_limit_min == 30 and step.time_text == "30分钟内"
    assert _names(zh_plan, step.roles) == ["事发单位"]
    assert step.phase == "report"


def test_a_step_after_a_report_waits_for_it(zh_plan):
    report = _step(zh_plan, "30分钟内")
    check = _step(zh_plan, "接报后立即核实")
    assert report.id in check.after and check.time_limit_min == 0


def test_an_approval_clause_is_its_own_step_after_the_proposal(zh_plan):
    proposal = _step(zh_plan, "提出建议")
    approval = _step(zh_plan, "报总指挥批准")
    assert _names(zh_plan, proposal.roles) == ["市指挥部办公室"]
    assert _names(zh_plan, approval.roles) == ["总指挥"]
    assert proposal.id in approval.after
    assert approval.levels == ("I",)


def test_measures_listed_after_a_lead_in_belong_to_its_subject_and_are_parallel(zh_plan):
    first = _step(zh_plan, "设置警戒区域")
    second = _step(zh_plan, "疏散周边群众")
    assert _names(zh_plan, first.roles) == _names(zh_plan, second.roles) == ["市公安局"]
    assert first.id not in second.after


def test_preparedness_sections_give_no_steps(zh_plan):
    assert not any("演练" in s.text for s in zh_plan.steps)


def test_plan_metadata_and_sections_are_kept(zh_plan):
    assert zh_plan.title == "某市危险化学品事故应急预案"
    assert zh_plan.language == "zh" and zh_plan.kind in PLAN_KINDS
    assert [lv.id for lv in zh_plan.levels] == ["I"]
    assert any(sec.heading == "2 信息报告" and "30分钟内" in sec.text for sec in zh_plan.sections)


def test_english_positions_come_from_headings_and_bullets_are_their_steps(en_plan):
    names = {r.name for r in en_plan.roles}
    assert {"Incident Commander", "Operations Lead"} <= names
    step = _step(en_plan, "Open the EOC")
    assert _names(en_plan, step.roles) == ["Incident Commander"]
    assert step.time_limit_min == 60
    assert step.phase == "activation"


def test_working_with_another_position_makes_it_a_co_owner(en_plan):
    step = _step(en_plan, "Work with Operations Lead")
    assert _names(en_plan, step.roles) == ["Incident Commander", "Operations Lead"]


def test_a_sub_bullet_comes_after_its_parent_bullet(en_plan):
    parent = _step(en_plan, "Assign tasks")
    child = _step(en_plan, "brief the teams")
    assert parent.id in child.after


def test_responsibility_bullets_are_responsibilities_not_steps(en_plan):
    ic = next(r for r in en_plan.roles if r.name == "Incident Commander")
    assert "Overall management of the response." in ic.responsibilities[0] + "."
    assert not any("Overall management" in s.text for s in en_plan.steps)


def test_an_empty_plan_gets_warnings():
    plan = extract_plan(read_text("这是一段没有结构的说明文字。"))
    assert {"extract.no_steps", "extract.no_roles", "extract.no_levels"} <= set(plan.warnings)


def test_import_reports_progress_from_zero_to_one():
    seen = []
    import_document(EN_GUIDE.encode(), "guide.md", progress=lambda f, key: seen.append((f, key)))
    assert seen[0][0] == 0.0 and seen[-1] == (1.0, "extract.stage.done")
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)


@pytest.mark.parametrize("name", ["01_national_overall_2025", "02_natl_highway_traffic"])
def test_corpus_plans_without_gold_give_a_sane_plan(name):
    path = CORPUS / "docx" / f"{name}.docx"
    assert path.exists(), f"the shared corpus is expected beside the repository: {path}"
    plan = import_document(path.read_bytes(), path.name)
    assert plan.language == "zh" and len(plan.roles) >= 5 and len(plan.steps) >= 10
    ids = {s.id for s in plan.steps}
    assert all(set(s.after) <= ids for s in plan.steps)
    assert all(set(s.roles) <= {r.id for r in plan.roles} for s in plan.steps)
