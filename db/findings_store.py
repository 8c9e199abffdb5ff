"""Findings, participants' reviews, area weights and rating overrides of a drill (corrective
actions: db/actions_store.py).

Every call starts from the drill's facts (db/drills_lookup.py): a drill the actor may not know of
is reported like a missing id. Who may read (findings.read, after the end), write findings and
overrides (findings.edit), review (review.submit, one each: a second submission replaces the
first) and weigh areas (weights.*) is decided in access/. Edited rows carry `version` for
optimistic locking.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime

import duckdb

from access import policy
from access.policy import Actor
from db.connection import transaction
from db.drills_design import read_design
from db.drills_lookup import DrillFacts, audit, known_facts, may, require_drill, require_status
from db.errors import NotFoundError, StoreError, VersionConflictError
from drills.actions import ParticipantReview
from drills.findings import Finding
from drills.model import DrillDesign
from drills.ratings import RatingOverride
from i18n.glossary import CAPABILITY_AREAS, QUALITY_MARKS

_FINDING_COLUMNS = (
    "id, title, description, evidence, cause, grade, strength, step_id, role_id, status, kind,"
    " item_id, area, version, edited_by, edited_at"
)
_REVIEW_COLUMNS = "username, role, went_well, to_improve, rating, submitted_at"


@dataclass(frozen=True)
class StoredFinding:
    """A finding as stored: the domain object, its drill and its optimistic-locking version."""

    drill_id: int
    finding: Finding
    version: int
    edited_by: str | None = None
    edited_at: datetime | None = None


@dataclass(frozen=True)
class StoredReview:
    drill_id: int
    review: ParticipantReview
    submitted_at: datetime


@dataclass(frozen=True)
class StoredOverride:
    drill_id: int
    override: RatingOverride
    set_at: datetime


# ---------------------------------------------------------------- access


def whole_record(cur, actor: Actor, drill_id: int) -> DrillFacts:
    """The facts of an ended drill whose whole record the actor reads, on the caller's cursor.

    Raises: NotFoundError (unknown or secret drill), InvalidTransitionError (not ended),
    NotAllowedError (not one who sees the whole record)."""
    facts = known_facts(cur, actor, drill_id)
    require_status(facts, "ended")
    require_drill(actor, "findings.read", facts)
    return facts


def _editor(cur, actor: Actor, drill_id: int) -> DrillFacts:
    """The facts of an ended drill whose findings the actor may edit (findings.edit)."""
    facts = whole_record(cur, actor, drill_id)
    require_drill(actor, "findings.edit", facts)
    return facts


# ---------------------------------------------------------------- findings


def save_proposed_findings(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    findings: Sequence[Finding],
    *,
    now: datetime,
) -> int:
    """Store the proposals of an ended drill; ids already stored keep their edits (only new ids
    are inserted). Returns how many were inserted."""
    with conn.cursor() as cur, transaction(cur):
        _editor(cur, actor, drill_id)
        return insert_new_findings(cur, actor, drill_id, findings, now=now)


def insert_new_findings(
    cur, actor: Actor, drill_id: int, findings: Sequence[Finding], *, now: datetime
) -> int:
    """Insert the findings whose ids the drill has not stored yet, on the caller's cursor and
    transaction, with no access check (the caller has decided: save_proposed_findings, or the
    system's recompute in db/analytics_scores.py). Returns how many were inserted."""
    rows = cur.execute(
        "SELECT id, position FROM findings WHERE drill_id = ?", [drill_id]
    ).fetchall()
    known = {row[0] for row in rows}
    position = max((row[1] for row in rows), default=-1) + 1
    inserted = 0
    for finding in findings:
        if finding.id in known:
            continue
        known.add(finding.id)
        cur.execute(
            "INSERT INTO findings (drill_id, id, position, kind, title, description, evidence,"
            " cause, grade, strength, step_id, role_id, item_id, area, status, proposed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                drill_id,
                finding.id,
                position,
                finding.kind,
                finding.title,
                finding.description,
                json.dumps(list(finding.evidence)),
                finding.cause,
                finding.grade,
                finding.strength,
                finding.step_id,
                finding.role_id,
                finding.item_id,
                finding.area,
                finding.status,
                now,
            ],
        )
        position += 1
        inserted += 1
    if inserted:
        audit(
            cur, actor, "finding.propose", "drill", drill_id, now=now, after={"inserted": inserted}
        )
    return inserted


