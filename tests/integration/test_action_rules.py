"""Corrective actions and findings through the store on drill day: a due date before the drill or
in the past is refused (an unchanged past due date is kept), and a stale save names the finding
or action by its title, never by its internal id."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from db import actions_store as acts
from db import findings_store as fs
from db.errors import VersionConflictError
from drills.actions import CorrectiveAction
from drills.errors import DrillError
from i18n import t
from tests.integration.drills_world import T0, at, seed
from tests.integration.findings_world import PROPOSED, ended_drill

DAY = 24 * 60


@pytest.fixture
def world(database):
    w = seed(database)
    w.drill = ended_drill(w)
    fs.save_proposed_findings(w.db, w.lead, w.drill, PROPOSED, now=at(100))
    yield w
    w.db.close()


def action(due: date, words: str = "修订信息报告流程", **fields) -> CorrectiveAction:
    return CorrectiveAction("new", "missed-c1", words, "张三", due, **fields)


def drill_day(days: int) -> date:
    return (T0 + timedelta(days=days)).astimezone().date()


@pytest.mark.parametrize(
    ("due", "key"),
    [
        (drill_day(-3), "findings.action.due_before_drill"),
        (drill_day(2), "findings.action.due_in_past"),
    ],
)
def test_a_new_action_due_before_the_drill_or_in_the_past_is_refused(world, due, key):
    with pytest.raises(DrillError) as refused:
        acts.add_action(world.db, world.lead, world.drill, action(due), now=at(5 * DAY))
    assert refused.value.key == key
    assert "修订信息报告流程" in t(key, **refused.value.params)
    assert acts.list_actions(world.db, world.lead, drill_id=world.drill) == []


def test_a_stored_action_past_its_due_date_can_still_change_its_status(world):
    acts.add_action(world.db, world.lead, world.drill, action(drill_day(3)), now=at(100))
    (stored,) = acts.list_actions(world.db, world.lead, drill_id=world.drill)
    later = at(10 * DAY)  # now overdue: its status changes, its due date stays
    acts.update_action(
        world.db,
        world.lead,
        replace(stored.action, status="in_progress"),
        stored.version,
        now=later,
    )
    (again,) = acts.list_actions(world.db, world.lead, drill_id=world.drill)
    with pytest.raises(DrillError) as refused:  # moved to another past day: refused
        acts.update_action(
            world.db, world.lead, replace(again.action, due=drill_day(4)), again.version, now=later
        )
    assert refused.value.key == "findings.action.due_in_past"


def test_a_stale_action_save_names_the_action_by_its_words(world):
    acts.add_action(world.db, world.lead, world.drill, action(drill_day(30)), now=at(100))
    (stored,) = acts.list_actions(world.db, world.lead, drill_id=world.drill)
    acts.update_action(
        world.db, world.lead, replace(stored.action, owner="李四"), stored.version, now=at(101)
    )
    with pytest.raises(VersionConflictError) as refused:
        acts.update_action(
            world.db,
            world.director,
            replace(stored.action, owner="王五"),
            stored.version,
            now=at(102),
        )
    text = t(refused.value.key, **refused.value.params)
    assert "修订信息报告流程" in text and f"“{stored.action.id}”" not in text


def test_a_stale_finding_save_names_the_finding_by_its_title(world):
    (first, *_) = fs.list_findings(world.db, world.lead, world.drill)
    fs.update_finding(
        world.db,
        world.lead,
        world.drill,
        replace(first.finding, status="accepted"),
        first.version,
        now=at(101),
    )
    with pytest.raises(VersionConflictError) as refused:
        fs.update_finding(
            world.db,
            world.director,
            world.drill,
            replace(first.finding, status="rejected"),
            first.version,
            now=at(102),
        )
    for lang in ("zh", "en"):
        text = t(refused.value.key, lang=lang, **refused.value.params)
        assert first.finding.title in text and first.finding.id not in text


def test_verifying_without_a_note_names_the_action_by_its_words():
    with pytest.raises(DrillError) as refused:
        CorrectiveAction("7", "missed-c1", "补充堵漏器材", "张三", date(2026, 6, 1), "verified")
    text = t(refused.value.key, **refused.value.params)
    assert "补充堵漏器材" in text and "“7”" not in text
