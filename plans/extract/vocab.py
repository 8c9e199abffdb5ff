"""The language packs' vocabularies, kept as data files beside each pack (`<pack>/vocab/`):
word lists (`*.txt`, one entry a line) and section kinds (`sections.tsv`), `#` starting a
comment. Every entry must hold for plans in general: a standard's word, or one seen in more
than one kind of plan."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def _lines(path: Path) -> list[str]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("  #", 1)[0].rstrip() if not raw.startswith("#") else ""
        if line.strip():
            out.append(line.strip("\n"))
    return out


@cache
def words(pack: str, name: str) -> tuple[str, ...]:
    """The entries of `<pack>/vocab/<name>.txt`, in file order."""
    return tuple(line.strip() for line in _lines(_ROOT / pack / "vocab" / f"{name}.txt"))


def alternation(entries: tuple[str, ...] | list[str]) -> str:
    """A regular-expression alternation of literal entries, the longest first."""
    return "|".join(re.escape(w) for w in sorted(set(entries), key=len, reverse=True))


# the phases of a response's own measures: a heading inside them names a measure, not a stage
RESPONSE_PHASES = frozenset({"initial", "activation", "command", "disposal", "escalation"})


class SectionKinds:
    """What a heading says about the blocks below it, from a pack's `sections.tsv`."""

    def __init__(self, rows: list[tuple[str, re.Pattern]]) -> None:
        self.rows = rows
        self.none = [pattern for kind, pattern in rows if kind == "none"]

    def classify(self, heading: str, within: str | None = None) -> tuple[bool, str | None]:
        """(decided, phase): `(True, None)` for a section without steps, `(False, None)` when
        the heading says nothing about steps (the headings above it decide).

        `within`: the phase the headings above decided; a `kind~` row (a word that also names
        a measure: 恢复运行, restore service) does not take a section out of a response."""
        text = heading.strip()
        for kind, pattern in self.rows:
            if pattern.search(text):
                if kind.endswith("~"):
                    if within in RESPONSE_PHASES:
                        continue
                    kind = kind[:-1]
                if kind.endswith("?"):
                    if any(p.search(text) for p in self.none):
                        continue
                    kind = kind[:-1]
                if kind == "undecided":
                    return False, None
                return True, None if kind == "none" else kind
        return False, None


@cache
def section_kinds(pack: str, *, ignore_case: bool = False) -> SectionKinds:
    flags = re.IGNORECASE if ignore_case else 0
    rows = []
    for line in _lines(_ROOT / pack / "vocab" / "sections.tsv"):
        kind, pattern = line.split("\t", 1)
        rows.append((kind.strip(), re.compile(pattern, flags)))
    return SectionKinds(rows)


@cache
def topics(pack: str, *, ignore_case: bool = False) -> tuple[tuple[str, re.Pattern], ...]:
    """(kind, pattern) rows of `<pack>/vocab/topics.tsv`: what a section without steps is about."""
    flags = re.IGNORECASE if ignore_case else 0
    rows = []
    for line in _lines(_ROOT / pack / "vocab" / "topics.tsv"):
        kind, pattern = line.split("\t", 1)
        rows.append((kind.strip(), re.compile(pattern, flags)))
    return tuple(rows)


_NUMBER = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+[章节部分篇]|[（(]?[一二三四五六七八九十\d.]+[)）.、．]?)\s*"
)


def topic_of(rows: tuple[tuple[str, re.Pattern], ...], heading: str) -> str | None:
    """The first topic whose pattern is found in `heading` (its own numbering left out)."""
    text = _NUMBER.sub("", heading.strip())
    for kind, pattern in rows:
        if pattern.search(text):
            return kind
    return None
