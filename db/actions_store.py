"""Corrective actions of an ended drill's findings: add, update, the overdue list, and the
actions one owns.

Rights come from access/policy.py (action.create, action.edit, action.progress, action.verify):
the drill's directors and evaluation leads add, change and verify actions; an action's owner,
when it names their account, moves it between open, in progress and done; the unit's
overseers read them with the drill's whole record and change nothing. An action one may not
read is reported exactly like a missing one. Rows carry `version` for optimistic locking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime

import duckdb

from access.policy import Actor, action_resource, action_update_rights, owns_action, require
from access.secrecy import can_know_drill_exists
from db.connection import transaction
from db.drills_lookup import (
    DrillFacts,
    audit,
    fetch_many,
    known_facts,
    require_status,
    sees_whole_record,
)
from db.errors import NotFoundError, VersionConflictError
from db.findings_store import whole_record
from drills.action_dates import action_name, require_due_date
from drills.actions import CorrectiveAction

_ACTION_COLUMNS = (
    "a.id, a.finding_id, a.action, a.owner, a.due, a.status, a.verification, a.drill_id,"
    " a.version, a.updated_by, a.updated_at, a.start_date, a.organization"
)


@dataclass(frozen=True)
class StoredAction:
    drill_id: int
    action: CorrectiveAction
    version: int
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True)
class OwnedAction:
    """An action of the actor's, with the names that place it: its drill and its finding."""

    stored: StoredAction
    drill_title: str
    finding_title: str


def resource_of(facts: DrillFacts, owner: str = "") -> dict:
    """The policy's resource for an action of this drill (access.policy.action_resource)."""
    return action_resource(
        facts.unit, facts.named("director") | facts.named("evaluation_lead"), owner
    )


def add_action(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    action: CorrectiveAction,
    *,
    now: datetime,
) -> str:
    """Store a new corrective action for one of the drill's findings (its `id` is ignored: the
    store numbers actions). Returns the new id.

    Raises: NotFoundError when the finding is not the drill's; NotAllowedError unless the actor
    may add actions (action.create).
    """
    with conn.cursor() as cur, transaction(cur):
        facts = whole_record(cur, actor, drill_id)
        require(actor, "action.create", resource_of(facts, action.owner))
        _require_finding(cur, drill_id, action.finding_id)
        require_due_date(action, drill_day=_drill_day(facts), today=_today(now))
        new_id = cur.execute(
            "INSERT INTO corrective_actions (drill_id, finding_id, action, owner, due, status,"
            " verification, created_by, created_at, updated_by, updated_at, start_date,"
            " organization) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [
                drill_id,
                action.finding_id,
                action.action,
                action.owner,
                action.due,
                action.status,
                action.verification,
                actor.username,
                now,
                actor.username,
                now,
                action.start,
                action.organization,
            ],
        ).fetchone()[0]
        audit(cur, actor, "action.add", "action", new_id, now=now, after=_action_view(action))
    return str(new_id)


def update_action(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    action: CorrectiveAction,
    expected_version: int,
    *,
    now: datetime,
) -> int:
    """Replace an action's text, owner, due date, status and verification (finding unchanged),
    each part as far as the actor's rights reach (access.policy.action_update_rights). Returns
    the new version.

    Raises: NotFoundError (also for an action the actor may not read), VersionConflictError,
    NotAllowedError (the key says who may make that change).
    """
    not_found = NotFoundError("findings_store.action_not_found", action_id=action.id)
    try:
        action_id = int(action.id)
    except (TypeError, ValueError):
        raise not_found from None
    with conn.cursor() as cur, transaction(cur):
        row = cur.execute(
            f"SELECT {_ACTION_COLUMNS} FROM corrective_actions a WHERE a.id = ?", [action_id]
        ).fetchone()
        if row is None:
            raise not_found
        before = _action(row)
        try:
            facts = known_facts(cur, actor, before.drill_id)
        except NotFoundError:
            raise not_found from None
        resource = resource_of(facts, before.action.owner)
        if facts.status != "ended" or not (
            sees_whole_record(actor, facts) or owns_action(actor, resource)
        ):
            raise not_found
        for right in sorted(action_update_rights(before.action, action)):
            require(actor, right, resource)
        if before.version != expected_version:
            raise VersionConflictError(
                "findings_store.action_conflict", title=action_name(before.action)
            )
        require_due_date(
            action, drill_day=_drill_day(facts), today=_today(now), before=before.action
        )
        version = cur.execute(
            "UPDATE corrective_actions SET action = ?, owner = ?, due = ?, status = ?,"
            " verification = ?, start_date = ?, organization = ?, updated_by = ?,"
            " updated_at = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING version",
            [
                action.action,
                action.owner,
                action.due,
                action.status,
                action.verification,
                action.start,
                action.organization,
                actor.username,
                now,
                action_id,
                expected_version,
            ],
        ).fetchone()
        if version is None:
            raise VersionConflictError(
                "findings_store.action_conflict", title=action_name(before.action)
            )
        audit(
            cur,
            actor,
            "action.update",
            "action",
            action_id,
            now=now,
            before=_action_view(before.action),
            after=_action_view(action),
        )
    return version[0]


