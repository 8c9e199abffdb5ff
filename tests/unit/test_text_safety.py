"""Text is text: user and document text shown through markdown never becomes a link or markup,
and bidirectional control characters are dropped from names and titles where they enter the
plan and drill models."""

from __future__ import annotations

import pytest

from drills.actions import CorrectiveAction
from drills.findings import Finding
from drills.model import ChecklistItem, DrillDesign, EvaluatorAssignment, Inject, Scenario
from plans.bidi import BIDI_CONTROLS, strip_bidi
from plans.model import Level, Part, Plan, Role, Section, Step, plan_from_dict, plan_to_dict
from tests.unit.markdown_links import GFM_EMAIL, GFM_URL, rendered_text
from ui.text import WORD_JOINER, md

HOSTILE = [
    "https://evil.example/login",
    "HTTP://EVIL.EXAMPLE",
    "see www.evil.example now",
    "WWW.Evil.Example",
    "mail boss@evil.example please",
    '=HYPERLINK("https://evil.example/x","点我")',
    "[点我](http://evil.example) <http://evil.example> ![x](http://evil.example/p.png)",
    "**粗体** <script>alert(1)</script> :red[红] `code` # 标题",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_url_or_address_in_user_text_becomes_a_link(text):
    shown = rendered_text(md(text))
    assert not GFM_URL.search(shown) and not GFM_EMAIL.search(shown)
    assert shown.replace(WORD_JOINER, "") == text  # reads exactly as written


def test_backslash_escapes_alone_would_not_stop_the_links():
    from ui.text import _MARKDOWN

    for text in ("https://evil.example", "www.evil.example", "boss@evil.example"):
        shown = rendered_text(_MARKDOWN.sub(r"\\\1", text))
        assert GFM_URL.search(shown) or GFM_EMAIL.search(shown)


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_characters_in_user_text_are_escaped(text):
    escaped = md(text)
    for char in "*[]()<>`#:!":
        assert escaped.count(char) == escaped.count("\\" + char)


def test_plain_text_is_left_alone_apart_from_escapes():
    assert md("危化品泄漏 演练 2026") == "危化品泄漏 演练 2026"
    assert md("两行\n文字") == "两行 文字"


# --- bidirectional controls ---

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
TRAP = f"{RLO}lave{PDF}"  # shows as "eval"


def test_every_listed_bidirectional_control_is_removed():
    listed = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
    listed += ["\u200e", "\u200f", "\u061c"]
    assert set(listed) == BIDI_CONTROLS
    assert strip_bidi("a" + "".join(listed) + "b") == "ab"
    assert strip_bidi("עברית and 中文") == "עברית and 中文"  # right-to-left letters stay


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Role("r1", TRAP, aliases=(TRAP,)), "name"),
        (lambda: Level("I", TRAP), "name"),
        (lambda: Step("s1", TRAP, "text"), "name"),
        (lambda: Part("p1", TRAP), "title"),
        (lambda: Section("h1", TRAP, 1), "heading"),
        (lambda: Plan(TRAP), "title"),
        (lambda: ChecklistItem("c1", TRAP), "name"),
        (lambda: Inject("i1", TRAP), "title"),
        (lambda: Scenario(TRAP, TRAP), "place"),
        (lambda: EvaluatorAssignment(TRAP), "username"),
        (lambda: DrillDesign(TRAP, 1, directors=(TRAP,)), "title"),
        (lambda: Finding("f1", TRAP), "title"),
        (lambda: CorrectiveAction("a1", "f1", "修订预案", TRAP, due=None), "owner"),
    ],
)
def test_names_and_titles_lose_bidirectional_controls_when_made(build, field):
    assert getattr(build(), field) == "lave"


def test_a_plan_read_from_json_loses_them_in_names_but_keeps_quoted_text():
    plan = Plan(
        f"{LRI}危化品{PDI}预案",
        roles=(Role("r1", TRAP),),
        steps=(Step("s1", TRAP, f"原文{RLO}引用", roles=("r1",)),),
    )
    again = plan_from_dict(plan_to_dict(plan))
    assert (again.title, again.roles[0].name, again.steps[0].name) == ("危化品预案", "lave", "lave")
    assert again.steps[0].text == f"原文{RLO}引用"
