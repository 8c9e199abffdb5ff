"""The document reader: Word styles and numbering, plain numbering patterns, tables, text, PDF."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from plans.errors import PlanReadError
from plans.numbering import split_label
from plans.reader import detect_language, read_document, read_text
from plans.reader_pdf import normalise_spaces


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _kinds(blocks):
    return [(b.kind, b.level, b.label, b.text) for b in blocks]


@pytest.mark.parametrize(
    ("text", "label", "scheme"),
    [
        ("第一章 总则", "第一章", "chapter"),
        ("第二节 预警", "第二节", "section"),
        ("一、总则", "一、", "cn"),
        ("（一）组织机构", "（一）", "cn_paren"),
        ("1. 目的", "1.", "num"),
        ("1.1 指导思想", "1.1", "decimal2"),
        ("1.1.1 省防指组织机构", "1.1.1", "decimal3"),
        ("（1）人的因素。机动车驾驶人…", "（1）", "num_paren"),
        ("(2)船舶碰撞事故", "(2)", "num_paren"),
        ("①停止机舱风机", "①", "circled"),
        ("A. Purpose", "A.", "letter"),
    ],
)
def test_every_numbering_style_is_recognised(text, label, scheme):
    found = split_label(text)
    assert found is not None and found.label == label and found.scheme == scheme


def test_plain_text_without_numbering_has_no_label():
    assert split_label("本预案适用于全市范围。") is None


def test_word_heading_styles_give_heading_levels():
    def build(d):
        d.add_heading("某市应急预案", 0)
        d.add_heading("1 总则", 1)
        d.add_heading("1.1 目的", 2)
        d.add_paragraph("为了规范应急处置。")

    blocks = read_document(_docx(build), "plan.docx")
    assert _kinds(blocks) == [
        ("heading", 1, "", "某市应急预案"),
        ("heading", 1, "1", "1 总则"),
        ("heading", 2, "1.1", "1.1 目的"),
        ("paragraph", 0, "", "为了规范应急处置。"),
    ]
    assert blocks[0].style == "Title"


def test_plain_numbered_paragraphs_become_headings_or_list_items():
    def build(d):
        for line in (
            "一、总则",
            "（一）编制目的",
            "（1）人的因素。机动车驾驶人忽视安全。",
            "①超速行驶。",
        ):
            d.add_paragraph(line)

    blocks = read_document(_docx(build), "plan.docx")
    assert [(b.kind, b.level) for b in blocks] == [
        ("heading", 1),
        ("heading", 2),
        ("list_item", 1),
        ("list_item", 2),
    ]


def test_word_bullets_are_list_items_with_their_depth():
    def build(d):
        d.add_paragraph("Incident Commander", style="List Bullet")
        d.add_paragraph("Operations Lead", style="List Bullet 2")

    blocks = read_document(_docx(build), "guide.docx")
    assert [(b.kind, b.level) for b in blocks] == [("list_item", 1), ("list_item", 2)]


def test_a_table_gives_one_block_per_row_with_cells_and_merged_cells_once():
    def build(d):
        table = d.add_table(rows=2, cols=3)
        table.cell(0, 0).text = "角色"
        table.cell(0, 1).merge(table.cell(0, 2)).text = "职责"
        table.cell(1, 0).text = "综合协调组"
        table.cell(1, 1).text = "负责综合协调"
        table.cell(1, 2).text = "负责信息汇总"

    blocks = read_document(_docx(build), "plan.docx")
    assert [b.kind for b in blocks] == ["table_row", "table_row"]
    assert blocks[0].cells == ("角色", "职责")
    assert blocks[1].cells == ("综合协调组", "负责综合协调", "负责信息汇总")


def test_a_table_of_contents_is_not_read_as_headings():
    def build(d):
        for line in ("1 总则", "2 组织机构", "3 应急响应"):
            d.add_paragraph(line)
        d.add_heading("1 总则", 1)
        d.add_heading("2 组织机构", 1)
        d.add_heading("3 应急响应", 1)

    blocks = read_document(_docx(build), "plan.docx")
    assert [b.style for b in blocks[:3]] == ["toc", "toc", "toc"]
    assert [b.kind for b in blocks[3:]] == ["heading"] * 3


@pytest.mark.parametrize(
    ("data", "name", "key"),
    [
        (b"PK\x03\x04 not really a zip", "plan.docx", "read.damaged"),
        (b"", "plan.txt", "read.empty"),
    ],
)
def test_unreadable_uploads_raise_a_read_error_not_a_traceback(data, name, key):
    with pytest.raises(PlanReadError) as err:
        read_document(data, name)
    assert err.value.key == key


def test_a_docx_with_broken_xml_is_damaged():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document><w:body>")
    with pytest.raises(PlanReadError) as err:
        read_document(buffer.getvalue(), "broken.docx")
    assert err.value.key == "read.damaged"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("一、总则\n本预案适用于全市。".encode(), "本预案适用于全市。"),
        ("一、总则\n本预案适用于全市。".encode("utf-8-sig"), "本预案适用于全市。"),
        ("一、总则\n本预案适用于全市。".encode("gb18030"), "本预案适用于全市。"),
    ],
)
def test_text_files_are_decoded_as_utf8_or_gb18030(data, expected):
    blocks = read_document(data, "plan.txt")
    assert blocks[0].kind == "heading" and blocks[1].text == expected


def test_markdown_headings_bullets_and_escapes_are_read():
    text = "# Incident Commander\n\n## Immediate Actions \\(within first hour\\)\n\n* Open the ARK.\n  * Get the bin.\n"
    blocks = read_text(text, markdown=True)
    assert _kinds(blocks) == [
        ("heading", 1, "", "Incident Commander"),
        ("heading", 2, "", "Immediate Actions (within first hour)"),
        ("list_item", 1, "•", "Open the ARK."),
        ("list_item", 2, "•", "Get the bin."),
    ]


def test_markdown_numbered_lines_of_one_paragraph_are_items_and_chinese_is_joined_without_spaces():
    text = (
        "### 3.1 应急处置程序\n"
        "① 发现人员立即大声呼喊，\n并向组长报告。\n"
        "② 组长接到报告后，立即赶赴现场。\n\n"
        "Wrapped English\nlines stay words.\n"
    )
    blocks = read_text(text, markdown=True)
    assert [(b.kind, b.label, b.text) for b in blocks] == [
        ("heading", "3.1", "3.1 应急处置程序"),
        ("list_item", "①", "① 发现人员立即大声呼喊，并向组长报告。"),
        ("list_item", "②", "② 组长接到报告后，立即赶赴现场。"),
        ("paragraph", "", "Wrapped English lines stay words."),
    ]


def test_an_annex_line_opens_a_top_level_section_that_its_numbered_headings_sit_under():
    text = (
        "1 总则\n本预案适用于全公司。\n"
        "附件1 液氯泄漏现场处置方案\n1 事故风险分析\n可能发生泄漏。\n"
        "Appendix B: Contact list\n附件1所列单位负责日常维护，并定期更新。\n"
    )
    blocks = read_text(text)
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "1 总则"),
        ("paragraph", 0, "本预案适用于全公司。"),
        ("heading", 1, "附件1 液氯泄漏现场处置方案"),
        ("heading", 2, "1 事故风险分析"),
        ("paragraph", 0, "可能发生泄漏。"),
        ("heading", 1, "Appendix B: Contact list"),
        ("paragraph", 0, "附件1所列单位负责日常维护，并定期更新。"),
    ]


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with Helvetica text (written by hand: no PDF library needed)."""
    content = (
        "BT /F1 12 Tf 72 720 Td 14 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
            for line in lines
        )
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>"
            " /Contents 5 0 R >>"
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_a_text_pdf_is_read_into_blocks_with_wrapped_lines_joined():
    data = _pdf(
        [
            "1. PURPOSE",
            "This plan describes how the county responds to floods and how",
            "the shelters are opened.",
            "2. CONCEPT OF OPERATIONS",
        ]
    )
    blocks = read_document(data, "plan.pdf")
    assert [b.kind for b in blocks] == ["heading", "paragraph", "heading"]
    assert blocks[1].text.endswith("floods and how the shelters are opened.")


