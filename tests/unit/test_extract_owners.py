"""Owners and roles of extracted steps: collective actors, teams in clauses, name variants."""

from __future__ import annotations

import pytest

from plans.extract import extract_plan
from plans.extract.zh.names import split_role_list, subject_of
from plans.reader import read_text
from plans.timelimits import find_time_limit


def _plan(text: str, *, markdown: bool = False):
    return extract_plan(read_text(text, markdown=markdown), filename="plan.md" if markdown else "")


def _owners(plan, fragment: str) -> list[str]:
    step = next(s for s in plan.steps if fragment in s.text)
    return [plan.role(r).name for r in step.roles]


SHIP = """船舶事故现场处置方案
1 组织机构
项目部设船长、大副、轮机长。
2 碰撞事故处置措施
（1）船舶发生碰撞，应立即发出警报，通知船长。
（2）船长命令大副查明破损情况。
（3）立即关闭各区域的防火门。
（4）大副率领堵漏队和隔离队的队长查明漏损部位。
（5）轮机长率领排水队合力排水。
（6）全体船员听到警报后到达各自岗位。
（7）现场指挥大副立即派人测量水尺。
3 进水事故处置措施
（1）发现船舶进水，全船人员应迅速赶赴现场。
"""


def test_subjectless_measures_belong_to_the_body_whose_incident_the_section_handles():
    assert _owners(_plan(SHIP), "关闭各区域的防火门") == ["船舶"]


def test_teams_led_by_a_post_are_roles_and_co_owners():
    plan = _plan(SHIP)
    assert set(_owners(plan, "率领堵漏队")) == {"大副", "堵漏队", "隔离队"}
    assert set(_owners(plan, "率领排水队")) == {"轮机长", "排水队"}


@pytest.mark.parametrize(
    ("fragment", "owner"),
    [
        ("（6）全体船员", "全体船员"),
        ("全船人员应迅速", "全体船员"),
        ("现场指挥大副", "大副"),
    ],
)
def test_name_variants_of_one_body_are_merged(fragment, owner):
    assert _owners(_plan(SHIP), fragment) == [owner]


def test_the_local_body_is_the_one_of_each_body_where_it_happened():
    plan = _plan(
        "某市道路交通事故应急预案\n1 组织指挥\n成员包括市公安局、各区（市）政府。\n"
        "2 先期处置\n事发地区（市）政府要立即组织先期处置。\n"
    )
    assert _owners(plan, "组织先期处置") == ["各区（市）政府"]


@pytest.mark.parametrize(
    ("clause", "roles"),
    [
        (
            "事发地区（市）政府、市政府有关部门（单位）要立即启动预案",
            ["事发地区（市）政府", "市政府有关部门"],
        ),
        ("应急组织有关部门的人员赶赴现场", ["应急组织有关部门"]),
        ("省政府直接决定启动Ⅰ级应急响应", ["省政府"]),
    ],
)
def test_the_subject_is_found_behind_glosses_and_staff_words(clause, roles):
    assert subject_of(clause) == roles


def test_party_and_government_leaders_named_together_are_one_role():
    assert split_role_list("市委、市政府主要领导") == ["市委、市政府主要领导"]


def test_a_titled_item_takes_its_subject_from_the_sentence_after_the_title():
    plan = _plan(
        "某市道路交通事故应急预案\n1 处置措施\n（1）医疗救护。市卫生健康委负责组织医疗救护。\n"
    )
    assert _owners(plan, "医疗救护") == ["市卫生健康委"]


def test_a_body_asked_to_preside_acts_in_the_step():
    plan = _plan(
        "某省防汛应急预案\n1 Ⅰ级应急响应行动\n（1）省防指提请省委、省政府主要领导主持召开全省紧急会议。\n"
    )
    assert set(_owners(plan, "主持召开")) == {"省防指", "省委、省政府主要领导"}


def test_a_team_named_as_a_report_title_is_a_role():
    plan = _plan(
        "某市道路交通事故应急预案\n1 现场指挥部\n（1）事故调查组。由市应急局牵头，负责对事故进行调查。\n"
    )
    assert "事故调查组" in {r.name for r in plan.roles}


def test_as_soon_as_at_the_start_of_a_step_is_immediate():
    assert find_time_limit("As soon as this is filled out, place the form in the box").minutes == 0


def test_a_position_page_named_with_its_section_is_the_position_the_organisation_names():
    plan = _plan(
        "# Introduction\n## Organization\n* Planning Lead\n  * Scribe\n"
        "# Planning Scribe\n## Responsibilities\n* Track incidents.\n"
        "## Immediate Actions\n* Put on the Planning Scribe vest.\n",
        markdown=True,
    )
    owners = _owners(plan, "Planning Scribe vest")
    assert owners == ["Scribe"]
