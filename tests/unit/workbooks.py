"""Workbooks for the injects-import tests: a sheet of rows, the same with its sheet XML changed,
and a spreadsheet bomb (a small .xlsx whose sheet unpacks to a given size)."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

from drills.injects_io import COLUMNS

MB = 1024 * 1024
FIVE = [[f"i{n}", f"第 {n} 条注入", "内容", "消息", n, "总指挥", ""] for n in range(1, 6)]


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet_xml(data: bytes, change) -> bytes:
    """The workbook with its first sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            target.writestr(info.filename, content)
    return out.getvalue()


def spreadsheet_bomb(unpacked: int) -> bytes:
    """A valid-looking .xlsx under 1 MB whose sheet XML unpacks to `unpacked` bytes."""
    source = zipfile.ZipFile(io.BytesIO(workbook(FIVE)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info))
                continue
            row = b'<row r="2"><c t="inlineStr"><is><t>x</t></is></c></row>'
            chunk = row * (MB // len(row))
            with target.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main"><sheetData>'
                )
                for _ in range(unpacked // len(chunk)):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()
