"""The importer never scores below the recorded floor on the corpus of real plans (../shared)."""

from __future__ import annotations

import json

from bench.corpus_scores import CORPUS, FLOOR, below_floor, main, score_corpus, score_folder


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


def test_a_folder_of_gold_files_kept_aside_is_scored_beside_its_documents(tmp_path, capsys):
    text = "一、应急响应\n市应急管理局立即组织救援。\n市公安局负责现场警戒。\n"
    (tmp_path / "p1.txt").write_text(text, encoding="utf-8")
    gold = {
        "plan": "p1",
        "roles": [
            {"id": "r1", "name": "市应急管理局", "aliases": [], "parent": None},
            {"id": "r2", "name": "市公安局", "aliases": [], "parent": None},
        ],
        "levels": [],
        "steps": [
            {
                "id": "s1",
                "text": "市应急管理局立即组织救援。",
                "roles": ["r1"],
                "phase": "处置",
                "time_limit": "立即",
                "after": [],
            },
            {
                "id": "s2",
                "text": "市公安局负责现场警戒。",
                "roles": ["r2"],
                "phase": "处置",
                "time_limit": None,
                "after": [],
            },
        ],
        "scope_text": text,
        "document_text": text,
    }
    (tmp_path / "p1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "p1.meta.json").write_text("{}", encoding="utf-8")  # no gold: skipped
    (tmp_path / "orphan.json").write_text(json.dumps(gold), encoding="utf-8")  # no document
    results = score_folder(tmp_path)
    assert [r["name"] for r in results] == ["p1"]
    score = results[0]["score"]
    assert score["steps"]["recall"] == 1.0 and score["roles"]["recall"] == 1.0
    assert main(["--gold", str(tmp_path), "--check"]) == 0  # the floor is the corpus's only
    assert "p1" in capsys.readouterr().out
    assert main(["--gold", str(tmp_path / "missing")]) == 1
