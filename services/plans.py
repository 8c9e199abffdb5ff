"""Use cases of a plan's Word file: the stores read what the file needs in one transaction (and
decide the actor's rights), plans/word_export.py builds it."""

from __future__ import annotations

from access.policy import Actor
from db import plans_word
from plans.word_export import WordMeta, from_sources, revision_rows


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


__all__ = ["plan_word", "revision_record"]
