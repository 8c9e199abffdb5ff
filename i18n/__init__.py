"""Translation catalogue: t(key, **params) in zh (default) or en.

Messages live in i18n/messages/<area>.py as MESSAGES = {"key": ("中文", "English")}; every module
there is merged at first use. A missing key shows itself ("⟦key⟧") so tests can catch it.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import threading

LANGUAGES = ("zh", "en")
_local = threading.local()
_catalogue: dict[str, tuple[str, str]] | None = None


def _load() -> dict[str, tuple[str, str]]:
    global _catalogue
    if _catalogue is None:
        from i18n import messages

        merged: dict[str, tuple[str, str]] = {}
        for info in pkgutil.iter_modules(messages.__path__):
            module = importlib.import_module(f"i18n.messages.{info.name}")
            for key, pair in module.MESSAGES.items():
                if key in merged:
                    raise ValueError(f"duplicate message key {key} in {info.name}")
                merged[key] = pair
        _catalogue = merged
    return _catalogue


def default_language() -> str:
    lang = os.environ.get("PLANDRILL_LANG", "zh").lower()[:2]
    return lang if lang in LANGUAGES else "zh"


def set_language(lang: str) -> None:
    """Set the language of this thread (each Streamlit session runs in its own thread)."""
    _local.lang = lang if lang in LANGUAGES else default_language()


def get_language() -> str:
    return getattr(_local, "lang", None) or default_language()


def has(key: str) -> bool:
    return key in _load()


def t(key: str, lang: str | None = None, **params) -> str:
    """The message for `key` in `lang` (default: this thread's language), formatted with params."""
    pair = _load().get(key)
    if pair is None:
        return f"⟦{key}⟧"
    text = pair[1] if (lang or get_language()) == "en" else pair[0]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def join_names(values, lang: str | None = None) -> str:
    """Names as a list in `lang` (default: this thread's): 甲、乙、丙 / A, B, C."""
    return ("、" if (lang or get_language()) != "en" else ", ").join(str(v) for v in values)


def keys() -> list[str]:
    return sorted(_load())


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
