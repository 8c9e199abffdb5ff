"""What a drill design must satisfy before it is stored: a published plan version that a drill
director of its unit may read, a design whose ids and references fit that plan, and people who
have accounts with the right system roles."""

from __future__ import annotations

import math
from dataclasses import replace

import duckdb

from access import policy
from access.policy import Actor
from db.connection import transaction
from db.drills_facts import Person
from db.errors import InvalidTransitionError, NotFoundError, StoreError
from db.plans_facts import VersionInfo, fetch_version, require_version, version_resource
from db.plans_store import load_version
from db.users_rows import username_key
from drills.checklist import derive_checklist
from drills.errors import DrillProblemsError, Problem, problem
from drills.model import DRILL_SCOPES, DRILL_TYPES, INJECT_KINDS, DrillDesign
from drills.validate import blocking, check_design
from i18n import Term
from plans.model import PHASES, Plan

# The system role a person needs for each part they play in a drill.
NEEDED_ROLES = {
    "director": frozenset({"drill_director"}),
    "evaluation_lead": frozenset({"evaluation_lead"}),
    "evaluator": frozenset({"evaluator", "evaluation_lead"}),
    "participant": None,  # anyone with an account
}


def version_for_drill(
    conn: duckdb.DuckDBPyConnection, actor: Actor, version_id: int, *, published: bool = True
) -> tuple[Plan, VersionInfo, str]:
    """(plan content, version facts, the plan's unit) for a drill director of that unit.

    Raises: NotFoundError when the actor may not read the version (or its plan is deleted);
    NotAllowedError unless a drill director of the plan's unit; InvalidTransitionError when
    `published` and the version is not the published one.
    """
    with conn.cursor() as cur, transaction(cur):
        info, extra = fetch_version(cur, version_id)
        require_version(actor, "plan.read", version_resource(info, extra), version_id)
    if extra["deleted"]:
        raise NotFoundError("db.version_not_found", version_id=version_id)
    unit = extra["unit"]
    policy.require(actor, "drill.create", {"unit": unit})
    if published and info.status != "published":
        raise InvalidTransitionError(
            "drills_store.version_not_published", version_id=version_id, status=info.status
        )
    return load_version(conn, actor, version_id), info, unit


# Problems of a design still in the making: allowed while designing, refused when sealing.
UNFINISHED = frozenset(
    {"drills.check.evaluator_without_share", "drills.check.no_items", "drills.check.no_evaluators"}
)


def require_design(design: DrillDesign, plan: Plan, *, sealing: bool = False) -> DrillDesign:
    """The design, tidied (title trimmed, names once each), when it fits the plan; a design
    without checklist gets the one derived from the plan for its level and roles. While
    designing, an unfinished design (an evaluator without a share) may be stored; `sealing`
    refuses it too.

    Raises: DrillProblemsError listing every problem at once.
    """
    design = replace(
        design,
        title=(design.title or "").strip(),
        directors=tuple(dict.fromkeys(n.strip() for n in design.directors if n.strip())),
        evaluation_leads=tuple(dict.fromkeys(n.strip() for n in design.evaluation_leads)),
    )
    if not design.checklist and not sealing:
        design = replace(design, checklist=_derived(design, plan))
    problems = shape_problems(design) + [
        p for p in blocking(check_design(design, plan)) if sealing or p.key not in UNFINISHED
    ]
    if problems:
        raise DrillProblemsError(problems)
    return design


def _derived(design: DrillDesign, plan: Plan):
    level = design.level if design.level in {lv.id for lv in plan.levels} else None
    return derive_checklist(plan, level=level, roles=design.participating_roles)


def shape_problems(design: DrillDesign) -> list[Problem]:
    """What the database would refuse or no drill can have: no title, unknown choices, empty
    ids or names, negative or endless minutes (references are drills.validate's)."""
    found: list[Problem] = []
    if not design.title:
        found.append(problem("drills_store.design.empty_title"))
    if design.drill_type not in DRILL_TYPES:
        found.append(problem("drills_store.design.bad_type", value=design.drill_type))
    if design.scope not in DRILL_SCOPES:
        found.append(problem("drills_store.design.bad_scope", value=design.scope))
    for item in design.checklist:
        if not (item.id or "").strip() or not (item.name or "").strip():
            found.append(problem("drills_store.design.empty_item", item=item.id))
        if item.phase not in PHASES:
            found.append(problem("drills_store.design.bad_phase", item=item.id, phase=item.phase))
        if not _minutes_ok(item.time_limit_min):
            found.append(problem("drills_store.design.bad_minutes", item=item.id,
                                 value=item.time_limit_min))  # fmt: skip
    for inject in design.injects:
        if not (inject.id or "").strip() or not (inject.title or "").strip():
            found.append(problem("drills_store.design.empty_inject", inject=inject.id))
        if inject.kind not in INJECT_KINDS:
            found.append(problem("drills_store.design.bad_kind", inject=inject.id,
                                 kind=inject.kind))  # fmt: skip
        if not _minutes_ok(inject.offset_min):
            found.append(problem("drills_store.design.bad_minutes", item=inject.id,
                                 value=inject.offset_min))  # fmt: skip
    return found


def _minutes_ok(value) -> bool:
    if value is None:
        return True
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    return ok and math.isfinite(value) and value >= 0


def resolve_people(cur: duckdb.DuckDBPyConnection, people: list[Person], unit: str) -> list[Person]:
    """The people with their user names as their accounts spell them.

    Raises: StoreError drills_store.unknown_person (no enabled account),
    drills_store.person_lacks_role (a director must be a drill director of the plan's unit, an
    evaluator an evaluator or evaluation lead, an evaluation lead an evaluation lead).
    """
    if not people:
        return []
    keys = sorted({username_key(p.username) for p in people})
    accounts = {
        key: (name, frozenset(roles), user_unit)
        for key, name, roles, user_unit in cur.execute(
            "SELECT username_key, username, roles, unit FROM users"
            " WHERE username_key IN ? AND NOT disabled",
            [keys],
        ).fetchall()
    }
    resolved = []
    for person in people:
        account = accounts.get(username_key(person.username))
        if account is None:
            raise StoreError("drills_store.unknown_person", username=person.username)
        name, roles, user_unit = account
        needed = NEEDED_ROLES[person.role]
        in_unit = person.role != "director" or user_unit == unit
        if (needed is not None and not roles & needed) or not in_unit:
            raise StoreError(
                "drills_store.person_lacks_role",
                username=name,
                role=Term(f"drillpage.as.{person.role}"),
            )
        resolved.append(replace(person, username=name))
    return _once(resolved)


def _once(people: list[Person]) -> list[Person]:
    seen: dict[tuple[str, str], Person] = {}
    for person in people:
        seen.setdefault((person.role, person.username), person)
    return list(seen.values())


__all__ = [
    "UNFINISHED",
    "require_design",
    "resolve_people",
    "shape_problems",
    "version_for_drill",
]
