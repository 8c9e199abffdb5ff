"""Page tests of the analytics screen: each tab's rows, the
filters, the periods, the Excel workbook, refusal and English, against a real DuckDB file."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from i18n import t
from i18n.glossary import ACTION_STATUSES, CAPABILITY_AREAS, SCORE_DIMENSIONS
from services.analytics import MIN_DRILLS_AFTER
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
from tests.ui import drill_pages

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
    assert labels[:3] == [
        t("analytics.steps"),
        t("analytics.sheet.ratings"),
        t("analytics.revisions", n=1),
    ]
    assert labels[3] == t("analytics.stale", n=len(rows(at, 3)))
    assert labels[4] == t("analytics.overdue", n=1)
    steps = {r[t("common.step")]: r for r in rows(at, 0)}
    s1 = steps[S1]  # the newest name of s1
    counts = ("analytics.drills", "outcome.not_done", "outcome.not_observed", "analytics.miss_rate")
    assert tuple(s1[t(key)] for key in counts) == (3, 2, 0, 66.7)
    s2 = steps["启动应急响应（示例化工泄漏应急预案）"]  # never observed: the worst, first
    not_observed = t("outcome.not_observed")
    assert rows(at, 0)[0][not_observed] == s2[not_observed] == 3
    assert len(steps) == 4
    assert at.tabs[0].get("arrow_vega_lite_chart") or at.tabs[0].get("vega_lite_chart")
    assert any(str(b.key) == "analytics_steps-missed-or-late_csv" for b in at.download_button)


def test_the_scores_tab_switches_between_areas_roles_and_overall(world):
    at = open_page(world)
    series, dimension = t("analytics.series"), t("analytics.dimension")
    areas = {r[series] for r in rows(at, 1)}
    assert CAPABILITY_AREAS.label("warning_report") in areas
    assert all(r[dimension] == SCORE_DIMENSIONS.label("area") for r in rows(at, 1))
    # no item of the plan falls in it: nothing to score
    assert CAPABILITY_AREAS.label("public_info") not in areas
    at.radio(key="analytics_by").set_value("role").run()
    by_role = rows(at, 1)
    # the other roles had nothing observed in any drill: not rated, never a score of 0
    assert {r[series] for r in by_role} == {"指挥部办公室"}
    office = [r[t("common.score")] for r in by_role if r[series] == "指挥部办公室"]
    assert office == [0.0, 0.0, 100.0]  # c1 missed twice, then done
    at.radio(key="analytics_by").set_value("overall").run()
    overall = rows(at, 1)
    assert len(overall) == 3
    assert {r[series] for r in overall} == {SCORE_DIMENSIONS.label("overall")}
    assert at.tabs[1].get("arrow_vega_lite_chart") or at.tabs[1].get("vega_lite_chart")


def test_the_fix_tab_compares_before_and_after_and_says_when_too_few_drills_followed(world):
    at = open_page(world)
    (row,) = rows(at, 2)
    assert row[t("common.step")] == S1 and row[t("analytics.revised_in")] == "v2"
    assert (row[t("analytics.drills_before")], row[t("analytics.drills_after")]) == (2, 1)
    assert (row[t("analytics.miss_before")], row[t("analytics.miss_after")]) == (100.0, 0.0)
    assert row[t("common.conclusion")] == t("analytics.verdict.too_few")
    warnings = [w.value for w in at.tabs[2].warning]
    assert warnings == [t("analytics.too_few", n=MIN_DRILLS_AFTER, steps=S1)]


def test_the_periods_decide_what_is_not_drilled_in_time(world):
    at = open_page(world)
    at.number_input(key="analytics_period_special").set_value(3650).run()
    stale = rows(at, 3)  # the other plan was never drilled
    title, last = t("common.title"), t("analytics.last")
    assert {r[title] for r in stale} == {"另一化工预案"}
    roles = [r[t("common.role")] for r in stale]
    assert roles == [t("analytics.whole_plan"), "应急指挥部", "指挥部办公室", "抢险救援组"]
    assert all(r[last] == t("analytics.never") for r in stale)
    at.number_input(key="analytics_period_special").set_value(1).run()
    stale = rows(at, 3)
    assert len(stale) == 8 and {r[t("analytics.period")] for r in stale} == {1}
    drilled = [r for r in stale if r[title] == "示例化工泄漏应急预案"]
    assert {str(r[last])[:10] for r in drilled} == {"2026-06-10"}


def test_the_overdue_tab_names_drill_finding_owner_and_days_overdue(world):
    at = open_page(world)
    (row,) = rows(at, 4)  # the action that is done is not overdue
    assert row[t("common.drill")] == "危化品泄漏双盲演练"
    assert row[t("common.finding")] == "未及时报告"
    who = (row[t("analytics.action")], row[t("analytics.owner")], row[t("common.days_overdue")])
    assert who == ("修订报告时限", "张三", OVERDUE_BY)
    assert row[t("common.status")] == ACTION_STATUSES.label("open")


def test_the_plan_filter_applies_to_every_tab(world):
    at = open_page(world)
    at.selectbox(key="analytics_plan").set_value(plan_of(world, world.other_version)).run()
    assert not at.exception, at.exception
    assert rows(at, 0) == [] and at.tabs[0].info
    assert rows(at, 1) == [] and rows(at, 2) == [] and rows(at, 4) == []
    title = t("common.title")
    assert {r[title] for r in rows(at, 3)} == {"另一化工预案"}
    at.selectbox(key="analytics_plan").set_value(plan_of(world)).run()
    drills = {r[t("common.step")]: r[t("analytics.drills")] for r in rows(at, 0)}
    assert drills["5分钟内报告事故信息"] == 3
    assert {r[title] for r in rows(at, 3)} <= {"示例化工泄漏应急预案"}


def test_the_date_range_narrows_the_drills_counted(world):
    at = open_page(world)
    at.date_input(key="analytics_since").set_value(date(2026, 6, 1)).run()
    assert {r[t("analytics.drills")] for r in rows(at, 0)} == {1}
    assert len({r[t("common.ended")] for r in rows(at, 1)}) == 1  # the areas of one drill
    assert rows(at, 4) == []  # its action belongs to a drill that ended in May
    (fix,) = rows(at, 2)
    assert (fix[t("analytics.drills_before")], fix[t("analytics.drills_after")]) == (0, 1)
    at.date_input(key="analytics_since").set_value(date(2026, 5, 1))
    at.date_input(key="analytics_until").set_value(date(2026, 5, 1)).run()
    assert {r[t("analytics.drills")] for r in rows(at, 0)} == {1}  # the until day is included
    assert len(rows(at, 4)) == 1
    at.date_input(key="analytics_since").set_value(date(2026, 5, 2)).run()
    assert at.warning[0].value == t("analytics.bad_range") and not at.tabs


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
    sheets = ("steps", "ratings", "revisions", "stale", "overdue")
    assert book.sheetnames == [t(f"analytics.sheet.{name}") for name in sheets]
    steps = book[t("analytics.sheet.steps")]
    headers = [t("common.step"), t("analytics.drills"), t("analytics.items")]
    assert [c.value for c in steps[1]][:3] == headers
    named = {steps.cell(r, 1).value: steps.cell(r, 2).value for r in range(2, steps.max_row + 1)}
    assert named[S1] == 3 and len(named) == 4
    assert steps.freeze_panes == "A2" and steps["A1"].font.bold
    scores = book[t("analytics.sheet.ratings")]
    dimensions = {scores.cell(r, 1).value for r in range(2, scores.max_row + 1)}
    assert dimensions == {SCORE_DIMENSIONS.label(by) for by in SCORE_DIMENSIONS}
    overdue = book[t("analytics.sheet.overdue")]
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
