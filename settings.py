"""Settings read from environment variables, with defaults. Pure Python, no streamlit."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Where scripts/run.sh listens unless PLANDRILL_ADDRESS says otherwise: this machine only.
DEFAULT_ADDRESS = "127.0.0.1"


@dataclass(frozen=True)
class Settings:
    db_path: Path
    max_upload_mb: float
    language: str
    demo: bool
    session_minutes: float
    address: str = DEFAULT_ADDRESS
    demo_on_network: bool = False
    client_ip_header: str = ""  # e.g. X-Forwarded-For, set by a reverse proxy on this machine


def load_settings() -> Settings:
    """PLANDRILL_DB, PLANDRILL_MAX_UPLOAD_MB, PLANDRILL_LANG, PLANDRILL_DEMO,
    PLANDRILL_SESSION_MINUTES (idle minutes before a session ends, default 30; a fraction such
    as 0.25 gives seconds, for tests),
    PLANDRILL_ADDRESS (where the web server listens, default 127.0.0.1) and
    PLANDRILL_DEMO_ON_NETWORK (1: allow demo mode on an address other machines reach) and
    PLANDRILL_CLIENT_IP_HEADER (the header in which a reverse proxy on this machine passes the
    client's address, e.g. X-Forwarded-For; unset: no header is trusted)."""
    lang = os.environ.get("PLANDRILL_LANG", "zh").lower()[:2]
    return Settings(
        db_path=Path(os.environ.get("PLANDRILL_DB", str(ROOT / "data" / "plandrill.duckdb"))),
        max_upload_mb=float(os.environ.get("PLANDRILL_MAX_UPLOAD_MB", "20")),
        language=lang if lang in ("zh", "en") else "zh",
        demo=os.environ.get("PLANDRILL_DEMO", "1") not in ("0", "false", "no"),
        session_minutes=_positive_number(os.environ.get("PLANDRILL_SESSION_MINUTES"), 30),
        address=os.environ.get("PLANDRILL_ADDRESS", "").strip() or DEFAULT_ADDRESS,
        demo_on_network=os.environ.get("PLANDRILL_DEMO_ON_NETWORK", "0") in ("1", "true", "yes"),
        client_ip_header=os.environ.get("PLANDRILL_CLIENT_IP_HEADER", "").strip(),
    )


def is_loopback(address: str | None) -> bool:
    """Whether a web server listening on `address` is reachable from this machine only.

    An empty address means every interface (Streamlit's default); a host name other than
    localhost counts as reachable from elsewhere.
    """
    address = (address or "").strip().strip("[]")
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def demo_refused(settings: Settings, address: str | None) -> bool:
    """Demo mode (public passwords) on an address other machines reach, without
    PLANDRILL_DEMO_ON_NETWORK=1: the app must not start."""
    return settings.demo and not settings.demo_on_network and not is_loopback(address)


def _positive_number(text: str | None, default: float) -> float:
    try:
        value = float(text) if text else default
    except ValueError:
        return default
    return value if 0 < value < float("inf") else default