def test_a_pdf_without_text_is_reported_as_scanned():
    with pytest.raises(PlanReadError) as err:
        read_document(_pdf([]), "scan.pdf")
    assert err.value.key in ("read.scanned", "read.no_text")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("应 急 指 挥 部", "应急指挥部"),
        ("启动 I 级响应", "启动I级响应"),
        ("call the EOC now", "call the EOC now"),
    ],
)
def test_spaces_at_chinese_boundaries_are_removed(raw, clean):
    assert normalise_spaces(raw) == clean


@pytest.mark.parametrize(
    ("texts", "language"),
    [(["市防指立即启动应急响应。"], "zh"), (["The Incident Commander opens the EOC."], "en")],
)
def test_the_language_is_detected_from_the_text(texts, language):
    blocks = read_text("\n".join(texts))
    assert detect_language(blocks) == language


def test_chapters_standing_as_bare_lines_are_headings_with_the_titles_under_them():
    # Word's automatic chapter numbers are lost when a plan is copied out as text: the GB/T 29639
    # chapter names on lines of their own are top-level headings, the short untitled lines
    # under them second-level ones; sentences and list leads stay paragraphs
    text = (
        "综合应急预案\n总则\n适用范围\n本预案适用于本单位的生产安全事故。\n"
        "应急响应\n信息报告\n事故发生后，现场人员立即报告值班室。\n报告内容包括：\n"
        "事故发生的时间。\n响应终止\n险情消除后，总指挥宣布响应终止。\n后期处置\n"
        "善后组做好人员安置。\n"
    )
    blocks = read_text(text)
    headings = [(b.text, b.level) for b in blocks if b.kind == "heading"]
    assert headings == [
        ("综合应急预案", 1),
        ("总则", 1),
        ("适用范围", 2),
        ("应急响应", 1),
        ("信息报告", 2),
        ("响应终止", 2),
        ("后期处置", 1),
    ]
    assert [b.kind for b in blocks if b.text.startswith("报告内容")] == ["paragraph"]


