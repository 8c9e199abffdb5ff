"""What an evaluator's entry and photo must satisfy by themselves (drills.observation_rules):
each rule names the first thing wrong, with the store's message key, or nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from drills.model import Observation
from drills.observation_rules import (
    MAX_NOTE,
    MAX_PHOTO_BYTES,
    content_problem,
    kind_problem,
    photo_problem,
    sniff_image,
    status_problem,
    value_problem,
)
from tests.drill_samples import at

ENTRY = Observation(
    "o1", 1, "item", "eva", entered_at=at(10), happened_at=at(8), item_id="c1", rating="done"
)
JPEG = b"\xff\xd8\xff" + bytes(16)


def key(found) -> str | None:
    return found.key if found is not None else None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, None),
        ({"kind": "guess"}, "drills_store.observation.kind"),
        ({"id": "  "}, "drills_store.observation.kind"),
    ],
)
def test_an_entry_needs_a_known_kind_and_an_id(change, expected):
    assert key(kind_problem(replace(ENTRY, **change))) == expected


@pytest.mark.parametrize(
    ("kind", "status", "expected"),
    [
        ("item", "running", None),
        ("item", "paused", None),
        ("item", "ended", "drills_store.observation.locked"),
        ("undo", "ended", "drills_store.observation.locked"),
        ("amendment", "running", "drills_store.observation.amend_after_end"),
        ("amendment", "paused", "drills_store.observation.amend_after_end"),
        ("amendment", "ended", None),
        ("item", "sealed", None),  # the store refuses every entry before the start itself
    ],
)
def test_entries_go_in_while_the_drill_runs_and_amendments_after_its_end(kind, status, expected):
    found = status_problem(replace(ENTRY, kind=kind), status)
    assert key(found) == expected
    if found is not None:
        assert found.params["status"] == status


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, None),
        ({"rating": "great"}, "drills_store.observation.rating"),
        ({"quality": "Z"}, "drills_store.observation.quality"),
        ({"rating": "not_done", "quality": "P"}, "drills_store.observation.quality_not_done"),
        ({"note": "x" * (MAX_NOTE + 1)}, "drills_store.observation.too_long"),
        ({"reason": "x" * (MAX_NOTE + 1)}, "drills_store.observation.too_long"),
        ({"note": "x" * MAX_NOTE}, None),
        ({"happened_at": at(11)}, "drills_store.observation.happened_later"),
        ({"happened_at": at(-1)}, "drills_store.observation.before_start"),
        ({"happened_at": at(-1), "kind": "amendment"}, None),
    ],
)
def test_an_entry_holds_only_values_a_drill_can_have(change, expected):
    assert key(value_problem(replace(ENTRY, **change), t0=at(0))) == expected


def test_an_entry_before_an_unknown_start_is_not_refused_for_it():
    assert value_problem(replace(ENTRY, happened_at=at(-5)), t0=None) is None


def test_a_note_too_long_names_the_limit():
    assert value_problem(replace(ENTRY, note="x" * (MAX_NOTE + 1)), t0=None).params == {
        "limit": MAX_NOTE
    }


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"rating": None}, "drills_store.observation.no_rating"),
        ({"kind": "free", "rating": None, "note": " "}, "drills_store.observation.empty"),
        ({"kind": "free", "rating": None, "photo_id": "p1"}, None),
        ({"kind": "free", "rating": None, "note": "saw smoke"}, None),
        ({"kind": "answer", "rating": None, "note": ""}, "drills_store.observation.empty"),
        ({"kind": "answer", "rating": "done"}, None),
        ({"kind": "amendment", "reason": "  "}, "drills_store.observation.no_reason"),
        ({"kind": "amendment", "reason": "misheard"}, None),
        ({"kind": "undo", "rating": None}, None),
    ],
)
def test_each_kind_of_entry_says_what_it_must_say(change, expected):
    assert key(content_problem(replace(ENTRY, **change))) == expected


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (JPEG, "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n" + bytes(8), "image/png"),
        (b"GIF89a" + bytes(8), "image/gif"),
        (b"RIFF\0\0\0\0WEBP", "image/webp"),
        (b"\0\0\0\x18ftypheic", "image/heic"),
        (b"%PDF-1.7", None),
        (b"", None),
    ],
)
def test_an_image_is_told_by_its_first_bytes(data, mime):
    assert sniff_image(data) == mime


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (JPEG, None),
        (b"%PDF-1.7", "drills_store.photo.not_an_image"),
        (b"\xff\xd8\xff" + bytes(MAX_PHOTO_BYTES), "drills_store.photo.too_big"),
    ],
)
def test_a_photo_is_an_image_no_bigger_than_the_store_keeps(data, expected):
    assert key(photo_problem(data)) == expected


def test_a_photo_too_big_names_the_limit_in_megabytes():
    assert photo_problem(bytes(MAX_PHOTO_BYTES + 1)).params == {"limit_mb": 10}