def list_findings(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> list[StoredFinding]:
    """The drill's findings in the order they were proposed."""
    with conn.cursor() as cur, transaction(cur):
        whole_record(cur, actor, drill_id)
        return read_findings(cur, drill_id)


def read_findings(cur, drill_id: int) -> list[StoredFinding]:
    """The drill's findings in order, on the caller's cursor and transaction, with no access
    check: for other stores that have checked access their own way (db/revision_store.py)."""
    rows = cur.execute(
        f"SELECT {_FINDING_COLUMNS} FROM findings WHERE drill_id = ? ORDER BY position",
        [drill_id],
    ).fetchall()
    return [_finding(drill_id, row) for row in rows]


def update_finding(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    finding: Finding,
    expected_version: int,
    *,
    now: datetime,
) -> int:
    """Replace a stored finding's editable fields (all but id and kind). Returns the new version.

    Raises: NotFoundError (no such finding), VersionConflictError (someone saved it since
    `expected_version` was read; nothing is overwritten), NotAllowedError.
    """
    with conn.cursor() as cur, transaction(cur):
        _editor(cur, actor, drill_id)
        row = cur.execute(
            f"SELECT {_FINDING_COLUMNS} FROM findings WHERE drill_id = ? AND id = ?",
            [drill_id, finding.id],
        ).fetchone()
        if row is None:
            raise NotFoundError("findings_store.finding_not_found", finding_id=finding.id)
        before = _finding(drill_id, row)
        if before.version != expected_version:
            raise VersionConflictError(
                "findings_store.finding_conflict", title=before.finding.title
            )
        version = cur.execute(
            "UPDATE findings SET title = ?, description = ?, evidence = ?, cause = ?, grade = ?,"
            " strength = ?, step_id = ?, role_id = ?, item_id = ?, area = ?, status = ?,"
            " edited_by = ?, edited_at = ?, version = version + 1"
            " WHERE drill_id = ? AND id = ? AND version = ? RETURNING version",
            [
                finding.title,
                finding.description,
                json.dumps(list(finding.evidence)),
                finding.cause,
                finding.grade,
                finding.strength,
                finding.step_id,
                finding.role_id,
                finding.item_id,
                finding.area,
                finding.status,
                actor.username,
                now,
                drill_id,
                finding.id,
                expected_version,
            ],
        ).fetchone()
        if version is None:
            raise VersionConflictError(
                "findings_store.finding_conflict", title=before.finding.title
            )
        audit(
            cur,
            actor,
            "finding.update",
            "finding",
            f"{drill_id}/{finding.id}",
            now=now,
            before=asdict(before.finding),
            after=asdict(finding),
        )
    return version[0]


def add_finding(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    finding: Finding,
    *,
    now: datetime,
) -> str:
    """Store a finding the evaluation lead writes by hand (its `id` and `kind` are ignored: the
    store names it "manual-<n>"). Returns the new id."""
    with conn.cursor() as cur, transaction(cur):
        _editor(cur, actor, drill_id)
        position, count = cur.execute(
            "SELECT coalesce(max(position), -1) + 1, count(*) FILTER (WHERE kind = 'manual')"
            " FROM findings WHERE drill_id = ?",
            [drill_id],
        ).fetchone()
        ids = {
            r[0]
            for r in cur.execute(
                "SELECT id FROM findings WHERE drill_id = ?", [drill_id]
            ).fetchall()
        }
        number = count + 1
        while f"manual-{number}" in ids:
            number += 1
        new = replace(finding, id=f"manual-{number}", kind="manual")
        cur.execute(
            "INSERT INTO findings (drill_id, id, position, kind, title, description, evidence,"
            " cause, grade, strength, step_id, role_id, item_id, area, status, proposed_at,"
            " edited_by, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                drill_id,
                new.id,
                position,
                new.kind,
                new.title,
                new.description,
                json.dumps(list(new.evidence)),
                new.cause,
                new.grade,
                new.strength,
                new.step_id,
                new.role_id,
                new.item_id,
                new.area,
                new.status,
                now,
                actor.username,
                now,
            ],
        )
        audit(
            cur, actor, "finding.add", "finding", f"{drill_id}/{new.id}", now=now, after=asdict(new)
        )
    return new.id


