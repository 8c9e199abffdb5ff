"""The evaluation lead's texts of an ended drill (per-area conclusions, cause analysis, the
overall conclusion; one row per key and language, replaced on save, deleted to go back to the
draft) and the evaluation document standard, chosen per drill or per unit. Every change is
audited. Rights: access.policy drill.write_evaluation, unit.set_report_standard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from access.errors import NotAllowedError
from access.policy import Actor, action_resource, allowed, require
from db.connection import transaction
from db.drills_lookup import DrillFacts, audit, known_facts, require_status, sees_whole_record
from db.errors import StoreError
from drills.signoff import STANDARDS, check_text

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Signoff:
    """What the review page and the documents need: the lead's texts per language (key ->
    body), the drill's and the unit's standard ("" for no choice), and whether the actor may
    write the texts and the drill's standard (a director or lead, once ended) or the unit's."""

    texts: dict  # lang -> {key: body}
    drill_standard: str
    unit_standard: str
    unit: str
    may_write: bool
    may_set_unit: bool

    def texts_in(self, lang: str) -> dict[str, str]:
        return dict(self.texts.get(lang, {}))


def write_resource(facts: DrillFacts) -> dict:
    """The policy's resource for the lead's texts (access.policy: drill.write_evaluation)."""
    return action_resource(facts.unit, facts.named("director") | facts.named("evaluation_lead"))


def signoff(conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int) -> Signoff:
    """The lead's texts and the standards of a drill, for those who read its whole record.

    Raises: NotFoundError; NotAllowedError for anyone else.
    """
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        if not sees_whole_record(actor, facts):
            raise NotAllowedError("drills_store.not_director", action="drill.read_record")
        texts: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
        for key, lang, body in cur.execute(
            "SELECT key, lang, body FROM evaluation_texts WHERE drill_id = ?", [drill_id]
        ).fetchall():
            texts[lang][key] = body
        drill = cur.execute(
            "SELECT report_standard FROM drills WHERE id = ?", [drill_id]
        ).fetchone()[0]
        unit = _unit_standard(cur, facts.unit)
    return Signoff(
        texts=texts,
        drill_standard=drill or "",
        unit_standard=unit,
        unit=facts.unit,
        may_write=facts.status == "ended"
        and allowed(actor, "drill.write_evaluation", write_resource(facts)),
        may_set_unit=bool(facts.unit)
        and allowed(actor, "unit.set_report_standard", {"unit": facts.unit}),
    )


def write_text(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    drill_id: int,
    key: str,
    lang: str,
    body: str,
    *,
    now: datetime,
) -> None:
    """Store the lead's text under `key` in `lang`; an empty body deletes it (back to the
    draft).

    Raises: NotFoundError; NotAllowedError unless a director or evaluation lead of the drill;
    InvalidTransitionError before the end; StoreError signoff.bad_key, signoff.too_long,
    signoff.bad_lang.
    """
    if lang not in LANGS:
        raise StoreError("signoff.bad_lang", lang=lang)
    body = (body or "").strip()
    problems = check_text(key, body)
    if problems:
        raise StoreError(problems[0].key, **problems[0].params)
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require(actor, "drill.write_evaluation", write_resource(facts))
        require_status(facts, "ended")
        before = cur.execute(
            "SELECT body FROM evaluation_texts WHERE drill_id = ? AND key = ? AND lang = ?",
            [drill_id, key, lang],
        ).fetchone()
        cur.execute(
            "DELETE FROM evaluation_texts WHERE drill_id = ? AND key = ? AND lang = ?",
            [drill_id, key, lang],
        )
        if body:
            cur.execute(
                "INSERT INTO evaluation_texts (drill_id, key, lang, body, written_by, written_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [drill_id, key, lang, body, actor.username, now],
            )
        audit(
            cur,
            actor,
            "drill.write_evaluation",
            "drill",
            drill_id,
            now=now,
            before={"key": key, "lang": lang, "body": before[0]} if before else None,
            after={"key": key, "lang": lang, "body": body} if body else None,
        )


def set_drill_standard(
    conn: duckdb.DuckDBPyConnection, actor: Actor, drill_id: int, standard: str, *, now: datetime
) -> None:
    """Choose the drill's document standard ("" follows the unit's).

    Raises: NotFoundError; NotAllowedError unless a director or evaluation lead of the drill;
    StoreError signoff.bad_standard.
    """
    _check_standard(standard)
    with conn.cursor() as cur, transaction(cur):
        facts = known_facts(cur, actor, drill_id)
        require(actor, "drill.write_evaluation", write_resource(facts))
        before = cur.execute(
            "SELECT report_standard FROM drills WHERE id = ?", [drill_id]
        ).fetchone()[0]
        cur.execute("UPDATE drills SET report_standard = ? WHERE id = ?", [standard, drill_id])
        audit(
            cur,
            actor,
            "drill.set_report_standard",
            "drill",
            drill_id,
            now=now,
            before={"standard": before or ""},
            after={"standard": standard},
        )


def set_unit_standard(
    conn: duckdb.DuckDBPyConnection, actor: Actor, unit: str, standard: str, *, now: datetime
) -> None:
    """Choose the unit's document standard ("" follows each plan's language).

    Raises: NotAllowedError unless an evaluation lead of the unit or an admin; StoreError
    signoff.bad_standard.
    """
    require(actor, "unit.set_report_standard", {"unit": unit})
    _check_standard(standard)
    with conn.cursor() as cur, transaction(cur):
        before = _unit_standard(cur, unit)
        cur.execute("DELETE FROM unit_settings WHERE unit = ?", [unit])
        cur.execute(
            "INSERT INTO unit_settings (unit, report_standard, set_by, set_at) VALUES (?, ?, ?, ?)",
            [unit, standard, actor.username, now],
        )
        audit(
            cur,
            actor,
            "unit.set_report_standard",
            "unit",
            unit,
            now=now,
            before={"standard": before},
            after={"standard": standard},
        )


def _check_standard(standard: str) -> None:
    if standard and standard not in STANDARDS:
        raise StoreError("signoff.bad_standard", standard=standard)


def _unit_standard(cur, unit: str) -> str:
    row = cur.execute(
        "SELECT report_standard FROM unit_settings WHERE unit = ?", [unit or ""]
    ).fetchone()
    return row[0] if row else ""


__all__ = [
    "LANGS",
    "Signoff",
    "set_drill_standard",
    "set_unit_standard",
    "signoff",
    "write_resource",
    "write_text",
]
