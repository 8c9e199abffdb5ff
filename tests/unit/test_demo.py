"""The demo plans: two real Word documents, Chinese and English, describing the same plan."""

from __future__ import annotations

import io
import re

import docx
import pytest

from plans.demo import demo_documents

ZH_ROLES = (
    "应急指挥部",
    "总指挥",
    "指挥部办公室",
    "抢险救援组",
    "医疗救护组",
    "警戒疏散组",
    "环境监测组",
    "后勤保障组",
    "新闻发布组",
)
EN_ROLES = (
    "Emergency Command Headquarters",
    "Commander-in-Chief",
    "Headquarters Office",
    "Rescue Group",
    "Medical Group",
    "Cordon and Evacuation Group",
    "Environmental Monitoring Group",
    "Logistics Group",
    "Public Information Group",
)


@pytest.fixture(scope="module")
def documents() -> dict[str, tuple[str, docx.document.Document, bytes]]:
    built = demo_documents()
    return {
        lang: (name, docx.Document(io.BytesIO(data)), data)
        for lang, (name, data) in zip(("zh", "en"), built)
    }


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def body_text(document) -> str:
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_there_are_two_demo_documents_a_chinese_one_first_and_its_english_twin(documents):
    zh_name, zh, _ = documents["zh"]
    en_name, en, _ = documents["en"]
    assert zh_name.endswith(".docx") and "滨江化工园区" in zh_name
    assert en_name.endswith(".docx") and "Riverside Chemical Park" in en_name
    assert zh.paragraphs[0].style.name == "Title" and "（演示）" in zh.paragraphs[0].text
    assert en.paragraphs[0].style.name == "Title" and "(demo)" in en.paragraphs[0].text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_demo_is_a_word_document_with_heading_styles_for_its_chapters(documents, lang):
    _, document, _ = documents[lang]
    levels = {p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert levels == {"Heading 1", "Heading 2"}
    assert len([h for h in headings(document) if re.match(r"^\d+ ", h)]) >= 8


def test_both_languages_have_the_same_chapter_and_section_numbers(documents):
    numbers = {
        lang: [h.split(" ", 1)[0] for h in headings(documents[lang][1])] for lang in ("zh", "en")
    }
    assert numbers["zh"] == numbers["en"]


@pytest.mark.parametrize("lang, roles", [("zh", ZH_ROLES), ("en", EN_ROLES)])
def test_the_responsibilities_table_names_every_body_with_its_duties(documents, lang, roles):
    _, document, _ = documents[lang]
    assert len(document.tables) == 1
    table = document.tables[0]
    names = [row.cells[0].text for row in table.rows[1:]]
    for role in roles:
        assert any(name.startswith(role) for name in names), role
    assert all(len(row.cells[1].text) > 40 for row in table.rows[1:])


def test_the_chinese_table_gives_short_names_with_yixia_jiancheng(documents):
    names = [row.cells[0].text for row in documents["zh"][1].tables[0].rows]
    assert "应急指挥部（以下简称指挥部）" in names
    assert "指挥部办公室（以下简称办公室）" in names


@pytest.mark.parametrize(
    "lang, phrases",
    [
        (
            "zh",
            (
                "Ⅰ级响应",
                "Ⅱ级响应",
                "Ⅲ级响应",
                "立即",
                "10分钟内",
                "30分钟内",
                "1小时内",
                "牵头",
                "配合",
            ),
        ),
        (
            "en",
            (
                "Level I",
                "Level II",
                "Level III",
                "immediately",
                "within 10 minutes",
                "within 30 minutes",
                "within 1 hour",
                "leads",
                "supporting",
            ),
        ),
    ],
)
def test_each_demo_has_levels_time_limits_and_lead_and_support_phrasing(documents, lang, phrases):
    text = body_text(documents[lang][1])
    for phrase in phrases:
        assert phrase in text, phrase


@pytest.mark.parametrize("lang, minimum", [("zh", 3500), ("en", 12000)])
def test_each_demo_is_a_compact_plan_of_a_few_pages(documents, lang, minimum):
    assert minimum < len(body_text(documents[lang][1])) < minimum * 2


def test_building_the_demos_twice_gives_the_same_bytes():
    # the demo seeding recognises an imported demo by the hash of its bytes
    assert [data for _, data in demo_documents()] == [data for _, data in demo_documents()]


@pytest.mark.parametrize(
    "lang, min_roles, min_steps",
    [("zh", 9, 25), ("en", 9, 25)],
)
def test_importing_a_demo_yields_roles_levels_and_timed_steps(
    documents, lang, min_roles, min_steps
):
    from plans import extract

    name, _, data = documents[lang]
    plan = extract.import_document(data, name)
    assert plan.language == lang
    assert len(plan.roles) >= min_roles
    assert len(plan.levels) >= 3
    assert len(plan.steps) >= min_steps
    timed = [s for s in plan.steps if s.time_limit_min is not None]
    assert len(timed) >= 8
    assert {10, 30, 60} <= {s.time_limit_min for s in timed}
    assert sum(1 for s in plan.steps if s.levels) >= 10
