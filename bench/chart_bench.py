"""Chart views benchmark: the views the editor shows by default (plans.chart_views, rendered by
dot as `python -m plans chart` writes them) for the largest corpus plan and the generated 100-page
plan: time to draw all views, number of views, SVG sizes and the smallest node label when each
view is shown 1400 px wide (DESIGN.md section 6: every view readable, labels >= 10 px).

`python -m bench.chart_bench [--runs 3]` prints the table and returns the figures (`run()`).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench.generate import generate
from bench.run import figure, print_table

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "docx"
GENERATED = Path(__file__).resolve().parent / "out" / "plan_100p.docx"
MIN_LABEL_PX = 10.0
SHOWN_WIDTH = 1400


def _plans() -> list[tuple[str, object]]:
    from plans.extract import import_document

    found = []
    corpus = sorted(CORPUS.glob("*.docx")) if CORPUS.is_dir() else []
    if corpus:
        plans = [import_document(p.read_bytes(), p.name) for p in corpus]
        largest = max(zip(corpus, plans, strict=True), key=lambda item: len(item[1].steps))
        found.append((f"corpus {largest[0].stem}", largest[1]))
    if not GENERATED.exists():
        generate(GENERATED)
    found.append(("generated 100 pages", import_document(GENERATED.read_bytes(), GENERATED.name)))
    return found


def measure(plan, runs: int) -> dict[str, float]:
    """Median time to build and render every view, and the sizes of the last run's SVGs."""
    from plans.chart_views import chart_views
    from plans.svg_metrics import measure_svg

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        views = chart_views(plan, lang=plan.language, fit=True)
        times.append(time.perf_counter() - start)
    sizes = [measure_svg(v.svg) for v in views]
    return {
        "steps": len(plan.steps),
        "roles": len(plan.roles),
        "seconds": statistics.median(times),
        "views": len(views),
        "kb": sum(len(v.svg) for v in views) / 1024,
        "widest": max(s.width_px for s in sizes),
        "smallest": min(s.label_px(SHOWN_WIDTH) for s in sizes),
    }


def run(runs: int = 3) -> dict:
    figures = {}
    for name, plan in _plans():
        m = measure(plan, runs)
        tag = f"chart {name} ({m['steps']} steps, {m['roles']} roles)"
        figures[f"{tag}: draw all views"] = figure(m["seconds"], "s")
        figures[f"{tag}: views"] = figure(m["views"], "n")
        figures[f"{tag}: SVG total"] = figure(m["kb"], "KB")
        figures[f"{tag}: widest view"] = figure(m["widest"], "px")
        figures[f"{tag}: smallest label at {SHOWN_WIDTH} px"] = figure(
            m["smallest"], "px", MIN_LABEL_PX, f">= {MIN_LABEL_PX:g}", higher=True
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.chart_bench")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (median)")
    args = parser.parse_args(argv)
    figures = run(args.runs)
    print_table(figures)
    return 0 if all(f["ok"] is not False for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
