"""Who plays which plan role in a drill (the roster of participants), as the console edits it.

Stored, the roster says user -> plan roles; the console's form shows it the other way round, one
field per plan role listing its players. A save sends only the roles whose players changed
(`roster_changes`), and the store applies them to what is stored (`apply_roster_changes`), so a
role nobody touched keeps its players whatever the form held.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

SEPARATORS = (",", "，", ";", "；", "\n")


def split_names(text: str) -> tuple[str, ...]:
    """User names typed into one field: separated by 、 , ， ; or new lines, each once, in order."""
    for separator in SEPARATORS:
        text = text.replace(separator, "、")
    return tuple(dict.fromkeys(name.strip() for name in text.split("、") if name.strip()))


def players_by_role(share: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """user -> roles turned into role -> users (users in the roster's order)."""
    by_role: dict[str, list[str]] = {}
    for user, roles in share.items():
        for role in roles:
            if user not in by_role.setdefault(role, []):
                by_role[role].append(user)
    return {role: tuple(users) for role, users in by_role.items()}


def roster_changes(
    opened: Mapping[str, Iterable[str]], edited: Mapping[str, Iterable[str]]
) -> dict[str, tuple[str, ...]]:
    """The roles (role -> users) whose players in `edited` differ from those the form opened
    with; roles the form did not show are never in the result."""
    changes = {}
    for role, users in edited.items():
        users = tuple(dict.fromkeys(users))
        if set(users) != set(opened.get(role, ())):
            changes[role] = users
    return changes


def apply_roster_changes(
    share: Mapping[str, Iterable[str]], changes: Mapping[str, Iterable[str]]
) -> dict[str, tuple[str, ...]]:
    """The roster (user -> roles) after `changes` (role -> its players now): each changed role
    is taken from everyone and given to its new players; every other role stays as it was. A
    user left with no role leaves the roster."""
    result: dict[str, list[str]] = {
        user: [r for r in roles if r not in changes] for user, roles in share.items()
    }
    for role, users in changes.items():
        for user in users:
            result.setdefault(user, [])
            if role not in result[user]:
                result[user].append(role)
    return {user: tuple(roles) for user, roles in result.items() if roles}


__all__ = ["apply_roster_changes", "players_by_role", "roster_changes", "split_names"]
