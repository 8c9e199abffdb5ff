"""Upload safety: every kind of bad file is refused by its content, with a message in both languages."""

from __future__ import annotations

import codecs
import io
import random
import struct
import zipfile
from pathlib import Path

import docx
import pytest

from i18n import t
from plans.errors import PlanReadError
from plans.guard import MB, check_upload, decode_text

ENDOFCHAIN, FREESECT, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def docx_bytes(text: str = "滨江化工园区应急预案") -> bytes:
    document = docx.Document()
    document.add_heading("总则", level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def ole_file(stream_names: list[str]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) with the given streams.

    Sector 0 is the FAT, sector 1 the directory, then 8 sectors (4096 bytes) per stream.
    """
    names = ["Root Entry", *stream_names]
    assert len(names) <= 4, "one directory sector holds four entries"
    fat = [FATSECT, ENDOFCHAIN]
    starts = []
    for _ in stream_names:
        first = len(fat)
        starts.append(first)
        fat.extend(range(first + 1, first + 8))
        fat.append(ENDOFCHAIN)
    fat += [FREESECT] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x2C, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([FREESECT] * 108))
    directory = bytearray()
    for number, name in enumerate(names):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        is_root = number == 0
        right = number + 1 if 0 < number < len(names) - 1 else 0xFFFFFFFF
        child = 1 if is_root and len(names) > 1 else 0xFFFFFFFF
        struct.pack_into("<HBB", entry, 0x40, len(encoded), 5 if is_root else 2, 1)
        struct.pack_into("<III", entry, 0x44, 0xFFFFFFFF, right, child)
        start, size = (ENDOFCHAIN, 0) if is_root else (starts[number - 1], 4096)
        struct.pack_into("<IQ", entry, 0x74, start, size)
        directory += entry
    directory += bytes(512 - len(directory))
    body = struct.pack("<128I", *fat) + bytes(directory) + bytes(4096 * len(stream_names))
    return bytes(header) + body


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(zipfile.ZipInfo(name), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def pdf_bytes(encrypted: bool = False) -> bytes:
    """A tiny hand-written PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    if encrypted:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
            b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypted:
        trailer += b" /Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">]"
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def refusal(
    data: bytes, filename: str = "plan.docx", max_bytes: int | None = None
) -> PlanReadError:
    with pytest.raises(PlanReadError) as caught:
        check_upload(data, filename, max_bytes)
    return caught.value


def write(tmp_path: Path, name: str, data: bytes) -> bytes:
    """Write the bad file to disk and read it back, as an upload would arrive."""
    path = tmp_path / name
    path.write_bytes(data)
    return path.read_bytes()


# --- accepted documents -------------------------------------------------------------------


def test_a_word_document_is_accepted_as_docx_whatever_its_name(tmp_path):
    data = write(tmp_path, "plan.bin", docx_bytes())
    assert check_upload(data, "plan.bin") == "docx"
    assert check_upload(data, "预案.txt") == "docx"


def test_a_pdf_with_a_trailer_is_accepted(tmp_path):
    data = write(tmp_path, "plan.pdf", pdf_bytes())
    assert check_upload(data, "scan.docx") == "pdf"


