"""Contact numbers of roles and the editor's roles and levels tables; the role cards and flow chart
pages of the Word export."""

MESSAGES = {
    "col.phone": ("联系电话", "Phone"),
    "col.phone_help": (
        "数字、空格、+、-、括号，可带分机（如“转801”）；多个号码用“/”分隔",
        "Digits, spaces, +, -, parentheses, an extension (“ext. 801”); several: split by “/”",
    ),
    "col.duty_phone": ("值班电话", "Duty phone"),
    "editor.add_role": ("新增角色", "Add a role"),
    "editor.add_level": ("新增响应级别", "Add a level"),
    "editor.new_role": ("新角色", "New role"),
    "editor.new_level": ("新级别", "New level"),
    "editor.delete_row": ("删除", "Delete"),
    "editor.delete_row_help": (
        "勾选即删除该行（可撤销）",
        "Tick to delete the row (undo brings it back)",
    ),
    "diff.field.phone": ("联系电话", "Phone"),
    "diff.field.duty_phone": ("值班电话", "Duty phone"),
    "doc.card.phone": ("电话", "phone"),
    "doc.card.duty_phone": ("值班电话", "duty phone"),
    "doc.card.own_phone": ("联系电话：", "Phone: "),
    "doc.card.own_duty_phone": ("值班电话：", "Duty phone: "),
    "doc.card.all_levels": ("各级响应通用", "At every response level"),
    "doc.card.no_owners": (
        "本预案的处置步骤均未明确负责单位，未编制应急处置卡。",
        "No step of this plan names its owner, so there are no role cards.",
    ),
    "doc.plan.flow_chart_annex": (
        "应急处置流程图见附件{n}。",
        "The response flow charts are in Annex {n}.",
    ),
}
