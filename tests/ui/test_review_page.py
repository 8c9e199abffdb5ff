"""Page tests of the evaluation and improvement screen after a drill: scores with rating
changes and weights, findings edited by the evaluation lead, corrective actions with the overdue
list, participants' own reviews, documents, against a real DuckDB file."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import docx as python_docx
import pytest

from db import actions_store, drills_store, findings_store, revision_store
from drills.actions import CorrectiveAction, ParticipantReview
from i18n import t
from services import drills as drill_cases
from tests.integration.drills_world import design, obs
from tests.ui.drill_pages import open_page, running_drill, texts
from tests.ui.review_pages import ended_drill_with_two_entries, review_page, stored


def test_the_lead_opens_the_review_on_the_proposals_kept_at_the_end(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id)
    assert not at.error, [e.value for e in at.error]
    proposals = stored(world, drill_id)
    assert {s.finding.kind for s in proposals} >= {"missed"}
    labels = [m.label for m in at.metric]
    assert t("review.overall") in labels and t("review.coverage") in labels
    # the findings table lists every stored finding
    tables = [d.value for d in at.dataframe]
    assert any(len(frame) == len(proposals) for frame in tables)
    rows = world.db.execute(
        "SELECT count(*) FROM drill_scores WHERE drill_id = ?", [drill_id]
    ).fetchone()[0]
    assert rows > 0


def test_the_lead_edits_a_finding_into_a_plan_defect_and_the_plan_falls_due(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id)
    target = next(s for s in stored(world, drill_id) if s.finding.kind == "missed")
    at.selectbox(key="review_edit_pick_zh").set_value(target.finding.id).run()
    key = f"review_f_{target.finding.id}_{target.version}_zh"
    at.text_input(key=f"{key}_title").set_value("报告时限未写明")
    at.selectbox(key=f"{key}_cause").set_value("plan_defect")
    at.selectbox(key=f"{key}_grade").set_value("deficiency")
    at.selectbox(key=f"{key}_status").set_value("accepted")
    at.selectbox(key=f"{key}_step").set_value("s2")
    at.button(key="review_f_save").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    after = stored(world, drill_id, target.finding.id)
    assert after.version == target.version + 1
    assert (after.finding.title, after.finding.cause, after.finding.grade) == (
        "报告时限未写明",
        "plan_defect",
        "deficiency",
    )
    assert after.finding.step_id == "s2" and after.finding.status == "accepted"
    # the next run tells that the plan is due for revision and marks it in the store
    assert t("review.plan_due", n=1) in [w.value for w in at.warning]
    due = revision_store.plans_due(world.db, world.lead, unit=world.lead.unit)
    assert [d.drill_id for d in due] == [drill_id]


def test_a_second_editor_does_not_overwrite_a_finding_saved_meanwhile(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id)
    first = stored(world, drill_id)[0]
    at.selectbox(key="review_edit_pick_zh").set_value(first.finding.id).run()
    # the director saves the same finding first
    findings_store.update_finding(
        world.db,
        world.director,
        drill_id,
        replace(first.finding, title="导调改过"),
        first.version,
        now=datetime.now(UTC),
    )
    key = f"review_f_{first.finding.id}_{first.version}_zh"
    at.text_input(key=f"{key}_title").set_value("组长改过")
    at.button(key="review_f_save").click().run()
    assert at.error, "the stale save must be refused with a message"
    assert stored(world, drill_id, first.finding.id).finding.title == "导调改过"


def test_accept_all_and_add_a_finding_by_hand(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id)
    at.button(key="review_accept_all").click().run()
    assert not at.exception, at.exception
    assert {s.finding.status for s in stored(world, drill_id)} == {"accepted"}
    at.text_input(key="review_new_zh_title").set_value("通讯器材电量不足")
    at.selectbox(key="review_new_zh_cause").set_value("resources")
    at.selectbox(key="review_new_zh_role").set_value("r3")
    at.button(key="review_add_save").click().run()
    assert not at.exception, at.exception
    manual = stored(world, drill_id, "manual-1")
    assert manual.finding.title == "通讯器材电量不足"
    assert (manual.finding.cause, manual.finding.role_id, manual.finding.kind) == (
        "resources",
        "r3",
        "manual",
    )


def test_a_rating_change_needs_a_reason_and_the_report_shows_it(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id)
    area = at.selectbox(key="review_override_area").options[0]
    at.selectbox(key="review_override_rating").set_value("S")
    at.button(key="review_override_save").click().run()
    assert at.error  # no reason: refused, nothing stored
    assert findings_store.overrides(world.db, world.lead, drill_id) == []
    at.text_area(key="review_override_reason").set_value("现场处置得当，记录遗漏")
    at.button(key="review_override_save").click().run()
    assert not at.exception, at.exception
    (override,) = findings_store.overrides(world.db, world.lead, drill_id)
    assert override.override.rating == "S" and override.override.reason == "现场处置得当，记录遗漏"
    assert area  # the chosen area is the first one offered
    chosen = at.selectbox(key="review_override_area").value
    kept = world.db.execute(
        "SELECT rating FROM drill_scores WHERE drill_id = ? AND dimension = 'area' AND key = ?",
        [drill_id, chosen],
    ).fetchone()
    assert kept == ("S",)  # kept for the analytics at once
    reasons = [
        row
        for frame in (d.value for d in at.dataframe)
        if t("review.col.reason") in frame.columns
        for row in frame[t("review.col.reason")]
    ]
    assert "现场处置得当，记录遗漏" in reasons


def overall_score(world, drill_id: int) -> float:
    return world.db.execute(
        "SELECT score FROM drill_scores WHERE drill_id = ? AND dimension = 'overall'", [drill_id]
    ).fetchone()[0]


def test_the_lead_of_the_unit_sets_area_weights_and_the_stored_score_follows(world):
    drill_id = ended_drill_with_two_entries(world)
    assert overall_score(world, drill_id) == 50.0  # c1 done (warning_report), c3 not (disposal)
    at = review_page(world, "lead", drill_id)
    at.number_input(key="review_weight_disposal").set_value(3.0)
    at.button(key="review_weights_save").click().run()
    assert not at.exception, at.exception
    weights = findings_store.weights_for(world.db, world.lead, world.lead.unit)
    assert weights["disposal"] == 3.0
    assert overall_score(world, drill_id) == 25.0
    # the director (not a lead of the unit) gets no weights form
    director = review_page(world, "director", drill_id)
    assert not [n for n in director.number_input if str(n.key).startswith("review_weight_")]


def test_weights_saved_from_a_stale_form_are_refused(world):
    drill_id = ended_drill_with_two_entries(world)
    first = review_page(world, "lead", drill_id)
    second = review_page(world, "lead", drill_id)
    second.number_input(key="review_weight_command").set_value(2.0)
    second.button(key="review_weights_save").click().run()
    first.number_input(key="review_weight_disposal").set_value(3.0)
    first.button(key="review_weights_save").click().run()
    assert t("findings_store.weights_conflict", unit=world.lead.unit) in "\n".join(
        e.value for e in first.error
    )
    assert findings_store.weights_for(world.db, world.lead, world.lead.unit)["command"] == 2.0
    assert t("guard.changed_meanwhile") in "\n".join(w.value for w in first.warning)


def drill_ended_days_ago(world, days: int) -> int:
    """A drill started and ended `days` days ago, in which evb recorded c3 as not done."""
    started = datetime.now(UTC) - timedelta(days=days)
    drill_id = drills_store.create_drill(world.db, world.director, design(world), now=started)
    drills_store.seal_drill(world.db, world.director, drill_id, now=started)
    drills_store.start_drill(world.db, world.director, drill_id, now=started)
    tap = started + timedelta(minutes=2)
    drills_store.record_observation(
        world.db,
        world.evb,
        obs(drill_id, "evb", "c3", rating="not_done", entered_at=tap, happened_at=tap),
    )
    drill_cases.end_drill(world.db, world.director, drill_id, now=started + timedelta(hours=1))
    return drill_id


def test_corrective_actions_overdue_list_and_closing_a_finding(world):
    drill_id = drill_ended_days_ago(world, 10)
    finding = next(s for s in stored(world, drill_id) if not s.finding.strength)
    actions_store.add_action(  # set a week ago, due three days ago
        world.db,
        world.lead,
        drill_id,
        CorrectiveAction(
            "x", finding.finding.id, "修订报告流程", "办公室", date.today() - timedelta(days=3)
        ),
        now=datetime.now(UTC) - timedelta(days=7),
    )
    at = review_page(world, "lead", drill_id)
    assert t("review.overdue", n=1) in [e.value for e in at.error]
    days = t("common.days_overdue")
    overdue = next(d.value for d in at.dataframe if days in d.value.columns)
    assert list(overdue[days]) == [3]
    # verifying without saying how is refused; with a verification it closes the finding
    (action,) = actions_store.list_actions(world.db, world.lead, drill_id=drill_id)
    key = f"review_a_{action.action.id}_{action.version}_zh"
    at.selectbox(key=f"{key}_status").set_value("verified")
    at.button(key="review_a_save").click().run()
    assert at.error
    assert actions_store.list_actions(world.db, world.lead, drill_id=drill_id)[0].version == 1
    at.text_input(key=f"{key}_verification").set_value("复查演练确认")
    at.button(key="review_a_save").click().run()
    assert not at.exception, at.exception
    (after,) = actions_store.list_actions(world.db, world.lead, drill_id=drill_id)
    assert after.action.status == "verified" and after.action.verification == "复查演练确认"
    assert not any(t("review.overdue", n=1) == e.value for e in at.error)


def test_the_lead_adds_a_corrective_action_on_the_page(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id)
    at.text_area(key="review_a_new_zh_action").set_value("组织专项培训")
    at.text_input(key="review_a_new_zh_owner").set_value("安全科")
    at.button(key="review_a_add_save").click().run()
    assert not at.exception, at.exception
    (action,) = actions_store.list_actions(world.db, world.lead, drill_id=drill_id)
    assert (action.action.action, action.action.owner) == ("组织专项培训", "安全科")
    assert action.action.due == date.today() + timedelta(days=30)


def self_review_widget(widgets, form: str, name: str):
    """A widget of the self-review form (its key carries the revision the form opened on)."""
    return next(w for w in widgets if str(w.key).startswith(f"{form}_{name}_"))


def test_a_participant_reviews_the_drill_and_the_lead_reads_it(world):
    drill_id = ended_drill_with_two_entries(world)
    at = open_page(world, "participate", "pat")
    assert not at.exception, at.exception
    at.button(key=f"selfreview_submit_{drill_id}").click().run()
    assert at.error  # nothing written: refused
    assert findings_store.list_reviews(world.db, world.lead, drill_id) == []
    form = f"selfreview_{drill_id}"
    self_review_widget(at.text_area, form, "improve").set_value("堵漏器材取用慢")
    self_review_widget(at.slider, form, "rating").set_value(4)
    self_review_widget(at.selectbox, form, "role").set_value("r3")
    at.button(key=f"selfreview_submit_{drill_id}").click().run()
    assert not at.exception, at.exception
    (review,) = findings_store.list_reviews(world.db, world.lead, drill_id)
    assert review.review == ParticipantReview("pat", "r3", "", "堵漏器材取用慢", 4)

    lead = review_page(world, "lead", drill_id)
    improve = t("common.what_to_improve")
    table = next(d.value for d in lead.dataframe if improve in d.value.columns)
    assert list(table[improve]) == ["堵漏器材取用慢"]
    assert "1/1" in texts(lead)

    # the same participant in a second window submits first: the first window's save is refused
    other = open_page(world, "participate", "pat")
    self_review_widget(other.text_area, form, "improve").set_value("另一窗口的意见")
    other.button(key=f"selfreview_submit_{drill_id}").click().run()
    self_review_widget(at.text_area, form, "improve").set_value("本窗口的意见")
    at.button(key=f"selfreview_submit_{drill_id}").click().run()
    assert t("findings_store.review_conflict") in "\n".join(e.value for e in at.error)
    (review,) = findings_store.list_reviews(world.db, world.lead, drill_id)
    assert review.review.to_improve == "另一窗口的意见"


def test_the_documents_follow_the_leads_edits(world):
    from ui import review as panels

    drill_id = ended_drill_with_two_entries(world)
    first, second = stored(world, drill_id)[:2]
    findings_store.update_finding(
        world.db,
        world.lead,
        drill_id,
        replace(first.finding, title="改写后的问题标题"),
        first.version,
        now=datetime.now(UTC),
    )
    findings_store.update_finding(
        world.db,
        world.lead,
        drill_id,
        replace(second.finding, status="rejected"),
        second.version,
        now=datetime.now(UTC),
    )
    at = review_page(world, "lead", drill_id)
    for key in ("review_report", "review_debrief", "review_excel"):  # built when asked for
        at.button(key=f"{key}_prepare").click().run()
        assert not at.exception, at.exception
    assert {str(b.key) for b in at.get("download_button")} >= {
        "review_report",
        "review_debrief",
        "review_excel",
    }
    review = panels.load(world.db, world.lead, drill_id, "zh")
    from drills.report_assemble import evaluation_report_bytes

    document = python_docx.Document(io.BytesIO(evaluation_report_bytes(review.data, review.plan)))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for table in document.tables for row in table.rows for c in row.cells
    )
    assert "改写后的问题标题" in text
    assert second.finding.title not in text


@pytest.mark.parametrize("user", ["eva", "pat"])
def test_evaluators_and_participants_may_not_open_the_review(world, user):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, user, drill_id)
    assert at.error
    assert not at.dataframe


def test_a_manager_of_the_unit_reads_the_review_without_editing(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "manager", drill_id)
    assert not at.error, [e.value for e in at.error]
    assert at.dataframe
    keys = {str(b.key) for b in at.button}
    assert "review_f_save" not in keys and "review_accept_all" not in keys


def test_a_running_drill_is_not_offered_for_review(world):
    running_drill(world)
    at = review_page(world, "lead", None)
    assert t("review.none") in [i.value for i in at.info]


def test_the_review_speaks_english(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id, lang="en")
    shown = texts(at) + "\n".join(str(b.label) for b in at.button) + str(at.tabs)
    assert "⟦" not in shown
    assert "Overall score" in [m.label for m in at.metric]


def test_the_console_leads_to_the_review_after_the_end(world):
    drill_id = ended_drill_with_two_entries(world)
    at = open_page(world, "drill_console", "director", drill_id=drill_id)
    assert not at.exception, at.exception
    assert at.button(key="console_to_review")
    assert drills_store.drill_summary(world.db, world.director, drill_id).status == "ended"


def test_a_finding_added_without_a_title_is_refused_and_nothing_stored(world):
    drill_id = ended_drill_with_two_entries(world)
    at = review_page(world, "lead", drill_id)
    count = len(stored(world, drill_id))
    assert at.text_input(key="review_new_zh_title").value == ""
    at.button(key="review_add_save").click().run()
    assert any(t("findings.empty_title") in e.value for e in at.error)
    assert len(stored(world, drill_id)) == count


def test_a_drill_nobody_observed_shows_no_score_rather_than_zero(world):
    drill_id = running_drill(world)
    drill_cases.end_drill(world.db, world.director, drill_id, now=datetime.now(UTC))
    at = review_page(world, "lead", drill_id)
    metrics = {m.label: m.value for m in at.metric}
    # nothing to score: "not rated", never 0
    assert metrics[t("review.overall")] == t("eval.not_rated")
    assert metrics[t("review.coverage")] == "0%"
