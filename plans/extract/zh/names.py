"""Role names in Chinese plan text: organisation and post words, subjects at clause start, aliases."""

from __future__ import annotations

import re

from plans.extract.text import per_document
from plans.extract.vocab import words

# the last word of a body's or post's name (vocab/role_suffixes.txt)
ROLE_SUFFIXES = words("zh", "role_suffixes")
_SUFFIX_RE = "|".join(sorted(ROLE_SUFFIXES, key=len, reverse=True))
# words that end in a role suffix but are not roles
NOT_ROLES = re.compile(
    r"^(?:有关|相关|其他|下列|上述|以下|本|该|各)?(?:情况|工作|处置|措施|方案|预案|部署|信息|队伍建设|"
    r"力量|人员伤亡|伤亡人员|受伤人员|遇险人员|被困人员|无关人员|受灾人员|群众|医务人员|技术人员|"
    r"专业人员|工作人员|救援人员|人员)$"
    # a chapter's name for the bodies it describes ("省级组织指挥机构", "办事机构")
    r"|^(?:国家|省|市|县|区|省级|市级|县级|区级|地方|各级|基层)?(?:组织指挥机构|组织机构|办事机构|工作机构)$"
    r"|^(?:指挥|领导|组织|办事|工作|专家|咨询)机构[和及与、](?:指挥|领导|组织|办事|工作|专家|咨询)机构$"
    r"|^现场指挥机构$"
    # who drafts the plan (GB/T 29639 4.2 编制工作组): no part of the response
    r"|^.{0,12}?编制(?:工作)?(?:小)?组$"
    # those the incident befalls, not those who respond ("一般轻症中毒人员", "受伤人员", "伤员")
    r"|^.{0,12}?(?:中毒|受伤|伤亡|被困|遇险|遇难|失踪|触电|窒息|溺水|烧伤|烫伤|轻症|重症|伤病)(?:的)?(?:人员|者)$"
    r"|^(?:一|两|二|三|几|数|若干)名"
)
# Phrases that end the subject: modal verbs and common verbs of plan sentences.
_VERBS = (
    "应当|应该|应(?!急)|要(?!求|素)|须|必须|负责|立即|立刻|迅速|及时|马上|第一时间|可以|可(?!能)|将|会同|"
    "牵头|配合|协助|组织|做好|按照|根据|依据|在|于|对|向|派|下令|命令|指派|率领|接报|接到|收到|获取|"
    "获悉|发现|确认|任|视情|全面|加强|统一|提出|报请|提请|决定|启动|进行|开展|实施|采取|坐镇|密切|坚守|"
    "是|为|依法|依照|直接|赶赴|主动|积极|共同|分别|听到|带领|指导|督促|有权|经|通过|以|把|从|跟踪|做出|作出|"
    "用|使用|利用|依托|借助|穿戴|佩戴|携带|设在|设于|下达|传达|按(?!钮)|联合|增派|加派|抽调|选派|主持|带班|率(?=[^，。；]{2,12}?(?:赴|赶赴|前往|深入))|"
    "报告|上报|发布|通知|召集|集中|调集|成立|设立|承担|制定|落实|协调|指挥|宣布|统筹|督导|监督|"
    "检查|核查|核实|研究|分析|评估|会商|调派|调拨|派出|下拨|预拨|拨付|安排|部署|动员|引导|推动|"
    "参与|参加|加快|确保|保障|维护|维持|恢复|提供|建立|健全|完善|及早|尽快|迅速|立刻|进入|正式|继续|持续|跟踪|签发|"
    # adverbs of manner that open a predicate ("各应急救援队伍快速进行…", "全力控制…")
    "快速|全力|严格|认真|切实|强化|抓紧|执行|适时|按时|定时|随时|即时|具体|专门|紧急|商(?!务|业|场|会|贸|品)|"
    "合理|妥善|有序|科学(?!技术|研究|院)|"
    # how often ("信息科每小时统计一次…"): a frequency before the verb
    "每(?=[\\d一二三四五六七八九十两半]*个?(?:小时|分钟|天|日|周|班))|"
    # common verbs of a response ("由新闻宣传小组联系新闻媒体", "由路网中心汇总…")
    "联系|联络|通报|报送|报经|请求|速报|续报|核报|补报|赶到|进驻|"
    "到(?=[^，,。；]{1,10}?(?:指挥|组织|参与|参加|开展|处置|协调))|拨打|呼叫|切断|关闭|开启|撤离|汇总|收集|确定|公布|派遣|组建|配备|储备|(?:均|也|还|亦|各自)(?![无不未没])"
)
_ROLE_CHAR = r"[\u4e00-\u9fff（）()]"
# people named beside a body who are no role of the plan ("事发单位或个人应立即报告…")
PEOPLE_TAIL = r"(?:[或和及与、](?:个人|公民|群众|其他人员))?"
_SUBJECT = re.compile(
    rf"^(?P<subj>(?:{_ROLE_CHAR}|、){{0,40}}?(?:{_SUFFIX_RE}))(?:[（(][\u4e00-\u9fff]{{1,16}}[）)])?"
    rf"{PEOPLE_TAIL}(?:[及和与、](?:车辆|装备|器材|设备|物资)(?!{_ROLE_CHAR}{{0,8}}?(?:{_SUFFIX_RE})))?"
    rf"(?=(?:{_VERBS})|[，,：:])"
)
# the body's own people ("疏散引导组人员在楼梯口引导疏散"): the body acts
_STAFF_SUBJECT = re.compile(
    rf"^(?P<subj>{_ROLE_CHAR}{{2,40}}?(?:{_SUFFIX_RE}))(?:的?(?:工作)?人员|队员|(?<=[组队])成员)(?=(?:{_VERBS}))"
)
# a body followed by a part of it that is no role ("公安机关其他警力负责…", "消防救援机构有关力量立即…")
_QUALIFIED_SUBJECT = re.compile(
    rf"^(?P<subj>{_ROLE_CHAR}{{0,40}}?(?:{_SUFFIX_RE}))(?:其他|所属|下属|有关|相关)"
    rf"(?P<part>[\u4e00-\u9fff]{{1,4}}?)(?=(?:{_VERBS}))"
)
# 及 inside a word (涉及, 波及, 危及, 普及…) joins nothing
_LIST_SPLIT = re.compile(r"、|以及|及其|(?<![涉波危普顾触提论])及(?!时)|或者|或(?!其)")
# 和/与 join two names only after a complete one ("公安局和交通局"); inside a name they join its
# words ("文化和旅游局", "工业和信息化厅", "粮食和物资储备局")
_AND_SPLIT = re.compile(r"和|与")
_LEAD_IN = re.compile(
    r"^(?:同时|并且|并|然后|随后|之后|其后|另外|此外|其中|必要时|同时要|视情|最后|首先|如有必要|则|"
    r"(?:接到|接报|收到|发生|获取|获悉|在|当(?!班|值|日|地)|待|经|遇|听到)[^，,。；：]{0,14}?(?:后|时|前)|"
    # the time or occasion a clause waits for, whatever its wording ("灾情稳定前，", "…到达现场之前，")
    r"[^，,。；：]{2,20}?(?:之前|以前|之后|以后|前|后|时|期间|情况下)(?=[，,])|"
    r"当(?!班|值|日|地)[^。；：]{2,40}?时(?=[，,])|"
    r"[^，,。；：的]{1,5}的)[，,]?"
)
_ONE = rf"{_ROLE_CHAR}{{0,30}}?(?:{_SUFFIX_RE})"
_BY = re.compile(
    rf"(?:由(?P<by>(?:{_ROLE_CHAR}|、){{0,40}}?(?:{_SUFFIX_RE}))(?:[（(][\u4e00-\u9fff]{{1,6}}[）)])?"
    rf"(?=(?:{_VERBS}|审核|批准|审定|同意|发布)|[，,。；])"
    rf"|(?:^|[，,；;]|后)(?:报请|报|经|请)(?P<ok>{_ONE}(?:[、和及与]{_ONE})*)"
    rf"(?=批准|审核|审定|同意|决定|研究))"
)
ALIAS = re.compile(
    r"[（(](?:以下|下文)?(?:简称|简称为|称)[：:]?[“\"‘']?(?P<alias>[^”\"’'）)]{1,20})[”\"’']?[）)]"
)
_SUFFIX_END = re.compile(rf"(?:{_SUFFIX_RE})$")
_SHARED_SUFFIX = re.compile(r"(部门|单位|机构|机关|局|厅|委|办)$")


