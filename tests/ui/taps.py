"""Taps in page tests: AppTest runs no browser component, so a test hands the batch a phone's tap
component would send (ui/components/tap) to the page, which stores it the same way."""

from __future__ import annotations

import time
import uuid


def device_tap(at, drill_id: int, item: str, rating: str, *, card: str | None = None, **more):
    """One tap made now on the device, on the card `card` (whose details go with it)."""
    now_ms = time.time() * 1000
    one = {
        "id": uuid.uuid4().hex,
        "item": item,
        "rating": rating,
        "at": now_ms,
        "offset": 0,
        "card": card or f"ev_next_{item}",
        **more,
    }
    at.session_state["evaluate_taps_in"] = {"drill": drill_id, "sent": now_ms, "taps": [one]}
    return at.run()
