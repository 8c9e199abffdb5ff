"""The evaluation report built from a drill's record: scores with coverage, findings,
outcome per step, and a .docx that opens again."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime, timedelta

import docx as python_docx

from drills.checklist import derive_checklist
from drills.model import Blinding, ClockEvent, DrillDesign, Observation, RevealEvent
from drills.report_assemble import evaluation_report_bytes, outcome_by_step, report_data
from i18n import t
from i18n.glossary import OUTCOME_CATEGORIES, REVEAL_EVENTS
from tests.sample_plans import chemical_plan

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def _entry(item: str, rating: str, minute: float) -> Observation:
    at = T0 + timedelta(minutes=minute)
    return Observation(uuid.uuid4().hex, 1, "item", "eva", at, at, item_id=item, rating=rating)


def _record():
    plan = chemical_plan()
    checklist = derive_checklist(plan)
    design = DrillDesign(
        "储罐泄漏演练", 1, checklist=checklist, directors=("director",), blinding=Blinding()
    )
    clock = [ClockEvent("start", T0, "director"), ClockEvent("end", T0 + timedelta(hours=2))]
    # c1 on time (limit 10), c2 late (limit 30, at 45), c3 not done, c4 nobody saw: a gap
    observations = [_entry("c1", "done", 5), _entry("c2", "done", 45), _entry("c3", "not_done", 50)]
    reveal = [
        RevealEvent("created", T0 - timedelta(days=3), "director", "director"),
        RevealEvent("revealed", T0, "", "director"),
    ]
    return plan, design, checklist, observations, clock, reveal


def test_the_report_data_scores_gaps_as_gaps_and_colours_each_step():
    plan, design, checklist, observations, clock, reveal = _record()
    data, evaluation, findings = report_data(
        design, plan, checklist, observations, clock, (), reveal, lang="zh"
    )
    # not done and not observed are distinct categories, never both "missed"
    assert outcome_by_step(plan, evaluation) == {
        "s1": "on_time",
        "s2": "late",
        "s3": "not_done",
        "s4": "not_observed",
    }
    assert (
        data.categories
        == evaluation.category_counts
        == {
            "on_time": 1,
            "late": 1,
            "partly": 0,
            "not_done": 1,
            "na": 0,
            "not_observed": 1,
        }
    )
    assert evaluation.coverage < 1
    assert any("c3" in f.id for f in findings)
    # named in the report's language
    assert data.reveal_log[0].event == REVEAL_EVENTS.label("created")
    assert set(data.blinding.withheld) == {"time", "place", "scenario", "subject"}


def test_the_report_opens_again_with_its_score_table_and_charts():
    plan, design, checklist, observations, clock, reveal = _record()
    data, _, _ = report_data(design, plan, checklist, observations, clock, (), reveal, lang="zh")
    document = python_docx.Document(io.BytesIO(evaluation_report_bytes(data, plan)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert t("doc.report.results") in text and "储罐泄漏演练" in text
    assert len(document.tables) >= 2 and len(document.inline_shapes) >= 2


def test_the_report_follows_the_leads_findings_weights_overrides_and_actions():
    from dataclasses import replace
    from datetime import date

    from drills.actions import CorrectiveAction
    from drills.ratings import RatingOverride

    plan, design, checklist, observations, clock, reveal = _record()
    _, plain, proposed = report_data(
        design, plan, checklist, observations, clock, (), reveal, lang="zh"
    )
    kept, dropped = proposed[0], proposed[1]
    edited = [
        replace(kept, title="组长改写的标题", status="accepted"),
        replace(dropped, status="rejected"),
    ]
    area = next(a.area for a in plain.areas if a.counts.total)
    data, evaluation, again = report_data(
        design,
        plan,
        checklist,
        observations,
        clock,
        (),
        reveal,
        lang="zh",
        weights={area: 0},
        overrides=[RatingOverride(area, "P", "现场表现好", "lead")],
        findings=edited,
        actions=[
            CorrectiveAction("1", kept.id, "修订流程", "办公室", date(2026, 7, 1)),
            CorrectiveAction("2", "unknown", "无关行动", "某人", date(2026, 7, 1)),
        ],
    )
    assert again == proposed  # the proposals do not depend on the lead's edits
    assert [f.title for f in data.findings] == ["组长改写的标题"]
    assert [(a.finding, a.action) for a in data.actions] == [("组长改写的标题", "修订流程")]
    row = next(r for r in data.score_rows if r.override_reason)
    assert (row.override_reason, row.final_rating) == ("现场表现好", "P") and evaluation.area(
        area
    ).rating == "P"
    assert evaluation.area(area).weight == 0


def test_participants_reviews_go_into_the_report_by_role_without_names():
    from drills.actions import ParticipantReview
    from drills.report_docx import build_evaluation_report

    plan, design, checklist, observations, clock, reveal = _record()
    reviews = [
        ParticipantReview("wang.li", "r3", "堵漏迅速", "器材取用慢", 4),
        ParticipantReview("zhao.qi", None, "", "通讯不畅", 2),
    ]
    for lang, intro in (("zh", "平均 3 分"), ("en", "mean rating 3 out of 5")):
        data, _, _ = report_data(
            design, plan, checklist, observations, clock, (), reveal, lang=lang, reviews=reviews
        )
        assert [(r.role, r.rating) for r in data.reviews] == [("抢险救援组", 4), ("", 2)]
        document = build_evaluation_report(data)
        texts = [p.text for p in document.paragraphs]
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        assert any(intro in text for text in texts), lang
        assert "器材取用慢" in cells and "通讯不畅" in cells
        assert not any("wang.li" in text for text in texts + cells)


def test_the_excel_items_sheet_lists_every_checklist_item_with_its_result():
    import openpyxl

    from drills.report_docx import report_xlsx

    plan, design, checklist, observations, clock, reveal = _record()
    data, _, _ = report_data(design, plan, checklist, observations, clock, (), reveal, lang="zh")
    ratings = ("on_time", "late", "not_done", "not_observed")
    assert [r.rating for r in data.item_rows] == [OUTCOME_CATEGORIES.label(r) for r in ratings]
    timings = [t("doc.timing.on_time"), t("findings.kind.late")]
    assert [r.timing for r in data.item_rows][:2] == timings
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(data)))
    sheet = book[t("common.items")]
    assert sheet.max_row == 1 + len(checklist)
    assert [sheet.cell(2, c).value for c in (1, 2, 4, 6)] == [
        "c1",
        "s1",
        checklist[0].name,
        OUTCOME_CATEGORIES.label("on_time"),
    ]


def test_the_reveal_log_events_are_named_in_the_reports_language():
    from i18n import has

    plan, design, checklist, observations, clock, reveal = _record()
    for lang, words in (
        ("zh", ["创建", "开始（公开）"]),
        ("en", ["Created", "Started (revealed)"]),
    ):
        data, _, _ = report_data(
            design, plan, checklist, observations, clock, (), reveal, lang=lang
        )
        assert [r.event for r in data.reveal_log] == words
    for kind in (
        "created",
        "updated",
        "sealed",
        "viewed",
        "revealed",
        "evaluator_access_granted",
        "insider_added",
        "insider_removed",
    ):
        assert has(f"drillpage.reveal.{kind}"), kind