_STAFF = re.compile(r"^(.{2,}?)的?(?:人员|工作人员|队员|(?<=[组队])成员)$")
_GLUE = re.compile(r"^(?:并|同时|由|经|报|请|在|及|和|与)")
# an event before a subject written without a comma ("险情消除后"); not 善后, 灾后, 战时 (one
# character before), nor adverbs (同时, 随后, 及时)
_EVENT = re.compile(
    r"^[\u4e00-\u9fff]{2,14}?(?:之后|以后|(?<![然随其此今最前背落先])后|"
    r"(?<![同平及适随届准临实按定当暂限小])时)"
)


def ends_with_role_word(name: str) -> bool:
    return bool(_SUFFIX_END.search(name))


# what a name says it includes, inside it ("水库（含电站水库）管理单位"): no part of the name
INNER_GLOSS = re.compile(r"[（(](?:含|包括|包含)[^（）()]{1,12}[）)]")


@per_document
def clean_name(name: str) -> str:
    """A role name without list glue and without a leading "各级/各" where the rest is a name."""
    name = INNER_GLOSS.sub("", _CJK_GAP.sub("", name).strip(" ，,、：:；;。.的"))
    staff = _STAFF.match(name)
    if staff and ends_with_role_word(staff.group(1)) and not _GENERIC.match(staff.group(1)):
        # "应急组织有关部门的人员" acts for 应急组织有关部门
        return clean_name(staff.group(1))
    head = name.rsplit("的", 1)[-1]
    if head not in _GENERIC_HEADS or not _WITNESS.match(name) or len(name) > 24:
        # "负责现场处置的应急指挥部" → 应急指挥部; but "发现险情的单位" is known by what it did
        name = head
    name = _GLUE.sub("", name)
    event = _EVENT.match(name)
    if event and is_role_name(name[event.end() :]):
        # "险情消除后应急指挥部": the event it waits for is no part of the name
        return name[event.end() :]
    return name


