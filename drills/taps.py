"""Taps sent by an evaluator's device: what a batch may hold, and when each tap happened.

A device keeps its taps until the server confirms them, so a batch may repeat taps stored
before (they are stored once, by their id) and may arrive minutes after the taps were made.
The moment of a tap is the device's clock at the tap corrected by the offset the device measured
against the server's clock, kept within [T0, now]: a device clock is never trusted beyond what
the server knows to be possible.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from i18n.glossary import RATINGS

MAX_BATCH = 500  # taps one batch may hold (a long dead zone, a busy evaluator)
_ID = re.compile(r"^[0-9a-fA-F]{16,64}$")


@dataclass(frozen=True)
class Tap:
    """One tap on a rating button: its own id, the item and rating, the device clock at the tap
    (ms since the epoch) and the device's offset to the server clock then (ms; None: unknown),
    and the card it was made on (whose details go with it)."""

    id: str
    item_id: str
    rating: str
    device_ms: float
    offset_ms: float | None = None
    card: str | None = None


def parse_batch(payload: object) -> list[Tap]:
    """The well-formed taps of a batch sent by a device, in the order made; anything malformed
    is left out (a device never sends it; a forged batch gains nothing)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("taps"), list):
        return []
    taps = []
    for raw in payload["taps"][:MAX_BATCH]:
        tap = _tap(raw)
        if tap is not None:
            taps.append(tap)
    return taps


def _tap(raw: object) -> Tap | None:
    if not isinstance(raw, dict):
        return None
    tap_id, item, rating = raw.get("id"), raw.get("item"), raw.get("rating")
    at, offset, card = raw.get("at"), raw.get("offset"), raw.get("card")
    if not (isinstance(tap_id, str) and _ID.match(tap_id)) or rating not in RATINGS:
        return None
    if not isinstance(item, str) or not item or not _number(at):
        return None
    return Tap(
        id=tap_id.lower(),
        item_id=item,
        rating=rating,
        device_ms=float(at),
        offset_ms=float(offset) if _number(offset) else None,
        card=card if isinstance(card, str) else None,
    )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def tap_moment(tap: Tap, *, now: datetime, t0: datetime | None) -> datetime:
    """When the tap happened on the server's clock, kept between T0 and `now`."""
    moment = datetime.fromtimestamp((tap.device_ms + (tap.offset_ms or 0.0)) / 1000, UTC)
    moment = min(moment, now)
    if t0 is not None and moment < t0:
        moment = t0
    return moment


def minutes_before(moment: datetime, minutes: float) -> datetime:
    """`moment` moved back by the "happened minutes ago" an evaluator set on the card."""
    return moment - timedelta(minutes=minutes)


def watched_items(items, roles: tuple[str, ...] | None) -> list:
    """The checklist items an evaluator given `roles` watches: those of the roles and those of
    no role (None: every item)."""
    if not roles:
        return list(items)
    share = set(roles)
    return [i for i in items if not i.roles or share.intersection(i.roles)]


__all__ = ["MAX_BATCH", "Tap", "minutes_before", "parse_batch", "tap_moment", "watched_items"]
