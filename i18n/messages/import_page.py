MESSAGES = {
    "import.help": (
        (
            "支持 Word（.docx）、带文字层的 PDF、.txt 和 .md，单个文件不超过 {mb} MB。"
            "旧版 .doc 请先在 Word 中另存为 .docx。"
        ),
        (
            "Word (.docx), PDF with a text layer, .txt and .md, up to {mb} MB. "
            "Save legacy .doc files as .docx in Word first."
        ),
    ),
    "import.upload": ("选择预案文件", "Choose the plan file"),
    "import.reading": ("正在读取文档…", "Reading the document…"),
    "import.done": ("读取完成", "Done"),
    "import.roles": ("角色", "Roles"),
    "import.steps": ("步骤", "Steps"),
    "import.levels": ("响应级别", "Levels"),
    "import.parts": ("预案组成部分", "Parts"),
    "import.timed": ("有时限的步骤", "Steps with a time limit"),
    "import.meta": ("类型：{kind} · 语言：{language}", "Kind: {kind} · Language: {language}"),
    "import.findings": (
        "自动检查发现 {n} 个问题（保存后可在编辑器中修复）",
        "The checks found {n} problems (fix them in the editor after saving)",
    ),
    "import.chart": ("流程图", "Flow chart"),
    "import.no_chart": (
        "没有识别到步骤，无法绘制流程图。",
        "No steps were found, so there is no chart.",
    ),
    "import.save": ("保存为草稿", "Save as draft"),
    "import.saved": ("已保存为草稿", "Saved as a draft"),
    "import.open_existing": ("打开已有的预案", "Open the existing plan"),
    "import.save_anyway": ("仍然另存为新预案", "Save as a new plan anyway"),
    "col.name": ("名称", "Name"),
    "col.owners": ("责任角色", "Owners"),
    "col.phase": ("阶段", "Phase"),
    "col.minutes": ("时限（分钟）", "Time limit (min)"),
    "col.source": ("原文段落", "Source paragraph"),
    "col.aliases": ("别名/简称", "Aliases"),
    "col.parent": ("上级", "Parent"),
}
