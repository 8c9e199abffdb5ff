"""The plan exported as Word: every document is saved, opened again with python-docx from
its bytes and checked: structure, tables, pictures, East Asian fonts, page set-up, page numbers,
black text, both languages, empty and hostile plans."""

from __future__ import annotations

import io

import pytest
from docx.oxml.ns import qn

from i18n import t
from plans import docx_style
from plans.demo import demo_documents
from plans.export_docx import arrange_sections, build_plan_document, chapter_of
from plans.extract import import_document
from plans.model import Level, Plan, Role, Section, Step
from tests.sample_plans import chemical_plan, english_plan
from tests.unit.docx_reading import (
    all_text,
    assert_a4,
    assert_black,
    assert_official_zh,
    assert_page_number,
    headings,
    picture_count,
    png,
    reopen,
    repeats_header,
    style_fonts,
    styled,
    table_with_header,
)

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


# ---------------------------------------------------------------------------------------------
# Plans


@pytest.fixture(scope="module")
def demo_zh() -> Plan:
    name, data = demo_documents()[0]
    return import_document(data, filename=name)


@pytest.fixture(scope="module")
def demo_en() -> Plan:
    name, data = demo_documents()[1]
    return import_document(data, filename=name)


REVISIONS = [
    {
        "finding": "指挥部办公室报告超时",
        "change": "报告时限由30分钟改为20分钟",
        "item": "报告事故信息",
        "date": "2026-05-20",
    },
    {"finding": "抢险救援组未携带堵漏器材", "change": "增加器材清点步骤"},
]


def test_the_chinese_plan_follows_gbt_29639_with_gbt_9704_habits(demo_zh):
    doc = reopen(build_plan_document(demo_zh, revision_record=REVISIONS, version_label="第2版"))
    top = [text for level, text in headings(doc) if level == 1]
    assert top == [
        "一、总则",
        "二、组织机构及职责",
        "三、响应分级",
        "四、处置程序",
        "五、保障措施",
        "六、附则",
    ]
    assert_official_zh(doc)
    assert styled(doc, "Title")[0] == demo_zh.title
    assert "（第2版）" in styled(doc, "Subtitle")
    # kept sections sit under their chapters, their own numbers replaced by ours
    second = [text for level, text in headings(doc) if level == 2]
    assert "（一）编制目的" in second and "（一）组织体系" in second
    assert all(not text[3:4].isdigit() for text in second)
    text = all_text(doc)
    assert "园区位于滨江区东部沿江地带" in text  # narrative text kept


def test_the_organisation_table_lists_every_role_nested_with_duties(demo_zh):
    doc = reopen(build_plan_document(demo_zh))
    roles = table_with_header(doc, ["序号", "机构/岗位", "上级", "主要职责"])
    assert len(roles.rows) == 1 + len(demo_zh.roles)
    assert repeats_header(roles)
    names = [row.cells[1].text for row in roles.rows[1:]]
    assert {n.strip("　") for n in names} == {r.name for r in demo_zh.roles}
    nested = [n for n in names if n.startswith("　")]
    assert nested, "children are indented under their parent"
    # the imported table of bodies and duties is replaced by the generated one
    assert not [t for t in doc.tables if t.rows[0].cells[0].text == "机构（岗位）"]


def test_levels_and_steps_tables_cover_the_whole_plan(demo_zh):
    doc = reopen(build_plan_document(demo_zh))
    levels = table_with_header(doc, ["响应级别", "启动条件"])
    assert [r.cells[0].text for r in levels.rows[1:]] == [lv.name for lv in demo_zh.levels]
    step_tables = [x for x in doc.tables if x.rows[0].cells[0].text == t("col.id")]
    assert all(repeats_header(t) for t in step_tables)
    numbers = [row.cells[0].text for t in step_tables for row in t.rows[1:]]
    assert sorted(map(int, numbers)) == list(range(1, len(demo_zh.steps) + 1))
    # a step that counts from 30 minutes shows its limit, its owner and its predecessors
    by_number = {row.cells[0].text: row for t in step_tables for row in t.rows[1:]}
    limited = [row for row in by_number.values() if row.cells[3].text == "30分钟内"]
    assert limited and all(row.cells[2].text for row in limited)
    assert any(row.cells[4].text for row in by_number.values())


def test_role_cards_one_per_role_on_its_own_page_in_execution_order():
    plan = chemical_plan()
    doc = reopen(build_plan_document(plan))
    cards = [t for t in styled(doc, "Subtitle") if t.endswith("应急处置卡")]
    assert cards == [t("doc.plan.card_title", role=r.name) for r in plan.roles]
    body = doc.element.body
    breaks = 0
    for p in body.iter(qn("w:p")):
        if p.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None:
            breaks += 1
    assert breaks >= len(plan.roles) + 1  # annexes and cards start on new pages
    # the headquarters card: its steps in order with time limits
    card = next(
        x
        for x in doc.tables
        if x.rows[0].cells[0].text == t("doc.no")
        and x.rows[0].cells[-1].text == t("doc.plan.card_notify")
    )
    rows = [[c.text for c in r.cells] for r in card.rows[1:]]
    assert [r[1] for r in rows] == ["总指挥批准启动应急响应。", "指挥部宣布应急响应终止。"]
    assert rows[0][3] == "30分钟内" and rows[0][2] == t("doc.plan.card_lead")


