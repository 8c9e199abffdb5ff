"""The evaluation report built from a drill's record (issue 5): scores with coverage, findings,
outcome per step, and a .docx that opens again."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime, timedelta

import docx as python_docx

from drills.checklist import derive_checklist
from drills.model import Blinding, ClockEvent, DrillDesign, Observation, RevealEvent
from drills.report_assemble import evaluation_report_bytes, outcome_by_step, report_data
from tests.sample_plans import chemical_plan

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def _entry(item: str, rating: str, minute: float) -> Observation:
    at = T0 + timedelta(minutes=minute)
    return Observation(uuid.uuid4().hex, 1, "item", "eva", at, at, item_id=item, rating=rating)


def _record():
    plan = chemical_plan()
    checklist = derive_checklist(plan)
    design = DrillDesign("储罐泄漏演练", 1, checklist=checklist, directors=("director",),
                         blinding=Blinding())
    clock = [ClockEvent("start", T0, "director"), ClockEvent("end", T0 + timedelta(hours=2))]
    # c1 on time (limit 10), c2 late (limit 30, at 45), c3 not done, c4 nobody saw: a gap
    observations = [_entry("c1", "done", 5), _entry("c2", "done", 45),
                    _entry("c3", "not_done", 50)]
    reveal = [RevealEvent("created", T0 - timedelta(days=3), "director", "director"),
              RevealEvent("revealed", T0, "", "director")]
    return plan, design, checklist, observations, clock, reveal


def test_the_report_data_scores_gaps_as_gaps_and_colours_each_step():
    plan, design, checklist, observations, clock, reveal = _record()
    data, evaluation, findings = report_data(design, plan, checklist, observations, clock, (),
                                             reveal, lang="zh")
    assert outcome_by_step(plan, evaluation) == {
        "s1": "on_time", "s2": "late", "s3": "missed", "s4": "missed"}
    assert evaluation.coverage < 1
    assert any("c3" in f.id for f in findings)
    assert data.reveal_log[0].event == "created"
    assert set(data.blinding.withheld) == {"time", "place", "scenario", "subject"}


def test_the_report_opens_again_with_its_score_table_and_charts():
    plan, design, checklist, observations, clock, reveal = _record()
    data, _, _ = report_data(design, plan, checklist, observations, clock, (), reveal, lang="zh")
    document = python_docx.Document(io.BytesIO(evaluation_report_bytes(data, plan)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "评估结果" in text and "储罐泄漏演练" in text
    assert len(document.tables) >= 2 and len(document.inline_shapes) >= 2
