"""Helpers of the chart page tests: a plan of many roles, the drawn chart's source."""

from __future__ import annotations

from plans.model import Level, Part, Plan, Role, Step


def many_roles_plan() -> Plan:
    roles = tuple(Role(f"r{i}", f"第{i}工作组") for i in range(12))
    steps = tuple(
        Step(
            f"s{i}",
            f"处置事项{i}",
            f"第{i}项处置的原文。",
            (f"r{i % 12}",),
            ("report", "disposal")[i % 2],
            levels=("I",) if i % 5 == 0 else (),
            after=(f"s{i - 1}",) if i else (),
            part="p1" if i < 30 else "p2",
        )
        for i in range(40)
    )
    parts = (Part("p1", "综合应急预案"), Part("p2", "现场处置方案"))
    return Plan(
        "多角色预案", roles=roles, levels=(Level("I", "Ⅰ级响应"),), steps=steps, parts=parts
    )


def chart_spec(at) -> str:
    return at.get("graphviz_chart")[0].proto.spec