def list_actions(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    *,
    drill_id: int | None = None,
    unit: str | None = None,
    overdue_on: date | None = None,
) -> list[StoredAction]:
    """Corrective actions of the drills whose whole record the actor sees (ended drills only),
    optionally of one drill or one unit. With `overdue_on`: only those past due on that day and
    neither done nor verified (the overdue list), earliest due first."""
    with conn.cursor() as cur, transaction(cur):
        if drill_id is not None:
            whole_record(cur, actor, drill_id)
        rows = cur.execute(
            f"SELECT {_ACTION_COLUMNS} FROM corrective_actions a JOIN drills d ON d.id = a.drill_id"
            " WHERE (?::BIGINT IS NULL OR a.drill_id = ?) AND (?::VARCHAR IS NULL OR d.unit = ?)"
            "   AND (?::DATE IS NULL OR (a.due < ? AND a.status NOT IN ('done', 'verified')))"
            " ORDER BY a.due, a.id",
            [drill_id, drill_id, unit, unit, overdue_on, overdue_on],
        ).fetchall()
        visible = {
            f.id
            for f in _ended(cur, {row[7] for row in rows})
            if sees_whole_record(actor, f) and can_know_drill_exists(actor, f.record)
        }
    return [_action(row) for row in rows if row[7] in visible]


def my_actions(conn: duckdb.DuckDBPyConnection, actor: Actor) -> list[OwnedAction]:
    """The actions whose owner names the actor's account, in ended drills the actor may know of,
    earliest due first: what the owner updates the progress of."""
    with conn.cursor() as cur, transaction(cur):
        rows = cur.execute(
            f"SELECT {_ACTION_COLUMNS}, d.title, coalesce(f.title, a.finding_id)"
            " FROM corrective_actions a JOIN drills d ON d.id = a.drill_id"
            " LEFT JOIN findings f ON f.drill_id = a.drill_id AND f.id = a.finding_id"
            " WHERE lower(trim(a.owner)) = lower(?) ORDER BY a.due, a.id",
            [actor.username.strip()],
        ).fetchall()
        known = {
            f.id
            for f in _ended(cur, {row[7] for row in rows})
            if can_know_drill_exists(actor, f.record)
        }
    found = [OwnedAction(_action(row), row[13], row[14]) for row in rows if row[7] in known]
    return [o for o in found if owns_action(actor, {"owner": o.stored.action.owner})]


def _ended(cur, drill_ids: Iterable[int]) -> list[DrillFacts]:
    facts = fetch_many(cur, sorted(drill_ids)) if drill_ids else []
    return [f for f in facts if f.status == "ended"]


def _require_finding(cur, drill_id: int, finding_id: str) -> None:
    found = cur.execute(
        "SELECT count(*) FROM findings WHERE drill_id = ? AND id = ?", [drill_id, finding_id]
    ).fetchone()[0]
    if not found:
        raise NotFoundError("findings_store.finding_not_found", finding_id=finding_id)


def _drill_day(facts) -> date | None:
    """The day of the drill's T0, in the server's time zone (as due dates are)."""
    return facts.clock.t0.astimezone().date() if facts.clock.t0 else None


def _today(now: datetime) -> date:
    return now.astimezone().date()


def _action(row: tuple) -> StoredAction:
    action = CorrectiveAction(str(row[0]), *row[1:7], start=row[11], organization=row[12] or "")
    return StoredAction(row[7], action, row[8], row[9], row[10])


def _action_view(action: CorrectiveAction) -> dict:
    view = asdict(action)
    view["due"] = action.due.isoformat()
    view["start"] = action.start.isoformat() if action.start else None
    return view


__all__ = [
    "OwnedAction",
    "StoredAction",
    "add_action",
    "list_actions",
    "my_actions",
    "require_status",
    "resource_of",
    "update_action",
]
