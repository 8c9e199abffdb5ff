"""Messages of the plan exported as its own Word document (plans.word_export, the CLI and the
Versions page downloads)."""

MESSAGES = {
    "doc.word.control_title": ("文件控制与修订记录", "Document control and revision record"),
    "doc.word.version": ("版本", "Version"),
    "doc.word.approved_on": ("批准日期", "Approved on"),
    "doc.word.approved_by": ("批准人", "Approved by"),
    "doc.word.note": ("说明", "Note"),
    "doc.word.no_changes": ("本版本未修改预案内容。", "This version makes no change to the plan."),
    "doc.word.reason": ("修订依据", "Reason"),
    "doc.word.item": ("修订项", "Item"),
    "doc.word.before": ("修订前", "Before"),
    "doc.word.after": ("修订后", "After"),
    "doc.word.approval": ("批准", "Approval"),
    "doc.word.owner_edit": ("预案编制人修改", "Plan owner's edit"),
    "doc.word.first_version": ("首次发布", "First release"),
    "doc.word.revised_from": ("据{base}修订", "Revised from {base}"),
    "cli.help.export_word": (
        "导入文档（不保存）并导出为 Word 预案：保留原文，生成的附件接在原附件之后",
        "import a document without storing it and write the plan's Word file",
    ),
    "cli.help.word_file": (
        "预案文档（.docx、PDF、.txt、.md）",
        "a plan document (.docx, PDF, .txt, .md)",
    ),
    "cli.help.word_out": ("要写出的 .docx 文件", "the .docx file to write"),
    "cli.word_wrote": (
        "已写出 {path}（另附 {annexes} 个生成的附件）",
        "Wrote {path} ({annexes} generated annexes added)",
    ),
    "versions.export_word_help": (
        (
            "导入的原始文档（保留原标题、编号、段落、表格和附件），本版本的修改已写入；"
            "应急处置卡、流程图和修订记录作为附件接在原附件之后。"
        ),
        (
            "The imported original (its own headings, numbering, paragraphs, tables and annexes) "
            "with this version's changes made; role cards, flow charts and the revision record "
            "follow its own annexes."
        ),
    ),
    "versions.export_tracked": ("导出修订稿（修订痕迹）", "Export with tracked changes"),
    "versions.export_tracked_help": (
        (
            "同一文档，本版本相对所据版本的修改以 Word 修订痕迹显示（作者、时间），"
            "审批人可在 Word 或 WPS 中逐条查看。"
        ),
        (
            "The same document with this version's changes as Word tracked changes (author, date), "
            "for the approver to review in Word or WPS."
        ),
    ),
    "versions.word_annexes": ("Word 附件", "Word annexes"),
    "versions.word_cards": ("附应急处置卡", "Add the role cards"),
    "versions.word_charts": ("附应急处置流程图", "Add the flow charts"),
}
