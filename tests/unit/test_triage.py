"""Section triage: a section read again as another kind changes only that section."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from plans import triage
from plans.errors import PlanValidationError
from plans.extract import extract_plan
from plans.reader_text import read_text

PLAN_FILE = Path(__file__).resolve().parents[1] / "data" / "plans" / "zh_enterprise_onsite.txt"


@pytest.fixture
def world():
    blocks = read_text(PLAN_FILE.read_text(encoding="utf-8"))
    return blocks, extract_plan(blocks, filename=PLAN_FILE.name)


def _section(plan, heading):
    return next(s for s in plan.sections if s.heading == heading)


def test_the_outline_counts_the_steps_and_roles_of_each_section(world):
    _, plan = world
    rows = {r.heading: r for r in triage.outline(plan)}
    assert rows["3.2 响应程序"].kind == "response" and rows["3.2 响应程序"].steps == 4
    assert rows["2.2 应急救援小组"].kind == "organisation" and rows["2.2 应急救援小组"].roles == 4
    assert rows["4 注意事项"].steps == 0


def test_a_procedure_read_as_duties_loses_its_steps_and_nothing_else(world):
    blocks, plan = world
    sec = _section(plan, "3.2 响应程序")
    # a manual edit elsewhere survives the triage
    edited = replace(plan.steps[-1], name="人工改过的名称")
    plan = replace(plan, steps=(*plan.steps[:-1], edited))
    result = triage.retriage(plan, blocks, sec.id, "organisation")
    after = result.plan
    assert triage.section_steps(after, sec.id) == []
    assert len(after.steps) == len(plan.steps) - 4
    assert after.steps[-1].name == "人工改过的名称"
    assert _section(after, "3.2 响应程序").kind == "organisation"
    assert result.notes[0][0] == "triage.done"


def test_duties_read_as_a_procedure_of_a_role_give_that_role_the_subjectless_steps(world):
    blocks, plan = world
    sec = _section(plan, "2.2 应急救援小组")
    assert triage.section_steps(plan, sec.id) == []
    after = triage.retriage(plan, blocks, sec.id, "response", owner="抢险救援组").plan
    steps = triage.section_steps(after, sec.id)
    assert steps and all(s.roles for s in steps)
    ids = {s.id for s in plan.steps}
    assert not ids & {s.id for s in steps}  # new ids, never reused
    assert _section(after, "2.2 应急救援小组").kind == "response"


def test_a_section_not_part_of_the_plan_gives_neither_steps_nor_its_own_roles(world):
    blocks, plan = world
    sec = _section(plan, "一、储罐区泄漏现场处置方案")
    after = triage.retriage(plan, blocks, sec.id, "excluded").plan
    assert triage.section_steps(after, sec.id) == []
    # the posts are kept: the other on-site plan still uses them
    assert {"班长", "操作工"} <= {r.name for r in after.roles}
    assert _section(after, "3.2 现场应急处置措施").kind == "excluded"


def test_reading_a_section_again_restores_what_was_found_before(world):
    blocks, plan = world
    sec = _section(plan, "3.2 响应程序")
    gone = triage.retriage(plan, blocks, sec.id, "organisation").plan
    back = triage.retriage(gone, blocks, sec.id, "response").plan
    assert [s.text for s in triage.section_steps(back, sec.id)] == [
        s.text for s in triage.section_steps(plan, sec.id)
    ]
    first, second = triage.section_steps(back, sec.id)[:2]
    assert first.id in second.after  # 接报后 still follows the report


def test_steps_of_a_section_are_deleted_or_reassigned_in_one_action(world):
    _, plan = world
    sec = _section(plan, "3.2 现场应急处置措施")
    n = len(triage.section_steps(plan, sec.id))
    deleted = triage.delete_section_steps(plan, sec.id).plan
    assert len(deleted.steps) == len(plan.steps) - n
    monitor = next(r.id for r in plan.roles if r.name == "班长")
    moved = triage.reassign_section_steps(plan, sec.id, monitor).plan
    assert all(s.roles == (monitor,) for s in triage.section_steps(moved, sec.id))


@pytest.mark.parametrize(
    "section, kind, key",
    [("sec-none", "response", "triage.unknown_section"), (None, "procedure", "triage.bad_kind")],
)
def test_impossible_triage_is_refused_with_a_message(world, section, kind, key):
    blocks, plan = world
    section = section or plan.sections[3].id
    with pytest.raises(PlanValidationError) as err:
        triage.retriage(plan, blocks, section, kind)
    assert err.value.key == key


def test_blocks_of_another_document_are_refused(world):
    _, plan = world
    other = read_text("另一个预案\n一、总则\n某某。\n二、应急响应\n甲乙丙。\n")
    with pytest.raises(PlanValidationError) as err:
        triage.retriage(plan, other, _section(plan, "3.2 响应程序").id, "organisation")
    assert err.value.key == "triage.not_this_document"
