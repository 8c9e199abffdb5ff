"""A realistic ~100-page Chinese comprehensive plan (.docx) for the import benchmark.

Deterministic for a seed: chapters, role duty tables, per-level procedures with lead/support
owners and time limits, enumerations of measures, and on-site disposal cards, about 80k characters.
The organisation (临港石化产业基地) is fictitious.
"""

from __future__ import annotations

import random
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

OUT = Path(__file__).resolve().parent / "out"
TITLE = "临港石化产业基地生产安全事故综合应急预案（基准测试用）"
LEVELS = ("Ⅰ级", "Ⅱ级", "Ⅲ级", "Ⅳ级")
TIME_LIMITS = (
    "立即",
    "5分钟内",
    "10分钟内",
    "15分钟内",
    "20分钟内",
    "30分钟内",
    "1小时内",
    "2小时内",
    "4小时内",
    "24小时内",
)

GROUPS = {  # group: (lead unit, supporting unit, duties separated by "；")
    "综合协调组": (
        "基地管委会办公室",
        "应急管理局",
        "汇总事故信息，起草报告和指令；协调各工作组和成员单位的行动；做好会商记录和值班安排；督办指挥部决定事项",
    ),
    "抢险救援组": (
        "消防救援大队",
        "企业专职消防队",
        "开展侦检，划定危险区域；控制危险源，实施堵漏、输转和灭火；冷却受威胁的储罐和装置；搜救被困人员，转移危险物品",
    ),
    "医疗救治组": (
        "卫生健康局",
        "区急救中心",
        "设立现场医疗救护点；对伤员进行检伤分类和现场急救；组织伤员转运和院内救治；开展卫生防疫和心理援助",
    ),
    "治安警戒组": (
        "公安分局",
        "各街道办事处",
        "设置警戒区，实施交通管制；组织群众疏散和人员清点；维护现场和安置点治安秩序；依法控制事故责任人",
    ),
    "环境监测组": (
        "生态环境分局",
        "基地环境监测站",
        "开展大气、水体和土壤应急监测；确定污染范围和程度；提出污染控制和处置建议；监督危险废物处置",
    ),
    "交通运输组": (
        "交通运输局",
        "港务公司",
        "组织应急运输车辆和船舶；保障救援通道畅通；协助转运伤员和疏散群众；及时抢修受损道路",
    ),
    "后勤保障组": (
        "财政局",
        "商务局",
        "调集应急物资和装备；保障救援人员生活；安排应急资金；做好受灾群众的基本生活保障",
    ),
    "通信保障组": (
        "工业和信息化局",
        "电信运营企业",
        "保障指挥通信畅通；架设现场应急通信设备；恢复受损通信设施",
    ),
    "专家技术组": (
        "应急管理局",
        "基地安全专家库",
        "分析事故发展趋势；论证处置方案，提出技术建议；参与事故原因分析和损失评估",
    ),
    "新闻发布组": (
        "区委宣传部",
        "基地党政办公室",
        "拟定新闻通稿，组织新闻发布；收集研判舆情并回应社会关切；做好记者接待和管理",
    ),
    "善后处置组": (
        "民政局",
        "人力资源和社会保障局",
        "做好伤亡人员家属安抚和抚恤；组织保险理赔；协助恢复生产和生活秩序",
    ),
    "电力保障组": (
        "供电公司",
        "发展和改革局",
        "保障应急现场供电；切断事故区域电源；抢修受损电力设施",
    ),
}
MEMBER_UNITS = (
    "应急管理局",
    "公安分局",
    "消防救援大队",
    "卫生健康局",
    "生态环境分局",
    "交通运输局",
    "住房和城乡建设局",
    "水务局",
    "气象局",
    "市场监督管理局",
    "民政局",
    "财政局",
    "工业和信息化局",
    "自然资源局",
    "海事处",
    "供电公司",
    "港务公司",
    "各街道办事处",
    "电信运营企业",
    "区委宣传部",
)
SCENARIOS = (
    "储罐区火灾爆炸",
    "危险化学品泄漏",
    "有毒气体中毒窒息",
    "码头溢油",
    "危险货物道路运输",
    "台风",
    "暴雨内涝",
    "大面积停电",
    "特种设备",
    "有限空间作业",
    "建筑施工坍塌",
    "长输管道泄漏",
)
HAZARDS = (
    "苯",
    "甲醇",
    "液氨",
    "液氯",
    "环氧乙烷",
    "液化石油气",
    "硫化氢",
    "丙烯",
    "氯乙烯",
    "汽油",
)
TRIGGERS = ("接到报告后", "接到指挥部指令后", "响应启动后", "到达现场后", "接到预警信息后")
ACTIONS = (
    "组织人员赶赴现场",
    "开展现场侦检并报告侦检结果",
    "设立现场指挥部",
    "划定警戒区并实施交通管制",
    "组织周边人员疏散",
    "启动事故应急池并关闭雨水排放口",
    "开展大气和水体监测",
    "调集应急物资和装备",
    "设立现场医疗救护点",
    "向上级部门报告处置进展",
    "发布预警信息",
    "组织专家会商研判",
    "对受威胁的储罐实施冷却保护",
    "切断事故区域电源和物料",
    "组织危险物品转移",
    "通报周边企业和社区",
    "做好新闻发布准备",
    "对伤员进行检伤分类",
    "落实救援人员个体防护",
    "清点疏散人员并报告人数",
)
MEASURES = (
    "关闭泄漏点上下游阀门，停止进料，降低系统压力",
    "对泄漏物构筑围堤或引流至事故应急池",
    "使用泡沫覆盖液面，抑制可燃蒸气挥发",
    "使用水幕或雾状水稀释有毒气体，喷淋废水统一收集",
    "进入危险区域的人员佩戴正压式空气呼吸器，两人以上协同作业",
    "严禁在警戒区内使用明火和非防爆设备",
    "对周边下水道、地沟等有限空间进行封堵和检测",
    "根据风向调整警戒范围和疏散路线",
    "对中毒人员先脱离染毒区域，再进行洗消和对症处置",
    "对受伤人员实施止血、包扎、固定后转运",
    "在上风向设立洗消站，对出入人员和装备进行洗消",
    "对事故现场及周边道路实施交通管制",
    "组织专家评估次生衍生事故风险",
    "对事故应急池、雨水排放口进行连续监测",
    "对受影响水域布设围油栏，开展回收作业",
    "对现场危险废物分类收集并交由有资质单位处置",
)


