"""Use cases of plans and their versions: import, list, open, edit, review and approve, delete,
the comparison of two versions and the plan's Word file.

The plan stores (db/) ask the access policy and run each call in one transaction, so a store
call that is a whole user action is re-exported here as it is (its docstring says what it
raises); the use cases below are the ones that read several facts for one screen, from one
snapshot (db/unit_of_work.py), or build a file from what the stores read.
"""

from __future__ import annotations

from dataclasses import dataclass

from access.policy import Actor
from db import plans_word
from db.plans_store import (
    ImportResult,
    PlanSummary,
    VersionInfo,
    approve,
    delete_plan,
    get_document,
    import_plan,
    list_plans,
    list_versions,
    load_version,
    new_draft,
    restore_plan,
    return_to_draft,
    save_version,
    submit_for_review,
    version_info,
    version_permissions,
)
from db.plans_waivers import Waiver, list_waivers
from db.unit_of_work import unit_of_work
from plans.diff import PlanDiff, diff_plans
from plans.model import Plan
from plans.word_export import WordMeta, from_sources, revision_rows


@dataclass(frozen=True)
class WorkingCopy:
    """A version's facts and its content, read together: the revision a save must expect is
    the one the content was read at."""

    info: VersionInfo
    plan: Plan


@dataclass(frozen=True)
class VersionReview:
    """What the Versions screen shows of one version, read together: its facts, its content,
    what the actor may do with it (access.policy.VERSION_ACTIONS) and its waivers."""

    info: VersionInfo
    plan: Plan
    permissions: frozenset[str]
    waivers: list[Waiver]


def working_copy(conn, actor: Actor, version_id: int) -> WorkingCopy:
    """The version's facts and content from one snapshot, for the editor.

    Raises: NotFoundError (also when the actor may not read the version)."""
    with unit_of_work(conn) as uow:
        return WorkingCopy(
            version_info(uow, actor, version_id), load_version(uow, actor, version_id)
        )


def review_version(conn, actor: Actor, version_id: int) -> VersionReview:
    """The version's facts, content, the actor's rights on it and its waivers from one
    snapshot, so the buttons offered fit the content checked and shown.

    Raises: NotFoundError (also when the actor may not read the version)."""
    with unit_of_work(conn) as uow:
        return VersionReview(
            info=version_info(uow, actor, version_id),
            plan=load_version(uow, actor, version_id),
            permissions=version_permissions(uow, actor, version_id),
            waivers=list_waivers(uow, actor, version_id),
        )


def compare_versions(conn, actor: Actor, old_id: int, new_id: int) -> PlanDiff:
    """What changed from one version to another, both read from one snapshot.

    Raises: NotFoundError (also when the actor may not read either version)."""
    with unit_of_work(conn) as uow:
        old, new = load_version(uow, actor, old_id), load_version(uow, actor, new_id)
    return diff_plans(old, new)


def plan_word(
    conn,
    actor: Actor,
    version_id: int,
    *,
    tracked: bool = False,
    cards: bool = True,
    charts: bool = True,
) -> bytes:
    """The Word file of a stored version: the imported original with this version's changes
    made, or with `tracked` the changes since the version it was revised from as Word tracked
    changes; role cards and flow charts as annexes unless left out.

    Raises: NotFoundError; NotAllowedError; PlanError when the file cannot be built.
    """
    sources = plans_word.word_sources(conn, actor, version_id)
    return from_sources(sources, tracked=tracked, cards=cards, charts=charts).data


def revision_record(
    conn, actor: Actor, version_id: int, *, lang: str
) -> list[dict[str, str]] | None:
    """The revision record of a version revised from another (each change with the findings
    that asked for it, as table rows in `lang`); None for a version not revised from another.

    Raises: NotFoundError; NotAllowedError; PlanError.
    """
    sources = plans_word.word_sources(conn, actor, version_id, document=False)
    if sources.base is None:
        return None
    info = sources.info
    meta = WordMeta(
        approved_on=info.approved_at.date() if info.approved_at else None,
        approved_by=sources.person(info.approved_by),
    )
    return revision_rows(sources.base, sources.target, sources.flags, meta, lang)


__all__ = [
    "ImportResult",
    "PlanSummary",
    "VersionInfo",
    "VersionReview",
    "Waiver",
    "WorkingCopy",
    "approve",
    "compare_versions",
    "delete_plan",
    "get_document",
    "import_plan",
    "list_plans",
    "list_versions",
    "list_waivers",
    "load_version",
    "new_draft",
    "plan_word",
    "restore_plan",
    "return_to_draft",
    "review_version",
    "revision_record",
    "save_version",
    "submit_for_review",
    "version_info",
    "version_permissions",
    "working_copy",
]
