"""Settings read from environment variables, with defaults. Pure Python, no streamlit."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Settings:
    db_path: Path
    max_upload_mb: float
    language: str
    demo: bool
    session_minutes: int


def load_settings() -> Settings:
    """PLANDRILL_DB, PLANDRILL_MAX_UPLOAD_MB, PLANDRILL_LANG, PLANDRILL_DEMO,
    PLANDRILL_SESSION_MINUTES (idle minutes before a session ends, default 30)."""
    lang = os.environ.get("PLANDRILL_LANG", "zh").lower()[:2]
    return Settings(
        db_path=Path(os.environ.get("PLANDRILL_DB", str(ROOT / "data" / "plandrill.duckdb"))),
        max_upload_mb=float(os.environ.get("PLANDRILL_MAX_UPLOAD_MB", "20")),
        language=lang if lang in ("zh", "en") else "zh",
        demo=os.environ.get("PLANDRILL_DEMO", "1") not in ("0", "false", "no"),
        session_minutes=_positive_int(os.environ.get("PLANDRILL_SESSION_MINUTES"), 30),
    )


def _positive_int(text: str | None, default: int) -> int:
    try:
        value = int(text) if text else default
    except ValueError:
        return default
    return value if value > 0 else default