# a space between two Chinese characters is a typing slip, not part of the name ("现场 指挥部")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")

# who found or suffered the incident (GB/T 29639: 事发单位, 发现人): known by what happened
_WITNESS = re.compile(r"^(?:发现|发生|遭受|涉及|目击)")
_GENERIC_HEADS = frozenset({"单位", "个人", "人员", "企业", "部门", "机构", "群众"})
_JOINT_LEADERS = re.compile(
    r"[\u4e00-\u9fff]{1,4}委、[\u4e00-\u9fff]{1,6}政府(?:主要领导|领导|主要负责同志|负责同志)"
)


_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[（(][\u4e00-\u9fff]{1,6}[）)]$")


def split_role_list(text: str) -> list[str]:
    """ "气象、水利部门" → ["气象部门", "水利部门"]; "大副、轮机长" → ["大副", "轮机长"]."""
    return list(_role_list(text))


@per_document
def _role_list(text: str) -> tuple[str, ...]:
    if _JOINT_LEADERS.fullmatch(text.strip()):
        # "市委、市政府主要领导": the party and government leaders act as one
        return (text.strip(),)
    modifier, _, head = text.strip().rpartition("的")
    if _WITNESS.match(text.strip()) and modifier and _listed(modifier) and not _listed(head):
        # "发现险情或灾情的单位": the list is inside what describes the one actor
        whole = text.strip()
        return (whole,) if is_role_name(whole) else ()
    parts = []
    for piece in _LIST_SPLIT.split(text):
        parts.extend(_split_and(piece.strip()))
    # "应急管理等部门": a field and others, no body of its own
    parts = [p for p in parts if p and not _ETC_NOUN.search(p)]
    # "有关部门（单位）": a trailing gloss in brackets is not part of the name
    parts = [_GLOSS.sub("", p) for p in parts]
    if not parts:
        return ()
    last = parts[-1]
    levels_only = len(parts) > 1 and all(len(p) == 1 and p in _LEVEL_CHARS for p in parts[:-1])
    places_only = len(parts) > 1 and not any(ends_with_role_word(p) for p in parts[:-1])
    if (levels_only and last[:1] in _LEVEL_CHARS and _TIERS.match(last[1:])) or (
        places_only
        and (
            _TIERS.search(last)
            or _GENERIC_TAIL.search(last)
            or not levels_only
            and all(p[-1:] in _PLACE_ENDS or p.endswith("街道") for p in parts[:-1])
        )
    ):
        # "省、市两级水利部门", "市、区县（开发区）两级应急指挥机构": one name for the bodies of
        # both tiers; "各区县、西咸新区、各开发区和市级相关部门": the places' departments, named
        # as the plan names them (not a name made up for each place)
        whole = text.strip()
        return (whole,) if is_role_name(whole) else ()
    if (
        len(parts) > 1
        and last[:1] in _LEVEL_CHARS
        and not _TIERS.match(last[1:])
        and all(len(p) == 1 and p in _LEVEL_CHARS for p in parts[:-1])
    ):
        # "省、市、县交通运输主管部门": each level's own department
        parts = [p + last[1:] for p in parts[:-1]] + [last]
    tail = _SHARED_SUFFIX.search(parts[-1])
    out = []
    for p in parts:
        if not ends_with_role_word(p):
            if tail and len(p) <= 8:
                p = p + tail.group(1)
            else:
                continue
        body = _BARE_BODY.fullmatch(p)
        if body and out:
            # "县级以上地方党委和政府": the government of the same place
            of = _BODY_OF.match(out[-1])
            if of:
                p = of.group("place") + p
        post = _BARE_POST.fullmatch(p)
        if post and out:
            # "委员会主任、副主任": the second post belongs to the same body
            head = _POST_OF.match(out[-1])
            if head:
                p = head.group("body") + p
        out.append(clean_name(p))
    return tuple(p for p in out if is_role_name(p))


