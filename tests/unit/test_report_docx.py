"""The drill evaluation documents: the evaluation report in Chinese (AQ/T 9009, GB/T
46792-2025 structure, GB/T 9704 layout) and English (HSEEP AAR/IP), the participants' debrief,
the Excel export and the two charts; each document is opened again from its bytes and checked."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx.oxml.ns import qn

from drills.report_charts import outcome_chart_png, timeline_png
from drills.report_docx import build_debrief, build_evaluation_report, report_xlsx
from drills.report_model import (
    ActionRow,
    BlindingFacts,
    FindingRow,
    ItemRow,
    ParticipantRow,
    ReportData,
    RevealRow,
    ScenarioFacts,
    ScoreRow,
    TimelineRow,
)
from i18n import format_day, t
from i18n.glossary import ACTION_STATUSES, CLOCK_EVENTS, FINDING_CAUSES
from plans.docx_outline import number_label
from tests.sample_plans import chemical_plan
from tests.unit.docx_reading import (
    all_text,
    assert_a4,
    assert_black,
    assert_official_zh,
    assert_page_number,
    headings,
    picture_count,
    reopen,
    repeats_header,
    styled,
    table_with_header,
)
from tests.unit.report_data import START, report_data

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def charts() -> tuple[bytes, bytes]:
    data = report_data()
    return timeline_png(data.timeline, "zh"), outcome_chart_png(chemical_plan(), data.outcome, "zh")


def numbered(level: int, *keys: str) -> list[str]:
    """Headings of `level` as the Chinese report numbers them (一、 （一）), in the catalogue's
    words."""
    return [number_label(level, n, "zh") + t(key) for n, key in enumerate(keys, 1)]


ZH_CHAPTERS = numbered(
    1,
    "doc.report.basic",
    "doc.report.method",
    "doc.report.conduct",
    "doc.report.results",
    "doc.report.problems",
    "doc.report.improve",
    "doc.report.conclusion",
)


def test_the_chinese_report_has_the_aqt_9009_structure_and_gbt_9704_layout(charts):
    doc = reopen(
        build_evaluation_report(report_data(), timeline_png=charts[0], outcome_png=charts[1])
    )
    assert [t for level, t in headings(doc) if level == 1] == ZH_CHAPTERS
    assert styled(doc, "Title")[0] == "储罐区液氯泄漏无脚本演练评估报告"
    second = [t for level, t in headings(doc) if level == 2]
    assert second[:10] == [
        *numbered(2, "signoff.doc.objectives"),  # under the basic facts
        *numbered(2, "common.criteria", "common.evaluation_team"),  # under the method
        *numbered(  # under the results
            2,
            "doc.report.overall",
            "doc.report.scores",
            "doc.report.overrides",
            "doc.report.outcome",
            "signoff.doc.objectives_rated",
            "common.area_conclusions",
            "doc.report.strengths",
        ),
    ]
    assert styled(doc, "Annex Label") == ["附件1", "附件2", "附件3", "附件4"]
    assert styled(doc, "Title")[1:] == [
        t("eval.record.title"),
        t("doc.report.annex_timeline"),
        t("doc.report.annex_reveal"),
        t("doc.report.annex_participants"),
    ]
    assert picture_count(doc) >= 2
    assert_official_zh(doc)


def test_the_score_table_shows_coverage_beside_scores_and_the_overrides(charts):
    doc = reopen(
        build_evaluation_report(report_data(), timeline_png=charts[0], outcome_png=charts[1])
    )
    header = ["doc.no", "doc.report.area", "common.items", "doc.report.coverage", "common.score"]
    scores = table_with_header(doc, [t(key) for key in header])
    assert repeats_header(scores)
    rows = [[c.text for c in r.cells] for r in scores.rows[1:]]
    assert len(rows) == 3 + 1  # areas and the overall line
    assert rows[1][1:] == ["指挥与协调", "6", "50%", "61", "M", "S", "延误由注入时间误差造成"]
    assert rows[-1][1] == t("doc.xlsx.overall_score") and rows[-1][6] == "良好"
    text = all_text(doc)
    override = {"computed": "M", "final": "S", "reason": "延误由注入时间误差造成"}
    assert t("doc.report.override_row", area="指挥与协调", **override) in text
    assert t("doc.report.low_coverage", limit="80%", areas="指挥与协调") in text
    # the item counts in the one vocabulary of categories (data.categories)
    assert "按时完成3项，超时完成1项，部分完成1项，未完成1项，不适用0项，未观察到2项" in text


def test_problems_are_grouped_by_grade_with_causes_and_actions_are_tabled():
    doc = reopen(build_evaluation_report(report_data()))
    third = [t for level, t in headings(doc) if level == 3]
    assert third == ["1.响应启动超时", "1.器材准备不足"]
    second = [t for level, t in headings(doc) if level == 2]
    grades = numbered(2, "findings.grade.deficiency", "findings.grade.must_fix")
    assert set(grades) <= set(second)
    text = all_text(doc)
    cause = FINDING_CAUSES.label("plan_defect")
    assert t("signoff.doc.cause_kind") + cause in text
    assert t("doc.report.target") + "s2 启动应急响应" in text
    assert t("doc.report.cause") + cause not in text  # the category is not an analysis
    header = ["doc.no", "doc.report.action_finding", "common.action", "doc.report.owner"]
    actions = table_with_header(
        doc, [t(key) for key in (*header, "doc.report.due", "common.status")]
    )
    assert [c.text for c in actions.rows[1].cells][1:] == [
        "响应启动超时",
        "修订启动响应时限并培训",
        "应急指挥部",
        "2026年6月30日",
        ACTION_STATUSES.label("in_progress"),
    ]
    assert picture_count(doc) == 0  # no charts given, none shown


def test_the_reveal_log_and_participants_are_annexed():
    doc = reopen(build_evaluation_report(report_data()))
    log = table_with_header(
        doc, [t("doc.no"), t("common.time"), t("common.people"), t("eval.record.what")]
    )
    assert len(log.rows) == 1 + 3
    assert log.rows[1].cells[1].text == "2026年5月7日 09:30"
    people = table_with_header(doc, [t("doc.no"), t("common.body_post"), t("common.people")])
    assert [c.text for c in people.rows[2].cells] == ["2", "抢险救援组", "赵六、钱七"]
    assert t("doc.report.double_blind") in all_text(doc)
    header = ["doc.report.minute", "doc.report.lane", "doc.report.what", "doc.report.performer"]
    timeline = table_with_header(doc, [t(key) for key in header])
    assert len(timeline.rows) == 1 + 5


def test_a_drill_that_was_not_fully_blind_says_what_was_told():
    data = report_data(blinding=BlindingFacts(withheld=("scenario",), notified_units=("消防站",)))
    text = all_text(reopen(build_evaluation_report(data)))
    assert t("doc.report.withheld", items=t("doc.report.withheld.scenario")) in text
    assert t("doc.report.notified", units="消防站") in text


def test_the_english_report_is_an_hseep_after_action_report(charts):
    doc = reopen(
        build_evaluation_report(report_data("en"), timeline_png=charts[0], outcome_png=charts[1])
    )
    top = [t for level, t in headings(doc) if level == 1]
    assert top == [
        "Executive Summary",
        "Drill Overview",
        "Evaluation Method",
        "Drill Timeline",
        "Analysis of Capabilities",
        "Conclusion",
        "Appendix A: Improvement Plan",
        "Appendix B: Drill Record",
        "Appendix C: Drill Timeline",
        "Appendix D: Blindness Log",
        "Appendix E: Drill Participants",
    ]
    assert styled(doc, "Subtitle") == ["After-Action Report / Improvement Plan"]
    ratings = table_with_header(
        doc, ["Capability area", "Items", "Coverage", "Score", "P", "S", "M", "U"]
    )
    marks = [[c.text for c in r.cells][4:8] for r in ratings.rows[1:]]
    assert marks == [["X", "", "", ""], ["", "X", "", ""], ["", "X", "", ""]]
    plan = table_with_header(doc, ["Capability", "Area for improvement", "Corrective action"])
    assert len(plan.rows) == 3
    assert picture_count(doc) >= 2
    assert_a4(doc, (25.4, 25.4, 25.4, 25.4))
    assert_page_number(doc, dashes=False)
    assert_black(doc)
    assert "(Deficiency)" in all_text(doc)


def test_the_debrief_tells_participants_what_happened_without_names():
    for lang in ("zh", "en"):
        data = report_data(lang)
        doc = reopen(build_debrief(data))
        text = all_text(doc)
        for name in ("张三", "李四", "王五", "赵六", "#12", "system"):
            assert name not in text, (lang, name)
        assert "响应启动超时" in text and "报告及时" in text and "修订启动响应时限并培训" in text
        assert_black(doc)
    zh = reopen(build_debrief(report_data()))
    assert [t for level, t in headings(zh) if level == 1] == numbered(
        1,
        "doc.debrief.happened",
        "common.what_went_well",
        "common.what_to_improve",
        "doc.debrief.next",
    )
    assert "第3分钟：注入：液氯泄漏" in all_text(zh)
    assert_official_zh(zh)


def test_the_excel_export_holds_every_figure():
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report_data())))
    assert book.sheetnames == [
        t("doc.xlsx.summary"),
        t("doc.xlsx.scores"),
        t("common.items"),
        t("eval.xlsx.record"),
        t("doc.xlsx.findings"),
        t("common.actions"),
        t("common.timeline"),
        t("doc.xlsx.outcome"),
    ]
    scores = list(book[t("doc.xlsx.scores")].values)
    header = ("doc.report.area", "common.items", "doc.report.coverage", "common.score")
    assert scores[0][:4] == tuple(t(key) for key in header)
    assert scores[2] == ("指挥与协调", 6, 0.5, 61.0, "M", "S", "延误由注入时间误差造成")
    assert len(list(book[t("doc.xlsx.findings")].values)) == 1 + 3
    assert len(list(book[t("common.timeline")].values)) == 1 + 5
    actions = book[t("common.actions")]
    formula_like = actions.cell(row=3, column=2)
    # quoted as in the analytics workbook (drills.analytics_xlsx.safe_text): inert even when
    # the cell is edited in Excel or the sheet saved as CSV
    assert formula_like.value == '\'=HYPERLINK("x")' and formula_like.data_type == "s"
    summary = dict(list(book[t("doc.xlsx.summary")].values)[1:])
    assert summary[t("common.started")] == START.replace(tzinfo=None)
    assert summary[t("doc.xlsx.overall_score")] == 78.5
    english = openpyxl.load_workbook(io.BytesIO(report_xlsx(report_data("en"))))
    assert english.sheetnames[0] == "Summary"


# QA walk: the timeline sheet showed minutes like 1.538613416666667 and clock events as "start"
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_excel_timeline_rounds_minutes_and_says_clock_events_in_full(lang):
    started, paused = (CLOCK_EVENTS.label(event, lang) for event in ("start", "pause"))
    timeline = [
        TimelineRow(0.0, "导调", t("drills.clock.start", lang=lang), kind="clock"),
        TimelineRow(1.538613416666667, "指挥部办公室", "报告事故信息", "eva", "on_time"),
        TimelineRow(12.04999, "导调", "pause", kind="clock"),  # an id, as older data holds
        TimelineRow(20, "导调", "开始", kind="inject"),  # an inject of that name stays as it is
    ]
    items = [ItemRow("预警与信息报告", "报告事故信息", minute=1.538613416666667)]
    data = report_data(lang, timeline=timeline, item_rows=items, duration_min=95.4166666)
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(data)))
    rows = list(book.worksheets[6].values)[1:]
    assert [(minute, what) for minute, _, what, _ in rows] == [
        (0, started),
        (1.5, "报告事故信息"),
        (12.0, paused),
        (20, "开始"),
    ]
    assert list(book.worksheets[2].values)[1][8] == 1.5
    summary = book.worksheets[0]
    assert dict(list(summary.values)[1:])[t("doc.report.duration", lang=lang)] == 95.4
    started_cell = next(c for c in summary["B"] if c.value == START.replace(tzinfo=None))
    assert started_cell.number_format == "yyyy-mm-dd hh:mm"  # to the minute, not the second


# QA walk: the debrief said "针对“—”情景" when no incident type was set
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_debrief_leaves_out_the_scenario_phrase_without_an_incident_type(lang):
    data = report_data(lang, scenario=ScenarioFacts("", "储罐区", "", ""))
    text = all_text(reopen(build_debrief(data)))
    assert "“—”" not in text and '"—"' not in text and "情景" not in text
    assert "scenario" not in text
    day = format_day(START.date(), "zh")
    said = (
        t("doc.debrief.happened_text_no_incident", date=day, minutes=95)
        if lang == "zh"
        else "ran for 95 min"
    )
    assert said in text
    named = all_text(reopen(build_debrief(report_data(lang))))
    scenario = t("doc.debrief.happened_text", date=day, incident="危险化学品泄漏", minutes=95)
    assert (scenario if lang == "zh" else '"危险化学品泄漏" scenario') in named


def test_hostile_text_does_not_break_the_documents():
    nasty = "<w:t>]]>&\x0b\x00\x1f\ud800 =1+1"
    data = report_data(
        drill_title=nasty,
        scenario=ScenarioFacts(nasty, nasty, nasty, nasty),
        directors=[nasty],
        timeline=[TimelineRow(1, nasty, nasty, nasty, nasty), TimelineRow(float("nan"), "x", "y")],
        score_rows=[ScoreRow(nasty, 1, None, None, nasty, "", nasty)],
        findings=[FindingRow(nasty, nasty, nasty, nasty, nasty, nasty)],
        actions=[ActionRow(nasty, nasty, nasty, nasty, nasty)],
        reveal_log=[RevealRow(nasty, nasty, nasty)],
        conclusion=nasty,
    )
    timeline = timeline_png(data.timeline, "zh")
    assert timeline.startswith(PNG)
    for build in (
        lambda: build_evaluation_report(data, timeline_png=timeline),
        lambda: build_debrief(data),
    ):
        text = all_text(reopen(build()))
        assert "<w:t>]]>&" in text and "\x00" not in text
    english = report_data("en", drill_title=nasty, findings=data.findings)
    assert "<w:t>]]>&" in all_text(reopen(build_evaluation_report(english)))
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(data)))
    assert book[t("doc.xlsx.findings")].cell(row=2, column=1).value.startswith("<w:t>]]>&")


def test_an_empty_drill_still_gives_every_document():
    data = ReportData(lang="zh", drill_title="", plan_title="")
    doc = reopen(build_evaluation_report(data, timeline_png=timeline_png([], "zh")))
    assert [t for level, t in headings(doc) if level == 1] == ZH_CHAPTERS
    assert t("doc.report.no_problems") in all_text(doc)
    assert reopen(build_debrief(data))
    assert openpyxl.load_workbook(io.BytesIO(report_xlsx(data)))
    english = ReportData(lang="en", drill_title="", plan_title="")
    assert reopen(build_evaluation_report(english))


def test_the_charts_are_pngs_in_the_reports_language():
    data = report_data()
    for lang in ("zh", "en"):
        assert timeline_png(data.timeline, lang).startswith(PNG)
        assert outcome_chart_png(chemical_plan(), data.outcome, lang).startswith(PNG)
    assert outcome_chart_png(chemical_plan(), {}, "zh", level="I").startswith(PNG)


def test_the_timeline_places_every_label_it_can_and_counts_the_rest():
    from drills import report_charts

    rows = [TimelineRow(1, "甲", f"事件{n}") for n in range(30)]  # all at the same minute
    placed, hidden = report_charts._place_labels(rows, lambda m: 100 + m)
    assert len(placed) == report_charts.MAX_ROWS and hidden == 30 - report_charts.MAX_ROWS
    spread = [TimelineRow(n * 10, "甲", "短") for n in range(10)]
    placed, hidden = report_charts._place_labels(spread, lambda m: 100 + m * 5)
    assert hidden == 0 and set(placed.values()) == {0}
    end, ticks = report_charts._ticks(95)
    assert end == 100 and ticks[:3] == [0, 10, 20]


def test_report_data_is_frozen_and_takes_lists():
    data = report_data()
    assert isinstance(data.findings, tuple) and isinstance(data.directors, tuple)
    assert data.participants_roles[0] == ParticipantRow("应急指挥部")
    assert [f.title for f in data.strengths] == ["报告及时"]
    assert data.score_rows[1].overridden and not data.score_rows[0].overridden
    assert data.blinding.double_blind
    assert not BlindingFacts(notified_units=("消防站",)).double_blind
    with pytest.raises(AttributeError):
        data.lang = "en"  # type: ignore[misc]
    assert ReportData(lang="fr", drill_title="", plan_title="").lang == "zh"
    assert qn("w:t")  # the docx namespace helper stays importable for the shared helpers