def ended_design(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> DrillDesign:
    """The design of an ended drill, for all who read its whole record (directors, evaluation
    leads and the unit's overseers), which the evaluation report describes."""
    with conn.cursor() as cur, transaction(cur):
        whole_record(cur, actor, drill_id)
        return read_design(cur, drill_id)


def participants_of(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> dict[str, tuple[str, ...]]:
    """Who played which plan roles (user name -> role ids): the whole list for those who read the
    drill's record after the end, only their own entry for a participant."""
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        share = facts.share("participant")
        if facts.status == "ended" and may(actor, "findings.read", facts):
            return share
    return {actor.username: share[actor.username]} if actor.username in share else {}


def _finding(drill_id: int, row: tuple) -> StoredFinding:
    finding = Finding(
        id=row[0],
        title=row[1],
        description=row[2],
        evidence=tuple(json.loads(row[3])),
        cause=row[4],
        grade=row[5],
        strength=row[6],
        step_id=row[7],
        role_id=row[8],
        status=row[9],
        kind=row[10],
        item_id=row[11],
        area=row[12],
    )
    return StoredFinding(drill_id, finding, row[13], row[14], row[15])


# ---------------------------------------------------------------- participants' reviews

ANY_REVIEW = object()  # submit_review without a check of what the form showed (scripts, seeds)


def submit_review(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    review: ParticipantReview,
    *,
    now: datetime,
    replacing: datetime | None | object = ANY_REVIEW,
) -> None:
    """A participant's own review of an ended drill; a second one replaces the first.

    `replacing`: when the review form was opened, the submitted_at of the review it showed
    (None: there was none); a review submitted since (another session) is not overwritten.
    Raises: NotAllowedError unless the actor is a participant of the drill submitting for
    themselves; InvalidTransitionError before the end; VersionConflictError
    findings_store.review_conflict.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require_drill(actor, "review.submit", facts, author=review.username)
        require_status(facts, "ended")
        if replacing is not ANY_REVIEW:
            row = cur.execute(
                "SELECT submitted_at FROM participant_reviews WHERE drill_id = ? AND username = ?",
                [drill_id, actor.username],
            ).fetchone()
            if (row[0] if row else None) != replacing:
                raise VersionConflictError("findings_store.review_conflict")
        cur.execute(
            "INSERT INTO participant_reviews (drill_id, username, role, went_well, to_improve,"
            " rating, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (drill_id, username)"
            " DO UPDATE SET role = excluded.role, went_well = excluded.went_well,"
            " to_improve = excluded.to_improve, rating = excluded.rating,"
            " submitted_at = excluded.submitted_at",
            [
                drill_id,
                review.username,
                review.role,
                review.went_well,
                review.to_improve,
                review.rating,
                now,
            ],
        )


def my_review(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> StoredReview | None:
    """The actor's own review of the drill, if they submitted one."""
    with conn.cursor() as cur, transaction(cur):
        known_facts(cur, actor, drill_id)
        row = cur.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM participant_reviews"
            " WHERE drill_id = ? AND username = ?",
            [drill_id, actor.username],
        ).fetchone()
    return None if row is None else _review(drill_id, row)


def list_reviews(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int
) -> list[StoredReview]:
    with conn.cursor() as cur, transaction(cur):
        whole_record(cur, actor, drill_id)
        rows = cur.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM participant_reviews"
            " WHERE drill_id = ? ORDER BY submitted_at, username",
            [drill_id],
        ).fetchall()
    return [_review(drill_id, row) for row in rows]


def _review(drill_id: int, row: tuple) -> StoredReview:
    return StoredReview(drill_id, ParticipantReview(*row[:5]), row[5])


# ---------------------------------------------------------------- weights and overrides


