"""Messages of plans.checks: one per finding code ("checks.<code>"), plus the words they use."""

MESSAGES = {
    "checks.severity.error": ("错误", "Error"),
    "checks.severity.warning": ("警告", "Warning"),
    "checks.severity.info": ("提示", "Note"),
    "checks.all_levels": ("全部级别", "all levels"),
    "checks.field.roles": ("负责角色", "owner"),
    "checks.field.support": ("配合角色", "supporting role"),
    "checks.field.notifies": ("通知对象", "notified role"),
    "checks.field.after": ("前置步骤", "preceding step"),
    "checks.field.time_from": ("计时起点", "time counted from"),
    "checks.no_steps": (
        "预案中没有任何处置步骤：请补充各角色的处置措施",
        "The plan has no steps: add the actions each role must take",
    ),
    "checks.no_roles": (
        "预案中没有任何角色：请补充指挥机构、工作组或岗位",
        "The plan has no roles: add the command bodies, groups or posts",
    ),
    "checks.duplicate_step_id": (
        "步骤编号 {id} 重复使用（{name}）：每个步骤需要唯一编号",
        "Step id {id} is used more than once ({name}): each step needs its own id",
    ),
    "checks.duplicate_role_id": (
        "角色编号 {id} 重复使用（{name}）：每个角色需要唯一编号",
        "Role id {id} is used more than once ({name}): each role needs its own id",
    ),
    "checks.duplicate_level_id": (
        "响应级别编号 {id} 重复使用（{name}）",
        "Response level id {id} is used more than once ({name})",
    ),
    "checks.unknown_role": (
        "步骤 {step} 的{field}“{role_id}”不是预案中的角色",
        "Step {step}: its {field} “{role_id}” is not a role of the plan",
    ),
    "checks.unknown_step": (
        "步骤 {step} 的{field}“{step_ref}”不是预案中的步骤",
        "Step {step}: its {field} “{step_ref}” is not a step of the plan",
    ),
    "checks.unknown_level": (
        "步骤 {step} 适用的响应级别“{level_id}”在预案中没有定义",
        "Step {step} applies to response level “{level_id}”, which the plan does not define",
    ),
    "checks.unknown_parent": (
        "角色 {role} 的上级“{parent_id}”不是预案中的角色",
        "Role {role}: its parent “{parent_id}” is not a role of the plan",
    ),
    "checks.role_parent_cycle": (
        "角色隶属关系循环：{path}",
        "Roles belong to each other in a circle: {path}",
    ),
    "checks.step_without_owner": (
        "步骤 {step} 没有负责角色：请指定牵头角色",
        "Step {step} has no owner: name the role that leads it",
    ),
    "checks.report_without_owner": (
        "信息报告步骤 {step} 没有责任角色（GB/T 29639 要求明确信息报告责任人）",
        (
            "Information-report step {step} has no responsible role "
            "(GB/T 29639 asks for a responsible person)"
        ),
    ),
    "checks.activation_without_owner": (
        "响应启动步骤 {step} 没有负责角色：谁决定启动响应？",
        "Activation step {step} has no owner: who decides to start the response?",
    ),
    "checks.report_without_time_limit": (
        "信息报告步骤 {step} 没有时限（GB/T 29639 要求明确信息报告时限）",
        "Information-report step {step} has no time limit (GB/T 29639 asks for one)",
    ),
    "checks.invalid_time_limit": (
        "步骤 {step} 的时限 {minutes} 分钟不合理",
        "Step {step} has an impossible time limit of {minutes} minutes",
    ),
    "checks.unknown_phase": (
        "步骤 {step} 的阶段“{phase}”无法识别",
        "Step {step} has an unknown phase “{phase}”",
    ),
    "checks.no_report_step": (
        "预案没有信息报告步骤：谁在多长时间内向谁报告？",
        "The plan has no information-report step: who reports to whom, within what time?",
    ),
    "checks.no_activation": (
        "预案没有响应启动步骤：缺少由谁决定启动应急响应的流程",
        "The plan has no activation step: nothing says who decides to start the response",
    ),
    "checks.no_termination": (
        "预案没有响应终止步骤：请写明由谁、在什么条件下宣布结束应急响应",
        "The plan has no end-of-response step: say who ends the response, and when",
    ),
    "checks.activation_without_report": (
        "响应启动步骤 {step} 之前没有信息报告步骤：启动决策缺少信息来源",
        (
            "No information-report step comes before activation step {step}: "
            "the decision has nothing to rest on"
        ),
    ),
    "checks.role_without_steps": (
        "角色 {role} 没有承担任何处置步骤",
        "Role {role} takes part in no step",
    ),
    "checks.level_without_steps": (
        "响应级别 {level} 没有任何适用的处置步骤",
        "Response level {level} has no steps",
    ),
    "checks.level_not_named": (
        "没有专门适用于响应级别 {level} 的步骤，该级别只执行通用步骤",
        "No step is specific to response level {level}: only the common steps apply",
    ),
    "checks.cycle": (
        "步骤先后顺序存在循环，无法执行：{path}",
        "The steps wait on each other in a circle and can never be done: {path}",
    ),
    "checks.unreachable": (
        "步骤 {step} 永远无法开始：它的前置步骤链没有起点（处于或跟随一个循环）",
        (
            "Step {step} can never begin: no chain of preceding steps leads to it "
            "(it is in, or follows, a circle)"
        ),
    ),
    "checks.deadline_before_predecessor": (
        "步骤 {step} 的时限（{minutes} 分钟）早于其前置步骤 {before} 的时限（{before_minutes} 分钟）",
        (
            "Step {step} is due within {minutes} minutes, before its preceding step {before} "
            "(due within {before_minutes} minutes)"
        ),
    ),
    "checks.duplicate_step": (
        "步骤 {step} 与 {other} 内容几乎相同，且均由 {role} 负责：可能重复",
        "Step {step} is nearly the same as {other}, both led by {role}: a likely duplicate",
    ),
    "checks.critical_path": (
        "关键路径（{level}）：{minutes} 分钟，{count} 个步骤：{path}",
        "Critical path ({level}): {minutes} minutes, {count} steps: {path}",
    ),
    "checks.critical_path_untimed": (
        "最长步骤链（{level}）：{count} 个步骤，均无时限：{path}",
        "Longest chain of steps ({level}): {count} steps, none with a time limit: {path}",
    ),
    "checks.critical_path_concentrated": (
        "角色 {role} 承担了关键路径上 {percent}% 的步骤（{levels}）：该角色一旦缺位，整个响应都会延误",
        (
            "Role {role} owns {percent}% of the critical path ({levels}): "
            "if it is missing, the whole response is delayed"
        ),
    ),
}
