"""Upload safety for spreadsheets: the checks plans/guard.py makes of documents, for .xlsx and
.csv files, before anything parses them.

An .xlsx is a zip archive: its directory is checked for zip bombs and unsafe paths (a sheet
whose XML unpacks to more than 50 MB is refused: a workbook of injects needs a few), then every
entry is inflated once without being kept, which proves it no bigger than declared; nothing is
parsed until all of that passed. Anything else must be text (CSV). Refusals carry "sheet.*"
catalogue keys that speak of spreadsheets.
"""

from __future__ import annotations

import io
import zipfile

from plans import guard
from plans.errors import PlanReadError

SHEET_MAX_TOTAL = 50 * guard.MB


def check_spreadsheet(data: bytes, max_bytes: int | None = None) -> str:
    """The kind of a spreadsheet upload, "xlsx" or "csv", decided by its content.

    Raises: PlanReadError sheet.empty, sheet.too_big (params size, limit), sheet.zip_bomb,
    sheet.unsafe_path (name), sheet.damaged, sheet.encrypted, sheet.not_excel (kind_zh,
    kind_en), sheet.legacy_xls or sheet.unsupported (kind_zh, kind_en).
    """
    if not data or (len(data) < 65536 and not data.strip()):
        raise PlanReadError("sheet.empty")
    if max_bytes is not None and len(data) > max_bytes:
        raise PlanReadError("sheet.too_big", size=guard.mb(len(data)), limit=guard.mb(max_bytes))
    try:
        if data[:4].startswith(guard.ZIP_MAGICS):
            _check_workbook(data)
            return "xlsx"
        if data.startswith(guard.OLE_MAGIC):
            raise _ole_error(data)
        known = guard.binary_kind(data) or (
            ("PDF 文件", "a PDF file") if b"%PDF-" in data[:1024] else None
        )
        if known is not None:
            raise PlanReadError("sheet.unsupported", kind_zh=known[0], kind_en=known[1])
    except PlanReadError as exc:
        if exc.key.startswith("read."):
            raise PlanReadError("sheet." + exc.key.split(".", 1)[1], **exc.params) from None
        raise
    return "csv"


def _check_workbook(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise PlanReadError("sheet.damaged") from exc
    guard.check_zip_directory(infos, len(data), max_total=SHEET_MAX_TOTAL)
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        kind_zh, kind_en = guard.zip_kind(archive, names)
        raise PlanReadError("sheet.not_excel", kind_zh=kind_zh, kind_en=kind_en)
    if any(info.flag_bits & 0x1 for info in infos):
        raise PlanReadError("sheet.encrypted")
    for info in infos:
        guard.verify_entry(archive, info)


def _ole_error(data: bytes) -> PlanReadError:
    """An OLE file is a legacy .xls, an encrypted .xlsx, or another legacy Office file."""
    names = guard.ole_stream_names(data) or set()
    if "EncryptedPackage" in names or "EncryptedPackage".encode("utf-16-le") in data:
        return PlanReadError("sheet.encrypted")
    if names & {"Workbook", "Book"} or "Workbook".encode("utf-16-le") in data:
        return PlanReadError("sheet.legacy_xls")
    return PlanReadError(
        "sheet.unsupported", kind_zh="旧版 Office 文件", kind_en="a legacy Office file"
    )


__all__ = ["SHEET_MAX_TOTAL", "check_spreadsheet"]
