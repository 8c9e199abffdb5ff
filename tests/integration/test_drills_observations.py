"""Evaluator observations through the store: one tap is one row, a retried
tap is stored once, fifty evaluators at once lose and duplicate nothing, an ended drill's entries
are locked and corrected only by amendments that keep the original."""

from __future__ import annotations

import random
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest

from access.errors import NotAllowedError
from db import drills_store as store
from db.errors import InvalidTransitionError, NotFoundError, StoreError
from drills.model import EvaluatorAssignment
from tests.integration.drills_world import at, design, obs, seed

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def world(database):
    w = seed(database)
    yield w
    w.db.close()


def running_drill(world, **changes) -> int:
    drill = store.create_drill(world.db, world.director, design(world, **changes), now=at(-60))
    store.seal_drill(world.db, world.director, drill, now=at(-30))
    store.start_drill(world.db, world.director, drill, now=at(0))
    return drill


def count(world, sql: str = "SELECT count(*) FROM observations") -> int:
    return world.db.execute(sql).fetchone()[0]


def test_a_tap_is_stored_and_read_back_as_it_was_entered(world):
    drill = running_drill(world)
    tap = obs(
        drill, "eva", "c1", minute=4, quality="S", done_by="r2", note="按时报告", happened_at=at(3)
    )
    assert store.record_observation(world.db, world.eva, tap) is True
    assert store.observations(world.db, world.director, drill) == [tap]


def test_the_same_tap_sent_twice_is_stored_once(world):
    drill = running_drill(world)
    tap = obs(drill, "eva", "c1", minute=4)
    assert store.record_observation(world.db, world.eva, tap) is True
    assert store.record_observation(world.db, world.eva, tap) is False
    assert count(world) == 1


def test_a_retried_tap_is_acknowledged_even_after_the_drill_ended(world):
    drill = running_drill(world)
    tap = obs(drill, "eva", "c1", minute=4)
    store.record_observation(world.db, world.eva, tap)
    store.end_drill(world.db, world.director, drill, now=at(5))
    assert store.record_observation(world.db, world.eva, tap) is False
    assert count(world) == 1


def test_an_id_taken_by_another_evaluators_entry_is_refused(world):
    drill = running_drill(world)
    store.record_observation(world.db, world.eva, obs(drill, "eva", "c1", oid="same"))
    with pytest.raises(StoreError) as caught:
        store.record_observation(world.db, world.evb, obs(drill, "evb", "c3", oid="same"))
    assert caught.value.key == "drills_store.observation.id_taken"


@pytest.mark.parametrize(
    "stage, error",
    [("designing", NotFoundError), ("sealed", NotFoundError), ("ended", InvalidTransitionError)],
)
def test_nothing_is_recorded_unless_the_drill_runs(world, stage, error):
    drill = store.create_drill(world.db, world.director, design(world), now=at(-60))
    if stage != "designing":
        store.seal_drill(world.db, world.director, drill, now=at(-30))
    if stage == "ended":
        store.start_drill(world.db, world.director, drill, now=at(0))
        store.end_drill(world.db, world.director, drill, now=at(1))
    with pytest.raises(error):
        store.record_observation(world.db, world.eva, obs(drill, "eva", "c1", minute=2))
    assert count(world) == 0


def test_entries_are_recorded_while_the_drill_is_paused(world):
    drill = running_drill(world)
    store.pause_drill(world.db, world.director, drill, now=at(3))
    assert store.record_observation(world.db, world.eva, obs(drill, "eva", "c1", minute=4))


@pytest.mark.parametrize(
    "who, evaluator, error",
    [
        ("director", "director", NotAllowedError),  # directs, does not evaluate
        ("pat", "pat", NotAllowedError),
        ("eva", "evb", NotAllowedError),  # as someone else
        ("manager", "manager", NotAllowedError),
    ],
)
def test_only_an_evaluator_of_the_drill_records_as_themselves(world, who, evaluator, error):
    drill = running_drill(world)
    with pytest.raises(error):
        store.record_observation(world.db, world.actors[who], obs(drill, evaluator, "c1"))
    assert count(world) == 0


