"""Response levels (Ⅰ–Ⅳ, 特别重大–一般) and warning levels (红橙黄蓝 → W1–W4) with their conditions."""

from __future__ import annotations

import re
from dataclasses import replace

from plans.extract.context import ROMAN_LEVELS, levels_in
from plans.model import Block, Level, Source

_RESPONSE = re.compile(r"^(?P<name>(?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四])级(?:应急)?响应)")
_GRADE = re.compile(
    r"^(?P<name>(?:特别重大|重大|较大|一般)[\u4e00-\u9fff]{0,12}?(?:事故|事件|灾害|险情))"
)
_WARN = re.compile(
    r"(?P<name>(?:[一二三四]级|[ⅠⅡⅢⅣ]级)?[（(]?(?:红色|橙色|黄色|蓝色)[）)]?预警|(?:红色|橙色|黄色|蓝色)预警)"
)
_EN = re.compile(r"^(?P<name>level\s+(?:[1-4]|i{1,3}|iv)\b[^.:]{0,30})", re.IGNORECASE)
_EN_IDS = {
    "1": "I",
    "2": "II",
    "3": "III",
    "4": "IV",
    "i": "I",
    "ii": "II",
    "iii": "III",
    "iv": "IV",
}
_ORDER = ("I", "II", "III", "IV", "W1", "W2", "W3", "W4")
# a severity or priority scale of an English plan ("SEV-1", "Sev 2", "P1", "Severity 3", "Tier 1")
_SEVERITY = re.compile(
    r"^(?P<name>(?:sev(?:erity)?|priority|p|tier|category|cat|level)[\s-]*(?P<n>[1-4]|i{1,3}|iv)\b.*)$",
    re.IGNORECASE,
)
_SEVERITY_WORDS = {
    "critical": "I",
    "high": "II",
    "medium": "III",
    "moderate": "III",
    "low": "IV",
    # activation levels of an emergency operations centre (Full, Partial, Monitoring)
    "full": "I",
    "partial": "II",
    "monitoring": "III",
}
# "Partial Activation: any emergency that …", "SEV-2 – a major feature is down"
_EN_LEVEL_ITEM = re.compile(
    r"^(?P<name>[A-Za-z][\w-]*(?:\s[A-Za-z0-9][\w-]*){0,2}(?:\s*\([^()]{1,30}\))?)"
    r"\s*(?:[:：]|\s[–—-])\s*(?P<cond>\S.*)$"
)


def severity_item(text: str, heading: str) -> Level | None:
    """A level defined by an item under a heading about levels or severity ("Partial
    Activation: any emergency that needs several agencies"); None otherwise. Source unset."""
    if not _SEVERITY_HEADING.search(heading):
        return None
    m = _EN_LEVEL_ITEM.match(text.strip())
    if not m:
        return None
    name = m.group("name")
    sev = _SEVERITY.match(name)
    if sev:
        lid = _EN_IDS.get(sev.group("n").lower())
    else:
        lid = _SEVERITY_WORDS.get(name.split()[0].lower())
    if lid is None:
        return None
    return Level(lid, name, m.group("cond")[:300], Source(-1, text), None)


_SEVERITY_HEADING = re.compile(r"severit|priorit|\blevels?\b|classification|categor", re.IGNORECASE)


_ZH_GRADE_CELL = re.compile(
    r"^(?:(?P<roman>[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四])级|(?P<grade>特别重大|重大|较大|一般)|"
    r"(?P<colour>红色|橙色|黄色|蓝色))"
)


def _graded_row(b: Block, part, response: dict, grades: dict, warnings: dict):
    """A row of a grading table ("Ⅰ级（特别重大） | 造成30人以上死亡…", "红色 | 可能发生…"):
    the level it names, with the rest of the row as its condition."""
    cells = [c.strip() for c in b.cells or () if c.strip()]
    if len(cells) < 2 or len(cells[0]) > 20:
        return []
    m = _ZH_GRADE_CELL.match(cells[0])
    if not m:
        return []
    condition = "；".join(cells[1:])[:300]
    source = Source(b.index, b.text)
    if m.group("colour"):
        wid = {"红色": "W1", "橙色": "W2", "黄色": "W3", "蓝色": "W4"}[m.group("colour")]
        name = cells[0] if "预警" in cells[0] else cells[0] + "预警"
        return [(Level(wid, name, "预警级别：" + condition, source, part), warnings)]
    if m.group("roman"):
        ids = levels_in(m.group(0) + "响应")
        store = response
    else:
        ids = list(_G_IDS_ZH[m.group("grade")])
        store = grades
    if len(ids) != 1:
        return []
    return [(Level(ids[0], cells[0], condition, source, part), store)]


