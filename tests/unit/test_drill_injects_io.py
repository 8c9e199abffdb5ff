"""Injects (the MSEL) to and from CSV and Excel files: round trips, role names, bad
files refused whole with row numbers."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from drills.checklist import derive_checklist
from drills.errors import DrillImportError
from drills.injects_io import (
    COLUMNS,
    injects_from_csv,
    injects_from_xlsx,
    injects_to_csv,
    injects_to_xlsx,
)
from drills.model import Inject
from tests.drill_samples import plan_of

PLAN = plan_of("a→b→c", b={"roles": ("r2",)}, c={"roles": ("r3",)})
CHECKLIST = derive_checklist(PLAN)  # c1 = a, c2 = b, c3 = c
INJECTS = (
    Inject(
        "i1",
        "接警：化工厂泄漏",
        "10:05 接到报警，厂区东侧储罐泄漏。",
        "message",
        0,
        ("r1",),
        ("c1",),
    ),
    Inject("i2", "泄漏扩大", "风向转为东南", "message", 12.5, ("r2", "r3"), ("c2", "c3")),
    Inject("tc", "任务卡：清点人数", "请在 10 分钟内报告人数", "task_card", None, (), ()),
    Inject("q1", "=SUM(A1:A2) 是公式吗", "-5 不是负的偏移", "question", 30, ("r3",), ()),
)
WRITERS = {"csv": (injects_to_csv, injects_from_csv), "xlsx": (injects_to_xlsx, injects_from_xlsx)}


def csv_bytes(*lines: str, encoding: str = "utf-8-sig") -> bytes:
    return "\r\n".join(lines).encode(encoding)


def xlsx_bytes(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("with_plan", [True, False])
def test_injects_survive_a_round_trip(fmt, with_plan):
    write, read = WRITERS[fmt]
    data = write(INJECTS, PLAN if with_plan else None)
    assert read(data, PLAN, CHECKLIST) == INJECTS


def test_the_csv_file_opens_in_excel_with_names_not_ids():
    data = injects_to_csv(INJECTS, PLAN)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "抢险救援组;医疗救治组" in text
    assert "'=SUM(A1:A2)" in text  # a spreadsheet would run it as a formula otherwise


def test_the_excel_file_holds_text_cells_never_formulas_and_numbers_as_numbers():
    sheet = load_workbook(io.BytesIO(injects_to_xlsx(INJECTS, PLAN))).active
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet["B5"].value == "=SUM(A1:A2) 是公式吗" and sheet["B5"].data_type == "s"
    assert sheet["E3"].value == 12.5 and sheet["E4"].value is None


@pytest.mark.parametrize(
    ("to_roles", "expected"),
    [
        ("r2", ("r2",)),
        ("抢险救援组", ("r2",)),
        ("医疗组", ("r3",)),  # an alias
        ("总指挥；抢险救援组", ("r1", "r2")),
        ("总指挥、医疗救治组", ("r1", "r3")),
        ("r3; r3 ; 医疗组", ("r3",)),
        ("", ()),
    ],
)
def test_roles_are_named_by_id_name_or_alias_separated_by_semicolons_or_dunhao(to_roles, expected):
    data = csv_bytes("id,title,to_roles", f"i1,接警,{to_roles}")
    assert injects_from_csv(data, PLAN)[0].to_roles == expected


def test_expected_steps_may_name_plan_steps_and_become_checklist_items():
    data = csv_bytes("title,expected_steps", "接警,a;c3")
    assert injects_from_csv(data, PLAN, CHECKLIST)[0].expected_steps == ("c1", "c3")


def test_chinese_headers_and_kinds_are_understood_and_missing_ids_made_up():
    data = csv_bytes(
        "编号,标题,内容,类型,偏移分钟,发送角色",
        ",接警,报警电话,情景,0,总指挥",
        "i1,清点人数,,任务卡,,抢险救援组",
        ",回答问题,,问题,15,",
    )
    injects = injects_from_csv(data, PLAN)
    assert [(i.id, i.kind, i.offset_min) for i in injects] == [
        ("i2", "message", 0.0),
        ("i1", "task_card", None),
        ("i3", "question", 15.0),
    ]


def test_a_csv_saved_by_chinese_excel_in_gb18030_is_read():
    data = csv_bytes("title,to_roles", "接警,抢险救援组", encoding="gb18030")
    assert injects_from_csv(data, PLAN)[0].to_roles == ("r2",)


def test_blank_rows_are_skipped():
    data = csv_bytes("title", "", "接警", ",,,", "")
    assert [i.title for i in injects_from_csv(data, PLAN)] == ["接警"]


BAD_ROWS = [
    ("i1,,,,,,", "drills.injects.no_title", {"row": 2}),
    ("i1,接警,,dance,,,", "drills.injects.bad_kind", {"row": 2, "kind": "dance"}),
    ("i1,接警,,,-5,,", "drills.injects.bad_offset", {"row": 2, "value": "-5"}),
    ("i1,接警,,,soon,,", "drills.injects.bad_offset", {"row": 2, "value": "soon"}),
    ("i1,接警,,,,消防队;r9,", "drills.injects.unknown_roles", {"row": 2, "roles": "消防队、r9"}),
    ("i1,接警,,,,,c9", "drills.injects.unknown_steps", {"row": 2, "steps": "c9"}),
]


@pytest.mark.parametrize(("row", "key", "params"), BAD_ROWS)
def test_a_bad_row_is_refused_with_its_row_number(row, key, params):
    with pytest.raises(DrillImportError) as caught:
        injects_from_csv(csv_bytes(",".join(COLUMNS), row), PLAN, CHECKLIST)
    assert caught.value.key == key
    assert {k: caught.value.params[k] for k in params} == params


def test_every_bad_row_is_reported_and_nothing_is_imported():
    data = xlsx_bytes(
        COLUMNS,
        ("i1", "接警", "", "", 0, "总指挥", ""),
        ("i2", "", "", "", 5, "", ""),
        ("i1", "重复", "", "", None, "消防队", ""),
    )
    with pytest.raises(DrillImportError) as caught:
        injects_from_xlsx(data, PLAN, CHECKLIST)
    assert [(p.key, p.params["row"]) for p in caught.value.problems] == [
        ("drills.injects.no_title", 3),
        ("drills.injects.duplicate_id", 4),
        ("drills.injects.unknown_roles", 4),
    ]


@pytest.mark.parametrize(
    ("read", "data", "key"),
    [
        (injects_from_csv, b"", "sheet.empty"),
        (injects_from_csv, csv_bytes("id,content", "i1,x"), "drills.injects.missing_column"),
        (injects_from_csv, b"\xff\xfe\x00\x00\xff" * 3, "drills.injects.unreadable"),
        (injects_from_xlsx, b"PK\x03\x04 not really a workbook", "sheet.damaged"),
        (injects_from_xlsx, b"\x89PNG\r\n\x1a\n" + bytes(64), "sheet.unsupported"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_reason(read, data, key):
    with pytest.raises(DrillImportError) as caught:
        read(data, PLAN)
    assert caught.value.key == key


def test_the_content_not_the_name_says_whether_a_file_is_a_workbook():
    from_csv_bytes = injects_from_xlsx(csv_bytes("title", "接警"), PLAN)
    assert [i.title for i in from_csv_bytes] == ["接警"]
    workbook = injects_to_xlsx(from_csv_bytes)
    assert [i.title for i in injects_from_csv(workbook, PLAN)] == ["接警"]
