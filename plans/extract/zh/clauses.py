"""Clauses of Chinese step sentences: conditions, titles, continuations and deadline splits."""

from __future__ import annotations

import re

from plans.extract.text import per_document
from plans.extract.vocab import alternation, words
from plans.extract.zh.names import subject_of
from plans.timelimits import find_time_limit, read_time

# verbs that make a clause an action (vocab/actions.txt)
ACTION = re.compile(alternation(words("zh", "actions")))

# teams named inside a clause ("大副率领堵漏队和隔离队的队长", "组织消防队进行扑救")
TEAMS = re.compile(
    r"(?P<verb>率领|带领|组织|派出|调派|指派)(?P<teams>[\u4e00-\u9fff]{1,6}?(?:队|小组)"
    r"(?:[和、及与][\u4e00-\u9fff]{1,6}?(?:队|小组))*)(?![伍长员])"
)
SCENE = re.compile(r"^(?:发现)?(?P<name>[\u4e00-\u9fff]{2,8}?)(?:发生|出现)(?!后)")
REVIEWED = re.compile(r"由[^，。；]{2,30}(?:审核|审定|研究|会商|提出)")
CONDITIONS = re.compile(
    r"(?:情况|情形|条件)之一|(?:条件|情形)(?:如下|为)[：:]$|"
    r"(?:符合|满足|具备|出现|具有|有)(?:以下|下列|如下)[^，。；：:]{0,8}(?:情形|情况|条件)|"
    # a lead to the kinds of event a body handles ("还负责处置如下突发事件："): cases, no steps
    r"(?:以下|下列|如下)[^，。；：:]{0,8}(?:事件|事故|灾害|险情|灾情)[：:]$|"
    # a lead to what a report holds ("调查评估报告包括以下基本内容：", "报警内容如下："): contents
    r"(?:报告|内容|信息|材料|记录)[^，。；：:]{0,8}(?:包括|如下)(?:以下|下列|如下)?[^，。；：:]{0,6}[：:]$"
)
# a sentence that opens with the lead to conditions and goes on with them in the same paragraph
# ("出现下列情形之一时，启动Ⅰ级响应：（1）…；（2）…。"): the head up to the colon, and the rest
_INLINE_CONDITIONS = re.compile(
    r"^(?P<head>[^：:]*?(?:以下|下列|如下)[^：:]*?[：:])(?P<rest>.*\S.*)$"
)
# the same for the contents of a report or notice ("报告内容包括：单位名称…；…。"): not steps
_INLINE_CONTENTS = re.compile(
    r"^(?P<head>[^：:]*?内容(?:主要)?(?:包括|如下|为)[：:])(?P<rest>.*\S.*)$"
)
# the time allowed from an occasion ("签发后1小时内"): still the occasion, not an action
_WITHIN = r"(?:[\d一二三四五六七八九十两半]+个?(?:小时|分钟|日|天|工作日)(?:之|以)?内)?"
ONLY_CONDITION = re.compile(rf"(?:后|时|前|期间|之后|以后|情况下){_WITHIN}$")
TITLE_ITEM = re.compile(r"^[^，,。；;：:]{2,12}[。.](?!$)")
CONDITION = re.compile(
    r"^(?:当|如|若|如果|一旦|凡|对于?|根据|按照|依据|在|经|为|因|接到|接报|发生|遇有?|待)|"
    rf"(?:后|时|前|的|期间|之后|以后|情况下|需要|(?:处置|救援|应急|工作|行动)(?:结束|完毕|终止)){_WITHIN}[，,]?$|"
    # a state the next measure waits for ("事故现场得到控制，", "火势已经扑灭，")
    r"(?:得到|受到)(?:有效)?控制[，,]?$|(?:已|已经)(?:基本|完全)?(?:消除|解除|扑灭|控制|结束)[，,]?$|"
    # a state the measure answers ("酒店应急救援力量无法实施救援，"): what cannot be done
    r"(?:无法|不能|难以|不足以)[\u4e00-\u9fff]{0,6}?(?:处置|控制|救援|应对|扑灭|满足|实施|抢救)[，,]?$|"
    # the place a measure is for ("预报有强降雨的地方，", "…影响的沿海地区，"): where, not what
    r"的[\u4e00-\u9fff]{0,4}(?:地方|地区|区域|地带)[，,]?$"
)


# a declaration that the response (or its warning) ends: "宣布应急响应结束", "下达应急终止指令"
DECLARES_END = re.compile(r"(?:宣布|决定|下达)[^，。；]{0,12}(?:终止|结束|解除)")
_PROMPT = re.compile(r"^(?:立即|第一时间|马上)")
_CASE = re.compile(r"^(?:因|对于?|若|如果?)[^，,]{2,}[，,]?$")
_NUMBER = re.compile(r"^[（(]?[\dA-Za-z一二三四五六七八九十]{1,3}[)）.、．]|^[①-⑳]")


# a later part of a report's deadline: its time, the manner, and the report itself, no actor
_LATER_PART = re.compile(
    r"^(?:并|再|且)?(?:于|在)?[\d一二三四五六七八九十两半个.]+\s*(?:分钟|小时|个小时|日|天)(?:以|之)?内"
    r"(?:以)?(?:书面|电话|口头|传真|网络)?(?:形式|方式)?(?:续报|补报|报告|上报|报送|核报)"
    r"[^，,。；;]{0,12}[。；;]?$"
)
_REPORTS_IN = re.compile(r"报告|上报|报送|报")
# a report received is the occasion, not the step's own report ("接到报告后，应立即核实…")
_REPORT_RECEIVED = re.compile(r"(?:接到|收到|接获|得到)[^，,。；;]{0,10}?(?:报告|报警|上报)|接报")