# a grading sentence ("应急响应分为Ⅰ级、Ⅱ级、Ⅲ级和Ⅳ级", "预警级别分为红色、橙色、黄色和蓝色")
_GRADED_AS = re.compile(
    r"响应(?:级别|等级)?[^。；：]{0,40}?(?:划分为|分为|设定为|确定为|设为)"
    r"(?P<list>(?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四])级(?:[、和及](?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四])级)+)"
)
# "突发公共卫生事件划分为特别重大（Ⅰ级）、重大（Ⅱ级）、较大（Ⅲ级）和一般（Ⅳ级）四级"
_GRADE_NAMED = r"(?:特别重大|重大|较大|一般)[（(](?:[ⅠⅡⅢⅣ]|IV|III|II|I)级[）)]"
_EVENTS_GRADED_AS = re.compile(
    r"(?:事件|事故|灾害|灾情|险情)[^。；：]{0,40}?(?:划分为|分为)"
    rf"(?P<list>{_GRADE_NAMED}(?:[、和及]{_GRADE_NAMED})+)"
)
_WARNED_AS = re.compile(
    r"预警(?:级别|等级)?[^。；：]{0,40}?(?:划)?分为[^。；]{0,20}?"
    r"(?P<list>(?:红色|橙色|黄色|蓝色)(?:[、和及](?:红色|橙色|黄色|蓝色)){1,3})"
)
_COLOURS = {"红色": "W1", "橙色": "W2", "黄色": "W3", "蓝色": "W4"}
_G_IDS_ZH = {"特别重大": ("I",), "重大": ("II",), "较大": ("III",), "一般": ("IV",)}


def _severity_row(b: Block, part: str | None) -> Level | None:
    """A row of a severity table ("SEV-1 | Critical: the whole service is down")."""
    cells = [c.strip() for c in b.cells or () if c.strip()]
    if len(cells) < 2 or len(cells[0]) > 30:
        return None
    m = _SEVERITY.match(cells[0])
    if m:
        lid = _EN_IDS.get(m.group("n").lower())
    else:
        lid = _SEVERITY_WORDS.get(cells[0].lower().rstrip(":"))
    if lid is None:
        return None
    return Level(lid, cells[0], " ".join(cells[1:])[:300], Source(b.index, b.text), part)


def _body(block: Block) -> str:
    text = block.text
    if block.label and text.startswith(block.label):
        text = text[len(block.label) :]
    return re.sub(r"^[\d.．、\s]+", "", text).strip()


def _condition(blocks: list[Block], i: int, rest: str) -> str:
    rest = rest.strip(" ：:。")
    if rest:
        return rest[:300]
    for b in blocks[i + 1 : i + 3]:
        if b.kind == "heading":
            break
        return b.text[:300]
    return ""


def _worded(level: Level) -> bool:
    """Whether a level is named by a severity word ("High", "Partial Activation")."""
    first = level.name.split()[0].lower().strip("*:") if level.name.split() else ""
    return first in _SEVERITY_WORDS


