"""Flow charts: swimlanes, colours, filters, and real SVG/PNG from the dot program."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET

import pytest

from i18n import t
from i18n.glossary import PHASES
from plans import draw
from plans.model import Level, Plan, Role, Step

SVG = "{http://www.w3.org/2000/svg}"

#   总指挥:      s2 启动响应 ─────────────→ s5 终止响应
#                  ↑            ↘               ↑
#   值班室:      s1 接警报告    s3 现场抢险(I) ─┤   (s3 in 抢险救援组's lane)
#   未指定:                     s4 疏散群众(II) ┘
PLAN = Plan(
    "危险化学品泄漏应急预案",
    roles=(Role("r1", "总指挥"), Role("r2", "值班室"), Role("r3", "抢险救援组")),
    levels=(Level("I", "Ⅰ级响应"), Level("II", "Ⅱ级响应")),
    steps=(
        Step("s1", "接警报告", "接到报警后10分钟内报告", ("r2",), "report", 10),
        Step("s2", "启动响应", "总指挥决定启动响应", ("r1",), "activation", 30, after=("s1",)),
        Step("s3", "现场抢险", "开展抢险", ("r3", "r1"), "disposal", 60, ("I",), ("s2",)),
        Step("s4", "疏散群众", "疏散周边群众", (), "disposal", None, ("II",), ("s2",)),
        Step("s5", "终止响应", "宣布响应终止", ("r1",), "termination", 0, (), ("s3", "s4")),
    ),
)


def node_lines(chart) -> dict[str, str]:
    """Step label (first line) -> its DOT statement."""
    lines = {}
    for line in chart.source.splitlines():
        found = re.match(r'\s*s\d+ \[label="([^"\\]*)', line)
        if found:
            lines[found.group(1)] = line
    return lines


def lanes(chart) -> list[str]:
    return re.findall(r'subgraph cluster_lane\d+ \{\s*[^\n]*label="([^"]*)"', chart.source)


def svg_texts(svg: bytes) -> list[str]:
    return [el.text or "" for el in ET.fromstring(svg).iter(f"{SVG}text")]


def test_every_lead_role_gets_a_lane_and_steps_without_owner_an_unassigned_one():
    chart = draw.flow_chart(PLAN)
    assert lanes(chart) == ["总指挥", "值班室", "抢险救援组", t("common.no_owner")]
    assert lanes(draw.flow_chart(PLAN, lang="en"))[-1] == "No owner"


def test_a_step_sits_in_its_lead_owners_lane():
    source = draw.flow_chart(PLAN).source
    lane = re.search(r'label="抢险救援组".*?\n(.*?)\n\s*\}', source, re.DOTALL).group(1)
    assert "现场抢险" in lane and "启动响应" not in lane


def test_the_chart_follows_after_with_arrows():
    source = draw.flow_chart(PLAN).source
    arrows = re.findall(r"(s\d) -> (s\d)", source)
    assert arrows == [("s0", "s1"), ("s1", "s2"), ("s1", "s3"), ("s2", "s4"), ("s3", "s4")]


def test_the_font_is_set_on_graph_nodes_and_edges():
    source = draw.flow_chart(PLAN).source
    assert source.count('fontname="Noto Sans CJK SC"') >= 3
    for statement in ("node [", "edge [", "charset="):
        line = next(ln for ln in source.splitlines() if statement in ln)
        assert 'fontname="Noto Sans CJK SC"' in line


@pytest.mark.parametrize(
    ("step", "colour"),
    [
        ("接警报告", "#fdb462"),
        ("启动响应", "#fb8072"),
        ("现场抢险", "#80b1d3"),
        ("终止响应", "#b3de69"),
    ],
)
def test_steps_are_coloured_by_phase(step, colour):
    assert f'fillcolor="{colour}"' in node_lines(draw.flow_chart(PLAN))[step]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", ["图例", "信息报告", "响应启动", "应急处置", "响应终止"]),
        ("en", ["Legend", "Information report", "Response activation", "End of response"]),
    ],
)
def test_the_legend_names_the_phases_shown_in_the_users_language(lang, words):
    source = draw.flow_chart(PLAN, lang=lang).source
    legend = source[source.index("cluster_legend") :]
    for word in words:
        assert f'"{word}"' in legend or f"={word} " in legend or f"={word}]" in legend
    assert PHASES.label("warning") not in legend  # no warning step in this plan


@pytest.mark.parametrize(
    ("level", "shown", "hidden"),
    [
        (None, ["现场抢险", "疏散群众"], []),
        ("I", ["现场抢险"], ["疏散群众"]),
        ("II", ["疏散群众"], ["现场抢险"]),
    ],
)
def test_a_level_shows_only_the_steps_that_apply_to_it(level, shown, hidden):
    steps = node_lines(draw.flow_chart(PLAN, level=level))
    assert all(s in steps for s in [*shown, "接警报告", "终止响应"])
    assert not any(s in steps for s in hidden)


def test_the_title_names_the_level():
    assert 'label="危险化学品泄漏应急预案 · Ⅰ级响应"' in draw.flow_chart(PLAN, level="I").source


def test_a_role_filter_keeps_the_roles_steps_and_joins_them_through_hidden_ones():
    """s1(r2) → s2(r1) → s3(r3, r1) → s5(r1): for r2 and r3, s1 ⇢ s3 through hidden s2"""
    chart = draw.flow_chart(PLAN, roles={"r2", "r3"})
    assert sorted(node_lines(chart)) == ["接警报告", "现场抢险"]
    assert re.findall(r"(s\d) -> (s\d) \[([^\]]*)\]", chart.source)[0][:2] == ("s0", "s2")
    assert "style=dashed" in chart.source and "虚线" in chart.source
    assert lanes(chart) == ["值班室", "抢险救援组"]


def test_a_co_owner_in_the_role_filter_gets_the_step_in_its_own_lane():
    chart = draw.flow_chart(PLAN, roles={"r1"})
    source = chart.source
    lane = re.search(r'label="总指挥".*?\n(.*?)\n\s*\}', source, re.DOTALL).group(1)
    assert "现场抢险" in lane and lanes(chart) == ["总指挥"]


@pytest.mark.parametrize(
    ("result", "colour"),
    [
        ("on_time", "#9fd89f"),
        ("late", "#ffd966"),
        ("partly", "#f4b183"),
        ("not_done", "#f08080"),
        ("na", "#d0d0d0"),
        ("not_observed", "#9fc5e8"),
        ("out_of_scope", "#f2f2f2"),
        (None, "#ffffff"),
    ],
)
def test_a_drill_outcome_colours_the_steps_by_result(result, colour):
    outcome = {"s1": "on_time", "s3": result} if result else {"s1": "on_time"}
    chart = draw.flow_chart(PLAN, outcome=outcome)
    assert f'fillcolor="{colour}"' in node_lines(chart)["现场抢险"]
    assert t("outcome.on_time") in chart.source and PHASES.label("report") not in chart.source
    if result:  # the legend names each category shown, in its own colour
        assert t(f"outcome.{result}") in chart.source


def test_highlighted_steps_and_the_arrows_between_them_stand_out():
    chart = draw.flow_chart(PLAN, highlight=["s1", "s2"])
    assert 'color="#c0392b"' in node_lines(chart)["接警报告"]
    assert 'color="#c0392b"' not in node_lines(chart)["现场抢险"]
    assert re.search(r's0 -> s1 \[color="#c0392b" penwidth=2.5', chart.source)


def test_time_limits_are_written_under_the_step_name():
    lines = node_lines(draw.flow_chart(PLAN))
    assert 'label="接警报告\\n10 分钟内"' in lines["接警报告"]
    assert 'label="终止响应\\n立即"' in lines["终止响应"]
    assert "within 10 min" in draw.flow_chart(PLAN, lang="en").source


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("启动Ⅱ级应急响应并通知各成员单位赶赴现场开展先期处置", 3),
        ("Activate the Emergency Operations Center and notify section chiefs", 4),
        ("短名称", 1),
    ],
)
def test_long_labels_are_wrapped(name, lines):
    plan = Plan("p", roles=(Role("r1", "r"),), steps=(Step("s1", name, "t", ("r1",)),))
    label = re.search(r's0 \[label="([^"]*)"', draw.flow_chart(plan).source).group(1)
    assert len(label.split("\\n")) == lines
    assert label.replace("\\n", "").replace(" ", "") == name.replace(" ", "")[: len(label)]


def test_a_plan_without_steps_draws_a_note_saying_so():
    assert t("draw.empty") in draw.flow_chart(Plan("空")).source


def test_the_svg_holds_the_chinese_names_as_text():
    texts = svg_texts(draw.render(draw.flow_chart(PLAN), "svg"))
    for word in ("总指挥", "接警报告", "10 分钟内", "危险化学品泄漏应急预案", "图例"):
        assert word in texts


@pytest.mark.parametrize("rankdir", ["TB", "LR"])
def test_every_lane_runs_the_whole_length_of_the_chart(rankdir):
    """s1 → s2 → s3 → s5, s2 → s4 → s5, and a knot x ⇄ y in a lane of its own"""
    knot = (
        Step("x", "值守", "t", ("r9",), after=("y",)),
        Step("y", "巡查", "t", ("r9",), after=("x",)),
    )
    plan = Plan(PLAN.title, roles=(*PLAN.roles, Role("r9", "巡逻组")), steps=(*PLAN.steps, *knot))
    root = ET.fromstring(draw.render(draw.flow_chart(plan, rankdir=rankdir), "svg"))
    spans = set()
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "cluster" and "lane" in group.findtext(f"{SVG}title"):
            points = group.find(f"{SVG}polygon").get("points").split()
            along = [float(p.split(",")[1 if rankdir == "TB" else 0]) for p in points]
            spans.add((min(along), max(along)))
    assert len(spans) == 1  # five lanes, all from the same start to the same end


def test_the_png_is_a_png():
    png = draw.render(draw.flow_chart(PLAN), "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2000


def test_a_png_can_be_capped_in_size_without_changing_the_chart():
    roles = tuple(Role(f"r{i}", f"第{i}工作组") for i in range(6))
    steps = tuple(
        Step(f"s{i}", f"第{i}步", "t", (f"r{i % 6}",), after=(f"s{i - 1}",) if i else ())
        for i in range(40)
    )
    chart = draw.flow_chart(Plan("大预案", roles=roles, steps=steps))
    source = chart.source
    png = draw.render(chart, "png", max_inches=4, dpi=50)
    width, height = struct.unpack(">II", png[16:24])
    assert max(width, height) <= 4 * 50 + 1
    assert chart.source == source


HOSTILE = [
    '"];evil',
    '"] ; s0 -> s0 [color=red',
    "<b>bold</b>",
    "<<table>>",
    "{a|b} [x]",
    "back\\slash \\n \\l \\N",
    "ends with a backslash\\",
    'quote " and \\" mixed',
]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_is_drawn_as_text(name):
    plan = Plan(
        "标题 " + name,
        roles=(Role("r1", name), Role("r2", "值班室")),
        steps=(Step("s1", name, name, ("r1",)), Step("s2", "报告", "t", ("r2",), after=("s1",))),
    )
    svg = draw.render(draw.flow_chart(plan), "svg")
    root = ET.fromstring(svg)  # well-formed: nothing was injected into the markup
    texts = [el.text or "" for el in root.iter(f"{SVG}text")]
    assert name in texts  # the lane label, on one line
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    step = next(g for g in nodes if g.findtext(f"{SVG}title") == "s0")
    drawn = "".join(el.text or "" for el in step.iter(f"{SVG}text"))  # wrapped over lines
    assert drawn.replace(" ", "") == name.replace(" ", "")
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert len(nodes) == 2 + 1  # two steps and one legend entry
    assert len(edges) == 1


def test_an_injection_string_appears_escaped_in_the_svg():
    name = '"];evil <script>alert(1)</script>'
    plan = Plan("p", roles=(Role("r1", name),), steps=(Step("s1", "x", "t", ("r1",)),))
    svg = draw.render(draw.flow_chart(plan), "svg").decode()
    assert "&quot;];evil &lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "<script" not in svg


def test_a_big_plan_renders():
    roles = tuple(Role(f"r{i}", f"第{i}工作组") for i in range(12))
    steps = tuple(
        Step(
            f"s{i}",
            f"第{i}步：组织力量开展现场处置",
            "t",
            (f"r{i % 12}",),
            after=(f"s{i - 1 - i % 3}",) if i else (),
        )
        for i in range(150)
    )
    svg = draw.render(draw.flow_chart(Plan("大预案", roles=roles, steps=steps)), "svg")
    assert svg.count(b'class="node"') == 150 + 1


def test_render_without_dot_says_so_in_the_users_language(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(draw.DrawError) as caught:
        draw.render(draw.flow_chart(PLAN), "svg")
    assert caught.value.key == "draw.no_dot"
    from i18n import t

    assert "Graphviz" in t(caught.value.key, lang="zh") and "dot" in t(caught.value.key, lang="en")


def test_render_refuses_formats_it_does_not_offer():
    with pytest.raises(ValueError):
        draw.render(draw.flow_chart(PLAN), "pdf")


def test_without_fc_list_no_chinese_font_is_assumed(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert draw.cjk_fonts_available() is False


def test_the_chinese_font_check_agrees_with_fc_list():
    import subprocess

    found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    listed = found.stdout
    assert draw.cjk_fonts_available() is bool(listed.strip())
