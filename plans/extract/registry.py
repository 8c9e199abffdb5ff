"""The roles of a plan: a registry that merges names and aliases, and role definitions in the text."""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field

from plans.extract.zh.names import (
    ALIAS,
    ROLE_SUFFIXES,
    clean_name,
    ends_with_role_word,
    find_aliases,
    is_role_name,
    split_role_list,
)
from plans.model import Block, Role, Source

_TOP_POST = re.compile(r"副?总指挥|副?指挥长")
_POSTS = re.compile(r"(副总指挥|总指挥|副指挥长|指挥长|副组长|组长|秘书长|副主任|主任|队长)$")
_PREFIX = re.compile(r"^(?:各级|各|本级|同级|上级|所属)")
# how a unit's plan names the unit itself (GB/T 29639: 生产经营单位)
_COUNT_WORD = re.compile(r"^(?:若干|多个|相应|各个?)")
_OWN_NAME = re.compile(r"^本?(?:公司|企业|单位|集团|酒店|宾馆|医院|学校|工厂|厂|矿|站|院|校)")
_KIND = (
    ("command", re.compile(r"指挥部|指挥机构|领导小组|防指|防总|委员会")),
    ("office", re.compile(r"办公室|值班室|调度室")),
    ("group", re.compile(r"组$|专班$")),
    ("team", re.compile(r"队$|队伍$|team$", re.IGNORECASE)),
    (
        "post",
        re.compile(
            r"长$|指挥$|主任$|员$|人员$|负责人$|领导$|者$|船长|大副|二副|lead$|commander$|officer$|scribe$",
            re.IGNORECASE,
        ),
    ),
    ("unit", re.compile(r".")),
)


@dataclass
class _Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    responsibilities: list[str] = field(default_factory=list)
    source: Source | None = None
    part: str | None = None
    defined: bool = False
    used: bool = False


