"""Use cases of organisation units (admins): the units screen's overview, creating a unit,
putting accounts in it and moving plans to it, and the first administrator's setup checklist.

Each change is one store call that authorises, writes and audits in one transaction
(db/units_store.py), so those are offered here as they are; the screen's overview reads its
three lists in one unit of work, so the counts agree with the lists beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from access.policy import Actor
from db import units_store, users_store
from db.unit_of_work import unit_of_work
from db.units_store import (
    PlanPlace,
    SetupStatus,
    Unit,
    assign_users,
    create_unit,
    move_plans,
    setup_status,
    unit_names,
)
from db.users_records import User


@dataclass(frozen=True)
class UnitsOverview:
    """What the units screen shows: every unit with its counts, every account and every plan
    outside the bin with its unit, read together."""

    units: list[Unit]
    accounts: list[User]
    places: list[PlanPlace]


def units_overview(conn, actor: Actor) -> UnitsOverview:
    """The units, accounts and plan places, from one snapshot.

    Raises: NotAllowedError unless the actor manages accounts and moves plans (admins).
    """
    with unit_of_work(conn) as uow:
        return UnitsOverview(
            units=units_store.list_units(uow, actor),
            accounts=users_store.list_users(uow, actor),
            places=units_store.plan_places(uow, actor),
        )


__all__ = [
    "PlanPlace",
    "SetupStatus",
    "Unit",
    "UnitsOverview",
    "assign_users",
    "create_unit",
    "move_plans",
    "setup_status",
    "unit_names",
    "units_overview",
]
