"""Chinese step labels and whom a step reports to."""

from __future__ import annotations

import re

from plans.extract.draft import Draft
from plans.extract.registry import RoleRegistry
from plans.extract.zh.clauses import ACTION
from plans.extract.zh.names import DELEGATES, INNER_GLOSS, OR_DELEGATE, PEOPLE_TAIL

# whom a step reports to; a lookahead, so that one candidate ("报警后向…") does not swallow the
# next ("向应急指挥部报告")
_NOTIFY = re.compile(
    r"(?=(?:向|通知|报告|上报|报送|通报|报)(?P<who>[^，。；、]{2,30}?)"
    r"(?:报告|通报|报送|求救|请求|和|及|、|，|。|$))"
)
_RECEIVER_SEGMENT = re.compile(r"[^，,。；;、]{0,30}")
_RECEIVER_STOP = re.compile(r"(?=报告|通报|报送|请求|求救|和|及)")
OFFICE = re.compile(r"办公室$|办$")
LEADER = re.compile(r"组长|总指挥|指挥长|主任|队长")
_NUMBERING = re.compile(
    r"^第[一二三四五六七八九十百零\d]{1,4}条\s*|^\d{1,2}(?:[.．]\d{1,2})+[.．、]?\s*|^[（(]?[\dA-Za-z一二三四五六七八九十]{1,3}[)）.、．]\s*|^[①-⑳]\s*"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# an occasion, with the time allowed from it ("预警启动文件签发后1小时内，"), before the action
_CONDITION = re.compile(
    r"^[^，,]{0,20}(?:后|时)(?:[\d一二三四五六七八九十两半]+个?(?:小时|分钟|日|天|工作日)(?:之|以)?内)?[，,]"
)
# a modal or adverb opening the action ("应立即…"), one at a time; never the start of a word
# (应急, 要求, 须知, 负责人)
_MODAL = re.compile(
    r"^(?:应当|应该|应(?!急)|可以|可(?![能靠视行])|具体|要(?!求|素|害|点)|须(?!知)|必须|负责(?!人|同志)|立即|及时|立刻|马上|"
    r"尽快|迅速|(?:在)?第一时间|"
    # a conjunction that joins the clause to the one before ("并通报…", "则正式签发…")
    r"并且|并(?!网|联|购|列|存|发症)|则|且|同时|随后|然后|随即|均(?!衡|匀)|也|亦|还(?!原))"
)
_SHARED_HEADS = ("人民政府", "政府", "党委", "党组")
_POSTS = frozenset(
    {
        "组长",
        "副组长",
        "队长",
        "副队长",
        "总指挥",
        "副总指挥",
        "指挥长",
        "副指挥长",
        "主任",
        "副主任",
        "负责人",
    }
)
_IF = re.compile(r"^(?:如果|如|若|一旦)")
_DOES = re.compile(r"应|要|须|采取|组织|开展|实施|进行|负责|落实|做好")
_LIST_TAIL = re.compile(r"^[^，,。；]{2,30}等[\u4e00-\u9fff]{1,6}$")  # "农村偏远地区等警报盲区"
# the modal that opens a clause's own action ("应及时上报…")
_OWN_MODAL = re.compile(r"^(?:应当|应(?!急)|要(?!求|素|害|点)|须|必须)|应当|应(?!急)|须")
# the body's people and their means after its name ("…部门的人员及车辆赶赴现场")
_STAFF_TAIL = re.compile(
    r"^(?:的[\u4e00-\u9fff]{0,4}人员|(?:工作)?人员|队员)(?:[及和与、](?:车辆|装备|器材|设备|物资))?"
)
_GLOSS = re.compile(r"^[（(][\u4e00-\u9fff]{1,6}[）)]")  # "被征用单位（人）"
_OBJECT_BEFORE = re.compile(r"向|对|给|把|将|与|同(?!时)|跟|上报|报告|报送|通知|通报|请示")
_NAME_END = re.compile(r"[，,。；;：:]")
# what opens a clause before its action: its basis, occasion or object ("根据灾情需要，",
# "按照…要求", "在接到报告时", "对于…的")
_LEADING_BASIS = re.compile(
    # a basis without a comma runs up to the adverb of time that opens the action
    # (及时 of the action, not of a principle: "及时准确的原则")
    r"^(?:根据|按照|依照|依据)[^，,。；]{1,20}?(?=及时(?!准确|有效|全面|高效)|立即|迅速|尽快|立刻|马上|第一时间)"
    # (按 of a basis, not 按下/按动 of a button)
    r"|^(?:根据|按照|依照|依据|按(?![下动住压])|对于|针对|结合)[^，,。；]{1,30}?(?:，|,|的(?:要求|规定|需要|原则)，?)"
    r"|^在[^，,。；]{1,24}?(?:时(?![间内])|后|中|期间)[，,]?"
    # the report it answers, without a comma ("接报后立即报告…", "接到指令后迅速…")
    r"|^(?:接报|接警|(?:接到|收到|发现)[^，,。；]{1,10}?)后(?![续期果])(?=[\u4e00-\u9fff])"
)
_WHEN_NEEDED = re.compile(r"^(?:必要时|如有必要|确有必要时|需要时|视情况?)(?!下)")
_LEADING_APPROVAL = re.compile(r"^(?:报请|报经|经)[^，,。；]{1,24}?(?:批准|同意|审定|审核)后")
_AGENT_END = re.compile(r"机构|部门|政府|党委|单位|组|部|局|委|办|队|中心|站|所|院|人")
_OCCASION_END = re.compile(r"[\u4e00-\u9fff]{2}(?:后|时)$")
_PASSIVE = re.compile(r"^(?P<obj>[^，,。；由]{2,16})由")
_OCCASION = re.compile(
    r"(?:的|时|后|前|下|中|期间|以上|以下|(?:小时|分钟|日|天|工作日)(?:之|以)?内)$|^(?:对(?![^，,]*(?:进行|实施|开展|采取|组织|作出|做出|予以))|在|如|若|当|遇|凡|根据|按照|依照|为了|为|"
    r"发生(?![^，,]*(?:后|时)[^，,]))"
    # an approval the action waits for ("报经同级政府批准，可发布…")
    r"|^(?:报经|报请|经)[^，,。；]{1,24}(?:批准|同意|审定|审核|决定)$"
    # the body it consults first ("交通运输部商外交部，统一组织…")
    r"|^商[^，,。；]{2,12}$"
    # what cannot be done ("酒店应急救援力量无法实施救援")
    r"|(?:无法|不能|难以|不足以)[\u4e00-\u9fff]{0,6}?(?:处置|控制|救援|应对|扑灭|满足|实施|抢救)$"
)
# bodies named beside the owners that are no role of their own ("及有关职能部门")
_BODIES = r"(?:有关|相关|其他|各)[\u4e00-\u9fff]{0,8}?(?:部门|单位|机构)"
# the title an item opens with, up to its colon, when an action follows
_RUN_IN_TITLE = re.compile(r"^[^，,。；;：:（(]{2,16}[：:](?=[^，,。；;]{4})")
# a good place to cut a long label: after a list or object boundary, never inside a word
_CUT = re.compile(r"[、和及与并]|(?<=[的了])")


def step_name(d: Draft, reg: RoleRegistry, limit: int = 18) -> str:
    """A short label: the action of the clause without numbering, occasion, subject and modal."""
    text = _CONDITION.sub("", _NUMBERING.sub("", INNER_GLOSS.sub("", d.text)))
    # "省防指各成员单位工作要求：各成员单位按照职责落实…": the item's title is no action
    text = _RUN_IN_TITLE.sub("", text)
    for rid in d.roles:
        entry = reg.entries.get(rid)
        # the longest form first ("现场负责人员" before "现场负责人": no "员…" left over)
        for name in sorted([entry.name, *entry.aliases], key=len, reverse=True) if entry else []:
            at = text.find(name) if name else -1
            if 0 <= at < 25 and not _OBJECT_BEFORE.search(re.split(r"[，,]", text[:at])[-1]):
                # the owner opens the clause (after its occasion): the action follows it; not
                # the owner named as the object ("向本级政府和上级公安机关报告")
                text = _STAFF_TAIL.sub("", _GLOSS.sub("", text[at + len(name) :]))
                break
            if 0 <= at < 40:
                break
    text = _CONDITION.sub("", text)
    # "按照疏散路线带领学生撤离…": the basis without a comma, then the action
    text = _basis_then_action(text) or _LEADING_BASIS.sub("", text)
    pieces = [p for p in _NAME_END.split(text) if p.strip()]
    in_sentence = len([p for p in _NAME_END.split(re.split("[。；;]", text)[0]) if p.strip()])
    occasion_end = next(
        (k for k, p in enumerate(pieces[: min(5, in_sentence)]) if k and _OCCASION_END.search(p)),
        None,
    )
    if occasion_end and not any(_OWN_MODAL.search(p) for p in pieces[:occasion_end]):
        # "事故现场得到控制，环境符合有关标准，…隐患消除后，经总指挥批准，宣布应急结束": the
        # conditions run on to the occasion that closes them
        pieces = pieces[occasion_end:]
    conditional = dropped = False
    while len(pieces) > 1 and _OCCASION.search(pieces[0]) and not _acts_at_place(pieces[0]):
        # "对造成重大人员伤亡的灾害事件，…", "灾情稳定前，…": the occasion, not the action
        conditional = conditional or bool(_IF.match(pieces[0]))
        pieces, dropped = pieces[1:], True
    while (
        dropped and len(pieces) > 1 and _LIST_TAIL.search(pieces[0]) and not _DOES.search(pieces[0])
    ):
        # "对…特殊人群，农村偏远地区等警报盲区，夜间等特殊时段，采取…": the occasion's list of
        # places and times runs on until the action
        pieces = pieces[1:]
    if conditional and not _OWN_MODAL.search(pieces[0]):
        # "如发现事态扩大，超过本级处置能力，应及时上报…": the condition runs on to the modal
        later = next((k for k, p in enumerate(pieces) if k and _OWN_MODAL.match(p.lstrip())), None)
        if later is not None:
            pieces = pieces[later:]
    if dropped:
        # the action after the occasion may open with its basis ("…，按照…要求向…报告")
        pieces[0] = _basis_then_action(pieces[0]) or pieces[0]
    # (the label comes from the first piece, or the first two: the rest need not be read)
    text = _without_owner("，".join(pieces[:3]), d, reg)
    text = re.sub(rf"^{PEOPLE_TAIL}", "", text).lstrip("，,：: 、")
    text = _STAFF_LEFT.sub("", text)  # "（应急救援小组）成员做好…": the owner's people
    delegate = OR_DELEGATE.match(text)
    if delegate and DELEGATES.match(text, delegate.end()):
        # "（副总指挥）或由其委托省防指成员主持会商": the one it may delegate to, then the action
        text = text[DELEGATES.match(text, delegate.end()).end() :]
    text = _APPROVED_LEFT.sub("", text)  # "（经总指挥）批准，宣布…": the approval was the occasion
    text = _strip_modals(_LEADING_BASIS.sub("", _strip_modals(text, reg)), reg)
    pieces = [p for p in _NAME_END.split(text) if p.strip()]
    name = pieces[0] if pieces else ""
    # "必要时报请市政府批准后向社会公众发布预警": when and whose approval, then the action
    bare_action = _LEADING_APPROVAL.sub("", _WHEN_NEEDED.sub("", name))
    if len(bare_action) >= 4 and bare_action != name and ACTION.search(bare_action):
        name = bare_action
    if re.match(r"由|或者?|以及|及其", name):
        # "由相关党委和政府或者有关应急指挥机构、部门宣布应急结束" (or what is left of it once
        # the owners are cut off): the agents, then the action
        for m in _AGENT_END.finditer(name, 2):
            rest = _strip_modals(name[m.end() :], reg)
            if len(rest) >= 4 and ACTION.match(rest):
                name = rest
                break
    passive = _PASSIVE.match(_NAME_END.split(_NUMBERING.sub("", d.text))[0])
    bare = re.sub(r"^(?:统一|负责|及时|立即|适时)", "", name)
    if len(bare) <= 3 and passive:
        # "蓝色预警由办公室发布" → "发布蓝色预警", "警戒命令应由…统一发布" → "发布警戒命令"
        name = bare + re.sub(r"(?:应当|应|须|必须|要|可)$", "", passive.group("obj"))
    elif len(name) <= 3 and len(pieces) > 1:
        # a bare 同意/决定/配合 says nothing: the action it governs follows
        name = name + "，" + pieces[1]
    if len(name) > limit + 6:
        # "在30分钟内向县人民政府和市应急管理局报告初步情况": too long to show whole; the time
        # window is the step's time limit anyway, the action is not
        name = _LEADING_WITHIN.sub("", name) or name
    return _cut_at_word(name, limit) or d.text[:limit]


_LEADING_WITHIN = re.compile(
    r"^(?:应|须|要)?(?:在|于)?[\d一二三四五六七八九十两半个.]+\s*(?:分钟|小时|日|天|个?工作日)(?:以|之)?内"
    r"(?=[\u4e00-\u9fff])"
)
_BASIS = re.compile(r"^(?:根据|按照|依照|依据|按(?![下动住压]))(?!时|期|规定)")
# verbs that also name the basis itself ("有关部署", "地方申请")
_NOUN_LIKE = frozenset({"部署", "安排", "申请", "要求", "指示", "批示", "调度", "评估"})
_BASIS_END = re.compile(
    r"(?:原则|要求|规定|部署|安排|情况|需要|申请|意见|指示|程序|预案|方案|职责|分工|机制|权限|标准|"
    r"精神|办法|制度|流程|计划|评估|结果|需求|信息|数据|资料|报告|通知|命令|指令|情报)$"
)


_BASIS_THEN_OBJECT = re.compile(
    r"(?:要求|规定|程序|标准|原则|部署|安排|权限|分工|职责|预案|方案)(?=[向对将把给为与][\u4e00-\u9fff])"
)


_PLACE_END = re.compile(r"处|口|旁|边|点|区域|现场|场所")


def _acts_at_place(piece: str) -> bool:
    """ "在楼梯口、拐角处引导疏散": an action at a place, not an occasion."""
    if not piece.startswith("在"):
        return False
    return any(ACTION.match(piece, m.end()) for m in _PLACE_END.finditer(piece, 2, 18))


def _basis_then_action(piece: str) -> str | None:
    """The action after a basis written without a comma ("按照疏散路线带领学生撤离至操场" →
    "带领学生撤离至操场"), or None."""
    if not _BASIS.match(piece):
        return None
    first = _NAME_END.split(piece, 1)[0]
    then = _BASIS_THEN_OBJECT.search(first)
    if then and len(first) - then.end() >= 4:
        # "按照国家规定的时限、程序和要求向上级主管部门报告": the basis ends where the object of
        # the action is introduced
        return piece[then.end() :]
    if _BASIS_END.search(first):
        return None  # "根据调度部署，…": the whole piece is the basis
    m = ACTION.search(first, 3)
    while m is not None and m.group(0) in _NOUN_LIKE and (nxt := ACTION.match(first, m.end())):
        m = nxt  # "根据有关部署加强…": a noun written like a verb, then the verb
    if m is None or m.start() > 14 or len(first) - m.start() < 4:
        return None
    if first[m.end() : m.end() + 1] in ("和", "及", "与", "、", "的"):
        return None  # "根据地方申请和灾情…": a noun of the basis, not its action
    return piece[m.start() :]


# the approval of the owner cut off before it ("经总指挥批准，宣布…")
_APPROVED_LEFT = re.compile(r"^(?:批准|同意)(?:后)?[，,](?=[\u4e00-\u9fff]{2})")
# the owner's people, left when the owner's name is cut off ("应急救援小组成员做好…")
_STAFF_LEFT = re.compile(r"^(?:的?(?:工作)?人员|队员|成员)(?=[\u4e00-\u9fff]{2})")


def _without_owner(text: str, d: Draft, reg: RoleRegistry) -> str:
    """`text` without the owner's name that opens it ("应急管理部门要及时…" → "要及时…")."""
    names = sorted(
        {
            form
            for rid in d.roles
            if (e := reg.entries.get(rid))
            for n in (e.name, *e.aliases)
            if n
            for form in (n, n.removeprefix("各"))
        },
        key=len,
        reverse=True,
    )
    stripped = False
    while True:
        # the owners named together ("事发地政府及有关职能部门", "主要领导或分管领导")
        # (the first owner may already be cut off by step_name: "和政府立即…"); the owner
        # named as the doer ("由应急救援小组下达…")
        glue = re.match(r"^[、和及与或由]|^以及", text)
        rest = text[glue.end() :] if glue else text
        name = next((n for n in names if rest.startswith(n)), None)
        if name is None and glue:
            # "县级以上地方党委和政府", "各工作组组长、副组长": the second owner written without
            # the place or body it shares with the first
            name = next(
                (
                    n[-k:]
                    for n in names
                    for k in range(min(5, len(n) - 1), 1, -1)
                    if rest.startswith(n[-k:]) and (n[-k:] in _SHARED_HEADS or n[-k:] in _POSTS)
                ),
                None,
            )
        if name is None:
            break
        text, stripped = rest[len(name) :], True
    if stripped or re.match(rf"^(?:及其|以及|[、和及与或]){_BODIES}", text):
        return re.sub(rf"^(?:(?:及其|以及|[、和及与或]){_BODIES})+", "", text)
    return re.sub(
        r"^(?:各级|县级以上|有关|相关)?[\u4e00-\u9fff]{0,8}(?:部门|单位|政府)(?=要|应|须)", "", text
    )


# a left part that ends on a modal, a conjunction or an open bracket leads on to what was cut
_OPEN_END = re.compile(r"[需应要须可将并或和及与、（(]$")


def _cut_at_word(text: str, limit: int) -> str:
    """`text` cut to about `limit` characters at a list or object boundary, not mid-word."""
    if len(text) <= limit + 6:
        return text  # a clause a little longer than the label is kept whole
    cuts = [m.start() for m in _CUT.finditer(text, 0, limit + 1) if m.start() >= limit // 2]
    if not cuts:
        # before a later action whose object would be cut off, when what is left is an action
        # with its object ("组织医疗卫生队伍赴受灾地区｜协助开展医疗救治…")
        verbs = list(ACTION.finditer(text, 0, limit + 2))
        for m in reversed(verbs):
            left = text[: m.start()]
            if m.start() < limit // 2 or m.start() > limit:
                continue
            ends_on_verb = any(v.end() == m.start() for v in verbs) or _OPEN_END.search(left)
            opens = verbs[0].start() <= 4 and not text.startswith("在")
            if not ends_on_verb and opens and verbs[0].start() < m.start() - 4:
                cuts = [len(left)]
                break
    return text[: cuts[-1]] if cuts else text[:limit]


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


def receivers(d: Draft, reg: RoleRegistry, offices: list[tuple[str, str | None]]) -> set[str]:
    """Roles the step reports to, with their offices (an office receives its body's reports).

    `offices`: (role id, parent id) of the registry's offices, in registry order."""
    out: set[str] = set()
    for m in _NOTIFY.finditer(d.text):
        rid = reg.find(m.group("who"))
        if (
            rid is None
            and m.group("who")[-1:] != "和"
            and "和" in d.text[m.end("who") : m.end("who") + 1]
        ):
            # a name with 和 inside it ("报告市工业和信息化局"): the name runs on to a later stop
            start = m.start("who")
            segment = _RECEIVER_SEGMENT.match(d.text, start).group(0)
            ends = [e.start() for e in _RECEIVER_STOP.finditer(segment)] + [len(segment)]
            rid = next(
                (
                    r
                    for k in reversed(ends)
                    if k > len(m.group("who")) and (r := reg.find(segment[:k]))
                ),
                None,
            )
        if rid and rid not in d.roles:
            out.add(rid)
    if out:
        for rid, parent in offices:
            if parent in out:
                out.add(rid)
    return out


def notified(d: Draft, reg: RoleRegistry) -> list[str]:
    """Registry ids of the roles the step reports to ("向应急指挥部报告"), in text order."""
    out: list[str] = []
    for m in _NOTIFY.finditer(d.text):
        rid = reg.find(m.group("who"))
        if rid and rid not in out:
            out.append(rid)
    return out
