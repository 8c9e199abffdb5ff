"""Page tests of the QA walk's findings on the evaluator screen, the director console and the drill
list: nothing the evaluator types is lost, every save is confirmed or refused with a reason, and
the console reads the same in both languages."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pytest

from db import drills_store, plans_store
from drills.checklist import derive_checklist
from i18n import join_names, t
from i18n.glossary import PERFORMED
from tests.integration.drills_world import design
from tests.ui.drill_pages import open_page, running_drill
from tests.ui.taps import device_tap

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
# how a card's caption of details not stored yet begins
PENDING = t("evaluate.pending").split("{")[0]


def stored(world, drill_id: int) -> list:
    return drills_store.observations(world.db, world.eva, drill_id)


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def toasts(at) -> list[str]:
    return [toast.value for toast in at.toast]


def tap(at, key: str):
    return at.button(key=key).click().run()


def by_phase(at, item_id: str = "c1"):
    """Open the phase of the item in the "all items by phase" list (where a rated item stays)."""
    control = at.segmented_control(key="evaluate_phase")
    for phase in control.options:
        control.set_value(phase).run()
        if any(str(b.key) == f"ev_phase_{item_id}_save" for b in at.button):
            return at
    raise AssertionError(f"{item_id} is in no phase")


def started_drill(world, *, minutes_ago: float = 0, c1_name: str | None = None) -> int:
    """A drill started `minutes_ago`, its item c1 (eva's) renamed to `c1_name` if given."""
    plan = plans_store.load_version(world.db, world.director, world.version_id)
    checklist = derive_checklist(plan, level="I", roles=("r1", "r2", "r3"))
    if c1_name is not None:
        checklist = tuple(replace(i, name=c1_name) if i.id == "c1" else i for i in checklist)
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world, checklist=checklist), now=now
    )
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    drills_store.start_drill(
        world.db, world.director, drill_id, now=now - timedelta(minutes=minutes_ago)
    )
    return drill_id


