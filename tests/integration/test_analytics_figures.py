"""The analytics screen's use case (services/analytics.py): every figure of one filter, read
from one snapshot, and only by those who oversee the unit."""

from __future__ import annotations

from datetime import date

import pytest

from access.errors import NotAllowedError
from db import analytics_store
from i18n.glossary import SCORE_DIMENSIONS
from services import analytics
from tests.integration.analytics_world import missed_c1, run_drill
from tests.integration.drills_world import seed

TODAY = date(2026, 7, 1)


@pytest.fixture
def world(database):
    w = seed(database)
    yield w
    w.db.close()


def figures(world):
    return analytics.load_figures(
        world.db,
        world.manager,
        unit=world.manager.unit,
        today=TODAY,
        periods=analytics.DEFAULT_PERIODS,
    )


def test_the_figures_are_the_stores_answers_for_the_filter(world):
    run_drill(world, missed_c1(0), day=0)
    unit = world.manager.unit
    found = figures(world)
    assert found.steps == analytics_store.steps_missed_or_late(world.db, world.manager, unit=unit)
    for by in SCORE_DIMENSIONS:
        assert found.ratings[by] == analytics_store.ratings_over_time(
            world.db, world.manager, unit=unit, by=by
        )
    assert found.stale == analytics_store.not_drilled_within(
        world.db, world.manager, unit=unit, today=TODAY
    )
    assert found.steps and found.ratings["overall"]


def test_a_drill_scored_while_the_figures_are_read_is_in_none_of_them(world, monkeypatch):
    first = run_drill(world, missed_c1(0), day=0)
    ratings = analytics_store.ratings_over_time

    def scored_meanwhile(*args, **kwargs):
        if kwargs.get("by") == "area":  # after the steps were read, before the scores
            run_drill(world, missed_c1(1), day=1)  # another session
        return ratings(*args, **kwargs)

    monkeypatch.setattr(analytics_store, "ratings_over_time", scored_meanwhile)
    found = figures(world)
    assert found.steps[0].drills == 1
    assert {p.drill_id for by in SCORE_DIMENSIONS for p in found.ratings[by]} == {first}
    assert len(figures(world).ratings["overall"]) == 2


def test_the_figures_are_refused_to_those_who_do_not_oversee_the_unit(world):
    for who in (world.pat, world.eva, world.elsewhere_manager):
        with pytest.raises(NotAllowedError):
            analytics.load_figures(
                world.db,
                who,
                unit=world.manager.unit,
                today=TODAY,
                periods=analytics.DEFAULT_PERIODS,
            )