def test_the_revision_record_maps_each_finding_to_its_change():
    doc = reopen(build_plan_document(chemical_plan(), revision_record=REVISIONS))
    record = table_with_header(doc, ["序号", "演练发现的问题", "修订内容"])
    assert len(record.rows) == 1 + len(REVISIONS)
    assert record.rows[1].cells[1].text == "指挥部办公室报告超时"
    assert record.rows[1].cells[2].text == "报告时限由30分钟改为20分钟"
    assert record.rows[2].cells[3].text == ""  # a missing key is left blank
    empty = reopen(build_plan_document(chemical_plan()))
    assert t("doc.plan.no_revisions") in all_text(empty)


def test_the_flow_chart_is_embedded_and_a_wide_one_gets_landscape_pages(demo_zh):
    from plans.draw import flow_chart, render

    chart = render(flow_chart(demo_zh), "png", dpi=96)
    doc = reopen(build_plan_document(demo_zh, flow_chart_png=chart, chart_dpi=96))
    assert picture_count(doc) >= 1
    assert len(doc.part.package.image_parts) == 1  # the pieces share one stored image
    landscape = [s for s in doc.sections if s.page_width > s.page_height]
    assert landscape, "the demo chart is much wider than tall"
    assert t("doc.plan.flow_chart") in " ".join(styled(doc, "Caption"))
    assert_official_zh(doc)


def test_a_large_picture_is_cut_into_overlapping_cropped_pieces():
    doc = docx_style.new_official_document("zh")
    pieces = docx_style.picture(doc, png(400, 9000), dpi=96)  # 4 x 94 inches
    assert pieces > 1
    doc = reopen(doc)
    assert picture_count(doc) == pieces
    rects = list(doc.element.body.iter(f"{{{A_NS}}}srcRect"))
    assert len(rects) == pieces
    tops = [int(r.get("t")) for r in rects]
    assert tops == sorted(tops) and tops[0] == 0 and int(rects[-1].get("b")) == 0
    small = docx_style.new_official_document("zh")
    assert docx_style.picture(small, png(300, 200)) == 1


def test_english_plans_get_english_headings_and_the_plain_layout():
    doc = reopen(build_plan_document(english_plan()))
    top = [text for level, text in headings(doc) if level == 1]
    assert top == [
        "1 General Provisions",
        "2 Organisation and Responsibilities",
        "3 Response Levels",
        "4 Response Procedures",
        "5 Support",
    ]
    assert style_fonts(doc, "Normal")["ascii"] == "Calibri"
    assert style_fonts(doc, "Heading 1")["ascii"] == "Arial"
    assert_a4(doc, (25.4, 25.4, 25.4, 25.4))
    assert_page_number(doc, dashes=False)
    assert_black(doc)
    assert not any("\u4e00" <= c <= "\u9fff" for c in all_text(doc))
    assert "Role card: Shift Supervisor" in styled(doc, "Subtitle")


def test_the_english_demo_keeps_its_sections_under_the_matching_chapters(demo_en):
    doc = reopen(build_plan_document(demo_en))
    found = headings(doc)
    assert (1, "1 General Provisions") in found and (2, "1.1 Purpose") in found
    assert (2, "4.1 Incident reporting") in found
    assert (1, "6 Supplementary Provisions") in found


def test_a_plan_without_steps_or_roles_still_exports():
    doc = reopen(build_plan_document(Plan("空白预案")))
    top = [text for level, text in headings(doc) if level == 1]
    assert top[:5] == [
        "一、总则",
        "二、组织机构及职责",
        "三、响应分级",
        "四、处置程序",
        "五、保障措施",
    ]
    text = all_text(doc)
    assert t("doc.plan.no_roles") in text and t("doc.plan.no_steps") in text
    assert picture_count(doc) == 0
    assert_official_zh(doc)
    assert reopen(build_plan_document(Plan(""), lang="en"))  # no title either


def test_hostile_text_does_not_break_the_xml():
    nasty = '<w:t>]]>&amp;\x0b\x00\x07\ufffe\ud800 "quoted" {braces}'
    plan = Plan(
        nasty,
        roles=(Role("r1", nasty, responsibilities=(nasty,)), Role("r2", "x", parent="r2")),
        levels=(Level("I", nasty, nasty),),
        steps=(
            Step("s1", nasty, nasty, roles=("r1",), notifies=("r9",), time_limit_min=float("nan")),
            Step("s2", "b", "b", roles=("r1",), after=("s1",), time_from="s1", time_limit_min=5),
        ),
        sections=(Section("x1", nasty, 1, nasty + "\n| a | b |\n" + nasty),),
    )
    doc = reopen(
        build_plan_document(
            plan, revision_record=[{"finding": nasty, "change": nasty}], version_label=nasty
        )
    )
    text = all_text(doc)
    assert "<w:t>]]>&amp;" in text
    assert "\x00" not in text and "\x07" not in text
    assert "5分钟内（自步骤1起）" in text


