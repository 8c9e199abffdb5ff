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
from db import sessions_store, users_store
from db.unit_of_work import unit_of_work
from db.users_records import User
from db.users_store import list_users, reset_password, update_user


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
        conn,
        actor,
        username,
        password,
        roles=roles,
        unit=unit,
        display_name=display_name,
        now=now,
    )
    return password


def set_disabled(conn, actor: Actor, user_id: int, disabled: bool, *, now: datetime) -> None:
    """Disable an account, ending every session of it at once (in the same unit of work, so
    enabling it again later does not bring an old session back), or enable it again.

    Raises: NotAllowedError; NotFoundError; StoreError users.cannot_disable_self,
    users.last_admin.
    """
    with sessions_store.writing(), unit_of_work(conn) as uow:
        users_store.set_disabled(uow, actor, user_id, disabled, now=now)
        if disabled:
            sessions_store.revoke_user_sessions(uow, user_id, "disabled", now)


__all__ = ["User", "create_user", "list_users", "reset_password", "set_disabled", "update_user"]
