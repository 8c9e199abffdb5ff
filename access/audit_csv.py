"""The audit log as a CSV file for an admin: one row per entry, before/after as compact JSON,
every text an actor could have typed guarded against spreadsheet formulas."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from drills.csv_export import csv_bytes, formula_safe

CSV_COLUMNS = ("id", "at", "actor", "action", "entity", "entity_id", "before", "after", "detail")


def audit_csv(entries: Iterable) -> bytes:
    """The audit entries (db.audit_store.AuditEntry rows) as CSV."""
    return csv_bytes(
        CSV_COLUMNS,
        (
            [
                e.id,
                e.at.isoformat() if isinstance(e.at, datetime) else e.at,
                formula_safe(e.actor),
                e.action,
                e.entity,
                formula_safe(e.entity_id),
                formula_safe(_json(e.before) or ""),
                formula_safe(_json(e.after) or ""),
                formula_safe(e.detail),
            ]
            for e in entries
        ),
    )


def _json(value: dict | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)


__all__ = ["CSV_COLUMNS", "audit_csv"]
