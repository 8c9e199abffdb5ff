"""Evaluator observations and photos: one tap is one appended row, stored once per client-made
id and confirmed only after its transaction committed; the checklist share each person sees.

Observations are never updated or deleted. While the drill runs an evaluator withdraws an entry
with an "undo" entry; once it ended, a correction is an "amendment" with a reason, which keeps
the original and goes into the audit log. What an entry or photo must satisfy by itself is
drills/observation_rules.py's; this module checks what needs the database and raises.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

import duckdb

from access.policy import Actor
from db.connection import transaction, translate
from db.drills_design import read_checklist
from db.drills_lookup import (
    DrillFacts,
    audit,
    known_facts,
    log_view,
    may,
    require_drill,
    require_status,
    retrying,
)
from db.drills_sealed_cache import ItemRoles, facts_for_tap
from db.errors import InvalidTransitionError, NotFoundError, StoreError
from drills.errors import Problem
from drills.model import ChecklistItem, Observation
from drills.observation_rules import (
    MAX_PHOTO_BYTES,
    content_problem,
    kind_problem,
    photo_problem,
    sniff_image,
    status_problem,
    value_problem,
)

COLUMNS = tuple(f.name for f in fields(Observation))
# A plain insert, committed on its own (one statement: a tap is stored whole or not at all).
# The id was looked up just before; a concurrent insert of the same id fails on the key, is
# retried, and then finds it stored. The drill clock read before it may change in between (an
# end committed a moment later): a transaction would not prevent that either (the clock and the
# observations are separate appends), so such a tap counts as entered before the end.
_INSERT = (
    f"INSERT INTO observations ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
)


def record_observation(
    conn: duckdb.DuckDBPyConnection, actor: Actor, observation: Observation
) -> bool:
    """Store one evaluator entry; True once it is committed, False when this id was stored
    before (a retried tap: nothing is stored twice, even after the drill ended).

    Raises: NotFoundError (drill, item, inject or observation referred to); NotAllowedError
    unless an evaluator of the drill recording as themselves, within their share;
    InvalidTransitionError when the drill is not running or paused (after the end, only an
    amendment with a reason); StoreError drills_store.observation.* for a malformed entry.
    """

    def write() -> bool:
        try:
            return _tap(conn, actor, observation)
        except duckdb.Error as exc:  # from an autocommit statement: translated
            raise translate(exc) from exc

    return retrying(write)


def _tap(conn: duckdb.DuckDBPyConnection, actor: Actor, obs: Observation) -> bool:
    with conn.cursor() as cur:
        facts, items, existing = facts_for_tap(conn, cur, actor, obs.drill_id, obs.id)
        if existing is not None:
            if tuple(existing) != (obs.drill_id, actor.username):
                raise StoreError("drills_store.observation.id_taken", id=obs.id)
            return False
        _check(cur, facts, items, actor, obs)
        if obs.kind != "amendment":
            cur.execute(_INSERT, [getattr(obs, c) for c in COLUMNS])  # committed on return
            return True
        with transaction(cur):
            cur.execute(_INSERT, [getattr(obs, c) for c in COLUMNS])
            audit(
                cur,
                actor,
                "observation.amend",
                "observation",
                obs.id,
                now=obs.entered_at,
                before={"ref": obs.ref},
                after=_view(obs),
            )
        return True


def _check(cur, facts: DrillFacts, items: ItemRoles, actor: Actor, obs: Observation) -> None:
    require_drill(actor, "drill.observe", facts, author=obs.evaluator)
    _refuse(kind_problem(obs))
    _refuse(status_problem(obs, facts.status), InvalidTransitionError)
    require_status(facts, "running", "paused", "ended")
    _refuse(value_problem(obs, facts.clock.t0))
    checks = {
        "item": _check_item,
        "free": _check_free,
        "answer": _check_answer,
        "undo": _check_ref,
        "amendment": _check_ref,
    }
    checks[obs.kind](cur, facts, items, actor, obs)
    if obs.photo_id is not None:
        found = cur.execute(
            "SELECT count(*) FROM photos WHERE id = ? AND drill_id = ?", [obs.photo_id, facts.id]
        ).fetchone()[0]
        if not found:
            raise NotFoundError("drills_store.photo_not_found", photo_id=obs.photo_id)


def _check_item(cur, facts: DrillFacts, items: ItemRoles, actor: Actor, obs: Observation) -> None:
    _refuse(content_problem(obs))
    _visible_item(facts, items, actor, obs.item_id)


def _check_free(cur, facts: DrillFacts, items: ItemRoles, actor: Actor, obs: Observation) -> None:
    _refuse(content_problem(obs))
    if obs.item_id is not None:
        _visible_item(facts, items, actor, obs.item_id)


def _check_answer(cur, facts: DrillFacts, items: ItemRoles, actor: Actor, obs: Observation) -> None:
    released = cur.execute(
        "SELECT count(*) FROM inject_releases WHERE drill_id = ? AND inject_id = ?",
        [facts.id, obs.inject_id],
    ).fetchone()[0]
    if not released:
        raise NotFoundError("drills_store.inject_not_found", inject_id=obs.inject_id)
    _refuse(content_problem(obs))


def _check_ref(cur, facts: DrillFacts, items: ItemRoles, actor: Actor, obs: Observation) -> None:
    """An undo withdraws, an amendment corrects, an entry of this drill: one's own (an
    evaluation lead's: anyone's); an amendment says why."""
    row = cur.execute(
        "SELECT evaluator FROM observations WHERE id = ? AND drill_id = ?", [obs.ref, facts.id]
    ).fetchone()
    if row is None:
        raise NotFoundError("drills_store.observation_not_found", id=obs.ref)
    require_drill(actor, "drill.amend", facts, author=row[0])
    _refuse(content_problem(obs))


def _visible_item(facts: DrillFacts, items: ItemRoles, actor: Actor, item_id: str | None) -> None:
    roles = items.get(item_id)
    if roles is None or not _sees_item(actor, facts, roles):
        raise NotFoundError("drills_store.item_not_found", item_id=item_id)


def _sees_item(actor: Actor, facts: DrillFacts, roles) -> bool:
    share = facts.share("evaluator")
    return may(actor, "drill.see_item", facts, item_roles=roles, evaluator_share=share)


def _refuse(found: Problem | None, error: type[StoreError] = StoreError) -> None:
    """Raise a domain rule's refusal as the store's error of its kind."""
    if found is not None:
        raise error(found.key, **found.params)


def _view(obs: Observation) -> dict:
    return {
        k: getattr(obs, k)
        for k in ("ref", "item_id", "rating", "quality", "done_by", "note", "reason")
    }


def observations(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> list[Observation]:
    """The drill's observations in the order entered: all of them for its directors and
    evaluation leads (and its overseers once it ended), an evaluator's own for an evaluator.

    Raises: NotFoundError; NotAllowedError for anyone else.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_drill(actor, "drill.read_observations", facts)
        who = None if may(actor, "drill.read_record", facts) else actor.username
        rows = cur.execute(
            f"SELECT {', '.join(COLUMNS)} FROM observations WHERE drill_id = ?"
            " AND (?::VARCHAR IS NULL OR evaluator = ?) ORDER BY entered_at, id",
            [drill_id, who, who],
        ).fetchall()
    return [Observation(*row) for row in rows]


