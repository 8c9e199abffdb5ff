"""The `after` relation between Chinese steps: only orderings the text implies.

Listed measures are parallel unless the text says otherwise; a step follows the step that
triggers it: the report it receives, the proposal it approves, the warning or the level start
that opens its section, the alarm that opens its procedure, the stand-down for recovery work.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from plans.extract.draft import Draft
from plans.extract.zh.clauses import DECLARES_END
from plans.extract.zh.order_rules import (
    after_named_event,
    failed_attempt,
    forecast_for_consultation,
    on_deployment,
)

_ON_REPORT = re.compile(
    r"接报|接到[^，。；]{0,20}(?:报告|报警|信息|通知|指令)|获取[^，。；]{0,12}报告|"
    r"收到[^，。；]{0,20}(?:报告|请求|通知|信息)|接警"
)
_AFTER_CHECK = re.compile(r"核实后|核查后|查清|确认后|待[^，。；]{1,30}(?:后|方可|再)|方可")
_AFTER_WARNING = re.compile(
    r"预警(?:信息)?发布后|发布预警后|预警发出后|预警(?:已|正式)?启动(?:后|之后|以后)|启动[^，。；]{0,8}预警(?:后|之后|以后)"
)
_WARNING_CHANGE = re.compile(
    r"(?:调整|变更|解除|终止)[^，。；]{0,4}预警|预警[^，。；]{0,4}(?:调整|解除)"
)
_ISSUES_WARNING = re.compile(
    r"预警[^，。；]{0,12}由[^，。；]{2,30}(?:发布|启动)|(?:发布|启动)[^，。；]{0,8}预警|预警启动的决策"
)
_AFTER_END = re.compile(
    r"(?:处置|救援|应急)(?:工作|行动)?(?:结束|终止|完毕)后?|应急结束后|响应终止后|"
    r"(?:应急|抢险|抢救|救援)(?:抢险|救援|处置)?(?:工作|行动|状态)?(?:结束|终止|完毕)后"
)
_REPORTS = re.compile(r"报告|上报|报送|报警|通知|报到|求救|报至")
_START = re.compile(r"批准|决定启动|启动[^，。；]{0,8}响应")
_NOT_START = re.compile(r"建议|条件|需要启动|审核")
_ADJUSTS = re.compile(
    r"调整[^，。；]{0,6}(?:响应|级别)|扩大响应|提升[^，。；]{0,4}响应|请求支援|请求[^，。；]{0,10}支援"
)
_REVIEW = re.compile(r"审核|审定|批准|同意")
_PROPOSAL = re.compile(r"提出[^，。；]{0,16}建议|提出[^，。；]{0,6}申请|提请")
_APPROVAL_HEAD = re.compile(r"^(?:并)?(?:报请|报|经)")
_THOSE = re.compile(r"^(?:[（(]?[\d一二三四五六七八九十]+[)）.、]\s*)?(?:上述|以上|前述)")
_SO_THAT = re.compile(r"^以便|^以利")
_ALARM = re.compile(r"(?<!预)警报|报警")
_FOUND = re.compile(r"^[^，。；]{0,24}(?:发生|发现)")
_MUSTER = re.compile(r"警报|报警|各自岗位|集合|进入应急状态")
_ASSESS = re.compile(r"^[^，。；]{0,6}(?:查明|探明|判明|查清)")
_FEEDBACK = re.compile(r"根据[^，。；]{0,10}反馈")
_BY_WHOM = re.compile(r"^(?:其中[，,])?[^，。；]{0,24}由")
_COMMA = re.compile(r"[，,]")
_NUMBERING = re.compile(r"^[（(]?[\d一二三四五六七八九十]{1,3}[)）.、．]\s*")
_AT_ONCE = re.compile(r"立即|第一时间")
_DECISION = re.compile(r"(?:决定|批准|同意)(?!权)")
_PREPARES = re.compile(r"提出[^，。；]{0,16}(?:建议|申请|意见)|报请|提请|评估|研判|认定|会商")
_STARTED = re.compile(
    r"启动[^，。；]{0,24}?(?:响应|预案)(?:后|之后|以后)|(?<!预警)(?:响应|预案)(?:已|正式)?启动(?:后|之后|以后)"
)
# a step that passes word on ("…向相关地区通报"): in the same sentence, the one told to act at
# once ("所涉及地区要立即启动…") acts on that word
_ALSO = re.compile(r"^(?:并且?|同时|且)(?!在[^，,]{0,12}后)")
_PASSES_WORD = re.compile(r"通报|通知|下达|告知|传达|报告|上报")
_LEADS_TO_DECISION = re.compile(
    r"(?:同意|批准|审定|核准)(?:后|之后)$|报告[^，。；]{0,16}(?:指挥长|总指挥|主任|组长|负责人)$|"
    r"提出[^，。；]{0,16}建议$"
)
_MEASURES = ("command", "disposal", "escalation", "activation", "initial")


def order(drafts: list[Draft], receivers: list[set[str]] | None = None) -> list[list[int]]:
    """For each draft, the indexes of earlier drafts that must come before it.

    `receivers[i]` are the role ids draft i reports to (used to link "接报后" to its report).
    """
    receivers = receivers or [set() for _ in drafts]
    return _Order(drafts, receivers).run()


class _Order:
    def __init__(self, drafts: list[Draft], receivers: list[set[str]]) -> None:
        self.d = drafts
        self.receivers = receivers
        self.starts: list[int] = []  # drafts that start (or approve starting) a response
        self.ends: list[int] = []  # drafts that declare the response or the incident over
        # drafts by list and by item, in document order: a scan of all earlier drafts per draft
        # made a 100-page plan quadratic
        self.by_list: dict = {}
        self.by_item: dict = {}
        self.heads = [_head(draft.text) for draft in drafts]  # the rules look at it repeatedly
        for j, draft in enumerate(drafts):
            self.by_list.setdefault(draft.list_key, []).append(j)
            self.by_item.setdefault(draft.item, []).append(j)

    @staticmethod
    def _before(indices: list[int], i: int) -> list[int]:
        return indices[: bisect_left(indices, i)]

    def run(self) -> list[list[int]]:
        out: list[list[int]] = []
        for i, d in enumerate(self.d):
            preds = self.explicit(i) or self.structural(i)
            if not preds and d.sentence_prev is not None and _ALSO.match(d.text):
                # "接到报告后，应立即核实情况，并在10分钟内报告总指挥": the later measure of the
                # sentence has the same occasion as the first, not a later one
                preds = out[d.sentence_prev]
            out.append(sorted({p for p in preds if p < i}))
            if (
                d.phase in _MEASURES
                and _START.search(d.text)
                and _is_start(d.text)
                and not any(
                    # (a start right after another of the same levels is that start; one for
                    # a level after a start for none is the level's own: "立即启动相关预案" then
                    # "（1）一般道路交通事故：由事发地政府启动应急响应")
                    p in self.starts and (not d.levels or set(d.levels) <= set(self.d[p].levels))
                    for p in out[-1]
                )
            ):
                self.starts.append(i)
            if DECLARES_END.search(d.text) and "预警" not in d.text:
                self.ends.append(i)
        return out

    # -- orderings the text states -------------------------------------------------------

    def explicit(self, i: int) -> list[int]:
        d = self.d[i]
        head = self.heads[i]
        if d.sentence_prev is not None and (_APPROVAL_HEAD.match(d.text) or _SO_THAT.match(d.text)):
            return [d.sentence_prev]
        if (
            d.sentence_prev is not None
            and _LEADS_TO_DECISION.search(self.d[d.sentence_prev].text)
            and ((_START.search(d.text) and _is_start(d.text)) or DECLARES_END.search(d.text))
        ):
            # "…经市指挥部指挥长同意后，由市指挥部启动二级响应": the start (or the end) follows
            # the report, proposal or approval that opens its sentence
            return [d.sentence_prev]
        before = self.d[i - 1] if i else None
        if (
            before is not None
            and _DECISION.search(head)
            and (
                before.block == d.block
                and _PREPARES.search(before.text)
                or before.section == d.section
                and before.part == d.part
                and _PROPOSAL.search(before.text)
            )
        ):
            # "办公室…认定灾情达到启动条件，向委员会提出…建议。主任决定启动一级响应": the
            # decision follows the proposal or assessment right before it (in the same
            # paragraph; a proposal also from the item before, "（2）领导小组决定是否启动…")
            return [i - 1]
        if (
            d.sentence_prev is not None
            and _AT_ONCE.search(head)
            and d.roles != self.d[d.sentence_prev].roles
            and _PASSES_WORD.search(self.d[d.sentence_prev].text)
        ):
            return [d.sentence_prev]
        if _REVIEW.search(head) and _BY_WHOM.match(d.text):
            proposal = self.last(i, lambda x: bool(_PROPOSAL.search(x.text)), window=8)
            if proposal is not None:
                return [proposal]
        for rule in (
            self.after_start,
            self.on_report,
            self.after_check,
            self.after_warning,
            self.those_above,
            self.stand_down,
            self.adjust_response,
            self.recovery,
        ):
            found = rule(i)
            if found:
                return found
        for rule in (on_deployment, forecast_for_consultation, failed_attempt):
            found = rule(self.d, i)
            if found:
                return found
        decision = self.decision_on_report(i)
        if decision:
            return decision
        if _FEEDBACK.search(d.text) and d.list_key is not None:
            return [j for j in range(i) if self.d[j].list_key == d.list_key]
        if not (d.levels and d.phase in _MEASURES):
            return after_named_event(self.d, i)
        return []

    def decision_on_report(self, i: int) -> list[int]:
        """Deciding on the response follows the latest report to the one who decides ("…在10分钟内
        报告总指挥。" then "总指挥根据事故情况确定响应级别，决定启动本预案"); any other step
        follows a report to its owners right before it in the same section."""
        d = self.d[i]
        if not d.roles or not i:
            return []
        owners = set(d.roles)
        if d.phase != "activation" or not _DECIDES.search(d.text):
            # "…要及时将有关情况报告市工业和信息化局。市工业和信息化局应及时组织研判": the
            # one told acts on what they were told, in the same section
            before = self.d[i - 1]
            told = before.section == d.section and owners & self.receivers[i - 1]
            return [i - 1] if told and before.roles != d.roles else []
        for j in range(i - 1, max(-1, i - 12), -1):
            if self.d[j].part == d.part and owners & self.receivers[j]:
                return [j]
        return []

    def after_start(self, i: int) -> list[int]:
        """ "启动…响应后，…": after the start of the response, at each level it applies to (the
        latest start of each level; all levels when the step names none)."""
        if not _STARTED.search(self.heads[i]):
            return []
        return self.level_decisions(i)

    def level_decisions(self, i: int) -> list[int]:
        """The latest start of each response level before draft i (of its levels, when it has
        some); the starts that name no level when there are none."""
        d = self.d[i]
        latest: dict[str, int] = {}
        for j in self.starts:
            x = self.d[j]
            if x.part == d.part:
                for level in x.levels:
                    if not d.levels or level in d.levels:
                        latest[level] = j
        if latest:
            return sorted(set(latest.values()))
        return [j for j in self.starts if self.d[j].part == d.part][-1:]

    def on_report(self, i: int) -> list[int]:
        d = self.d[i]
        if not _ON_REPORT.search(self.heads[i]):
            return []
        owners = set(d.roles)
        if owners:
            told = [
                j
                for j in range(max(0, i - 60), i)
                if self.d[j].part == d.part and not owners.isdisjoint(self.receivers[j])
            ]
            if told:
                return told[-6:]
        j = self.last(
            i,
            lambda x: (
                x.section == d.section and bool(_REPORTS.search(x.text)) and x.roles != d.roles
            ),
        )
        return [j] if j is not None else []

    def after_check(self, i: int) -> list[int]:
        d = self.d[i]
        if not _AFTER_CHECK.search(self.heads[i]):
            return []
        if d.sentence_prev is not None:
            return [d.sentence_prev]
        j = self.last(i, lambda x, sec=d.section: x.section == sec, window=3)
        named = after_named_event(self.d, i)
        return sorted(set(named) | ({j} if j is not None else set()))

    def after_warning(self, i: int) -> list[int]:
        d = self.d[i]
        if not (
            _AFTER_WARNING.search(self.heads[i])
            or _AFTER_WARNING.search(d.lead_text)
            or _WARNING_CHANGE.search(d.text)
        ):
            return []
        issued = [
            j
            for j in range(max(0, i - 40), i)
            if self.d[j].part == d.part
            and _ISSUES_WARNING.search(self.d[j].text)
            and not _AFTER_WARNING.search(self.d[j].text + self.d[j].lead_text)
        ]
        return issued[-4:]

    def those_above(self, i: int) -> list[int]:
        """ "上述部门…": the steps of the bodies just listed."""
        d = self.d[i]
        if not _THOSE.match(d.text):
            return []
        same = [j for j in range(i) if self.d[j].block == d.block]
        if same:
            return same
        prev = self.last(i, lambda x, sec=d.section: x.section == sec, window=1)
        if prev is None:
            return []
        block = self.d[prev].block
        return [j for j in range(i) if self.d[j].block == block]

    def stand_down(self, i: int) -> list[int]:
        """Declaring the end follows the last measure of each level's (or the last) measure list."""
        d = self.d[i]
        if not DECLARES_END.search(d.text) or "预警" in d.text:
            if _AFTER_END.search(self.heads[i]) and self.ends:
                return self.latest_end(i)
            return []
        last_by_levels: dict[tuple, int] = {}
        for j in range(i):
            x = self.d[j]
            if (
                x.part == d.part
                and x.phase == "disposal"
                and j not in self.starts
                and (not (d.levels and x.levels) or set(d.levels) & set(x.levels))
            ):
                # (the end of one level's response follows that level's measures only)
                last_by_levels[x.levels] = j
        return sorted(self.first_of_item(j) for j in last_by_levels.values())

    def latest_end(self, i: int) -> list[int]:
        """The latest declared end of the response that draft i's levels share ("一般…响应终止后"
        follows the end of the general response, not the end of the major one declared after
        it); the latest end when it names no level."""
        d = self.d[i]
        ends = [j for j in self.ends if self.d[j].part == d.part]
        if d.levels:
            shared = [j for j in ends if set(self.d[j].levels) & set(d.levels)]
            if shared:
                return shared[-1:]
        return ends[-1:]

    def adjust_response(self, i: int) -> list[int]:
        d = self.d[i]
        if not _ADJUSTS.search(d.text) or "预警" in d.text:
            return []
        return [j for j in self.starts if self.d[j].part == d.part][-6:]

    def recovery(self, i: int) -> list[int]:
        d = self.d[i]
        if d.phase != "recovery" or not self.ends:
            return []
        return self.latest_end(i)

    # -- orderings the structure implies -------------------------------------------------

    def structural(self, i: int) -> list[int]:
        d = self.d[i]
        if d.phase == "termination" or _AFTER_END.search(self.heads[i]) and not self.ends:
            # the stand-down of a response follows its start, at every level it applies to
            found = self.level_decisions(i)
            if found:
                return found
        if d.levels and d.phase in _MEASURES and i not in self.starts:
            found = self.level_starts(i)
            if found:
                return found
        if d.parent_item is not None:
            parent = self._before(self.by_item.get(d.parent_item, []), i)
            if parent:
                first = parent[0]
                return self.explicit(first) if self.d[first].title_item else [first]
        if d.list_key is None or d.item is None:
            return self.after_only_start(i)
        mates = self._before(self.by_list.get(d.list_key, []), i)
        if not mates:
            return self.after_only_start(i)
        same_item = [j for j in mates if self.d[j].item == d.item]
        procedure = d.sequence or _opens_procedure(self.d[mates[0]])
        if same_item:
            # a later sentence of an item in a procedure follows the sentence before it, and so
            # does another body's clause later in its sentence ("如同意启动，则正式签发…文件，
            # 应急工作组进入待命状态"): not a clause done at the same time ("同时…")
            if procedure and not d.text.startswith("同时"):
                return same_item[-1:]
            return []
        if d.sequence:
            return mates[-1:]
        if not procedure:
            return self.after_only_start(i)
        firsts = []
        for j in mates:
            if self.d[j].item not in [self.d[k].item for k in firsts]:
                firsts.append(j)
        opening = [firsts[0]]
        for j in firsts[1:]:
            if not _MUSTER.search(self.d[j].text):
                break
            opening.append(j)
        return opening[-1:]

    def after_only_start(self, i: int) -> list[int]:
        """A measure that names no level follows the latest decision to start a response that
        names none either (an enterprise's "总指挥…决定启动本预案" then its "应急处置")."""
        d = self.d[i]
        if d.phase not in ("disposal", "command") or d.levels:
            return []
        decided = [
            j
            for j in self.starts
            if self.d[j].part == d.part and not self.d[j].levels and _DECIDES.search(self.d[j].text)
        ]
        return decided[-1:]

    def level_starts(self, i: int) -> list[int]:
        d = self.d[i]
        mine = [j for j in self.starts if self.d[j].part == d.part]
        out = [j for j in mine if set(self.d[j].levels) & set(d.levels)]
        return (out or [j for j in mine if not self.d[j].levels])[-4:]

    # -- helpers -------------------------------------------------------------------------

    def last(self, i: int, test, *, window: int = 40) -> int | None:
        for j in range(i - 1, max(-1, i - window - 1), -1):
            if self.d[j].part == self.d[i].part and test(self.d[j]):
                return j
        return None

    def first_of_item(self, j: int) -> int:
        item = self.d[j].item
        if item is None:
            return j
        return next(k for k in range(j + 1) if self.d[k].item == item)


def _is_start(text: str) -> bool:
    """Whether a step starts (or decides to start) a response: not a proposal, a condition or a
    review of one, unless the sentence goes on to the decision ("提出启动…的建议，…报…决定")."""
    hold = _NOT_START.search(text)
    return hold is None or bool(_DECIDES.search(text, hold.end()))


_DECIDES = re.compile(r"(?:决定|批准)(?!权)")


def _head(text: str) -> str:
    parts = _COMMA.split(text)
    return "，".join(parts[:2])


def _opens_procedure(d: Draft) -> bool:
    """The first item of a list that raises the alarm or assesses the damage opens a procedure."""
    body = _NUMBERING.sub("", d.text)
    return bool(
        _ALARM.search(body)
        or (_FOUND.search(body) and _REPORTS.search(body) and _AT_ONCE.search(body))
        or _ASSESS.search(body)
    )