def test_steps_waiting_on_each_other_still_export():
    plan = Plan(
        "循环",
        roles=(Role("r1", "甲"),),
        steps=(
            Step("s1", "一", "第一步。", roles=("r1",), after=("s2",)),
            Step("s2", "二", "第二步。", roles=("r1",), after=("s1",)),
        ),
    )
    doc = reopen(build_plan_document(plan))
    steps = [x for x in doc.tables if x.rows[0].cells[0].text == t("col.id")]
    assert sum(len(t.rows) - 1 for t in steps) == 2


def test_headings_are_placed_by_their_words():
    assert chapter_of("第一章 总则") == "general"
    assert chapter_of("1.4 响应分级") == "levels"
    assert chapter_of("2 应急组织机构及职责") == "organisation"
    assert chapter_of("5.3 物资装备保障") == "support"
    assert chapter_of("4.1 信息报告") == "procedures"
    assert chapter_of("9 附则") == "supplementary"
    assert chapter_of("6.5 环境保护") is None
    assert chapter_of("3 Response levels") == "levels"


def test_a_levels_section_inside_general_provisions_moves_to_its_chapter():
    plan = Plan(
        "预案",
        sections=(
            Section("a", "1 总则", 1),
            Section("b", "1.1 适用范围", 2, "适用于园区。"),
            Section("c", "1.2 响应分级", 2, "分为三级。"),
            Section("d", "2 应急响应", 1),
            Section("e", "2.1 先期处置", 2, "立即处置。"),
            Section("f", "2.2 其他要求", 2, "略。"),
        ),
    )
    _, placed, _ = arrange_sections(plan)
    where = {p.section.id: (p.chapter, p.level) for p in placed}
    assert where == {
        "a": ("general", 1),
        "b": ("general", 2),
        "c": ("levels", 2),
        "d": ("procedures", 1),
        "e": ("procedures", 2),
        "f": ("procedures", 2),
    }
    doc = reopen(build_plan_document(plan))
    assert ("（一）响应分级") in [t for lv, t in headings(doc) if lv == 2]


def test_government_machines_get_the_gb2312_faces_and_a_real_xiaobiaosong_title():
    doc = reopen(build_plan_document(chemical_plan(), fonts=docx_style.GB2312_FONTS))
    assert style_fonts(doc, "Normal")["eastAsia"] == "仿宋_GB2312"
    assert style_fonts(doc, "Heading 2")["eastAsia"] == "楷体_GB2312"
    assert style_fonts(doc, "Title")["eastAsia"] == "方正小标宋简体"
    assert not doc.styles["Title"].font.bold  # a 小标宋 face is not bolded


def test_numbers_and_limits_are_written_the_chinese_way():
    assert [docx_style.chinese_number(n) for n in (1, 10, 12, 20, 99)] == [
        "一",
        "十",
        "十二",
        "二十",
        "九十九",
    ]
    assert docx_style.number_label(1, 3, "zh") == "三、"
    assert docx_style.number_label(2, 3, "zh") == "（三）"
    assert docx_style.number_label(3, 3, "zh") == "3."
    assert docx_style.number_label(2, 3, "en", [2]) == "2.3 "
    assert docx_style.minutes_text(0, "zh") == t("common.immediately")
    assert docx_style.minutes_text(15, "en") == "within 15 min"
    assert docx_style.minutes_text(None, "zh") == ""
    assert docx_style.clean("a\x0bb\x00c") == "a\nbc"


def test_the_plan_file_for_download_opens_with_its_flow_chart():
    """plan_docx_bytes: what the Versions page offers (a plan exported back to Word)."""

    import docx as python_docx

    from plans.export_docx import plan_docx_bytes
    from tests.sample_plans import chemical_plan

    data = plan_docx_bytes(chemical_plan(), version_label="v2")
    document = python_docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert (
        "示例化工泄漏应急预案" in text
        and "关闭泄漏阀门"
        in "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells) + text
    )
    assert len(document.inline_shapes) >= 1


def test_a_deadline_after_the_response_says_so_in_the_step_table():
    plan = Plan(
        "预案",
        roles=(Role("r1", "办公室"),),
        steps=(
            Step(
                "s1",
                "总结",
                "应急处置工作结束后15日内提交总结报告。",
                roles=("r1",),
                phase="recovery",
                time_limit_min=21600,
                time_from="response_end",
            ),
        ),
    )
    assert "21600分钟内（自响应结束起）" in all_text(reopen(build_plan_document(plan)))
