"""What an evaluator's entry must satisfy, as far as the entry itself and the drill's status and
clock tell: each rule answers with the Problem to refuse it with (None when it passes); the
store (db/drills_observations.py) checks what only the database knows (shares, releases, the
entry an undo names) and raises the error of each kind.

Keys are the store's (drills_store.observation.*, drills_store.photo.*): the messages do not
change with the place the rule lives in.
"""

from __future__ import annotations

from datetime import datetime

from drills.errors import Problem, problem
from drills.evaluation import quality_refused
from drills.model import OBSERVATION_KINDS, Observation
from i18n.glossary import QUALITY_MARKS, RATINGS

MAX_NOTE = 4000
MAX_PHOTO_BYTES = 10 * 1024 * 1024


def kind_problem(obs: Observation) -> Problem | None:
    """An entry of no known kind, or without an id."""
    if obs.kind not in OBSERVATION_KINDS or not (obs.id or "").strip():
        return _bad("kind", kind=obs.kind)
    return None


def status_problem(obs: Observation, status: str) -> Problem | None:
    """An amendment before the end, or any other entry after it (the drill's other statuses
    take no entries at all, which the store says in its own words)."""
    if obs.kind == "amendment" and status in ("running", "paused"):
        return problem("drills_store.observation.amend_after_end", status=status)
    if obs.kind != "amendment" and status == "ended":
        return problem("drills_store.observation.locked", status=status)
    return None


def value_problem(obs: Observation, t0: datetime | None) -> Problem | None:
    """The first value the entry may not hold: an unknown rating or quality mark, a quality
    mark on "not done", a note or reason too long, a moment after its entry or (but for an
    amendment) before the drill's start `t0`."""
    if obs.rating is not None and obs.rating not in RATINGS:
        return _bad("rating", rating=obs.rating)
    if obs.quality is not None and obs.quality not in QUALITY_MARKS:
        return _bad("quality", quality=obs.quality)
    if quality_refused(obs.rating, obs.quality):
        return _bad("quality_not_done")
    if len(obs.note or "") > MAX_NOTE or len(obs.reason or "") > MAX_NOTE:
        return _bad("too_long", limit=MAX_NOTE)
    if obs.happened_at > obs.entered_at:
        return _bad("happened_later")
    if t0 is not None and obs.happened_at < t0 and obs.kind != "amendment":
        return _bad("before_start")
    return None


def content_problem(obs: Observation) -> Problem | None:
    """What an entry of its kind may not lack: an item entry its rating, a free observation its
    note or photo, an answer its note or rating, an amendment its reason."""
    if obs.kind == "item" and obs.rating is None:
        return _bad("no_rating")
    if obs.kind == "free" and not (obs.note or "").strip() and obs.photo_id is None:
        return _bad("empty")
    if obs.kind == "answer" and not (obs.note or "").strip() and obs.rating is None:
        return _bad("empty")
    if obs.kind == "amendment" and not (obs.reason or "").strip():
        return _bad("no_reason")
    return None


def photo_problem(data: bytes) -> Problem | None:
    """A photo too big to keep, or bytes that are no image the store takes."""
    if len(data) > MAX_PHOTO_BYTES:
        return problem("drills_store.photo.too_big", limit_mb=MAX_PHOTO_BYTES // 2**20)
    if sniff_image(data) is None:
        return problem("drills_store.photo.not_an_image")
    return None


def sniff_image(data: bytes) -> str | None:
    """The image type told by the first bytes (never by a file name), or None."""
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "image/heic"
    return None


def _bad(what: str, **params) -> Problem:
    return problem(f"drills_store.observation.{what}", **params)


__all__ = [
    "MAX_NOTE",
    "MAX_PHOTO_BYTES",
    "content_problem",
    "kind_problem",
    "photo_problem",
    "sniff_image",
    "status_problem",
    "value_problem",
]
