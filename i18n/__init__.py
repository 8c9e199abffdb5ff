"""Translation catalogue: t(key, **params) in the reader's language, and lists and dates in it.

The messages live in one TOML file per locale, i18n/locales/<lang>.toml, one table per area of
the product (a key's first segment). The languages are the locale files present; zh is the
default and the fallback for a key another locale lacks. An unknown key shows itself ("⟦key⟧") so
tests catch it. A message whose parameters do not fit its placeholders raises MessageFormatError
when the environment sets PLANDRILL_I18N_STRICT=1 (the tests do); otherwise it is logged and shown
unformatted.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

LOCALES = Path(__file__).with_name("locales")
DEFAULT_LANGUAGE = "zh"
LANGUAGES = (
    DEFAULT_LANGUAGE,
    *sorted(p.stem for p in LOCALES.glob("*.toml") if p.stem != DEFAULT_LANGUAGE),
)
STRICT_VARIABLE = "PLANDRILL_I18N_STRICT"
_local = threading.local()
_lock = threading.Lock()
_catalogues: dict[str, dict[str, str]] = {}


class MessageFormatError(ValueError):
    """A message's placeholders and the parameters given to it do not fit."""


def read_locale(path: Path) -> dict[str, str]:
    """The messages of one locale file, keyed "area.rest"."""
    import tomllib

    with path.open("rb") as f:
        tables = tomllib.load(f)
    return {
        f"{area}.{rest}": text for area, table in tables.items() for rest, text in table.items()
    }


def catalogue(lang: str) -> dict[str, str]:
    """The messages of `lang`, read at its first use (a zh screen never reads en.toml)."""
    found = _catalogues.get(lang)
    if found is None:
        with _lock:
            found = _catalogues.get(lang)
            if found is None:
                found = _catalogues[lang] = read_locale(LOCALES / f"{lang}.toml")
    return found


def catalogues() -> dict[str, dict[str, str]]:
    """Every locale's messages: {lang: {key: text}}."""
    return {lang: catalogue(lang) for lang in LANGUAGES}


def default_language() -> str:
    lang = os.environ.get("PLANDRILL_LANG", DEFAULT_LANGUAGE).lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Set the language of this thread (each Streamlit session runs in its own thread)."""
    _local.lang = lang if lang in LANGUAGES else default_language()


def get_language() -> str:
    return getattr(_local, "lang", None) or default_language()


def has(key: str) -> bool:
    return key in catalogue(DEFAULT_LANGUAGE)


def keys() -> list[str]:
    return sorted(catalogue(DEFAULT_LANGUAGE))


def t(key: str, lang: str | None = None, **params) -> str:
    """The message for `key` in `lang` (default: this thread's language), formatted with params.

    Raises:
        MessageFormatError: under PLANDRILL_I18N_STRICT=1, when params do not fit the message.
    """
    lang = _locale(lang)
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(key)
        if text is None:
            return f"⟦{key}⟧"
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
        problem = f"message {key} ({lang}) does not fit its parameters {sorted(params)}: {exc!r}"
        if os.environ.get(STRICT_VARIABLE) == "1":
            raise MessageFormatError(problem) from exc
        import logging

        logging.getLogger(__name__).warning(problem)
        return text


def join_names(values, lang: str | None = None) -> str:
    """Names as a list in `lang` (default: this thread's): 甲、乙和丙 / A, B, and C."""
    from babel.lists import format_list

    names = [str(v) for v in values]
    return format_list(names, style="standard", locale=_locale(lang)) if names else ""


def format_day(value, lang: str | None = None) -> str:
    """A date as people read it in `lang`: 2026年3月5日 / March 5, 2026."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=_locale(lang))


def format_moment(value, lang: str | None = None) -> str:
    """A date and time to the minute, as people read it in `lang`: 2026年3月5日 09:30 /
    March 5, 2026, 09:30 (the time as the value holds it, on the 24-hour clock)."""
    from babel.core import Locale

    locale = Locale.parse(_locale(lang))
    return locale.datetime_formats["medium"].format(f"{value:%H:%M}", format_day(value, lang))


def _locale(lang: str | None) -> str:
    lang = lang or get_language()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


class Term:
    """A catalogue key standing in for its words until they are shown: an error parameter that
    names itself in the reader's language (the layer that raises never picks a language)."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def __str__(self) -> str:
        return t(self.key)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Term({self.key!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Term) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)