def test_short_lines_of_a_text_without_chapter_lines_stay_paragraphs():
    blocks = read_text("值班安排\n白天由保安值守。\n夜间值守\n由值班经理负责。\n")
    assert all(b.kind == "paragraph" for b in blocks)


def test_bullets_of_a_plain_text_are_list_items_nested_by_their_indent():
    blocks = read_text(
        "Steps\n1. Join the call.\n- Anyone may listen.\n  - Page the IC.\n• 通知值班室\n"
    )
    assert [(b.level, b.text) for b in blocks if b.kind == "list_item"] == [
        (1, "1. Join the call."),
        (2, "Anyone may listen."),
        (3, "Page the IC."),
        (2, "通知值班室"),
    ]
    blocks = read_text("Steps\n- Open the bin.\n  - Put on the vest.\n")
    assert [(b.level, b.text) for b in blocks if b.kind == "list_item"] == [
        (1, "Open the bin."),
        (2, "Put on the vest."),
    ]


def test_a_text_file_written_in_markdown_is_read_as_markdown():
    data = b"# Position Guide\n\n## Incident Commander\n\n* Open the ARK.\n  * Get the bin.\n"
    blocks = read_document(data, "guide.txt")
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "Position Guide"),
        ("heading", 2, "Incident Commander"),
        ("list_item", 1, "Open the ARK."),
        ("list_item", 2, "Get the bin."),
    ]
    # one "#" line is no outline: a plain text keeps it as written
    plain = read_document("# 3 号楼\n值班员巡查。\n".encode(), "notes.txt")
    assert plain[0].kind == "paragraph"


