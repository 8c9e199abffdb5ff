"""The signable evaluation documents: the Word report written and read back with python-docx
shows the objectives with their ratings, the criteria and team, the per-area conclusions and the
lead's cause analysis, a conclusion in prose and a signature block; the HSEEP AAR groups
strengths and areas for improvement by capability and has the Improvement Plan's columns; the
standard, not the language, decides the structure."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from drills.report_docx import build_evaluation_report
from drills.report_model import ActionRow, AreaConclusionRow, FindingRow, ObjectiveRow, TeamRow
from drills.signoff import capability_element, draft_conclusion, objective_met, standard_for
from i18n import t
from plans.docx_outline import number_label
from tests.unit.docx_reading import all_text, headings, reopen, table_with_header
from tests.unit.report_data import report_data

CONCLUSION = "演练达到预期目的。\n信息报告及时，警戒区设置迟缓，须在下次演练前整改。"


def signable(lang: str = "zh", **changes):
    zh = lang == "zh"
    data = {
        "objectives": [
            ObjectiveRow(
                "检验30分钟内报告事故信息的能力" if zh else "Report within 30 minutes",
                ("预警与信息报告" if zh else "Warning and information report",),
                ("信息报告" if zh else "Information report",),
                "P",
                "按时报告",
                ("warning_report",),
                "o1",
            ),
            ObjectiveRow(
                "检验现场警戒" if zh else "Set up the cordon",
                ("应急处置" if zh else "Emergency disposal",),
                (),
                "M",
                "",
                ("disposal",),
                "o2",
            ),
            ObjectiveRow("检验信息发布" if zh else "Inform the public", (), (), "", "", (), "o3"),
        ],
        "criteria": "对照预案规定的职责与时限逐项评估",
        "team": [
            TeamRow("评估组长" if zh else "Evaluation lead", "陈组长"),
            TeamRow("评估员" if zh else "Evaluator", "王评估"),
        ],
        "evaluation_leads": ["陈组长"],
        "area_conclusions": [
            AreaConclusionRow(
                "预警与信息报告" if zh else "Warning and information report",
                "报告及时完整。",
                "area:warning_report",
                "P",
                True,
            ),
            AreaConclusionRow(
                "应急处置" if zh else "Emergency disposal",
                "警戒区设置迟缓。",
                "area:disposal",
                "M",
                True,
                "警戒器材存放过远",
            ),
        ],
        "findings": [
            FindingRow(
                "响应启动超时",
                "总指挥在第41分钟才批准启动响应。",
                "plan_defect",
                "deficiency",
                id="f1",
                cause_analysis="预案未规定授权副总指挥启动",
                area="应急处置" if zh else "Emergency disposal",
                area_key="disposal",
            ),
            FindingRow(
                "报告及时",
                "办公室8分钟内完成报告。",
                strength=True,
                id="f2",
                area="预警与信息报告" if zh else "Warning and information report",
                area_key="warning_report",
            ),
        ],
        "actions": [
            ActionRow(
                "响应启动超时",
                "修订启动响应授权",
                "王评估",
                date(2026, 6, 30),
                capability="应急处置" if zh else "Emergency disposal",
                element="planning",
                organization="应急指挥部",
                contact="王评估",
                start=date(2026, 5, 20),
            )
        ],
        "conclusion": CONCLUSION,
        "conclusion_edited": True,
        "unit": "临港化工",
    }
    data.update(changes)
    return report_data(lang, **data)


def test_the_aqt_report_carries_objectives_ratings_team_criteria_conclusions_and_signature():
    doc = reopen(build_evaluation_report(signable("zh")))
    text = all_text(doc)
    second = [t for level, t in headings(doc) if level == 2]
    # the first heading of the basic facts and of the method; the fifth and sixth of the results
    for n, key in (
        (1, "signoff.doc.objectives"),
        (1, "common.criteria"),
        (5, "signoff.doc.objectives_rated"),
        (6, "common.area_conclusions"),
    ):
        assert number_label(2, n, "zh") + t(key) in second, key
    assert "（1）检验30分钟内报告事故信息的能力（预警与信息报告；信息报告）" in text
    objectives = table_with_header(doc, ["序号", "演练目标", "能力领域", "预案阶段", "评定"])
    rows = [[c.text for c in r.cells] for r in objectives.rows[1:]]
    assert [r[4] for r in rows] == ["P", "M", t("eval.not_rated")]
    assert rows[0][5] == "达成：按时报告"
    assert rows[1][5] == t("signoff.met.partly") and rows[2][5] == t("signoff.met.unrated")
    team = table_with_header(doc, ["序号", "职务", "姓名"])
    assert [[c.text for c in r.cells][1:] for r in team.rows[1:]] == [
        [t("objectives.post.lead"), "陈组长"],
        [t("objectives.post.evaluator"), "王评估"],
    ]
    assert "对照预案规定的职责与时限逐项评估" in text
    third = [t for level, t in headings(doc) if level == 3]
    assert "1.预警与信息报告（P）" in third and "2.应急处置（M）" in third
    assert "警戒区设置迟缓。" in text and "原因分析：警戒器材存放过远" in text
    assert "原因类别：预案缺陷" in text and "原因分析：预案未规定授权副总指挥启动" in text
    paragraphs = [p.text for p in doc.paragraphs]
    start = paragraphs.index("七、评估结论")
    assert paragraphs[start + 1 : start + 3] == CONCLUSION.split("\n")
    signature = "\n".join(paragraphs[start:])
    assert "评估组长（签字）：＿＿＿＿＿＿＿＿" in signature and "（陈组长）" in signature
    assert "日期：＿＿＿＿" in signature and "单位（盖章）：临港化工" in signature


def test_the_hseep_aar_groups_by_capability_and_has_the_improvement_plan_columns():
    doc = reopen(build_evaluation_report(signable("en")))
    text = all_text(doc)
    second = [t for level, t in headings(doc) if level == 2]
    capabilities = [t for t in second if t.startswith("Capability: ")]
    assert capabilities == [
        "Capability: Warning and information report",
        "Capability: Emergency disposal",
    ]
    summary = table_with_header(doc, ["No.", "Objective", "Capability", "Plan phases", "P", "S"])
    marks = [[c.text for c in r.cells][4:8] for r in summary.rows[1:]]
    assert marks == [["X", "", "", ""], ["", "", "X", ""], ["", "", "", ""]]
    paragraphs = [p.text for p in doc.paragraphs]
    disposal = paragraphs.index("Capability: Emergency disposal")
    after = paragraphs[disposal:]
    assert after.index("Areas for Improvement") < next(
        i for i, p in enumerate(after) if p.startswith("Area for improvement 1: 响应启动超时")
    )
    assert "Analysis: 预案未规定授权副总指挥启动" in text and "Objective: Set up the cordon" in text
    warning = paragraphs[paragraphs.index("Capability: Warning and information report") : disposal]
    assert any(p.startswith("Strength 1: 报告及时") for p in warning)
    plan = table_with_header(doc, ["Capability", "Area for improvement", "Corrective action"])
    assert [c.text for c in plan.rows[0].cells] == [
        "Capability",
        "Area for improvement",
        "Corrective action",
        "Capability element",
        "Primary responsible organization",
        "Point of contact",
        "Start date",
        "Completion date",
    ]
    assert [c.text for c in plan.rows[1].cells] == [
        "Emergency disposal",
        "响应启动超时",
        "修订启动响应授权",
        "Planning",
        "应急指挥部",
        "王评估",
        "May 20, 2026",
        "June 30, 2026",
    ]
    orientation = [s.page_width > s.page_height for s in doc.sections]
    assert True in orientation and orientation[-1] is False  # the plan on landscape pages
    assert "Lead evaluator (signature)" in text and "Organization (seal): 临港化工" in text
    assert "Date: ＿＿＿＿" in text


@pytest.mark.parametrize(
    ("lang", "standard", "aar"),
    [("zh", "", False), ("en", "", True), ("en", "aqt9009", False), ("zh", "hseep", True)],
)
def test_the_standard_not_the_language_decides_the_structure(lang, standard, aar):
    text = all_text(reopen(build_evaluation_report(signable(lang, standard=standard))))
    subtitle = "After-Action Report" if lang == "en" else "演练总结报告/改进计划"
    assert (subtitle in text) is aar


@pytest.mark.parametrize(
    ("cause", "kind", "element"),
    [
        ("plan_defect", "missed", "planning"),
        ("coordination", "manual", "organization"),
        ("resources", "manual", "equipment"),
        ("training", "manual", "training"),
        ("execution", "late", "training"),
        ("execution", "gap", "exercise"),
    ],
)
def test_a_findings_cause_maps_onto_a_capability_element(cause, kind, element):
    assert capability_element(cause, kind) == element


def test_the_standard_is_the_drills_then_the_units_then_by_the_plans_language():
    assert standard_for("hseep", "aqt9009", "zh") == "hseep"
    assert standard_for("", "hseep", "zh") == "hseep"
    assert standard_for("", "", "zh") == "aqt9009" and standard_for("", "", "en") == "hseep"
    assert [objective_met(r) for r in ("P", "S", "M", "U", None)] == [
        "met",
        "met",
        "partly",
        "not_met",
        "",
    ]


def test_a_conclusion_drafted_for_a_thinly_observed_drill_gives_no_grade_and_no_dash():
    thin = SimpleNamespace(score=50.0, grade=None, coverage=0.25, areas=(), conflicts=())
    for lang, words in (("zh", "不给出总体等级"), ("en", "too little to grade it overall")):
        text = draft_conclusion(thin, [], [], lang)
        assert words in text and "—" not in text
