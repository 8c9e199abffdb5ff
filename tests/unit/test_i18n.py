"""The catalogue: one TOML file per locale, the same keys and placeholders in each, every key used,
one key per text and one English word per Chinese term; t() in strict and lenient mode."""

from __future__ import annotations

import ast
import logging
import re
import string
import tomllib
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

import i18n
from i18n.glossary import VOCABULARIES

ROOT = Path(__file__).resolve().parents[2]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
ERROR_KEY = re.compile(
    r"""(?:Error|PlanReadError|PlanValidationError)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']"""
)

# The labels of the glossary's vocabularies, looked up by an id known only when the code runs.
GLOSSARY_KEYS = frozenset(v.key(i) for v in VOCABULARIES.values() for i in v)
# Other keys looked up by a value known only when the code runs: pattern ("{}" is one segment
# without a dot, or any rest for audit actions) -> the file that looks them up and what the value is.
DYNAMIC = {
    "analytics.sheet.{}": "ui/analytics.py: a sheet of the workbook",
    "analytics.verdict.{}": "ui/analytics.py: whether a revision helped",
    "audit.action.{}": "pages/audit.py: an action stored in the audit log (may hold dots)",
    "checks.{}": "plans/checks.py: a finding code",
    "checks.field.{}": "plans/checks.py: the field a finding names",
    "checks.hint.{}": "plans/checks.py: a finding code",
    "cli.severity.{}": "plans/cli.py: a finding's severity",
    "diff.change.{}": "plans/diff.py: added, changed or removed",
    "doc.card.{}": "plans/export_annexes.py: a contact field of a role",
    "doc.card.own_{}": "plans/export_annexes.py: a contact field of a role",
    "doc.plan.{}": "plans/export_docx.py: a chapter of the plan",
    "doc.report.withheld.{}": "drills/report_writer.py: a blinding aspect",
    "doc.word.{}": "ui/revision.py: a column of the revision record",
    "draw.no_{}": "plans/chart_views.py: the field a chart view groups by",
    "draw.stub_{}": "plans/chart_views.py: the direction of a stub arrow",
    "drills.clock.{}": "drills/report_xlsx.py: a clock event",
    "drills_store.observation.{}": "drills/observation_rules.py: why an observation is refused",
    "drills_store.status_{}": "db/drills_lookup.py: the status that refuses an action",
    "editor.add_{}": "ui/editor.py: the kind of row added",
    "editor.from_{}": "ui/step_detail.py: where a time limit counts from",
    "editor.read_only_{}": "pages/editor.py: the status of a read-only version",
    "eval.lang.{}": "ui/review.py: the language of the documents",
    "findings.title.{}": "drills/findings.py: where a proposed finding came from",
    "lang.{}": "pages/plan_list.py: a plan's language",
    "objectives.post.{}": "ui/objectives.py: a post in the evaluation team",
    "outcome.{}": "drills/report_record.py: an item's rating or category",
    "plan.invalid.bad_{}": "plans/contacts.py: a contact field of a role",
    "plan.invalid.duplicate_{}_id": "plans/validity.py: the kind of item",
    "plan.invalid.empty_{}_id": "plans/validity.py: the kind of item",
    "revision.item.{}": "drills/revision.py: the kind of item revised",
    "revpage.item_{}": "ui/revision.py: the kind of item flagged",
    "section.kind.{}": "ui/triage.py: the kind of a document section",
    "sheet.{}": "drills/sheet_guard.py: a reader's refusal, said of a spreadsheet",
    "signoff.met.{}": "drills/report_signing.py: whether an objective was met",
    "signoff.standard.{}": "ui/review.py: the standard of the documents",
    "users.confirm_{}": "pages/users.py: the action to confirm",
    "users.confirm_{}_yes": "pages/users.py: the action to confirm",
    "users_cli.help.{}": "access/cli.py: disable or enable",
}
# Chinese words with two senses, each with its own English word.
HOMONYMS = {
    "审批发布": "the action, and the column saying who approved",
    "提交审核": "the action, and the column saying who submitted",
    "对象": "the object of an audit entry, and a lane of the timeline chart",
    "删除": "the button, and a change between versions",
    "演练": "a drill, and HSEEP's POETE element Exercise",
    "问题": "a finding, and an inject that puts a question",
    "分钟": "the minute column of a timeline, and the unit after a number",
}


