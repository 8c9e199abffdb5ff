"""The `after` relation between steps: only orderings the text implies."""

from __future__ import annotations

import re

from plans.extract_zh import Draft

_ON_REPORT = re.compile(
    r"接报|接到[^，。；]{0,20}(?:报告|报警|信息|通知|指令)|获取[^，。；]{0,12}报告|收到[^，。；]{0,20}(?:报告|请求|通知)|接警"
)
_AFTER_CHECK = re.compile(r"核实后|核查后|查清|确认后|待[^，。；]{1,30}(?:后|方可|再)|方可")
_AFTER_START = re.compile(r"(?:启动|响应)[^，。；]{0,6}后|响应启动后")
_AFTER_WARNING = re.compile(r"预警(?:信息)?发布后|发布预警后|预警发出后|警报[^，。；]{0,6}后")
_AFTER_END = re.compile(
    r"(?:处置|救援|应急)(?:工作|行动)?(?:结束|终止|完毕)后|应急结束后|响应终止后"
)
_REPORTS = re.compile(r"报告|上报|报送|报警|通知|报到|求救")
_PUBLISH = re.compile(r"发布")
_START = re.compile(r"批准|启动[^，。；]{0,8}响应|决定启动")
_END = re.compile(r"结束|终止")


def _head(text: str) -> str:
    return (
        re.split(r"[，,]", text, maxsplit=1)[0]
        + "，"
        + (re.split(r"[，,]", text)[1] if "，" in text else "")
    )


def _last(
    drafts: list[Draft], i: int, test, *, window: int = 40, same_part: bool = True
) -> int | None:
    for j in range(i - 1, max(-1, i - window - 1), -1):
        if same_part and drafts[j].part != drafts[i].part:
            continue
        if test(drafts[j]):
            return j
    return None


def order(drafts: list[Draft]) -> list[list[int]]:
    """For each draft, the indexes of the drafts that must come before it."""
    after: list[list[int]] = [[] for _ in drafts]
    starts: dict[str, list[int]] = {}
    for i, d in enumerate(drafts):
        head = _head(d.text)
        preds: list[int] = []
        if d.sentence_prev is not None and re.match(
            r"^(?:并)?(?:报请|报|经)|^[^，]{0,20}后", d.text
        ):
            preds.append(d.sentence_prev)
        if _ON_REPORT.search(head):
            j = _last(
                drafts,
                i,
                lambda x: bool(_REPORTS.search(x.text)),
            )
            if j is not None:
                preds.append(j)
        if _AFTER_CHECK.search(head) and i > 0 and not preds:
            j = (
                d.sentence_prev
                if d.sentence_prev is not None
                else _last(drafts, i, lambda x, sec=d.section: x.section == sec)
            )
            if j is not None:
                preds.append(j)
        if _AFTER_WARNING.search(head):
            preds += [
                j
                for j in range(i)
                if drafts[j].phase == "warning"
                and _PUBLISH.search(drafts[j].text)
                and "预警" in drafts[j].text
            ][:4]
        if _AFTER_END.search(head):
            preds += [
                j
                for j in range(i)
                if drafts[j].phase == "termination" and _END.search(drafts[j].text)
            ][-2:]
        if _AFTER_START.search(head) and not preds:
            preds += [j for j in starts.get("any", [])][-4:]
        if not preds and d.item is not None:
            preds += _list_preds(drafts, i)
        if not preds and d.levels and d.phase in ("command", "disposal", "escalation"):
            for lv in d.levels:
                preds += starts.get(lv, [])[-1:]
        after[i] = sorted({p for p in preds if p != i})
        if d.phase == "activation" and _START.search(d.text):
            for lv in d.levels or ("any",):
                starts.setdefault(lv, []).append(i)
            starts.setdefault("any", []).append(i)
    return after


def _list_preds(drafts: list[Draft], i: int) -> list[int]:
    d = drafts[i]
    if d.parent_item is not None:
        parent = [j for j in range(i) if drafts[j].item == d.parent_item]
        if parent:
            return [parent[0]]
    if d.list_key is not None and (d.sequence or (d.list_key[0] == "sec" and d.phase != "warning")):
        prev = [
            j for j in range(i) if drafts[j].list_key == d.list_key and drafts[j].item != d.item
        ]
        if prev:
            return [prev[-1]]
    return []
