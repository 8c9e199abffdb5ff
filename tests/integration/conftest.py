"""Integration fixtures: cheap argon2id parameters, so that tests that sign in often stay fast
(the real parameters are tested in tests/unit/test_passwords.py and by the CLI subprocesses)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from access import passwords

CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    monkeypatch.setattr(passwords, "HASHER", CHEAP)
