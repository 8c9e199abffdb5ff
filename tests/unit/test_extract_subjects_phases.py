"""Subjects after a condition, modal words that are no modals, and steps that start the response.

The plans are real .docx files built with python-docx and read back through the reader.
"""

from __future__ import annotations

import io

import docx
import pytest

from plans.checks import check_plan
from plans.extract import extract_plan, import_document
from plans.extract.context import step_phase
from plans.extract.zh.names import clean_name, subject_of
from plans.reader import read_text

LEAK = [
    (0, "化工园区储罐泄漏应急预案"),
    (1, "1 组织机构及职责"),
    (None, "应急指挥部负责统一指挥储罐泄漏事故处置。"),
    (None, "指挥部办公室负责事故信息的接收和报告。"),
    (None, "抢险救援组负责现场堵漏和人员疏散。"),
    (1, "2 信息报告"),
    (None, "指挥部办公室接到报警后向应急指挥部报告事故信息。"),
    (1, "3 应急响应"),
    (None, "应急指挥部接报后30分钟内启动应急响应。"),
    (None, "抢险救援组立即组织堵漏并疏散周边人员。"),
    (1, "4 响应终止"),
    (None, "险情消除后，应急指挥部宣布应急响应终止。"),
]

LEAK_EN = [
    (0, "Chemical Park Tank Leak Emergency Plan"),
    (1, "1 Organization and Responsibilities"),
    ("List Bullet", "Incident Commander"),
    ("List Bullet", "Command Post Office"),
    ("List Bullet", "Rescue Team"),
    (1, "2 Reporting"),
    (
        None,
        (
            "On receiving an alarm, the Command Post Office reports the incident to the "
            "Incident Commander."
        ),
    ),
    (1, "3 Emergency Response"),
    (None, "The Incident Commander activates the response within 30 minutes of the report."),
    (None, "The Rescue Team immediately stops the leak and evacuates nearby people."),
    (1, "4 Termination"),
    (None, "Once the leak is stopped, the Incident Commander declares the response over."),
]


def _docx_plan(paragraphs, name="plan.docx"):
    """Write `paragraphs` ((heading level | style | None, text)) to a .docx and import it."""
    document = docx.Document()
    for kind, text in paragraphs:
        if isinstance(kind, int):
            document.add_heading(text, kind)
        elif kind:
            document.add_paragraph(text, style=kind)
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return import_document(buffer.getvalue(), name)


@pytest.fixture(scope="module")
def leak():
    return _docx_plan(LEAK)


@pytest.fixture(scope="module")
def leak_en():
    return _docx_plan(LEAK_EN, "leak.docx")


def _step(plan, fragment):
    return next(s for s in plan.steps if fragment in s.text)


def _owners(plan, fragment):
    return [plan.role(r).name for r in _step(plan, fragment).roles]


# -- a subject after a leading condition keeps its name ------------------------------------


def test_the_subject_after_a_condition_clause_owns_the_step(leak):
    step = _step(leak, "险情消除后")
    assert _owners(leak, "险情消除后") == ["应急指挥部"]
    assert step.name == "宣布应急响应终止"
    # the condition stays in the quotation and orders the step after the measures
    assert step.text == "险情消除后，应急指挥部宣布应急响应终止。"
    assert step.phase == "termination"
    assert step.after == (_step(leak, "组织堵漏").id,)


def test_the_imported_leak_plan_has_no_step_without_owner(leak):
    codes = {f.code for f in check_plan(leak)}
    assert not codes & {"step_without_owner", "report_without_owner", "activation_without_owner"}
    assert all(s.roles for s in leak.steps)


@pytest.mark.parametrize(
    ("clause", "roles"),
    [
        ("应急指挥部宣布应急响应终止。", ["应急指挥部"]),
        ("险情消除后应急指挥部宣布应急响应终止。", ["应急指挥部"]),
        ("事故发生后现场指挥部立即组织救援。", ["现场指挥部"]),
        ("物资供应组负责调运物资。", ["物资供应组"]),
        ("后勤供应组应立即调运物资。", ["后勤供应组"]),
        ("善后处置组负责善后工作。", ["善后处置组"]),
        ("后勤保障组负责物资保障。", ["后勤保障组"]),
    ],
)
def test_subjects_are_found_after_an_event_and_with_ying_inside_a_word(clause, roles):
    assert subject_of(clause) == roles


def test_an_event_is_cut_from_a_name_but_an_adverb_is_no_event():
    assert clean_name("险情消除后应急指挥部") == "应急指挥部"
    assert clean_name("事故发生以后现场指挥部") == "现场指挥部"
    assert clean_name("分管负责同志同时兼任秘书长") == "分管负责同志同时兼任秘书长"
    assert clean_name("善后处置组") == "善后处置组"


def test_a_defined_role_opening_a_clause_acts_whatever_its_verb():
    plan = extract_plan(
        read_text(
            "储罐泄漏应急预案\n1 组织机构\n应急指挥部负责统一指挥。\n抢险救援组负责现场堵漏。\n"
            "2 应急响应\n抢险救援组立即组织堵漏。\n3 响应终止\n"
            "险情消除后应急指挥部召开总结会议。\n险情消除后，抢险救援组撤离现场。\n"
        )
    )
    assert _owners(plan, "召开总结会议") == ["应急指挥部"]
    assert _step(plan, "召开总结会议").name == "召开总结会议"
    assert _owners(plan, "撤离现场") == ["抢险救援组"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("应急广播立即发布疏散通知。", "应急广播立即发布疏散通知"),
        ("（3）应急救援人员的安全防护。", "应急救援人员的安全防护"),
        ("要求各单位立即上报情况。", "要求各单位立即上报情况"),
        ("应立即组织人员撤离。", "组织人员撤离"),
        ("必须立即切断电源。", "切断电源"),
    ],
)
def test_a_modal_is_dropped_from_a_name_but_never_the_start_of_a_word(sentence, name):
    plan = extract_plan(read_text(f"某预案\n1 应急处置\n{sentence}\n"))
    assert plan.steps[0].name == name


