"""Who acts: the signed-in user, the machine itself, or nobody."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    """The signed-in user (or the machine) on whose behalf a store call runs."""

    username: str
    display_name: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)
    unit: str = ""
    user_id: int | None = None
    must_change_password: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", frozenset(self.roles))

    @property
    def label(self) -> str:
        """The display name, else the user name."""
        return self.display_name or self.username


# The machine itself: demo seeding, migrations and command-line tools run by the operator.
SYSTEM = Actor(username="system", display_name="系统 / system", roles=frozenset({"admin"}))
# Nobody: refused everything. Pages hold it until someone signs in.
ANONYMOUS = Actor(username="", display_name="", roles=frozenset())

__all__ = ["ANONYMOUS", "SYSTEM", "Actor"]
