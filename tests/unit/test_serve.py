"""Closed by default: which addresses count as this machine only, and when demo mode refuses."""

from __future__ import annotations

import os

import pytest

import serve
from settings import DEFAULT_ADDRESS, demo_refused, is_loopback, load_settings


@pytest.mark.parametrize(
    "address, loopback",
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),  # Streamlit's default: every interface
        (None, False),
        ("192.0.2.2", False),
        ("plandrill.example.org", False),
    ],
)
def test_only_loopback_addresses_count_as_this_machine_only(address, loopback):
    assert is_loopback(address) is loopback


@pytest.mark.parametrize(
    "env, address, refused",
    [
        ({}, "127.0.0.1", False),
        ({}, "0.0.0.0", True),
        ({}, "", True),
        ({"PLANDRILL_DEMO_ON_NETWORK": "1"}, "0.0.0.0", False),
        ({"PLANDRILL_DEMO": "0"}, "0.0.0.0", False),
        ({"PLANDRILL_DEMO": "0"}, "192.0.2.2", False),
    ],
)
def test_demo_mode_is_refused_on_a_network_address_unless_forced(
    monkeypatch, env, address, refused
):
    for name in ("PLANDRILL_DEMO", "PLANDRILL_DEMO_ON_NETWORK"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert demo_refused(load_settings(), address) is refused


def test_the_default_address_is_this_machine_only(monkeypatch):
    monkeypatch.delenv("PLANDRILL_ADDRESS", raising=False)
    assert load_settings().address == DEFAULT_ADDRESS == "127.0.0.1"
    address, argv = serve.streamlit_argv(["--server.port", "8600"])
    assert address == "127.0.0.1"
    assert argv[argv.index("--server.address") + 1] == "127.0.0.1"
    assert argv[-2:] == ["--server.port", "8600"]


@pytest.mark.parametrize("args", [["--server.address", "0.0.0.0"], ["--server.address=0.0.0.0"]])
def test_an_address_option_wins_over_the_environment_and_is_passed_once(monkeypatch, args):
    monkeypatch.setenv("PLANDRILL_ADDRESS", "127.0.0.1")
    address, argv = serve.streamlit_argv([*args, "--server.port", "8600"])
    assert address == "0.0.0.0"
    assert [a for a in argv if a.startswith("--server.address")] == ["--server.address"]
    assert argv[argv.index("--server.address") + 1] == "0.0.0.0"


def test_the_refusal_says_why_and_what_to_do_in_chinese_and_english():
    text = serve.refusal_text("0.0.0.0")
    assert "演示模式不能在 0.0.0.0 上运行" in text
    assert "Demo mode does not run on 0.0.0.0" in text
    for remedy in ("PLANDRILL_DEMO=0", "PLANDRILL_DEMO_ON_NETWORK=1", "127.0.0.1"):
        assert text.count(remedy) == 2  # said in both languages


def test_the_launcher_refuses_demo_mode_on_a_network_address_before_starting(monkeypatch, capsys):
    monkeypatch.delenv("PLANDRILL_DEMO", raising=False)
    monkeypatch.delenv("PLANDRILL_DEMO_ON_NETWORK", raising=False)
    started = []
    monkeypatch.setattr("streamlit.web.cli.main", lambda *a, **k: started.append(a))
    umask = os.umask(0o022)
    try:
        assert serve.main(["--server.address", "0.0.0.0"]) == serve.EXIT_REFUSED
        assert os.umask(0o022) == 0o077  # set before anything else
    finally:
        os.umask(umask)
    assert started == []
    assert "PLANDRILL_DEMO_ON_NETWORK=1" in capsys.readouterr().err
