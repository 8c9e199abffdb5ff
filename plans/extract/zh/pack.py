"""The Chinese language pack: GB/T 29639 chapter vocabulary, subjects at clause start, 接报后…
triggers, 一、（一）1. numbering."""

from __future__ import annotations

import re

from plans.extract.context import Context, starts_unconditionally
from plans.extract.draft import Draft
from plans.extract.registry import RoleRegistry
from plans.extract.vocab import section_kinds, topic_of, topics
from plans.extract.zh import naming
from plans.extract.zh.order import order
from plans.extract.zh.steps import ChineseExtractor
from plans.model import Block

# A step whose own action starts the response or the plan ("启动Ⅱ级应急响应", "启动本预案",
# "宣布启动…", "activates the plan"): activation, even under a heading that only says
# "response" or "measures". Not a start named as a condition ("启动应急响应后，…",
# "如需启动…", "after the IC activates the plan, …"), nor its conditions or level ("启动条件",
# "启动的级别").
_STARTS = re.compile(
    r"(?:启动|启用)(?:[、或和及][\u4e00-\u9fff]{2}){0,3}"
    r"(?:本|相应|相关|[^，,。；;、的]{0,10}?)(?:应急)?(?:响应|预案)"
    r"(?!后|时|前|以后|之后|期间|条件|标准|级别|措施|行动|的(?!建议|请求|申请|决定|命令|指令))"
    r"|宣布(?:启动|进入)[^，,。；;]{0,12}?(?:响应|预案|应急状态)"
)
# a lead-in to what a piece of information or a report holds ("相关信息包括：", "报告内容如下：")
_CONTENTS_LEAD = re.compile(
    r"(?:信息|内容|情况|资料|数据|要素|事项)(?:主要|一般)?(?:包括|包含|有|如下)[^，。；]{0,6}[：:]$"
)
# what makes the start a condition of the clause it stands in
_START_IF = re.compile(r"(?:当|如|若|如果|假如|一旦|待|凡|需|需要|不|未|无需|是否|能否)$")


class ChinesePack:
    language = "zh"

    def __init__(self) -> None:
        self.kinds = section_kinds("zh")

    def heading_phase(self, text: str, within: str | None = None) -> tuple[bool, str | None]:
        return self.kinds.classify(text, within)

    def section_topic(self, text: str) -> str | None:
        return topic_of(topics("zh"), text)

    def starts_response(self, text: str) -> bool:
        return starts_unconditionally(text, _STARTS, _START_IF)

    def extract(
        self, blocks: list[Block], ctxs: list[Context], parts: list[str | None], reg: RoleRegistry
    ) -> tuple[list[Draft], list[list[int]]]:
        drafts = ChineseExtractor(reg).run(blocks, ctxs, parts)
        # a body's office, and its leader (组长, 总指挥…), receive what is reported to the body
        offices = [
            (rid, e.parent)
            for rid, e in reg.entries.items()
            if naming.OFFICE.search(e.name) or naming.LEADER.fullmatch(e.name)
        ]
        return drafts, order(drafts, [naming.receivers(d, reg, offices) for d in drafts])

    def step_name(self, d: Draft, reg: RoleRegistry) -> str:
        return naming.step_name(d, reg)

    def notified(self, d: Draft, reg: RoleRegistry) -> list[str]:
        return naming.notified(d, reg)

    def procedure_owner(
        self, heading: Block, body: list[Block], within: str | None = None
    ) -> str | None:
        # a Chinese duty list is written as duties (负责…), its procedures under response
        # headings: the section kinds already say whose measures they are
        return None

    def instructions(self, body: list[Block]) -> bool:
        return False  # a Chinese plan's sections are named by kind (GB/T 29639)

    def contents_list(self, body: list[Block]) -> bool:
        text = [b.text.strip() for b in body if b.text.strip()]
        return len(text) == 1 and _CONTENTS_LEAD.search(text[0]) is not None


PACK = ChinesePack()
