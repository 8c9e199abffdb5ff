"""One drill with every kind of entry, on a real DuckDB file: the review screen, the Word report,
the participants' debrief and the Excel workbook all say what the one evaluation says.

The drill (drills_world's chemical plan, eva watching r1 and r2, evb watching r3; the extra items
x1-x4 belong to no step):
    c1  report       eva: partly (undone), then done P at min 5           -> on time
    c2  activation   eva: done S at min 40, limit 30                      -> late
    c3  disposal     evb: partly at min 20 with a photo; amended after
                     the end to done, with a reason                       -> on time
    c4  termination  eva: not done (an M on it is refused)                -> not done
    x1  public_info  eva: not applicable                                  -> na; area not rated
    x2  recovery     nobody                                               -> not observed; not rated
    x3  disposal     eva done at 25; evb done at 22 (undone), not done
                     at 26: the two disagree                              -> not done, conflict
    x4  command      eva: partly M at min 30                              -> partly
and an answer to the question inject q1, an unexpected action noted by evb.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import replace
from datetime import date, timedelta

import docx as python_docx
import openpyxl
import pytest

import bootstrap
from db import (
    actions_store,
    drills_objectives,
    drills_signoff,
    drills_store,
    findings_store,
    users_store,
)
from db.errors import StoreError
from drills.actions import CorrectiveAction
from drills.checklist import derive_checklist
from drills.model import ChecklistItem, EvaluatorAssignment, Objective
from drills.objectives import ObjectiveRating
from drills.report_assemble import evaluation_report_bytes
from drills.report_docx import build_debrief, report_xlsx
from i18n import t
from i18n.glossary import CAPABILITY_AREAS
from plans.docx_style import to_docx_bytes
from tests.integration.drills_world import T0, at, design, obs, seed
from tests.sample_plans import chemical_plan
from tests.ui.drill_pages import open_page
from ui import review as review_panels

NAMES = {"director": "周导调", "eva": "王评估", "evb": "李评估", "lead": "陈组长"}
EXPECTED = {"on_time": 2, "late": 1, "partly": 1, "not_done": 2, "na": 1, "not_observed": 1}
REASON = "复核现场视频，阀门已完全关闭"
OBJECTIVES = (
    Objective("o1", "检验30分钟内报告事故信息的能力", ("warning_report",), ("report",)),
    Objective("o2", "检验泄漏现场处置与警戒", ("disposal",), ("disposal",)),
)
CRITERIA = "对照预案规定的职责与时限逐项评估"


def tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(b"\x00" + b"\xc0\x30\x30" * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def checklist() -> tuple[ChecklistItem, ...]:
    derived = derive_checklist(chemical_plan(), level="I", roles=("r1", "r2", "r3"))
    extra = (
        ChecklistItem("x1", "发布事故信息", phase="public_info", position=4),
        ChecklistItem("x2", "现场洗消", roles=("r3",), phase="recovery", position=5),
        ChecklistItem("x3", "设置警戒区", phase="disposal", position=6),
        ChecklistItem("x4", "组织会商", roles=("r2",), phase="command", position=7),
    )
    return (*derived, *extra)


@pytest.fixture
def drill(database, monkeypatch):
    """The drill of the module docstring, ended, with its world."""
    world = seed(database)
    monkeypatch.setattr(bootstrap, "get_db", lambda: world.db)
    monkeypatch.setenv("PLANDRILL_DEMO", "0")
    for user, name in NAMES.items():
        users_store.update_user(
            world.db,
            world.root,
            world.actors[user].user_id,
            display_name=name,
            now=T0 - timedelta(days=1),
        )
    world.actors.update({u: users_store.act_as(world.db, u) for u in NAMES})
    evaluators = (EvaluatorAssignment("eva", ("r1", "r2")), EvaluatorAssignment("evb", ("r3",)))
    chosen = replace(
        design(world, checklist=checklist(), evaluators=evaluators),
        objectives=OBJECTIVES,
        evaluation_criteria=CRITERIA,
    )
    db, director = world.db, world.director
    drill_id = drills_store.create_drill(db, director, chosen, now=at(-60))
    drills_store.seal_drill(db, director, drill_id, now=at(-50))
    drills_store.start_drill(db, director, drill_id, now=at(0))
    drills_store.release_inject(db, director, drill_id, "q1", now=at(8))

    def tap(evaluator, item, minute, oid, **fields):
        entry = obs(drill_id, evaluator, item, minute=minute, oid=oid, **fields)
        assert drills_store.record_observation(db, world.actors[evaluator], entry)

    tap("eva", "c1", 4, "c1-partly", rating="partly")
    tap("eva", None, 4.5, "c1-undo", kind="undo", rating=None, ref="c1-partly")
    tap("eva", "c1", 5, "c1-done", quality="P")
    with pytest.raises(StoreError) as refused:
        tap("eva", "c4", 6, "c4-m", rating="not_done", quality="M")
    assert refused.value.key == "drills_store.observation.quality_not_done"
    assert t(refused.value.key) != refused.value.key
    assert t("eval.xlsx.quality") in t(refused.value.key)
    tap("eva", "c4", 6, "c4-not-done", rating="not_done", note="未宣布终止")
    tap("eva", "x1", 7, "x1-na", rating="na")
    tap(
        "eva",
        None,
        9,
        "q1-answer",
        kind="answer",
        rating=None,
        inject_id="q1",
        note="30分钟内书面报告",
    )
    assert drills_store.attach_photo(
        db, world.evb, drill_id, tiny_png(), photo_id="p1", now=at(20), observation_id="c3-partly"
    )
    tap("evb", "c3", 20, "c3-partly", rating="partly", photo_id="p1", note="阀门半开")
    tap("evb", "x3", 22, "x3-b-done")
    tap("evb", None, 23, "x3-b-undo", kind="undo", rating=None, ref="x3-b-done")
    tap("eva", "x3", 25, "x3-a-done")
    tap("evb", "x3", 26, "x3-b-not-done", rating="not_done")
    tap("eva", "x4", 30, "x4-partly", rating="partly", quality="M")
    tap("evb", None, 33, "free-1", kind="free", rating=None, note="现场人员自行架设水幕")
    tap("eva", "c2", 40, "c2-late", quality="S")
    drills_store.end_drill(db, director, drill_id, now=at(60))
    tap(
        "evb",
        "c3",
        70,
        "c3-amend",
        kind="amendment",
        ref="c3-partly",
        rating="done",
        reason=REASON,
        note="阀门已关闭",
        happened_at=at(20),
    )
    yield world, drill_id
    world.db.close()


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for table in document.tables for row in table.rows for c in row.cells]
    return "\n".join(parts)


def table_with(document, first_cells: list[str]):
    return next(
        table
        for table in document.tables
        if [c.text for c in table.rows[0].cells][: len(first_cells)] == first_cells
    )


def test_the_screen_and_every_document_say_what_the_one_evaluation_says(drill):
    world, drill_id = drill
    review = review_panels.load(world.db, world.lead, drill_id, "zh")
    ev = review.evaluation

    # the one evaluation
    assert ev.category_counts == EXPECTED
    assert {k: ev.categories[k] for k in ("c1", "c2", "c3", "c4", "x1", "x2", "x3", "x4")} == {
        "c1": "on_time",
        "c2": "late",
        "c3": "on_time",
        "c4": "not_done",
        "x1": "na",
        "x2": "not_observed",
        "x3": "not_done",
        "x4": "partly",
    }
    areas = {a.area: a.score for a in ev.areas if a.counts.total}
    assert areas == {
        "warning_report": 100.0,
        "mobilisation": 45.0,
        "disposal": 50.0,
        "termination": 0.0,
        "command": 35.0,
        "public_info": None,
        "recovery": None,
    }
    assert ev.score == pytest.approx(46.0)  # the not rated areas are left out of the mean
    assert [c.item_id for c in ev.conflicts] == ["x3"]
    assert {e.evaluator for e in ev.conflicts[0].entries} == {"eva", "evb"}
    undone = [r.id for r in ev.record if r.withdrawn]
    assert undone == ["c1-partly", "x3-b-done"]
    amended = next(r for r in ev.record if r.id == "c3-partly")
    assert [after.reason for _, after in amended.amendments] == [REASON]
    assert (amended.original_category, amended.category) == ("partly", "on_time")
    assert {r.kind for r in ev.record} == {"item", "free", "answer"}
    assert [r.photo_id for r in ev.photos] == ["p1"]
    data = review.data
    assert data.categories == EXPECTED
    assert data.plan_version == t("eval.version", n=1)
    record_ids = [r.id for r in data.record]
    assert record_ids == [r.id for r in ev.record] and len(record_ids) == 12

    # the Word report (AQ/T 9009: the plan is Chinese)
    report = python_docx.Document(io.BytesIO(evaluation_report_bytes(data, review.plan)))
    text = all_text(report)
    assert t("eval.counts", total=8, **EXPECTED) in text
    scores = table_with(report, [t("doc.no"), t("doc.report.area")])
    by_area = {row.cells[1].text: row.cells[4].text for row in scores.rows[1:]}
    unrated = [by_area[CAPABILITY_AREAS.label(area)] for area in ("public_info", "recovery")]
    assert unrated == [t("eval.not_rated")] * 2
    assert by_area[t("doc.xlsx.overall_score")] == "46"
    record = table_with(report, [t("doc.no"), t("common.time"), t("common.evaluator")])
    rows = record.rows[1:]
    assert len(rows) == len(ev.record)
    for row, entry in zip(rows, ev.record, strict=True):
        cells = [c.text for c in row.cells]
        observed, recorded = entry.entry.current.happened_at, entry.entry.entered_at
        times = t("eval.record.times", observed="", minute="", recorded=f"{recorded:%H:%M}")
        assert f"{observed:%H:%M}" in cells[1] and times.splitlines()[-1] in cells[1]
        assert cells[2] == NAMES[entry.entry.evaluator]
        assert cells[5] == (entry.entry.quality or "")
        struck = all(r.font.strike for r in row.cells[3].paragraphs[0].runs)
        assert struck == entry.withdrawn, entry.id
        assert (t("eval.record.undone").split("{")[0] in cells[6]) == entry.withdrawn
        assert (t("eval.record.conflict") in cells[6]) == entry.conflict, entry.id
    c3 = [c.text for c in rows[record_ids.index("c3-partly")].cells]
    amended = f"{t('outcome.partly')}：阀门半开 → {t('outcome.on_time')}：阀门已关闭"
    assert c3[4] == t("outcome.on_time")
    assert t("eval.record.amended").split("{")[0] + amended in c3[6] and REASON in c3[6]
    assert t("eval.record.photo", n=1) in c3[6]
    answer = [c.text for c in rows[record_ids.index("q1-answer")].cells]
    assert answer[3] == t("eval.record.answer", inject="提问：报告时限？")
    assert "30分钟内书面报告" in answer[6]
    free = [c.text for c in rows[record_ids.index("free-1")].cells]
    assert free[3] == t("eval.record.free") and "现场人员自行架设水幕" in free[6]
    conflicts = table_with(
        report, [t("doc.no"), t("eval.record.what"), t("eval.conflicts.entries")]
    )
    assert [c.text for c in conflicts.rows[1].cells][1] == "设置警戒区"
    assert (
        "王评估" in conflicts.rows[1].cells[2].text and "李评估" in conflicts.rows[1].cells[2].text
    )
    assert "照片1：关闭泄漏阀门（李评估" in text
    late = t("common.bracketed", text=t("outcome.late"), aside="S")
    # the timeline annex carries the marks too
    assert t("common.labelled", label="启动应急响应", text=late) in text
    assert len(report.inline_shapes) >= 2  # the photo: a thumbnail and full size in the annex
    for login in ("eva", "evb", "lead", "director"):
        assert not re.search(rf"\b{login}\b", text), login
    assert "陈组长" in text and "周导调" in text

    # the debrief: what participants should see only
    debrief = all_text(python_docx.Document(io.BytesIO(to_docx_bytes(build_debrief(data)))))
    gaps = [f.title for f in review.proposed if f.kind == "gap"]
    assert gaps and not any(title in debrief for title in gaps)
    assert data.overall.grade == "" or data.overall.grade not in debrief
    for word in ("46", "评定为", "王评估", "李评估", "陈组长"):
        assert word not in debrief, word

    # the workbook
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(data)))
    summary = dict(list(book[t("doc.xlsx.summary")].values)[1:])
    assert summary[t("doc.xlsx.version")] == t("eval.version", n=1)
    assert {k: summary[t(f"outcome.{k}")] for k in EXPECTED} == EXPECTED
    assert summary[t("doc.xlsx.overall_score")] == pytest.approx(46.0)
    items = list(book[t("common.items")].values)
    header = items[0]
    got = {row[0]: row for row in items[1:]}
    for result in ev.items:
        row = got[result.item.id]
        assert row[header.index(t("common.result"))] == t(
            f"outcome.{ev.categories[result.item.id]}"
        )
        assert (row[header.index(t("eval.xlsx.quality"))] or "") == (result.quality or "")
        assert (row[1] or "") == (result.item.step_id or "")
    assert REASON in got["c3"][header.index(t("eval.xlsx.amended"))]
    assert got["x3"][header.index(t("eval.xlsx.conflict"))] == t("common.yes")
    record_sheet = list(book[t("eval.xlsx.record")].values)
    assert len(record_sheet) == 1 + len(ev.record)
    assert sum(1 for row in record_sheet[1:] if row[9]) == 2  # the two undone entries
    outcome = {row[0]: row[1:] for row in list(book[t("doc.xlsx.outcome")].values)[1:]}
    assert outcome["s1"] == ("报告事故信息", t("outcome.on_time"))
    assert outcome["s4"][1] == t("outcome.not_done")
    assert t("eval.xlsx.verification") in next(iter(book[t("common.actions")].values))
    findings = list(book[t("doc.xlsx.findings")].values)[1:]
    strengths = [row for row in findings if row[-1] == t("common.yes")]
    assert strengths and all(row[1] == t("findings.grade.strength") for row in strengths)

    # the English document is made from the same evaluation; its structure is the standard
    # chosen (none here: AQ/T 9009, as the plan is Chinese), not the reader's language
    english = review.document("en")
    assert english.categories == EXPECTED and english.record[0].id == record_ids[0]
    aqt = all_text(python_docx.Document(io.BytesIO(evaluation_report_bytes(english, review.plan))))
    assert t("eval.counts", lang="en", total=8, **EXPECTED) in aqt
    assert "After-Action Report" not in aqt and "Basic facts of the drill" in aqt

    # the review screen
    at = open_page(world, "drill_review", "lead", drill_id=drill_id)
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert {k: int(metrics[t(f"outcome.{k}")]) for k in EXPECTED} == EXPECTED
    assert metrics[t("review.overall")] == "46"
    frames = [d.value for d in at.dataframe]
    record_frame = next(f for f in frames if t("eval.xlsx.undone") in f.columns)
    assert len(record_frame) == len(ev.record)
    assert (record_frame[t("eval.xlsx.undone")] != "").sum() == 2
    assert (record_frame[t("eval.xlsx.conflict")] == "⚠").sum() == 2
    assert set(record_frame[t("common.evaluator")]) == {"王评估", "李评估"}
    area_frame = next(f for f in frames if t("review.col.weight") in f.columns)
    shown = dict(zip(area_frame[t("common.area")], area_frame[t("common.score")], strict=True))
    unrated = [shown[CAPABILITY_AREAS.label(area)] for area in ("public_info", "recovery")]
    assert unrated == [t("eval.not_rated")] * 2
    assert shown[CAPABILITY_AREAS.label("disposal")] == "50"


def test_objectives_ratings_and_the_leads_texts_appear_in_both_documents(drill):
    world, drill_id = drill
    db, lead = world.db, world.lead
    drills_objectives.rate_objective(
        db, lead, drill_id, ObjectiveRating("o1", "P", "按时报告"), now=at(80)
    )
    drills_objectives.rate_objective(
        db, lead, drill_id, ObjectiveRating("o2", "M", "警戒迟缓"), now=at(81)
    )
    review = review_panels.load(db, lead, drill_id, "zh")
    findings_store.save_proposed_findings(db, lead, drill_id, review.proposed, now=at(82))
    problem = next(f for f in review.shown_findings if not f.strength)
    actions_store.add_action(
        db,
        lead,
        drill_id,
        CorrectiveAction(
            "", problem.id, "警戒器材前置到罐区", "eva", date(2026, 7, 1), start=date(2026, 5, 10)
        ),
        now=at(83),
    )
    texts = {
        ("conclusion", "zh"): "本次演练基本达到预期目的，警戒与现场处置需加强。",
        ("area:disposal", "zh"): "现场处置总体有序，但警戒区设置迟缓。",
        (f"cause:{problem.id}", "zh"): "警戒器材存放位置离现场过远，班组未演练过。",
        ("conclusion", "en"): "The exercise largely met its objectives; cordon work lagged.",
        (f"cause:{problem.id}", "en"): "Cordon equipment was stored far from the site.",
    }
    for (key, lang), body in texts.items():
        drills_signoff.write_text(db, lead, drill_id, key, lang, body, now=at(90))
    drills_signoff.set_drill_standard(db, lead, drill_id, "hseep", now=at(91))
    review = review_panels.load(db, lead, drill_id, "zh")
    assert review.standard == "hseep"

    def document(lang: str) -> str:
        data = review.document(lang)
        return all_text(
            python_docx.Document(io.BytesIO(evaluation_report_bytes(data, review.plan)))
        )

    zh, en = document("zh"), document("en")
    for text, lang in ((zh, "zh"), (en, "en")):
        for objective in OBJECTIVES:  # objectives with their ratings, criteria, team
            assert objective.text in text
        assert CRITERIA in text and "陈组长" in text and "王评估" in text
        assert t("signoff.doc.sign_unit", lang=lang, unit="")[:4] in text
    assert "按时报告" in zh and "警戒迟缓" in zh and t("doc.aar.subtitle") in zh
    for (key, lang), body in texts.items():
        assert body in (zh if lang == "zh" else en), key
    assert "Lead evaluator (signature)" in en
    plan = table_with(
        python_docx.Document(
            io.BytesIO(evaluation_report_bytes(review.document("en"), review.plan))
        ),
        ["Capability", "Area for improvement"],
    )
    assert [c.text for c in plan.rows[0].cells][3:] == [
        "Capability element",
        "Primary responsible organization",
        "Point of contact",
        "Start date",
        "Completion date",
    ]
    row = [c.text for c in plan.rows[1].cells]
    assert row[2] == "警戒器材前置到罐区" and row[5] == "王评估"  # display name, never "eva"
    assert row[6:] == ["May 10, 2026", "July 1, 2026"] and row[3] in ("Training", "Planning")
    assert "Capability: Emergency disposal" in en  # strengths and improvements by capability

    # without a choice of its own, the drill follows its unit's standard
    drills_signoff.set_drill_standard(db, lead, drill_id, "", now=at(92))
    drills_signoff.set_unit_standard(db, lead, world.actors["lead"].unit, "aqt9009", now=at(93))
    review = review_panels.load(db, lead, drill_id, "en")
    assert review.standard == "aqt9009"
    en = document("en")
    assert "After-Action Report" not in en and texts[("conclusion", "en")] in en