def extract_levels(blocks: list[Block], parts: list[str | None]) -> list[Level]:
    """The plan's levels, response levels first, then warning levels, in I..IV, W1..W4 order."""
    response: dict[str, Level] = {}
    grades: dict[str, Level] = {}
    warnings: dict[str, Level] = {}
    listed: dict[str, Level] = {}  # levels named only in a grading sentence
    listed_w: dict[str, Level] = {}
    heading = ""
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            heading = b.text
        if b.kind == "table_row" and _SEVERITY_HEADING.search(heading):
            level = _severity_row(b, parts[i])
            if level is not None:
                response.setdefault(level.id, level)
        if b.kind == "table_row":
            for level, store in _graded_row(b, parts[i], response, grades, warnings):
                store.setdefault(level.id, level)
        if b.kind == "table_row" or b.style == "toc":
            continue
        body = _body(b)
        item = severity_item(body, heading) if b.kind in ("list_item", "paragraph") else None
        if item is not None:
            response.setdefault(
                item.id, replace(item, source=Source(b.index, b.text), part=parts[i])
            )
            continue
        for pattern, store in ((_RESPONSE, response), (_GRADE, grades)):
            m = pattern.match(body)
            if not m:
                continue
            ids = levels_in(m.group("name"))
            if len(ids) != 1 or ids[0] in store:
                continue
            if b.kind != "heading" and not re.match(r"^[^，。]{2,20}[：:]", body):
                continue
            rest = body[m.end() :]
            store[ids[0]] = Level(
                ids[0],
                m.group("name"),
                _condition(blocks, i, rest),
                Source(b.index, b.text),
                parts[i],
            )
        m = _EN.match(body)
        if m and b.kind == "heading":
            key = re.search(r"([1-4]|iv|i{1,3})\b", m.group("name"), re.IGNORECASE).group(1).lower()
            lid = _EN_IDS[key]
            response.setdefault(
                lid,
                Level(
                    lid,
                    m.group("name").strip(),
                    _condition(blocks, i, ""),
                    Source(b.index, b.text),
                    parts[i],
                ),
            )
        if "预警" in body:
            for m in _WARN.finditer(body):
                ids = [x for x in levels_in(m.group("name")) if x.startswith("W")]
                if len(ids) == 1 and ids[0] not in warnings:
                    warnings[ids[0]] = Level(
                        ids[0],
                        m.group("name"),
                        "预警级别：" + body[:200],
                        Source(b.index, b.text),
                        parts[i],
                    )
        graded = _GRADED_AS.search(body) if "为" in body else None
        if graded:
            # "应急响应分为Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级四个等级": levels no heading of their own defines
            # keep the sentence as their source
            for grade in re.findall(
                r"(?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四])(?=级)", graded.group("list")
            ):
                ids = levels_in(f"{grade}级响应")
                if len(ids) != 1:
                    continue
                lid = ids[0]
                name = f"{grade}级响应"
                listed.setdefault(lid, Level(lid, name, "", Source(b.index, b.text), parts[i]))
        events = _EVENTS_GRADED_AS.search(body) if "分为" in body else None
        if events:
            # the grades of the incident, which the response levels follow where none are named
            for name in re.findall(_GRADE_NAMED, events.group("list")):
                lid = ROMAN_LEVELS[re.search(r"(IV|III|II|I|[ⅠⅡⅢⅣ])级", name).group(1)]
                grades.setdefault(lid, Level(lid, name, "", Source(b.index, b.text), parts[i]))
        warned = _WARNED_AS.search(body) if "分为" in body else None
        if warned:
            colours = re.findall(r"红色|橙色|黄色|蓝色", warned.group("list"))
            for colour in colours:
                wid = _COLOURS[colour]
                listed_w.setdefault(
                    wid, Level(wid, f"{colour}预警", "", Source(b.index, b.text), parts[i])
                )
    for lid, level in listed.items():
        if response or not grades:
            response.setdefault(lid, level)
    for wid, level in listed_w.items():
        warnings.setdefault(wid, level)
    if response and "I" not in response and all(_worded(lv) for lv in response.values()):
        # "High, Medium, Low": the highest level a plan names is its first
        ordered = sorted(response.values(), key=lambda lv: _ORDER.index(lv.id))
        response = {lid: replace(lv, id=lid) for lid, lv in zip(_ORDER, ordered)}
    chosen = response or grades
    out = list(chosen.values()) + list(warnings.values())
    return sorted(out, key=lambda lv: _ORDER.index(lv.id) if lv.id in _ORDER else 99)


_OF_INCIDENTS = r"(?:\s+(?:and|or|to)\s+[A-Z][\w-]*|,\s*[A-Z][\w-]*)*\s+(?:severity\s+)?(?:incidents?|events?|emergenc(?:y|ies)|outages?|breach(?:es)?|level)\b"


def named_levels(text: str, levels: list[Level]) -> tuple[str, ...]:
    """The worded levels an English step names for the incidents it applies to ("For Critical and
    High incidents, …", "during a Critical incident"): their ids, in the plan's order."""
    out = []
    for level in levels:
        word = level.name.strip()
        if not re.fullmatch(r"[A-Z][\w-]{1,20}", word):
            continue
        named = rf"\b{re.escape(word)}(?![\w-])"
        if re.search(named + _OF_INCIDENTS, text) or re.search(
            rf"\b(?:[Ff]or|[Dd]uring|[Ii]n|[Oo]n)\s+(?:an?\s+|any\s+|every\s+)?{named}", text
        ):
            out.append(level.id)
    return tuple(out)
