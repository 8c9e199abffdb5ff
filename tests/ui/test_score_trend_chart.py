"""The analytics score trend: one scored drill is one point on a time axis labelled by day, and
drills ended on one day are labelled to the minute."""

from __future__ import annotations

import json
from datetime import datetime

import pyarrow as pa

from i18n import t
from tests.integration.analytics_world import done_c1, run_drill
from tests.ui import drill_pages


def chart_spec(at) -> dict:
    (chart,) = at.tabs[1].get("vega_lite_chart")
    return json.loads(chart.proto.spec)


def chart_rows(at) -> list[dict]:
    """The rows the chart draws (Streamlit sends them as Arrow tables beside the spec)."""
    (chart,) = at.tabs[1].get("vega_lite_chart")
    tables = [dataset.data.data for dataset in chart.proto.datasets] or [chart.proto.data.data]
    return [row for data in tables for row in pa.ipc.open_stream(data).read_all().to_pylist()]


def moment(spec_time: dict) -> datetime:
    """A Vega-Lite DateTime of the spec (months counted from 1) as a datetime."""
    return datetime(
        spec_time["year"],
        spec_time["month"],
        spec_time["date"],
        spec_time.get("hours", 0),
        spec_time.get("minutes", 0),
        spec_time.get("seconds", 0),
        spec_time.get("milliseconds", 0) * 1000,
    )


def test_one_scored_drill_is_one_point_on_a_time_axis_labelled_by_day(world):
    # QA walk: the chart of a single drill was empty and its axis read ".829"
    run_drill(world, done_c1(0))  # ends 2026-05-01 10:30 UTC
    at = drill_pages.open_page(world, "analytics", "manager")
    assert not at.exception, at.exception
    at.radio(key="analytics_by").set_value("overall").run()
    spec = chart_spec(at)
    assert spec["mark"]["type"] == "line" and spec["mark"]["point"]
    x = spec["encoding"]["x"]
    assert x["type"] == "temporal" and x["axis"]["format"] == "%Y-%m-%d"
    assert "%L" not in json.dumps(spec)  # no milliseconds anywhere
    (point,) = chart_rows(at)
    drawn = point["ended"]
    shown = at.tabs[1].dataframe[0].value.iloc[0][t("common.ended")]
    assert f"{drawn:%Y-%m-%d %H:%M:%S}" == f"{shown:%Y-%m-%d %H:%M:%S}"  # as the table says
    (tick,) = x["axis"]["values"]
    assert moment(tick) == drawn.replace(microsecond=drawn.microsecond // 1000 * 1000)
    low, high = (moment(end) for end in x["scale"]["domain"])
    assert low < drawn < high and drawn - low == high - drawn  # in the middle, not at an edge


def test_drills_ended_on_one_day_are_labelled_to_the_minute(world):
    run_drill(world, done_c1(0))
    run_drill(world, done_c1(0))  # the same times: one day, two drills
    at = drill_pages.open_page(world, "analytics", "manager")
    at.radio(key="analytics_by").set_value("overall").run()
    assert not at.exception, at.exception
    assert len(chart_rows(at)) == 2
    assert chart_spec(at)["encoding"]["x"]["axis"]["format"] == "%Y-%m-%d"  # same end time
    run_drill(world, done_c1(0.01), day=0.01)  # 14 minutes later, the same day
    at.run()
    assert len(chart_rows(at)) == 3
    assert chart_spec(at)["encoding"]["x"]["axis"]["format"] == "%Y-%m-%d %H:%M"
