"""The one evaluation of a drill (drills.evaluation): categories, the process record with undo
and amendments, conflicts between evaluators and their settlement; and the layout helpers that
keep words whole in the documents (drills.report_text)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from drills.conflicts import Settlement
from drills.evaluation import (
    category_of,
    detect_conflicts,
    evaluate,
    quality_refused,
)
from drills.model import ChecklistItem, ClockEvent, Observation
from drills.report_text import columns, fit_widths, text_mm, title_lines

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
CLOCK = [ClockEvent("start", T0), ClockEvent("end", T0 + timedelta(hours=1))]
ITEMS = (
    ChecklistItem("c1", "报告", phase="report", time_limit_min=10),
    ChecklistItem("c2", "处置", phase="disposal"),
)


def entry(oid, item="c1", rating="done", minute=5.0, who="eva", kind="item", **fields):
    at = T0 + timedelta(minutes=minute)
    return Observation(
        oid,
        1,
        kind,
        who,
        fields.pop("entered_at", at),
        fields.pop("happened", at),
        item_id=item,
        rating=rating,
        **fields,
    )


@pytest.mark.parametrize(
    ("performed", "on_time", "category"),
    [
        ("done", True, "on_time"),
        ("done", None, "on_time"),  # no time limit: done is on time
        ("done", False, "late"),
        ("partly", True, "partly"),  # partly is never on time
        ("partly", False, "partly"),
        ("not_done", None, "not_done"),
        ("na", None, "na"),
        ("not_observed", None, "not_observed"),  # never not done
        (None, None, "not_observed"),
    ],
)
def test_every_outcome_has_one_category_of_its_own(performed, on_time, category):
    assert category_of(performed, on_time) == category


@pytest.mark.parametrize(
    ("rating", "quality", "refused"),
    [
        ("not_done", "M", True),
        ("not_done", "U", True),
        ("not_done", None, False),
        ("partly", "M", False),
        ("done", "S", False),
    ],
)
def test_a_quality_mark_on_not_done_is_refused(rating, quality, refused):
    assert quality_refused(rating, quality) is refused


def test_an_undone_entry_stays_in_the_record_marked_and_counts_for_nothing():
    ev = evaluate(
        ITEMS,
        [
            entry("a", rating="partly", minute=3),
            entry("u", item=None, kind="undo", rating=None, minute=4, ref="a"),
            entry("b", minute=5),
        ],
        CLOCK,
    )
    assert [(r.id, r.withdrawn, r.in_force) for r in ev.record] == [
        ("a", True, False),
        ("b", False, True),
    ]
    assert ev.record[0].undo.id == "u" and ev.categories["c1"] == "on_time"


def test_an_amendment_after_the_end_is_what_counts_and_keeps_the_original():
    amend = entry(
        "m",
        kind="amendment",
        ref="a",
        rating="done",
        minute=70,
        happened=T0 + timedelta(minutes=5),
        reason="复核录像",
    )
    ev = evaluate(ITEMS, [entry("a", rating="partly"), amend], CLOCK)
    (row,) = ev.record
    assert (row.original_category, row.category, ev.categories["c1"]) == (
        "partly",
        "on_time",
        "on_time",
    )
    ((before, after),) = row.amendments
    assert (before.rating, after.rating, after.reason) == ("partly", "done", "复核录像")


def test_an_area_with_nothing_to_score_is_not_rated_and_left_out_of_the_mean():
    ev = evaluate(ITEMS, [entry("a")], CLOCK)  # c2 (disposal) nobody saw
    assert ev.area("disposal").score is None and ev.area("warning_report").score == 100.0
    assert ev.score == 100.0
    assert ev.category_counts == {
        "on_time": 1,
        "late": 0,
        "partly": 0,
        "not_done": 0,
        "na": 0,
        "not_observed": 1,
    }


@pytest.mark.parametrize(
    ("entries", "conflicted"),
    [
        ([entry("a"), entry("b", rating="not_done", who="evb", minute=6)], True),
        ([entry("a"), entry("b", rating="done", who="evb", minute=6)], False),  # they agree
        ([entry("a"), entry("b", rating="not_done", minute=6)], False),  # one changed her mind
        (
            [
                entry("a"),
                entry("b", rating="not_done", who="evb", minute=6),
                entry("u", item=None, kind="undo", rating=None, who="evb", minute=7, ref="b"),
            ],
            False,
        ),  # the other entry was undone
    ],
)
def test_two_evaluators_whose_latest_entries_differ_are_a_conflict(entries, conflicted):
    ev = evaluate(ITEMS, entries, CLOCK)
    assert bool(ev.conflicts) is conflicted
    assert {r.id for r in ev.record if r.conflict} == ({"a", "b"} if conflicted else set())


def test_a_settlement_decides_what_counts_and_a_new_entry_opens_the_item_again():
    taps = [entry("a"), entry("b", rating="not_done", who="evb", minute=6)]
    settled = Settlement("c1", ("a", "b"), "done", "录像为证", "lead", T0 + timedelta(hours=2))
    ev = evaluate(ITEMS, taps, CLOCK, settlements=[settled])
    assert ev.conflicts[0].settled and ev.categories["c1"] == "on_time"
    assert [r.in_force for r in ev.record] == [True, False]  # evb's entry set aside
    third = entry("c", rating="partly", who="evc", minute=8)
    again = evaluate(ITEMS, [*taps, third], CLOCK, settlements=[settled])
    assert not again.conflicts[0].settled and again.categories["c1"] == "partly"


def test_a_settlement_to_an_outcome_nobody_recorded_corrects_the_latest_entry():
    taps = [entry("a"), entry("b", rating="not_done", who="evb", minute=6)]
    settled = Settlement(
        "c1", ("a", "b"), "partly", "两人各对一半", "lead", T0 + timedelta(hours=2)
    )
    ev = evaluate(ITEMS, taps, CLOCK, settlements=[settled])
    assert ev.categories["c1"] == "partly" and ev.item("c1").credit == 0.5
    assert detect_conflicts(ITEMS, ev.state, [settled])[0].settlement == settled


@pytest.mark.parametrize(
    ("header", "widths", "size"),
    [
        (
            ["Area", "Items", "Coverage", "Score", "P", "S", "M", "U", "Reason for change"],
            (34, 13, 18, 14, 8, 8, 8, 8, 45),
            10,
        ),
        (
            ["序号", "评估项目", "检查项", "覆盖率", "得分", "计算等级", "评定等级", "调整理由"],
            (9, 33, 13, 15, 13, 15, 15, 43),
            12,
        ),
    ],
)
def test_table_columns_are_widened_until_no_header_word_breaks(header, widths, size):
    fitted = fit_widths(header, widths, size)
    assert sum(fitted) == pytest.approx(sum(widths))
    for word_header, width in zip(header, fitted, strict=True):
        longest = max(text_mm(w, size, bold=True) for w in word_header.split())
        assert width >= longest + 4, word_header


def test_a_short_term_in_a_cell_is_kept_whole_too():
    fitted = fit_widths(["序号", "得分", "理由"], (9, 13, 134), 12, [[1, "未评定", "长文本"]])
    assert fitted[1] >= text_mm("未评定", 12) + 4


@pytest.mark.parametrize(
    "name",
    [
        "危化品泄漏双盲演练",
        "化工园区危险化学品储罐区液氯泄漏无脚本双盲综合应急演练",
        "临港物流园区 2026 年度危险货物集装箱泄漏、火灾与人员疏散无脚本双盲综合应急演练",
    ],
)
def test_a_report_title_never_breaks_inside_a_word(name):
    lines = title_lines(name, "评估报告")
    assert "".join(lines).replace(" ", "") == (name + "评估报告").replace(" ", "")
    assert lines[-1].endswith("评估报告")  # the suffix stays whole
    assert all(columns(line) <= 38 for line in lines)


def test_the_settlement_the_store_keeps_is_the_one_the_evaluation_attaches():
    stored = Settlement("c1", ("a", "b"), "not_done", "现场复核", "lead", T0 + timedelta(hours=2))
    taps = [entry("a"), entry("b", rating="not_done", who="evb", minute=6)]
    ev = evaluate(ITEMS, taps, CLOCK, settlements=[stored])
    (conflict,) = ev.conflicts
    assert conflict.settlement is stored and conflict.entry_ids == ("a", "b")
    assert ev.categories["c1"] == "not_done"
