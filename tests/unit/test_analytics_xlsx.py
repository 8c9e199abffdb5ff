"""The analytics workbook: built, then opened again with
openpyxl to check its sheets, headers, values and that no cell runs as a formula."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from drills.analytics_xlsx import (
    build_workbook,
    cell_value,
    display_width,
    safe_text,
    sheet_title,
    to_xlsx_bytes,
)

SHEETS = {
    "遗漏或超时的步骤": [
        {"步骤": "报告事故信息", "演练次数": 3, "未完成率（%）": 33.3},
        {"步骤": "=cmd|' /C calc'!A0", "演练次数": 1, "未完成率（%）": None},
    ],
    "Overdue actions": [
        {"Drill": "Night drill", "Due": date(2026, 5, 10), "Days overdue": 22},
        {"Drill": "+1 injected", "Due": date(2026, 5, 20), "Days overdue": 12, "Owner": "@bob"},
    ],
}


def reopen(sheets, headers=None):
    return load_workbook(io.BytesIO(to_xlsx_bytes(sheets, headers)))


def test_each_table_becomes_a_sheet_with_its_headers_and_values():
    book = reopen(SHEETS)
    assert book.sheetnames == ["遗漏或超时的步骤", "Overdue actions"]
    steps = book["遗漏或超时的步骤"]
    assert [c.value for c in steps[1]] == ["步骤", "演练次数", "未完成率（%）"]
    assert [c.value for c in steps[2]] == ["报告事故信息", 3, 33.3]
    assert steps.max_row == 3
    overdue = book["Overdue actions"]
    # a key first seen in a later row becomes a column too
    assert [c.value for c in overdue[1]] == ["Drill", "Due", "Days overdue", "Owner"]
    assert overdue["B2"].value == datetime(2026, 5, 10) and overdue["C2"].value == 22
    assert overdue["D2"].value is None


def test_the_header_is_bold_frozen_and_the_columns_fit_their_text():
    book = reopen(SHEETS)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert not sheet["A2"].font.bold
    steps = book["遗漏或超时的步骤"]
    # "报告事故信息" is 6 wide characters: 12 columns, plus a margin; the number column is narrower
    assert steps.column_dimensions["A"].width >= 14
    assert steps.column_dimensions["B"].width < steps.column_dimensions["A"].width


def test_a_very_long_text_does_not_make_a_column_wider_than_the_limit():
    book = reopen({"Notes": [{"Note": "x" * 500}]})
    assert book["Notes"].column_dimensions["A"].width == 60


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+1 injected", "'+1 injected"),
        ("-2", "'-2"),
        ("@bob", "'@bob"),
        ("\tTAB", "'\tTAB"),
        ("报告=完成", "报告=完成"),
        ("ok", "ok"),
    ],
)
def test_text_that_looks_like_a_formula_is_kept_as_text(text, stored):
    book = reopen({"S": [{"Cell": text}]})
    cell = book["S"]["A2"]
    assert cell.value == stored
    assert cell.data_type == "s"


def test_no_cell_of_the_workbook_is_a_formula():
    book = reopen(SHEETS)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert cells and all(cell.data_type != "f" for cell in cells)
    assert book["遗漏或超时的步骤"]["A3"].value == "'=cmd|' /C calc'!A0"


def test_an_empty_table_keeps_its_headers_when_given():
    book = reopen({"逾期整改": [], "Other": []}, headers={"逾期整改": ["演练", "期限"]})
    assert [c.value for c in book["逾期整改"][1]] == ["演练", "期限"]
    assert book["逾期整改"].max_row == 1
    assert book["Other"]["A1"].value is None


def test_no_sheets_still_make_a_valid_workbook():
    assert reopen({}).sheetnames == ["Sheet1"]


@pytest.mark.parametrize(
    ("names", "titles"),
    [
        (["Did the fix work?"], ["Did the fix work"]),
        (["a/b:c[d]*e\\f"], ["abcdef"]),
        (["x" * 40], ["x" * 31]),
        (["Scores", "scores"], ["Scores", "scores (2)"]),
        (["y" * 40, "y" * 31], ["y" * 31, "y" * 27 + " (2)"]),
        (["???"], ["Sheet"]),
    ],
)
def test_sheet_names_are_made_valid_and_unique(names, titles):
    taken: set[str] = set()
    assert [sheet_title(name, taken) for name in names] == titles
    book = build_workbook({name: [{"a": 1}] for name in names})
    assert book.sheetnames == titles


def test_times_lose_their_zone_and_other_values_keep_their_type():
    moment = datetime(2026, 5, 1, 10, 30, tzinfo=UTC)
    assert cell_value(moment) == datetime(2026, 5, 1, 10, 30)
    assert cell_value(date(2026, 5, 1)) == date(2026, 5, 1)
    assert cell_value(None) is None and cell_value(True) is True and cell_value(2.5) == 2.5
    assert cell_value(("a", 1)) == "('a', 1)"
    book = reopen({"T": [{"Ended": moment}]})
    assert book["T"]["A2"].value == datetime(2026, 5, 1, 10, 30)


def test_control_characters_a_workbook_cannot_hold_are_dropped():
    assert safe_text("bad\x01text\x0b") == "badtext"
    assert reopen({"S": [{"c": "a\x02b"}]})["S"]["A2"].value == "ab"


def test_wide_characters_count_twice():
    assert display_width("abc") == 3
    assert display_width("报告") == 4
    assert display_width("（%）") == 5


def test_times_show_to_the_minute_and_days_as_days():
    # QA walk: the analytics exports showed times like 2026-11-29T19:50:50.829480
    moment = datetime(2026, 11, 29, 19, 50, 50, 829480)
    sheet = reopen({"T": [{"Ended": moment, "Due": date(2026, 12, 1)}]})["T"]
    assert sheet["A2"].value.replace(microsecond=0) == moment.replace(microsecond=0)
    assert sheet["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet["B2"].number_format == "yyyy-mm-dd"