def test_a_modal_before_a_role_without_owner_keeps_the_role_name():
    plan = extract_plan(
        read_text(
            "某预案\n1 组织机构\n应急指挥部负责统一指挥。\n2 应急处置\n应急指挥部的指令立即下达。\n"
        )
    )
    assert plan.steps[0].name.startswith("应急指挥部")


def test_english_owner_after_a_leading_condition(leak_en):
    step = _step(leak_en, "declares the response over")
    assert _owners(leak_en, "declares the response over") == ["Incident Commander"]
    assert step.phase == "termination"
    assert step.name == "declares the response over"


# -- the step that starts the response is activation ---------------------------------------


def test_starting_the_response_is_activation_under_a_generic_response_heading(leak):
    step = _step(leak, "启动应急响应")
    assert step.phase == "activation"
    assert step.time_limit_min == 30
    assert _owners(leak, "启动应急响应") == ["应急指挥部"]
    # the other measures of the section keep the section's phase
    assert _step(leak, "组织堵漏").phase == "disposal"


def test_the_activation_follows_the_report_it_receives(leak):
    report = _step(leak, "接到报警后")
    assert report.phase == "report"
    assert report.notifies == (_step(leak, "启动应急响应").roles[0],)
    assert _step(leak, "启动应急响应").after == (report.id,)


def test_the_leak_plan_has_an_informed_activation_step(leak):
    codes = {f.code for f in check_plan(leak)}
    assert "no_activation" not in codes
    assert "activation_without_report" not in codes


def test_the_english_leak_plan_has_an_activation_step(leak_en):
    assert "no_activation" not in {f.code for f in check_plan(leak_en)}


def test_english_activating_the_response_is_activation(leak_en):
    step = _step(leak_en, "activates the response")
    assert step.phase == "activation"
    assert step.time_limit_min == 30
    assert _owners(leak_en, "activates the response") == ["Incident Commander"]
    assert _step(leak_en, "stops the leak").phase == "disposal"
    assert _step(leak_en, "reports the incident").phase == "report"


@pytest.mark.parametrize(
    "text",
    [
        "应急指挥部接报后30分钟内启动应急响应。",
        "总指挥决定启动Ⅱ级应急响应。",
        "必要时，省政府直接决定启动Ⅰ级应急响应。",
        "事发单位立即启动本预案。",
        "根据评估结果确定响应等级并启动预案。",
        "指挥部宣布启动应急响应。",
        "指挥部办公室提出启动、调整或终止应急响应的建议。",
    ],
)
def test_a_sentence_that_starts_the_response_is_activation(text):
    assert step_phase("disposal", text, "zh") == "activation"


@pytest.mark.parametrize(
    "text",
    [
        "启动应急响应后，抢险救援组立即组织堵漏。",
        "在启动Ⅰ级响应的基础上，加强值守。",
        "如需启动Ⅰ级响应，报请省政府批准。",
        "按照启动的响应级别组织处置。",
        "达到启动条件的，报告指挥部。",
        "及时启动泵站抢排。",
        "不启动应急响应。",
    ],
)
def test_a_start_named_as_condition_or_object_is_not_activation(text):
    assert step_phase("disposal", text, "zh") == "disposal"


@pytest.mark.parametrize(
    ("text", "phase"),
    [
        ("The Incident Commander activates the plan.", "activation"),
        (
            "On receiving the report, the Director activates the Emergency Operations Plan.",
            "activation",
        ),
        ("The duty officer initiates the response.", "activation"),
        ("After the IC activates the plan, teams deploy.", "disposal"),
        ("Once the plan is activated, staff report.", "disposal"),
        ("Teams initiate response actions.", "disposal"),
        ("The IC does not activate the plan.", "disposal"),
    ],
)
def test_english_activation_cues(text, phase):
    assert step_phase("disposal", text, "en") == phase


@pytest.mark.parametrize("section", ["report", "initial", "escalation", "termination", "warning"])
def test_only_a_generic_response_section_gives_way_to_the_activation_cue(section):
    assert step_phase(section, "指挥部立即启动应急响应。", "zh") == section
    assert step_phase(section, "The Commander activates the response.", "en") == section


def test_a_start_inside_a_specific_section_keeps_that_sections_phase():
    plan = extract_plan(
        read_text(
            "某预案\n1 组织机构\n应急指挥部负责统一指挥。\n事发单位负责先期处置。\n"
            "2 先期处置\n事发单位立即启动本单位应急预案。\n"
            "3 扩大响应\n应急指挥部报请市政府启动市级应急响应。\n"
        )
    )
    assert _step(plan, "本单位应急预案").phase == "initial"
    assert _step(plan, "市级应急响应").phase == "escalation"


def test_a_duty_room_is_a_role_and_owns_the_report_it_makes():
    plan = _docx_plan(
        [
            (0, "液氯储罐泄漏专项应急预案"),
            (1, "1 组织机构及职责"),
            (None, "应急指挥部负责统一指挥液氯泄漏事故处置。"),
            (None, "值班室负责事故信息的接收和报告。"),
            (1, "2 信息报告"),
            (None, "值班室接到报警后10分钟内向应急指挥部报告事故信息。"),
        ]
    )
    roles = {r.name: r.id for r in plan.roles}
    assert "值班室" in roles
    report = next(s for s in plan.steps if s.phase == "report")
    assert report.roles == (roles["值班室"],) and report.time_limit_min == 10
    assert not report.name.startswith("值班室")