def _locale_files() -> dict[str, Path]:
    return {path.stem: path for path in sorted((ROOT / "i18n" / "locales").glob("*.toml"))}


def _code_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] not in {".venv", ".git", "i18n", "tests"}:
            yield path


def _pattern(dynamic: str) -> re.Pattern:
    rest = ".+" if dynamic.startswith("audit.action.") else "[^.]+"
    return re.compile(re.escape(dynamic).replace(r"\{\}", rest) + "$")


def test_the_languages_are_the_locale_files_with_chinese_first():
    assert i18n.LANGUAGES[0] == "zh" and set(i18n.LANGUAGES) == set(_locale_files())


def test_every_locale_has_the_same_keys():
    zh = set(i18n.catalogue("zh"))
    differ = {lang: sorted(set(i18n.catalogue(lang)) ^ zh) for lang in i18n.LANGUAGES}
    assert not any(differ.values()), differ


def test_the_locale_files_parse_with_areas_and_keys_sorted_each_area_introduced():
    for lang, path in _locale_files().items():
        tables = tomllib.loads(path.read_text(encoding="utf-8"))
        assert list(tables) == sorted(tables), lang
        for area, table in tables.items():
            assert table and list(table) == sorted(table), f"{lang} [{area}]"
            assert all(isinstance(text, str) and text for text in table.values()), area
        lines = path.read_text(encoding="utf-8").splitlines()
        headers = [i for i, line in enumerate(lines) if line.startswith("[")]
        assert all(lines[i - 1].startswith("# ") for i in headers), lang


def test_every_message_in_chinese_is_chinese():
    """Chinese words, or only placeholders set in Chinese punctuation ("{item}（{field}）")."""
    for key, zh in i18n.catalogue("zh").items():
        words = re.sub(r"\{\w*\}", "", zh)
        chinese = re.search(r"[\u4e00-\u9fff]", zh) or not re.search(r"[A-Za-z]", words)
        assert chinese or key.startswith("lang."), f"{key}: {zh}"


