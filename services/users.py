"""Use cases of the administrator's accounts screen: listing accounts, creating one with a
first password, changing roles and unit, disabling, enabling and resetting a password (the
lock-outs an administrator ends are services/accounts.py).

Each is one store call that authorises, checks, writes and audits in one transaction
(db/users_store.py); creating an account adds the one thing the store leaves to its caller,
the generated first password.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from access import passwords
from access.policy import Actor
from db import users_store
from db.users_rows import User
from db.users_store import list_users, reset_password, set_disabled, update_user


def create_user(
    conn,
    actor: Actor,
    username: str,
    *,
    roles: Iterable[str],
    unit: str = "",
    display_name: str = "",
    now: datetime,
) -> str:
    """Create an account with a generated password, which its owner must change at the first
    sign-in; return that password, to be shown once.

    Raises: NotAllowedError (admins only); StoreError users.bad_username, users.reserved_name,
    users.duplicate, users.unknown_role, users.no_roles; PasswordRuleError.
    """
    password = passwords.generate_password()
    users_store.create_user(
        conn, actor, username, password, roles=roles, unit=unit, display_name=display_name,
        now=now,
    )  # fmt: skip
    return password


__all__ = ["User", "create_user", "list_users", "reset_password", "set_disabled", "update_user"]
