"""Evaluation report benchmark: the Word evaluation report of a generated 300-step drill with both
charts (the timeline and the flow chart coloured by outcome), DESIGN.md section 6: under 3 s.

`python -m bench.report_bench [--steps 300] [--runs 3] [--lang zh] [--out FILE.docx]` prints the
split (charts against document) as a table and returns the figures (the dict `run()` returns).
The drill is generated, not scored: the figure is about drawing and writing the documents.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench.run import figure, print_table

TARGET_S = 3.0
N_ROLES = 10
AREAS_ZH = (
    "预警与信息报告",
    "应急响应启动",
    "指挥与协调",
    "应急处置",
    "应急保障",
    "信息发布",
    "响应终止",
)
AREAS_EN = (
    "Warning and reporting",
    "Activation",
    "Command and coordination",
    "Disposal",
    "Support",
    "Public information",
    "End of response",
)
PHASES = ("report", "activation", "command", "disposal", "support", "public_info", "termination")


def bench_plan(steps: int = 300, lang: str = "zh"):
    """A plan of `steps` steps over N_ROLES roles: seven phases in sequence, within each phase
    parallel chains of three roles, so the flow chart has branches and joins."""
    from plans.model import Level, Plan, Role, Step

    zh = lang == "zh"
    roles = tuple(
        Role(
            f"r{n}",
            f"{'第' if zh else 'Team '}{n}{'工作组' if zh else ''}",
            parent="r1" if n > 1 else None,
            responsibilities=(f"负责第{n}部分处置工作" if zh else f"Handles part {n}",),
        )
        for n in range(1, N_ROLES + 1)
    )
    out = []
    per_phase = max(steps // len(PHASES), 1)
    for n in range(1, steps + 1):
        phase_index = min((n - 1) // per_phase, len(PHASES) - 1)
        first_of_phase = phase_index * per_phase + 1
        k = n - first_of_phase  # position inside the phase
        if n == 1:
            after = ()
        elif k < 3:  # the first three of a phase follow the last step of the phase before
            after = (f"s{max(first_of_phase - 1, 1)}",) if first_of_phase > 1 else ()
        else:
            after = (f"s{n - 3}",)
        role = f"r{(n % N_ROLES) + 1}"
        text = (
            f"第{n}项处置措施：{role}按预案要求完成相应工作并报告。"
            if zh
            else f"Action {n}: {role} carries out its task and reports back."
        )
        out.append(
            Step(
                f"s{n}",
                f"{'步骤' if zh else 'Step '}{n}",
                text,
                roles=(role,),
                phase=PHASES[phase_index],
                after=after,
                time_limit_min=float(5 + n // 2),
            )
        )
    level = Level("II", "Ⅱ级响应" if zh else "Level II")
    title = "基准演练预案" if zh else "Benchmark Plan"
    return Plan(title, language=lang, roles=roles, levels=(level,), steps=tuple(out))


def bench_report(plan, lang: str = "zh", seed: int = 7):
    """ReportData for a drill on `plan`: every step observed or not, a timeline of every done
    step plus injects and clock events, findings and actions."""
    from drills.report_model import (
        ActionRow,
        BlindingFacts,
        FindingRow,
        ItemRow,
        Overall,
        ReportData,
        RevealRow,
        ScenarioFacts,
        ScoreRow,
        TimelineRow,
    )
    from i18n.glossary import FINDING_CAUSES, FINDING_GRADES

    rng = random.Random(seed)
    zh = lang == "zh"
    start = datetime(2026, 5, 12, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    outcome, timeline, items = {}, [], []
    director = "导调" if zh else "Control"
    timeline.append(TimelineRow(0, director, "演练开始" if zh else "Exercise start", kind="clock"))
    names = {r.id: r.name for r in plan.roles}
    areas = AREAS_ZH if zh else AREAS_EN
    for step in plan.steps:
        roll = rng.random()
        result = (
            "on_time"
            if roll < 0.7
            else "late"
            if roll < 0.85
            else "not_done"
            if roll < 0.93
            else "out_of_scope"
        )
        outcome[step.id] = result
        area = areas[min(plan.steps.index(step) * len(areas) // len(plan.steps), len(areas) - 1)]
        minute = None
        if result in ("on_time", "late"):
            limit = step.time_limit_min or 30
            minute = round(
                limit * (rng.uniform(0.4, 1.0) if result == "on_time" else rng.uniform(1.05, 1.5)),
                1,
            )
            timeline.append(
                TimelineRow(
                    minute, names[step.roles[0]], step.name, who=names[step.roles[0]], kind=result
                )
            )
        items.append(
            ItemRow(
                area,
                step.name,
                names[step.roles[0]],
                rating="done" if minute else "not_observed",
                timing=result,
                minute=minute,
                limit_min=step.time_limit_min,
            )
        )
    for n, minute in enumerate((2, 25, 60, 110), start=1):
        timeline.append(
            TimelineRow(minute, director, f"{'情景注入' if zh else 'Inject'} {n}", kind="inject")
        )
    end_minute = max(r.minute for r in timeline) + 5
    timeline.append(TimelineRow(end_minute, director, "演练结束" if zh else "End", kind="clock"))
    scores = tuple(
        ScoreRow(
            area,
            300 // len(areas),
            round(rng.uniform(0.7, 1.0), 2),
            round(rng.uniform(55, 95), 1),
            rating,
            rating if n != 2 else "S",
            "现场处置虽有延误但未影响结果"
            if zh and n == 2
            else ("Delays did not change the outcome" if n == 2 else ""),
        )
        for n, (area, rating) in enumerate(zip(areas, "SPMSSPS", strict=False))
    )
    grades, causes = FINDING_GRADES, FINDING_CAUSES
    findings = tuple(
        FindingRow(
            f"{'问题' if zh else 'Finding'} {n}",
            ("指挥部办公室未在时限内报告。" if zh else "The Office reported late."),
            cause=causes[n % 5],
            grade=grades[n % 3],
            target=f"s{n * 7}",
            evidence=f"{'观察记录' if zh else 'Observation'} #{n}",
            strength=n % 6 == 0,
        )
        for n in range(1, 31)
    )
    actions = tuple(
        ActionRow(
            f.title,
            "修订预案相关条款并组织培训" if zh else "Revise the clause and train",
            owner=names[f"r{n % N_ROLES + 1}"],
            due=(start + timedelta(days=30)).date(),
            status=("open", "in_progress", "done")[n % 3],
        )
        for n, f in enumerate(findings)
        if not f.strength
    )
    reveal = tuple(
        RevealRow(start - timedelta(days=d), who, event)
        for d, who, event in (
            (10, "director", "created"),
            (9, "director", "sealed"),
            (3, "lead evaluator", "viewed"),
            (0, "system", "revealed"),
        )
    )
    return ReportData(
        lang=lang,
        drill_title="储罐区泄漏无脚本演练" if zh else "Tank Farm Release Exercise",
        plan_title=plan.title,
        plan_version="v3",
        drill_type="live",
        scope="comprehensive",
        scenario=ScenarioFacts(
            "危险化学品泄漏" if zh else "Chemical release",
            "储罐区" if zh else "Tank farm",
            "液氯储罐法兰泄漏。" if zh else "A chlorine tank flange leaks.",
            plan.levels[0].name,
        ),
        started_at=start,
        ended_at=start + timedelta(minutes=end_minute),
        duration_min=end_minute,
        directors=("director",),
        evaluators=("eva1", "eva2"),
        participants_roles=tuple(r.name for r in plan.roles),
        blinding=BlindingFacts(),
        reveal_log=reveal,
        timeline=tuple(timeline),
        score_rows=scores,
        overall=Overall(78.5, "良好" if zh else "Satisfactory", 0.88),
        findings=findings,
        actions=actions,
        outcome=outcome,
        item_rows=tuple(items),
    )


def run(steps: int = 300, runs: int = 3, lang: str = "zh", out: Path | None = None) -> dict:
    from drills.report_charts import outcome_chart_png, timeline_png
    from drills.report_docx import build_evaluation_report
    from drills.report_xlsx import report_xlsx
    from plans.docx_style import to_docx_bytes

    plan = bench_plan(steps, lang)
    data = bench_report(plan, lang)
    timings: dict[str, list[float]] = {
        k: [] for k in ("timeline", "outcome", "document", "total", "xlsx")
    }
    size = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        timeline = timeline_png(data.timeline, lang)
        t1 = time.perf_counter()
        chart = outcome_chart_png(plan, data.outcome, lang)
        t2 = time.perf_counter()
        blob = to_docx_bytes(
            build_evaluation_report(data, timeline_png=timeline, outcome_png=chart)
        )
        t3 = time.perf_counter()
        report_xlsx(data)
        t4 = time.perf_counter()
        timings["timeline"].append(t1 - t0)
        timings["outcome"].append(t2 - t1)
        timings["document"].append(t3 - t2)
        timings["total"].append(t3 - t0)
        timings["xlsx"].append(t4 - t3)
        size = len(blob)
    if out is not None:
        out.write_bytes(blob)
    med = {k: statistics.median(v) for k, v in timings.items()}
    print(f"report for a {steps}-step drill ({lang}): {size / 1024:.0f} KB, median of {runs} runs")
    return {
        "report: timeline chart (s)": figure(med["timeline"], "s"),
        "report: outcome flow chart (s)": figure(med["outcome"], "s"),
        "report: charts (s)": figure(med["timeline"] + med["outcome"], "s"),
        "report: document (s)": figure(med["document"], "s"),
        f"report: {steps}-step evaluation report, total (s)": figure(
            med["total"], "s", TARGET_S, f"< {TARGET_S:g} s"
        ),
        "report: Excel export (s)": figure(med["xlsx"], "s"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.report_bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--out", type=Path, default=None, help="also write the report here")
    args = parser.parse_args(argv)
    figures = run(args.steps, args.runs, args.lang, args.out)
    print_table(figures)
    return 0 if all(f["ok"] is not False for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
