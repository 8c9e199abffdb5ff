"""The report data of a drill for the evaluation-report tests: a live drill on a chemical plan
in Chinese or English, with its timeline, scores, findings and actions; any field changed by
keyword."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from drills.report_model import (
    ActionRow,
    BlindingFacts,
    FindingRow,
    ItemRow,
    Overall,
    ParticipantRow,
    ReportData,
    RevealRow,
    ScenarioFacts,
    ScoreRow,
    TimelineRow,
)

BEIJING = timezone(timedelta(hours=8))
START = datetime(2026, 5, 12, 9, 30, tzinfo=BEIJING)


def report_data(lang: str = "zh", **changes) -> ReportData:
    zh = lang == "zh"
    data = {
        "lang": lang,
        "drill_title": "储罐区液氯泄漏无脚本演练" if zh else "Tank Farm Release Exercise",
        "plan_title": "示例化工泄漏应急预案",
        "plan_version": "v2",
        "drill_type": "live",
        "scope": "comprehensive",
        "scenario": ScenarioFacts("危险化学品泄漏", "储罐区", "液氯储罐法兰泄漏。", "Ⅱ级响应"),
        "started_at": START,
        "ended_at": START + timedelta(minutes=95),
        "duration_min": 95,
        "directors": ["导调员张三"],
        "evaluators": ["评估员李四", "评估员王五"],
        "evaluation_leads": ["评估员李四"],
        "participants_roles": ["应急指挥部", ParticipantRow("抢险救援组", "赵六、钱七")],
        "blinding": BlindingFacts(),
        "reveal_log": [
            RevealRow(START - timedelta(days=5), "导调员张三", "created"),
            RevealRow(START - timedelta(days=1), "评估员李四", "viewed"),
            RevealRow(START, "system", "revealed"),
        ],
        "timeline": [
            TimelineRow(0, "导调", "演练开始", kind="clock"),
            TimelineRow(3, "导调", "注入：液氯泄漏", kind="inject"),
            TimelineRow(8, "指挥部办公室", "报告事故信息", "指挥部办公室", "on_time"),
            TimelineRow(41, "应急指挥部", "启动应急响应", "应急指挥部", "late"),
            TimelineRow(95, "导调", "演练结束", kind="clock"),
        ],
        "score_rows": [
            ScoreRow("预警与信息报告", 4, 1.0, 92.5, "P", "P"),
            ScoreRow("指挥与协调", 6, 0.5, 61.0, "M", "S", "延误由注入时间误差造成"),
            ScoreRow("应急处置", 10, 0.9, 80.0, "S", "S"),
        ],
        "overall": Overall(78.5, "良好" if zh else "Satisfactory", 0.8),
        "findings": [
            FindingRow(
                "响应启动超时",
                "总指挥在第41分钟才批准启动响应。",
                "plan_defect",
                "deficiency",
                "s2 启动应急响应",
                "评估员李四的记录 #12",
            ),
            FindingRow("器材准备不足", "堵漏器材未随车携带。", "resources", "must_fix"),
            FindingRow("报告及时", "办公室8分钟内完成报告。", strength=True),
        ],
        "actions": [
            ActionRow(
                "响应启动超时",
                "修订启动响应时限并培训",
                "应急指挥部",
                date(2026, 6, 30),
                "in_progress",
            ),
            ActionRow("器材准备不足", '=HYPERLINK("x")', "抢险救援组", "2026-06-15", "open"),
        ],
        "outcome": {"s1": "on_time", "s2": "late", "s3": "not_done", "s4": "out_of_scope"},
        "categories": {"on_time": 3, "late": 1, "partly": 1, "not_done": 1, "not_observed": 2},
        "conclusion": "演练达到预期目的。" if zh else "The exercise met its objectives.",
        "item_rows": [
            ItemRow("预警与信息报告", "报告事故信息", "指挥部办公室", "done", "on_time", 8, 10)
        ],
    }
    data.update(changes)
    return ReportData(**data)
