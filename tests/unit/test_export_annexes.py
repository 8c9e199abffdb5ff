"""The annexes of the Word plan export, written and read back with python-docx: role cards only
for roles that own steps, their steps split by response level, whom to call with the numbers
from the role data; flow charts on landscape pages of their own, A3 where A4 would print their
labels below 8 pt, portrait again after them."""

from __future__ import annotations

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from i18n import t
from plans.docx_charts import MIN_LABEL_PT, Chart, chart_paper, label_pt
from plans.export_docx import build_plan_document
from plans.model import Level, Plan, Role, Step
from tests.unit.docx_reading import all_text, mm, png, reopen, styled

CITY = Role("r9", "市应急局", duty_phone="0532-12345678", phone="0532-87654321")
PLAN = Plan(
    "某区危化品事故应急预案",
    roles=(
        Role("r1", "区应急指挥部", duty_phone="0532-88880000 转 801"),
        Role("r2", "指挥部办公室", parent="r1"),
        Role("r3", "专家组", parent="r1"),  # owns no step
        Role("r4", "张三"),  # a person's name taken for a role: owns no step
        CITY,
    ),
    levels=(Level("I", "Ⅰ级响应"), Level("II", "Ⅱ级响应")),
    steps=(
        Step("s1", "接报", "区应急指挥部接报后立即核实。", roles=("r1",), notifies=("r9",)),
        Step(
            "s2",
            "启动Ⅰ级",
            "区应急指挥部启动Ⅰ级响应。",
            roles=("r1",),
            levels=("I",),
            after=("s1",),
            notifies=("县政府",),
        ),
        Step(
            "s3",
            "派工作组",
            "区应急指挥部派出工作组。",
            roles=("r1",),
            support=("r2",),
            levels=("I", "II"),
            after=("s2",),
            time_limit_min=30,
        ),
        Step(
            "s4",
            "启动Ⅱ级",
            "区应急指挥部启动Ⅱ级响应。",
            roles=("r1",),
            levels=("II",),
            after=("s3",),
            notifies=("市应急局",),
        ),
    ),
)


def card_blocks(doc, role_name: str) -> list:
    """The body elements of one role card: from its title to the next page break or card."""
    body = list(doc.element.body.iterchildren())
    title = f"{role_name}应急处置卡"
    start = next(i for i, el in enumerate(body) if el.tag == qn("w:p") and _text(el) == title)
    out = []
    for el in body[start + 1 :]:
        if el.tag == qn("w:p") and (_text(el).endswith("应急处置卡") or _page_break(el)):
            break
        out.append(el)
    return out


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _page_break(el) -> bool:
    return el.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None


def _rows(table_el) -> list[list[str]]:
    return [[_text(tc) for tc in tr.iter(qn("w:tc"))] for tr in table_el.iter(qn("w:tr"))]


def test_cards_are_printed_only_for_roles_that_lead_or_support_a_step():
    doc = reopen(build_plan_document(PLAN))
    cards = [x for x in styled(doc, "Subtitle") if x.endswith(t("doc.plan.role_cards"))]
    assert cards == ["区应急指挥部应急处置卡", "指挥部办公室应急处置卡"]


def test_a_card_splits_its_steps_by_level_with_level_free_steps_first():
    doc = reopen(build_plan_document(PLAN))
    blocks = card_blocks(doc, "区应急指挥部")
    headings = [_text(b) for b in blocks if b.tag == qn("w:p") and _text(b)]
    tables = [_rows(b) for b in blocks if b.tag == qn("w:tbl")]
    every_level = t("doc.card.all_levels")
    assert [h for h in headings if h in (every_level, "Ⅰ级响应", "Ⅱ级响应")] == [
        every_level,
        "Ⅰ级响应",
        "Ⅱ级响应",
    ]
    actions = [[row[1] for row in rows[1:]] for rows in tables]
    assert actions == [
        ["区应急指挥部接报后立即核实。"],
        ["区应急指挥部启动Ⅰ级响应。", "区应急指挥部派出工作组。"],  # execution order
        ["区应急指挥部派出工作组。", "区应急指挥部启动Ⅱ级响应。"],  # a step of two levels twice
    ]


