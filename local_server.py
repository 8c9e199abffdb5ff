"""The app as a local server in a subprocess, for the tests and the tap benchmark: `streamlit run
app.py` (start_server, serve) or `python -m serve` with its cookie routes and drill clock
(start_real, serve_real), on 127.0.0.1 in its own process group, waited for until healthy, and
stopped with its whole group (SIGKILL: as a crash would)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    db_path: Path, *, demo: bool, log, port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run app.py` on `port` (default: a free 127.0.0.1 port) in its own process
    group and wait until it is healthy; return the process and its URL."""
    port = port or free_port()
    env = {**os.environ, "PLANDRILL_DB": str(db_path), "PLANDRILL_DEMO": "1" if demo else "0"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"the server did not start: {log.name}")


def start_real(
    env: dict[str, str], *, log, port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """Start `python -m serve` (what scripts/run.sh starts) with `env` added to this process's
    on `port` (default: a free one) and wait until it is healthy; return the process and URL."""
    port = port or free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "serve",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env={**os.environ, "PLANDRILL_ADDRESS": "127.0.0.1", **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError(f"the server did not start: {log.name}")


@contextlib.contextmanager
def serve_real(env: dict[str, str], *, log_path: Path):
    """`python -m serve` for the duration of the block (see start_real); yields its URL."""
    with open(log_path, "w") as log:
        proc, url = start_real(env, log=log)
        try:
            yield url
        finally:
            stop_server(proc)


def stop_server(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop the server's whole process group (SIGKILL: as a crash would)."""
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@contextlib.contextmanager
def serve(db_path: Path, *, demo: bool, log_path: Path):
    """A real server for the duration of the block; yields its URL. Seed `db_path` before: the
    server holds the file."""
    with open(log_path, "w") as log:
        proc, url = start_server(db_path, demo=demo, log=log)
        try:
            yield url
        finally:
            stop_server(proc)


__all__ = ["free_port", "serve", "serve_real", "start_real", "start_server", "stop_server"]