def set_weights(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    unit: str,
    weights: Mapping[str, float],
    *,
    now: datetime,
    expected: Mapping[str, float] | None = None,
) -> None:
    """Replace the unit's area weights (areas left out weigh 1). `expected`: the weights the
    form showed; when someone saved others since, nothing is replaced.

    Raises: NotAllowedError unless admin or an evaluation lead of the unit; StoreError
    ("findings_store.bad_weight") for an unknown area or a negative weight;
    VersionConflictError findings_store.weights_conflict.
    """
    policy.require(actor, "weights.set", {"unit": unit})
    for area, weight in weights.items():
        if area not in CAPABILITY_AREAS or not isinstance(weight, int | float) or weight < 0:
            raise StoreError("findings_store.bad_weight", area=area, weight=weight)
    with conn.cursor() as cur, transaction(cur):
        before = dict(
            cur.execute("SELECT area, weight FROM area_weights WHERE unit = ?", [unit]).fetchall()
        )
        if expected is not None and before != {a: float(w) for a, w in expected.items()}:
            raise VersionConflictError("findings_store.weights_conflict", unit=unit)
        cur.execute("DELETE FROM area_weights WHERE unit = ?", [unit])
        for area, weight in weights.items():
            cur.execute(
                "INSERT INTO area_weights (unit, area, weight, set_by, set_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [unit, area, float(weight), actor.username, now],
            )
        audit(
            cur,
            actor,
            "weights.set",
            "drill",
            f"unit:{unit}",
            now=now,
            before=before,
            after=dict(weights),
        )


def weights_for(conn: duckdb.DuckDBPyConnection, actor: Actor, unit: str) -> dict[str, float]:
    """area -> weight for the unit (only the areas set; scoring gives the rest 1).

    Raises: NotAllowedError for someone of another unit (admins read every unit).
    """
    policy.require(actor, "weights.read", {"unit": unit})
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            "SELECT area, weight FROM area_weights WHERE unit = ? ORDER BY area", [unit]
        ).fetchall()
    return dict(rows)


def set_override(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    override: RatingOverride,
    *,
    now: datetime,
) -> None:
    """Rate an area in place of the computed rating (replacing an earlier override).

    Raises: StoreError ("findings_store.reason_required", "findings_store.bad_override") for an
    empty reason, unknown area or rating; NotAllowedError unless lead or director of the drill.
    """
    if not (override.reason or "").strip():
        raise StoreError("findings_store.reason_required", area=override.area)
    if override.area not in CAPABILITY_AREAS or override.rating not in QUALITY_MARKS:
        raise StoreError("findings_store.bad_override", area=override.area, rating=override.rating)
    with conn.cursor() as cur, transaction(cur):
        _editor(cur, actor, drill_id)
        cur.execute(
            "INSERT INTO rating_overrides (drill_id, area, rating, reason, set_by, set_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (drill_id, area) DO UPDATE SET"
            " rating = excluded.rating, reason = excluded.reason, set_by = excluded.set_by,"
            " set_at = excluded.set_at",
            [
                drill_id,
                override.area,
                override.rating,
                override.reason.strip(),
                actor.username,
                now,
            ],
        )
        audit(
            cur,
            actor,
            "drill.rating_override",
            "drill",
            drill_id,
            now=now,
            after={"area": override.area, "rating": override.rating, "reason": override.reason},
        )


def overrides(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> list[StoredOverride]:
    with conn.cursor() as cur, transaction(cur):
        whole_record(cur, actor, drill_id)
        rows = cur.execute(
            "SELECT area, rating, reason, set_by, set_at FROM rating_overrides"
            " WHERE drill_id = ? ORDER BY area",
            [drill_id],
        ).fetchall()
    return [StoredOverride(drill_id, RatingOverride(*row[:4]), row[4]) for row in rows]


__all__ = [
    "StoredFinding",
    "StoredOverride",
    "StoredReview",
    "add_finding",
    "ended_design",
    "insert_new_findings",
    "list_findings",
    "list_reviews",
    "my_review",
    "overrides",
    "participants_of",
    "read_findings",
    "save_proposed_findings",
    "set_override",
    "set_weights",
    "submit_review",
    "update_finding",
    "weights_for",
    "whole_record",
]
