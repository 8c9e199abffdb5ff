"""Page tests of the analytics screen: each tab's rows, the
filters, the periods, the Excel workbook, refusal and English, against a real DuckDB file."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from tests.integration.analytics_world import (
    add_actions,
    done_c1,
    missed_c1,
    plan_of,
    publish,
    revise,
    run_drill,
    with_step,
)
from tests.sample_plans import chemical_plan
from tests.ui import test_drill_pages as drill_pages

OVERDUE_BY = 20  # days
# s1 as listed over all plans: the unit has two, so steps are named after their plan
S1 = "5分钟内报告事故信息（示例化工泄漏应急预案）"


@pytest.fixture
def world(world):
    """The drills world of tests/ui/conftest.py with two drills scored on the plan, one scored
    after a revision of s1 (名 "5分钟内报告事故信息"), a second published plan never drilled,
    and an action 20 days overdue."""
    built = world
    first = run_drill(built, missed_c1(0), day=0)  # ends 2026-05-01
    run_drill(built, missed_c1(1), day=1)
    quicker = with_step(chemical_plan(), "s1", name="5分钟内报告事故信息", time_limit_min=5)
    v2 = revise(built, quicker, day=2)
    run_drill(built, done_c1(40), day=40, version_id=v2)  # ends 2026-06-10
    built.other_version = publish(built, chemical_plan("另一化工预案"), day=41)
    due = date.today() - timedelta(days=OVERDUE_BY)
    add_actions(built, first, ("修订报告时限", due, "open"), ("已办完", due, "done"))
    return built


def open_page(world, user: str = "manager", **state) -> AppTest:
    at = drill_pages.open_page(world, "analytics", user, **state)
    assert not at.exception, at.exception
    return at


def rows(at: AppTest, tab: int) -> list[dict]:
    """The rows of the tab's table ([] when it shows none)."""
    frames = at.tabs[tab].dataframe
    return frames[0].value.to_dict("records") if frames else []


def test_the_steps_tab_ranks_the_missed_steps_with_their_rates(world):
    at = open_page(world)
    labels = [tab.label for tab in at.tabs]
    assert labels[:3] == ["常被遗漏或超时的步骤", "得分趋势", "修订效果（1）"]
    assert labels[3].startswith("超期未演练（") and labels[4] == "逾期整改（1）"
    steps = {r["步骤"]: r for r in rows(at, 0)}
    s1 = steps[S1]  # the newest name of s1
    assert (s1["演练次数"], s1["未完成"], s1["未观察到"], s1["未完成率（%）"]) == (3, 2, 0, 66.7)
    s2 = steps["启动应急响应（示例化工泄漏应急预案）"]  # never observed: the worst, first
    assert rows(at, 0)[0]["未观察到"] == s2["未观察到"] == 3
    assert len(steps) == 4
    assert at.tabs[0].get("arrow_vega_lite_chart") or at.tabs[0].get("vega_lite_chart")
    assert any(str(b.key) == "analytics_steps-missed-or-late_csv" for b in at.download_button)


def test_the_scores_tab_switches_between_areas_roles_and_overall(world):
    at = open_page(world)
    areas = {r["项目/角色"] for r in rows(at, 1)}
    assert "预警与信息报告" in areas and all(r["维度"] == "评估项目" for r in rows(at, 1))
    assert "信息公开" not in areas  # no item of the plan falls in it: nothing to score
    at.radio(key="analytics_by").set_value("role").run()
    by_role = rows(at, 1)
    # the other roles had nothing observed in any drill: not rated, never a score of 0
    assert {r["项目/角色"] for r in by_role} == {"指挥部办公室"}
    office = [r["得分"] for r in by_role if r["项目/角色"] == "指挥部办公室"]
    assert office == [0.0, 0.0, 100.0]  # c1 missed twice, then done
    at.radio(key="analytics_by").set_value("overall").run()
    overall = rows(at, 1)
    assert len(overall) == 3 and {r["项目/角色"] for r in overall} == {"总体"}
    assert at.tabs[1].get("arrow_vega_lite_chart") or at.tabs[1].get("vega_lite_chart")


def test_the_fix_tab_compares_before_and_after_and_says_when_too_few_drills_followed(world):
    at = open_page(world)
    (row,) = rows(at, 2)
    assert row["步骤"] == S1 and row["修订版本"] == "v2"
    assert (row["修订前演练"], row["修订后演练"]) == (2, 1)
    assert (row["修订前未完成率（%）"], row["修订后未完成率（%）"]) == (100.0, 0.0)
    assert row["结论"] == "修订后演练太少"
    warning = " ".join(w.value for w in at.tabs[2].warning)
    assert "少于 3 次" in warning and "5分钟内报告事故信息" in warning


def test_the_periods_decide_what_is_not_drilled_in_time(world):
    at = open_page(world)
    at.number_input(key="analytics_period_special").set_value(3650).run()
    stale = rows(at, 3)  # the other plan was never drilled
    assert {r["标题"] for r in stale} == {"另一化工预案"}
    assert [r["角色"] for r in stale] == ["整个预案", "应急指挥部", "指挥部办公室", "抢险救援组"]
    assert all(r["最近演练"] == "从未演练" for r in stale)
    at.number_input(key="analytics_period_special").set_value(1).run()
    stale = rows(at, 3)
    assert len(stale) == 8 and {r["周期（天）"] for r in stale} == {1}
    drilled = [r for r in stale if r["标题"] == "示例化工泄漏应急预案"]
    assert {str(r["最近演练"])[:10] for r in drilled} == {"2026-06-10"}


