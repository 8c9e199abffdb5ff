"""Section context of each block: heading path, phase of the section, response levels it covers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plans.extract_text import per_document
from plans.model import Block

# Sections without steps: general provisions, organisation, preparedness and administration.
_NO_STEPS_ZH = re.compile(
    r"总则|编制目的|编制依据|适用范围|工作原则|指导思想|组织(?:指挥)?(?:体系|机构|架构|机制)|职责|"
    r"风险(?:评估|分析|描述)|风险事件|(?:事故|事件)(?:分级|分类)|分级标准|危害程度|保障|培训|演练|宣教|"
    r"宣传|预案管理|管理与更新|附则|附件|奖励|责任追究|解释|实施时间|修订|备案|监测预测|监测与预测|"
    r"预防(?!预警|和预警|与预警)|准备|支撑|队伍建设|物资|经费|资金|基础数据|防御方案|抗旱预案|"
    r"指挥图|术语|定义|名词|概况|基本情况|目录"
)
_PHASES_ZH: tuple[tuple[str, re.Pattern], ...] = (
    ("escalation", re.compile(r"扩大响应|扩大应急|响应升级")),
    ("termination", re.compile(r"终止|应急结束|响应结束|结束|解除")),
    ("warning", re.compile(r"救助准备|响应准备")),
    (
        "recovery",
        re.compile(
            r"后期处置|善后|恢复|重建|总结评估|调查评估|事故调查|灾后|保险理赔|社会救助|评估"
        ),
    ),
    ("public_info", re.compile(r"信息发布|新闻发布|舆情|新闻报道")),
    ("initial", re.compile(r"先期处置|先期响应|初期处置")),
    ("disposal", re.compile(r"响应(?:行动|措施)$|应急行动$")),
    (
        "activation",
        re.compile(r"响应启动|启动|分级响应|响应分级|[ⅠⅡⅢⅣ一二三四1-4]级(?:应急)?响应|响应级别"),
    ),
    ("command", re.compile(r"指挥(?:与|和)?协调|指挥调度|现场指挥|应急联动|社会动员")),
    ("report", re.compile(r"信息报告|信息报送|报告|报送|接报")),
    ("warning", re.compile(r"预警|监测预报|救助准备|响应准备")),
    ("disposal", re.compile(r"处置|救援|措施|应急响应|响应|程序|流程|行动|抢险|救治|救护")),
)
# Sections without steps in English plans: general matter, organisation, grading, preparedness and
# document administration (the chapter words of emergency operations, incident-response and
# contingency plans).
_NO_STEPS_EN = re.compile(
    r"^(?:[\dA-Z]{1,3}[.)]\s*)*(?:[\d.]+\s+)?(?:description|responsibilit|mission|location|"
    r"material|purpose|scope|introduction|overview|background|definitions?|glossary|terms|"
    r"acronyms|abbreviations|training|exercis|testing|maintenance|references?|authorit|"
    r"organi[sz]ation|staffing|equipment|supplies|resources|supplementary|annex|appendix|"
    r"attachment|severity|severities|priorit(?:y|ies)\b|classification|categor|"
    r"(?:incident |response |alert |severity |priority )?levels\b|level definitions|roles?\b|"
    r"team members|"
    r"contacts?|contact list|call tree|objectives?|policy|policies|assumptions|"
    r"concept of operations|document|revision|approval|distribution|record of changes|"
    r"how (?:this|we|to use)|plan (?:maintenance|review|updates?)|lessons learned process)",
    re.IGNORECASE,
)
_PHASES_EN: tuple[tuple[str, re.Pattern], ...] = (
    (
        "termination",
        re.compile(
            r"demobili|deactivat|stand[- ]?down|termination|close[- ]?out|closing|closure|"
            r"\bend(?:ing)? of (?:the )?(?:emergency |incident )?response|"
            r"\bresponse (?:end|closure)\b|reconstitut|\bresolv|\bresolution",
            re.IGNORECASE,
        ),
    ),
    (
        "recovery",
        re.compile(
            r"recover|restor|after[- ]action|post[- ]?(?:incident|event|mortem)|aftermath|"
            r"aftercare|retrospective|follow[- ]up|lessons learned|after the \w+",
            re.IGNORECASE,
        ),
    ),
    (
        "public_info",
        re.compile(
            r"public information|\bmedia\b|\bpress\b|communicat|status updates?", re.IGNORECASE
        ),
    ),
    ("report", re.compile(r"\breport|\bnotif|\bescalation (?:path|contacts)", re.IGNORECASE)),
    ("warning", re.compile(r"\bwarning|\balert|\bwatch\b|\bdetect|\bidentif", re.IGNORECASE)),
    (
        "activation",
        re.compile(
            r"immediate|initial|initiat|activation|\bactivat|first hour|start[- ]?up|declar|"
            r"triage|mobili[sz]|"
            r"^(?:[\d.]+\s+)?(?:response levels?|levels? of response|level (?:[1-4]|i{1,3}|iv) response$)",
            re.IGNORECASE,
        ),
    ),
    ("escalation", re.compile(r"escalat", re.IGNORECASE)),
    (
        "disposal",
        re.compile(
            r"continuing|ongoing|actions?|procedures?|tasks?|checklist|duties during|steps?\b|"
            r"response measures|measures|playbook|runbook|assess|investigat|diagnos|contain|"
            r"eradicat|mitigat|remediat|respond|evacuat|shelter|"
            # a heading that is only "(Emergency) Response", not a team's ("Response Team")
            r"^(?:[\d.]+\s+)?(?:emergency\s+|incident\s+)?response(?:\s+(?:phase|operations))?$",
            re.IGNORECASE,
        ),
    ),
)

# A step whose own action starts the response or the plan ("启动Ⅱ级应急响应", "启动本预案",
# "宣布启动…", "activates the plan"): activation, even under a heading that only says
# "response" or "measures". Not a start named as a condition ("启动应急响应后，…",
# "如需启动…", "after the IC activates the plan, …"), nor its conditions or level ("启动条件",
# "启动的级别").
_STARTS_ZH = re.compile(
    r"(?:启动|启用)(?:[、或和及][\u4e00-\u9fff]{2}){0,3}"
    r"(?:本|相应|相关|[^，,。；;、的]{0,10}?)(?:应急)?(?:响应|预案)"
    r"(?!后|时|前|以后|之后|期间|条件|标准|级别|措施|行动|的(?!建议|请求|申请|决定|命令|指令))"
    r"|宣布(?:启动|进入)[^，,。；;]{0,12}?(?:响应|预案|应急状态)"
)
_STARTS_EN = re.compile(
    r"\b(?:activat(?:es?|ing)|initiat(?:es?|ing)|invok(?:es?|ing)|launch(?:es|ing)?|"
    r"start(?:s|ing)?|declares?\s+the\s+start\s+of)\s+(?:the|this|its|an?)?\s*"
    r"(?:[\w-]+\s+){0,3}?(?:plan|response|EOP)\b"
    r"(?!\s+(?:actions?|measures|teams?|operations|tasks|activities|efforts|resources|personnel))",
    re.IGNORECASE,
)
# what makes the start a condition of the clause it stands in
_START_IF_ZH = re.compile(r"(?:当|如|若|如果|假如|一旦|待|凡|需|需要|不|未|无需|是否|能否)$")
_START_IF_EN = re.compile(
    r"\b(?:after|upon|on|once|when|whenever|if|unless|until|before|following|whether|not)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[，,；;。:：.]")


def step_phase(section_phase: str, text: str, language: str) -> str:
    """The phase of a step in a section of `section_phase`: the section decides, except that a
    step whose own action starts the response is activation in a section that maps to disposal."""
    if section_phase != "disposal":
        return section_phase
    pattern, condition = (
        (_STARTS_EN, _START_IF_EN) if language == "en" else (_STARTS_ZH, _START_IF_ZH)
    )
    for m in pattern.finditer(text):
        clause = _CLAUSE_END.split(text[: m.start()])[-1]
        if not condition.search(clause):
            return "activation"
    return section_phase


_ROMAN = {
    "Ⅰ": "I",
    "Ⅱ": "II",
    "Ⅲ": "III",
    "Ⅳ": "IV",
    "I": "I",
    "II": "II",
    "III": "III",
    "IV": "IV",
    "一": "I",
    "二": "II",
    "三": "III",
    "四": "IV",
    "1": "I",
    "2": "II",
    "3": "III",
    "4": "IV",
}
_LEVEL_MARK = re.compile(
    r"(?P<list>(?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四1-4])(?:[、，,和及至与或-](?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四1-4]))*)"
    r"\s*级(?:及以上|以上)?(?:应急)?响应"
)
_GRADE = re.compile(
    r"(特别重大|重特大|重大|较大|一般)(?:及以上)?(?=[\u4e00-\u9fff]{0,8}(?:事故|事件|灾害|险情|级|响应|突发))"
)
_WARNING = re.compile(r"(红色|橙色|黄色|蓝色)")
_EN_LEVEL = re.compile(
    r"\b[Ll]evels?\s+(?P<list>(?:IV|III|II|I|[1-4])\b(?:\s*(?:,|and|or|to)\s*(?:IV|III|II|I|[1-4])\b)*)"
    r"(?:\s+or\s+(?:higher|above))?"
)
_W_IDS = {"红色": "W1", "橙色": "W2", "黄色": "W3", "蓝色": "W4"}
_G_IDS = {
    "特别重大": ("I",),
    "重特大": ("I", "II"),
    "重大": ("II",),
    "较大": ("III",),
    "一般": ("IV",),
}
_ORDER = ("I", "II", "III", "IV")
_LIST_GLUE = re.compile(r"[、，,和及至与或-]")
_EN_LIST_GLUE = re.compile(r"\s*(?:,|and|or|to)\s*")
_OR_HIGHER = re.compile(r"or (?:higher|above)", re.IGNORECASE)


@per_document
def levels_in(text: str, *, grades: bool = True) -> tuple[str, ...]:
    """Response/warning level ids named in `text`: "Ⅰ、Ⅱ级应急响应" → ("I", "II"); "较大及以上" → III..I."""
    found: list[str] = []
    for m in _LEVEL_MARK.finditer(text):
        parts = _LIST_GLUE.split(m.group("list"))
        ids = [_ROMAN[p] for p in parts if p in _ROMAN]
        if "至" in m.group("list") or "-" in m.group("list"):
            a, b = sorted(_ORDER.index(i) for i in ids[:2])
            ids = list(_ORDER[a : b + 1])
        if "以上" in m.group(0) and ids:
            ids = list(_ORDER[: _ORDER.index(ids[-1]) + 1])
        found.extend(ids)
    if grades and not found:
        for m in _GRADE.finditer(text):
            ids = list(_G_IDS[m.group(1)])
            if "及以上" in m.group(0):
                ids = list(_ORDER[: _ORDER.index(ids[-1]) + 1])
            found.extend(ids)
    if "预警" in text:
        found.extend(_W_IDS[c] for c in _WARNING.findall(text))
    for m in _EN_LEVEL.finditer(text):
        for part in _EN_LIST_GLUE.split(m.group("list")):
            key = part.strip().upper()
            if key in _ROMAN:
                found.append(_ROMAN[key])
        if _OR_HIGHER.search(m.group(0)) and found:
            found.extend(_ORDER[: _ORDER.index(found[-1])])
    out: list[str] = []
    for i in found:
        if i not in out:
            out.append(i)
    return tuple(out)


@dataclass
class Context:
    """What the headings above a block say about it."""

    headings: list[Block] = field(default_factory=list)
    phase: str | None = None  # None: a section without steps
    levels: tuple[str, ...] = ()
    section: int | None = None  # index of the innermost heading


# an English heading that names a team or post ("Communications Team", "Demobilization Unit"):
# its own sections decide, the phase words in its name do not
_ROLE_HEADING_EN = re.compile(
    r"\b(?:team|lead|leader|officer|commander|manager|coordinator|director|position|scribe|"
    r"unit|group|section|branch|staff|liaison|specialist|supervisor|chief)s?\s*:?$",
    re.IGNORECASE,
)


def heading_phase(text: str, language: str) -> tuple[bool, str | None]:
    """(decided, phase): decided is False when the heading says nothing about steps."""
    if language == "en":
        if _ROLE_HEADING_EN.search(text.strip()):
            return False, None
        if _NO_STEPS_EN.search(text.strip()):
            return True, None
        for phase, pattern in _PHASES_EN:
            if pattern.search(text):
                return True, phase
        return False, None
    for phase, pattern in _PHASES_ZH:
        if pattern.search(text) and not (phase == "disposal" and _NO_STEPS_ZH.search(text)):
            return True, phase
    if _NO_STEPS_ZH.search(text):
        return True, None
    return False, None


def contexts(blocks: list[Block], language: str) -> list[Context]:
    """One Context per block; the blocks below the same headings share one (read-only) Context."""
    out: list[Context] = []
    stack: list[Block] = []
    ctx = None
    for b in blocks:
        if b.kind == "heading" and b.style != "Title":
            while stack and stack[-1].level >= b.level:
                stack.pop()
            stack.append(b)
            ctx = None
        if ctx is None:
            ctx = _context(stack, language)
        out.append(ctx)
    return out


def _context(stack: list[Block], language: str) -> Context:
    ctx = Context(headings=list(stack), section=stack[-1].index if stack else None)
    for h in reversed(stack):
        decided, phase = heading_phase(h.text, language)
        if decided:
            ctx.phase = phase
            break
    for h in reversed(stack):
        lv = levels_in(h.text)
        if lv:
            ctx.levels = lv
            break
    return ctx
