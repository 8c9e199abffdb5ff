MESSAGES = {
    "editor.view_sections": ("章节", "Sections"),
    "triage.title": ("文档结构", "Document outline"),
    "triage.caption": (
        (
            "每一节的类型决定从中读出什么：只有处置类（预警、信息报告、应急处置、响应终止、后期处置）的"
            "节才有步骤，职责节给出角色和职责。导入结果不对时，改正一节的类型，只重新读这一节，"
            "其他地方的修改保持不变（可撤销）。"
        ),
        (
            "A section's kind decides what is read from it: only response kinds (warning, report, "
            "response, stand-down, recovery) give steps; duty sections give roles and duties. When "
            "the import got a section wrong, change its kind: only that section is read again and "
            "your edits elsewhere stay (undo is available)."
        ),
    ),
    "triage.col_heading": ("标题", "Heading"),
    "triage.col_kind": ("类型", "Kind"),
    "triage.col_steps": ("步骤数", "Steps"),
    "triage.col_roles": ("角色数", "Roles"),
    "triage.pick": ("选择一节", "Choose a section"),
    "triage.new_kind": ("这一节是", "This section is"),
    "triage.owner": ("谁的处置程序（可选）", "Whose procedure (optional)"),
    "triage.owner_none": ("按原文主语", "As the text says"),
    "triage.apply": ("按新类型重新读这一节", "Read this section again as chosen"),
    "triage.delete": ("删除这一节的全部步骤", "Delete all steps of this section"),
    "triage.delete_confirm": (
        "确认删除这一节的 {n} 个步骤（可撤销）",
        "Confirm deleting the {n} steps of this section (can be undone)",
    ),
    "triage.reassign_to": ("把这一节的步骤交给", "Give this section's steps to"),
    "triage.reassign": ("改派", "Reassign"),
    "triage.no_document": (
        "找不到这个预案的原始文档，无法重新读取某一节（可以删除或改派这一节的步骤）。",
        (
            "The plan's original document is not available, so a section cannot be read again "
            "(its steps can still be deleted or reassigned)."
        ),
    ),
    "triage.no_sections": (
        "这个预案没有可识别的章节标题。",
        "This plan has no headings that could be recognised.",
    ),
    "triage.done": (
        "已重新读取“{section}”：去掉 {removed} 个步骤，读出 {added} 个步骤。",
        "Read “{section}” again: {removed} steps removed, {added} steps found.",
    ),
    "triage.deleted": ("已删除“{section}”的 {n} 个步骤。", "Deleted {n} steps of “{section}”."),
    "triage.reassigned": (
        "“{section}”的 {n} 个步骤已交给“{role}”。",
        "The {n} steps of “{section}” now belong to “{role}”.",
    ),
    "triage.bad_kind": ("未知的章节类型：{kind}", "Unknown section kind: {kind}"),
    "triage.unknown_section": ("找不到这一节：{section}", "No such section: {section}"),
    "triage.unknown_role": ("角色不存在：{role}", "No such role: {role}"),
    "triage.not_this_document": (
        "原始文档与这个版本对不上（“{section}”的位置不同），无法只重新读这一节。",
        (
            "The original document does not match this version (“{section}” is elsewhere), so "
            "the section cannot be read again on its own."
        ),
    ),
    "section.kind.general": ("总则、定义", "General, definitions"),
    "section.kind.organisation": ("组织与职责", "Organisation and duties"),
    "section.kind.levels": ("分级", "Levels and grading"),
    "section.kind.warning": ("监测预警", "Monitoring and warning"),
    "section.kind.report": ("信息报告", "Information report"),
    "section.kind.response": ("应急处置（步骤）", "Response (steps)"),
    "section.kind.termination": ("响应终止", "Stand-down"),
    "section.kind.recovery": ("后期处置", "Aftermath"),
    "section.kind.support": ("保障与准备", "Support and preparedness"),
    "section.kind.annex": ("附件", "Annex"),
    "section.kind.excluded": ("不属于预案", "Not part of the plan"),
    "section.kind.other": ("其他", "Other"),
    "section.kind.": ("未分类", "Not classified"),
}
