MESSAGES = {
    "edit.bad_minutes": (
        "时限必须是不小于 0 的分钟数（收到：{value}）",
        "A time limit must be a number of minutes, 0 or more (got: {value})",
    ),
    "edit.roles_deleted": (
        "已删除角色 {roles}；相关步骤 {steps} 已去掉这些责任角色",
        "Deleted roles {roles}; they were removed as owners from steps {steps}",
    ),
    "edit.bad_phase": ("未知的阶段：{phase}", "Unknown phase: {phase}"),
    "edit.steps_deleted": (
        "已删除步骤 {steps}，并从其他步骤的前置关系中移除",
        "Deleted steps {steps} and removed them from other steps' predecessors",
    ),
    "edit.text_restated": (
        "步骤 {steps} 的原文写有原时限，已随新时限一并改写",
        "The words of step {steps} stated the old time limit; they now state the new one",
    ),
    "edit.levels_deleted": (
        "已删除响应级别 {levels}，并从步骤中移除",
        "Deleted levels {levels} and removed them from the steps",
    ),
}
