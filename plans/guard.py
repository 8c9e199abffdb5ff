"""Upload safety: decide what a document is from its bytes, and refuse bad ones before parsing.

`check_upload` looks only at magic bytes, the zip central directory, the OLE directory and the
PDF trailer, so a hostile or broken file costs almost nothing to refuse. The file name only tells
Markdown from plain text, and refuses text that claims to be a Word document (.docx).
"""

from __future__ import annotations

import codecs
import io
import re
import struct
import zipfile

from plans.errors import PlanReadError

MB = 1024 * 1024

# A real .docx inflates about 15-40x; these bounds leave room for that and stop zip bombs.
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_TOTAL = 200 * MB
ZIP_MAX_RATIO_TOTAL = 40
ZIP_SMALL_TOTAL = 50 * MB  # below this the total-ratio rule does not apply (small uploads)
ZIP_MAX_ENTRY_RATIO = 200
ZIP_RATIO_MIN_SIZE = 5 * MB

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

ACCEPTED = ("docx", "pdf", "txt", "md")

# (magic prefix, kind in Chinese, kind in English) for files people upload by mistake.
_KNOWN_BINARIES = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF87a", "GIF 图片", "a GIF image"),
    (b"GIF89a", "GIF 图片", "a GIF image"),
    (b"BM", "BMP 图片", "a BMP image"),
    (b"II*\x00", "TIFF 图片", "a TIFF image"),
    (b"MM\x00*", "TIFF 图片", "a TIFF image"),
    (b"MZ", "Windows 程序", "a Windows program"),
    (b"\x7fELF", "程序文件", "a program file"),
    (b"Rar!\x1a\x07", "RAR 压缩包", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "a 7z archive"),
    (b"\x1f\x8b", "gzip 压缩包", "a gzip archive"),
    (
        b"{\\rtf",
        "RTF 文档（请在 Word 中另存为 .docx）",
        "an RTF document (save it as .docx in Word)",
    ),
    (b"ID3\x03", "音频文件", "an audio file"),
    (b"ID3\x04", "音频文件", "an audio file"),
    (b"%!PS", "PostScript 文件", "a PostScript file"),
)

_MARKDOWN_SUFFIXES = (".md", ".markdown")
_PDF_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def check_upload(data: bytes, filename: str, max_bytes: int | None = None) -> str:
    """The kind of the upload, "docx" | "pdf" | "txt" | "md", decided by its content.

    Raises: PlanReadError (read.empty, read.too_big, read.doc_legacy, read.encrypted,
    read.damaged, read.not_word, read.zip_bomb, read.unsafe_path, read.unsupported,
    read.encoding, read.docx_not_word: text named .docx) with a message that says what to do.
    """
    if not data or (len(data) < 65536 and not data.strip()):
        raise PlanReadError("read.empty")
    if max_bytes is not None and len(data) > max_bytes:
        raise PlanReadError("read.too_big", size=mb(len(data)), limit=mb(max_bytes))
    head = data[:16]
    if head.startswith(ZIP_MAGICS):
        _check_zip(data)
        return "docx"
    if head.startswith(OLE_MAGIC):
        raise _ole_error(data)
    if b"%PDF-" in data[:1024]:
        _check_pdf(data)
        return "pdf"
    known = binary_kind(data)
    if known is not None:
        raise _unsupported(*known)
    text = decode_text(data)
    _check_text(text)
    if filename.lower().endswith(".docx"):
        # A Word file is a zip archive: this is text renamed (or saved under the wrong name), and
        # reading it as a plan would preview the wrong thing as if it were the Word document.
        raise PlanReadError("read.docx_not_word", name=filename[-80:])
    return "md" if filename.lower().endswith(_MARKDOWN_SUFFIXES) else "txt"


