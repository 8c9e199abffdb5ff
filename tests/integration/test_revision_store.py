"""The plan-revision loop on a real DuckDB file: findings mark a plan as due, open a
revision draft with flagged steps and roles, and the published revision goes to Word with a
revision record that maps each finding to its change."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from docx import Document

from access.policy import NotAllowedError
from db import audit_store, drills_store, findings_store, plans_store, plans_word, revision_store
from db.errors import InvalidTransitionError, NotFoundError, StoreError
from drills.findings import Finding
from i18n import t
from plans.model import replace
from plans.word_export import from_sources
from tests.actors import APPROVER, OWNER
from tests.integration.drills_world import at, design, seed

NOW = at(300)

REPORT_LATE = Finding(
    "missed-c1",
    "接报后未按时报告指挥部",
    cause="plan_defect",
    grade="deficiency",
    status="accepted",
    step_id="s1",
    role_id="r2",
)
RESCUE_ROLE = Finding(
    "wrong_role-c3", "抢险救援组职责不清", cause="plan_defect", grade="must_fix", role_id="r3"
)
TRAINING = Finding("late-c2", "启动响应迟缓", cause="training", grade="must_fix", step_id="s2")
FINDINGS = [REPORT_LATE, RESCUE_ROLE, TRAINING]


@pytest.fixture
def world(database):
    world = seed(database)
    world.drill_id = drills_store.create_drill(world.db, world.director, design(world), now=at(-60))
    world.plan_id = plans_store.version_info(world.db, OWNER, world.version_id).plan_id
    yield world
    world.db.close()


def publish_fix(world, draft_id: int) -> None:
    """The owner shortens the report limit of s1 (10 → 5 minutes) and an approver publishes."""
    plan = plans_store.load_version(world.db, OWNER, draft_id)
    s1 = replace(plan.steps[0], time_limit_min=5)
    plan = replace(plan, steps=(s1, *plan.steps[1:]))
    plans_store.save_version(world.db, OWNER, draft_id, plan, expected_revision=1, now=NOW)
    plans_store.submit_for_review(world.db, OWNER, draft_id, NOW)
    plans_store.approve(world.db, APPROVER, draft_id, NOW + timedelta(days=1))


def test_an_accepted_plan_defect_deficiency_marks_the_plan_due(world):
    assert revision_store.mark_due(
        world.db, world.lead, world.plan_id, world.drill_id, FINDINGS, now=NOW
    )
    revision_store.mark_due(world.db, world.lead, world.plan_id, world.drill_id, FINDINGS, now=NOW)
    (due,) = revision_store.plans_due(world.db, OWNER)
    assert (due.plan_id, due.drill_id, due.finding_ids) == (
        world.plan_id,
        world.drill_id,
        ("missed-c1",),
    )
    assert not revision_store.mark_due(
        world.db, world.lead, world.plan_id, world.drill_id, [TRAINING], now=NOW
    )


def test_a_participant_may_neither_mark_a_plan_due_nor_open_a_revision(world):
    with pytest.raises(NotAllowedError):
        revision_store.mark_due(
            world.db, world.pat, world.plan_id, world.drill_id, FINDINGS, now=NOW
        )
    with pytest.raises(NotAllowedError):
        revision_store.open_revision(world.db, world.pat, world.drill_id, FINDINGS, now=NOW)
    assert len(plans_store.list_versions(world.db, OWNER, world.plan_id)) == 1


def test_a_revision_opens_a_draft_with_the_linked_step_and_role_flagged(world):
    draft_id = revision_store.open_revision(world.db, OWNER, world.drill_id, FINDINGS, now=NOW)
    info = plans_store.version_info(world.db, OWNER, draft_id)
    assert (info.status, info.number, info.base_version_id) == ("draft", 2, world.version_id)
    flags = [s.flag for s in revision_store.flags_of(world.db, OWNER, draft_id)]
    assert [(f.kind, f.item_id, f.finding_id, f.drill_id) for f in flags] == [
        ("step", "s1", "missed-c1", world.drill_id),
        ("role", "r3", "wrong_role-c3", world.drill_id),
    ]
    assert plans_store.load_version(world.db, OWNER, draft_id) == plans_store.load_version(
        world.db, OWNER, world.version_id
    )
    actions = [e.action for e in audit_store.search_audit(world.db, world.root, text="")]
    assert {"version.new_draft", "version.open_revision"} <= set(actions)


def test_a_second_revision_is_refused_while_a_draft_exists_and_names_it(world):
    draft_id = revision_store.open_revision(world.db, OWNER, world.drill_id, FINDINGS, now=NOW)
    with pytest.raises(InvalidTransitionError) as refused:
        revision_store.open_revision(world.db, OWNER, world.drill_id, FINDINGS, now=NOW)
    assert refused.value.key == "revision.draft_exists"
    assert refused.value.params["version_id"] == draft_id


def test_findings_with_nothing_to_flag_leave_no_draft_behind(world):
    with pytest.raises(StoreError) as refused:
        revision_store.open_revision(world.db, OWNER, world.drill_id, [TRAINING], now=NOW)
    assert refused.value.key == "revision.nothing_to_flag"
    assert len(plans_store.list_versions(world.db, OWNER, world.plan_id)) == 1


def test_the_published_revision_maps_each_finding_to_its_change(world):
    revision_store.mark_due(world.db, world.lead, world.plan_id, world.drill_id, FINDINGS, now=NOW)
    draft_id = revision_store.open_revision(world.db, OWNER, world.drill_id, FINDINGS, now=NOW)
    role_flag = revision_store.flags_of(world.db, OWNER, draft_id)[1]
    revision_store.resolve_flag(world.db, OWNER, role_flag.id, note="职责已写入处置卡", now=NOW)
    with pytest.raises(InvalidTransitionError):
        revision_store.revision_record_for(world.db, OWNER, draft_id, lang="zh")
    publish_fix(world, draft_id)

    record = revision_store.revision_record_for(world.db, OWNER, draft_id, lang="zh")
    assert [(r["finding"], r["item"], r["change"]) for r in record] == [
        ("接报后未按时报告指挥部", "步骤：报告事故信息", "时限 10 分钟 → 5 分钟"),
        ("抢险救援组职责不清", "角色：抢险救援组", "未修改（说明：职责已写入处置卡）"),
    ]
    assert record[0]["date"] == (NOW + timedelta(days=1)).date().isoformat()
    english = revision_store.revision_record_for(world.db, OWNER, draft_id, lang="en")
    assert english[0]["change"] == "Time limit 10 min → 5 min"
    assert revision_store.plans_due(world.db, OWNER) == []
    with pytest.raises(InvalidTransitionError):  # the flags of a published version are closed
        revision_store.resolve_flag(world.db, OWNER, role_flag.id, resolved=False, now=NOW)


def test_the_revised_plan_opens_in_word_with_every_change_in_its_revision_record(world):
    """db.plans_word reads what plans.word_export needs; the record lists the changed step with
    its finding, before and after, and the flagged role left unchanged, saying so."""
    draft_id = revision_store.open_revision(world.db, OWNER, world.drill_id, FINDINGS, now=NOW)
    publish_fix(world, draft_id)
    sources = plans_word.word_sources(world.db, OWNER, draft_id)
    assert sources.base is not None and sources.base_number == 1
    assert [h[0] for h in sources.history] == [1, 2]
    word = from_sources(sources, tracked=False, lang="zh")
    assert word.source == "structured"  # this plan was stored from plan JSON, not a document
    document = Document(io.BytesIO(word.data))
    texts = [p.text for p in document.paragraphs]
    assert any(t("common.revision_record") in text for text in texts)
    heading = t("doc.plan.rev_finding")
    (table,) = [x for x in document.tables if heading in x.rows[0].cells[1].text]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    change = f"{t('diff.minutes', minutes=10)} → {t('diff.minutes', minutes=5)}"
    assert rows[0][1:3] == ["接报后未按时报告指挥部", change]
    assert "报告事故信息" in rows[0][3] and t("common.time_limit") in rows[0][3]
    assert rows[-1][1:3] == ["抢险救援组职责不清", t("revision.unchanged")]


def end_with_findings(world, *stored: Finding) -> None:
    """The drill runs and ends; the lead stores `stored` as proposals and accepts the accepted."""
    drills_store.seal_drill(world.db, world.director, world.drill_id, now=at(-30))
    drills_store.start_drill(world.db, world.director, world.drill_id, now=at(0))
    drills_store.end_drill(world.db, world.director, world.drill_id, now=at(90))
    proposals = [replace(f, status="proposed") for f in stored]
    findings_store.save_proposed_findings(
        world.db, world.lead, world.drill_id, proposals, now=at(100)
    )
    for finding in stored:
        if finding.status != "proposed":
            findings_store.update_finding(
                world.db, world.lead, world.drill_id, finding, 1, now=at(101)
            )


def test_without_findings_given_the_revision_flags_the_drills_stored_findings(world):
    rejected = Finding(
        "wrong_role-c2",
        "指挥部未启动响应",
        cause="plan_defect",
        grade="deficiency",
        status="rejected",
        step_id="s2",
    )
    end_with_findings(world, REPORT_LATE, TRAINING, rejected, RESCUE_ROLE)
    with pytest.raises((NotAllowedError, NotFoundError)):  # the owner cannot read the record
        findings_store.list_findings(world.db, OWNER, world.drill_id)

    draft_id = revision_store.open_revision(world.db, OWNER, world.drill_id, now=NOW)
    flags = [s.flag for s in revision_store.flags_of(world.db, OWNER, draft_id)]
    assert [(f.kind, f.item_id, f.finding_id, f.finding_title) for f in flags] == [
        ("step", "s1", "missed-c1", "接报后未按时报告指挥部"),
        ("role", "r3", "wrong_role-c3", "抢险救援组职责不清"),
    ]


def test_findings_given_are_flagged_instead_of_the_stored_ones(world):
    end_with_findings(world, REPORT_LATE)
    draft_id = revision_store.open_revision(world.db, OWNER, world.drill_id, [RESCUE_ROLE], now=NOW)
    flags = [s.flag for s in revision_store.flags_of(world.db, OWNER, draft_id)]
    assert [(f.kind, f.item_id) for f in flags] == [("role", "r3")]


def test_a_drill_without_stored_plan_defects_opens_no_revision(world):
    end_with_findings(world, TRAINING)
    with pytest.raises(StoreError) as refused:
        revision_store.open_revision(world.db, OWNER, world.drill_id, now=NOW)
    assert refused.value.key == "revision.nothing_to_flag"
    assert len(plans_store.list_versions(world.db, OWNER, world.plan_id)) == 1


def test_stored_findings_are_read_only_for_someone_who_may_edit_the_plan(world):
    end_with_findings(world, REPORT_LATE)
    with pytest.raises(NotAllowedError):
        revision_store.open_revision(world.db, world.lead, world.drill_id, now=NOW)
    assert len(plans_store.list_versions(world.db, OWNER, world.plan_id)) == 1


def test_a_flag_is_resolved_only_with_a_note_for_the_record(world):
    draft = revision_store.open_revision(world.db, OWNER, world.drill_id, FINDINGS, now=NOW)
    flag = revision_store.flags_of(world.db, OWNER, draft)[0]
    with pytest.raises(StoreError) as refused:
        revision_store.resolve_flag(world.db, OWNER, flag.id, note="  ", now=NOW)
    assert refused.value.key == "revision.note_required"
    assert not revision_store.flags_of(world.db, OWNER, draft)[0].flag.resolved
