"""The editor's chart on a plan of many roles: an overview first, a pick of views, the filters."""

from __future__ import annotations

from db import plans_store
from i18n import t
from tests.ui.charts import chart_spec, many_roles_plan
from tests.ui.conftest import NOW, USERS, page


def test_a_plan_of_many_roles_opens_on_the_overview_and_each_view_can_be_picked(conn):
    stored = plans_store.import_plan(
        conn, USERS["owner"], many_roles_plan(), document=b"d", filename="d.docx", now=NOW
    )
    at = page("editor", version_id=stored.version_id).run()
    assert not at.exception, at.exception
    picker = at.selectbox(key="chart_view")
    assert t("draw.overview") in picker.options[picker.index]
    # the overview is a table that opens the views: tests/ui/test_chart_overview_page.py
    assert any(d.key == "chart_overview" for d in at.dataframe)
    options = at.selectbox(key="chart_view").options
    assert len(options) > 2
    at.selectbox(key="chart_view").set_value(1).run()
    assert "处置事项" in chart_spec(at) and t("draw.overview") not in chart_spec(at)


def test_the_chart_filters_by_part_level_role_and_phase(conn):
    stored = plans_store.import_plan(
        conn, USERS["owner"], many_roles_plan(), document=b"d", filename="d.docx", now=NOW
    )
    at = page("editor", version_id=stored.version_id).run()
    at.selectbox(key="chart_part").set_value("p2").run()
    at.selectbox(key="chart_phase").set_value("disposal").run()
    at.multiselect(key="chart_roles").set_value(["r7"]).run()
    spec = chart_spec(at)
    # p2 holds s30-s39; disposal: odd ones; r7 owns s31 (and s7, s19 in p1)
    assert 'label="处置事项31"' in spec
    assert 'label="处置事项7"' not in spec and 'label="处置事项33"' not in spec
    assert t("draw.stub_in", role="第6工作组") in spec
    assert t("draw.stub_out", role="第8工作组") in spec
    at.selectbox(key="chart_level").set_value("I").run()
    assert t("draw.every_level") in chart_spec(at)