def binary_kind(data: bytes) -> tuple[str, str] | None:
    """(kind in Chinese, kind in English) of a common binary file people upload by mistake
    (pictures, programs, archives, RTF, audio, PostScript); None when it is none of them."""
    head = data[:16]
    for magic, kind_zh, kind_en in _KNOWN_BINARIES:
        # two-byte magics also start ordinary text ("BMW…"): binaries have a NUL early on
        if head.startswith(magic) and (len(magic) > 2 or b"\x00" in data[:64]):
            return kind_zh, kind_en
    return None


def mb(size: int) -> float | int:
    """Bytes as megabytes for a message: one decimal, none when whole."""
    value = round(size / MB, 1)
    return int(value) if value == int(value) else value


def decode_text(data: bytes) -> str:
    """Plain text as str: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

    Raises: PlanReadError read.encoding, or read.unsupported when the bytes are binary.
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif b"\x00" in data[:4096]:
        if _looks_like_utf16(data[:4096]):
            raise PlanReadError("read.encoding")
        raise _unsupported("二进制文件", "a binary file")
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if len(_CONTROL.findall(data[:4096].decode("latin-1"))) > 8:
        raise _unsupported("二进制文件", "a binary file")
    raise PlanReadError("read.encoding")


def _looks_like_utf16(sample: bytes) -> bool:
    """UTF-16 without a BOM: the NULs of its ASCII characters all fall on one byte parity."""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2 or 1
    return max(even, odd) > 0.2 * half and min(even, odd) < 0.02 * half


def _check_text(text: str) -> None:
    start = text.lstrip("\ufeff \t\r\n")[:200].lower()
    if start.startswith(("<!doctype html", "<html")) or "<html" in start[:100]:
        raise _unsupported("网页（HTML）", "a web page (HTML)")
    if start.startswith("<?xml"):
        raise _unsupported("XML 文件", "an XML file")
    if len(_CONTROL.findall(text[:4096])) > 8:
        raise _unsupported("二进制文件", "a binary file")


def _unsupported(kind_zh: str, kind_en: str) -> PlanReadError:
    return PlanReadError("read.unsupported", kind_zh=kind_zh, kind_en=kind_en)


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise PlanReadError("read.damaged") from exc
    check_zip_directory(infos, len(data))
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        kind_zh, kind_en = zip_kind(archive, names)
        raise PlanReadError("read.not_word", kind_zh=kind_zh, kind_en=kind_en)
    if any(info.flag_bits & 0x1 for info in infos):
        raise PlanReadError("read.encrypted")
    verify_entry(archive, archive.getinfo("word/document.xml"))


def check_zip_directory(
    infos: list[zipfile.ZipInfo], upload_size: int, max_total: int = ZIP_MAX_TOTAL
) -> None:
    """Refuse a zip whose directory promises too many entries, an unsafe path, or more unpacked
    bytes than `max_total` or than its size makes plausible (looks at the directory only).

    Raises: PlanReadError read.zip_bomb or read.unsafe_path (param name).
    """
    if len(infos) > ZIP_MAX_ENTRIES:
        raise PlanReadError("read.zip_bomb")
    total = 0
    for info in infos:
        if _unsafe_name(info.filename):
            raise PlanReadError("read.unsafe_path", name=info.filename[:80])
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ZIP_RATIO_MIN_SIZE and ratio > ZIP_MAX_ENTRY_RATIO:
            raise PlanReadError("read.zip_bomb")
        total += info.file_size
    too_big_for_upload = total > ZIP_SMALL_TOTAL and total > ZIP_MAX_RATIO_TOTAL * upload_size
    if total > max_total or too_big_for_upload:
        raise PlanReadError("read.zip_bomb")


def _unsafe_name(name: str) -> bool:
    normal = name.replace("\\", "/")
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal):
        return True
    return ".." in normal.split("/")


def verify_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Inflate one entry without keeping it: checks its CRC and that it is no bigger than declared.

    Raises: PlanReadError read.zip_bomb, read.damaged or read.encrypted.
    """
    read = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 20):
                read += len(chunk)
                if read > info.file_size:
                    raise PlanReadError("read.zip_bomb")
    except PlanReadError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise PlanReadError("read.damaged") from exc
    except RuntimeError as exc:  # zipfile raises it for encrypted entries
        raise PlanReadError("read.encrypted") from exc


