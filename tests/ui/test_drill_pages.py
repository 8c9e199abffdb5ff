"""Page tests of the drill screens: design, console, evaluator and participant screens,
and secrecy on every one of them, against a real DuckDB file."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from db import drills_store, plans_store
from drills.model import EvaluatorAssignment
from i18n import t
from i18n.glossary import REVEAL_EVENTS
from services import drills as drill_cases
from tests.integration.drills_world import design
from tests.ui.drill_pages import ended_drill_with_one_tap, open_page, running_drill, texts
from tests.ui.taps import device_tap


def test_a_director_creates_a_drill_from_a_published_plan(world):
    at = open_page(world, "drill_list", "director")
    assert not at.exception, at.exception
    at.text_input(key="drills_new_title").set_value("夜间泄漏演练")
    at.button(key="drills_new_submit").click().run()
    assert not at.exception, at.exception
    drills = drills_store.list_drills(world.db, world.director)
    assert [d.title for d in drills] == ["夜间泄漏演练"]
    assert at.session_state["drill_id"] == drills[0].id


def test_the_design_page_shows_the_checklist_and_seals_the_drill(world):
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    at = open_page(world, "drill_design", "director", drill_id=drill_id)
    assert not at.exception, at.exception
    assert len(at.dataframe[0].value) >= 1
    at.button(key="design_seal").click().run()
    assert not at.exception, at.exception
    assert drills_store.drill_summary(world.db, world.director, drill_id).status == "sealed"


def test_before_the_start_a_participant_learns_nothing_on_any_page(world):
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    for name in ("drill_list", "participate", "evaluate", "drill_design", "drill_console"):
        at = open_page(world, name, "pat", drill_id=drill_id)
        assert not at.exception, (name, at.exception)
        shown = texts(at)
        assert "危化品泄漏双盲演练" not in shown and "泄漏扩大" not in shown, name
        assert not at.dataframe or name == "drill_list" and len(at.dataframe) == 0


def test_the_console_starts_the_drill_and_shows_progress(world):
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    drills_store.seal_drill(world.db, world.director, drill_id, now=datetime.now(UTC))
    at = open_page(world, "drill_console", "director", drill_id=drill_id)
    assert not at.exception, at.exception
    at.button(key="console_start").click().run()
    assert not at.exception, at.exception
    assert drills_store.drill_summary(world.db, world.director, drill_id).status == "running"
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")


def test_an_evaluator_taps_an_item_and_it_is_stored_before_it_is_confirmed(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    assert not at.exception, at.exception
    device_tap(at, drill_id, "c1", "done")
    assert not at.exception, at.exception
    stored = drills_store.observations(world.db, world.eva, drill_id)
    assert [(o.item_id, o.rating) for o in stored] == [("c1", "done")]
    assert not at.error


def test_an_evaluator_sees_only_their_share(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "evb", drill_id=drill_id)
    keys = {str(b.key) for b in at.button}
    assert any(k.startswith("ev_next_c3_") for k in keys)
    assert not any(k.startswith("ev_next_c1_") for k in keys)


def test_an_evaluation_lead_sees_the_items_of_the_roles_the_design_gives_them(world):
    share = (*design(world).evaluators, EvaluatorAssignment("lead", ("r3",)))
    drill_id = running_drill(world, evaluators=share)
    at = open_page(world, "evaluate", "lead", drill_id=drill_id)
    keys = {str(b.key) for b in at.button}
    assert any(k.startswith("ev_next_c3_") for k in keys)
    assert not any(k.startswith("ev_next_c1_") for k in keys)


def test_the_last_entry_can_be_undone(world):
    drill_id = running_drill(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    device_tap(at, drill_id, "c1", "done")
    at.button(key="evaluate_undo").click().run()
    state_kinds = [o.kind for o in drills_store.observations(world.db, world.eva, drill_id)]
    assert state_kinds == ["item", "undo"]


def test_a_participant_sees_only_injects_released_to_their_role(world):
    drill_id = running_drill(world)
    drills_store.release_inject(world.db, world.director, drill_id, "i2", now=datetime.now(UTC))
    at = open_page(world, "participate", "pat")
    assert "泄漏扩大" not in texts(at) and "媒体来电" not in texts(at)
    drills_store.release_inject(world.db, world.director, drill_id, "i1", now=datetime.now(UTC))
    at.run()
    assert "泄漏扩大" in texts(at)
    assert "媒体来电" not in texts(at)


def test_an_evaluator_records_the_answer_to_a_released_question(world):
    drill_id = running_drill(world)
    drills_store.release_inject(world.db, world.director, drill_id, "q1", now=datetime.now(UTC))
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    at.text_area[0].set_value("10分钟内电话报告")  # inside the form: sent with its button
    next(b for b in at.button if "answer_q1" in str(b.id)).click().run()
    answers = [
        o for o in drills_store.observations(world.db, world.eva, drill_id) if o.kind == "answer"
    ]
    assert [(a.inject_id, a.note) for a in answers] == [("q1", "10分钟内电话报告")]


def test_after_the_end_an_entry_is_amended_with_a_reason_and_the_original_kept(world):
    drill_id = ended_drill_with_one_tap(world)
    at = open_page(world, "evaluate", "eva", drill_id=drill_id)
    assert not at.exception, at.exception
    next(s for s in at.selectbox if s.label == t("common.result")).set_value("partly")
    next(i for i in at.text_input if i.label == t("evaluate.amend_reason")).set_value(
        "复核录像后更正"
    )
    next(b for b in at.button if "evaluate_amend" in str(b.id)).click().run()
    kinds = [(o.kind, o.rating) for o in drills_store.observations(world.db, world.eva, drill_id)]
    assert kinds == [("item", "done"), ("amendment", "partly")]


def test_the_director_says_who_plays_a_role_and_that_participant_gets_its_injects(world):
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(world.db, world.director, design(world), now=now)
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    at = open_page(world, "drill_console", "director", drill_id=drill_id)
    field = next(w for w in at.text_input if str(w.key).startswith(f"roster_{drill_id}_r2_"))
    field.set_value("pat2")
    at.button(key="console_roster_save").click().run()
    drills_store.start_drill(world.db, world.director, drill_id, now=now)
    drills_store.release_inject(world.db, world.director, drill_id, "i2", now=now)
    seen = open_page(world, "participate", "pat2")
    assert "媒体来电" in texts(seen)


def test_the_design_page_shows_the_reveal_log_to_its_director(world):
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    at = open_page(world, "drill_design", "director", drill_id=drill_id)
    log = at.dataframe[-1].value
    assert REVEAL_EVENTS.label("created") in log.to_string() and "director" in log.to_string()


def test_a_participant_sees_a_timed_inject_the_drill_clock_released_with_no_console_open(world):
    from datetime import timedelta

    from services.clock import release_due

    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    drills_store.seal_drill(world.db, world.director, drill_id, now=datetime.now(UTC))
    drills_store.set_participants(
        world.db, world.director, drill_id, {"pat": ["r3"]}, now=datetime.now(UTC)
    )
    # started ten minutes ago: i1 (minute 5, to r3) is due
    drills_store.start_drill(
        world.db, world.director, drill_id, now=datetime.now(UTC) - timedelta(minutes=10)
    )
    assert "泄漏扩大" not in texts(open_page(world, "participate", "pat"))  # pages only read
    release_due(world.db, now=datetime.now(UTC))  # what the server's scheduler does
    assert "泄漏扩大" in texts(open_page(world, "participate", "pat"))


def test_after_the_end_the_director_downloads_the_evaluation_report(world):
    import io

    import docx as python_docx

    drill_id = ended_drill_with_one_tap(world)
    console = open_page(world, "drill_console", "director", drill_id=drill_id)
    assert not console.exception, console.exception
    # the documents are built when asked for (ui.downloads), then offered as files
    console.button(key="review_report_prepare").click().run()
    console.button(key="review_excel_prepare").click().run()
    assert not console.exception, console.exception
    keys = {str(b.key) for b in console.get("download_button")}
    assert {"review_report", "review_excel"} <= keys
    # build the same report here and open it again
    from drills.model import ClockEvent
    from drills.report_assemble import evaluation_report_bytes, report_data

    design = drills_store.load_design(world.db, world.director, drill_id)
    from db import plans_store

    plan = plans_store.load_version(world.db, world.director, design.version_id)
    events = drills_store.drill_events(world.db, world.director, drill_id)
    data, evaluation, _ = report_data(
        design,
        plan,
        drills_store.checklist_for(world.db, world.director, drill_id),
        drills_store.observations(world.db, world.director, drill_id),
        [
            ClockEvent(e.kind, e.happened_at, e.by)
            for e in events
            if e.kind in ("start", "pause", "resume", "end")
        ],
        (),
        drills_store.reveal_log(world.db, world.director, drill_id),
        lang="zh",
    )
    report = python_docx.Document(io.BytesIO(evaluation_report_bytes(data, plan)))
    assert "危化品泄漏双盲演练" in "\n".join(p.text for p in report.paragraphs)
    assert evaluation.items and evaluation.coverage is not None


def test_ending_on_the_console_keeps_scores_and_proposed_findings_at_once(world):
    from db import findings_store

    drill_id = running_drill(world)
    device_tap(open_page(world, "evaluate", "eva", drill_id=drill_id), drill_id, "c1", "done")
    outcomes = "SELECT count(*) FROM drill_item_outcomes WHERE drill_id = ?"
    console = open_page(world, "drill_console", "director", drill_id=drill_id)
    console.button(key="console_end").click().run()
    assert world.db.execute(outcomes, [drill_id]).fetchone()[0] == 0  # not before the end
    console.button(key="console_end_yes").click().run()
    assert not console.exception, console.exception
    assert not console.error
    proposed = findings_store.list_findings(world.db, world.director, drill_id)
    assert proposed  # gaps and misses of the unrecorded items at least
    items = drills_store.checklist_for(world.db, world.director, drill_id)
    assert world.db.execute(outcomes, [drill_id]).fetchone()[0] == len(items)


@pytest.mark.parametrize(
    "name, user, label",
    [
        ("drill_list", "director", "New drill"),
        ("drill_design", "director", "Seal the design"),
        ("drill_console", "director", "Newest observations"),
        ("evaluate", "eva", "Expected next"),
        ("participate", "pat", "My drill messages"),
    ],
)
def test_the_drill_screens_speak_english_when_asked(world, name, user, label):
    drill_id = (
        running_drill(world)
        if name != "drill_design"
        else drills_store.create_drill(
            world.db, world.director, design(world), now=datetime.now(UTC)
        )
    )
    at = open_page(world, name, user, drill_id=drill_id, lang="en")
    assert not at.exception, at.exception
    shown = texts(at) + "\n".join(str(b.label) for b in at.button)
    assert "⟦" not in shown
    assert label in shown


def test_the_analytics_page_shows_scored_drills_to_overseers_only(world):
    drill_id = running_drill(world)
    drill_cases.end_drill(world.db, world.director, drill_id, now=datetime.now(UTC))
    at = open_page(world, "analytics", "director")
    assert not at.exception, at.exception
    assert at.dataframe and len(at.dataframe[0].value) >= 1
    denied = open_page(world, "analytics", "pat")
    assert denied.error and not denied.dataframe


def test_the_director_adds_an_evaluator_with_the_form(world):
    base = replace(design(world), evaluators=())
    drill_id = drills_store.create_drill(world.db, world.director, base, now=datetime.now(UTC))
    at = open_page(world, "drill_design", "director", drill_id=drill_id)
    at.text_input(key="people_new_evaluator").set_value("evb")
    at.multiselect(key="people_new_roles").set_value(["r3"])
    at.button(key="people_add_evaluator").click().run()
    assert not at.exception, at.exception
    stored = drills_store.load_design(world.db, world.director, drill_id).evaluators
    assert [(e.username, e.roles) for e in stored] == [("evb", ("r3",))]


def test_a_half_filled_inject_row_is_refused_with_its_row_number_and_nothing_saved(world):
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world), now=datetime.now(UTC)
    )
    before = drills_store.load_design(world.db, world.director, drill_id).injects
    at = open_page(world, "drill_design", "director", drill_id=drill_id)
    key = f"injects_{len(before)}_{hash(before)}"  # the grid's key, as the design page names it
    at.session_state[key] = {
        "edited_rows": {},
        "added_rows": [{"content": "没有标题的情景", "kind": "message"}],
        "deleted_rows": [],
    }
    at.button(key="injects_save").click().run()
    assert any(t("drillpage.inject_needs_title", rows=5) in e.value for e in at.error)
    assert drills_store.load_design(world.db, world.director, drill_id).injects == before


def test_changed_roles_offer_to_derive_the_checklist_again_keeping_added_items(world):
    """The checklist follows the level and the roles; the director's items stay."""
    from drills.checklist import add_extra_item, derive_checklist

    plan = plans_store.load_version(world.db, world.director, world.version_id)
    first = add_extra_item(derive_checklist(plan, level="I"), "清点现场人数")
    drill_id = drills_store.create_drill(
        world.db, world.director, design(world, checklist=first), now=datetime.now(UTC)
    )
    at = open_page(world, "drill_design", "director", drill_id=drill_id)
    (roles,) = [m for m in at.multiselect if m.label == t("drillpage.roles")]
    roles.set_value(["r1", "r2"])  # r3 leaves: its step s3 is no longer expected
    at.button(key="design_basics_save").click().run()
    assert not at.exception, at.exception
    warnings = "\n".join(w.value for w in at.warning)
    assert t("drillpage.checklist_stale", added=1) in warnings
    at.button(key="checklist_regenerate").click().run()
    assert not at.exception, at.exception
    stored = drills_store.load_design(world.db, world.director, drill_id, now=datetime.now(UTC))
    assert [i.step_id for i in stored.checklist if not i.extra] == [
        i.step_id for i in derive_checklist(plan, level="I", roles=("r1", "r2"))
    ]
    assert [i.name for i in stored.checklist if i.extra] == ["清点现场人数"]
    assert t("drillpage.checklist_stale", added=1) not in "\n".join(w.value for w in at.warning)
