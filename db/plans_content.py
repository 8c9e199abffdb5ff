"""The content of one plan version as rows: insert, load, copy and delete (whether a plan may be
stored is decided in plans/validity.py)."""

from __future__ import annotations

import json

import duckdb

from db.dialect import insert_rows
from plans.model import Level, Part, Plan, Role, Section, Source, Step, TimePart

CONTENT_TABLES = (
    "step_time_parts",
    "notifications",
    "step_levels",
    "step_order",
    "step_owners",
    "steps",
    "levels",
    "roles",
    "sections",
    "parts",
)


def warnings_json(plan: Plan) -> str:
    """The plan's warnings as stored in versions.warnings (a JSON list of strings)."""
    return json.dumps(list(plan.warnings), ensure_ascii=False)


def insert_content(cur: duckdb.DuckDBPyConnection, version_id: int, plan: Plan) -> None:
    """Insert every row of `plan` for `version_id` (inside the caller's transaction)."""
    _insert_parts(cur, version_id, plan)
    _insert_sections(cur, version_id, plan)
    _insert_roles(cur, version_id, plan)
    _insert_levels(cur, version_id, plan)
    _insert_steps(cur, version_id, plan)
    _insert_step_links(cur, version_id, plan)


def delete_content(cur: duckdb.DuckDBPyConnection, version_id: int) -> None:
    """Delete every content row of `version_id` (inside the caller's transaction)."""
    for table in CONTENT_TABLES:
        cur.execute(f"DELETE FROM {table} WHERE version_id = ?", [version_id])


def copy_content(cur: duckdb.DuckDBPyConnection, from_version: int, to_version: int) -> None:
    """Copy every content row of one version to another, in the database."""
    for table in CONTENT_TABLES:
        columns = [
            row[0]
            for row in cur.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = ? AND column_name <> 'version_id' ORDER BY ordinal_position",
                [table],
            ).fetchall()
        ]
        listed = ", ".join(columns)
        cur.execute(
            f"INSERT INTO {table} (version_id, {listed})"
            f" SELECT ?, {listed} FROM {table} WHERE version_id = ?",
            [to_version, from_version],
        )


def _source(source: Source | None) -> tuple[int | None, str | None]:
    return (None, None) if source is None else (source.block, source.text)


def _insert_parts(cur, version_id: int, plan: Plan) -> None:
    rows = [[version_id, p.id, i, p.title, p.kind] for i, p in enumerate(plan.parts)]
    _insert_many(cur, "parts", "version_id, id, position, title, kind", rows)


def _insert_sections(cur, version_id: int, plan: Plan) -> None:
    rows = [
        [version_id, s.id, i, s.heading, s.level, s.text, s.part, s.block, s.kind]
        for i, s in enumerate(plan.sections)
    ]
    columns = "version_id, id, position, heading, level, body, part, block, kind"
    _insert_many(cur, "sections", columns, rows)


def _insert_roles(cur, version_id: int, plan: Plan) -> None:
    rows = [
        [
            version_id,
            r.id,
            i,
            r.name,
            list(r.aliases),
            r.parent,
            list(r.responsibilities),
            *_source(r.source),
            r.part,
            r.kind,
            r.phone,
            r.duty_phone,
        ]
        for i, r in enumerate(plan.roles)
    ]
    columns = (
        "version_id, id, position, name, aliases, parent, responsibilities,"
        " source_block, source_text, part, kind, phone, duty_phone"
    )
    _insert_many(cur, "roles", columns, rows)


def _insert_levels(cur, version_id: int, plan: Plan) -> None:
    rows = [
        [version_id, lv.id, i, lv.name, lv.condition, *_source(lv.source), lv.part]
        for i, lv in enumerate(plan.levels)
    ]
    columns = "version_id, id, position, name, condition_text, source_block, source_text, part"
    _insert_many(cur, "levels", columns, rows)


def _insert_steps(cur, version_id: int, plan: Plan) -> None:
    rows = [
        [
            version_id,
            s.id,
            i,
            s.name,
            s.text,
            s.phase,
            None if s.time_limit_min is None else float(s.time_limit_min),
            s.time_from,
            s.time_text,
            *_source(s.source),
            s.part,
            None if s.frequency_min is None else float(s.frequency_min),
            s.source.quote if s.source is not None else "",
        ]
        for i, s in enumerate(plan.steps)
    ]
    columns = (
        "version_id, id, position, name, body, phase, time_limit_min, time_from, time_text,"
        " source_block, source_text, part, frequency_min, source_quote"
    )
    _insert_many(cur, "steps", columns, rows)
    parts = [
        [version_id, s.id, i, float(p.minutes), p.text]
        for s in plan.steps
        for i, p in enumerate(s.time_parts)
    ]
    columns = "version_id, step_id, position, minutes, part_text"
    _insert_many(cur, "step_time_parts", columns, parts)


def _insert_step_links(cur, version_id: int, plan: Plan) -> None:
    role_ids = {r.id for r in plan.roles}
    owners, order, levels, notes = [], [], [], []
    for s in plan.steps:
        owners += [[version_id, s.id, "owner", i, r, i == 0] for i, r in enumerate(s.roles)]
        owners += [[version_id, s.id, "support", i, r, False] for i, r in enumerate(s.support)]
        order += [[version_id, s.id, i, a] for i, a in enumerate(s.after)]
        levels += [[version_id, s.id, i, lv] for i, lv in enumerate(s.levels)]
        notes += [
            [version_id, s.id, i, n, None] if n in role_ids else [version_id, s.id, i, None, n]
            for i, n in enumerate(s.notifies)
        ]
    _insert_many(
        cur, "step_owners", "version_id, step_id, kind, position, role_id, is_lead", owners
    )
    _insert_many(cur, "step_order", "version_id, step_id, position, after_step_id", order)
    _insert_many(cur, "step_levels", "version_id, step_id, position, level_id", levels)
    _insert_many(cur, "notifications", "version_id, step_id, position, role_id, recipient", notes)