def zip_kind(archive: zipfile.ZipFile, names: set[str]) -> tuple[str, str]:
    """(kind in Chinese, kind in English) of a zip archive by the files in it."""
    if "word/document.xml" in names:
        return "Word 文档（.docx）", "a Word document (.docx)"
    if "xl/workbook.xml" in names:
        return "Excel 工作簿（.xlsx）", "an Excel workbook (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)"
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
        mimetype = archive.read("mimetype").decode("ascii", "replace")
        if mimetype.endswith("opendocument.text"):
            return "OpenDocument 文档（.odt）", "an OpenDocument text (.odt)"
        if "opendocument" in mimetype:
            return "OpenDocument 文件", "an OpenDocument file"
        if "epub" in mimetype:
            return "电子书（.epub）", "an e-book (.epub)"
    if any(n.startswith("Doc_") or n == "Doc_0/Document.xml" for n in names) or "OFD.xml" in names:
        return "OFD 版式文件", "an OFD document"
    return "ZIP 压缩包", "a ZIP archive"


def _ole_error(data: bytes) -> PlanReadError:
    """An OLE compound file is a legacy .doc/.xls/.ppt or an encrypted Office 2007+ file."""
    names = ole_stream_names(data)
    if names is None:  # directory unreadable: fall back to looking for the names themselves
        names = {
            name
            for name in ("EncryptedPackage", "WordDocument", "Workbook", "PowerPoint Document")
            if name.encode("utf-16-le") in data
        }
    if "EncryptedPackage" in names:
        return PlanReadError("read.encrypted")
    if "WordDocument" in names:
        return PlanReadError("read.doc_legacy")
    if "Workbook" in names or "Book" in names:
        return _unsupported("旧版 Excel 工作簿（.xls）", "a legacy Excel workbook (.xls)")
    if "PowerPoint Document" in names:
        return _unsupported("旧版 PowerPoint 演示文稿（.ppt）", "a legacy PowerPoint file (.ppt)")
    return _unsupported("旧版 Office 文件", "a legacy Office file")


def ole_stream_names(data: bytes) -> set[str] | None:
    """Names in an OLE compound file's directory (header, FAT and directory chain only)."""
    try:
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            return None
        size = 1 << shift
        first_dir = struct.unpack_from("<I", data, 0x30)[0]
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < 0xFFFFFFFA]
        fat: list[int] = []
        for sector in fat_sectors:
            offset = (sector + 1) * size
            fat.extend(struct.unpack_from(f"<{size // 4}I", data, offset))
        names: set[str] = set()
        sector, seen = first_dir, set()
        while sector < 0xFFFFFFFA and sector not in seen and len(seen) < 10000:
            seen.add(sector)
            offset = (sector + 1) * size
            for entry in range(0, size, 128):
                raw = data[offset + entry : offset + entry + 128]
                if len(raw) < 128:
                    return names or None
                length = struct.unpack_from("<H", raw, 0x40)[0]
                if 2 <= length <= 64:
                    names.add(raw[: length - 2].decode("utf-16-le", "replace"))
            sector = fat[sector] if sector < len(fat) else 0xFFFFFFFE
        return names or None
    except (struct.error, IndexError):
        return None


def _check_pdf(data: bytes) -> None:
    tail = data[-2048:]
    if b"%%EOF" not in tail or b"startxref" not in data[-4096:]:
        raise PlanReadError("read.damaged")
    # The trailer (or the cross-reference stream, or a linearized first-page trailer) names the
    # /Encrypt dictionary; all of them sit near the end or the start of the file.
    if _PDF_ENCRYPT.search(data[-65536:]) or _PDF_ENCRYPT.search(data[:8192]):
        raise PlanReadError("read.encrypted")