def _listed(text: str) -> bool:
    return bool(_LIST_SPLIT.search(text) or _AND_SPLIT.search(text))


_LEVEL_CHARS = "省市县区乡镇村州盟旗"
_ETC_NOUN = re.compile(r"等(?:有关|相关)?(?:部门|单位|机构)")
_TIERS = re.compile(r"[两三四五]级|各级")  # "省、市两级水利部门": one name for both tiers
# the places of a list whose last name holds the body's kind ("区县、开发区公路交通应急指挥机构")
_PLACE_ENDS = frozenset("省市县区镇乡村州盟旗")
_GENERIC_TAIL = re.compile(r"(?:有关|相关)(?:部门|单位|机构)$")
_BARE_BODY = re.compile(r"党委|党组|人民政府|政府")
_BODY_OF = re.compile(r"^(?P<place>.{1,}?)(?:党委|党组|人民政府|政府)$")
_BARE_POST = re.compile(r"(?:副)?(?:总指挥|指挥长|组长|主任|秘书长|队长|局长|厅长|经理)")
_POST_OF = re.compile(
    r"^(?P<body>.{2,}?)(?:副)?(?:总指挥|指挥长|组长|主任|秘书长|队长|局长|厅长|经理)$"
)


def _split_and(text: str) -> list[str]:
    """ "市公安局和市交通局" → both; "省工业和信息化厅" stays one name."""
    pieces = _AND_SPLIT.split(text)
    out = [pieces[0]]
    for piece in pieces[1:]:
        if ends_with_role_word(out[-1]) and not _BARE_SUFFIX.fullmatch(out[-1]):
            out.append(piece)
        else:
            out[-1] = out[-1] + text[len("".join(out)) : len("".join(out)) + 1] + piece
    return [p.strip() for p in out]