def generate(path: Path | None = None, *, seed: int = 20260101) -> Path:
    """Write the benchmark plan and return its path (bench/out/plan_100p.docx by default)."""
    path = path or OUT / "plan_100p.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    document = docx.Document()
    _fonts(document)
    document.add_heading(TITLE, level=0)
    document.add_paragraph("临港石化产业基地管理委员会　2026年（虚构单位，用于性能测试）")
    chapter = _general(document, rng)
    chapter = _organisation(document, rng, chapter)
    chapter = _warning_and_report(document, rng, chapter)
    for scenario in SCENARIOS:
        chapter = _scenario(document, rng, chapter, scenario)
    chapter = _support_and_aftermath(document, rng, chapter)
    _cards(document, rng, chapter)
    document.save(path)
    return path


def _fonts(document) -> None:
    document.styles["Normal"].font.size = Pt(14)  # 四号, common in enterprise plans
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        fonts = document.styles[name].element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:eastAsia"), "宋体" if name == "Normal" else "黑体")


def _table(document, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for row, values in zip(table.rows, [header, *rows]):
        for cell, value in zip(row.cells, values):
            cell.text = value


def _general(document, rng: random.Random) -> int:
    document.add_heading("1 总则", level=1)
    parts = [
        (
            "编制目的",
            (
                "为规范临港石化产业基地（以下简称基地）生产安全事故应急管理和应急响应程序，"
                "及时有效地实施应急救援，最大限度减少人员伤亡、财产损失和环境污染，维护人民群众生命财产安全，制定本预案。"
            ),
        ),
        (
            "编制依据",
            (
                "《中华人民共和国突发事件应对法》《中华人民共和国安全生产法》《生产安全事故应急条例》"
                "《危险化学品安全管理条例》《生产安全事故应急预案管理办法》以及《生产经营单位生产安全事故应急预案编制导则》"
                "（GB/T 29639—2020）等。"
            ),
        ),
        (
            "适用范围",
            (
                "本预案适用于基地范围内发生的、需要由基地管委会组织处置的生产安全事故，包括火灾爆炸、"
                "危险化学品泄漏、中毒窒息、溢油、特种设备事故以及自然灾害引发的生产安全事故。"
            ),
        ),
        (
            "工作原则",
            (
                "坚持人民至上、生命至上；坚持统一领导、分级负责；坚持属地为主、条块结合；"
                "坚持预防为主、平战结合；坚持科学施救、依法规范。"
            ),
        ),
    ]
    for n, (title, text) in enumerate(parts, start=1):
        document.add_heading(f"1.{n} {title}", level=2)
        document.add_paragraph(text)
        for _ in range(rng.randint(1, 3)):
            document.add_paragraph(_filler(rng))
    document.add_heading("1.5 事故风险概述", level=2)
    for n, hazard in enumerate(rng.sample(HAZARDS, 8), start=1):
        document.add_paragraph(
            f"（{n}）{hazard}：基地内{rng.randint(2, 9)}家企业涉及{hazard}，最大储存量约"
            f"{rng.randint(50, 5000)}吨，主要风险为{rng.choice(['泄漏', '火灾', '爆炸', '中毒'])}"
            f"和{rng.choice(['环境污染', '人员中毒', '次生火灾', '设备损坏'])}。"
        )
    return 1


def _organisation(document, rng: random.Random, chapter: int) -> int:
    chapter += 1
    document.add_heading(f"{chapter} 组织机构及职责", level=1)
    document.add_heading(f"{chapter}.1 应急指挥部", level=2)
    document.add_paragraph(
        "基地成立生产安全事故应急指挥部（以下简称指挥部），总指挥由基地管委会主任担任，"
        "副总指挥由分管安全生产的副主任和应急管理局局长担任。指挥部办公室（以下简称办公室）设在应急管理局。"
    )
    _table(
        document,
        ("机构", "职责"),
        [
            (
                "应急指挥部",
                (
                    "统一领导、指挥和协调基地生产安全事故应急处置工作；决定启动和终止应急响应；"
                    "向区人民政府报告事故情况，必要时请求支援。"
                ),
            ),
            ("总指挥", "全面负责应急处置工作，签发响应启动和终止指令，批准现场处置方案。"),
            (
                "副总指挥",
                "协助总指挥开展工作，总指挥不在时代行总指挥职责，负责现场指挥部的具体工作。",
            ),
            (
                "指挥部办公室",
                "负责24小时应急值守，接收和报告事故信息，传达指挥部指令，协调各工作组和成员单位。",
            ),
        ],
    )
    document.add_heading(f"{chapter}.2 工作组", level=2)
    document.add_paragraph("指挥部下设以下工作组，各工作组由牵头单位负责人任组长。")
    rows = []
    for group, (lead, support, duties) in GROUPS.items():
        duties = duties.split("；")
        chosen = rng.sample(duties, k=min(len(duties), rng.randint(2, 4)))
        rows.append((group, f"由{lead}牵头，{support}配合。负责" + "；".join(chosen) + "。"))
    _table(document, ("工作组", "组成及职责"), rows)
    document.add_heading(f"{chapter}.3 成员单位职责", level=2)
    rows = []
    for unit in MEMBER_UNITS:
        duties = rng.sample(ACTIONS, 3)
        rows.append(
            (unit, f"负责本行业领域应急处置工作，{'，'.join(duties)}；完成指挥部交办的其他任务。")
        )
    _table(document, ("成员单位", "职责"), rows)
    return chapter


def _warning_and_report(document, rng: random.Random, chapter: int) -> int:
    chapter += 1
    document.add_heading(f"{chapter} 监测预警与信息报告", level=1)
    document.add_heading(f"{chapter}.1 预警分级", level=2)
    for colour, level in zip(("红色", "橙色", "黄色", "蓝色"), ("一级", "二级", "三级", "四级")):
        document.add_paragraph(f"{colour}预警（{level}）：{_filler(rng)}")
    document.add_heading(f"{chapter}.2 信息报告", level=2)
    reports = [
        "事故单位现场人员发现事故后，应立即向本单位负责人报告。",
        "事故单位负责人接到报告后，应在10分钟内向指挥部办公室电话报告。",
        "指挥部办公室接报后应立即核实，30分钟内向总指挥报告。",
        "较大及以上事故，指挥部办公室应在30分钟内电话报告区应急管理局，1小时内书面报告。",
        "事故单位应在事故发生后1小时内提交书面报告，处置期间每2小时续报一次。",
    ]
    for n, text in enumerate(reports, start=1):
        document.add_paragraph(f"（{n}）{text}")
    return chapter


def _scenario(document, rng: random.Random, chapter: int, scenario: str) -> int:
    chapter += 1
    document.add_heading(f"{chapter} {scenario}事故应急处置", level=1)
    document.add_heading(f"{chapter}.1 事故特点", level=2)
    for _ in range(rng.randint(5, 8)):
        document.add_paragraph(_filler(rng))
    document.add_heading(f"{chapter}.2 现场工作组", level=2)
    rows = []
    for group in rng.sample(list(GROUPS), rng.randint(5, 7)):
        lead, support, duties = GROUPS[group]
        rows.append(
            (
                group,
                f"{lead}牵头，{support}配合："
                + "；".join(rng.sample(duties.split("；"), 2))
                + f"；{rng.choice(ACTIONS)}。",
            )
        )
    _table(document, ("工作组", f"{scenario}事故中的职责"), rows)
    document.add_heading(f"{chapter}.3 预警行动", level=2)
    for colour in ("红色", "橙色", "黄色", "蓝色"):
        document.add_paragraph(
            f"发布{colour}预警后，{rng.choice(list(GROUPS))}{rng.choice(TIME_LIMITS)}"
            f"{rng.choice(ACTIONS)}；{_filler(rng)}"
        )
    document.add_heading(f"{chapter}.4 响应分级", level=2)
    for level in LEVELS:
        deaths, injuries = rng.randint(1, 10), rng.randint(3, 50)
        document.add_paragraph(
            f"{level}响应：发生{scenario}事故，造成或可能造成{deaths}人以上死亡或{injuries}人以上受伤，"
            f"或{rng.choice(['影响范围超出企业厂界', '需要疏散周边群众', '企业自身无法控制'])}的。"
        )
    document.add_heading(f"{chapter}.5 信息报告", level=2)
    for k in range(1, rng.randint(4, 6)):
        reporter, receiver = rng.sample(["事故单位", "指挥部办公室", *GROUPS], 2)
        document.add_paragraph(
            f"（{k}）{reporter}{rng.choice(TRIGGERS)}，{rng.choice(TIME_LIMITS)}向{receiver}报告"
            f"{scenario}事故的{rng.choice(('基本情况', '人员伤亡情况', '处置进展', '监测结果'))}。"
        )
    document.add_heading(f"{chapter}.6 先期处置", level=2)
    for k in range(1, rng.randint(8, 12)):
        document.add_paragraph(
            f"（{k}）事故单位{rng.choice(TIME_LIMITS)}{rng.choice(ACTIONS)}，"
            f"{rng.choice(MEASURES)}。"
        )
    document.add_heading(f"{chapter}.7 响应程序", level=2)
    for n, level in enumerate(LEVELS, start=1):
        document.add_heading(f"{chapter}.7.{n} {level}响应", level=3)
        for k in range(1, rng.randint(13, 19)):
            document.add_paragraph(f"（{k}）{_step(rng)}")
    document.add_heading(f"{chapter}.8 处置措施", level=2)
    for k, measure in enumerate(rng.sample(MEASURES, rng.randint(10, 14)), start=1):
        document.add_paragraph(f"{k}. {measure}。")
        if rng.random() < 0.4:
            document.add_paragraph(f"（{k}）{_filler(rng)}")
    document.add_heading(f"{chapter}.9 响应终止", level=2)
    document.add_paragraph(
        f"{scenario}事故危险源已得到控制，人员已全部撤离或得到救治，环境监测数据符合标准，"
        f"次生衍生事故隐患已消除时，由启动响应的指挥人员宣布响应终止。指挥部办公室应在响应终止后"
        f"{rng.choice(['30分钟内', '1小时内', '2小时内'])}通知各工作组和成员单位。"
    )
    return chapter


def _step(rng: random.Random) -> str:
    lead, support = rng.sample(list(GROUPS), 2)
    limit = rng.choice(TIME_LIMITS)
    action = rng.choice(ACTIONS)
    trigger = rng.choice(TRIGGERS)
    tail = rng.choice(("", "", "，并将情况报告指挥部办公室", "，做好记录", "，确保人员安全"))
    if rng.random() < 0.5:
        return f"{lead}{trigger}{limit}{action}{tail}，{support}配合。"
    return f"{trigger}，由{lead}牵头、{support}配合，{limit}{action}{tail}。"


def _support_and_aftermath(document, rng: random.Random, chapter: int) -> int:
    for title, items in (
        ("应急保障", ("队伍保障", "物资装备保障", "通信保障", "资金保障", "医疗保障")),
        ("后期处置", ("善后处置", "事故调查", "总结评估", "恢复重建")),
    ):
        chapter += 1
        document.add_heading(f"{chapter} {title}", level=1)
        for n, item in enumerate(items, start=1):
            document.add_heading(f"{chapter}.{n} {item}", level=2)
            for _ in range(rng.randint(3, 6)):
                document.add_paragraph(_filler(rng))
        if title == "应急保障":
            _resources(document, rng, f"{chapter}.{len(items) + 1}")
    return chapter


def _resources(document, rng: random.Random, number: str) -> None:
    document.add_heading(f"{number} 应急资源清单", level=2)
    kinds = (
        "正压式空气呼吸器",
        "重型防化服",
        "堵漏工具组",
        "防爆对讲机",
        "泡沫液",
        "围油栏",
        "吸油毡",
        "移动式水炮",
        "气体检测仪",
        "应急照明车",
        "救护车",
        "洗消帐篷",
    )
    rows = [
        (
            kind,
            f"{rng.randint(2, 60)}{rng.choice(('套', '台', '吨', '米', '辆'))}",
            rng.choice(MEMBER_UNITS),
            f"0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}",
        )
        for kind in kinds
        for _ in range(5)
    ]
    _table(document, ("物资装备", "数量", "存放单位", "联系电话"), rows)


def _cards(document, rng: random.Random, chapter: int) -> None:
    chapter += 1
    document.add_heading(f"{chapter} 附件：现场处置方案与应急处置卡", level=1)
    posts = ("班长", "内操", "外操", "安全员", "设备员", "调度员", "消防员", "门卫")
    for n, scenario in enumerate(SCENARIOS, start=1):
        document.add_heading(f"{chapter}.{n} {scenario}现场处置卡", level=2)
        rows = []
        for post in rng.sample(posts, rng.randint(4, 6)):
            steps = [f"{rng.choice(TIME_LIMITS)}{rng.choice(ACTIONS)}" for _ in range(3)]
            rows.append(
                (post, "；".join(steps) + "。", rng.choice(("119", "120", "调度室", "值班室")))
            )
        _table(document, ("岗位", "处置步骤", "报告对象"), rows)


def _filler(rng: random.Random) -> str:
    subjects = ("各成员单位", "基地内企业", "指挥部办公室", "各工作组", "属地街道", "专家技术组")
    verbs = ("应当加强", "负责组织", "定期开展", "按要求落实", "会同有关部门做好", "督促指导")
    objects = (
        "风险辨识和隐患排查",
        "应急物资储备和维护",
        "应急队伍培训和演练",
        "监测预警信息共享",
        "重大危险源监控",
        "应急值守和信息报送",
        "事故应急池和雨水排口管理",
        "周边群众的宣传教育",
    )
    clauses = [f"{rng.choice(subjects)}{rng.choice(verbs)}{rng.choice(objects)}" for _ in range(3)]
    return (
        "，".join(clauses)
        + f"，确保{rng.choice(('责任落实到人', '信息及时准确', '处置科学有效'))}。"
    )
