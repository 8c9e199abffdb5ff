"""One number parser for both languages: Chinese numerals, Arabic digits, English words."""

from __future__ import annotations

import re

import pytest

from plans.numerals import EN_NUMBER, ZH_NUMBER, parse_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一百二十", 120),
        ("三百六十五", 365),
        ("二十四", 24),
        ("十五", 15),
        ("十", 10),
        ("两", 2),
        ("零", 0),
        ("一百零五", 105),
        ("一百二", 120),  # the spoken short form of 一百二十
        ("一千零一", 1001),
        ("两万五", 25000),
        ("十万", 100000),
        ("二〇二五", 2025),
        ("一个半", 1.5),
        ("两个半", 2.5),
        ("半", 0.5),
        ("2个半", 2.5),
        ("30", 30),
        ("1.5", 1.5),
        ("３０", 30),  # full-width digits
        ("one", 1),
        ("seven", 7),
        ("thirteen", 13),
        ("twenty", 20),
        ("forty-five", 45),
        ("forty five", 45),
        ("Twenty-One", 21),
        ("a", 1),
        ("an", 1),
        ("half", 0.5),
        ("half an", 0.5),
        ("one and a half", 1.5),
        ("two and a half", 2.5),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("a dozen", 12),
    ],
)
def test_a_written_number_is_read(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "text",
    [
        "",
        "十十",
        "百十百",
        "万",
        "三四",
        "一两",
        "几",
        "数十",
        "several",
        "a couple",
        "forty-fifteen",
    ],
)
def test_an_approximate_or_malformed_number_is_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("pattern", "sentence", "found"),
    [
        (ZH_NUMBER, "应在一个半小时内到达", "一个半"),
        (ZH_NUMBER, "三百六十五天", "三百六十五"),
        (ZH_NUMBER, "半小时", "半"),
        (EN_NUMBER, "within forty-five minutes", "forty-five"),
        (EN_NUMBER, "within one and a half hours", "one and a half"),
        (EN_NUMBER, "within seventeen days", "seventeen"),
    ],
)
def test_the_number_patterns_find_a_whole_number_in_a_sentence(pattern, sentence, found):
    match = re.search(pattern, sentence, re.IGNORECASE)
    assert match and match.group() == found and parse_number(found) is not None
