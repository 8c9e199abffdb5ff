"""The corpus gold files (../shared/corpus/gold) as plans: what a right extraction would give.

A gold file differs from plan JSON in three ways (corpus README): the title is in `plan`, a
step's `time_limit` is the phrase as written, and phases are the plan's own words. Roles and
levels are taken as they are.
"""

from __future__ import annotations

import json
from pathlib import Path

from plans.model import Plan, plan_from_dict
from plans.timelimits import read_time, step_time_fields

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GOLD_FILES = sorted((CORPUS / "gold").glob("*.json"))

# the annotation guidelines' phase words (Chinese, then English) -> phase ids (DESIGN.md 5)
PHASE_IDS = {
    "预警": "warning",
    "信息报告": "report",
    "先期处置": "initial",
    "响应启动": "activation",
    "指挥协调": "command",
    "处置": "disposal",
    "扩大响应": "escalation",
    "信息发布": "public_info",
    "终止": "termination",
    "后期处置": "recovery",
    "activation": "activation",
    "reporting": "report",
    "response": "disposal",
    "shift-change": "command",  # a hand-over of posts between shifts
    "demobilization": "termination",
}


def _time_fields(phrase: str | None, text: str) -> dict:
    """The time fields of a step from its gold phrase; the point it counts from is read in the
    step's own text when that gives the same minutes ("接报后1小时内": from the report)."""
    fields = step_time_fields(read_time(phrase or ""))
    in_text = step_time_fields(read_time(text))
    if phrase and in_text["time_limit_min"] == fields["time_limit_min"]:
        fields["time_from"] = in_text["time_from"]
    fields["time_parts"] = [{"minutes": p.minutes, "text": p.text} for p in fields["time_parts"]]
    return fields


def _language(path: Path) -> str:
    meta = CORPUS / "raw" / f"{path.stem}.meta.json"
    if meta.exists():
        return json.loads(meta.read_text(encoding="utf-8")).get("language", "zh")
    return "zh"


def gold_plan(path: Path) -> Plan:
    """The gold file at `path` as a Plan."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    steps = [
        {
            **{key: step[key] for key in ("id", "name", "text", "roles", "levels", "after")},
            "phase": PHASE_IDS[step["phase"]],
            **_time_fields(step.get("time_limit"), step["text"]),
        }
        for step in gold["steps"]
    ]
    return plan_from_dict(
        {
            "title": gold["plan"],
            "language": _language(path),
            "roles": gold["roles"],
            "levels": gold["levels"],
            "steps": steps,
        }
    )