@pytest.mark.parametrize(
    "fields, key",
    [
        ({"rating": None}, "drills_store.observation.no_rating"),
        ({"rating": "great"}, "drills_store.observation.rating"),
        ({"quality": "X"}, "drills_store.observation.quality"),
        # a quality mark says how well something was done: "not done" takes none
        ({"rating": "not_done", "quality": "M"}, "drills_store.observation.quality_not_done"),
        ({"happened_at": at(9), "entered_at": at(8)}, "drills_store.observation.happened_later"),
        ({"happened_at": at(-5)}, "drills_store.observation.before_start"),
        ({"kind": "free", "item": None, "note": " "}, "drills_store.observation.empty"),
        ({"kind": "gossip"}, "drills_store.observation.kind"),
        (
            {"kind": "amendment", "ref": "x", "reason": "r"},
            "drills_store.observation.amend_after_end",
        ),
    ],
)
def test_a_malformed_entry_is_refused_with_a_reason(world, fields, key):
    drill = running_drill(world)
    item = fields.pop("item", "c1")
    with pytest.raises((StoreError, InvalidTransitionError)) as caught:
        store.record_observation(world.db, world.eva, obs(drill, "eva", item, minute=8, **fields))
    assert caught.value.key == key


def test_an_evaluator_undoes_their_last_entry_with_an_entry(world):
    drill = running_drill(world)
    first = obs(drill, "eva", "c1", minute=2)
    store.record_observation(world.db, world.eva, first)
    undo = obs(drill, "eva", None, minute=3, kind="undo", rating=None, ref=first.id)
    assert store.record_observation(world.db, world.eva, undo)
    with pytest.raises(NotAllowedError):  # not someone else's
        store.record_observation(world.db, world.evb, replace(undo, id="u2", evaluator="evb"))
    assert [o.kind for o in store.observations(world.db, world.lead, drill)] == ["item", "undo"]


def test_after_the_end_an_amendment_with_a_reason_keeps_the_original(world):
    drill = running_drill(world)
    original = obs(drill, "eva", "c1", minute=2, rating="partly")
    store.record_observation(world.db, world.eva, original)
    store.end_drill(world.db, world.director, drill, now=at(30))
    with pytest.raises(InvalidTransitionError):  # locked
        store.record_observation(world.db, world.eva, obs(drill, "eva", "c1", minute=31))
    amend = obs(
        drill,
        "eva",
        "c1",
        minute=40,
        kind="amendment",
        rating="done",
        ref=original.id,
        happened_at=at(2),
    )
    with pytest.raises(StoreError):  # no reason
        store.record_observation(world.db, world.eva, amend)
    amend = replace(amend, reason="回看录像：已完成")
    assert store.record_observation(world.db, world.eva, amend)
    stored = store.observations(world.db, world.director, drill)
    assert stored == [original, amend]  # the original is untouched
    row = world.db.execute(
        "SELECT actor, action, entity_id, after_json FROM audit_log WHERE entity = 'observation'"
    ).fetchall()
    assert [(r[0], r[1], r[2]) for r in row] == [("eva", "observation.amend", amend.id)]
    assert "回看录像" in row[0][3]


def test_an_answer_refers_to_a_released_inject(world):
    drill = running_drill(world)
    answer = obs(
        drill,
        "eva",
        None,
        minute=5,
        kind="answer",
        rating=None,
        inject_id="q1",
        note="答：10分钟内",
    )
    with pytest.raises(NotFoundError):
        store.record_observation(world.db, world.eva, answer)
    store.release_inject(world.db, world.director, drill, "q1", now=at(4))
    assert store.record_observation(world.db, world.eva, answer)


def test_a_photo_is_told_by_its_bytes_and_read_by_who_may(world):
    drill = running_drill(world)
    assert store.attach_photo(world.db, world.eva, drill, PNG, photo_id="p1", now=at(2))
    assert not store.attach_photo(world.db, world.eva, drill, PNG, photo_id="p1", now=at(2))
    tap = obs(drill, "eva", "c1", minute=3, photo_id="p1")
    assert store.record_observation(world.db, world.eva, tap)
    assert store.load_photo(world.db, world.director, drill, "p1") == ("image/png", PNG)
    assert store.load_photo(world.db, world.eva, drill, "p1")[0] == "image/png"
    with pytest.raises(NotFoundError):
        store.load_photo(world.db, world.evb, drill, "p1")
    with pytest.raises(StoreError) as caught:
        store.attach_photo(
            world.db, world.eva, drill, b"MZ\x90\x00 not a photo.png", photo_id="p2", now=at(2)
        )
    assert caught.value.key == "drills_store.photo.not_an_image"
    with pytest.raises(NotFoundError):
        store.record_observation(world.db, world.eva, obs(drill, "eva", "c1", photo_id="p9"))


