"""A corrective action's due date: not before the drill, not in the past; actions named by their
words in messages, never by their number."""

from __future__ import annotations

from datetime import date

import pytest

from drills.action_dates import action_name, due_date_problem
from drills.actions import CorrectiveAction
from i18n import t

DRILL_DAY = date(2026, 5, 1)
TODAY = date(2026, 5, 20)


def action(due: date, words: str = "修订信息报告流程") -> CorrectiveAction:
    return CorrectiveAction("1", "missed-c2", words, "owner", due)


@pytest.mark.parametrize(
    ("due", "key"),
    [
        (date(2026, 4, 30), "findings.action.due_before_drill"),
        (date(2026, 5, 10), "findings.action.due_in_past"),
        (TODAY, None),
        (date(2026, 6, 30), None),
    ],
)
def test_a_new_due_date_must_lie_after_the_drill_and_not_in_the_past(due, key):
    problem = due_date_problem(action(due), drill_day=DRILL_DAY, today=TODAY)
    assert (problem.key if problem else None) == key


def test_an_unchanged_past_due_date_of_a_stored_action_is_left_alone():
    stored = action(date(2026, 5, 10))
    assert due_date_problem(stored, drill_day=DRILL_DAY, today=TODAY, before=stored) is None
    moved = action(date(2026, 5, 12))
    problem = due_date_problem(moved, drill_day=DRILL_DAY, today=TODAY, before=stored)
    assert problem is not None and problem.key == "findings.action.due_in_past"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_message_names_the_action_by_its_words_and_the_dates(lang):
    problem = due_date_problem(action(date(2026, 4, 1)), drill_day=DRILL_DAY, today=TODAY)
    text = t(problem.key, lang=lang, **problem.params)
    assert "修订信息报告流程" in text and "2026-04-01" in text and "2026-05-01" in text
    assert "“1”" not in text and '"1"' not in text


def test_a_long_action_is_named_by_its_first_words():
    name = action_name(action(TODAY, "对" * 100))
    assert len(name) == 40 and name.endswith("…")