def checklist_for(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, *, now: datetime | None = None
) -> list[ChecklistItem]:
    """The checklist items the actor may see: all for directors and evaluation leads, an
    evaluator's share, all for overseers once ended, none for participants (a script).

    Raises: NotFoundError (also for a drill the actor may not know of).
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        items = read_checklist(cur, drill_id)
        log_view(cur, facts, actor, now, "checklist")
    return [i for i in items if _sees_item(actor, facts, i.roles)]


def attach_photo(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    data: bytes,
    *,
    photo_id: str,
    now: datetime,
    observation_id: str | None = None,
) -> bool:
    """Store a photo (JPEG, PNG, WebP, GIF or HEIC, told by its bytes) taken by an evaluator of
    the drill; True when stored, False when this id was stored before.

    Raises: NotFoundError; NotAllowedError unless an evaluator of it; InvalidTransitionError
    before the start; StoreError drills_store.photo.too_big, drills_store.photo.not_an_image.
    """
    _refuse(photo_problem(data))
    mime = sniff_image(data)

    def write() -> bool:
        with conn.cursor() as cur, transaction(cur):
            facts = known_facts(cur, actor, drill_id)
            require_drill(actor, "drill.observe", facts)
            require_status(facts, "running", "paused", "ended")
            row = cur.execute("SELECT drill_id FROM photos WHERE id = ?", [photo_id]).fetchone()
            if row is not None:
                if row[0] != drill_id:
                    raise StoreError("drills_store.observation.id_taken", id=photo_id)
                return False
            cur.execute(
                "INSERT INTO photos (id, drill_id, observation_id, mime, size, bytes, uploaded_by,"
                " uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [photo_id, drill_id, observation_id, mime, len(data), data, actor.username, now],
            )
            return True

    return retrying(write)


def load_photo(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, photo_id: str
) -> tuple[str, bytes]:
    """(mime type, bytes) of a photo, for whoever took it and those who read the whole record.

    Raises: NotFoundError (also for a photo the actor may not see).
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        row = cur.execute(
            "SELECT mime, bytes, uploaded_by FROM photos WHERE id = ? AND drill_id = ?",
            [photo_id, drill_id],
        ).fetchone()
    if row is None or not may(actor, "drill.read_photo", facts, author=row[2]):
        raise NotFoundError("drills_store.photo_not_found", photo_id=photo_id)
    return row[0], bytes(row[1])


__all__ = [
    "MAX_PHOTO_BYTES",
    "attach_photo",
    "checklist_for",
    "load_photo",
    "observations",
    "record_observation",
    "sniff_image",
]