def test_the_overdue_tab_names_drill_finding_owner_and_days_overdue(world):
    at = open_page(world)
    (row,) = rows(at, 4)  # the action that is done is not overdue
    assert row["演练"] == "危化品泄漏双盲演练" and row["问题"] == "未及时报告"
    assert (row["整改措施"], row["责任人"], row["逾期天数"]) == ("修订报告时限", "张三", OVERDUE_BY)
    assert row["状态"] == "未开始"


def test_the_plan_filter_applies_to_every_tab(world):
    at = open_page(world)
    at.selectbox(key="analytics_plan").set_value(plan_of(world, world.other_version)).run()
    assert not at.exception, at.exception
    assert rows(at, 0) == [] and at.tabs[0].info
    assert rows(at, 1) == [] and rows(at, 2) == [] and rows(at, 4) == []
    assert {r["标题"] for r in rows(at, 3)} == {"另一化工预案"}
    at.selectbox(key="analytics_plan").set_value(plan_of(world)).run()
    assert {r["步骤"]: r["演练次数"] for r in rows(at, 0)}["5分钟内报告事故信息"] == 3
    assert {r["标题"] for r in rows(at, 3)} <= {"示例化工泄漏应急预案"}


def test_the_date_range_narrows_the_drills_counted(world):
    at = open_page(world)
    at.date_input(key="analytics_since").set_value(date(2026, 6, 1)).run()
    assert {r["演练次数"] for r in rows(at, 0)} == {1}
    assert len({r["结束时间"] for r in rows(at, 1)}) == 1  # the areas of one drill
    assert rows(at, 4) == []  # its action belongs to a drill that ended in May
    (fix,) = rows(at, 2)
    assert (fix["修订前演练"], fix["修订后演练"]) == (0, 1)
    at.date_input(key="analytics_since").set_value(date(2026, 5, 1))
    at.date_input(key="analytics_until").set_value(date(2026, 5, 1)).run()
    assert {r["演练次数"] for r in rows(at, 0)} == {1}  # the until day is included
    assert len(rows(at, 4)) == 1
    at.date_input(key="analytics_since").set_value(date(2026, 5, 2)).run()
    assert "开始日期晚于结束日期" in at.warning[0].value and not at.tabs


def test_the_excel_export_is_one_workbook_with_a_sheet_per_tab(world, monkeypatch):
    built = {}
    original = MediaFileManager.add

    def spy(self, data, mimetype, coordinates, file_name=None, *args, **kwargs):
        built[file_name] = (data, mimetype)
        return original(self, data, mimetype, coordinates, file_name, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", spy)
    open_page(world)
    # the bytes exist when the button is drawn: no deferred file a rerun could drop
    data, mimetype = built["plandrill-analytics.xlsx"]
    assert mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(data))  # what a click downloads
    assert book.sheetnames == ["遗漏或超时的步骤", "得分趋势", "修订效果", "超期未演练", "逾期整改"]
    steps = book["遗漏或超时的步骤"]
    assert [c.value for c in steps[1]][:3] == ["步骤", "演练次数", "检查项次"]
    named = {steps.cell(r, 1).value: steps.cell(r, 2).value for r in range(2, steps.max_row + 1)}
    assert named[S1] == 3 and len(named) == 4
    assert steps.freeze_panes == "A2" and steps["A1"].font.bold
    scores = book["得分趋势"]
    assert {scores.cell(r, 1).value for r in range(2, scores.max_row + 1)} == {
        "评估项目",
        "角色",
        "总体",
    }
    overdue = book["逾期整改"]
    assert [c.value for c in overdue[2]][:3] == ["危化品泄漏双盲演练", "未及时报告", "修订报告时限"]


def test_a_participant_is_refused(world):
    at = open_page(world, "pat")
    assert at.error and not at.dataframe and not at.tabs


def test_the_page_speaks_english_when_asked(world):
    at = open_page(world, lang="en")
    labels = [tab.label for tab in at.tabs]
    assert labels[:3] == [
        "Steps most often missed or late",
        "Scores over time",
        "Did the fix work? (1)",
    ]
    assert labels[3].startswith("Not drilled in time (") and labels[4] == "Overdue actions (1)"
    assert "Step" in rows(at, 0)[0] and "Miss rate (%)" in rows(at, 0)[0]
    assert rows(at, 4)[0]["Status"] == "Open"
    assert "Too few drills since the revision" in at.tabs[2].warning[0].value
    labels = [w.label for w in (*at.selectbox, *at.date_input, *at.number_input)]
    assert "Plan" in labels and "Drills ended from" in labels and "Special plan" in labels
    shown = " ".join(
        [*labels, *(str(b.label) for b in at.download_button), *(c.value for c in at.caption)]
    )
    assert "⟦" not in shown and "Export Excel (all tabs)" in shown
