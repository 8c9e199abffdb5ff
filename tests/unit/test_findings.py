"""Findings proposed from a scored drill, corrective actions, the plan-revision loop."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import i18n
from drills.errors import DrillError
from drills.findings import (
    CorrectiveAction,
    Finding,
    ParticipantReview,
    finding_closed,
    overdue_actions,
    propose_findings,
    revision_needed,
)
from drills.scoring import score_drill
from drills.state import fold
from i18n.glossary import (
    ACTION_STATUSES,
    CAPABILITY_AREAS,
    FINDING_CAUSES,
    FINDING_GRADES,
    FINDING_KINDS,
    FINDING_STATUSES,
)
from tests.drill_samples import clock, items_of, plan_of, rated

RUNNING = clock(("start", 0))


def propose(checklist, observations, plan=None, lang="zh"):
    state = fold(checklist, observations, RUNNING)
    evaluation = score_drill(checklist, state, RUNNING)
    return propose_findings(checklist, evaluation, state, plan, lang=lang)


def summary(findings):
    """id -> (cause, grade, step_id, role_id) of each finding that is not a strength."""
    return {f.id: (f.cause, f.grade, f.step_id, f.role_id) for f in findings if not f.strength}


LIMITED = {"time_limit_min": 10, "roles": ("r1",)}


@pytest.mark.parametrize(
    ("phase", "step", "expected"),
    [
        ("report", LIMITED, ("execution", "deficiency")),  # critical phase
        ("activation", LIMITED, ("execution", "deficiency")),
        ("termination", LIMITED, ("execution", "deficiency")),
        ("disposal", LIMITED, ("execution", "must_fix")),
        ("disposal", {"roles": ()}, ("plan_defect", "must_fix")),  # the plan names no owner
        ("report", {"roles": ("r1",)}, ("plan_defect", "deficiency")),  # no time limit to report
        ("disposal", {"roles": ("r1",)}, ("execution", "must_fix")),  # no limit, not critical
    ],
)
def test_a_missed_item_is_proposed_with_its_cause_and_grade(phase, step, expected):
    plan = plan_of("c1", c1={"phase": phase, **step})
    checklist = items_of("c1", c1={"phase": phase, "roles": step["roles"]})
    found = summary(propose(checklist, [rated("o1", "c1", "not_done")], plan))
    lead = step["roles"][0] if step["roles"] else None
    assert found == {"missed-c1": (*expected, "c1", lead)}


def test_without_the_plan_a_missed_item_of_no_role_is_still_a_plan_defect():
    checklist = items_of("c1", c1={"roles": ()})
    assert summary(propose(checklist, [rated("o1", "c1", "not_done")]))["missed-c1"][0] == (
        "plan_defect"
    )


def test_a_missed_extra_item_is_never_a_plan_defect():
    checklist = (replace(items_of("c1", c1={"roles": ()})[0], step_id=None),)
    found = summary(propose(checklist, [rated("o1", "c1", "not_done")]))
    assert found == {"missed-c1": ("execution", "must_fix", None, None)}


def test_a_late_item_is_a_must_fix_of_execution_with_its_minutes():
    checklist = items_of("c1", c1={"time_limit_min": 10})
    findings = propose(checklist, [rated("o1", "c1", "done", entered=14)], lang="en")
    assert summary(findings) == {"late-c1": ("execution", "must_fix", "c1", "r1")}
    assert "due by drill minute 10" in findings[0].description
    assert "4 minutes late" in findings[0].description
    assert findings[0].evidence == ("o1",)


@pytest.mark.parametrize(
    ("c1_roles", "cause"),
    [
        (("r1",), "execution"),  # the same role did things out of its own order
        (("r2",), "coordination"),  # it went ahead of another role's step
    ],
)
def test_an_item_done_before_its_prerequisite_is_proposed(c1_roles, cause):
    """c1 → c2."""
    checklist = items_of("c1→c2", c1={"roles": c1_roles})
    observations = [rated("o1", "c1", "done", entered=9), rated("o2", "c2", "done", entered=5)]
    findings = propose(checklist, observations)
    assert summary(findings) == {"out_of_order-c2": (cause, "improvement", "c2", "r1")}
    assert findings[0].evidence == ("o2", "o1")  # the item's and the later prerequisite's


@pytest.mark.parametrize(
    ("support", "cause"),
    [
        ((), "plan_defect"),  # the plan names an owner who in practice does not do it
        (("r2",), "coordination"),  # the supporting role took over from the lead
    ],
)
def test_an_item_done_by_another_role_is_proposed(support, cause):
    plan = plan_of("c1", c1={"support": support})
    checklist = items_of("c1")
    findings = propose(checklist, [rated("o1", "c1", "done", done_by="r2")], plan)
    assert summary(findings) == {"wrong_role-c1": (cause, "improvement", "c1", "r1")}
    assert "抢险救援组" in findings[0].description and "总指挥" in findings[0].description


def test_items_nobody_recorded_become_one_coverage_finding_per_area():
    checklist = items_of(
        "c1, c2, c3, c4",
        c1={"phase": "report"},
        c2={"phase": "report", "roles": ("r2",)},
        c3={"phase": "disposal"},
        c4={"phase": "disposal"},
    )
    findings = propose(checklist, [rated("o4", "c4", "done")], plan_of("c1"))
    gaps = [f for f in findings if f.kind == "gap"]
    assert summary(gaps) == {
        "gap-warning_report": ("resources", "improvement", None, None),
        "gap-disposal": ("resources", "improvement", None, None),
    }
    assert gaps[0].area == "warning_report"
    # the words after the counts, items and roles: a gap in the evaluation, not a failure
    assert gaps[0].description.endswith(i18n.t("findings.text.gap").split("}")[-1])
    assert "总指挥和抢险救援组" in gaps[0].description
    assert not any(f.kind == "missed" for f in findings)  # a gap is not a failure


def test_an_evaluators_note_joins_the_items_finding_or_makes_its_own():
    checklist = items_of("c1, c2")
    observations = [
        rated("o1", "c1", "not_done", note="无人接警"),
        rated("o2", "c2", "done", note="对讲机电量不足"),
    ]
    findings = {f.id: f for f in propose(checklist, observations)}
    assert set(findings) == {"missed-c1", "note-c2"}
    assert findings["missed-c1"].description.endswith("评估人员记录：无人接警")
    assert findings["note-c2"].description == "对讲机电量不足"
    assert (findings["note-c2"].grade, findings["note-c2"].step_id) == ("improvement", "c2")


def test_a_free_observation_with_a_note_is_proposed_with_the_role_it_concerns():
    checklist = items_of("c1")
    observations = [
        rated("o1", "c1", "done"),
        rated("f1", None, None, kind="free", note="医疗组自行设置了洗消点", done_by="r3"),
        rated("f2", None, None, kind="free", note=""),
    ]
    findings = [f for f in propose(checklist, observations) if f.kind == "note"]
    assert [(f.id, f.role_id, f.evidence) for f in findings] == [("free-f1", "r3", ("f1",))]
    assert findings[0].title == "现场观察：医疗组自行设置了洗消点"


def test_an_area_rated_p_is_recorded_as_a_strength():
    checklist = items_of("c1, c2", c1={"phase": "report"}, c2={"phase": "disposal"})
    observations = [rated("o1", "c1", "done"), rated("o2", "c2", "not_done")]
    strengths = [f for f in propose(checklist, observations) if f.strength]
    assert [(f.id, f.cause, f.grade, f.area) for f in strengths] == [
        ("strength-warning_report", None, None, "warning_report")
    ]
    assert "得分 100" in strengths[0].description


def test_one_item_can_give_several_findings_each_linked_to_its_step():
    checklist = items_of("c1→c2", c2={"time_limit_min": 5})
    observations = [
        rated("o1", "c1", "done", entered=9),
        rated("o2", "c2", "done", entered=7, done_by="r2"),
    ]
    ids = [f.id for f in propose(checklist, observations) if not f.strength]
    assert ids == ["late-c2", "out_of_order-c2", "wrong_role-c2"]


def test_proposals_are_written_in_the_language_asked_and_are_stable():
    checklist = items_of("c1, c2", c1={"time_limit_min": 1})
    observations = [rated("o1", "c1", "done", entered=3)]
    english = propose(checklist, observations, lang="en")
    chinese = propose(checklist, observations, lang="zh")
    assert [f.id for f in english] == [f.id for f in chinese] == ["late-c1", "gap-disposal"]
    assert english[0].title == "Late: 检查项c1" and chinese[0].title == "超时：检查项c1"
    assert english[1].title == "Emergency disposal: 1 items not observed"
    assert all(f.status == "proposed" for f in english)
    assert not any("⟦" in f.title + f.description for f in english + chinese)


def test_every_word_a_finding_shows_is_in_the_catalogue():
    keys = (
        [f"findings.cause.{c}" for c in FINDING_CAUSES]
        + [f"findings.grade.{g}" for g in FINDING_GRADES]
        + [f"findings.status.{s}" for s in FINDING_STATUSES]
        + [f"findings.kind.{k}" for k in FINDING_KINDS]
        + [f"findings.action_status.{s}" for s in ACTION_STATUSES]
        + [f"scoring.area.{a}" for a in CAPABILITY_AREAS]
        + [f"findings.title.{k}" for k in FINDING_KINDS if k != "manual"]
    )
    assert [key for key in keys if not i18n.has(key)] == []


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"title": " "}, "findings.empty_title"),
        ({"cause": "bad_luck"}, "findings.bad_cause"),
        ({"cause": None}, "findings.bad_cause"),  # only a strength may leave it open
        ({"grade": "minor"}, "findings.bad_grade"),
        ({"status": "closed"}, "findings.bad_status"),
        ({"kind": "rumour"}, "findings.bad_kind"),
    ],
)
def test_a_finding_with_an_impossible_field_is_refused(fields, key):
    with pytest.raises(DrillError) as caught:
        Finding(**{"id": "F1", "title": "通信不畅", **fields})
    assert caught.value.key == key and i18n.has(key)


def test_a_strength_may_leave_cause_and_grade_open_and_the_lead_can_edit_a_finding():
    strength = Finding("S1", "指挥有序", cause=None, grade=None, strength=True)
    assert strength.cause is None
    finding = Finding("F1", "通信不畅", evidence=["o1"])
    edited = replace(finding, cause="resources", grade="must_fix", status="accepted")
    assert (edited.evidence, edited.status) == (("o1",), "accepted")


def action(aid, status="open", due=date(2026, 6, 1), finding="F1", verification=""):
    return CorrectiveAction(aid, finding, "配发备用电池", "后勤保障组", due, status, verification)


@pytest.mark.parametrize(
    ("statuses", "closed"),
    [
        ([], False),  # a finding nobody answered is not closed
        (["open"], False),
        (["done"], False),  # done, waiting for verification
        (["verified"], True),
        (["verified", "in_progress"], False),
        (["verified", "verified"], True),
    ],
)
def test_a_finding_closes_when_all_its_actions_are_verified(statuses, closed):
    finding = Finding("F1", "通信不畅")
    actions = [action(f"A{n}", s, verification="已抽查") for n, s in enumerate(statuses)]
    actions.append(action("X1", "open", finding="F2"))  # another finding's action
    assert finding_closed(finding, actions) is closed


def test_overdue_actions_are_unfinished_ones_past_their_due_date_earliest_first():
    actions = [
        action("A1", "open", date(2026, 6, 10)),
        action("A2", "in_progress", date(2026, 6, 1)),
        action("A3", "done", date(2026, 5, 1)),  # finished, waits for verification
        action("A4", "verified", date(2026, 5, 1), verification="复查合格"),
        action("A5", "open", date(2026, 6, 15)),  # due today: not overdue yet
        action("A0", "open", date(2026, 6, 1)),
    ]
    assert [a.id for a in overdue_actions(actions, date(2026, 6, 15))] == ["A0", "A2", "A1"]


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"status": "verified"}, "findings.action.verification_needed"),
        ({"status": "cancelled"}, "findings.action.bad_status"),
        ({"action": ""}, "findings.action.empty"),
    ],
)
def test_an_impossible_corrective_action_is_refused(fields, key):
    base = {
        "id": "A1",
        "finding_id": "F1",
        "action": "演练",
        "owner": "办公室",
        "due": date(2026, 6, 1),
    }
    with pytest.raises(DrillError) as caught:
        CorrectiveAction(**{**base, **fields})
    assert caught.value.key == key and i18n.has(key)


@pytest.mark.parametrize(
    ("findings", "needed"),
    [
        ([], False),
        ([("deficiency", "plan_defect", "accepted")], True),
        ([("deficiency", "plan_defect", "proposed")], False),  # not accepted yet
        ([("deficiency", "plan_defect", "rejected")], False),
        ([("deficiency", "execution", "accepted")], False),  # not the plan's fault
        ([("must_fix", "plan_defect", "accepted")], False),  # not a deficiency
        (
            [
                ("improvement", "training", "accepted"),
                ("deficiency", "plan_defect", "rejected"),
                ("deficiency", "plan_defect", "accepted"),
            ],
            True,
        ),
    ],
)
def test_an_accepted_plan_defect_deficiency_marks_the_plan_for_revision(findings, needed):
    made = [
        Finding(f"F{n}", "问题", cause=cause, grade=grade, status=status, step_id="s1")
        for n, (grade, cause, status) in enumerate(findings)
    ]
    assert revision_needed(made) is needed


@pytest.mark.parametrize("rating", [0, 6, 2.5, "5", True, None])
def test_a_participant_review_rates_from_1_to_5(rating):
    assert ParticipantReview("zhang", "r2", "响应迅速", "通信不畅", 5).rating == 5
    with pytest.raises(DrillError) as caught:
        ParticipantReview("zhang", "r2", rating=rating)
    assert caught.value.key == "findings.review.bad_rating"
