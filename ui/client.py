"""The client's network address, for limiting failed sign-ins per address."""

from __future__ import annotations

import streamlit as st

from settings import load_settings


def client_address() -> str | None:
    """The address the browser connects from; None when unknown.

    Streamlit gives None for connections from this machine. Such a connection is a reverse proxy
    when PLANDRILL_CLIENT_IP_HEADER names the header it passes the client's address in: then the
    last address in that header is the one the proxy saw (earlier ones the client may have
    written itself). The header is never read for connections from elsewhere, who could forge it.
    """
    address = st.context.ip_address
    if address is not None:
        return address if isinstance(address, str) and address else None
    header = load_settings().client_ip_header
    if not header:
        return None
    value = st.context.headers.get(header)
    last = value.split(",")[-1].strip() if isinstance(value, str) else ""
    return last or None
