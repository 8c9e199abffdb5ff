"""Steps and role definitions of Chinese plans, block by block, with their section context."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from plans.extract.context import Context, levels_in, step_phase
from plans.extract.draft import Draft
from plans.extract.registry import (
    ALIAS,
    RoleRegistry,
    duty_head,
    org_sentences,
    role_head,
    strip_label,
)
from plans.extract.tables import ProcedureRow, procedure_rows, row_draft
from plans.extract.text import clauses, sentences, strip_end
from plans.extract.zh.clauses import (
    ACTION,
    CONDITIONS,
    DECLARES_END,
    ONLY_CONDITION,
    REVIEWED,
    SCENE,
    TEAMS,
    TITLE_ITEM,
    action_clause,
    acts,
    aliases_in,
    inline_conditions,
    join_continuations,
    new_deadline,
    split_inline_leads,
)
from plans.extract.zh.names import (
    agents_by,
    described_actor,
    is_role_name,
    occasion_subject,
    split_role_list,
    subject_of,
)
from plans.model import Block
from plans.timelimits import find_time_limit, read_time

_SKIP = re.compile(
    r"^(?:不得|严禁|禁止)|其他必要|其他.{0,10}措施。?$|主要包括|内容包括|包括[：:]|是指|"
    # how the plan itself may be adapted ("工作组可根据实际进行增减调整")
    r"可(?:根据|视)(?:实际|需要|情况)[^，。；]{0,6}?(?:进行)?(?:增减|调整|增加|减少)|"
    # who is what ("各级各类医疗卫生机构为责任报告单位"): a definition
    r"^[^，。；]{2,40}(?<![应要须])为(?:责任)?[^，。；]{0,12}(?:单位|人|人员|机构|部门)[。；]?$|"
    # standing rules and set-up duties, not actions of a response (GB/T 29639 puts them under
    # 保障措施 and 预案管理): principles, systems and mechanisms, catch-alls, level definitions
    r"(?:形式|方式|渠道|内容|程序|流程)(?:主要)?包括|(?:坚持|遵循|贯彻|遵守)[^。；]{0,40}原则[。；]?$|另有规定的|从其规定|"
    r"^(?:[^，。；]{0,30}?[，,])?[^，。；]{0,30}?(?:要|应|应当|须|必须)?"
    r"(?:严格落实|健全|完善|规范|建立健全|坚决杜绝|建立)"
    r"[^，。；]{0,45}(?:责任|制度|机制|体系|流程|系统|平台|数据库|通讯录|信息库)"
    r"(?![^。]*(?:及时|立即|迅速|第一时间)(?:向|组织|将|上报|报告|通报|发布|派))|"
    # what a report or a piece of information holds, tables and figures, level definitions
    r"(?:^|[\s、])(?:初报|续报|核报|终报|首报|报告|上报|信息|通报)内容[：:]|"
    r"(?:信息|内容|情况|资料|数据|要素|材料)(?:主要)?包括|"
    # standing preparedness ("应定期开展应急能力评估工作", "定期组织演练")
    r"定期(?:开展|组织|进行)[^，。；]{0,30}(?:评估|演练|培训|检查|维护|修订)|^(?:表|图)\s*[\d一二三四五六七八九十]+(?:[-.－]\d+)?\s|"
    r"分为[一二三四五两]级|分为[一二三四五]个(?:等级|级别)|"
    # a level's condition written as a sentence ("…能够控制的，启动Ⅲ级响应"): the start of the
    # level is decided by whom the next sentence names
    r"^[^。；]{4,}的[，,](?:则|即)?启动(?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四])级(?:应急)?响应[。；]?$|"
    r"^(?:特别重大|重大|较大|一般)[\u4e00-\u9fff]{0,8}[（(](?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四])级[）)][：:]|"
    r"^(?:[（(]?\d{1,2}[)）.、]\s*)?[^，。；]{0,60}的(?:突发)?(?:事件|事故|情形|情况|灾害)[。；;]?$|"
    # an item of what a report holds ("④已经采取的措施。", "事故的简要经过"): a noun, no action
    r"^(?:[（(]?\d{1,2}[)）.、]\s*|[①-⑳]\s*)?[^，。；]{0,30}的(?:简要)?(?:措施|经过|概况|原因|人数|时间|地点|范围)[。；;]?$|"
    # a level defined by the events it covers ("Ⅱ级响应：超出部门…能够自行处置的事故。")
    r"^(?:[ⅠⅡⅢⅣ]|IV|III|II|I|[一二三四])级(?:应急)?响应(?:[（(][^）)]{1,8}[）)])?[：:][^。]*的"
    r"(?:事故|事件|险情|灾害)(?:[（(][^）)]{1,8}[）)])?[。；;]?$|"
    r"划分为[^。；]{0,40}[一二三四五两]个(?:等级|级别)|"
    # prohibitions and the means of a thing, not measures (
    # "未经授权，不得擅自…", "预警信息可以通过电话、短信等方式发布")
    r"不得擅自|(?:可以|可)通过[^。；]{0,40}(?:方式|途径|渠道)|"
    r"(?:其他|有关|相关)?成员单位按(?:照)?职责(?:分工)?做好(?:有关|相关)?工作|"
    r"分为(?:[一二三四ⅠⅡⅢⅣ]级、?){2,}|^(?:\d+[.．、]\s*)?(?:启动条件|响应条件|分级标准|启动标准)|"
    r"^(?:按|按照|依照|参照)?[^，,。]{0,6}《[^》]+》[^，,。]{0,12}(?:执行|处理|实施|办理)[。]?$|详见|见第|"
    r"^本(?:预案|方案)|值班电话|电话[：:]\s*\d|"
    # how a kind of work is organised ("突发事件应急指挥实行…相结合的指挥机制", "恢复重建工作坚持中央
    # 统筹指导…") and what other plans are to settle ("…应当在相关应急预案中予以进一步明确")
    r"^[^，。；]{2,20}(?:工作|指挥|应对|管理|处置)(?:实行|坚持|遵循)|予以(?:进一步)?明确[。；]?$|"
    # procedures others write for themselves ("Ⅱ、Ⅲ、Ⅳ级预警启动程序由各级地方…自行编制"): preparedness
    r"(?:预案|程序|制度|办法|规程|细则)[^。；]{0,60}(?:自行)?(?:编制|制定|制订)[。；]?$|"
    # who answers for which level ("交通运输部负责Ⅰ级应急响应的启动和实施"): a division of duties
    r"负责[^，。；]{0,30}的(?:启动|发布|实施|组织|指挥|协调)(?:[和与及、](?:启动|发布|实施|组织|指挥|协调))*[。；，,]?$|"
    # an exemption from a rule ("…，不受分级标准和报送时限限制"): a rule, no action
    r"不受[^，。；]{1,30}(?:限制|约束)[。；]?$|"
    # a standing rule on a kind of thing, by the rules that govern it ("…汇总上报的灾情信息，要按
    # 《…》等规定报送"): no actor, no occasion
    r"^(?:\d{1,2}[.．、]\s*)?[^，。；]*的[^，。；的]{1,12}[，,](?:要|应|须|应当)?(?:按|按照|依照|依据)"
    r"[^，。；]*规定(?:报送|执行|办理|处理|实施|上报)[。；]?$"
)
# a line that names the post a card is for ("岗位：值班长", "责任人：操作工")
_POST_LINE = re.compile(
    r"^(?:岗位|职务|角色|责任人|责任岗位|处置人员|执行人|适用岗位)(?:名称)?[：:]\s*"
    r"(?P<name>[\u4e00-\u9fff（）()]{2,20})[。.]?$"
)
# a company's legal name standing as a heading (the cover, the unit the plan is for): no body
# of the organisation chart
_LEGAL = re.compile(r"(?:有限公司|有限责任公司|股份公司)$")
# "…，经总指挥批准，宣布…": where the one who declares is named
_BY_DECLARER = re.compile(r"[，,](?=经|由)")
_STARTS_LEVEL = re.compile(r"启动[^，。；]{0,12}?(?:级|本级)(?:应急)?响应")
# "<body>主要任务" (职责, 工作任务) over a body's measures in a response chapter
_TASKS_HEAD = re.compile(
    r"^(?P<name>[\u4e00-\u9fff（）()]{2,24}?)的?(?:主要)?(?:工作)?(?:任务|职责)$"
)
# a heading that names a post's own procedure or card ("值班长应急处置卡", "调度室处置程序",
# "操作工岗位应急处置要点")
_CARD_HEAD = re.compile(
    r"^(?P<name>[\u4e00-\u9fff（）()]{2,20}?)(?:岗位)?(?:现场)?(?:应急)?(?:处置|行动|操作|救援|响应)"
    r"(?:卡|程序|流程|步骤|要点|措施|任务)$"
)
# a heading that names a procedure ("（二）应急处置程序", "报告流程", "处置步骤"): the numbered
# items right under it are done one after the other
_PROCEDURE_HEAD = re.compile(r"(?:程序|流程|步骤|处置卡|操作卡|行动卡)$")


def _procedure_heading(ctx: Context) -> bool:
    if not ctx.headings:
        return False
    return bool(_PROCEDURE_HEAD.search(strip_label(ctx.headings[-1]).rstrip("：:。. ")))


# the numbering of an item written inside a paragraph ("…：（1）组织搜救；（2）…")
_INLINE_LABEL = re.compile(r"^\s*(?:[（(]\d{1,2}[)）]|[①-⑳]|\d{1,2}[.、．](?!\d))\s*")
_CASES_LEAD = re.compile(r"(?:以下|下列|如下)[^，。；：:]{0,8}(?:事件|事故|灾害|险情|灾情)[：:]$")
# a lead that times the list it opens: "以下工作应在事发后2小时内完成：", "2小时内完成下列工作："
_LIST_WITHIN = re.compile(
    r"(?:以下|下列|如下|上述)(?:工作|措施|任务|步骤)[^，。；：:]{0,8}?(?:在|于)[^，。；：:]{1,16}(?:内|前)完成|"
    r"(?:在|于)?[^，。；：:]{1,16}(?:内|前)完成(?:以下|下列|如下)(?:工作|措施|任务|步骤)"
)
_LEAD = re.compile(
    r"(?:下列|以下|如下|下述)[^，。；]{0,20}[：:]$|[：:]$|"
    # "出现下列情况之一时，可启动Ⅳ级响应。" over the cases: a lead, whatever its stop
    r"^[^，。；]{0,12}(?:下列|以下|如下)[^，。；]{0,8}(?:情况|情形|条件)之一[^。；]*。?$"
)
_PARALLEL = re.compile(r"下列|一项或多项|以下措施|下述")
_SEQUENCE = re.compile(r"程序|流程|步骤|如下|顺序")
_APPROVAL = re.compile(r"^(?:并)?(?:报请|报|经)[^，。；]{1,30}?(?:批准|审核|审定|同意|决定)")
# a later clause waiting for another body's approval ("报市人民政府批准后实施")
_APPROVED_THEN = re.compile(
    r"^(?:并)?(?:报请|报经|报|经)[^，,。；]{1,30}?(?:批准|审核|审定|审批|同意)后"
)
# an occasion that is another body's approval ("经区政府同意后，"): its approver does not act
_APPROVED_FIRST = re.compile(
    r"^(?:[（(]?\d{1,2}[)）.、．]|[①-⑳])?\s*(?:报)?经[^，,。；]{2,30}?(?:同意|批准|审定|审核)(?:后)?[，,]?$"
)
_COMMAND = re.compile(
    r"(?:命令|指示|指派|率领|带领|提请)(?P<who>[^，。；]{1,12}?)"
    r"(?=查明|做好|测量|迅速|立即|负责|进行|实施|主持|$)"
)
_SUPPORT = re.compile(
    r"(?:会同|配合|协助|协调)(?P<who>[^，。；、]{2,30}?)(?=做好|开展|进行|实施|组织|对|处置|$)"
)
_NUMBERS = re.compile(r"^[\d.．、\s]+")
_PUNCT = re.compile(r"[，,；;。、]")
# the command body an organisation chapter sets up ("成立…应急指挥部", "设立…领导小组")
_FOUNDS = re.compile(
    r"(?:成立|设立|组建)(?P<body>[\u4e00-\u9fff]{2,24}?(?:指挥部|领导小组|委员会|指挥中心))"
)
_INLINE_DUTIES = re.compile(
    r"^(?P<name>[^：:，,。；]{2,20}?)(?:的)?(?:主要|工作)?职责(?:任务)?[：:](?P<rest>\S.*)$"
)
_DUTY_LINE = re.compile(r"^(?:主要|工作)?职责(?:任务)?[：:](?P<rest>.+)$")
_GROUP_POST = re.compile(r"副?(?:组长|队长|主任|负责人)")
_CELL_DUTIES = re.compile(r"[；;\n]")
_DUTIES = re.compile(r"[；;。]")
_TAKES_ON = re.compile(r"负责|承担|牵头")
# a modal verb makes a short head a sentence, not a title; 应 inside 应急, 响应, 供应… is none
_MODAL = re.compile(r"(?<![响供相对适反回答])应(?!急)|要|须|负责")
_BY_START = re.compile(r"^(?:并|同时)?由")
_LEADER_POST = re.compile(r"的(?:队长|组长|负责人)$")
_AFTER_EVENT = re.compile(r"^[^，,。；;]{2,20}?(?:后|时)")
# an action right at the start, after modal words and adverbs ("应立即宣布…", "统一部署…")
_ACTS_NEXT = re.compile(
    r"^(?:应当|应该|应(?!急)|必须|须|要|立即|立刻|迅速|及时|适时|视情|统一|全力|随即|第一时间)*"
    r"(?:" + ACTION.pattern + ")"
)


# the header row of an organisation table ("岗位 | 人员 | 应急职责", "组别 | 组长 | 职责")
_HEADER_CELL = re.compile(r"^(?:岗位|职务|职位|组别|小组|机构|名称|角色|部门|单位|序号)(?:名称)?$")
# columns that say who holds a post or how to reach them, not what it does
_HOLDER_HEAD = re.compile(r"人员$|姓名|担任|人选|电话|手机|联系方式|备注")
_NAME_GLUE = re.compile(r"[、，,；;和及与\s]")


def _members_cell(cell: str) -> list[str]:
    """The bodies a table cell names when it names nothing else ("市卫生健康委",
    "市公安局、市交通运输局"), else []."""
    cell = cell.strip().rstrip("。")
    if not cell or len(cell) > 60:
        return []
    names = split_role_list(cell)
    rest = cell
    for name in names:
        rest = rest.replace(name, "", 1)
    return names if names and not _NAME_GLUE.sub("", rest) else []


def _holder(text: str) -> bool:
    """Whether the rest of "组长：校长", "组长：杨伟", "疏散组：全体班主任" names who holds the
    post or makes up the group (short, no duty verb), not what it does."""
    text = text.strip().rstrip("。；;")
    return 0 < len(text) <= 16 and not re.search(r"[，,：:]", text) and not ACTION.search(text)


def _names_only(text: str) -> bool:
    """Whether `text` is one role's name and nothing else ("医疗救治组", not "市应急管理局及时上报…")."""
    return is_role_name(text) and subject_of(text + "负责") == [text]


