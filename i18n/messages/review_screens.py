"""Messages of the review screens: the steps grid's count and the chart overview that opens views."""

MESSAGES = {
    "editor.steps_total": ("共 {total} 个步骤", "{total} steps"),
    "editor.steps_shown": ("显示 {shown} 个，共 {total} 个步骤", "{shown} of {total} steps shown"),
    "draw.overview_help": (
        "点选一格打开该角色在该阶段的流程图，点选一行打开该角色的流程图，点选一列打开该阶段的流程图。",
        (
            "Choose a cell to open the chart of that role in that phase, a row for the role's "
            "chart, a column for the phase's chart."
        ),
    ),
    "draw.col_role": ("角色", "Role"),
}
