"""The chart overview as a table: steps per lead role and phase, and the view each cell, row and
column opens."""

from __future__ import annotations

import pytest

from plans import chart_views
from plans.chart_views import ChartFilter
from plans.model import Plan, Role, Step
from tests.unit.big_plans import big_plan

NO_OWNER = Plan(
    "p",
    roles=(Role("r1", "值班员"),),
    steps=(
        Step("s1", "报告", "立即报告。", ("r1",), "report"),
        Step("s2", "处置", "开展处置。", (), "disposal"),
    ),
)


@pytest.mark.parametrize("chosen", [ChartFilter(), ChartFilter(roles=("r3", "r7"))])
def test_every_kept_step_is_counted_once_under_its_lane(chosen):
    plan = big_plan(30, 200)
    views = chart_views.chart_views(plan, chosen)
    table = chart_views.overview_table(plan, views, chosen)
    kept = chart_views.select_steps(plan, chosen)
    assert sum(table.counts.values()) == len(kept)
    if chosen.roles:
        assert set(table.roles) == set(chosen.roles)


def test_each_cell_row_and_column_opens_a_view_that_shows_its_steps():
    plan = big_plan(30, 200)
    views = chart_views.chart_views(plan)
    table = chart_views.overview_table(plan, views)
    lead = {s.id: (s.roles[0], s.phase) for s in plan.steps}
    assert table.roles == tuple(r.id for r in plan.roles)
    assert table.phases == ("report", "activation", "disposal")
    for (role, phase), index in table.cell_view.items():
        assert index > 0 and (role, phase) in {lead[s] for s in views[index].steps}
    for role, index in table.row_view.items():
        assert role in {lead[s][0] for s in views[index].steps}
    for phase, index in table.column_view.items():
        assert phase in {lead[s][1] for s in views[index].steps}


def test_steps_without_an_owner_are_a_row_of_their_own_named_so():
    views = chart_views.chart_views(NO_OWNER, lang="en")
    table = chart_views.overview_table(NO_OWNER, views, lang="en")
    assert table.roles == ("r1", None)
    assert table.names == ("值班员", "No owner")
    assert table.counts == {("r1", "report"): 1, (None, "disposal"): 1}
