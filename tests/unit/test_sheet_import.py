"""Spreadsheets like documents: an injects workbook or CSV file passes the upload checks (size,
zip bombs, encryption) before anything parses it, a workbook whose header records a stale size
imports every row, and thousands of bad rows are summarised in a few lines."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from drills import injects_io, sheet_guard
from drills.errors import DrillImportError, summarise
from drills.injects_io import injects_from_csv, injects_from_xlsx
from i18n import t
from plans.errors import PlanReadError
from tests.drill_samples import plan_of
from tests.unit.workbooks import FIVE, MB, spreadsheet_bomb, with_sheet_xml, workbook

PLAN = plan_of("a→b")  # roles r1 总指挥, r2 抢险救援组, r3 医疗救治组
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_a_workbook_whose_header_records_a_stale_size_imports_every_row():
    def stale(xml: bytes) -> bytes:
        assert b'<dimension ref="A1:G6"/>' in xml
        return xml.replace(b'<dimension ref="A1:G6"/>', b'<dimension ref="A1:G2"/>')

    data = with_sheet_xml(workbook(FIVE), stale)
    # what openpyxl's read-only mode gives when it trusts that header: one row of five
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert len(list(book.worksheets[0].iter_rows(values_only=True))) == 2
    book.close()
    injects = injects_from_xlsx(data, PLAN)
    assert [i.title for i in injects] == [f"第 {n} 条注入" for n in range(1, 6)]


def test_a_header_that_records_a_huge_size_costs_no_empty_rows():
    data = with_sheet_xml(
        workbook(FIVE[:1]),
        lambda xml: re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', xml),
    )
    assert [i.id for i in injects_from_xlsx(data, PLAN)] == ["i1"]


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if anything tries to parse a workbook or CSV."""

    def parse(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(openpyxl, "load_workbook", parse)
    monkeypatch.setattr(injects_io, "_csv_table", parse)


def test_a_spreadsheet_bomb_is_refused_by_the_checks_before_it_is_parsed(no_parsing):
    bomb = spreadsheet_bomb(110 * MB)
    assert len(bomb) < MB
    with pytest.raises(PlanReadError) as caught:
        sheet_guard.check_spreadsheet(bomb, 20 * MB)
    assert caught.value.key == "sheet.zip_bomb"
    with pytest.raises(DrillImportError) as caught:
        injects_from_xlsx(bomb, PLAN, max_bytes=20 * MB)
    assert [p.key for p in caught.value.problems] == ["sheet.zip_bomb"]
    for lang in ("zh", "en"):
        assert "zip" in t("sheet.zip_bomb", lang=lang).lower() or "压缩炸弹" in t(
            "sheet.zip_bomb", lang=lang
        )


def test_a_workbook_just_under_the_unpacked_limit_is_not_taken_for_a_bomb():
    # the same kind of sheet, ordinary size: the checks let it through to the reader
    data = spreadsheet_bomb(2 * MB)
    assert sheet_guard.check_spreadsheet(data) == "xlsx"


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "sheet.empty"),
        (b"title\n" + bytes(3 * MB), "sheet.too_big"),
        (OLE + "Workbook".encode("utf-16-le"), "sheet.legacy_xls"),
        (OLE + "EncryptedPackage".encode("utf-16-le"), "sheet.encrypted"),
        (b"%PDF-1.7\n...", "sheet.unsupported"),
        (b"PK\x03\x04 broken", "sheet.damaged"),
    ],
)
def test_files_that_are_no_spreadsheet_are_refused_before_parsing(no_parsing, data, key):
    with pytest.raises(DrillImportError) as caught:
        injects_from_csv(data, PLAN, max_bytes=2 * MB)
    assert caught.value.problems[0].key == key
    for lang in ("zh", "en"):
        message = t(key, lang=lang, **caught.value.problems[0].params)
        assert not message.startswith("⟦") and "{" not in message


def test_a_word_document_offered_as_injects_is_named_for_what_it_is():
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(PlanReadError) as caught:
        sheet_guard.check_spreadsheet(docx.getvalue())
    assert caught.value.key == "sheet.not_excel"
    assert "Word" in t("sheet.not_excel", lang="en", **caught.value.params)


def test_five_thousand_bad_rows_are_summarised_in_a_few_lines():
    rows = ["title,kind,offset_min"] + [f"注入{n},电报,-{n + 1}" for n in range(5000)]
    with pytest.raises(DrillImportError) as caught:
        injects_from_csv("\n".join(rows).encode(), PLAN)
    problems = caught.value.problems
    assert len(problems) == 10_000  # every problem is kept (a bad kind and a bad offset each)
    shown = summarise(problems)
    assert len(shown) == 11 and shown[:10] == problems[:10]
    more = shown[-1]
    assert (more.key, dict(more.params)) == (
        "drills.problems_more_rows",
        {"n": 9990, "total": 10_000, "first": 7, "last": 5001},
    )
    assert t(more.key, lang="en", **more.params) == (
        "… and 9990 more problems in rows 7–5001 (10000 in all): fix the ones above and try again"
    )


def test_a_few_problems_are_all_shown():
    rows = ["title,kind", "接警,电报"]
    with pytest.raises(DrillImportError) as caught:
        injects_from_csv("\n".join(rows).encode(), PLAN)
    assert summarise(caught.value.problems) == caught.value.problems


def test_more_rows_than_a_file_may_hold_stop_the_reading_of_a_workbook():
    many = [[f"i{n}", f"注入{n}"] for n in range(injects_io.MAX_ROWS + 50)]
    with pytest.raises(DrillImportError) as caught:
        injects_from_xlsx(workbook(many), PLAN)
    assert caught.value.key == "drills.injects.too_many"


def test_blank_rows_between_and_after_the_injects_do_not_count_or_shift_row_numbers():
    data = b"title,kind\n\n\n,\n\xe6\x8e\xa5\xe8\xad\xa6,\xe7\x94\xb5\xe6\x8a\xa5\n" + b",\n" * 6000
    with pytest.raises(DrillImportError) as caught:
        injects_from_csv(data, PLAN)
    assert [(p.key, p.params["row"]) for p in caught.value.problems] == [
        ("drills.injects.bad_kind", 5)
    ]