def test_every_key_used_in_the_code_is_in_the_catalogue():
    missing = set()
    for path in _code_files():
        text = path.read_text(encoding="utf-8")
        for key in LITERAL_KEY.findall(text) + ERROR_KEY.findall(text):
            if not key.endswith(".") and not i18n.has(key):  # "x." + y: a dynamic key
                missing.add(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, sorted(missing)


def test_every_key_is_used_by_name_or_by_a_listed_dynamic_lookup():
    literals = {
        node.value
        for path in _code_files()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    patterns = [_pattern(d) for d in DYNAMIC]
    unused = [
        key
        for key in i18n.catalogue("zh")
        if key not in literals
        and key not in GLOSSARY_KEYS
        and not any(p.match(key) for p in patterns)
    ]
    assert not unused, unused


@pytest.mark.parametrize("dynamic", sorted(DYNAMIC))
def test_a_dynamic_lookup_is_where_the_list_says_and_finds_keys(dynamic):
    where = DYNAMIC[dynamic].split(":")[0]
    head = dynamic.split("{}")[0].rstrip(".")
    assert head in (ROOT / where).read_text(encoding="utf-8"), f"{head} not in {where}"
    assert any(_pattern(dynamic).match(key) for key in i18n.catalogue("zh")), dynamic


def _placeholders(text: str) -> set[str]:
    """The named fields of a message, a field written for one language ("kind_zh", "kind_en")
    counted as one."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return {re.sub(r"_(?:zh|en)$", "", name) for name in names}


def test_every_language_of_a_message_uses_the_same_placeholders():
    zh = i18n.catalogue("zh")
    differ = {
        (lang, key): (sorted(_placeholders(zh[key])), sorted(_placeholders(text)))
        for lang in i18n.LANGUAGES
        for key, text in i18n.catalogue(lang).items()
        if _placeholders(zh[key]) != _placeholders(text)
    }
    assert not differ, differ
    # and the check sees a difference when there is one
    assert _placeholders("共{n}项") != _placeholders("{count} items")


def test_a_text_has_one_key_except_in_enumerations_looked_up_by_value():
    """Two keys may say the same only when at most one of them is looked up by name: the others
    are values of enumerations (a phase and a capability area may both be 应急处置)."""
    patterns = [_pattern(d) for d in DYNAMIC]
    by_text = defaultdict(list)
    for key in i18n.catalogue("zh"):
        by_text[tuple(i18n.t(key, lang=lang) for lang in i18n.LANGUAGES)].append(key)
    named = {
        text: keys
        for text, keys in by_text.items()
        if sum(k not in GLOSSARY_KEYS and not any(p.match(k) for p in patterns) for k in keys) > 1
    }
    assert not named, named


def _words(text: str) -> str:
    """English compared without case, plural or the colon of a label."""
    words = re.findall(r"[\w']+|[^\w\s-]", text.casefold().strip(" :"))
    return " ".join(re.sub(r"(?<!s)s$", "", re.sub(r"ies$", "y", w)) for w in words)


def test_a_chinese_term_has_one_english_word():
    renderings = defaultdict(lambda: defaultdict(list))
    for key, zh in i18n.catalogue("zh").items():
        if "{" not in zh and len(zh) <= 8:
            renderings[zh][_words(i18n.t(key, lang="en"))].append(key)
    several = {
        zh: dict(words) for zh, words in renderings.items() if len(words) > 1 and zh not in HOMONYMS
    }
    assert not several, several
    assert all(len(renderings[zh]) == 2 for zh in HOMONYMS)


def test_a_missing_key_shows_itself_instead_of_failing_silently():
    assert i18n.t("no.such.key") == "⟦no.such.key⟧"


def test_a_key_missing_in_a_locale_is_shown_in_chinese(monkeypatch):
    monkeypatch.setitem(i18n._catalogues, "en", {})
    assert i18n.t("plans.count", lang="en", n=3) == i18n.t("plans.count", lang="zh", n=3)


def test_parameters_are_filled_in_both_languages():
    assert "3" in i18n.t("plans.count", lang="zh", n=3)
    assert "3 plans" == i18n.t("plans.count", lang="en", n=3)


def test_parameters_that_do_not_fit_raise_under_the_strict_switch(monkeypatch):
    monkeypatch.setenv(i18n.STRICT_VARIABLE, "1")
    with pytest.raises(i18n.MessageFormatError, match="plans.count"):
        i18n.t("plans.count", lang="en", count=3)


def test_parameters_that_do_not_fit_are_logged_and_the_text_shown_without_them(monkeypatch, caplog):
    monkeypatch.delenv(i18n.STRICT_VARIABLE, raising=False)
    with caplog.at_level(logging.WARNING, logger="i18n"):
        shown = i18n.t("plans.count", lang="en", count=3)
    assert shown == "{n} plans" and "plans.count" in caplog.text


@pytest.mark.parametrize(
    "lang, names, shown",
    [
        ("zh", ["甲", "乙", "丙"], "甲、乙和丙"),
        ("zh", ["甲", "乙"], "甲和乙"),
        ("en", ["plan owner", "approver"], "plan owner and approver"),
        ("en", ["A", "B", "C"], "A, B, and C"),
        ("en", ["A"], "A"),
        ("en", [], ""),
    ],
)
def test_names_are_listed_as_the_language_lists_them(lang, names, shown):
    assert i18n.join_names(names, lang) == shown


def test_dates_are_written_as_the_language_writes_them():
    moment = datetime(2026, 3, 5, 9, 30)
    assert i18n.format_day(date(2026, 3, 5), "zh") == "2026年3月5日"
    assert i18n.format_day(date(2026, 3, 5), "en") == "March 5, 2026"
    assert i18n.format_moment(moment, "zh") == "2026年3月5日 09:30"
    assert i18n.format_moment(moment, "en") == "March 5, 2026, 09:30"


def test_a_term_names_itself_in_the_language_of_the_moment_it_is_shown():
    term = i18n.Term("drillpage.as.evaluation_lead")
    try:
        i18n.set_language("zh")
        assert f"{term}" == "评估组长"
        i18n.set_language("en")
        assert str(term) == "evaluation lead"
    finally:
        i18n.set_language("zh")
    assert term == i18n.Term("drillpage.as.evaluation_lead") and "drillpage" in repr(term)
