"""Bidirectional control characters, removed from names and titles where they enter the model.

Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the direction marks
(U+200E, U+200F, U+061C) change the order in which a screen shows the characters around them:
a name stored as "…lave…" behind a right-to-left override shows as "eval". Names and titles
never need them, so the model constructors of plans and drills and the account store drop them;
long text (step text, notes) is left as written.
"""

from __future__ import annotations

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, pop, overrides
    "\u2066\u2067\u2068\u2069"  # isolates and their pop
    "\u200e\u200f\u061c"  # left-to-right, right-to-left and Arabic letter marks
)
_DROP = dict.fromkeys(map(ord, BIDI_CONTROLS))


def strip_bidi(text: str) -> str:
    """The text without bidirectional control characters."""
    return text.translate(_DROP) if isinstance(text, str) else text


def strip_bidi_fields(item: object, *names: str) -> None:
    """Drop bidirectional controls from the named fields of a frozen dataclass, in its
    __post_init__; a tuple field has each of its strings cleaned."""
    for name in names:
        value = getattr(item, name)
        if isinstance(value, tuple):
            cleaned = tuple(strip_bidi(v) for v in value)
        else:
            cleaned = strip_bidi(value)
        if cleaned != value:
            object.__setattr__(item, name, cleaned)


__all__ = ["BIDI_CONTROLS", "strip_bidi", "strip_bidi_fields"]
