"""Sequencing cues of Chinese plan sentences that point back to a named earlier action."""

from __future__ import annotations

import re

from plans.extract.draft import Draft

_LABEL = re.compile(r"^[（(]?[\d一二三四五六七八九十]{1,3}[)）.、．]\s*|^[①-⑳]\s*")
_TITLE = re.compile(r"^[^，,。；;：:]{2,12}[。.](?!$)")
_BY_PLAN = re.compile(
    r"(?:按照?|根据)(?P<who>[^，。；]{2,24}?)(?:的)?(?:工作|调度|统一)?部署|"
    r"传达(?P<who2>[^，。；]{2,12}?)(?:的)?会商"
)
_FORECAST_CASE = re.compile(r"预报|预测|风险等级高")
_FORECASTS = re.compile(r"预报")
_PASSES_ON = re.compile(r"通报[^。；]{0,20}预报")
_FAILED = re.compile(
    r"(?:若|如|如果|一旦|确认)[^，。；]{0,16}?(?P<key>[\u4e00-\u9fff]{2})(?:无效|失效|失败)|"
    r"^(?:[（(]?\d{1,2}[)）])?[^，。；]{0,6}?(?P<key2>[\u4e00-\u9fff]{2})无效|"
    r"^(?:[（(]?\d{1,2}[)）])?(?:如|若)[^，。；]{0,20}无法[^，。；]{0,20}?(?P<key3>[\u4e00-\u9fff]{2})[，,]|"
    r"^(?:[（(]?\d{1,2}[)）])?(?:如|若|如果)(?P<key4>探明|查明|查清|确认|证实|判明)"
)
_EVENT = re.compile(
    r"^(?P<cond>[^。；]{2,60}?)(?:完毕|之后|以后|后)[，,]|^待(?P<wait>[^。；]{2,40}?)(?:后|时|方可)"
)
_ONSET = re.compile(r"发生|结束|终止|期间|发布|接报|接到|收到|获取")
_NAME_LIST = re.compile(r"[、和及与]")
_DEPLOYS = re.compile(r"部署|会商")
_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")
_COMMA = re.compile(r"[，,]")
# words too common in plans to tell one action from another
_COMMON = {
    "人员",
    "事故",
    "船舶",
    "现场",
    "应急",
    "部门",
    "单位",
    "工作",
    "情况",
    "进行",
    "有关",
    "相关",
    "立即",
    "及时",
    "组织",
    "采取",
    "措施",
    "处置",
    "救援",
    "得到",
    "所需",
}


def _body(text: str) -> str:
    return _TITLE.sub("", _LABEL.sub("", text.strip()))


def _same_section(drafts: list[Draft], i: int, window: int = 30) -> list[int]:
    d = drafts[i]
    return [
        j
        for j in range(max(0, i - window), i)
        if drafts[j].section == d.section and drafts[j].part == d.part
    ]


def on_deployment(drafts: list[Draft], i: int) -> list[int]:
    """ "按照省防指的调度部署…" / "传达省防指会商意见": after that body's deployment or consultation."""
    m = _BY_PLAN.search(drafts[i].text)
    if not m:
        return []
    who = m.group("who") or m.group("who2")
    names = [n for n in _NAME_LIST.split(who) if len(n) >= 2]
    for j in reversed(_same_section(drafts, i)):
        body = _body(drafts[j].text)
        deploys = _DEPLOYS.search(body) and not _BY_PLAN.search(body)
        if deploys and any(body.startswith(n[:3]) for n in names):
            return [j]
    return []


def forecast_for_consultation(drafts: list[Draft], i: int) -> list[int]:
    """A consultation called for a forecast case ("预报有强降雨的地方…组织会商") follows the forecast."""
    text = drafts[i].text
    if "会商" not in text or not _FORECAST_CASE.search(text.split("会商")[0]):
        return []
    for j in reversed(_same_section(drafts, i)):
        other = drafts[j].text
        if _FORECASTS.search(other) and not _PASSES_ON.search(other) and "会商" not in _head(other):
            return [j]
    return []


def failed_attempt(drafts: list[Draft], i: int) -> list[int]:
    """ "若堵漏无效…", "如无法控制…": follows the attempt it names."""
    m = _FAILED.search(drafts[i].text)
    if not m:
        return []
    key = m.group("key") or m.group("key2") or m.group("key3") or m.group("key4")
    for j in reversed(_same_section(drafts, i)):
        if key in drafts[j].text:
            return [j]
    return []


def after_named_event(drafts: list[Draft], i: int) -> list[int]:
    """ "现场施救完毕后…", "报警发出后…": after the earlier steps that do the named action."""
    d = drafts[i]
    m = _EVENT.match(_body(d.text))
    if not m or _ONSET.search(m.group("cond") or m.group("wait")):
        return []
    if d.sentence_prev is not None and m.group("cond"):
        return [d.sentence_prev]
    cond = _NOT_CJK.sub("", m.group("cond") or m.group("wait"))
    pairs = [cond[k : k + 2] for k in range(len(cond) - 1)]
    for candidates in (_same_section(drafts, i), _just_before(drafts, i)):
        # the same section first; then the sections just before ("（二）启动预案 … 发出疏散
        # 指令" for "（三）疏散 … 听到疏散指令后")
        for pair in reversed(pairs):
            if pair in _COMMON:
                continue
            hits = [j for j in candidates if pair in drafts[j].text and _levels_meet(d, drafts[j])]
            if hits:
                return hits[-3:]
    return []


def _levels_meet(d: Draft, other: Draft) -> bool:
    """Whether two steps can belong to one response: not when they are for different levels
    ("特别重大和重大…处置完成后" and "较大和一般…处置完成后" are alternatives)."""
    return not (d.levels and other.levels) or bool(set(d.levels) & set(other.levels))


def _just_before(drafts: list[Draft], i: int, window: int = 8) -> list[int]:
    d = drafts[i]
    return [
        j
        for j in range(max(0, i - window), i)
        if drafts[j].section != d.section and drafts[j].part == d.part
    ]


def _head(text: str) -> str:
    return _COMMA.split(text, maxsplit=1)[0]