@pytest.mark.parametrize(
    "encoded",
    [
        "应急预案\n一、总则\n".encode(),
        codecs.BOM_UTF8 + "应急预案\n一、总则\n".encode(),
        "应急预案\n一、总则\n".encode("utf-16"),
        codecs.BOM_UTF16_BE + "应急预案\n一、总则\n".encode("utf-16-be"),
        "应急预案\n一、总则\n".encode("gb18030"),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 LE with BOM", "utf-16 BE with BOM", "gb18030"],
)
def test_plain_text_in_each_accepted_encoding_is_read_back_exactly(encoded):
    assert check_upload(encoded, "plan.txt") == "txt"
    assert decode_text(encoded) == "应急预案\n一、总则\n"


@pytest.mark.parametrize("name, kind", [("plan.md", "md"), ("PLAN.MARKDOWN", "md"), ("x", "txt")])
def test_the_name_only_tells_markdown_from_plain_text(name, kind):
    assert check_upload("# 应急预案\n".encode(), name) == kind


def test_text_that_starts_like_a_bitmap_header_is_still_text():
    assert check_upload("BMW 4S店火灾应急预案\n".encode(), "plan.txt") == "txt"


# --- refused documents --------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \r\n\t "], ids=["no bytes", "only whitespace"])
def test_an_empty_file_is_refused_as_empty(data):
    assert refusal(data).key == "read.empty"


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit_in_mb(tmp_path):
    data = write(tmp_path, "big.docx", docx_bytes() + bytes(7 * MB // 2))
    error = refusal(data, max_bytes=2 * MB)
    assert error.key == "read.too_big"
    assert error.params["limit"] == 2
    assert error.params["size"] == 3.5
    assert "2 MB" in t(error.key, lang="en", **error.params)


def test_a_legacy_word_file_is_refused_with_advice_to_save_as_docx(tmp_path):
    data = write(
        tmp_path, "plan.doc", ole_file(["WordDocument", "1Table", "\x05SummaryInformation"])
    )
    error = refusal(data, "plan.doc")
    assert error.key == "read.doc_legacy"
    assert "另存为 .docx" in t(error.key, lang="zh")
    assert "save it as .docx in Word" in t(error.key, lang="en")


def test_a_password_protected_docx_is_refused_as_encrypted(tmp_path):
    data = write(tmp_path, "secret.docx", ole_file(["EncryptionInfo", "EncryptedPackage"]))
    assert refusal(data, "secret.docx").key == "read.encrypted"


def test_an_ole_file_with_a_broken_directory_is_still_recognised_by_its_stream_names():
    data = bytearray(ole_file(["EncryptionInfo", "EncryptedPackage"]))
    struct.pack_into("<H", data, 0x1E, 7)  # impossible sector size
    assert refusal(bytes(data)).key == "read.encrypted"


def test_a_legacy_excel_file_is_refused_as_unsupported_and_named():
    error = refusal(ole_file(["Workbook"]), "sheet.xls")
    assert error.key == "read.unsupported"
    assert ".xls" in error.params["kind_en"]


def test_an_encrypted_pdf_is_refused_as_encrypted(tmp_path):
    import pypdf

    data = write(tmp_path, "secret.pdf", pdf_bytes(encrypted=True))
    assert pypdf.PdfReader(io.BytesIO(data)).is_encrypted, "the test file must really be encrypted"
    assert refusal(data, "secret.pdf").key == "read.encrypted"


def test_a_pdf_cut_off_before_its_end_is_refused_as_damaged(tmp_path):
    data = write(tmp_path, "cut.pdf", pdf_bytes()[:-40])
    assert refusal(data, "cut.pdf").key == "read.damaged"


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_a_truncated_docx_is_refused_as_damaged(tmp_path, keep):
    whole = docx_bytes("应急预案" * 500)
    data = write(tmp_path, "cut.docx", whole[: int(len(whole) * keep)])
    assert refusal(data).key == "read.damaged"


def test_a_docx_whose_document_part_fails_its_checksum_is_refused_as_damaged(tmp_path):
    whole = bytearray(docx_bytes("应急预案" * 500))
    with zipfile.ZipFile(io.BytesIO(bytes(whole))) as archive:
        info = archive.getinfo("word/document.xml")
    name_length, extra_length = struct.unpack_from("<HH", whole, info.header_offset + 26)
    data_start = info.header_offset + 30 + name_length + extra_length
    whole[data_start + info.compress_size // 2] ^= 0xFF
    data = write(tmp_path, "flipped.docx", bytes(whole))
    assert refusal(data).key == "read.damaged"


@pytest.mark.parametrize(
    "entries, kind",
    [
        ({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}, ".xlsx"),
        ({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}, ".pptx"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, ".odt"),
        ({"photos/a.jpg": b"\xff\xd8\xff" + bytes(100)}, "ZIP"),
    ],
    ids=["excel", "powerpoint", "opendocument", "plain zip"],
)
def test_a_zip_that_is_not_a_word_document_is_refused_and_says_what_it_is(tmp_path, entries, kind):
    data = write(tmp_path, "plan.docx", zip_bytes(entries))
    error = refusal(data)
    assert error.key == "read.not_word"
    assert kind in error.params["kind_en"] and kind in error.params["kind_zh"]


def test_a_zip_bomb_of_300_mb_of_zeros_is_refused_without_unpacking_it(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as stream:
            zeros = bytes(MB)
            for _ in range(300):
                stream.write(zeros)
    data = path.read_bytes()
    assert len(data) < 2 * MB, "the bomb itself is small"
    assert refusal(data).key == "read.zip_bomb"


def test_a_single_entry_with_an_absurd_compression_ratio_is_refused_as_a_zip_bomb():
    data = zip_bytes({"word/document.xml": b"<w:document/>", "word/media/a.bin": bytes(20 * MB)})
    assert refusal(data).key == "read.zip_bomb"


def test_a_zip_with_too_many_entries_is_refused_as_a_zip_bomb():
    entries = {f"word/part{n}.xml": b"" for n in range(5001)}
    entries["word/document.xml"] = b"<w:document/>"
    assert refusal(zip_bytes(entries)).key == "read.zip_bomb"


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/etc/passwd", "word/../../evil.xml", "C:/Windows/evil", "..\\evil"],
)
def test_a_zip_entry_that_escapes_its_folder_is_refused_as_an_unsafe_path(tmp_path, name):
    data = write(tmp_path, "x.docx", zip_bytes({"word/document.xml": b"<w:document/>", name: b"x"}))
    error = refusal(data)
    assert error.key == "read.unsafe_path"
    assert error.params["name"] == name


def test_a_png_image_is_refused_as_unsupported_and_lists_the_accepted_formats(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(17)
    error = refusal(write(tmp_path, "plan.docx", png))
    assert error.key == "read.unsupported"
    assert "PNG" in error.params["kind_zh"]
    message = t(error.key, lang="en", **error.params)
    assert "PNG" in message and ".docx" in message and ".txt" in message and ".md" in message


@pytest.mark.parametrize(
    "data, word",
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(200), "program"),
        (b"\x7fELF\x02\x01\x01" + bytes(200), "program"),
        (b"<!DOCTYPE html>\n<html><body>\xe9\xa2\x84\xe6\xa1\x88</body></html>", "HTML"),
        (b"{\\rtf1\\ansi plan}", "RTF"),
        (random.Random(7).randbytes(4096), "binary"),
    ],
    ids=["exe", "elf", "html", "rtf", "random bytes"],
)
def test_files_that_are_not_documents_are_refused_as_unsupported(data, word):
    error = refusal(data)
    assert error.key == "read.unsupported"
    assert word in error.params["kind_en"]


# QA walk: a text file renamed to .docx was previewed as a plan instead of being refused.
@pytest.mark.parametrize(
    "data",
    ["应急预案\n一、总则\n".encode(), "应急预案\n".encode("gb18030"), b"# Plan\nsteps\n"],
    ids=["utf-8 text", "gb18030 text", "markdown"],
)
@pytest.mark.parametrize("name", ["预案.docx", "PLAN.DOCX"])
def test_text_named_docx_is_refused_as_not_a_word_file(tmp_path, data, name):
    error = refusal(write(tmp_path, "renamed.docx", data), name)
    assert error.key == "read.docx_not_word"
    assert error.params["name"] == name
    assert t(error.key, lang="en", **error.params).startswith(f'Not a Word file: "{name}"')
    assert t(error.key, lang="zh", **error.params).startswith(f"不是 Word 文件：“{name}”")


def test_the_same_text_under_its_own_name_is_still_accepted():
    data = "应急预案\n一、总则\n".encode()
    assert check_upload(data, "预案.txt") == "txt"
    assert check_upload(data, "预案.docx.txt") == "txt"


@pytest.mark.parametrize(
    "data",
    [b"plan \x80\x80\xff text\n" * 20, "应急预案 emergency plan\n".encode("utf-16-le")],
    ids=["neither utf-8 nor gb18030", "utf-16 without a BOM"],
)
def test_text_in_an_unknown_encoding_is_refused_with_advice_to_save_as_utf8(data):
    error = refusal(data, "plan.txt")
    assert error.key == "read.encoding"
    assert "UTF-8" in t(error.key, lang="zh")


REFUSALS = [
    "read.empty",
    "read.too_big",
    "read.doc_legacy",
    "read.encrypted",
    "read.damaged",
    "read.not_word",
    "read.zip_bomb",
    "read.unsafe_path",
    "read.unsupported",
    "read.encoding",
    "read.docx_not_word",
]


@pytest.mark.parametrize("key", REFUSALS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_refusal_has_a_complete_message_in_both_languages(key, lang):
    params = {"size": 25, "limit": 20, "kind_zh": "PNG 图片", "kind_en": "a PNG image", "name": "x"}
    message = t(key, lang=lang, **params)
    assert not message.startswith("⟦") and "{" not in message and len(message) > 20
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