def new_deadline(group: list[str], clause: str) -> bool:
    """A clause of the same actor with another deadline or case starts a step of its own.

    `group`: the clauses of the step so far; its deadline is the first one a clause states
    (each clause's reading is memoised, the joined text's would not be)."""
    after = find_time_limit(clause)
    before = next((found for c in group if (found := find_time_limit(c)) is not None), None)
    if before is None and after is None:
        return False
    if before is not None and after is not None:
        reported = _REPORTS_IN.search(_REPORT_RECEIVED.sub("", "".join(group)))
        if _LATER_PART.match(clause.strip()) and reported:
            # "30分钟内电话报告，1小时内书面报告": two parts of one report's deadline
            return False
        return before.minutes != after.minutes
    if before is None and after is not None:
        # "每日向省防指报告…，发生重大险情应在1小时内报到省防指": a report at a frequency
        # and one due by a deadline are two obligations
        return bool(_PROMPT.match(clause)) or any(
            (read := read_time(c)) is not None and read.frequency_min for c in group
        )
    if before is not None:
        return bool(_CASE.match(clause))
    return False


def inline_conditions(pieces: list[str]) -> tuple[list[str], bool]:
    """The sentences with the conditions that follow a lead in the same paragraph left out
    ("出现下列情形之一时，启动Ⅰ级响应：（1）…；（2）…。" keeps only "出现下列情形之一时，启动Ⅰ级响应："):
    conditions are not steps, nor are the contents of a report ("报告内容包括：…；…。"). They run to the first full stop not followed by a further item.
    Also whether any were left out."""
    out: list[str] = []
    inside = closed = found = False
    for piece in pieces:
        if inside:
            if not closed or _NUMBER.match(piece):
                closed = piece.endswith(("。", "."))
                continue
            inside = False
        m = _INLINE_CONDITIONS.match(piece)
        if not (m and CONDITIONS.search(m.group("head"))):
            m = _INLINE_CONTENTS.match(piece)
        if m:
            out.append(m.group("head"))
            inside = found = True
            closed = piece.endswith(("。", "."))
            continue
        out.append(piece)
    return out, found


# a lead to the measures that follow in the same paragraph ("…开展以下工作：市公安局负责…；…")
_INLINE_LEAD = re.compile(
    r"^(?P<head>[^：:]*?(?:以下|下列|如下)[^：:，,。；]{0,12}[：:])(?P<rest>\S.*)$"
)


def split_inline_leads(pieces: list[str]) -> list[str]:
    """A sentence that opens with a lead to measures and goes on with them is split after the
    lead ("…开展以下工作：" | "市公安局负责…"), so that each measure keeps its own actor; leads
    to conditions and contents are left to inline_conditions."""
    out: list[str] = []
    for piece in pieces:
        m = _INLINE_LEAD.match(piece)
        if m and not CONDITIONS.search(m.group("head")) and not _INLINE_CONTENTS.match(piece):
            out.extend([m.group("head"), m.group("rest")])
        else:
            out.append(piece)
    return out


def join_continuations(pieces: list[str], text: str) -> list[str]:
    """A sentence opening with "并" (and no subject of its own) continues the sentence before it."""
    out: list[str] = []
    for piece in pieces:
        if out and piece.startswith("并") and not subject_of(piece[1:]) and out[-1] + piece in text:
            out[-1] = out[-1] + piece
        else:
            out.append(piece)
    return out


# a clause that only says by which rule or principle the next one acts ("…应按“先报后核”的原则，
# 第一时间上报", "按照属地管理的要求，…"): a manner, not an action of its own
_MANNER = re.compile(
    r"(?:按|按照|依照|依据|遵循|本着|根据)[^，,。；;]{1,40}?的?(?:原则|要求|规定|精神|程序)[，,]?$"
)


@per_document
def action_clause(clause: str) -> bool:
    clause = TITLE_ITEM.sub("", _NUMBER.sub("", clause.strip()), count=1)
    attributive = _ATTRIBUTIVE.match(clause)
    if attributive and subject_of(clause):
        # "发生洪水地区的市级防指应每日报告…": the event describes the actor, it is no occasion
        clause = clause[attributive.end() :]
    return acts([clause]) and not CONDITION.search(clause) and not _MANNER.search(clause)


# an event that only describes the actor named after it ("发生事故的单位", "受灾地区的县级政府")
_ATTRIBUTIVE = re.compile(r"^(?:发生|遭受|受)[^，,。；;：:时后]{1,12}的")


def acts(parts: list[str]) -> bool:
    text = "".join(parts)
    return any(
        not (m.group() == "报" and m.start() and text[m.start() - 1] in _REPORT_NOUNS)
        for m in ACTION.finditer(text)
    )


# 报 ending a noun (警报, 情报, 简报, 日报, 快报, 公报, 海报) reports nothing
_REPORT_NOUNS = frozenset("警情简日快公海画")


def aliases_in(text: str):
    from plans.extract.zh.names import find_aliases

    return find_aliases(text)
