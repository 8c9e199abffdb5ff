"""Page tests of the evaluation lead's part of the documents on the review screen: the overall
and per-area conclusions drafted from the evaluation and edited (and reset to the draft), the
cause analysis of a problem, and the document standard chosen per drill and per unit, against a
real DuckDB file."""

from __future__ import annotations

import io

import docx as python_docx

from db import drills_signoff
from drills.signoff import draft_conclusion, text_key
from i18n import t
from tests.ui.review_pages import ended_drill_with_two_entries, review_page
from ui import review as review_panels


def boxes(at, prefix: str):
    return [a for a in at.text_area if str(a.key).startswith(prefix)]


def box(at, prefix: str):
    found = boxes(at, prefix)
    assert len(found) == 1, [str(a.key) for a in at.text_area]
    return found[0]


def click(at, key: str):
    next(b for b in at.button if str(b.key) == key).click().run()
    assert not at.exception, at.exception
    return at


def test_the_conclusion_is_drafted_from_the_evaluation_edited_and_reset(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id)
    review = review_panels.load(world.db, world.lead, drill_id, "zh")
    draft = draft_conclusion(review.evaluation, review.shown_findings, review.objectives, "zh")
    conclusion = box(at, "signoff_conclusion_zh_")
    assert conclusion.value == draft  # prose, not a line of numbers:
    assert t("signoff.draft.overall").split("{")[0] in draft
    assert t("signoff.ui.draft") in [c.value for c in at.caption]
    area = box(at, "signoff_area_disposal_zh_")
    assert area.value.startswith(t("signoff.draft.area_counts").split("{")[0])

    edited = "演练总体有序，堵漏器材未到位是主要问题。"
    conclusion.input(edited)
    at = click(at, f"{conclusion.key}_save")
    assert drills_signoff.signoff(world.db, world.lead, drill_id).texts_in("zh") == {
        "conclusion": edited
    }
    assert box(at, "signoff_conclusion_zh_").value == edited
    assert t("signoff.ui.edited") in [c.value for c in at.caption]
    documents = review_panels.load(world.db, world.lead, drill_id, "zh").document("zh")
    assert documents.conclusion == edited and documents.conclusion_edited

    at = click(at, f"{box(at, 'signoff_conclusion_zh_').key}_reset")
    assert drills_signoff.signoff(world.db, world.lead, drill_id).texts_in("zh") == {}
    assert box(at, "signoff_conclusion_zh_").value == draft


def test_the_lead_writes_the_cause_analysis_of_a_problem_and_the_report_carries_it(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id)
    review = review_panels.load(world.db, world.lead, drill_id, "zh")
    problems = [f for f in review.shown_findings if not f.strength]
    problem = problems[0]
    assert t("signoff.ui.causes_missing", n=len(problems)) in [w.value for w in at.warning]
    cause = box(at, f"signoff_cause_{problem.id}_zh_")
    assert cause.value == ""  # never a repeat of the category
    cause.input("堵漏器材存放在仓库，未随车配备。")
    at = click(at, f"{cause.key}_save")
    stored = drills_signoff.signoff(world.db, world.lead, drill_id).texts_in("zh")
    assert stored == {text_key("cause", problem.id): "堵漏器材存放在仓库，未随车配备。"}
    data = review_panels.load(world.db, world.lead, drill_id, "zh").document("zh")
    row = next(f for f in data.findings if f.id == problem.id)
    assert row.cause_analysis == "堵漏器材存放在仓库，未随车配备。"
    assert "review_report_prepare" in {str(b.key) for b in at.button}  # still offered


def test_an_evaluator_reads_no_edit_buttons_and_a_manager_cannot_write(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "director", drill_id)
    assert any(str(b.key).endswith("_save") for b in at.button)
    signed = drills_signoff.signoff(world.db, world.director, drill_id)
    assert signed.may_write and not signed.may_set_unit  # a director is no evaluation lead


def test_the_document_standard_is_chosen_per_drill_and_per_unit(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id)
    assert t("signoff.standard.aqt9009") in " ".join(m.value for m in at.markdown)
    at.selectbox(key="signoff_standard_drill").set_value("hseep")
    at = click(at, "signoff_standard_drill_save")
    assert drills_signoff.signoff(world.db, world.lead, drill_id).drill_standard == "hseep"
    assert t("signoff.standard.hseep") in " ".join(m.value for m in at.markdown)
    review = review_panels.load(world.db, world.lead, drill_id, "zh")
    assert review.standard == "hseep" and review.data.hseep
    # a Chinese document in HSEEP form: the language is chosen at download, not the structure
    from drills.report_assemble import evaluation_report_bytes

    doc = python_docx.Document(io.BytesIO(evaluation_report_bytes(review.data, review.plan)))
    assert t("doc.aar.subtitle") in "\n".join(p.text for p in doc.paragraphs)

    at.selectbox(key="signoff_standard_drill").set_value("")
    at = click(at, "signoff_standard_drill_save")
    at.selectbox(key="signoff_standard_unit").set_value("hseep")
    at = click(at, "signoff_standard_unit_save")
    signed = drills_signoff.signoff(world.db, world.lead, drill_id)
    assert (signed.drill_standard, signed.unit_standard) == ("", "hseep")
    assert review_panels.load(world.db, world.lead, drill_id, "zh").standard == "hseep"
