"""The README's run command, started as a newcomer would: it listens on this machine only, runs
with private files (umask 077), and refuses demo mode on an address other machines reach."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from i18n import t

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "scripts" / "run.sh"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_command(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen:
    """scripts/run.sh with its defaults: only the database file and our extra options differ."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PLANDRILL_", "STREAMLIT_"))}
    clean.update({"PLANDRILL_DB": str(tmp_path / "data" / "plandrill.duckdb"), **env})
    return subprocess.Popen(
        [str(RUN), "--server.headless", "true", "--server.fileWatcherType", "none", *args],
        cwd=tmp_path,
        env=clean,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_healthy(proc: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 120  # scripts/setup.sh checks the packages first
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the app stopped: {proc.communicate()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("the app did not answer within 120 s")


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a listening TCP socket on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table, family in (("/proc/net/tcp", socket.AF_INET), ("/proc/net/tcp6", socket.AF_INET6)):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address_hex, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address_hex)
            # the kernel writes each 32-bit word in host (little-endian) order
            raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            found.add(socket.inet_ntop(family, raw))
    return found


def other_addresses() -> list[str]:
    """This machine's non-loopback IPv4 addresses (where someone on the network would knock)."""
    try:
        out = subprocess.run(
            ["hostname", "-I"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [a for a in out.split() if ":" not in a and not a.startswith("127.")]


def umask_of(pid: int) -> str:
    status = Path(f"/proc/{pid}/status").read_text()
    return next(line.split()[1] for line in status.splitlines() if line.startswith("Umask:"))


def test_the_run_command_listens_on_this_machine_only_with_private_files(tmp_path):
    port = free_port()
    proc = run_command(tmp_path, "--server.port", str(port))
    try:
        wait_healthy(proc, port)
        assert listening_addresses(port) == {"127.0.0.1"}
        for address in other_addresses():
            with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
                pass
        assert umask_of(proc.pid) == "0077"  # run.sh execs the launcher: the same process
    finally:
        stop(proc)


@pytest.mark.parametrize(
    "args, env",
    [
        ((), {"PLANDRILL_ADDRESS": "0.0.0.0"}),
        (("--server.address", "0.0.0.0"), {}),
    ],
)
def test_demo_mode_on_a_network_address_refuses_to_start(tmp_path, args, env):
    port = free_port()
    proc = run_command(tmp_path, "--server.port", str(port), *args, **env)
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        stop(proc)
    assert proc.returncode == 2
    assert "演示模式不能在 0.0.0.0 上运行" in err and "Demo mode does not run on 0.0.0.0" in err
    assert listening_addresses(port) == set()
    assert not (tmp_path / "data").exists()  # nothing was created, no demo account exists


def test_demo_mode_on_a_network_address_starts_when_explicitly_forced(tmp_path):
    port = free_port()
    proc = run_command(
        tmp_path,
        "--server.port",
        str(port),
        PLANDRILL_ADDRESS="0.0.0.0",
        PLANDRILL_DEMO_ON_NETWORK="1",
    )
    try:
        wait_healthy(proc, port)
        assert listening_addresses(port) == {"0.0.0.0"}
    finally:
        stop(proc)


def test_a_database_folder_open_to_others_stops_the_start_with_a_clear_message(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)  # whatever the umask of this process (opening a database sets 077)
    (shared / "notes.txt").write_text("not the app's")
    port = free_port()
    proc = run_command(
        tmp_path, "--server.port", str(port), PLANDRILL_DB=str(shared / "plandrill.duckdb")
    )
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        stop(proc)
    assert proc.returncode == 2
    assert t("db.folder_not_private", lang="zh", folder=shared) in err
    assert t("db.folder_not_private", lang="en", folder=shared) in err
    assert listening_addresses(port) == set()
    assert sorted(p.name for p in shared.iterdir()) == ["notes.txt"]