_BARE_SUFFIX = re.compile(r"[局厅委办部科站院组队]")


_GENERIC = re.compile(
    r"^(?:有关|相关|各|相应|若干|多个?)?(?:单位|部门|机构|机关|工作组|小组|组|队|人员|领导|局|委|办|厅|中心|地区)$"
)
_NOT_ROLE_END = re.compile(
    r"^(?:应急)?组织机构$|(?<!应急)组织机构$|机构设置$|工作机构$|^其他.{0,12}指挥机构$|(?:布|格|大|全|结|当|开|骗|变)局$|"
    r"(?:全|内|外|局|细|顶|底|头|后|前|东|西|南|北|中|上|下|干)部$|网站$|^指挥机构$|^办事机构$|"
    # 处 ends a division's name (保卫处), not a place or a word (之处, 此处, 住处, 好处)
    r"(?:之|此|彼|该|到|各|住|出|好|难|用|益|长|短|远|近|深|高|低|痛|错|坏|相|共|暗|明|一|多|某|何|伤|"
    r"拐角|路口|入口|出口|交汇|连接|薄弱|危险|隐患|事发|发生|现场|所在|停放|存放)处$|"
    r"^领导机构$|^工作机构$|^应急机构$|^组织体系$|^(?:若干|相应|本预案)|"
    # a kind of body named only by generic words ("应急工作指挥机构", "现场处置机构")
    r"^(?:应急|工作|指挥|管理|处理|处置|领导|办事|现场|日常|专业|技术|支撑|专家|咨询|协调|组织)+机构$|"
    # the kinds of body a chapter describes (GB/T 29639; 突发公共卫生事件应急条例)
    r"^(?:应急)?(?:指挥|管理|处理)?(?:日常管理|专业技术|技术支撑|专家咨询|应急指挥|应急管理)机构$"
)


@per_document
def is_role_name(name: str) -> bool:
    if len(name) < 2 or len(name) > 30 or NOT_ROLES.match(name) or _GENERIC.match(name):
        return False
    if _NOT_ROLE_END.search(name) or (
        _VERB_START.match(name) and not _SUFFIX_END.fullmatch(name) and not _TASK_GROUP.match(name)
    ):
        return False
    if name.count("（") != name.count("）") or _NAME_BREAK.search(name):
        return False
    return ends_with_role_word(name)


# a group named by its task ("疏散组", "抢救组", "警戒保卫组"), not a verb that governs a group
# ("组织专家组", "派出工作组", "协调救援队")
# a post named by the room or centre it works from (调度室, 控制室, 调度中心), not a verb
_ROOM = re.compile(r"^[\u4e00-\u9fff]{2}(?:室|中心)$")
_TASK_GROUP = re.compile(
    r"^(?!组织|成立|设立|组建|派出|派|协调|指导|调集|调动|配合|协助|督促|联系|召集|带领|率领|安排|"
    r"请求|申请|会同|牵头|命令|指派|指示|通知|报告|上报|报送|通报|报|根据|按照|依据|由|经|向|对|将|把|"
    r"在|从|为|以|与|同|若干|若|如|各|有关|相关|其他|多个|一个|一支)"
    r"[\u4e00-\u9fff]{2,4}(?:工作组|小组|组|队)$"
)


