"""Findings, corrective actions, reviews, weights and overrides through the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from access.errors import NotAllowedError
from db import actions_store as acts
from db import drills_store as store
from db import findings_store as fs
from db.errors import InvalidTransitionError, NotFoundError, StoreError, VersionConflictError
from drills.actions import CorrectiveAction, ParticipantReview
from drills.findings import Finding
from drills.ratings import RatingOverride
from tests.integration.drills_world import at, design, seed
from tests.integration.findings_world import PROPOSED, ended_drill


@pytest.fixture
def world(database):
    w = seed(database)
    yield w
    w.db.close()


def test_proposals_are_stored_and_read_back_in_order(world):
    drill = ended_drill(world)
    assert fs.save_proposed_findings(world.db, world.lead, drill, PROPOSED, now=at(100)) == 2
    stored = fs.list_findings(world.db, world.director, drill)
    assert [s.finding for s in stored] == PROPOSED
    assert all(s.version == 1 for s in stored)


def test_saving_proposals_again_keeps_edits_and_adds_only_new_ids(world):
    drill = ended_drill(world)
    fs.save_proposed_findings(world.db, world.lead, drill, PROPOSED, now=at(100))
    edited = replace(PROPOSED[0], description="指挥部办公室未在 5 分钟内报告", status="accepted")
    assert fs.update_finding(world.db, world.lead, drill, edited, 1, now=at(101)) == 2
    extra = Finding("note-c2", "备注", kind="note")
    assert (
        fs.save_proposed_findings(world.db, world.lead, drill, [*PROPOSED, extra], now=at(102)) == 1
    )
    stored = fs.list_findings(world.db, world.lead, drill)
    assert [s.finding for s in stored] == [edited, PROPOSED[1], extra]
    assert stored[0].edited_by == "lead" and stored[0].version == 2


def test_a_stale_edit_is_refused_and_overwrites_nothing(world):
    drill = ended_drill(world)
    fs.save_proposed_findings(world.db, world.lead, drill, PROPOSED, now=at(100))
    fs.update_finding(
        world.db, world.director, drill, replace(PROPOSED[0], title="A"), 1, now=at(101)
    )
    with pytest.raises(VersionConflictError):
        fs.update_finding(
            world.db, world.lead, drill, replace(PROPOSED[0], title="B"), 1, now=at(102)
        )
    assert fs.list_findings(world.db, world.lead, drill)[0].finding.title == "A"


def test_a_finding_edit_is_audited(world):
    drill = ended_drill(world)
    fs.save_proposed_findings(world.db, world.lead, drill, PROPOSED, now=at(100))
    fs.update_finding(world.db, world.lead, drill, replace(PROPOSED[0], title="A"), 1, now=at(101))
    row = world.db.execute(
        "SELECT actor, entity_id FROM audit_log WHERE action = 'finding.update'"
    ).fetchall()
    assert row == [("lead", f"{drill}/missed-c1")]


def test_findings_wait_for_the_end(world):
    drill = ended_drill(world, end=False)
    with pytest.raises(InvalidTransitionError):
        fs.save_proposed_findings(world.db, world.lead, drill, PROPOSED, now=at(50))


def test_participants_evaluators_and_other_units_may_not_read_or_edit_findings(world):
    drill = ended_drill(world)
    fs.save_proposed_findings(world.db, world.lead, drill, PROPOSED, now=at(100))
    for who in (world.pat, world.eva):
        with pytest.raises(NotAllowedError):
            fs.list_findings(world.db, who, drill)
    with pytest.raises(NotFoundError):  # another unit does not even learn the drill exists
        fs.list_findings(world.db, world.elsewhere, drill)
    with pytest.raises(NotAllowedError):  # the unit's manager reads but does not edit
        fs.update_finding(world.db, world.manager, drill, PROPOSED[0], 1, now=at(101))
    assert len(fs.list_findings(world.db, world.manager, drill)) == 2


def test_actions_are_added_updated_and_listed_overdue(world):
    drill = ended_drill(world)
    fs.save_proposed_findings(world.db, world.lead, drill, PROPOSED, now=at(100))
    new = CorrectiveAction("", "missed-c1", "修订报告时限", "owner", date(2026, 6, 1))
    action_id = acts.add_action(world.db, world.lead, drill, new, now=at(101))
    other = acts.add_action(
        world.db, world.lead, drill, replace(new, action="培训", due=date(2026, 5, 10)), now=at(101)
    )
    overdue = acts.list_actions(world.db, world.manager, overdue_on=date(2026, 5, 20))
    assert [a.action.id for a in overdue] == [other]
    done = replace(new, id=action_id, status="verified", verification="复核通过")
    assert acts.update_action(world.db, world.lead, done, 1, now=at(102)) == 2
    with pytest.raises(VersionConflictError):
        acts.update_action(world.db, world.director, done, 1, now=at(103))
    listed = acts.list_actions(world.db, world.director, drill_id=drill)
    assert {a.action.id: a.action.status for a in listed} == {action_id: "verified", other: "open"}
    assert acts.list_actions(world.db, world.pat) == []
    assert acts.list_actions(world.db, world.elsewhere_manager) == []
    assert (
        world.db.execute("SELECT count(*) FROM audit_log WHERE entity = 'action'").fetchone()[0]
        == 3
    )


def test_an_action_needs_a_finding_of_the_drill_and_an_editor(world):
    drill = ended_drill(world)
    new = CorrectiveAction("", "nope", "x", "owner", date(2026, 6, 1))
    with pytest.raises(NotFoundError):
        acts.add_action(world.db, world.lead, drill, new, now=at(101))
    fs.save_proposed_findings(world.db, world.lead, drill, PROPOSED, now=at(100))
    with pytest.raises(NotAllowedError):
        acts.add_action(
            world.db, world.pat, drill, replace(new, finding_id="missed-c1"), now=at(101)
        )


def one_action(world, owner: str = "pat") -> tuple[int, CorrectiveAction]:
    """An ended drill with one open action owned by `owner`, added by the evaluation lead."""
    drill = ended_drill(world)
    fs.save_proposed_findings(world.db, world.lead, drill, PROPOSED, now=at(100))
    new = CorrectiveAction("", "missed-c1", "修订报告时限", owner, date(2026, 6, 1))
    return drill, replace(new, id=acts.add_action(world.db, world.lead, drill, new, now=at(101)))


def stored_action(world, drill: int) -> CorrectiveAction:
    (stored,) = acts.list_actions(world.db, world.lead, drill_id=drill)
    return stored.action


# who x what they change in one action owned by "pat" (a participant of the drill):
# None = stored, else the catalogue key of the refusal
CHANGES = {
    "text": {"action": "修订并培训"},
    "owner": {"owner": "evb"},
    "due": {"due": date(2026, 7, 1)},
    "progress": {"status": "in_progress"},
    "done": {"status": "done"},
    "verify": {"status": "verified", "verification": "复查演练确认"},
}
LEADS_ONLY = "access.action_leads_only"


@pytest.mark.parametrize(
    ("who", "change", "expected"),
    [
        ("lead", "text", None),
        ("lead", "verify", None),
        ("director", "owner", None),
        ("director", "verify", None),
        ("root", "verify", None),  # an admin does everything
        ("pat", "progress", None),  # the owner moves it along
        ("pat", "done", None),
        ("pat", "verify", "access.action_verify"),  # but does not verify
        ("pat", "text", LEADS_ONLY),
        ("pat", "owner", LEADS_ONLY),
        ("pat", "due", LEADS_ONLY),
        ("manager", "progress", "access.action_progress"),  # managers read only
        ("manager", "text", LEADS_ONLY),
        ("manager", "verify", "access.action_verify"),
    ],
)
def test_who_may_change_which_part_of_a_corrective_action(world, who, change, expected):
    drill, action = one_action(world)
    changed = replace(action, **CHANGES[change])
    if expected is None:
        assert acts.update_action(world.db, world.actors[who], changed, 1, now=at(102)) == 2
        assert stored_action(world, drill) == changed
        return
    with pytest.raises(NotAllowedError) as refused:
        acts.update_action(world.db, world.actors[who], changed, 1, now=at(102))
    assert refused.value.key == expected
    assert stored_action(world, drill) == action  # nothing of it stored


def test_an_owner_cannot_lift_a_verification(world):
    drill, action = one_action(world)
    verified = replace(action, status="verified", verification="复查演练确认")
    acts.update_action(world.db, world.lead, verified, 1, now=at(102))
    with pytest.raises(NotAllowedError):
        acts.update_action(world.db, world.pat, replace(verified, status="done"), 2, now=at(103))
    assert stored_action(world, drill).status == "verified"


def test_only_leads_and_directors_add_actions_not_managers_or_owners(world):
    drill, action = one_action(world)
    for who in (world.manager, world.pat, world.eva):
        with pytest.raises(NotAllowedError):
            acts.add_action(world.db, who, drill, action, now=at(103))
    assert len(acts.list_actions(world.db, world.lead, drill_id=drill)) == 1


def test_an_owner_lists_their_own_actions_and_nobody_else_does(world):
    _, action = one_action(world, owner=" PAT ")  # the owner as typed: case and spaces
    (mine,) = acts.my_actions(world.db, world.pat)
    assert (mine.stored.action.id, mine.drill_title, mine.finding_title) == (
        action.id,
        "危化品泄漏双盲演练",
        "未报告",
    )
    assert acts.my_actions(world.db, world.pat2) == []
    assert acts.my_actions(world.db, world.lead) == []
    # an owner who may not know of the drill (another unit) neither sees nor updates it
    _, foreign = one_action(world, owner="elsewhere")
    assert acts.my_actions(world.db, world.elsewhere) == []
    with pytest.raises(NotFoundError):
        acts.update_action(
            world.db, world.elsewhere, replace(foreign, status="done"), 1, now=at(104)
        )


def test_an_update_by_the_owner_is_audited_as_theirs(world):
    _, action = one_action(world)
    acts.update_action(world.db, world.pat, replace(action, status="done"), 1, now=at(102))
    rows = world.db.execute("SELECT actor FROM audit_log WHERE action = 'action.update'").fetchall()
    assert rows == [("pat",)]


def test_a_participant_reviews_once_and_may_replace_it(world):
    drill = ended_drill(world)
    fs.submit_review(
        world.db, world.pat, drill, ParticipantReview("pat", "r3", "快", "慢", 4), now=at(100)
    )
    fs.submit_review(
        world.db, world.pat, drill, ParticipantReview("pat", "r3", "快", "更慢", 2), now=at(101)
    )
    reviews = fs.list_reviews(world.db, world.lead, drill)
    assert [(r.review.to_improve, r.review.rating) for r in reviews] == [("更慢", 2)]
    with pytest.raises(NotAllowedError):  # not a participant of this drill
        fs.submit_review(world.db, world.pat2, drill, ParticipantReview("pat2", None), now=at(1))
    with pytest.raises(NotAllowedError):  # not for someone else
        fs.submit_review(world.db, world.pat, drill, ParticipantReview("pat2", None), now=at(1))
    with pytest.raises(NotAllowedError):
        fs.list_reviews(world.db, world.pat, drill)


def test_weights_are_set_by_admins_and_evaluation_leads_of_the_unit(world):
    unit = world.lead.unit
    fs.set_weights(world.db, world.lead, unit, {"command": 2.0, "disposal": 1.5}, now=at(0))
    assert fs.weights_for(world.db, world.manager, unit) == {"command": 2.0, "disposal": 1.5}
    fs.set_weights(world.db, world.root, unit, {"command": 3}, now=at(1))
    assert fs.weights_for(world.db, world.lead, unit) == {"command": 3.0}
    with pytest.raises(NotAllowedError):
        fs.set_weights(world.db, world.manager, unit, {"command": 1}, now=at(2))
    with pytest.raises(NotAllowedError):
        fs.weights_for(world.db, world.elsewhere, unit)
    with pytest.raises(StoreError):
        fs.set_weights(world.db, world.lead, unit, {"nonsense": 1}, now=at(2))


def test_an_override_needs_a_reason_and_an_editor(world):
    drill = ended_drill(world)
    with pytest.raises(StoreError):
        fs.set_override(
            world.db, world.lead, drill, RatingOverride("command", "M", "  "), now=at(100)
        )
    fs.set_override(
        world.db, world.lead, drill, RatingOverride("command", "M", "协调混乱"), now=at(100)
    )
    fs.set_override(
        world.db, world.lead, drill, RatingOverride("command", "U", "再看录像"), now=at(101)
    )
    got = fs.overrides(world.db, world.manager, drill)
    assert [s.override for s in got] == [RatingOverride("command", "U", "再看录像", "lead")]
    with pytest.raises(NotAllowedError):
        fs.set_override(
            world.db, world.eva, drill, RatingOverride("command", "P", "好"), now=at(102)
        )


def test_a_finding_added_by_hand_gets_its_own_id_and_is_audited(world):
    drill = ended_drill(world)
    fs.save_proposed_findings(world.db, world.lead, drill, PROPOSED, now=at(100))
    mine = Finding("ignored", "器材不足", cause="resources", grade="must_fix", kind="missed")
    assert fs.add_finding(world.db, world.lead, drill, mine, now=at(101)) == "manual-1"
    assert fs.add_finding(world.db, world.director, drill, mine, now=at(102)) == "manual-2"
    stored = fs.list_findings(world.db, world.lead, drill)
    assert [s.finding.id for s in stored] == [
        "missed-c1",
        "strength-command",
        "manual-1",
        "manual-2",
    ]
    assert stored[2].finding.kind == "manual" and stored[2].edited_by == "lead"
    logged = world.db.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'finding.add'"
    ).fetchone()[0]
    assert logged == 2
    with pytest.raises(NotAllowedError):
        fs.add_finding(world.db, world.eva, drill, mine, now=at(103))
    assert len(fs.list_findings(world.db, world.lead, drill)) == 4


def test_the_design_and_participants_of_an_ended_drill_reach_its_readers(world):
    drill = ended_drill(world, end=False)
    with pytest.raises(InvalidTransitionError):
        fs.ended_design(world.db, world.lead, drill)
    store.end_drill(world.db, world.director, drill, now=at(90))
    for reader in (world.lead, world.director, world.manager):
        assert fs.ended_design(world.db, reader, drill).title == design(world).title
        assert fs.participants_of(world.db, reader, drill) == {"pat": ("r3",)}
    with pytest.raises(NotAllowedError):
        fs.ended_design(world.db, world.pat, drill)
    assert fs.participants_of(world.db, world.pat, drill) == {"pat": ("r3",)}
    assert fs.participants_of(world.db, world.eva, drill) == {}


def test_a_participant_reads_back_only_their_own_review(world):
    drill = ended_drill(world)
    assert fs.my_review(world.db, world.pat, drill) is None
    fs.submit_review(
        world.db, world.pat, drill, ParticipantReview("pat", "r3", "快", "慢", 4), now=at(100)
    )
    mine = fs.my_review(world.db, world.pat, drill)
    assert mine.review.to_improve == "慢" and mine.review.rating == 4
    assert fs.my_review(world.db, world.lead, drill) is None