# what follows "<body>：" in a response section: measures that open with an action, not the
# group's make-up or duties ("由…牵头", "主要职责：", "负责…")
_WHEN_DONE = re.compile(r"(?:时|后|之后|以后)[，,]$")
_DEFINES = re.compile(r"^(?:由|主要职责|职责|成员|组长|副组长|牵头|负责|组成)")
_PROMPTLY = re.compile(r"^(?:立即|及时|迅速|全力|尽快|第一时间|对|向|将|调整|调派|调运)")


def _measures_of(rest: str) -> bool:
    """Whether the rest is measures, not a make-up ("…牵头，…组成") or duties."""
    first = re.split(r"[，,。；;]", rest, maxsplit=1)[0]
    if _DEFINES.match(rest) or re.search(r"牵头|组成|为成员", first):
        return False
    return bool(ACTION.match(rest) or _PROMPTLY.match(rest))


_FIRST_SENTENCE = re.compile(r"[^。；;]*[。；;]?")


@dataclass
class _Lead:
    block: int
    roles: list[str]
    parallel: bool
    sequence: bool
    depth: int
    levels: tuple[str, ...]
    text: str = ""
    conditions: bool = False  # the items are the conditions of a level or a case, not steps
    drafts: list[int] = field(default_factory=list)


class ChineseExtractor:
    def __init__(self, reg: RoleRegistry) -> None:
        self.reg = reg
        self.drafts: list[Draft] = []
        self.lead: _Lead | None = None
        self.org_role: str | None = None
        self.group_parent: str | None = None
        self.top: str | None = None
        self.items: dict[int, list[str]] = {}  # list item block → owners
        # the body whose incident a section handles ("船舶发生碰撞"): owner of subjectless measures
        self.collective: str | None = None
        self.last_item_at: dict[int, int] = {}  # depth → block of the last item seen
        self.block_owner: str | None = None  # the group or post a bare name line introduced
        self.sibling: int | None = None  # the item before this one at its level
        self.title: str | None = None  # the title that opens this item ("现场施救。")
        self.structural: list[str] = []  # the owners the block's place in the structure gives
        self.part: str | None = None
        self.duty_heading = False  # the heading above names a role's duties ("总指挥职责")
        self.titled: str | None = None  # the role the line before titled ("总指挥：校长")
        # the header of the table being read: (block of its last row, column headings)
        self.header: tuple[int, tuple[str, ...]] | None = None
        # (part, levels) → who started the response at those levels
        self.level_actor: dict[tuple, list[str]] = {}

    def resolve(self, names: list[str], block: Block, part: str | None) -> list[str]:
        out: list[str] = []
        for name in names:
            if not is_role_name(name):
                continue
            rid = self.reg.add(name, block, part=part)
            if rid not in out:
                out.append(rid)
        return out

    def run(self, blocks: list[Block], ctxs: list[Context], parts: list[str | None]) -> list[Draft]:
        self.procedure = procedure_rows(blocks)
        section = None
        for b, ctx, part in zip(blocks, ctxs, parts):
            if ctx.excluded:
                continue
            if b.kind != "heading" and ctx.section != section:
                # an item that closes its heading's section ("（五）…" after "（四）四级响应。"):
                # the lists of that section end with it
                self.lead = None
                self.block_owner = None
                self.last_item_at = {}
            section = ctx.section
            if b.kind == "heading":
                self.heading(b, ctx, part)
                if ctx.owner:
                    # the plan owner said whose procedure the section is
                    self.block_owner = self.reg.add(ctx.owner, b, defined=True, part=part)
            elif b.kind == "table_row":
                self.table_row(b, ctx, part)
            elif b.style != "toc":
                if ctx.phase is None:
                    self.org_block(b, ctx, part)
                else:
                    self.step_block(b, ctx, part)
        return self.drafts

    def heading(self, b: Block, ctx: Context, part: str | None) -> None:
        self.lead = None
        self.block_owner = None
        self.last_item_at = {}
        if part != self.part:
            # another plan in the same document (an on-site disposal plan): its own organisation
            self.part = part
            self.top = self.org_role = self.group_parent = None
        text = _NUMBERS.sub("", strip_label(b))
        self.collective = self._known_prefix(text)
        for full, alias in ((f, a) for f, a in aliases_in(text)):
            rid = self.reg.add(full, b, defined=True, parent=self.top, part=part)
            self.reg.alias(rid, alias)
        name = ALIAS.sub("", text).strip()
        self.org_role = None
        self.duty_heading = False
        self.titled = None
        duty = duty_head(name) if ctx.phase is None else None
        if duty and is_role_name(duty):
            # "1.总指挥职责" over its duties: the sentences below are that role's duties
            self.org_role = self.reg.add(duty, b, defined=True, parent=self.top, part=part)
            self.duty_heading = True
            return
        head = role_head(name) if ctx.phase is None else None
        if head:
            # "（一）总指挥：校长" over "职责：…": the post, who holds it, and the duties below
            self.org_role = self.reg.add(head[0], b, defined=True, parent=self.top, part=part)
            self.reg.responsibility(self.org_role, head[1])
            self.top = self.top or self.org_role
            return
        card = _CARD_HEAD.match(name.rstrip("：:。. ")) if ctx.phase is not None else None
        if card is None and ctx.phase is not None:
            # "市公路交通应急指挥部主要任务" in a response chapter: that body's measures follow
            # (not for several bodies: "各成员单位和应急工作组主要任务" names each below)
            card = _TASKS_HEAD.match(name.rstrip("：:。. "))
            if card and len(split_role_list(card.group("name"))) != 1:
                card = None
        if card and is_role_name(card.group("name")):
            # "值班长应急处置卡", "调度室处置程序": the post's own procedure
            self.block_owner = self.reg.add(
                card.group("name"), b, defined=True, parent=self.top, part=part
            )
        elif ctx.phase is not None and len(name) <= 20 and _names_only(name.rstrip("：:。. ")):
            # a heading in a response section that names a group or post owns its measures
            self.block_owner = self.reg.add(
                name.rstrip("：:。. "), b, defined=True, parent=self.top, part=part
            )
        if ctx.phase is None and is_role_name(name) and len(name) <= 25 and not _LEGAL.search(name):
            parent = (
                None
                if self.top is None or name.endswith("指挥部") and "现场" not in name
                else self.top
            )
            rid = self.reg.add(name, b, defined=True, parent=parent, part=part)
            self.top = self.top or rid
            self.org_role = rid

    def procedure_row(self, b: Block, ctx: Context, part: str | None, row: ProcedureRow) -> None:
        """A row of a procedure table ("1 | 切断电源 | 值班电工 | 5分钟内"): one step, owned by
        the roles its owner cell names (by the block's structure when it names none)."""
        owners = self.resolve(split_role_list(row.owners), b, part) if row.owners else []
        owners = owners or ([self.block_owner] if self.block_owner else [])
        for rid in owners:
            self.reg.use(rid)
        phase = step_phase(ctx.phase or "disposal", row.action, "zh")
        levels = levels_in(row.action[:40]) or ctx.levels
        self.drafts.append(
            row_draft(b, row, owners, phase=phase, levels=levels, section=ctx.section, part=part)
        )

    def table_row(self, b: Block, ctx: Context, part: str | None) -> None:
        if b.index in self.procedure:
            self.procedure_row(b, ctx, part, self.procedure[b.index])
            return
        if self.header is not None and self.header[0] != b.index - 1:
            self.header = None  # another table
        if _HEADER_CELL.match((b.cells or ("",))[0].strip()):
            self.header = (b.index, tuple(c.strip() for c in b.cells))
            return
        if self.header is not None:
            # leave out who holds the post and how to reach them ("岗位 | 人员 | 电话 | 职责")
            heads = self.header[1]
            self.header = (b.index, heads)
            kept = [
                c
                for k, c in enumerate(b.cells)
                if k >= len(heads) or not _HOLDER_HEAD.search(heads[k])
            ]
        else:
            kept = list(b.cells)
        cells = [c for c in kept if c.strip()]
        if len(cells) < 2:
            return
        name = ALIAS.sub("", cells[0]).strip()
        if is_role_name(name) and len(name) <= 30:
            rid = self.reg.add(name, b, defined=True, parent=self.top, part=part)
            for cell in cells[1:]:
                members = _members_cell(cell)
                if members:
                    # a cell that only names bodies (牵头单位, 成员单位 of a group): its members
                    for member in members:
                        self.reg.add(member, b, defined=True, parent=rid, part=part)
                    continue
                for duty in _CELL_DUTIES.split(cell):
                    self.reg.responsibility(rid, duty)

    def org_block(self, b: Block, ctx: Context, part: str | None) -> None:
        text = strip_label(b)
        org_sentences(self.reg, b, text, self.org_role or self.top, part)
        founded = _FOUNDS.search(text) if self.top is None else None
        if founded and is_role_name(founded.group("body")):
            # "学校成立应急指挥部。": the body the organisation chapter sets up first heads it
            self.top = self.reg.add(founded.group("body"), b, defined=True, part=part)
        duties = _DUTY_LINE.match(text)
        owner = self.titled or self.org_role
        if duties and owner:
            # "职责：负责…" under a group (or the line "总指挥：校长" before it): its duties
            for duty in _DUTIES.split(duties.group("rest")):
                self.reg.responsibility(owner, duty)
            return
        self.titled = None
        inline = _INLINE_DUTIES.match(text)
        if inline and is_role_name(inline.group("name")):
            # "（二）班主任职责：负责本班学生的疏散…": the post and its duties on one line
            rid = self.reg.add(
                self._own_post(inline.group("name")),
                b,
                defined=True,
                parent=self.org_role or self.top,
                part=part,
            )
            for duty in _DUTIES.split(inline.group("rest")):
                self.reg.responsibility(rid, duty)
            return
        head = role_head(text, any_body=bool(b.label))
        if head:
            rid = self.reg.add(
                self._own_post(head[0]),
                b,
                defined=True,
                parent=self.org_role or self.top,
                part=part,
            )
            if not _holder(head[1]):
                # not "组长：校长", which names who holds the post
                for duty in _DUTIES.split(head[1]):
                    self.reg.responsibility(rid, duty)
            # the first body the organisation chapter defines heads it
            self.top = self.top or rid
            self.titled = rid
            group = self.block_owner or self.org_role
            if group and _GROUP_POST.fullmatch(head[0]) and _holder(head[1]):
                # "组长：安全环保部经理" inside a group's block names who leads it: the
                # "职责：" below are the group's
                self.titled = group
            return
        duty = duty_head(text)
        if duty and is_role_name(duty):
            self.org_role = self.reg.add(duty, b, defined=True, parent=self.top, part=part)
            return
        if self.org_role and (b.kind == "list_item" or self.duty_heading):
            for sentence in sentences(text) if b.kind != "list_item" else [text]:
                self.reg.responsibility(self.org_role, sentence)
            return
        for sentence in sentences(text):
            subj = subject_of(sentence)
            if subj and _TAKES_ON.search(sentence) and ctx.headings:
                for name in subj:
                    rid = self.reg.add(
                        name, b, defined=True, parent=self.org_role or self.top, part=part
                    )
                    self.reg.responsibility(rid, sentence)
                    if self.top is None:
                        self.top = rid

    def _own_post(self, name: str) -> str:
        """ "组长" in the block of a group is that group's leader ("抢险救援组组长")."""
        group = self.block_owner or self.org_role
        if group and _GROUP_POST.fullmatch(name):
            return self.reg.entries[group].name + name
        return name

    def step_block(self, b: Block, ctx: Context, part: str | None) -> None:
        text = strip_label(b)
        post = _POST_LINE.match(text)
        if post and is_role_name(post.group("name")):
            # "岗位：值班长" over a card's items: the post whose measures follow
            self.block_owner = self.reg.add(post.group("name"), b, defined=True, part=part)
            self.lead = None
            return
        bare = ALIAS.sub("", text).rstrip("：:。. ").strip()
        if len(bare) <= 20 and not _PUNCT.search(bare) and _names_only(bare):
            # a line that only names a group or post ("（3）医疗救治组"): it owns what follows
            self.block_owner = self.reg.add(bare, b, defined=True, parent=self.top, part=part)
            self.lead = None
            return
        org_sentences(self.reg, b, text, self.top, part)
        head = role_head(text)
        if head and _measures_of(head[1]):
            # "（1）市城市管理局：组织排水抢险队伍…" under "…做好以下工作：": the body's own
            # measures, read as if written "市城市管理局组织排水抢险队伍…"
            self.reg.add(head[0], b, defined=True, parent=self.group_parent or self.top, part=part)
            colon = b.text.index(head[0]) + len(head[0])
            b = replace(b, text=b.text[:colon] + b.text[colon + 1 :].lstrip())
            text = strip_label(b)
        elif head:
            parent = self.group_parent or self.top
            rid = self.reg.add(head[0], b, defined=True, parent=parent, part=part)
            for duty in _DUTIES.split(head[1]):
                self.reg.responsibility(rid, duty)
            return
        lead = self.lead
        if b.kind != "list_item" or lead is not None and b.level < lead.depth:
            lead = None
        parent_item = None
        self.sibling = None
        if b.kind == "list_item":
            parent_item = self.last_item_at.get(b.level - 1)
            self.sibling = self.last_item_at.get(b.level)
            self.last_item_at[b.level] = b.index
            for d in [d for d in self.last_item_at if d > b.level]:
                del self.last_item_at[d]
        if lead is not None and lead.conditions:
            return
        inherited = []
        if parent_item is not None and self.items.get(parent_item):
            inherited = self.items[parent_item]
        elif lead is not None:
            inherited = lead.roles
        # the levels a block opens with (its first sentence: a later one names its own)
        levels = levels_in(_FIRST_SENTENCE.match(text[:40]).group(0))
        levels = levels or (lead.levels if lead else ()) or ctx.levels
        scene = SCENE.match(text)
        if scene and is_role_name(scene.group("name")):
            self.collective = next(iter(self.resolve([scene.group("name")], b, part)), None)
        pieces = sentences(b.text)
        head = pieces[0][len(b.label) :] if pieces and pieces[0].startswith(b.label) else ""
        self.title = None
        if (
            len(pieces) > 1
            and len(head) <= 16
            and pieces[0].endswith("。")
            and not subject_of(head)
            and not _MODAL.search(head)
        ):
            # a short title ("现场施救。") opens the item's first sentence
            pieces = [pieces[0] + pieces[1]] + pieces[2:]
            self.title = head
        # the owners the structure gives (parent item, lead-in, the section's body, a group
        # line); the owners of the item or paragraph before only by position
        self.structural = (
            inherited
            # (a paragraph that opens with its own scene, "船舶发生…事故，均应…", is that body's)
            or (
                [self.collective]
                if self.collective and (b.kind == "list_item" or scene is not None)
                else []
            )
            or ([self.block_owner] if self.block_owner else [])
        )
        owners_before = self.structural or self._sibling_owners(b, ctx, parent_item)
        first_owners: list[str] = []
        pieces = join_continuations(pieces, b.text)
        pieces, conditions_inline = inline_conditions(split_inline_leads(pieces))
        if ctx.phase == "termination" and len(pieces) > 1 and DECLARES_END.search(pieces[-1]):
            # "险情排除，交通恢复通畅；…得到控制和消除；…，经总指挥批准，宣布应急响应结束。": the
            # states listed before the declaration are its conditions, not measures
            last = pieces[-1]
            by = _BY_DECLARER.search(last)
            if by and not subject_of(last[: by.start()]) and not agents_by(last[: by.start()]):
                last = last[by.start() + 1 :]  # "…得到妥善安置，经总指挥批准，宣布…"
            pieces = [p for p in pieces[:-1] if subject_of(p) or agents_by(p)] + [last]
        for sentence in pieces:
            first, owners_before = self._sentence(
                b, ctx, part, sentence, owners_before, inherited, levels, lead, parent_item
            )
            first_owners = first_owners or first
        if b.kind == "list_item":
            self.items[b.index] = first_owners or inherited
        if (
            b.kind != "list_item"
            and self.lead is not None
            and (self.lead.block != b.index or conditions_inline)
            and not text.endswith(("：", ":"))
        ):
            self.lead = None

    def _known_prefix(self, text: str) -> str | None:
        """A known body that opens a heading ("船舶通海设备…漏水" → 船舶): the section's own actor."""
        for n in range(min(8, len(text)), 1, -1):
            rid = self.reg.find(text[:n]) if is_role_name(text[:n]) else None
            if rid:
                return rid
        return None

    def _named_subject(self, clause: str) -> list[str]:
        """A defined role whose full name opens the clause (or follows the event it waits for),
        right before its action, acts in it ("应急指挥部宣布…"): the subject rules know only the
        commonest verbs."""
        clause = clause.strip()
        after = _AFTER_EVENT.match(clause)  # "险情消除后应急指挥部宣布…"
        for text in (clause, clause[after.end() :] if after else ""):
            found = self.reg.named_at_start(text)
            if found is not None and _ACTS_NEXT.match(found[1]):
                return [found[0]]
        return []

    def _sibling_owners(self, b: Block, ctx: Context, parent_item: int | None) -> list[str]:
        """Owners of an item whose parent names none: the main subject of the item before it
        at its level (not a body a later clause of that item brings in), never for an item that
        opens with its own title (a measure of its own); a paragraph takes the previous owners."""
        if b.kind != "list_item":
            return self._previous_owners(ctx)
        if self.title is not None:
            return []
        if self.sibling is not None:
            return self.items.get(self.sibling, [])
        return [] if parent_item is not None else self._previous_owners(ctx)

    def _previous_owners(self, ctx: Context) -> list[str]:
        for d in reversed(self.drafts[-6:]):
            if d.section == ctx.section and d.roles:
                return d.roles
        return []

    def _sentence(self, b, ctx, part, sentence, owners, inherited, levels, lead, parent_item):
        groups: list[tuple[list[str], list[str], list[str]]] = []  # (clauses, owners, support)
        described = False  # the sentence opens with an actor it describes, not a role
        occasion_owners: list[str] = []  # "抢险救援组到达现场后，": whose act is the occasion
        for clause in clauses(sentence):
            body = clause
            if not groups and b.label and body.startswith(b.label):
                body = body[len(b.label) :]
            if not groups and self.title and body.startswith(self.title):
                body = body[len(self.title) :]
            elif not groups:
                body = TITLE_ITEM.sub("", _INLINE_LABEL.sub("", body, count=1), count=1)
            subj = self.resolve(subject_of(body), b, part) or self._named_subject(body)
            by = self.resolve(agents_by(body), b, part)
            starts_by = bool(_APPROVAL.match(body) or _BY_START.match(body)) and by
            acting = bool(groups) and any(action_clause(c) for c in groups[-1][0])
            reviewed = bool(groups) and any(REVIEWED.search(c) for c in groups[-1][0])
            if groups and _APPROVED_THEN.match(body):
                # "…组织编制规划，报市人民政府批准后实施": the approval is an occasion of the
                # same measure; the approver does not act
                groups[-1][0].append(clause)
                continue
            if acting and new_deadline(groups[-1][0], body):
                groups.append(([clause], subj or by or list(groups[-1][1]), []))
                continue
            if acting and (subj or starts_by) or reviewed and starts_by:
                new = subj or by
                if set(new) != set(groups[-1][1]) or starts_by:
                    groups.append(([clause], new, []))
                    continue
            if not groups:
                if not (subj or by):
                    occasion_owners = self.resolve(occasion_subject(body), b, part)
                groups.append(([clause], subj or by, []))
                described = not (subj or by) and described_actor(body + sentence[len(clause) :])
            else:
                groups[-1][0].append(clause)
                if not groups[-1][1]:
                    groups[-1][1].extend(subj or by)
                elif subj and len(groups[-1][0]) == 2 and _WHEN_DONE.search(groups[-1][0][0]):
                    # "市气象局发布暴雨红色预警时，市防指办公室应…": the occasion's own subject
                    # is not the actor; the main clause's subject is
                    groups[-1][1][:] = subj
                elif subj and len(groups[-1][0]) == 2 and _APPROVED_FIRST.match(groups[-1][0][0]):
                    # "经区政府同意后，区应急局发布…": the approver of the occasion is not the
                    # actor; the main clause's subject is
                    groups[-1][1][:] = subj
        if groups and not groups[0][1] and occasion_owners:
            # nobody else is named: the body that arrived (received, found…) acts
            groups[0][1].extend(occasion_owners)
        if groups and _CASES_LEAD.search(strip_end("".join(groups[-1][0]))):
            # "…还负责处置如下突发事件：" over the cases it lists: no step, nor are they
            self.lead = _Lead(
                b.index,
                groups[-1][1] or owners or inherited,
                True,
                False,
                b.level + 1 if b.kind == "list_item" else 1,
                levels,
                strip_end("".join(groups[-1][0])),
                True,
            )
            return [], owners
        prev_draft = None
        last = owners
        first: list[str] = []  # the owners of the sentence's first measure: its main subject
        for k, (parts_, who, _sup) in enumerate(groups):
            quote = strip_end("".join(parts_))
            if k == len(groups) - 1 and _LEAD.search(quote):
                # a lead-in to the list that follows: its owners and mode carry onto the items
                lead_clause = parts_[-1]
                self.lead = _Lead(
                    b.index,
                    who or last or inherited,
                    bool(_PARALLEL.search(quote)),
                    bool(_SEQUENCE.search(quote)) and not _PARALLEL.search(quote),
                    b.level + 1 if b.kind == "list_item" else 1,
                    levels_in(quote) or levels,
                    quote,
                    bool(CONDITIONS.search(quote)),
                )
                if "现场指挥部" in quote or "工作组" in quote:
                    self.group_parent = (
                        next(iter(self.resolve(["现场指挥部"], b, part)), None)
                        if "现场指挥部" in quote
                        else self.top
                    )
                quote = strip_end("".join(parts_[:-1]))
                if (
                    self.lead.conditions
                    and (_BY_START.match(lead_clause) or subject_of(lead_clause))
                    and acts([lead_clause])
                    and (not quote or ONLY_CONDITION.search(quote))
                ):
                    # "满足下列条件时，由…宣布响应终止：": the conditions follow, the actor acts
                    quote = strip_end("".join(parts_)).rstrip("：:")
                elif not quote or not acts([quote]) or ONLY_CONDITION.search(quote):
                    last = who or last
                    continue
                quote = quote.rstrip("，,")
                del lead_clause
            if not acts([quote]) or _SKIP.search(quote.lstrip("（(0123456789)）.、①②③④⑤⑥⑦⑧⑨⑩ ")):
                last = who or last
                continue
            if k == 0 and described and not who:
                # "参加现场应急救援的人员，必须…": its own actor, so not the owners of the
                # sentence or item before; the structure's owner, if any, is whose people they are
                who = list(self.structural)
            else:
                who = who or last or inherited
            if not who and levels and ctx.phase in ("command", "disposal", "activation"):
                # "5.1 一级应急响应 … 按照市人民政府部署要求，组织开展…": whoever started the
                # level carries out what its section asks without naming anyone
                who = list(self.level_actor.get((part, tuple(levels)), []))
            for m in _COMMAND.finditer(quote):
                leaders = _LEADER_POST.sub("", m.group("who"))
                extra = self.resolve(split_role_list(leaders), b, part)
                who = who + [r for r in extra if r not in who]
            for m in TEAMS.finditer(quote):
                teams = self.resolve(split_role_list(m.group("teams")), b, part)
                for rid in teams:
                    self.reg.entries[rid].defined = True
                if m.group("verb") in ("率领", "带领"):
                    who = who + [r for r in teams if r not in who]
            support = []
            joint = []  # bodies that act together with the owners (会同): roles of the plan
            for m in _SUPPORT.finditer(quote):
                # the bodies named end at their own verb ("会同省民政厅指导受灾地区…")
                named = subject_of(quote[m.start("who") :]) or split_role_list(m.group("who"))
                found = [r for r in self.resolve(named, b, part) if r not in who]
                support += [r for r in found if r not in support]
                if m.group(0).startswith("会同"):
                    joint += found
            for rid in who + joint:
                self.reg.use(rid)
            found = find_time_limit(quote) or (
                # "以下工作应在事发后2小时内完成：": the lead's time for each of its items
                find_time_limit(lead.text)
                if lead is not None and _LIST_WITHIN.search(lead.text)
                else None
            )
            d = Draft(
                block=b.index,
                source=b.text,
                text=quote,
                roles=list(who),
                phase=step_phase(ctx.phase or "disposal", quote, "zh"),
                levels=levels_in(quote) or levels,
                time=found.minutes if found else None,
                time_text=found.text if found else "",
                limit=found or read_time(quote),
                support=support,
                section=ctx.section,
                list_key=(lead.block, b.level)
                if lead
                else (("sec", ctx.section, b.level) if b.kind == "list_item" else None),
                item=b.index if b.kind == "list_item" else None,
                parent_item=parent_item,
                sequence=bool(lead and lead.sequence)
                or (lead is None and b.kind == "list_item" and _procedure_heading(ctx)),
                sentence_prev=prev_draft,
                part=part,
                lead_text=lead.text if lead else "",
                title_item=b.kind == "list_item" and bool(TITLE_ITEM.match(strip_label(b))),
            )
            if lead is not None:
                lead.drafts.append(len(self.drafts))
            self.drafts.append(d)
            if who and d.levels and _STARTS_LEVEL.search(quote):
                self.level_actor[(part, tuple(d.levels))] = list(who)
            prev_draft = len(self.drafts) - 1
            last = who
            first = first or who
        return first, last
