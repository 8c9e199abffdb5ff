"""Chart views: which steps each view holds, the filters, stubs, level marks and label wrapping."""

from __future__ import annotations

import re

import pytest

from plans import chart_views, draw
from plans.chart_views import ChartFilter
from plans.model import Level, Part, Plan, Role, Step
from plans.svg_metrics import measure_svg
from tests.unit.big_plans import big_plan

ROLES = tuple(Role(f"r{i}", f"角色{i}") for i in range(1, 4))
LEVELS = (Level("I", "Ⅰ级响应"), Level("II", "Ⅱ级响应"))
PARTS = (Part("p1", "综合应急预案"), Part("p2", "现场处置方案"))
# s1 (r1) -> s2 (r2) -> s3 (r3); s4 (r1, level II only) after s1; s5 in part p2
STEPS = (
    Step("s1", "接警报告", "接到报警后立即报告。", ("r1",), "report", part="p1"),
    Step("s2", "启动响应", "启动应急响应。", ("r2",), "activation", after=("s1",), part="p1"),
    Step("s3", "现场处置", "开展现场处置。", ("r3",), "disposal", after=("s2",), part="p1"),
    Step(
        "s4",
        "扩大响应",
        "请求扩大响应。",
        ("r1",),
        "escalation",
        levels=("II",),
        after=("s1",),
        part="p1",
    ),
    Step("s5", "关闭阀门", "关闭泄漏阀门。", ("r3",), "disposal", part="p2"),
)
PLAN = Plan("危化品泄漏预案", roles=ROLES, levels=LEVELS, steps=STEPS, parts=PARTS)


def test_a_small_plan_is_one_view_with_every_step():
    views = chart_views.chart_views(PLAN)
    assert len(views) == 1 and sorted(views[0].steps) == ["s1", "s2", "s3", "s4", "s5"]


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (ChartFilter(part="p2"), {"s5"}),
        (ChartFilter(level="I"), {"s1", "s2", "s3", "s5"}),
        (ChartFilter(level="II"), {"s1", "s2", "s3", "s4", "s5"}),
        (ChartFilter(roles=("r1",)), {"s1", "s4"}),
        (ChartFilter(phase="disposal"), {"s3", "s5"}),
        (ChartFilter(part="p1", phase="disposal"), {"s3"}),
    ],
)
def test_filters_keep_the_steps_of_a_part_level_role_and_phase(chosen, expected):
    views = chart_views.chart_views(PLAN, chosen)
    assert {s for v in views for s in v.steps} == expected


def test_a_level_free_step_is_shown_once_and_marked_for_every_level():
    source = chart_views.chart_views(PLAN, ChartFilter(level="I"))[0].chart.source
    assert source.count("接警报告") == 1
    assert re.search(r'label="接警报告\\n（各级通用）"', source)
    unfiltered = chart_views.chart_views(PLAN)[0].chart.source
    assert "各级通用" not in unfiltered and 'label="扩大响应\\nⅡ级响应"' in unfiltered


def test_a_role_filter_keeps_stubs_for_links_to_other_roles():
    source = chart_views.chart_views(PLAN, ChartFilter(roles=("r2",)))[0].chart.source
    assert "来自 角色1" in source and "转至 角色3" in source
    assert "接警报告" not in source and "现场处置" not in source


def test_a_plan_too_big_for_one_view_gets_an_overview_and_every_step_once():
    plan = big_plan(30, 200)
    views = chart_views.chart_views(plan)
    assert views[0].key == "overview" and views[0].steps == ()
    placed = [s for v in views[1:] for s in v.steps]
    assert sorted(placed) == sorted(s.id for s in plan.steps)
    for view in views[1:]:
        lanes = {plan.step(s).roles[0] for s in view.steps}
        assert len(lanes) <= chart_views.LANES_PER_VIEW
        assert len(view.steps) <= chart_views.STEPS_PER_VIEW


def test_the_overview_counts_steps_per_role_and_phase():
    views = chart_views.chart_views(big_plan(30, 200), lang="en")
    source = views[0].chart.source
    assert "Information<BR/>report" in source and "第0工作组" in source
    # r0 owns s0, s30, ... s180, all report steps; the row has no other count
    row = source[source.index("第0工作组") : source.index("</TR>", source.index("第0工作组"))]
    assert re.findall(r">(\d+)</TD>", row) == ["7"]


def test_the_whole_step_text_is_the_tooltip():
    long = "组织专家会商，" * 20
    plan = Plan("p", roles=ROLES[:1], steps=(Step("s1", "会商", long, ("r1",)),))
    svg = draw.render(chart_views.chart_views(plan)[0].chart, "svg").decode()
    assert long in svg


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("启动Ⅱ级应急响应，通知各成员单位到场", ["启动Ⅱ级应急响应，", "通知各成员单位到场"]),
        (
            "来自 福建省人民政府防汛抗旱指挥部办公室、副总指挥",
            ["来自 福建省人民政府", "防汛抗旱指挥部办公室、", "副总指挥"],
        ),
        (
            "Activate the Emergency Operations Center",
            ["Activate the", "Emergency Operations", "Center"],
        ),
    ],
)
def test_labels_wrap_after_punctuation_or_between_words(text, lines):
    assert draw._wrap(text) == lines


def test_fitted_views_are_readable_at_1400_px():
    views = chart_views.chart_views(big_plan(40, 240), fit=True)
    for view in views:
        assert measure_svg(view.svg).label_px(1400) >= 10, view.title


def test_the_word_export_has_one_figure_per_chart_view():
    import io

    import docx

    from plans.export_docx import plan_docx_bytes

    plan = big_plan(12, 90)
    views = chart_views.chart_views(plan, fit=True)
    document = docx.Document(io.BytesIO(plan_docx_bytes(plan)))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    flow = [c for c in captions if "应急处置流程图：" in c]
    assert len(views) > 2 and len(flow) == len(views)
    assert any("总览" in c for c in flow)
