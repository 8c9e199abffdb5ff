"""Small hand-made plans shared by tests."""

from __future__ import annotations

import io

import docx

from plans.model import Level, Plan, Role, Source, Step


def chemical_plan(title: str = "示例化工泄漏应急预案") -> Plan:
    """s1 → s2 → s3 → s4: report, start the response, contain, stand down."""
    return Plan(
        title=title,
        language="zh",
        kind="special",
        roles=(
            Role("r1", "应急指挥部", aliases=("指挥部",), source=Source(3, "成立应急指挥部")),
            Role("r2", "指挥部办公室", parent="r1", source=Source(4, "指挥部办公室设在应急局")),
            Role("r3", "抢险救援组", parent="r1", source=Source(5, "抢险救援组负责现场抢险")),
        ),
        levels=(Level("I", "Ⅰ级响应", "死亡3人以上"), Level("II", "Ⅱ级响应", "死亡3人以下")),
        steps=(
            Step(
                "s1",
                "报告事故信息",
                "指挥部办公室接报后10分钟内报告指挥部。",
                roles=("r2",),
                phase="report",
                time_limit_min=10,
                source=Source(8, "指挥部办公室接报后10分钟内报告指挥部。"),
            ),
            Step(
                "s2",
                "启动应急响应",
                "总指挥批准启动应急响应。",
                roles=("r1",),
                phase="activation",
                after=("s1",),
                time_limit_min=30,
                source=Source(9, "总指挥批准启动应急响应。"),
            ),
            Step(
                "s3",
                "关闭泄漏阀门",
                "抢险救援组立即关闭泄漏阀门。",
                roles=("r3",),
                phase="disposal",
                after=("s2",),
                time_limit_min=60,
                levels=("I", "II"),
                source=Source(10, "抢险救援组立即关闭泄漏阀门。"),
            ),
            Step(
                "s4",
                "宣布响应终止",
                "指挥部宣布应急响应终止。",
                roles=("r1",),
                phase="termination",
                after=("s3",),
                source=Source(12, "指挥部宣布应急响应终止。"),
            ),
        ),
    )


def english_plan() -> Plan:
    return Plan(
        title="Warehouse Fire On-site Procedure",
        language="en",
        kind="onsite",
        roles=(Role("r1", "Shift Supervisor"), Role("r2", "Fire Team")),
        steps=(
            Step(
                "s1",
                "Raise the alarm",
                "The Shift Supervisor raises the alarm immediately.",
                roles=("r1",),
                phase="report",
                time_limit_min=0,
            ),
            Step(
                "s2",
                "Fight the fire",
                "The Fire Team attacks the fire.",
                roles=("r2",),
                phase="disposal",
                after=("s1",),
            ),
            Step(
                "s3",
                "Stand down",
                "The Shift Supervisor declares the end.",
                roles=("r1",),
                phase="termination",
                after=("s2",),
            ),
        ),
    )


def fire_plan_docx(title: str = "滨海仓库火灾应急预案") -> bytes:
    """A short Chinese plan as a real .docx: headings, a duty sentence, four response steps."""
    document = docx.Document()
    document.add_heading(title, 0)
    document.add_heading("1 组织机构", 1)
    document.add_paragraph("应急指挥部负责统一指挥火灾处置工作。")
    document.add_heading("2 应急响应", 1)
    document.add_paragraph("值班人员发现火情后立即报告应急指挥部。")
    document.add_paragraph("应急指挥部接报后30分钟内启动应急响应。")
    document.add_paragraph("消防救援组立即组织灭火并疏散人员。")
    document.add_paragraph("火灾扑灭后，应急指挥部宣布应急响应终止。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