def test_a_photo_over_the_size_limit_is_refused_before_anything_is_stored(world):
    drill = running_drill(world)
    huge = b"\xff\xd8\xff" + bytes(store.MAX_PHOTO_BYTES)
    with pytest.raises(StoreError) as caught:
        store.attach_photo(world.db, world.eva, drill, huge, photo_id="big", now=at(2))
    assert caught.value.key == "drills_store.photo.too_big"
    assert count(world, "SELECT count(*) FROM photos") == 0


def test_text_that_looks_like_sql_in_a_note_is_stored_verbatim(world):
    # an injection test for each text field that reaches SQL
    drill = running_drill(world)
    evil = "'); DROP TABLE observations; --"
    tap = obs(drill, "eva", "c1", minute=2, note=evil, done_by=evil)
    assert store.record_observation(world.db, world.eva, tap)
    assert store.observations(world.db, world.eva, drill)[0].note == evil


def test_fifty_evaluators_recording_at_once_lose_and_duplicate_nothing(tmp_path):
    # fifty evaluators at once, through the store, each thread on its own cursor
    world = seed(tmp_path / "plandrill.duckdb", evaluators=50)
    shares = tuple(EvaluatorAssignment(f"e{n:02d}", (f"r{n % 3 + 1}",)) for n in range(1, 51))
    drill = running_drill(world, evaluators=shares)
    items = {"r1": ["c2", "c4"], "r2": ["c1"], "r3": ["c3"]}
    start = threading.Barrier(50)

    def evaluator(n: int) -> list[str]:
        name, share = f"e{n:02d}", f"r{n % 3 + 1}"
        actor, rng, mine = world.actors[name], random.Random(n), []
        start.wait()
        for k in range(20):
            tap = obs(
                drill, name, rng.choice(items[share]), minute=1 + k / 10, oid=uuid.uuid4().hex
            )
            assert store.record_observation(world.db, actor, tap) is True
            mine.append(tap.id)
            if k % 5 == 0:  # a retried tap
                assert store.record_observation(world.db, actor, tap) is False
        return mine

    with ThreadPoolExecutor(50) as pool:
        sent = [oid for ids in pool.map(evaluator, range(1, 51)) for oid in ids]
    stored = [o.id for o in store.observations(world.db, world.lead, drill)]
    assert len(sent) == 1000
    assert sorted(stored) == sorted(sent)  # none lost, none duplicated
    world.db.close()


def test_due_injects_released_from_many_sessions_at_once_are_released_once_each(world):
    drill = running_drill(world)
    start = threading.Barrier(12)

    def session(n: int) -> list[str]:
        start.wait()
        return store.release_due_injects(world.db, drill, now=at(31 + n % 3))

    with ThreadPoolExecutor(12) as pool:
        got = [inject for released in pool.map(session, range(12)) for inject in released]
    assert sorted(got) == ["i1", "i3"]  # i2 and q1 are released by hand
    assert count(world, "SELECT count(*) FROM inject_releases") == 2
    assert store.release_due_injects(world.db, drill, now=at(40)) == []


def test_nothing_is_released_by_the_clock_while_paused(world):
    drill = running_drill(world)
    store.pause_drill(world.db, world.director, drill, now=at(1))
    assert store.release_due_injects(world.db, drill, now=at(50)) == []
    store.resume_drill(world.db, world.director, drill, now=at(50))
    assert store.release_due_injects(world.db, drill, now=at(53)) == []  # clock shows 4 min
    assert store.release_due_injects(world.db, drill, now=at(55)) == ["i1"]


def test_the_console_shows_each_evaluators_last_entry(world):
    drill = running_drill(world)
    first, last = obs(drill, "eva", "c1", minute=2), obs(drill, "eva", "c1", minute=5)
    for tap in (first, last):
        store.record_observation(world.db, world.eva, tap)
    activity = {a.username: a for a in store.evaluator_activity(world.db, world.director, drill)}
    assert (activity["eva"].entries, activity["eva"].last_observation_id) == (2, last.id)
    assert activity["evb"].entries == 0 and activity["evb"].last_entered_at is None
    assert list(activity) == ["lead", "eva", "evb"]