def test_the_contact_column_gives_the_numbers_of_the_roles_to_call():
    doc = reopen(build_plan_document(PLAN))
    tables = [_rows(b) for b in card_blocks(doc, "区应急指挥部") if b.tag == qn("w:tbl")]
    contacts = {row[1]: row[4] for rows in tables for row in rows[1:]}
    city = "市应急局 值班电话 0532-12345678 电话 0532-87654321"
    assert contacts["区应急指挥部接报后立即核实。"] == city  # notified by id
    assert contacts["区应急指挥部启动Ⅱ级响应。"] == city  # notified by name
    assert contacts["区应急指挥部启动Ⅰ级响应。"] == "县政府"  # not a role: as written
    assert contacts["区应急指挥部派出工作组。"] == "指挥部办公室"  # co-owner without numbers
    support = [_rows(b) for b in card_blocks(doc, "指挥部办公室") if b.tag == qn("w:tbl")]
    assert support[-1][1][4] == "区应急指挥部 值班电话 0532-88880000 转 801"


def test_a_card_header_shows_the_roles_own_numbers():
    doc = reopen(build_plan_document(PLAN))
    header = [_text(b) for b in card_blocks(doc, "区应急指挥部") if b.tag == qn("w:p")]
    assert t("doc.card.own_duty_phone") + "0532-88880000 转 801" in header
    plain = [_text(b) for b in card_blocks(doc, "指挥部办公室") if b.tag == qn("w:p")]
    own = (t("doc.card.own_duty_phone"), t("doc.card.own_phone"))
    assert not any(line.startswith(own) for line in plain)


def test_a_plan_without_levels_prints_one_table_per_card_without_sub_headings():
    plan = Plan(
        "预案",
        roles=(Role("r1", "班长"),),
        steps=(Step("s1", "报告", "班长报告。", roles=("r1",)),),
    )
    doc = reopen(build_plan_document(plan))
    blocks = card_blocks(doc, "班长")
    assert sum(b.tag == qn("w:tbl") for b in blocks) == 1
    assert t("doc.card.all_levels") not in all_text(doc)


def test_english_cards_say_at_every_response_level_and_phone():
    plan = Plan(
        "Plan",
        language="en",
        roles=(Role("r1", "Shift Supervisor"), Role("r2", "Fire Team", duty_phone="119")),
        levels=(Level("L1", "Level 1"),),
        steps=(
            Step("s1", "Call", "Call the fire team.", roles=("r1",), notifies=("r2",)),
            Step("s2", "Evacuate", "Evacuate.", roles=("r1",), levels=("L1",)),
        ),
    )
    text = all_text(reopen(build_plan_document(plan)))
    assert "At every response level" in text and "Fire Team, duty phone 119" in text


def test_a_plan_whose_steps_have_no_owner_says_why_it_has_no_cards():
    plan = Plan("预案", roles=(Role("r1", "班长"),), steps=(Step("s1", "报告", "报告。"),))
    doc = reopen(build_plan_document(plan))
    assert t("doc.card.no_owners") in all_text(doc)
    assert not [x for x in styled(doc, "Subtitle") if x.endswith(t("doc.plan.role_cards"))]


# --- flow charts ------------------------------------------------------------------------------


