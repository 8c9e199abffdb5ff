"""A drill design as rows: the drills row, its people, checklist items, injects and objectives,
written in the caller's transaction and read back as the DrillDesign they came from."""

from __future__ import annotations

import json

import duckdb

from db.drills_lookup import Person
from drills.model import (
    Blinding,
    ChecklistItem,
    DrillDesign,
    EvaluatorAssignment,
    Inject,
    Objective,
    Scenario,
)

DESIGN_COLUMNS = (
    "title",
    "drill_type",
    "scope",
    "incident_type",
    "place",
    "description",
    "expected_level",
    "participating_roles",
    "response_level",
    "planned_start",
    "planned_end",
    "withhold_time",
    "withhold_place",
    "withhold_scenario",
    "withhold_subject",
    "notified_units",
    "evaluators_see_before_start",
    "evaluation_criteria",
)
DESIGN_ROLES = ("director", "evaluation_lead", "evaluator")  # participants are not design


def design_values(design: DrillDesign) -> list:
    """The drills-row values of DESIGN_COLUMNS, in order."""
    s, b = design.scenario, design.blinding
    return [
        design.title.strip(),
        design.drill_type,
        design.scope,
        s.incident_type,
        s.place,
        s.description,
        s.expected_level,
        json.dumps(list(design.participating_roles)),
        design.level,
        design.planned_start,
        design.planned_end,
        b.withhold_time,
        b.withhold_place,
        b.withhold_scenario,
        b.withhold_subject,
        json.dumps(list(b.notified_units), ensure_ascii=False),
        b.evaluators_see_before_start,
        design.evaluation_criteria or "",
    ]


def design_people(design: DrillDesign) -> list[Person]:
    """The directors, evaluation leads and evaluators the design names, each once per role."""
    people: dict[tuple[str, str], Person] = {}
    for name in design.directors:
        people.setdefault(("director", name), Person(name, "director"))
    for name in design.evaluation_leads:
        people.setdefault(("evaluation_lead", name), Person(name, "evaluation_lead"))
    for a in design.evaluators:
        person = Person(a.username, "evaluator", tuple(a.roles), tuple(a.places))
        people.setdefault(("evaluator", a.username), person)
    return list(people.values())


def insert_design_rows(
    cur: duckdb.DuckDBPyConnection, drill_id: int, design: DrillDesign, people: list[Person]
) -> None:
    """Write the people, checklist, injects and objectives of a design (the drills row is the
    caller's)."""
    insert_people(cur, drill_id, people)
    if design.objectives:
        cur.executemany(
            "INSERT INTO drill_objectives (drill_id, id, position, body, areas, phases)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                [drill_id, o.id, n, o.text, list(o.areas), list(o.phases)]
                for n, o in enumerate(design.objectives)
            ],
        )
    if design.checklist:
        cur.executemany(
            "INSERT INTO checklist_items (drill_id, id, position, step_id, name, body, roles,"
            " phase, time_limit_min, time_from, after_items) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?)",
            [
                [
                    drill_id,
                    i.id,
                    n,
                    i.step_id,
                    i.name,
                    i.text,
                    list(i.roles),
                    i.phase,
                    i.time_limit_min,
                    i.time_from,
                    list(i.after),
                ]
                for n, i in enumerate(design.checklist)
            ],
        )
    if design.injects:
        cur.executemany(
            "INSERT INTO injects (drill_id, id, position, title, content, kind, offset_min,"
            " to_roles, expected_items) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    drill_id,
                    j.id,
                    n,
                    j.title,
                    j.content,
                    j.kind,
                    j.offset_min,
                    list(j.to_roles),
                    list(j.expected_steps),
                ]
                for n, j in enumerate(design.injects)
            ],
        )


def insert_people(cur: duckdb.DuckDBPyConnection, drill_id: int, people: list[Person]) -> None:
    if people:
        cur.executemany(
            "INSERT INTO drill_people (drill_id, username, role, position, share_roles,"
            " share_places) VALUES (?, ?, ?, ?, ?, ?)",
            [
                [drill_id, p.username, p.role, n, list(p.roles), list(p.places)]
                for n, p in enumerate(people)
            ],
        )


