"""Contact numbers of roles: the light check of what a plan owner types, the plan JSON (old JSON
without them still reads), and the editor's table changes that carry them."""

from __future__ import annotations

import pytest

from plans.contacts import phone_ok
from plans.edit_tables import add_level, add_role, apply_table_changes
from plans.errors import PlanValidationError
from plans.model import Level, Plan, Role, Step, plan_from_dict, plan_to_dict


@pytest.mark.parametrize(
    "text",
    [
        "",
        "110",
        "0532-88881234",
        "0532-8888 1234 转 801",
        "+86 (532) 8888-1234 ext. 12",
        "13800000000/0532-1234567",
        "（0532）88881234",
        "0532-12345678、12345678",
        "8888 分机 6",
    ],
)
def test_phone_numbers_as_people_write_them_are_accepted(text):
    assert phone_ok(text)


@pytest.mark.parametrize("text", ["张科长", "12", "电话110", "x12", "0532-8888/", "见附件"])
def test_names_and_sentences_are_not_phone_numbers(text):
    assert not phone_ok(text)


def test_the_plan_json_carries_contacts_and_old_json_without_them_still_reads():
    plan = Plan("预案", roles=(Role("r1", "指挥部", phone="110", duty_phone="0532-1234567"),))
    data = plan_to_dict(plan)
    assert data["roles"][0]["phone"] == "110" and data["roles"][0]["duty_phone"] == "0532-1234567"
    assert plan_from_dict(data) == plan
    old = {"title": "预案", "roles": [{"id": "r1", "name": "指挥部"}]}
    assert plan_from_dict(old).roles[0].phone == "" == plan_from_dict(old).roles[0].duty_phone
    loose = {
        "title": "预案",
        "roles": [{"id": "r1", "name": "指挥部", "phone": 110, "duty_phone": None}],
    }
    assert (plan_from_dict(loose).roles[0].phone, plan_from_dict(loose).roles[0].duty_phone) == (
        "110",
        "",
    )


PLAN = Plan(
    "预案",
    roles=(Role("r1", "指挥部"), Role("r2", "办公室", parent="r1")),
    levels=(Level("I", "Ⅰ级"), Level("II", "Ⅱ级")),
    steps=(Step("s1", "报告", "办公室报告。", roles=("r2",), levels=("II",)),),
)


def test_a_typed_phone_changes_only_that_role():
    result = apply_table_changes(PLAN, "roles", ["r1", "r2"], {1: {"duty_phone": "0532-1234"}})
    assert result.plan.roles[1].duty_phone == "0532-1234"
    assert result.plan.roles[0] == PLAN.roles[0] and result.plan.steps == PLAN.steps


def test_a_typed_name_where_a_phone_belongs_is_refused_with_the_roles_name():
    with pytest.raises(PlanValidationError) as caught:
        apply_table_changes(PLAN, "roles", ["r1", "r2"], {0: {"phone": "找值班员"}})
    assert caught.value.key == "plan.invalid.bad_phone"
    assert caught.value.params["name"] == "指挥部"


def test_a_ticked_delete_box_deletes_the_role_and_its_references():
    result = apply_table_changes(PLAN, "roles", ["r1", "r2"], {1: {"delete": True}})
    assert [r.id for r in result.plan.roles] == ["r1"]
    assert result.plan.steps[0].roles == ()


def test_a_filtered_roles_table_changes_only_what_it_shows():
    result = apply_table_changes(PLAN, "roles", ["r2"], {0: {"phone": "119"}})
    assert [r.phone for r in result.plan.roles] == ["", "119"]


def test_levels_are_renamed_and_deleted_in_their_table():
    renamed = apply_table_changes(PLAN, "levels", ["I", "II"], {0: {"name": "一级"}})
    assert [lv.name for lv in renamed.plan.levels] == ["一级", "Ⅱ级"]
    deleted = apply_table_changes(PLAN, "levels", ["I", "II"], {1: {"delete": True}})
    assert [lv.id for lv in deleted.plan.levels] == ["I"]
    assert deleted.plan.steps[0].levels == ()


def test_rows_added_by_button_get_fresh_ids():
    assert add_role(PLAN, name="新角色").plan.roles[-1] == Role("r3", "新角色")
    assert add_level(PLAN, name="新级别").plan.levels[-1] == Level("L1", "新级别")
