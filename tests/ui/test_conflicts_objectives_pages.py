"""Page tests: a conflict between evaluators shows on both evaluators' screens and in the lead's
panel, where the lead settles it with a reason; objectives are entered in the drill design and
rated by the lead after the drill."""

from __future__ import annotations

from datetime import UTC, datetime

from db import drills_conflicts, drills_objectives, drills_store
from drills.model import EvaluatorAssignment, Objective
from i18n import t
from tests.integration.drills_world import design, obs
from tests.ui.drill_pages import open_page, texts

BOTH_WATCH_C1 = (EvaluatorAssignment("eva", ("r2",)), EvaluatorAssignment("evb", ("r2", "r3")))


def running(world, **changes) -> int:
    now = datetime.now(UTC)
    drill = design(world, evaluators=BOTH_WATCH_C1, **changes)
    drill_id = drills_store.create_drill(world.db, world.director, drill, now=now)
    drills_store.seal_drill(world.db, world.director, drill_id, now=now)
    drills_store.start_drill(world.db, world.director, drill_id, now=now)
    return drill_id


def disagree(world, drill_id: int) -> None:
    moment = datetime.now(UTC)
    for who, rating, oid in (("eva", "done", "a"), ("evb", "not_done", "b")):
        entry = obs(
            drill_id, who, "c1", rating=rating, oid=oid, entered_at=moment, happened_at=moment
        )
        drills_store.record_observation(world.db, world.actors[who], entry)


def warnings(at) -> str:
    return "\n".join(w.value for w in at.warning)


def test_both_evaluators_see_the_conflict_on_their_screens(world):
    drill_id = running(world)
    disagree(world, drill_id)
    for who, other in (("eva", "evb"), ("evb", "eva")):
        at = open_page(world, "evaluate", who, drill_id=drill_id)
        assert not at.exception, at.exception
        shown = warnings(at)
        assert t("conflicts.evaluator_open", item="").split("“")[0] in shown
        assert t("conflicts.you", name=who) in shown and other in shown
        assert t("outcome.done") in shown and t("outcome.not_done") in shown


def test_an_evaluator_outside_the_conflict_does_not_see_it(world):
    drill_id = running(world)
    moment = datetime.now(UTC)
    entry = obs(drill_id, "eva", "c1", oid="a", entered_at=moment, happened_at=moment)
    drills_store.record_observation(world.db, world.eva, entry)
    at = open_page(world, "evaluate", "evb", drill_id=drill_id)
    assert not at.exception, at.exception
    assert t("conflicts.evaluator_hint") not in warnings(at)


def test_the_lead_settles_a_conflict_with_a_reason_in_the_console(world):
    drill_id = running(world)
    disagree(world, drill_id)
    at = open_page(world, "drill_console", "lead", drill_id=drill_id)
    assert not at.exception, at.exception
    assert t("conflicts.console_open", n=1) in warnings(at)
    at.segmented_control(key="console_conflicts_c1_outcome").set_value("partly")
    at.button(key="console_conflicts_c1_settle").click().run()
    assert t("drills_conflicts.no_reason") in [e.value for e in at.error]
    assert drills_conflicts.settled_conflicts(world.db, world.lead, drill_id) == []

    at.text_area(key="console_conflicts_c1_reason").set_value("录像显示只通知了一半单位")
    at.button(key="console_conflicts_c1_settle").click().run()
    assert not at.exception, at.exception
    (settled,) = drills_conflicts.settled_conflicts(world.db, world.lead, drill_id)
    assert (settled.outcome, settled.reason, settled.settled_by) == (
        "partly",
        "录像显示只通知了一半单位",
        "lead",
    )
    assert t("conflicts.title", n=0) in texts(at)

    phone = open_page(world, "evaluate", "eva", drill_id=drill_id)
    assert t("conflicts.evaluator_hint") not in warnings(phone)
    assert "录像显示只通知了一半单位" in texts(phone)


def test_an_evaluator_is_offered_no_settling_in_the_console(world):
    drill_id = running(world)
    disagree(world, drill_id)
    at = open_page(world, "drill_console", "director", drill_id=drill_id)
    assert any(str(b.key) == "console_conflicts_c1_settle" for b in at.button)
    at = open_page(world, "drill_console", "eva", drill_id=drill_id)
    assert not any(str(b.key) == "console_conflicts_c1_settle" for b in at.button)


def test_the_director_enters_objectives_and_criteria_in_the_design(world):
    now = datetime.now(UTC)
    drill_id = drills_store.create_drill(world.db, world.director, design(world), now=now)
    at = open_page(world, "drill_design", "director", drill_id=drill_id)
    assert not at.exception, at.exception
    at.text_area(key="objective_new_text").set_value("30分钟内完成信息报告")
    at.multiselect(key="objective_new_areas").set_value(["warning_report"])
    at.multiselect(key="objective_new_phases").set_value(["report"])
    at.button(key="objective_add_submit").click().run()
    assert not at.exception, at.exception
    at.text_area(key="design_criteria").set_value("按 AQ/T 9009-2015 评估")
    at.button(key="design_criteria_save").click().run()
    assert not at.exception, at.exception
    stored = drills_store.load_design(world.db, world.director, drill_id)
    assert stored.objectives == (
        Objective("o1", "30分钟内完成信息报告", ("warning_report",), ("report",)),
    )
    assert stored.evaluation_criteria == "按 AQ/T 9009-2015 评估"
    assert t("objectives.post.lead") in [
        v for df in at.dataframe for v in df.value.astype(str).values.ravel()
    ]


def test_the_lead_rates_an_objective_after_the_drill(world):
    drill_id = running(world, objectives=(Objective("o1", "30分钟内完成信息报告"),))
    drills_store.end_drill(world.db, world.director, drill_id, now=datetime.now(UTC))
    at = open_page(world, "drill_review", "lead", drill_id=drill_id)
    assert not at.exception, at.exception
    at.segmented_control(key="objective_o1_rating").set_value("S")
    at.text_input(key="objective_o1_note").set_value("报告晚了5分钟")
    at.button(key="objective_o1_save").click().run()
    assert not at.exception, at.exception
    (rated,) = drills_objectives.rated_objectives(world.db, world.lead, drill_id)
    assert (rated.rating.rating, rated.rating.note, rated.rating.rated_by) == (
        "S",
        "报告晚了5分钟",
        "lead",
    )
    manager = open_page(world, "drill_review", "manager", drill_id=drill_id)
    assert not manager.exception, manager.exception
    assert not any(str(b.key) == "objective_o1_save" for b in manager.button)
