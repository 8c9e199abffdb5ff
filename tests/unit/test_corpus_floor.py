"""The importer never scores below the recorded floor on the corpus of real plans (../shared)."""

from __future__ import annotations

import json

from bench.corpus_scores import CORPUS, FLOOR, below_floor, score_corpus


def test_the_corpus_scores_stay_at_or_above_their_floor():
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    results = score_corpus()
    assert {r["name"] for r in results} >= set(floor), f"gold files missing from {CORPUS}"
    assert below_floor(results, floor) == []


def test_a_figure_below_its_floor_is_reported():
    score = {
        "roles": {"precision": 0.5, "recall": 0.9},
        "steps": {"precision": 0.8, "recall": 0.9},
        "owner_accuracy": 0.8,
        "time_limit_accuracy": None,
        "order": {"f1": 0.6},
    }
    results = [{"name": "x", "score": score}]
    floor = {"x": {"roles P": 0.6, "roles R": 0.9}}
    assert below_floor(results, floor) == ["x: roles P 0.5 < floor 0.6"]