# what never stands inside a body's name: sentence punctuation, and the verbs of a clause
# ("…工作按规定实行地方党政领导", "研究决定地方党委")
_NAME_BREAK = re.compile(
    r"[，,。；;：:！？!?]|实行|按规定|研究决定|决定|负责(?!人)|需要|商请|要求|参加|派出|联合|作为|"
    r"立即|及时|迅速|马上|后报告|后向|接报后|下设|以下|下列|如下|"
    r"移交给|交给|送给|听从|服从|配合|全力|过程中|进行|依托|委托|"
    # nor a time window ("…接报后5分钟内报告应急办公室")
    r"[\d一二三四五六七八九十两半]+个?(?:分钟|小时)|(?:分钟|小时|日|天)(?:之|以)?内"
)


_VERB_START = re.compile(
    r"^(?:需要|需|其他需要|进入|依托|指令|督导|保证|通报|移交|等待|才|了|进行|首先|立刻|听从|服从|接受|呼喊|呼叫|拨打|携带|穿戴|佩戴|使用|利用|借助|通过|遵照|参照|协同|全力|提请|报请|呈请|超过|超出|速报|续报|核报|补报|联合|作为|赴|前往|奔赴|深入|接到|收到|接获|获悉|督促|敦促|提醒|帮助|支持|研究|坚持|推动|实现|强化|确定|下设|设(?![备计施])|信息(?!化|(?:科|处|办|部|组|中心|站)$)|则|向|经|如|为|与|同|以|在|至|是|有|对于|关于|"
    r"立即|及时|迅速|视情|统一|组织|协调|动员|疏散|派出|派|通知|报告|采取|调集|调动|调度|启动|开展|"
    r"实施|做好|落实|加强|负责|配合|协助|指导|督促|检查|确保|根据|按照|依据|对|向|将|把|在|从|为|以|"
    r"设置|设立|成立|组建|建立|明确|制定|提供|保障|发布|转移|撤离|安置|抢救|救治|控制|防止|避免|"
    r"参加|参与|联系|请求|申请|会同|牵头|召集|命令|指派|指示|率领|带领|安排|保护|封闭|关闭|清理|"
    r"恢复|修复|补充|调拨|垫付|部署|宣布|决定|批准|审核|提出|核实|收集|汇总|上报|报送|报|接报|"
    r"确认|判断|测量|记录|保存|交换|递交|准备|备妥|抛|停|开|用|使|让|由|经|如|若|当(?!班|值|日|地)|凡|一旦|必要时|"
    r"应(?!急)|要|须|可|并|同时|尽力|尽快|注意|请示|告|据|按|安排|一经|其(?!他)|该|此|上述|下列|以下|全面|"
    r"进一步|积极|主动|共同|分别|密切|认真|严格|切实|全力|快速|有效|及早|提前|随时|继续|另)"
)
# 应 inside a word (供应组, 应急响应小组) is no modal: only a bare 应 ends a subject
_BAD_INSIDE = re.compile(
    r"使|于|将|并|(?<![供响相对适反回答])应(?!急)|可|等|在(?!地)|进行|采取|按照|根据|依托|报经|报请|提请|呈请"
)
_HEAD = re.compile(r"^[^，,。；：:]{2,24}[：:](?!$)")
_NOT_SUBJECT = re.compile(r"由|向|把|对|被")
_ALIAS_HEAD_END = re.compile(r"[，,。；;：:、]|设立|成立|组建|设置|和|及|由|按照|根据|依据|为")


def subject_of(clause: str) -> list[str]:
    """The roles that open `clause` ("市防指、市应急局应立即…" → both), or []."""
    delegate = OR_DELEGATE.search(clause)
    if delegate is None:
        return list(_subjects(clause))
    found = _subjects(clause[: delegate.start()] + "、" + clause[delegate.end() :])
    if not found:
        # the one it may delegate to is no role ("或由其委托省防指成员主持"): the post itself
        rest = DELEGATES.match(clause, delegate.end())
        if rest:
            found = _subjects(clause[: delegate.start()] + clause[rest.end() :])
    return list(found)