def svg(width_pt: float, height_pt: float, font: float = 14) -> bytes:
    """What dot writes, reduced to what is measured: the size and a node label's font."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_pt}pt" height="{height_pt}pt">'
        f'<g class="node"><text font-size="{font}">步骤</text></g></svg>'
    ).encode()


def chart(title: str, width_pt: int, height_pt: int) -> Chart:
    """A chart rendered at 96 dpi, its PNG the size of its SVG."""
    return Chart(title, png(width_pt * 4 // 3, height_pt * 4 // 3), svg(width_pt, height_pt), 96)


SMALL, WIDE, HUGE = chart("小", 600, 300), chart("宽", 1400, 500), chart("长", 3000, 400)


@pytest.mark.parametrize(
    ("item", "paper"), [(SMALL, "A4"), (WIDE, "A3"), (HUGE, "A3")], ids=["small", "wide", "huge"]
)
def test_a_chart_gets_a3_only_when_a4_would_print_its_labels_below_8_pt(item, paper):
    assert chart_paper(item, "zh") == paper
    if paper == "A3":
        assert label_pt(item, "zh", "A4") < MIN_LABEL_PT


def test_the_label_size_comes_from_the_svg_fitted_into_the_text_block():
    # A4 landscape, GB/T 9704 margins turned: text block 225 x 156 mm = 637.8 x 442.2 pt
    assert label_pt(WIDE, "zh", "A4", reserved_pt=0) == pytest.approx(14 * 637.8 / 1400, 0.01)
    assert label_pt(SMALL, "zh", "A4", reserved_pt=0) == 14  # never scaled up
    no_svg = Chart("png only", png(2800, 1000), dpi=96)  # 2100 x 750 pt, labels of 14 pt
    assert label_pt(no_svg, "zh", "A4", reserved_pt=0) == pytest.approx(14 * 637.8 / 2100, 0.01)


def section_contents(doc) -> list[tuple[object, list[str]]]:
    """(section, captions in it) for every section, in document order."""
    captions: list[list[str]] = [[]]
    names = {s.style_id: s.name for s in doc.styles}
    for p in doc.element.body.iter(qn("w:p")):
        ppr = p.pPr
        if ppr is not None and ppr.style and names.get(ppr.style) == "Caption":
            captions[-1].append(_text(p))
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            captions.append([])
    return list(zip(doc.sections, captions, strict=True))


def test_each_chart_is_on_a_landscape_page_of_its_own_with_its_title_as_caption():
    doc = reopen(build_plan_document(PLAN, flow_charts=[SMALL, WIDE, HUGE]))
    sections = section_contents(doc)
    charted = [(s, c) for s, c in sections if any(t("doc.plan.flow_chart") in x for x in c)]
    assert [c for _, c in charted] == [
        ["图1　应急处置流程图：小"],
        ["图2　应急处置流程图：宽"],
        [f"图3　应急处置流程图：长（分{doc.inline_shapes.__len__() - 2}段排列）"],
    ]
    sizes = [(s.orientation, mm(s.page_width), mm(s.page_height)) for s, _ in charted]
    assert sizes == [
        (WD_ORIENT.LANDSCAPE, 297.0, 210.0),
        (WD_ORIENT.LANDSCAPE, 420.0, 297.0),
        (WD_ORIENT.LANDSCAPE, 420.0, 297.0),
    ]
    # the annex's label and title sit on the first chart page, not on a page of their own
    first = sections.index(charted[0])
    assert "附件2" in all_text(doc) and first > 0
    # portrait again after the charts: the revision record follows on A4 portrait
    after = sections[first + 3][0]
    assert (after.orientation, mm(after.page_width), mm(after.page_height)) == (
        WD_ORIENT.PORTRAIT,
        210.0,
        297.0,
    )
    assert all(mm(s.page_width) == 210.0 for s, _ in sections[:first])


def test_the_procedures_chapter_points_to_the_flow_chart_annex():
    doc = reopen(build_plan_document(PLAN, flow_charts=[SMALL]))
    assert "应急处置流程图见附件2。" in all_text(doc)
    annexes = [p.text for p in doc.paragraphs if p.text.startswith(("1. ", "2. ", "3. "))]
    assert annexes[:3] == ["1. 应急处置卡", "2. 应急处置流程图", "3. 修订记录"]


def test_the_exported_plan_prints_every_chart_view_on_landscape_pages():
    import io

    import docx

    from plans.chart_views import chart_views
    from plans.export_docx import plan_docx_bytes
    from tests.unit.big_plans import big_plan

    plan = big_plan(12, 90)
    views = chart_views(plan, fit=True)
    doc = docx.Document(io.BytesIO(plan_docx_bytes(plan)))
    charted = [(s, c) for s, c in section_contents(doc) if any("流程图：" in x for x in c)]
    assert len(charted) == len(views)
    for section, _ in charted:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        assert section.page_width > section.page_height
        assert (mm(section.page_width), mm(section.page_height)) in ((297.0, 210.0), (420.0, 297.0))
