"""The chart overview opens the detail: a cell, row or column of steps per role and phase picks
the view that shows those steps, in the editor and in the import preview."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import plans_store
from i18n import t
from plans import chart_views
from plans.model import plan_from_dict
from tests.ui.charts import chart_spec, many_roles_plan
from tests.ui.conftest import NOW, USERS, page

PLAN_FILE = Path(__file__).resolve().parents[1] / "data" / "plans" / "zh_enterprise_onsite.txt"


def overview_of(plan):
    views = chart_views.chart_views(plan, lang="zh")
    return views, chart_views.overview_table(plan, views, lang="zh")


def choose(at, selection: dict):
    """Select in the overview table as a click would (a programmatic selection)."""
    at.session_state["chart_overview"] = {
        "selection": {"rows": [], "columns": [], "cells": [], **selection}
    }
    return at.run()


@pytest.fixture
def editor(conn):
    stored = plans_store.import_plan(
        conn, USERS["owner"], many_roles_plan(), document=b"d", filename="d.docx", now=NOW
    )
    at = page("editor", version_id=stored.version_id).run()
    assert not at.exception, at.exception
    return at


def test_the_overview_is_a_table_of_steps_per_role_and_phase(editor):
    _, table = overview_of(many_roles_plan())
    assert editor.selectbox(key="chart_view").value == 0
    shown = next(d for d in editor.dataframe if d.key == "chart_overview").value
    assert list(shown["role"]) == list(table.names)
    # 第7工作组 owns s7, s19 (p1) and s31 (p2): odd, so disposal steps only
    row = list(table.roles).index("r7")
    assert shown["disposal"][row] == 3 and shown.isna()["report"][row]
    assert not editor.get("graphviz_chart")
    assert any(t("draw.overview_help") in c.value for c in editor.caption)


# what is chosen in the overview (given 第7工作组's row), the view it should open, a step in it
CHOICES = {
    "a cell": (lambda row: {"cells": [[row, "disposal"]]}, "cell", ("r7", "disposal"), "s7"),
    "a row": (lambda row: {"rows": [row]}, "row", "r7", "s7"),
    "a role's name": (lambda row: {"cells": [[row, "role"]]}, "row", "r7", "s7"),
    "a column": (lambda row: {"columns": ["report"]}, "column", "report", "s0"),
}


@pytest.mark.parametrize("choice", list(CHOICES))
def test_a_cell_row_or_column_of_the_overview_opens_its_view(editor, choice):
    selection, kind, key, step = CHOICES[choice]
    views, table = overview_of(many_roles_plan())
    at = choose(editor, selection(list(table.roles).index("r7")))
    assert not at.exception, at.exception
    target = {"cell": table.cell_view, "row": table.row_view, "column": table.column_view}
    target = target[kind][key]
    assert target > 0 and step in views[target].steps
    assert at.selectbox(key="chart_view").value == target
    assert chart_spec(at) == views[target].chart.source
    # back to the overview: the table again, with nothing chosen
    at.selectbox(key="chart_view").set_value(0).run()
    assert not at.exception, at.exception
    assert any(d.key == "chart_overview" for d in at.dataframe)
    assert at.selectbox(key="chart_view").value == 0


def test_the_import_preview_shows_the_editors_chart_views(conn):
    at = page("import").run()
    at.get("file_uploader")[0].upload(PLAN_FILE.name, PLAN_FILE.read_bytes(), "text/plain")
    at.run()
    assert not at.exception, at.exception
    plan = plan_from_dict(at.session_state["import_preview"]["plan"])
    views, table = overview_of(plan)
    assert len(views) > 2
    assert len(at.selectbox(key="chart_view").options) == len(views)
    assert any(d.key == "chart_overview" for d in at.dataframe)
    for key in ("chart_part", "chart_level", "chart_phase"):
        assert at.selectbox(key=key) is not None
    role = table.roles[0]
    at = choose(at, {"rows": [0]})
    assert not at.exception, at.exception
    target = table.row_view[role]
    assert at.selectbox(key="chart_view").value == target
    assert chart_spec(at) == views[target].chart.source