# "省防指副总指挥或由其委托省防指成员主持会商": the post or the one it delegates to
OR_DELEGATE = re.compile(r"或(?:由其|其|由)?委托(?:的)?(?=[\u4e00-\u9fff])")
DELEGATES = re.compile(rf"[^，,。；;]{{2,30}}?(?=(?:{_VERBS}))")


@per_document
def _subjects(clause: str) -> tuple[str, ...]:
    text = clause.strip()
    head = _HEAD.match(text)
    if head and not is_role_name(head.group(0)[:-1].strip()):
        text = text[head.end() :]
    for _ in range(2):
        listed = _etc_subjects(text)
        if listed:
            return listed
        m = _SUBJECT.match(text)
        if m and "下设" in m.group("subj"):
            # "应急指挥中心下设办公室，负责…": the body set up acts, not the one that sets it up
            names = _role_list(m.group("subj").rsplit("下设", 1)[1])
            if names:
                return names
        if (
            m
            and not _NOT_SUBJECT.search(m.group("subj"))
            and (
                not _VERB_START.match(m.group("subj"))
                or _TASK_GROUP.match(m.group("subj"))
                or _ROOM.match(m.group("subj"))
            )
            and not _BAD_INSIDE.search(m.group("subj"))
        ):
            names = _role_list(_cut_at_action(m.group("subj")))
            if names:
                return names
        staff = _STAFF_SUBJECT.match(text)
        if staff and (
            not _VERB_START.match(staff.group("subj")) or _TASK_GROUP.match(staff.group("subj"))
        ):
            names = _role_list(staff.group("subj"))
            if names:
                return names
        opening = _LEAD_IN.match(text)
        if not m and (not opening or opening.end() == 0):
            # no occasion before it ("…到达现场之前，"): a name right before an action verb
            names = _subject_at_action(text)
            if names:
                return names
        qualified = _QUALIFIED_SUBJECT.match(text)
        if qualified and not ends_with_role_word(qualified.group("part")):
            # "公安机关其他警力负责…": the body acts through a part of it that is no role itself
            names = _role_list(qualified.group("subj"))
            if names and not _VERB_START.match(qualified.group("subj")):
                return names
        lead = _LEAD_IN.match(text)
        if not lead or lead.end() == 0:
            break
        text = text[lead.end() :].lstrip("，, ")
    return ()


_ACTIONS = "|".join(sorted(words("zh", "actions"), key=len, reverse=True))
_INNER_ACTION = re.compile(rf"(?:{_SUFFIX_RE})(?=(?:{_ACTIONS}))")


_SUBJECT_AT_ACTION = re.compile(
    rf"^(?P<subj>{_ROLE_CHAR}{{2,24}}?(?:{_SUFFIX_RE}))(?=(?:{_ACTIONS}))"
)
_NEXT_NAME = re.compile(
    rf"^{_ROLE_CHAR}{{0,8}}?(?:{_SUFFIX_RE})(?=(?:{_VERBS})|(?:{_ACTIONS})|[，,：:])"
)


def _subject_at_action(text: str) -> tuple[str, ...]:
    """ "急诊科开辟绿色通道，…" → ("急诊科",): a name right before an action verb that the list of
    subject-ending verbs does not hold; not when the action word starts the next part of one
    name ("…局调度中心负责…")."""
    m = _SUBJECT_AT_ACTION.match(text)
    if not m or _NOT_SUBJECT.search(m.group("subj")) or _VERB_START.match(m.group("subj")):
        return ()
    following = _NEXT_NAME.match(text[m.end() :])
    if following and (is_role_name(following.group(0)) or _ROOM.match(following.group(0))):
        return ()
    return _role_list(m.group("subj"))


