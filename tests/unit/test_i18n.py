"""The translation catalogue is complete in both languages, and both say the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import i18n

ROOT = Path(__file__).resolve().parents[2]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""")
ERROR_KEY = re.compile(
    r"""(?:Error|PlanReadError|PlanValidationError)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']"""
)


def _code_files():
    for folder in ("app.py", "pages", "ui", "plans", "db", "access", "drills"):
        path = ROOT / folder
        yield from ([path] if path.is_file() else path.rglob("*.py"))


def test_every_message_exists_in_chinese_and_english():
    for key in i18n.keys():  # noqa: SIM118 - the catalogue module offers keys(), not iteration
        zh, en = i18n.t(key, lang="zh"), i18n.t(key, lang="en")
        assert zh and en, key
        assert re.search(r"[\u4e00-\u9fff]", zh) or key.startswith("lang."), f"{key} zh: {zh}"


def test_every_key_used_in_the_code_is_in_the_catalogue():
    missing = set()
    for path in _code_files():
        text = path.read_text(encoding="utf-8")
        for key in LITERAL_KEY.findall(text) + ERROR_KEY.findall(text):
            if not key.endswith(".") and not i18n.has(key):  # "x." + y: a dynamic key
                missing.add(f"{path.relative_to(ROOT)}: {key}")
    assert not missing, sorted(missing)


def _placeholders(text: str) -> set[str]:
    """The named fields of a message, a field written for one language ("kind_zh", "kind_en")
    counted as one."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return {re.sub(r"_(?:zh|en)$", "", name) for name in names}


def test_both_languages_of_a_message_use_the_same_placeholders():
    zh, en = i18n.catalogues()["zh"], i18n.catalogues()["en"]
    differ = {
        key: (sorted(_placeholders(zh[key])), sorted(_placeholders(en[key])))
        for key in zh
        if _placeholders(zh[key]) != _placeholders(en[key])
    }
    assert not differ, differ
    # and the check sees a difference when there is one
    assert _placeholders("共{n}项") != _placeholders("{count} items")


def test_a_missing_key_shows_itself_instead_of_failing_silently():
    assert i18n.t("no.such.key") == "⟦no.such.key⟧"


def test_parameters_are_filled_in_both_languages():
    assert "3" in i18n.t("plans.count", lang="zh", n=3)
    assert "3 plans" == i18n.t("plans.count", lang="en", n=3)


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
