"""Page tests of the injects import on the drill design page: 5,000 bad rows give a short
summary (the first problems and a count), and a spreadsheet bomb is refused in words of ours."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

import i18n
from db import drills_store
from drills.errors import SHOWN_PROBLEMS
from i18n import t
from tests.integration.drills_world import design
from tests.ui.drill_pages import open_page
from tests.unit.workbooks import spreadsheet_bomb


@pytest.fixture
def design_page(world):
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )

    def import_file(name: str, data: bytes, lang: str = "zh"):
        i18n.set_language(lang)  # AppTest formats select boxes again in the test's thread
        at = open_page(world, "drill_design", "director", drill_id=drill_id, lang=lang)
        box = next(b for b in at.get("file_uploader") if b.key == "injects_file")
        box.upload(name, data, "application/octet-stream")
        at.run()
        at.button(key="injects_import").click().run()
        assert not at.exception, at.exception
        return at

    yield import_file, drill_id
    i18n.set_language("zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_five_thousand_bad_rows_give_a_short_summary(world, design_page, lang):
    import_file, drill_id = design_page
    rows = ["title,kind"] + [f"注入{n},电报" for n in range(5000)]
    at = import_file("injects.csv", "\n".join(rows).encode(), lang)
    (box,) = at.error
    lines = box.value.splitlines()
    assert len(lines) == SHOWN_PROBLEMS + 1
    assert lines[-1].replace("\\", "") == "- " + t(
        "drills.problems_more_rows", lang=lang, n=4990, total=5000, first=12, last=5001
    )
    assert (
        drills_store.load_design(world.db, world.director, drill_id).injects
        == design(world).injects
    )  # nothing of the file was taken


def test_a_spreadsheet_bomb_is_refused_in_words_of_ours(world, design_page):
    import_file, _ = design_page
    at = import_file("injects.xlsx", spreadsheet_bomb(110 * 1024 * 1024), "en")
    (box,) = at.error
    assert "zip bomb" in box.value.replace("\\", "")


def test_a_workbook_with_a_stale_size_imports_every_row_from_the_page(world, design_page):
    from openpyxl import Workbook

    from tests.unit.workbooks import with_sheet_xml

    import_file, drill_id = design_page
    book = Workbook()
    book.active.append(["title", "to_roles"])
    for n in range(1, 6):
        book.active.append([f"第 {n} 条", "抢险救援组"])
    out = io.BytesIO()
    book.save(out)

    def stale(xml: bytes) -> bytes:
        assert b'<dimension ref="A1:B6"/>' in xml
        return xml.replace(b'<dimension ref="A1:B6"/>', b'<dimension ref="A1:B2"/>')

    data = with_sheet_xml(out.getvalue(), stale)
    at = import_file("injects.xlsx", data)
    assert not at.error
    stored = drills_store.load_design(world.db, world.director, drill_id).injects
    assert [i.title for i in stored] == [f"第 {n} 条" for n in range(1, 6)]