# Issue QA-1: a note typed into the details after the rating tap was silently lost.
def test_a_note_added_after_the_rating_is_saved_on_its_own_and_the_rating_kept(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    device_tap(at, drill_id, "c1", "done")
    by_phase(at)
    at.text_input(key="ev_phase_c1_note").set_value("补充：阀门已手动关闭").run()
    # pending, said on the card
    assert t("evaluate.pending_note", what=t("evaluate.pending.note")) in captions(at)
    tap(at, "ev_phase_c1_save")
    assert not at.exception, at.exception
    entries = stored(world, drill_id)
    assert [(o.kind, o.item_id, o.rating, o.note) for o in entries] == [
        ("item", "c1", "done", ""),
        ("free", "c1", None, "补充：阀门已手动关闭"),
    ]
    assert t("evaluate.details_saved") in toasts(at)
    assert at.text_input(key="ev_phase_c1_note").value == ""  # stored once, not again
    assert t("evaluate.notes_saved", n=1) in captions(at) and PENDING not in captions(at)


# Issue QA-1: the details go with the next tap; the card says so until they are stored.
def test_details_set_before_a_tap_show_as_pending_and_are_stored_with_it(world):
    drill_id = started_drill(world, minutes_ago=10)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    help_text = next(c.value for c in at.caption if c.value == t("evaluate.details_help"))
    assert t("evaluate.save_details") in help_text
    at.segmented_control(key="ev_next_c1_q").set_value("S")
    at.number_input(key="ev_next_c1_ago").set_value(3)
    at.text_input(key="ev_next_c1_note").set_value("报告略有延迟").run()
    pending = next(c.value for c in at.caption if PENDING in c.value)
    what = [
        t("evaluate.pending.quality", mark="S"),
        t("evaluate.pending.ago", minutes=3),
        t("evaluate.pending.note"),
    ]
    assert pending.endswith(t("evaluate.pending_note", what=join_names(what)))  # after an icon
    device_tap(at, drill_id, "c1", "partly")
    [entry] = stored(world, drill_id)
    assert (entry.rating, entry.quality, entry.note) == ("partly", "S", "报告略有延迟")
    assert 170 <= (entry.entered_at - entry.happened_at).total_seconds() <= 190
    assert PENDING not in captions(at)


def test_saving_empty_details_is_refused_with_a_reason_and_stores_nothing(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    tap(at, "ev_next_c1_save")
    assert any(t("evaluate.details_empty") in e.value for e in at.error)
    assert stored(world, drill_id) == []


def test_a_photo_saved_from_the_details_is_stored_with_its_note_and_the_uploader_emptied(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    at.file_uploader(key="ev_next_c1_photo_0").upload("valve.png", PNG, "image/png").run()
    pending = next(c.value for c in at.caption if PENDING in c.value)
    assert pending.endswith(t("evaluate.pending_note", what=t("evaluate.pending.photo")))
    tap(at, "ev_next_c1_save")
    assert not at.exception, at.exception
    [entry] = stored(world, drill_id)
    assert (entry.kind, entry.item_id, entry.photo_id is not None) == ("free", "c1", True)
    mime, data = drills_store.load_photo(world.db, world.eva, drill_id, entry.photo_id)
    assert (mime, data) == ("image/png", PNG)
    assert [str(u.key) for u in at.file_uploader if str(u.key).startswith("ev_next_c1")] == [
        "ev_next_c1_photo_1"
    ]


# Issue QA-2: an empty unexpected action was ignored silently, a saved one not confirmed.
def test_an_empty_unexpected_action_is_refused_and_a_written_one_confirmed(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    tap(at, "evaluate_free_save")
    assert any(t("evaluate.free_empty") in e.value for e in at.error)
    assert stored(world, drill_id) == []
    at.text_area(key="evaluate_free_note").set_value("医疗组自行设置了洗消点")
    tap(at, "evaluate_free_save")
    assert t("evaluate.free_recorded") in toasts(at)
    assert not any(t("evaluate.free_empty") in e.value for e in at.error)
    assert [(o.kind, o.note) for o in stored(world, drill_id)] == [
        ("free", "医疗组自行设置了洗消点")
    ]
    assert at.text_area(key="evaluate_free_note").value == ""


# Issue QA-3: the undo button read "撤销上一条记录（）" after a free observation.
def test_the_undo_button_names_a_free_observation_by_the_start_of_its_note(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    at.text_area(key="evaluate_free_note").set_value("有人擅自离岗去取车，十分钟后才回来")
    tap(at, "evaluate_free_save")
    label = at.button(key="evaluate_undo").label
    assert "（）" not in label
    assert "有人擅自离岗" in label


# Issue QA-4: rating buttons were 40 px high and P/S/M/U 32 px on a phone.
def test_the_evaluator_screen_makes_its_buttons_at_least_48_px_high(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    css = "\n".join(h.proto.body for h in at.get("html"))
    assert 'class*="st-key-ev_"' in css and "min-height: 48px" in css
    blocks = [b for b in at.main.children.values() if b.type != "html"]  # not a block: no id
    assert any(str(b.proto.id).endswith("-ev_screen") for b in blocks)


# Issue QA-5 and the field test: a card shows the whole item name, wrapped (no cut-off clause
# fragments), with the step's words and its source paragraph behind an expander.
def test_a_card_shows_the_whole_item_name_and_the_source_on_demand(world):
    name = "核实泄漏点位置并报告" * 40
    drill_id = started_drill(world, c1_name=name)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    assert not at.exception, at.exception
    title = next(m.value for m in at.markdown if m.value.startswith("**核实泄漏点"))
    assert name in title and "…" not in title
    more = next(e for e in at.expander if e.label == t("evaluate.step_source"))
    assert any(t("evaluate.source_paragraph") in c.value for c in more.caption)


def console_chart(at, field: str) -> tuple[dict, object]:
    """The console chart whose x axis is `field`: its spec and its data as a DataFrame."""
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        if spec["encoding"]["x"]["field"] == field:
            data = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()
            return spec, data
    raise AssertionError(f"no chart of {field}")


# Issue QA-6: colours changed with the language, the legend showed raw inject ids and the axis
# repeated "0 0 0 1 1 1".
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_timeline_has_one_fixed_colour_per_outcome_and_names_injects(world, lang):
    drill_id = running_drill(world)
    drills_store.release_inject(world.db, world.director, drill_id, "i2", now=datetime.now(UTC))
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    device_tap(at, drill_id, "c1", "not_done")
    console = open_page(world, "drill_console", "director", drill_id=drill_id, lang=lang)
    assert not console.exception, console.exception
    spec, data = console_chart(console, "minute")
    scale = spec["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    done, not_done = (t(PERFORMED.key(r), lang=lang) for r in ("done", "not_done"))
    assert colours[done] == "#2e7d32" and colours[not_done] == "#c62828"
    assert set(data["legend"]) <= set(scale["domain"])
    assert not_done in set(data["legend"])
    assert any("媒体来电" in what for what in data["what"])
    assert "i2" not in set(data["what"])
    assert spec["encoding"]["x"]["axis"] == {"format": "d", "tickMinStep": 1}
    assert spec["encoding"]["x"]["scale"]["domain"] == [0, 5]  # the first minutes, from T0


def test_the_progress_bars_count_whole_items(world):
    drill_id = running_drill(world)
    console = open_page(world, "drill_console", "director", drill_id=drill_id)
    bars = [json.loads(c.proto.spec) for c in console.get("vega_lite_chart")]
    bars = [s for s in bars if s["encoding"]["x"].get("aggregate") == "sum"]
    assert len(bars) == 2
    assert all(s["encoding"]["x"]["axis"] == {"format": "d", "tickMinStep": 1} for s in bars)


# Issue QA-6: English status and buttons were lowercase, idle time read "None".
def test_the_english_console_capitalises_status_and_buttons_and_shows_a_dash_for_no_activity(
    world,
):
    drill_id = running_drill(world)
    console = open_page(world, "drill_console", "director", drill_id=drill_id, lang="en")
    assert console.metric[0].value == "In progress" == t("drills.status.running", lang="en")
    labels = {b.label for b in console.button}
    assert {"Pause", "End"} <= labels and not {"pause", "end"} & labels
    activity = console.dataframe[-1].value
    idle = dict(zip(activity["User name"], activity["Idle (min)"], strict=True))
    assert idle["evb"] == "—"


# Issue QA-7: a sealed drill that had not started showed "Elapsed 0".
def test_the_drill_list_shows_no_elapsed_time_before_the_start(world):
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(world.db, world.director, design(world), now=now)
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    at = open_page(world, "drill_list", "director", lang="en")
    row = at.dataframe[0].value.iloc[0]
    assert row["Status"] == "Sealed"
    assert row["Elapsed (min)"] == ""
    drills_store.start_drill(world.db, world.director, drill_id, now=now)
    at = open_page(world, "drill_list", "director", lang="en")
    assert at.dataframe[0].value.iloc[0]["Elapsed (min)"] == "0"


def test_photo_boxes_say_what_the_store_keeps_and_let_bigger_ones_reach_its_refusal(world):
    # a bigger photo reaches the store, which refuses it in the user's language; a box that
    # refused it itself would answer in Streamlit's English only
    from streamlit import config

    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    boxes = at.get("file_uploader")
    assert boxes
    for box in boxes:
        assert box.proto.max_upload_size_mb == config.get_option("server.maxUploadSize") > 10
        assert "10 MB" in box.proto.help
