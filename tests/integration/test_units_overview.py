"""The units screen's overview (services/units.py): units, accounts and plan places read
together, for administrators only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from access.errors import NotAllowedError
from access.policy import SYSTEM
from db import connection, plans_store, units_store, users_store
from services import units
from tests.actors import ADMIN, MANAGER
from tests.sample_plans import chemical_plan

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
PASSWORD = "Quiet-Harbour-Lantern-73"
PARK = "滨江化工园区"


@pytest.fixture
def db(database):
    conn = connection.connect(database)
    units.create_unit(conn, ADMIN, PARK, now=NOW)
    users_store.create_user(
        conn, SYSTEM, "owner", PASSWORD, roles={"plan_owner"}, unit=PARK, must_change=False, now=NOW
    )
    owner = users_store.act_as(conn, "owner")
    plans_store.import_plan(
        conn, owner, chemical_plan(), document=b"plan", filename="plan.docx", now=NOW
    )
    yield conn
    conn.close()


def test_the_overview_counts_agree_with_the_accounts_and_plans_it_lists(db):
    overview = units.units_overview(db, ADMIN)
    assert overview.units == units_store.list_units(db, ADMIN)
    (park,) = overview.units
    assert park.name == PARK
    assert park.users == sum(1 for u in overview.accounts if u.unit == PARK and not u.disabled)
    assert park.plans == sum(1 for p in overview.places if p.unit == PARK)
    assert (park.users, park.plans) == (1, 1)


def test_only_an_administrator_sees_the_overview(db):
    with pytest.raises(NotAllowedError):
        units.units_overview(db, MANAGER)
