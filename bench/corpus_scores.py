"""Score the importer on the corpus gold files: `python -m bench.corpus_scores`.

`--gold DIR` scores another folder of gold files made the same way (plans kept aside to measure
the importer on documents it was never tuned on): each NAME.json beside its document NAME.docx,
NAME.md or NAME.txt (NAME.meta.json files are skipped)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from plans.extract import import_document
from plans.model import plan_to_dict

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
COLUMNS = (
    ("roles P", lambda s: s["roles"]["precision"]),
    ("roles R", lambda s: s["roles"]["recall"]),
    ("steps P", lambda s: s["steps"]["precision"]),
    ("steps R", lambda s: s["steps"]["recall"]),
    ("owner F1", lambda s: s["owner_accuracy"]),
    ("time acc", lambda s: s["time_limit_accuracy"]),
    ("order F1", lambda s: s["order"]["f1"]),
)


def _scorer():
    spec = importlib.util.spec_from_file_location(
        "score_import", SHARED / "tools" / "score_import.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def score_corpus() -> list[dict]:
    """One result per gold file: {"name", "score": scorer output, "plan": plan JSON}."""
    golds = sorted((CORPUS / "gold").glob("*.json"))
    return _score((gold, CORPUS / "docx" / (gold.stem + ".docx")) for gold in golds)


def _score(pairs) -> list[dict]:
    """The scores of (gold file, document) pairs whose document exists."""
    score = _scorer()
    results = []
    for gold_path, source in pairs:
        if source is None or not source.exists():
            continue
        plan = plan_to_dict(import_document(source.read_bytes(), source.name))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        results.append({"name": gold_path.stem, "score": score(gold, plan), "plan": plan})
    return results


def score_folder(folder: Path) -> list[dict]:
    """score_corpus for a folder holding NAME.json gold files beside NAME.docx/.md/.txt."""
    golds = [g for g in sorted(folder.glob("*.json")) if not g.name.endswith(".meta.json")]
    return _score((gold, _document_of(gold)) for gold in golds)


def _document_of(gold: Path) -> Path | None:
    return next(
        (
            gold.with_suffix(ext)
            for ext in (".docx", ".md", ".txt")
            if gold.with_suffix(ext).exists()
        ),
        None,
    )


FLOOR = Path(__file__).with_name("corpus_floor.json")
# how far a figure may fall below its floor before --check fails (rounding of the scorer)
TOLERANCE = 0.005


def below_floor(results: list[dict], floor: dict) -> list[str]:
    """The figures that fell below the recorded floor, as readable lines (empty: none)."""
    out = []
    for r in results:
        recorded = floor.get(r["name"], {})
        for column, get in COLUMNS:
            value, least = get(r["score"]), recorded.get(column)
            if least is not None and (value is None or value < least - TOLERANCE):
                out.append(f"{r['name']}: {column} {value} < floor {least}")
    return out


def floor_of(results: list[dict]) -> dict:
    return {
        r["name"]: {c: get(r["score"]) for c, get in COLUMNS if get(r["score"]) is not None}
        for r in results
    }


def main(argv: list[str] | None = None) -> int:
    """`--check`: fail when a figure falls below bench/corpus_floor.json; `--write-floor`:
    record today's figures as the floor."""
    argv = sys.argv[1:] if argv is None else argv
    if "--gold" in argv:
        at = argv.index("--gold")
        if at + 1 >= len(argv):
            print("--gold needs a folder")
            return 2
        results = score_folder(Path(argv[at + 1]))
        if not results:
            print("no gold files with their documents in", argv[at + 1])
            return 1
        argv = [
            a for a in argv if a not in ("--check", "--write-floor")
        ]  # the floor is the corpus's
    else:
        results = score_corpus()
    width = max((len(r["name"]) for r in results), default=10)
    print(f"{'document':<{width}}  " + "  ".join(f"{c:>8}" for c, _ in COLUMNS))
    sums = [0.0] * len(COLUMNS)
    counts = [0] * len(COLUMNS)
    for r in results:
        cells = []
        for k, (_, get) in enumerate(COLUMNS):
            value = get(r["score"])
            if value is None:
                cells.append(f"{'-':>8}")
            else:
                sums[k] += value
                counts[k] += 1
                cells.append(f"{value:>8.2f}")
        print(f"{r['name']:<{width}}  " + "  ".join(cells))
    mean = [f"{s / c:>8.2f}" if c else f"{'-':>8}" for s, c in zip(sums, counts)]
    print(f"{'mean':<{width}}  " + "  ".join(mean))
    if "--write-floor" in argv:
        FLOOR.write_text(json.dumps(floor_of(results), indent=1) + "\n", encoding="utf-8")
        print(f"floor written to {FLOOR}")
    if "--check" in argv:
        if not results:
            print("no gold files found in", CORPUS / "gold")
            return 1
        failed = below_floor(results, json.loads(FLOOR.read_text(encoding="utf-8")))
        for line in failed:
            print("BELOW FLOOR", line)
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