def occasion_subject(clause: str) -> list[str]:
    """ "抢险救援组到达现场后，" → ["抢险救援组"]: the body whose own act is the occasion of a
    clause (not "接到市应急局通知后，", which opens with the act)."""
    text = clause.strip()
    opening = _LEAD_IN.match(text)
    if not opening or opening.end() == 0 or not _AFTER_OWN_ACT.search(opening.group(0)):
        return []
    return list(_subject_at_action(text))


# the occasion is the body's own act done ("…到达现场后"), not one it waits for ("…到达之前")
_AFTER_OWN_ACT = re.compile(r"(?<![之以])(?:后|时)[，,]?$|之后[，,]?$")


def _cut_at_action(subject: str) -> str:
    """ "安全保卫组疏散无关人员" → "安全保卫组": a name followed by an action and its object is no
    longer name; "市交通运输局调度中心" stays whole (what follows the inner suffix is a body)."""
    for inner in _INNER_ACTION.finditer(subject):
        head, rest = subject[: inner.end()], subject[inner.end() :]
        if not rest or not is_role_name(head):
            continue
        if not (is_role_name(rest) or _ROOM.match(rest) or _TASK_GROUP.match(rest)):
            return head
    return subject


# an actor described, not named: "参加现场应急救援的人员，必须…", "先期到达现场的救援力量应当…"
_DESCRIBED = re.compile(
    r"^[^，,。；;：:]{2,30}的[\u4e00-\u9fff]{0,6}(?:人员|队伍|力量|队员|单位|部门|机构|机关)[，,]?"
    rf"(?=(?:{_VERBS}))"
)


@per_document
def described_actor(clause: str) -> bool:
    """Whether `clause` opens with an actor it describes instead of naming a role
    ("参加现场应急救援的人员，必须加强个人安全防护"), after any time or occasion it waits for."""
    text = clause.strip()
    for _ in range(2):
        if _DESCRIBED.match(text):
            return True
        lead = _LEAD_IN.match(text)
        if not lead or lead.end() == 0:
            return False
        text = text[lead.end() :].lstrip("，, ")
    return False


# "省发展改革委、省商务厅等有关部门做好…", "气象、水利、地震等部门及时…": a list closed by 等
_ETC_LIST = re.compile(
    rf"^(?P<list>(?:{_ROLE_CHAR}|、){{2,120}}?)等(?P<noun>(?:有关|相关)?(?:部门和单位|单位和部门|部门|单位|机构))?"
    rf"(?=(?:{_VERBS})|按)"
)


def _etc_subjects(text: str) -> tuple[str, ...]:
    """The bodies of a list closed by 等 that opens `text`, when every item is a body's full
    name (a list of fields, 气象、水利…等部门, names no body of its own)."""
    if "等" not in text[:122]:
        return ()
    m = _ETC_LIST.match(text)
    if not m or "、" not in m.group("list") or _VERB_START.match(m.group("list")):
        return ()
    items = [p.strip() for p in m.group("list").split("、")]
    if all(is_role_name(p) for p in items):
        return tuple(dict.fromkeys(clean_name(p) for p in items))
    return ()


def agents_by(clause: str) -> list[str]:
    """Roles named as the doer with 由/经/报 ("由市公安局牵头", "报总指挥批准")."""
    return list(_agents(clause))


@per_document
def _agents(clause: str) -> tuple[str, ...]:
    out: list[str] = []
    for m in _BY.finditer(clause):
        out.extend(_role_list(m.group("by") or m.group("ok")))
    return tuple(out)


def find_aliases(text: str) -> list[tuple[str, str]]:
    """(full name, alias) pairs defined with （以下简称“X”）."""
    pairs = []
    for m in ALIAS.finditer(text):
        before = text[: m.start()]
        head = _ALIAS_HEAD_END.split(before)[-1].strip()
        if head and ends_with_role_word(head):
            pairs.append((head, m.group("alias").strip()))
    return pairs
