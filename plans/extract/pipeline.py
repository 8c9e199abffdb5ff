"""Extract a Plan (roles, levels, steps, parts, sections) from document Blocks; import a document."""

from __future__ import annotations

import re
from pathlib import PurePath

from plans.extract_context import contexts
from plans.extract_en import EnglishExtractor
from plans.extract_levels import extract_levels
from plans.extract_order import order
from plans.extract_order_en import order_en
from plans.extract_roles import RoleRegistry
from plans.extract_sections import find_parts, plan_kind, plan_title, sections
from plans.extract_text import clear_memos
from plans.extract_zh import ChineseExtractor, Draft
from plans.model import Block, Plan, Source, Step
from plans.reader import detect_language, read_document
from plans.timelimits import step_time_fields

__all__ = ["STAGES", "extract_plan", "import_document"]

STAGES = (
    "extract.stage.read",
    "extract.stage.structure",
    "extract.stage.roles",
    "extract.stage.steps",
    "extract.stage.done",
)
# whom a step reports to; a lookahead, so that one candidate ("报警后向…") does not swallow the
# next ("向应急指挥部报告")
_NOTIFY = re.compile(
    r"(?=(?:向|通知|报告|上报|报送|通报|报)(?P<who>[^，。；、]{2,30}?)"
    r"(?:报告|通报|报送|求救|请求|和|及|、|，|。|$))"
)
_OFFICE = re.compile(r"办公室$|办$")
_NUMBERING = re.compile(r"^[（(]?[\dA-Za-z一二三四五六七八九十]{1,3}[)）.、．]\s*|^[①-⑳]\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONDITION = re.compile(r"^[^，,]{0,20}(?:后|时)[，,]")
# a modal or adverb opening the action ("应立即…"), one at a time; never the start of a word
# (应急, 要求, 须知, 负责人)
_MODAL = re.compile(
    r"^(?:应当|应该|应(?!急)|要(?!求|素|害|点)|须(?!知)|必须|负责(?!人|同志)|立即|及时)"
)
_NAME_END = re.compile(r"[，,。；;：:]")
# what opens a clause before its action: its basis, occasion or object ("根据灾情需要，",
# "按照…要求", "在接到报告时", "对于…的")
_LEADING_BASIS = re.compile(
    r"^(?:根据|按照|依照|依据|按|对于|针对|结合)[^，,。；]{1,30}?(?:，|,|的(?:要求|规定|需要)，?)"
    r"|^在[^，,。；]{1,24}?(?:时|后|中|期间)[，,]?"
)
_PASSIVE = re.compile(r"^(?P<obj>[^，,。；由]{2,16})由")
_OCCASION = re.compile(
    r"(?:的|时|后|前|下|中|期间|以上|以下)$|^(?:对|在|如|若|当|遇|凡|根据|按照|依照|为了|为)"
)
# a good place to cut a long label: after a list or object boundary, never inside a word
_CUT = re.compile(r"[、和及与并]|(?<=[的了])")
_EN_NAME_END = re.compile(r"[.;:]")
_EN_CONDITION = re.compile(
    r"^(?:once|when|whenever|after|if|upon|on|as soon as)\b[^,]{1,80},\s*", re.IGNORECASE
)
_EN_MODAL = re.compile(r"^(?:shall|will|must|should)\s+(?:then\s+)?", re.IGNORECASE)


def import_document(
    data: bytes, filename: str, *, max_bytes: int | None = None, progress=None
) -> Plan:
    """Read an uploaded document and extract its plan; `progress(fraction, stage_key)` if given.

    Raises:
        PlanReadError: the document cannot be read (see plans.reader.read_document).
    """
    report = progress or (lambda fraction, stage: None)
    report(0.0, STAGES[0])
    blocks = read_document(data, filename, max_bytes=max_bytes)
    return extract_plan(blocks, filename=filename, progress=report)


def extract_plan(blocks: list[Block], *, filename: str = "", progress=None) -> Plan:
    """The plan that `blocks` describe; every role, level and step points back to its block."""
    report = progress or (lambda fraction, stage: None)
    # the memoised text helpers start empty for each document (no carry-over between imports)
    clear_memos()
    report(0.3, STAGES[1])
    language = detect_language(blocks)
    ctxs = contexts(blocks, language)
    parts, block_parts = find_parts(blocks)
    reg = RoleRegistry()
    report(0.5, STAGES[2])
    if language == "en":
        english = EnglishExtractor(reg)
        drafts = english.run(blocks, ctxs, block_parts)
        names = {rid: [e.name, *e.aliases] for rid, e in reg.entries.items()}
        befores = order_en(drafts, english.en.find, names, english.flow_sections)
    else:
        drafts = ChineseExtractor(reg).run(blocks, ctxs, block_parts)
        offices = [(rid, e.parent) for rid, e in reg.entries.items() if _OFFICE.search(e.name)]
        befores = order(drafts, [_receivers(d, reg, offices) for d in drafts])
    report(0.7, STAGES[3])
    levels = extract_levels(blocks, block_parts)
    level_ids = {lv.id for lv in levels}
    roles = reg.roles()
    new = reg.renumbered
    steps = []
    for i, d in enumerate(drafts):
        owners = tuple(dict.fromkeys(new[r] for r in d.roles if r in new))
        support = tuple(
            dict.fromkeys(new[r] for r in d.support if r in new and new[r] not in owners)
        )
        times = step_time_fields(d.limit)
        steps.append(
            Step(
                id=f"s{i + 1}",
                name=step_name(d, reg),
                text=d.text,
                roles=owners,
                phase=d.phase,
                time_limit_min=d.time,
                levels=tuple(lv for lv in d.levels if lv in level_ids),
                after=tuple(f"s{j + 1}" for j in befores[i]),
                source=Source(d.block, d.source),
                part=d.part,
                support=support,
                notifies=_notifies(d, reg, new, owners),
                time_text=d.time_text or times["time_text"],
                time_from=times["time_from"] if d.time is not None else "T0",
                time_parts=times["time_parts"],
                frequency_min=times["frequency_min"],
            )
        )
    warnings = []
    if not steps:
        warnings.append("extract.no_steps")
    if not roles:
        warnings.append("extract.no_roles")
    if not levels:
        warnings.append("extract.no_levels")
    if not any(b.kind == "heading" for b in blocks):
        warnings.append("extract.no_structure")
    title = plan_title(blocks) or PurePath(filename).stem
    report(1.0, STAGES[4])
    return Plan(
        title=title,
        language=language,
        kind=plan_kind(title, parts),
        roles=tuple(roles),
        levels=tuple(levels),
        steps=tuple(steps),
        parts=tuple(parts),
        sections=tuple(sections(blocks, block_parts)),
        warnings=tuple(warnings),
    )


def step_name(d: Draft, reg: RoleRegistry, limit: int = 18) -> str:
    """A short label: the action without numbering, condition and subject, cut at a comma."""
    text = _NUMBERING.sub("", d.text)
    if _CJK.search(text):
        for rid in d.roles:
            entry = reg.entries.get(rid)
            for name in ([entry.name] + entry.aliases) if entry else []:
                if name and name in text[:40]:
                    text = text.split(name, 1)[1] if text.find(name) < 25 else text
                    break
        text = _CONDITION.sub("", text)
        text = _LEADING_BASIS.sub("", text)
        pieces = [p for p in _NAME_END.split(text) if p.strip()]
        while len(pieces) > 1 and _OCCASION.search(pieces[0]):
            # "对造成重大人员伤亡的灾害事件，…", "灾情稳定前，…": the occasion, not the action
            pieces = pieces[1:]
        text = _strip_modals(_without_owner("，".join(pieces), d, reg).lstrip("，,：: 、"), reg)
        pieces = [p for p in _NAME_END.split(text) if p.strip()]
        name = pieces[0] if pieces else ""
        passive = _PASSIVE.match(_NAME_END.split(_NUMBERING.sub("", d.text))[0])
        if len(name) <= 3 and passive:
            # "蓝色预警由办公室发布" → "发布蓝色预警"
            name = name + passive.group("obj")
        elif len(name) <= 3 and len(pieces) > 1:
            # a bare 同意/决定/配合 says nothing: the action it governs follows
            name = name + "，" + pieces[1]
        return _cut_at_word(name, limit) or d.text[:limit]
    words = _en_action(text, d, reg).split()
    return " ".join(words[:8])


def _without_owner(text: str, d: Draft, reg: RoleRegistry) -> str:
    """`text` without the owner's name that opens it ("应急管理部门要及时…" → "要及时…")."""
    for rid in d.roles:
        entry = reg.entries.get(rid)
        for name in sorted(([entry.name] + entry.aliases) if entry else [], key=len, reverse=True):
            if name and text.startswith(name):
                return text[len(name) :]
    return re.sub(
        r"^(?:各级|县级以上|有关|相关)?[\u4e00-\u9fff]{0,8}(?:部门|单位|政府)(?=要|应|须)", "", text
    )


def _cut_at_word(text: str, limit: int) -> str:
    """`text` cut to about `limit` characters at a list or object boundary, not mid-word."""
    if len(text) <= limit:
        return text
    cuts = [m.start() for m in _CUT.finditer(text, 0, limit + 1) if m.start() >= limit // 2]
    return text[: cuts[-1]] if cuts else text[:limit]


def _en_action(text: str, d: Draft, reg: RoleRegistry) -> str:
    """The first sentence of an English step from its action on: without a leading condition
    ("Once the leak is stopped, "), the owner that opens the main clause and a modal verb."""
    first = _EN_NAME_END.split(text)[0]
    condition = _EN_CONDITION.match(first)
    rest = first[condition.end() :] if condition else first
    names = [n for rid in d.roles if rid in reg.entries for n in _names_of(reg, rid)]
    for name in sorted(names, key=len, reverse=True):
        m = re.match(rf"(?:the\s+)?{re.escape(name)}\s+(?=[a-z])", rest, re.IGNORECASE)
        if m:
            return _EN_MODAL.sub("", rest[m.end() :], count=1).strip() or first
    # a condition before a clause of its own ("When the IC arrives, Staff …") stays
    return first if condition and rest[:1].isupper() else rest.strip() or first


def _names_of(reg: RoleRegistry, rid: str) -> list[str]:
    entry = reg.entries[rid]
    return [n for n in (entry.name, *entry.aliases) if n]


def _strip_modals(text: str, reg: RoleRegistry) -> str:
    """`text` without the modal words that open it, stopping at a role's name ("应急指挥部…")."""
    names = None
    while m := _MODAL.match(text):
        if names is None:
            names = [n for e in reg.entries.values() for n in (e.name, *e.aliases) if n]
        if any(text.startswith(n) for n in names):
            break
        text = text[m.end() :]
    return text


def _receivers(d: Draft, reg: RoleRegistry, offices: list[tuple[str, str | None]]) -> set[str]:
    """Roles the step reports to, with their offices (an office receives its body's reports).

    `offices`: (role id, parent id) of the registry's offices, in registry order."""
    out: set[str] = set()
    for m in _NOTIFY.finditer(d.text):
        rid = reg.find(m.group("who"))
        if rid and rid not in d.roles:
            out.add(rid)
    if out:
        for rid, parent in offices:
            if parent in out:
                out.add(rid)
    return out


def _notifies(d: Draft, reg: RoleRegistry, new: dict[str, str], owners: tuple) -> tuple[str, ...]:
    out: list[str] = []
    for m in _NOTIFY.finditer(d.text):
        rid = reg.find(m.group("who"))
        if rid and rid in new and new[rid] not in owners and new[rid] not in out:
            out.append(new[rid])
    return tuple(out)