def _insert_many(cur, table: str, columns: str, rows: list[list]) -> None:
    insert_rows(cur, table, [c.strip() for c in columns.split(",")], rows)


def load_content(cur: duckdb.DuckDBPyConnection, version_id: int, meta: dict) -> Plan:
    """The Plan stored for `version_id`; `meta` gives title, language, kind and warnings."""
    links = _load_step_links(cur, version_id)
    return Plan(
        title=meta["title"],
        language=meta["language"],
        kind=meta["kind"],
        roles=tuple(_load_roles(cur, version_id)),
        levels=tuple(_load_levels(cur, version_id)),
        steps=tuple(_load_steps(cur, version_id, links)),
        parts=tuple(
            Part(id=i, title=t, kind=k)
            for i, t, k in _rows(cur, "SELECT id, title, kind FROM parts", version_id)
        ),
        sections=tuple(
            Section(id=i, heading=h, level=lv, text=b, part=p, block=bl, kind=k or "")
            for i, h, lv, b, p, bl, k in _rows(
                cur, "SELECT id, heading, level, body, part, block, kind FROM sections", version_id
            )
        ),
        warnings=tuple(json.loads(meta["warnings"] or "[]")),
    )


def _rows(cur, select: str, version_id: int) -> list[tuple]:
    return cur.execute(f"{select} WHERE version_id = ? ORDER BY position", [version_id]).fetchall()


def _as_source(block: int | None, text: str | None, quote: str | None = "") -> Source | None:
    return None if block is None else Source(block=block, text=text or "", quote=quote or "")


def _load_roles(cur, version_id: int) -> list[Role]:
    select = (
        "SELECT id, name, aliases, parent, responsibilities, source_block, source_text, part, kind,"
        " coalesce(phone, ''), coalesce(duty_phone, '') FROM roles"
    )
    return [
        Role(
            id=i,
            name=n,
            aliases=tuple(al),
            parent=pa,
            responsibilities=tuple(rs),
            source=_as_source(sb, st),
            part=pt,
            kind=k,
            phone=ph,
            duty_phone=dp,
        )
        for i, n, al, pa, rs, sb, st, pt, k, ph, dp in _rows(cur, select, version_id)
    ]


def _load_levels(cur, version_id: int) -> list[Level]:
    select = "SELECT id, name, condition_text, source_block, source_text, part FROM levels"
    return [
        Level(id=i, name=n, condition=c, source=_as_source(sb, st), part=pt)
        for i, n, c, sb, st, pt in _rows(cur, select, version_id)
    ]


def _load_steps(cur, version_id: int, links: dict) -> list[Step]:
    select = (
        "SELECT id, name, body, phase, time_limit_min, time_from, time_text,"
        " source_block, source_text, part, frequency_min, source_quote FROM steps"
    )
    time_parts = _load_time_parts(cur, version_id)
    steps = []
    for i, n, body, ph, limit, tf, tt, sb, st, pt, freq, q in _rows(cur, select, version_id):
        steps.append(
            Step(
                id=i,
                name=n,
                text=body,
                phase=ph,
                time_limit_min=limit,
                time_from=tf,
                time_text=tt,
                time_parts=tuple(time_parts.get(i, ())),
                frequency_min=freq,
                source=_as_source(sb, st, q),
                part=pt,
                **{field: tuple(links[field].get(i, ())) for field in links},
            )
        )
    return steps


def _load_time_parts(cur, version_id: int) -> dict[str, list[TimePart]]:
    parts: dict[str, list[TimePart]] = {}
    rows = cur.execute(
        "SELECT step_id, minutes, part_text FROM step_time_parts"
        " WHERE version_id = ? ORDER BY step_id, position",
        [version_id],
    ).fetchall()
    for step_id, minutes, text in rows:
        parts.setdefault(step_id, []).append(TimePart(minutes=minutes, text=text))
    return parts


def _load_step_links(cur, version_id: int) -> dict[str, dict[str, list[str]]]:
    links: dict[str, dict[str, list[str]]] = {
        "roles": {},
        "support": {},
        "after": {},
        "levels": {},
        "notifies": {},
    }
    queries = (
        (
            "SELECT step_id, CASE kind WHEN 'owner' THEN 'roles' ELSE 'support' END, role_id"
            " FROM step_owners WHERE version_id = ? ORDER BY step_id, kind, position"
        ),
        (
            "SELECT step_id, 'after', after_step_id FROM step_order"
            " WHERE version_id = ? ORDER BY step_id, position"
        ),
        (
            "SELECT step_id, 'levels', level_id FROM step_levels"
            " WHERE version_id = ? ORDER BY step_id, position"
        ),
        (
            "SELECT step_id, 'notifies', coalesce(role_id, recipient) FROM notifications"
            " WHERE version_id = ? ORDER BY step_id, position"
        ),
    )
    for query in queries:
        for step_id, field, value in cur.execute(query, [version_id]).fetchall():
            links[field].setdefault(step_id, []).append(value)
    return links


__all__ = [
    "copy_content",
    "delete_content",
    "insert_content",
    "load_content",
    "warnings_json",
]
