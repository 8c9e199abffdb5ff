"""On plans whose extraction is right (the corpus gold files), every error check that fires is a
real defect of the plan: here each is listed with the reason it is one."""

from __future__ import annotations

import pytest

from plans.checks import check_plan, open_errors
from tests.gold_plans import GOLD_FILES, gold_plan

# gold file -> {error code: the rows it names}. Every one is a step whose text names nobody to do
# it (the annotators left `roles` empty because the plan implies no actor), and GB/T 29639 wants
# every measure to have a responsible role.
EXPECTED_ERRORS = {
    # 降雨期间，加密监测、加强巡逻: no subject in the sentence or its section
    "03_fujian_flood_typhoon": {"step_without_owner": {"i5"}},
    # （6）恢复交通: 应及时清理现场… and 对一时难以排除的隐患，应及时采取改道分流…: nobody named
    "05_qingdao_road_accident": {"step_without_owner": {"s59", "s60"}},
    # 应急救援行动结束 (nobody declares the end); the CO2 log entries, sealing and watching the
    # engine room, opening it for ventilation, the fire log, 通知机舱排水: ship measures whose
    # text names no post (the annotators found no post implied)
    "08_tianjin_port_water_traffic": {
        "step_without_owner": {"s13", "f19", "f20", "f21", "f24", "f27", "w9"}
    },
    "09_lah_cert_positions": {},
    "12_hebei_disaster_relief": {},
    "16_cloudgov_contingency_plan": {},
}


def test_the_gold_files_are_there():
    assert GOLD_FILES, "the corpus gold files (../shared/corpus/gold) are missing"


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_only_real_defects_of_a_gold_plan_are_errors(path):
    found: dict[str, set[str]] = {}
    for finding in open_errors(check_plan(gold_plan(path))):
        found.setdefault(finding.code, set()).add(finding.target_id)
    assert found == EXPECTED_ERRORS[path.stem]


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_a_gold_plan_converts_whole(path):
    plan = gold_plan(path)
    assert plan.steps and plan.roles
    assert all(step.phase != "disposal" or step.phase for step in plan.steps)
    assert {s.id for s in plan.steps} >= {a for s in plan.steps for a in s.after}


def test_every_gold_file_has_its_expected_errors_listed():
    assert {p.stem for p in GOLD_FILES} <= set(EXPECTED_ERRORS)
