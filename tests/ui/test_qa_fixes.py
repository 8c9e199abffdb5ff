"""Page tests of the problems found by the QA walk: the import preview's kind and language line,
a text file renamed to .docx, the upload limit the captions state, role names in a drill error,
the score-trend chart of a single drill, and the confirmations of the users page."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime

import pyarrow as pa
import pytest

import i18n
import settings
from db import drills_store, plans_store, users_store
from services import accounts
from tests.integration.analytics_world import done_c1, run_drill
from tests.integration.drills_world import design
from tests.sample_plans import fire_plan_docx
from tests.ui import test_drill_pages as drill_pages
from tests.ui.conftest import PASSWORD, ROOT, USERS, page


@pytest.fixture
def speaking():
    """Set the test thread's language: AppTest formats a selectbox's options again in this
    thread when it sends the page's widgets back, so it must speak the page's language."""
    yield i18n.set_language
    i18n.set_language("zh")


def upload(at, name: str, data: bytes):
    at.get("file_uploader")[0].upload(name, data, "application/octet-stream")
    return at.run()


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


# --- 1. the import preview's kind and language ---------------------------------------------


@pytest.mark.parametrize(
    "lang, line",
    [("zh", "类型：专项预案 · 语言：中文"), ("en", "Kind: Special plan · Language: Chinese")],
)
def test_the_import_preview_names_the_kind_and_language_in_the_pages_language(conn, lang, line):
    # QA walk: the line showed "类型：{kind} · 语言：{lang}" (lang= is t()'s own parameter)
    at = upload(page("import", lang=lang).run(), "plan.docx", fire_plan_docx())
    assert not at.exception, at.exception
    assert line in captions(at)
    assert "{" not in captions(at)


# --- 2. a text file renamed to .docx -------------------------------------------------------


@pytest.mark.parametrize(
    "lang, start", [("zh", "不是 Word 文件：“改名.docx”"), ("en", 'Not a Word file: "改名.docx"')]
)
def test_a_text_file_renamed_to_docx_is_refused_and_nothing_is_previewed(conn, lang, start):
    # QA walk: it was accepted and previewed as a plan
    text = "滨海仓库火灾应急预案\n一、总则\n应急指挥部负责统一指挥。\n".encode()
    at = upload(page("import", lang=lang).run(), "改名.docx", text)
    assert not at.exception, at.exception
    assert at.error and at.error[0].value.replace("\\", "").startswith(start)  # md-escaped
    assert not at.metric and "import_preview" not in at.session_state
    assert plans_store.list_plans(conn, USERS["owner"]) == []


# --- 3. the upload limit -------------------------------------------------------------------


CEILING = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))[
    "server"
]["maxUploadSize"]


def uploader_limit(at) -> int:
    return at.get("file_uploader")[0].proto.max_upload_size_mb


def test_the_web_servers_upload_ceiling_is_above_the_apps_own_default_limit(monkeypatch):
    # a file between the two reaches the page and is refused in the user's language
    monkeypatch.delenv("PLANDRILL_MAX_UPLOAD_MB", raising=False)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] > settings.load_settings().max_upload_mb == 20


@pytest.mark.parametrize("lang, said", [("zh", "单个文件不超过 20 MB"), ("en", "up to 20 MB")])
def test_the_import_caption_states_the_limit_and_the_uploader_takes_up_to_the_ceiling(
    conn, lang, said
):
    # the uploader's own "NN MB per file" line is hidden (ui/streamlit_texts.py)
    at = page("import", lang=lang).run()
    assert said in captions(at)
    assert uploader_limit(at) == CEILING


@pytest.mark.parametrize(
    "lang, start",
    [
        ("zh", "文件有 6 MB，超过了 5 MB 的上限"),
        ("en", "The file is 6 MB, over the 5 MB limit"),
    ],
)
def test_a_file_over_a_lower_limit_set_by_the_administrator_is_refused_in_words_of_ours(
    conn, monkeypatch, lang, start
):
    monkeypatch.setenv("PLANDRILL_MAX_UPLOAD_MB", "5")
    at = page("import", lang=lang).run()
    assert ("up to 5 MB" if lang == "en" else "单个文件不超过 5 MB") in captions(at)
    at = upload(at, "big.docx", b"PK" + bytes(6 * 2**20 - 2))
    assert not at.exception, at.exception
    assert at.error and at.error[0].value.replace("\\", "").startswith(start)
    assert not at.metric and plans_store.list_plans(conn, USERS["owner"]) == []


@pytest.mark.parametrize("lang, said", [("zh", "单个文件不超过 20 MB"), ("en", "up to 20 MB")])
def test_the_injects_uploader_has_a_caption_with_the_limit(world, lang, said):
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    at = drill_pages.open_page(world, "drill_design", "director", drill_id=drill_id, lang=lang)
    assert not at.exception, at.exception
    assert said in captions(at)
    assert uploader_limit(at) == CEILING


@pytest.mark.parametrize(
    "lang, start",
    [
        ("zh", "文件有 21.0 MB，超过了 20 MB 的上限"),
        ("en", "The file is 21.0 MB, over the 20 MB limit"),
    ],
)
def test_an_injects_file_over_the_limit_is_refused_in_words_of_ours_before_reading(
    world, speaking, lang, start
):
    speaking(lang)
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    at = drill_pages.open_page(world, "drill_design", "director", drill_id=drill_id, lang=lang)
    box = next(b for b in at.get("file_uploader") if b.key == "injects_file")
    box.upload("injects.csv", b"title\n" + bytes(21 * 2**20), "text/csv")
    at.run()
    assert not at.exception, at.exception
    assert any(e.value.startswith(start) for e in at.error)
    assert not [b for b in at.button if b.key == "injects_import"]  # nothing to import


# --- 4. role names in a drill error --------------------------------------------------------


@pytest.mark.parametrize(
    "lang, said, raw",
    [
        ("zh", "pat 不能担任演练中的 评估组长", "evaluation_lead"),
        ("en", "pat cannot be evaluation lead of the drill", "evaluation_lead"),
    ],
)
def test_a_person_without_the_system_role_is_refused_with_the_roles_name(
    world, speaking, lang, said, raw
):
    # QA walk: "participant 不能担任演练中的 evaluation_lead"
    speaking(lang)
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    at = drill_pages.open_page(world, "drill_design", "director", drill_id=drill_id, lang=lang)
    at.text_input(key="people_leads").set_value("pat")
    at.button(key="people_save").click().run()
    assert not at.exception, at.exception
    message = " ".join(e.value for e in at.error)
    assert said in message and raw not in message
    assert drills_store.load_design(world.db, world.director, drill_id).evaluation_leads == (
        "lead",
    )


# --- 7. the score-trend chart --------------------------------------------------------------


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
    shown = at.tabs[1].dataframe[0].value.iloc[0]["结束时间"]
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


# --- 8. the users page's confirmations -----------------------------------------------------


def account(conn, username: str):
    return next(u for u in users_store.list_users(conn, USERS["root"]) if u.username == username)


def pick_user(at, conn, username: str):
    at.selectbox(key="users_pick").set_value(account(conn, username))
    return at.run()


def test_disabling_an_account_waits_for_the_confirmation(conn):
    # QA walk: one click disabled the account
    at = pick_user(page("users", user="root").run(), conn, "participant")
    at.button(key="users_toggle").click().run()
    assert not account(conn, "participant").disabled
    assert any("确定停用账户 participant" in w.value for w in at.warning)
    at.button(key="users_confirm_yes").click().run()
    assert not at.exception, at.exception
    assert account(conn, "participant").disabled
    assert not any("确定停用" in w.value for w in at.warning)
    at.button(key="users_toggle").click().run()  # enabling it again needs no confirmation
    assert not account(conn, "participant").disabled


def test_a_cancelled_disable_changes_nothing(conn):
    at = pick_user(page("users", user="root", lang="en").run(), conn, "participant")
    at.button(key="users_toggle").click().run()
    assert any("Disable the account participant?" in w.value for w in at.warning)
    at.button(key="users_confirm_no").click().run()
    assert not at.warning and not account(conn, "participant").disabled


def test_resetting_a_password_waits_for_the_confirmation_then_shows_the_new_one(conn):
    # QA walk: one click reset the password
    at = pick_user(page("users", user="root").run(), conn, "participant")
    at.button(key="users_reset").click().run()
    assert any("确定重置 participant 的密码" in w.value for w in at.warning)
    assert not account(conn, "participant").must_change_password
    assert accounts.sign_in(conn, "participant", PASSWORD, now=datetime.now(UTC))
    at.button(key="users_confirm_yes").click().run()
    assert not at.exception, at.exception
    assert account(conn, "participant").must_change_password
    (shown,) = [w.value for w in at.warning if "一次性密码" in w.value]
    assert "participant" in shown and "确定重置" not in " ".join(w.value for w in at.warning)


def test_a_confirmation_belongs_to_the_user_it_was_asked_for(conn):
    at = pick_user(page("users", user="root").run(), conn, "participant")
    at.button(key="users_reset").click().run()
    assert any("确定重置 participant" in w.value for w in at.warning)
    at = pick_user(at, conn, "manager")
    assert not any("确定重置" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == "users_confirm_yes"]