_SPACES = re.compile(r"\s+")
# a body of one place or level of government ("省防汛抗旱指挥部", "市应急管理局")
_PLACED = re.compile(r"^(?:国家|省|自治区|市|州|盟|县|区|旗|乡|镇|街道)")
_ALL = re.compile(r"^全体|^全")
_PEOPLE_END = re.compile(r"(?:人员|者|人)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_EACH = re.compile(r"各(?!级)")


def _key(name: str) -> str:
    return _PREFIX.sub("", _SPACES.sub(" ", name.strip())).lower().replace("相关", "有关")


_INNER_QUALIFIER = re.compile(r"(?<=.)(?:其他|其它|有关|相关)(?=成员单位|成员|专项工作组|工作组)")
_SHORT_ENDS = {"委": "委员会", "办": "办公室"}
_LOCAL = re.compile(r"^(?:事故发生地|事发地|事发|受灾地区|受灾地|受灾)(?P<rest>.{2,})$")
_SHIP_POSTS = re.compile(r"船长|大副|二副|三副|轮机长|大管轮|驾驶员|值班员|安全员")
# what follows a role's name when the name only qualifies another: "指挥部的…", "指挥部和…",
# "指挥部办公室", "抢险组组长"
_QUALIFIED = re.compile(
    r"^(?:$|[的之、和及与或（(，,。；;：:]|"
    + "|".join(sorted((w for w in ROLE_SUFFIXES if len(w) > 1), key=len, reverse=True))
    + ")"
)
_ORG_INSIDE = re.compile(r"部|局|委|办|政府|中心|公司|组|队|单位|机构|船舶")


# the body of the place where it happens: 当地防指 = 事发地防指 = 事故发生地防指
_HERE = re.compile(r"^(?:当地|事故发生地|事发地)")


# "local" in a government's name, whichever word says it: 当地县级以上政府 = 县级以上地方人民政府
_LOCAL_WORD = re.compile(r"当地|地方|事发地")


def _canon(key: str) -> str:
    """Variant spellings of a group of people: 全体船员 = 全船人员, 发现者 = 发现人员,
    当值驾驶员 = 值班驾驶员; of a government: 受灾地区人民政府 = 受灾地区政府; of the local
    body: 当地防指 = 事发地防指."""
    key = _ALL.sub("", key).replace("当值", "值班").replace("当班", "值班")
    key = key.replace("人民政府", "政府")
    key = _HERE.sub("事发地", key)
    return _PEOPLE_END.sub("员", key)


def _subsequence(short: str, long_: str) -> bool:
    it = iter(long_)
    return all(ch in it for ch in short)


class RoleRegistry:
    """Roles found so far; `resolve` maps a mention to a role id, creating the role if asked."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.by_key: dict[str, str] = {}
        self._by_canon: dict[str, dict[str, str]] = {}  # by_key grouped by _canon(key)
        self._found: dict[tuple[str, int], str | None] = {}
        self._initials: set[str] = set()  # the first character of every key
        # every key reversed, sorted (the keys ending with a given text are one range of it),
        # and the keys by their last two characters: a scan of all keys per miss was slow
        self._reversed: list[str] = []
        self._by_tail: dict[str, list[str]] = {}

    def _set_key(self, key: str, rid: str, *, replace: bool = True) -> None:
        """by_key[key] = rid (only if the key is new unless `replace`), indexed by canon form."""
        if key not in self.by_key:
            insort(self._reversed, key[::-1])
            self._by_tail.setdefault(key[-2:], []).append(key)
        if replace or key not in self.by_key:
            self.by_key[key] = rid
            self._by_canon.setdefault(_canon(key), {})[key] = rid
            self._initials.add(key[:1])

    def _new_id(self) -> str:
        return f"r{len(self.entries) + 1}"

    def find(self, name: str) -> str | None:
        memo = (name, len(self.by_key))
        if memo in self._found:
            return self._found[memo]
        found = self._find(name)
        self._found[memo] = found
        return found

    def _find(self, name: str) -> str | None:
        key = _key(name)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        same = set(self._by_canon.get(_canon(key), {}).values())
        if len(same) == 1:
            return same.pop()
        # a body's members qualified inside the name ("省防指其他成员单位", "市指挥部有关成员单位")
        plain = _INNER_QUALIFIER.sub("", key)
        if plain != key and plain in self.by_key:
            return self.by_key[plain]
        if _LOCAL_WORD.search(key) and key.endswith("政府"):
            # "当地县级以上政府" is the "县级以上地方人民政府" the plan names elsewhere
            bare = _LOCAL_WORD.sub("", _canon(key))
            hits = {
                rid
                for k, rid in self.by_key.items()
                if k.endswith("政府") and _LOCAL_WORD.sub("", _canon(k)) == bare
            }
            if len(hits) == 1:
                return hits.pop()
        local = _LOCAL.match(name)
        if local:
            # "事发地区（市）政府" is the one of "各区（市）政府" where it happened
            rid = self.by_key.get(_key(local.group("rest")))
            if rid and _EACH.match(self.entries[rid].name):
                return rid
        own = _OWN_NAME.match(key)
        if own and own.end() < len(key) and key[own.end() :] in self.by_key:
            # "酒店应急救援指挥部", "公司应急领导小组": an enterprise's plan names its bodies with
            # the enterprise's own name before them, or without it
            return self.by_key[key[own.end() :]]
        shared = self._after_plan_prefix(key)
        if shared is not None:
            return shared
        post = _POSTS.search(name)
        if post and post.start() > 0:
            head = self.find(name[: post.start()])
            bare = self.by_key.get(_key(post.group(1)))
            if head and bare and self._post_of(bare, head):
                return bare
        # a member written with its body's name before its own ("委员会专家委员会" for the
        # 专家委员会 defined under that 委员会)
        for n in range(2, len(key) - 1):
            tail = self.by_key.get(key[n:])
            if tail is not None and self.entries[tail].parent is not None:
                head = self.by_key.get(key[:n])
                if head is not None and self.entries[tail].parent == head:
                    return tail
        # a post with a task prefix ("现场指挥大副" for "大副")
        for k, rid in self.by_key.items():
            post = 2 <= len(k) < len(key) and key.endswith(k) and _SHIP_POSTS.fullmatch(k)
            if post and not _ORG_INSIDE.search(key[: -len(k)]):
                return rid
        # a short form that ends a longer name ("区（市）政府" of "事发地区（市）政府"), or the
        # bare kind of the one such body ("指挥部" of "生产安全事故应急救援指挥部")
        if len(key) >= 4 or key in _BARE_KINDS:
            tail = key[::-1]
            at = bisect_right(self._reversed, tail)  # the key itself (if any) sorts before
            hits = set()
            while at < len(self._reversed) and self._reversed[at].startswith(tail):
                hits.add(self.by_key[self._reversed[at][::-1]])
                at += 1
            if len(hits) == 1 and not (
                # "各级防汛抗旱指挥部" is the command at every level, not the province's own
                name.startswith("各级") and _PLACED.match(self.entries[next(iter(hits))].name)
            ):
                return hits.pop()
        # a shortened form of a longer name with the same last word ("事发地政府" of "事故发生地政府")
        if len(key) >= 5 and _CJK.search(key):
            hits = {
                self.by_key[k]
                for k in self._by_tail.get(key[-2:], ())
                if len(k) > len(key)
                and k[0] == key[0]
                and _subsequence(key, k)
                and len(key) >= 0.6 * len(k)
            }
            if len(hits) == 1:
                return hits.pop()
        # a body named with the name of the body above it ("学校领导小组" for the
        # "火灾事故应急处置领导小组" the school set up)
        hits = set()
        for k in self._by_tail.get(key[-2:], ()):
            parent = self.entries[self.by_key[k]].parent
            head = _key(self.entries[parent].name) if parent in self.entries else ""
            own = key[len(head) :]
            if head and key.startswith(head) and len(own) >= 2 and k.endswith(own) and k != key:
                hits.add(self.by_key[k])
        if len(hits) == 1:
            return hits.pop()
        # a body's short form ending in 委 or 办 ("市应急委", "应急委" for "市突发事件应急委员会";
        # "防指办" for "…指挥部办公室"): its words, in order, in one longer name with that ending
        full = _SHORT_ENDS.get(key[-1:]) if len(key) >= 3 else None
        if full:
            long_key = key[:-1] + full
            hits = {
                rid
                for k, rid in self.by_key.items()
                if k.endswith(full) and len(k) > len(key) and _subsequence(long_key, k)
            }
            if len(hits) == 1:
                return hits.pop()
        return None

    def _after_plan_prefix(self, key: str) -> str | None:
        """ "市公路交通应急工作组" for the "应急工作组" of the "市公路交通突发事件应急指挥部": a name
        written with the words that open the command's own name (its place and field) before a
        known one. Not a body's own part ("省防指办公室"): what comes before ends in no role word."""
        if len(key) < 6 or not _CJK.search(key):
            return None
        commands = [
            _key(e.name)
            for e in self.entries.values()
            if e.parent is None and e.name[:2] == key[:2] and _KIND[0][1].search(e.name)
        ]
        if not commands:
            return None
        for n in range(len(key) - 3, 1, -1):
            head, tail = key[:n], key[n:]
            rid = self.by_key.get(tail)
            if rid is None or ends_with_role_word(head):
                continue
            if any(c.startswith(head) and c != key for c in commands):
                return rid
        return None

    def _post_of(self, post: str, head: str) -> bool:
        """Whether the bare post `post` is the post of body `head`: its own (a group's 组长 under
        that group), or the command's top post (总指挥, 指挥长), which a plan has once."""
        entry = self.entries[post]
        return entry.parent == head or bool(_TOP_POST.fullmatch(entry.name))

    def named_at_start(self, text: str) -> tuple[str, str] | None:
        """(id, rest of `text`) of the defined role whose name or alias, written out in full,
        opens `text` ("应急指挥部召开会议…"), the longest first; not a name that only qualifies
        another ("指挥部的…", "指挥部和…", "指挥部办公室")."""
        head = text[:30]
        if _SPACES.search(head):
            keys = [(n, _key(text[:n])) for n in range(len(head), 1, -1)]
        else:
            # one key for the whole head, cut to each length (a prefix such as 各级 is dropped
            # once): the same keys without a regular expression per length
            whole = _key(head)
            if whole[:1] not in self._initials:
                return None  # no name starts so (most clauses): no key to try
            cut = len(head) - len(whole)
            keys = [(n, whole[: n - cut]) for n in range(len(head), 1, -1) if n - cut >= 2]
        for n, key in keys:
            rid = self.by_key.get(key)
            if rid is not None and self.entries[rid].defined and not _QUALIFIED.match(text[n:]):
                return rid, text[n:]
        return None

    def add(
        self,
        name: str,
        block: Block | None = None,
        *,
        defined: bool = False,
        parent: str | None = None,
        part: str | None = None,
    ) -> str:
        name = clean_name(name) if _CJK.search(name) else name.strip()
        rid = self.find(name)
        if rid is None:
            post = _POSTS.search(name)
            head = self.find(name[: post.start()]) if post and post.start() > 0 else None
            if head:
                # "抢险救援组组长": the group's own leader, under the group; the one bare post of
                # the command ("指挥部总指挥" = 总指挥) when the plan names it so
                bare = self.by_key.get(_key(post.group(1)))
                if bare and self._post_of(bare, head):
                    rid = bare
                    self.alias(rid, name)
                else:
                    rid = self._create(name, block, head, part)
            else:
                rid = self._create(name, block, parent, part)
        entry = self.entries[rid]
        if name != entry.name and _key(name) != _key(entry.name) and _CJK.search(name):
            self.alias(rid, name)
        if defined:
            entry.defined = True
            if entry.parent is None and parent and parent != rid:
                entry.parent = parent
        return rid

    def _create(self, name: str, block: Block | None, parent: str | None, part: str | None) -> str:
        rid = self._new_id()
        source = Source(block.index, block.text) if block is not None else None
        self.entries[rid] = _Entry(name, parent=parent, source=source, part=part)
        self._set_key(_key(name), rid)
        return rid

    def alias(self, rid: str, alias: str) -> None:
        alias = alias.strip()
        entry = self.entries[rid]
        if alias and alias != entry.name and alias not in entry.aliases:
            entry.aliases.append(alias)
        self._set_key(_key(alias), rid, replace=False)

    def use(self, rid: str) -> None:
        self.entries[rid].used = True

    def responsibility(self, rid: str, text: str) -> None:
        text = _LED_FIRST.sub("", _DUTY_LABEL.sub("", text.strip(" ；;。.，,")))
        if _MAKE_UP.fullmatch(text):
            return  # "由市工业和信息化局牵头，…参加": who the group is made of, not a duty
        entry = self.entries[rid]
        if text and text not in entry.responsibilities and len(entry.responsibilities) < 40:
            entry.responsibilities.append(text)

    def roles(self) -> list[Role]:
        """The roles that are defined or act in a step, with ids renumbered r1.. in order."""
        keep = [rid for rid, e in self.entries.items() if e.defined or e.used]
        new = {rid: f"r{i + 1}" for i, rid in enumerate(keep)}
        self.renumbered = new
        out = []
        for rid in keep:
            e = self.entries[rid]
            parent = e.parent
            while parent is not None and parent not in new:
                parent = self.entries[parent].parent if parent in self.entries else None
            out.append(
                Role(
                    id=new[rid],
                    name=e.name,
                    aliases=tuple(e.aliases),
                    parent=new.get(parent) if parent else None,
                    responsibilities=tuple(e.responsibilities),
                    source=e.source,
                    part=e.part,
                    kind=next(k for k, p in _KIND if p.search(e.name)),
                )
            )
        return out


_DUTY_HEAD = re.compile(
    r"^(?P<name>[^：:。，,；]{2,30}?)(?:的)?(?:主要)?(?:工作)?职责(?:是|为|如下)?[：:]?$"
)
# the label before a duty ("主要职责：组织…") and a group's make-up given where duties go
_DUTY_LABEL = re.compile(r"^(?:主要|工作)?职责(?:任务)?(?:是|为|如下)?[：:]\s*")
# who leads a group before what it does ("由办公室主任负责，负责及时向119报告")
_LED_FIRST = re.compile(
    r"^由[^，,。；]{2,20}?(?:负责|牵头)(?:[，,][^，,。；]{2,40}?(?:参加|参与|配合))?[，,](?=负责)"
)
_MAKE_UP = re.compile(
    r"由[^。；;]{2,200}?(?:牵头(?:负责)?(?:[，,、][^。；;]{2,200}?(?:参加|参与|组成|配合))?|组成)"
)
_BARE_KINDS = frozenset({"指挥部", "领导小组", "委员会", "工作组"})
_ROLE_COLON = re.compile(
    r"^(?P<name>[^：:。，,；（(]{2,30}(?:[（(][^）)]{1,12}[）)][^：:。，,；]{0,12})?)[：:](?P<rest>.*)$"
)
_ROLE_DOT = re.compile(
    r"^(?P<name>[^：:。，,；]{2,20}(?:组|队|办公室|小组|指挥部))[。.](?P<rest>.+)$"
)
_ROLE_DOT_ANY = re.compile(r"^(?P<name>[^：:。，,；由任为是设]{2,24})[。.](?P<rest>.+)$")
_MEMBERS = re.compile(
    r"(?:成员单位|成员)(?:包括|有|为|由)[：:]?(?P<list>[^。]+?)(?:(?:等[^。，；]{0,12})?(?:组成|构成))?(?=。|$)"
)
_MEMBERS2 = re.compile(r"(?:成员单位|成员)[：:](?P<list>[^。]+)")
# "成员：医务科、护理部、…、信息科负责人": the heads of every body listed, not a post of the last
_HEADS_OF_ALL = re.compile(
    r"(?<=、)(?P<last>[^、]{2,20}?)(?:的)?(?:主要负责人|负责人|负责同志|主要领导)\s*$"
)
_MEMBERS3 = re.compile(
    r"(?:^|[。；])(?P<list>[^。；：]{4,}?)等?(?:有关)?(?:部门和单位|单位和部门|部门|单位)?(?:为|是|作为)"
    r"(?P<body>[^。，；]{0,20}?成员单位)"
)
_AS_POST = re.compile(
    r"(?:由)?(?P<who>[^，。；、]{2,40}?)(?:兼)?任(?P<post>副总指挥|总指挥|副指挥长|指挥长|副组长|组长|秘书长|副主任|主任|成员)"
)
# a command's post first: "省防指总指挥由省长担任，副总指挥由分管副省长担任" (not an office's
# 主任, whose office is the role)
_POST_HELD_BY = re.compile(
    r"(?:^|[，,；;。])[^，,。；;、由]{0,12}?(?P<post>副总指挥|总指挥|副指挥长|指挥长)"
    r"由[^，,。；;]{2,60}?(?:担任|兼任|出任)"
)
_GROUPS = re.compile(
    r"(?:成立|设立|设置|组建|下设)(?P<list>[^。；等]{2,80}?)(?:等(?:\d+|[一二三四五六七八九十]+)?个?"
    r"(?P<all>[^。；，,]{0,8}(?:工作组|小组|组))|(?=[。；，,]|$))"
)


_ORG_WORDS = re.compile(r"简称|称[“\"]|任|成员|成立|设立|设置|组建|下设|牵头")
# a group's make-up: who leads it and who takes part ("由省生态环境厅牵头，省公安厅、省水利厅参加")
_LED_BY = re.compile(
    r"由(?P<lead>[^，,。；由]{2,30}?)牵头(?:负责)?[，,、]?"
    r"(?P<list>(?![，,、]|抽调|调集|抽组|组织|选派|派出|安排|从)[^。；：]{2,160}?)"
    r"(?:等(?:有关|相关)?(?:部门|单位|部门和单位)?)?(?:参加|参与|组成|配合)"
)
_TOPIC = re.compile(r"[\d、]|事故|事件|灾害|预警|响应|情况|内容")
_GROUP_END = re.compile(r"(?:组|队|办公室)$")
_NUMBER = re.compile(r"^\d[\d.]*\s*")
_ETC = re.compile(r"等.*$")
_ETC_COUNT = re.compile(r"等?[\d一二三四五六七八九十]+个.*$")
_CLAUSE_START = re.compile(r"[。；;，,：:]")
_UNIT_END = re.compile(r"组$|队$|办公室$|指挥部$")


def strip_label(block: Block) -> str:
    text = block.text
    if block.label and text.startswith(block.label):
        text = text[len(block.label) :]
    return text.strip()


def role_head(text: str, *, any_body: bool = False) -> tuple[str, str] | None:
    """("综合协调组", rest) for "综合协调组：由…牵头…" or "现场处置组。由…"; None otherwise.

    `any_body`: in an organisation chapter an item titled with any body's name defines it
    ("（一）省防灾减灾救灾委员会。省防灾减灾救灾委员会为…"), not only a group's."""
    for pattern in (_ROLE_COLON, _ROLE_DOT_ANY if any_body else _ROLE_DOT):
        m = pattern.match(text)
        if m:
            name = ALIAS.sub("", m.group("name")).strip()
            topic = _TOPIC.search(name)
            if is_role_name(name) and (not topic or _GROUP_END.search(name)):
                return name, m.group("rest").strip()
    return None


def duty_head(text: str) -> str | None:
    """ "市专项应急指挥部主要职责：" → "市专项应急指挥部"."""
    m = _DUTY_HEAD.match(text.strip())
    if m:
        name = clean_name(m.group("name"))
        if ends_with_role_word(name):
            return name
    return None


def org_sentences(
    reg: RoleRegistry, block: Block, text: str, parent: str | None, part: str | None
) -> None:
    """Roles that an organisation paragraph sets up: aliases, posts, member lists, groups."""
    if not _ORG_WORDS.search(text):
        return
    for full, alias in find_aliases(text):
        name = clean_name(_NUMBER.sub("", full))
        if is_role_name(name):
            rid = reg.add(name, block, parent=parent, part=part)
            reg.alias(rid, alias)
    for m in (*_AS_POST.finditer(text), *_POST_HELD_BY.finditer(text)):
        post = m.group("post")
        if post == "成员":
            continue
        rid = reg.add(post, block, defined=True, parent=parent, part=part)
        reg.responsibility(rid, m.group(0).lstrip("，,；;。"))
    for m in _MEMBERS3.finditer(text):
        body = reg.add(m.group("body"), block, defined=True, parent=parent, part=part)
        for name in split_role_list(m.group("list")):
            reg.add(name, block, defined=True, parent=body, part=part)
    for m in _LED_BY.finditer(text):
        head = role_head(text)
        group = reg.add(head[0], block, defined=True, parent=parent, part=part) if head else parent
        for name in split_role_list(m.group("lead")) + split_role_list(m.group("list")):
            reg.add(name, block, defined=True, parent=group, part=part)
    for pattern in (_MEMBERS, _MEMBERS2):
        for m in pattern.finditer(text):
            for name in split_role_list(
                _HEADS_OF_ALL.sub(r"\g<last>", _ETC.sub("", m.group("list")))
            ):
                reg.add(name, block, defined=True, parent=parent, part=part)
    for m in _GROUPS.finditer(text):
        names = split_role_list(_ETC_COUNT.sub("", m.group("list")))
        if names and all(_UNIT_END.search(n) for n in names):
            group = parent
            body = _CLAUSE_START.split(text[: m.start()])[-1].strip()
            if body and is_role_name(clean_name(body)):
                # "市抗震救灾指挥部下设办公室和…": the body that sets them up
                group = reg.add(clean_name(body), block, defined=True, parent=parent, part=part)
            whole = _COUNT_WORD.sub("", m.group("all") or "")
            if whole:
                # "…等若干应急工作组": the groups together are the 应急工作组
                group = reg.add(whole, block, defined=True, parent=parent, part=part)
            for name in names:
                reg.add(name, block, defined=True, parent=group, part=part)