def test_a_second_level_title_written_with_its_full_stop_is_a_heading():
    # GB/T 9704 outlines: "（一）一级响应。" alone on its line over "1.启动条件。…" is a title
    blocks = read_text(
        "五、应急响应\n（一）一级响应。\n1.启动条件。发生重大灾害时启动。\n2.启动程序。主任决定启动。\n"
    )
    assert [(b.kind, b.level) for b in blocks if b.text.startswith("（一）")] == [("heading", 2)]
    # an item that is a sentence stays an item
    items = read_text("五、应急响应\n（一）立即报告，同时疏散。\n1.启动条件。\n")
    assert items[1].kind == "list_item"


def test_chapter_titles_numbered_by_word_lists_over_their_text_are_headings():
    def build(d):
        for text, style in (
            ("总则", "List Number"),
            ("本预案适用于本单位。", None),
            ("应急组织机构及职责", "List Number"),
            ("公司成立应急救援指挥部。", None),
            ("应急响应", "List Number"),
            ("信息报告", "List Number 2"),
            ("现场人员发现事故后立即报告值班室。", None),
        ):
            d.add_paragraph(text, style=style)

    blocks = read_document(_docx(build), "plan.docx")
    assert [(b.text, b.level) for b in blocks if b.kind == "heading"] == [
        ("总则", 1),
        ("应急组织机构及职责", 1),
        ("应急响应", 1),
        ("信息报告", 2),
    ]


def test_a_short_numbered_list_over_a_paragraph_stays_a_list():
    def build(d):
        d.add_paragraph("抢险救援组", style="List Number")
        d.add_paragraph("医疗救护组", style="List Number")
        d.add_paragraph("各组按分工开展工作。")

    blocks = read_document(_docx(build), "groups.docx")
    assert [b.kind for b in blocks] == ["list_item", "list_item", "paragraph"]


def test_a_numbered_title_run_into_its_text_on_one_line_is_split_from_it():
    # line breaks lost on the way to plain text: "6．应急响应 6.1  响应分级",
    # "6.2  响应行动 省防指根据…。"; a numbered sentence or an item keeps its own line
    blocks = read_text(
        "6．应急响应 6.1  响应分级\n"
        "6.2  响应行动 省防指根据雨水情、灾险情等对全省启动相应级别应急响应。\n"
        "2.2.3  省防指成员单位工作职责按有关文件规定执行。\n"
        "1 市应急局 负责协调。\n"
        "3 灾害救助准备 气象、水务、地震等部门应及时通报自然灾害预警预报信息。\n"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "6．应急响应"),
        ("heading", "6.1 响应分级"),
        ("heading", "6.2 响应行动"),
        ("paragraph", "省防指根据雨水情、灾险情等对全省启动相应级别应急响应。"),
        ("list_item", "2.2.3 省防指成员单位工作职责按有关文件规定执行。"),
        ("list_item", "1 市应急局 负责协调。"),
        ("heading", "3 灾害救助准备"),
        ("paragraph", "气象、水务、地震等部门应及时通报自然灾害预警预报信息。"),
    ]


def test_markdown_reads_as_a_reader_sees_it():
    blocks = read_text(
        "1. Create a report from the [report template](https://example.org/d/1(2)/copy).\n"
        "2. Run `kubectl get pods`, see <https://status.example.org> and ![the chart](c.png).\n"
        "3. Keep a \\*literal\\* asterisk and **bold** text.\n",
        markdown=True,
    )
    assert [b.text for b in blocks] == [
        "1. Create a report from the report template.",
        "2. Run kubectl get pods, see https://status.example.org and the chart.",
        "3. Keep a *literal* asterisk and bold text.",
    ]
