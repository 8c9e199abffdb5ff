"""Reading time in plan text: deadlines with their parts and anchor, frequencies, late deadlines.

The cases are tables, one per language: tests/unit/data/time_cases_{zh,en}.json. Each case gives
the text, `minutes` and `frequency_min` (both null: the text says nothing about time), and may
give `text_read` (the phrase), `parts`, `anchor`, `late` and the Step's `time_from`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plans.model import Plan, Step, TimePart, plan_from_dict, plan_to_dict
from plans.timelimits import find_time_limit, read_time, step_time_fields

DATA = Path(__file__).resolve().parent / "data"
CASES = [
    pytest.param(case, id=f"{lang}: {case['text'][:40]}")
    for lang in ("zh", "en")
    for case in json.loads((DATA / f"time_cases_{lang}.json").read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("case", CASES)
def test_a_time_phrase_reads_as_its_table_says(case):
    found = read_time(case["text"])
    if case["minutes"] is None and case["frequency_min"] is None:
        assert found is None
        return
    assert (found.minutes, found.frequency_min) == (case["minutes"], case["frequency_min"])
    if "text_read" in case:
        assert found.text == case["text_read"]
    if "parts" in case:
        assert [[p.minutes, p.text] for p in found.parts] == case["parts"]
    for key in ("anchor", "late"):
        if key in case:
            assert getattr(found, key) == case[key], key
    if "time_from" in case:
        assert step_time_fields(found)["time_from"] == case["time_from"]


def test_every_deadline_has_its_first_part_as_its_minutes():
    for param in CASES:
        found = read_time(param.values[0]["text"])
        if found is not None and found.minutes is not None:
            assert found.parts and found.parts[0].minutes == found.minutes


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("每2小时报告一次", None), ("hourly updates", None), ("至少24小时", None), ("2小时内", 120)],
)
def test_find_time_limit_answers_only_for_a_deadline(text, minutes):
    found = find_time_limit(text)
    assert (found.minutes if found else None) == minutes


def test_no_reading_gives_a_step_without_time():
    assert step_time_fields(None) == {
        "time_limit_min": None,
        "time_from": "T0",
        "time_parts": (),
        "frequency_min": None,
        "time_text": "",
    }


def test_a_limit_in_two_parts_keeps_both_on_the_step_and_in_plan_json():
    fields = step_time_fields(read_time("接报后30分钟内电话报告、1小时内书面报告"))
    assert fields == {
        "time_limit_min": 30,
        "time_from": "trigger",
        "time_parts": (TimePart(30, "30分钟内电话报告"), TimePart(60, "1小时内书面报告")),
        "frequency_min": None,
        "time_text": "30分钟内电话报告、1小时内书面报告",
    }
    plan = Plan("预案", steps=(Step("s1", "报告", "原文", **fields),))
    data = json.loads(json.dumps(plan_to_dict(plan), ensure_ascii=False))
    assert data["steps"][0]["time_parts"] == [
        {"minutes": 30, "text": "30分钟内电话报告"},
        {"minutes": 60, "text": "1小时内书面报告"},
    ]
    assert plan_from_dict(data) == plan


def test_a_single_deadline_needs_no_parts_and_a_frequency_is_not_a_limit():
    single = step_time_fields(read_time("2小时内上报"))
    assert (single["time_limit_min"], single["time_parts"]) == (120, ())
    repeated = step_time_fields(read_time("每两小时报告一次"))
    assert (repeated["time_limit_min"], repeated["frequency_min"]) == (None, 120)
    assert repeated["time_text"] == "每两小时"


def test_a_late_report_keeps_its_minutes_but_counts_from_the_end_of_the_response():
    fields = step_time_fields(read_time("事故发生之日起30日内，伤亡人数发生变化的，应当及时补报"))
    assert (fields["time_limit_min"], fields["time_from"]) == (43200, "response_end")


def test_a_deadline_after_closure_or_for_the_lessons_learned_counts_from_the_end():
    closure = step_time_fields(read_time("Within 5 business days after closure, hold a review."))
    assert (closure["time_limit_min"], closure["time_from"]) == (7200, "response_end")
    meeting = step_time_fields(read_time("Hold a lessons-learned meeting within 2 days."))
    assert (meeting["time_limit_min"], meeting["time_from"]) == (2880, "response_end")
    ongoing = step_time_fields(read_time("Notify the manager within 15 minutes."))
    assert ongoing["time_from"] == "T0"
