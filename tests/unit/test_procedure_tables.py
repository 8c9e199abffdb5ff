"""Procedure tables: which tables list steps (an action column beside an owner, time or number
column) and what each row gives."""

from __future__ import annotations

import pytest

from plans.extract.tables import procedure_rows
from plans.model import Block


def table(*rows: tuple[str, ...], start: int = 0) -> list[Block]:
    return [
        Block(start + k, "table_row", " | ".join(cells), cells=cells)
        for k, cells in enumerate(rows)
    ]


@pytest.mark.parametrize(
    "header",
    [
        ("Step", "Action", "Owner", "Timeframe"),
        ("序号", "处置措施", "责任人", "时限"),
        ("步骤", "责任岗位"),  # the step column holds the action itself
        ("Task", "Responsible"),
    ],
)
def test_a_table_with_an_action_column_beside_an_owner_time_or_number_lists_steps(header):
    first = ("1", "Isolate the host", "IT", "Immediately")[: len(header)]
    if len(header) == 2:
        first = ("Isolate the host", "IT")
    rows = procedure_rows(table(header, first))
    assert list(rows) == [1]
    assert rows[1].action == "Isolate the host" and rows[1].owners == "IT"
    assert rows[1].header == 0


@pytest.mark.parametrize(
    "header, row",
    [
        (("预警级别", "级别描述", "颜色标示"), ("I级", "特别严重", "红色")),
        (("Name", "Phone", "Email"), ("Duty officer", "555-0100", "duty@example.org")),
        (("名称", "数量", "存放地点"), ("空气呼吸器", "4套", "控制室")),
        (("Action",), ("Isolate the host",)),  # an action alone is a list, not a procedure table
    ],
)
def test_tables_without_an_action_column_or_with_nothing_beside_it_list_no_steps(header, row):
    assert procedure_rows(table(header, row)) == {}


def test_a_new_table_needs_its_own_header_and_numbering_makes_rows_follow_one_another():
    blocks = table(("Step", "Action", "Owner"), ("1", "Notify the IC", "Desk"))
    blocks.append(Block(2, "paragraph", "Then the contacts:"))
    blocks += table(("Role", "Phone"), ("IC", "555-0101"), start=3)
    rows = procedure_rows(blocks)
    assert list(rows) == [1] and rows[1].numbered
    unnumbered = procedure_rows(table(("Action", "Owner"), ("Notify the IC", "Desk")))
    assert not unnumbered[1].numbered