def delete_design_rows(cur: duckdb.DuckDBPyConnection, drill_id: int) -> None:
    """Remove what insert_design_rows wrote (while designing, before writing the new design)."""
    cur.execute(
        "DELETE FROM drill_people WHERE drill_id = ? AND role = ANY(?)",
        [drill_id, list(DESIGN_ROLES)],
    )
    cur.execute("DELETE FROM checklist_items WHERE drill_id = ?", [drill_id])
    cur.execute("DELETE FROM injects WHERE drill_id = ?", [drill_id])
    cur.execute("DELETE FROM drill_objectives WHERE drill_id = ?", [drill_id])


def read_design(cur: duckdb.DuckDBPyConnection, drill_id: int) -> DrillDesign:
    """The design stored for a drill (which must exist)."""
    row = cur.execute(
        f"SELECT version_id, {', '.join(DESIGN_COLUMNS)} FROM drills WHERE id = ?", [drill_id]
    ).fetchone()
    (
        version_id,
        title,
        drill_type,
        scope,
        incident,
        place,
        description,
        expected,
        roles,
        level,
        planned_start,
        planned_end,
        w_time,
        w_place,
        w_scenario,
        w_subject,
        notified,
        evaluators_see,
        criteria,
    ) = row
    people = cur.execute(
        "SELECT username, role, share_roles, share_places FROM drill_people"
        " WHERE drill_id = ? ORDER BY position",
        [drill_id],
    ).fetchall()
    return DrillDesign(
        title=title,
        version_id=version_id,
        drill_type=drill_type,
        scope=scope,
        scenario=Scenario(incident, place, description, expected),
        participating_roles=tuple(json.loads(roles)),
        level=level,
        planned_start=planned_start,
        planned_end=planned_end,
        blinding=Blinding(
            w_time, w_place, w_scenario, w_subject, tuple(json.loads(notified)), evaluators_see
        ),
        checklist=read_checklist(cur, drill_id),
        injects=read_injects(cur, drill_id),
        evaluators=tuple(
            EvaluatorAssignment(name, tuple(r), tuple(p))
            for name, role, r, p in people
            if role == "evaluator"
        ),
        directors=tuple(name for name, role, _, _ in people if role == "director"),
        evaluation_leads=tuple(name for name, role, _, _ in people if role == "evaluation_lead"),
        objectives=read_objectives(cur, drill_id),
        evaluation_criteria=criteria or "",
    )


def read_checklist(cur: duckdb.DuckDBPyConnection, drill_id: int) -> tuple[ChecklistItem, ...]:
    rows = cur.execute(
        "SELECT id, name, body, step_id, roles, phase, time_limit_min, time_from, after_items,"
        " position FROM checklist_items WHERE drill_id = ? ORDER BY position",
        [drill_id],
    ).fetchall()
    return tuple(
        ChecklistItem(id_, name, body, step, tuple(roles), phase, limit, time_from, tuple(after), n)
        for id_, name, body, step, roles, phase, limit, time_from, after, n in rows
    )


def read_objectives(cur: duckdb.DuckDBPyConnection, drill_id: int) -> tuple[Objective, ...]:
    rows = cur.execute(
        "SELECT id, body, areas, phases FROM drill_objectives WHERE drill_id = ? ORDER BY position",
        [drill_id],
    ).fetchall()
    return tuple(Objective(id_, body, tuple(a), tuple(p)) for id_, body, a, p in rows)


def read_injects(cur: duckdb.DuckDBPyConnection, drill_id: int) -> tuple[Inject, ...]:
    rows = cur.execute(
        "SELECT id, title, content, kind, offset_min, to_roles, expected_items FROM injects"
        " WHERE drill_id = ? ORDER BY position",
        [drill_id],
    ).fetchall()
    return tuple(
        Inject(id_, title, content, kind, offset, tuple(to), tuple(expected))
        for id_, title, content, kind, offset, to, expected in rows
    )


__all__ = [
    "DESIGN_COLUMNS",
    "DESIGN_ROLES",
    "delete_design_rows",
    "design_people",
    "design_values",
    "insert_design_rows",
    "insert_people",
    "read_checklist",
    "read_design",
    "read_injects",
    "read_objectives",
]
