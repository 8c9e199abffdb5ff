MESSAGES = {
    "edit.bad_minutes": (
        "时限必须是不小于 0 的分钟数（收到：{value}）",
        "A time limit must be a number of minutes, 0 or more (got: {value})",
    ),
    "edit.empty_role_name": ("角色 {id} 的名称不能为空", "Role {id} needs a name"),
    "edit.parent_self": ("角色“{name}”不能隶属于自己", "Role “{name}” cannot belong to itself"),
    "edit.unknown_parent": (
        "角色“{name}”的上级 {parent} 不存在",
        "The parent {parent} of role “{name}” does not exist",
    ),
    "edit.parent_cycle": (
        "角色隶属关系形成了循环（从 {role} 开始）",
        "The role hierarchy goes round in a circle (starting at {role})",
    ),
    "edit.roles_deleted": (
        "已删除角色 {roles}；相关步骤 {steps} 已去掉这些责任角色",
        "Deleted roles {roles}; they were removed as owners from steps {steps}",
    ),
    "edit.empty_step": ("步骤 {id} 的名称和原文不能都为空", "Step {id} needs a name or a text"),
    "edit.bad_phase": ("未知的阶段：{phase}", "Unknown phase: {phase}"),
    "edit.unknown_role": (
        "步骤“{step}”引用了不存在的角色：{roles}",
        "Step “{step}” names unknown roles: {roles}",
    ),
    "edit.after_self": (
        "步骤“{step}”不能以自己为前置步骤",
        "Step “{step}” cannot come after itself",
    ),
    "edit.unknown_step": (
        "步骤“{step}”的前置步骤不存在：{after}",
        "Step “{step}” comes after steps that do not exist: {after}",
    ),
    "edit.steps_deleted": (
        "已删除步骤 {steps}，并从其他步骤的前置关系中移除",
        "Deleted steps {steps} and removed them from other steps' predecessors",
    ),
    "edit.text_restated": (
        "步骤 {steps} 的原文写有原时限，已随新时限一并改写",
        "The words of step {steps} stated the old time limit; they now state the new one",
    ),
    "edit.duplicate_level": ("响应级别编号 {id} 重复", "Response level id {id} is used twice"),
    "edit.levels_deleted": (
        "已删除响应级别 {levels}，并从步骤中移除",
        "Deleted levels {levels} and removed them from the steps",
    ),
}
