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
    "checks.activations_without_report": (
        "{count} 个响应启动步骤之前没有信息报告步骤：{items}",
        "{count} activation steps have no information-report step before them: {items}",
    ),
    "checks.reports_without_time_limit": (
        "{count} 个信息报告步骤没有时限（GB/T 29639 要求明确信息报告时限）：{items}",
        "{count} information-report steps have no time limit (GB/T 29639 asks for one): {items}",
    ),
    "checks.roles_without_steps": (
        "{count} 个角色没有承担任何处置步骤：{items}",
        "{count} roles take part in no step: {items}",
    ),
    "checks.consequences": ("由此引起的 {n} 项问题", "{n} follow-on findings"),
    "checks.hint_label": ("如何消除", "To clear it"),
    # what to change to clear each check
    "checks.hint.no_steps": (
        "在“步骤”表中添加处置步骤，或从预案原文重新导入",
        "Add steps in the Steps table, or import the plan text again",
    ),
    "checks.hint.no_roles": (
        "在“角色”表中添加角色，再把它们指定为步骤的负责角色",
        "Add roles in the Roles table, then name them as owners of steps",
    ),
    "checks.hint.duplicate_step_id": (
        "给其中一个步骤改用新的编号（引用它的前置步骤也要随之修改）",
        "Give one of the steps a new id (and update the preceding steps that refer to it)",
    ),
    "checks.hint.duplicate_role_id": (
        "给其中一个角色改用新的编号，或合并两个角色",
        "Give one of the roles a new id, or merge the two roles",
    ),
    "checks.hint.duplicate_level_id": (
        "给其中一个响应级别改用新的编号",
        "Give one of the response levels a new id",
    ),
    "checks.hint.unknown_role": (
        "在该步骤中改选预案中已有的角色，或在“角色”表中添加该角色",
        "Pick an existing role in the step, or add the role in the Roles table",
    ),
    "checks.hint.unknown_step": (
        "从该步骤的前置步骤或计时起点中删除该编号，或改为已有的步骤",
        "Remove the id from the step's preceding steps or time origin, or pick an existing step",
    ),
    "checks.hint.unknown_level": (
        "在该步骤的适用级别中删除该级别，或在“响应级别”表中定义它",
        "Remove the level from the step's levels, or define it in the Levels table",
    ),
    "checks.hint.unknown_parent": (
        "把该角色的上级改为已有的角色，或清空上级",
        "Set the role's parent to an existing role, or clear it",
    ),
    "checks.hint.role_parent_cycle": (
        "修改其中一个角色的上级，使隶属关系不再绕回自身",
        "Change the parent of one of these roles so that the chain no longer comes back",
    ),
    "checks.hint.step_without_owner": (
        "在该步骤的“负责角色”中填写牵头角色；原文未写明由谁负责时，应修订预案原文",
        "Fill in the step's owner; where the plan text does not say who, revise the text",
    ),
    "checks.hint.report_without_owner": (
        "在该信息报告步骤的“负责角色”中填写报告责任人",
        "Fill in who reports, in the owner of this information-report step",
    ),
    "checks.hint.activation_without_owner": (
        "在该响应启动步骤的“负责角色”中填写决定启动响应的角色",
        "Fill in the role that decides to start the response, as owner of this step",
    ),
    "checks.hint.report_without_time_limit": (
        "填写该步骤的时限（如“30分钟内”“立即”）",
        "Fill in the step's time limit (e.g. “within 30 minutes”, “immediately”)",
    ),
    "checks.hint.reports_without_time_limit": (
        "为列出的每个信息报告步骤填写时限；全部填写后此项消除",
        "Fill in a time limit for each information-report step listed; it clears when all have one",
    ),
    "checks.hint.invalid_time_limit": (
        "把时限改为不小于 0 的分钟数，或清空时限",
        "Change the time limit to a number of minutes of 0 or more, or clear it",
    ),
    "checks.hint.unknown_phase": (
        "为该步骤选择一个阶段（预警、信息报告、响应启动……）",
        "Choose a phase for the step (warning, report, activation…)",
    ),
    "checks.hint.no_report_step": (
        "把报告事件的步骤的阶段设为“信息报告”，或添加一个信息报告步骤；下列后续问题随之消除",
        (
            "Set the phase of the step that reports the incident to “report”, or add one; "
            "the follow-on findings below clear with it"
        ),
    ),
    "checks.hint.no_activation": (
        "把决定启动响应的步骤的阶段设为“响应启动”，或添加该步骤",
        "Set the phase of the step that starts the response to “activation”, or add one",
    ),
    "checks.hint.no_termination": (
        "把宣布结束响应的步骤的阶段设为“响应终止”，或添加该步骤",
        "Set the phase of the step that ends the response to “termination”, or add one",
    ),
    "checks.hint.activation_without_report": (
        (
            "在该步骤的“前置步骤”中加入一个信息报告步骤（或其后的步骤）；"
            "注意：修改前置步骤或信息报告步骤的阶段都会影响此项"
        ),
        (
            "Add an information-report step (or a step after one) to this step's preceding steps; "
            "it also clears when a preceding step's phase becomes “report”"
        ),
    ),
    "checks.hint.activations_without_report": (
        (
            "在列出的每个响应启动步骤的“前置步骤”中加入信息报告步骤（或其后的步骤）；"
            "若报告步骤的阶段填错，改正阶段即可一并消除"
        ),
        (
            "Add an information-report step (or a step after one) to the preceding steps of each "
            "activation listed; if the report step has a wrong phase, correcting it clears them all"
        ),
    ),
    "checks.hint.role_without_steps": (
        (
            "把该角色指定为某步骤的负责或配合角色，或把它设为承担步骤的角色的上级；"
            "若它不参与响应，可删除该角色"
        ),
        (
            "Name the role as owner or support of a step, or make it the parent of a role that has "
            "steps; delete it if it takes no part in the response"
        ),
    ),
    "checks.hint.roles_without_steps": (
        "把列出的角色指定为步骤的负责或配合角色，或删除不参与响应的角色",
        "Name the roles listed as owners or support of steps, or delete those that take no part",
    ),
    "checks.hint.level_without_steps": (
        "在适用于该级别的步骤的“级别”中加入它，或让通用步骤的级别留空",
        (
            "Add the level to the levels of the steps that apply to it, or leave common steps' "
            "levels empty"
        ),
    ),
    "checks.hint.level_not_named": (
        "如该级别有专门的措施，在相应步骤的“级别”中加入它",
        "If the level has measures of its own, add it to those steps' levels",
    ),
    "checks.hint.cycle": (
        "从所列某一步骤的“前置步骤”中删除造成循环的那一项；下列后续问题随之消除",
        (
            "Remove the link that closes the circle from one step's preceding steps; "
            "the follow-on findings below clear with it"
        ),
    ),
    "checks.hint.unreachable": (
        "修改该步骤或其前置步骤的“前置步骤”，使其能从一个起始步骤到达",
        (
            "Change the preceding steps of this step or of its predecessors so that a start step "
            "leads to it"
        ),
    ),
    "checks.hint.deadline_before_predecessor": (
        "延长该步骤的时限，缩短前置步骤的时限，或把计时起点改为“接报/触发时”",
        "Lengthen this step's limit, shorten its predecessor's, or count it from its trigger",
    ),
    "checks.hint.duplicate_step": (
        "删除或合并其中一个步骤；若两者适用于不同级别，请在“级别”中写明",
        "Delete or merge one of the steps; if they apply at different levels, set their levels",
    ),
    "checks.hint.critical_path": (
        "提示信息，无需修改；缩短路径上步骤的时限可以缩短响应时间",
        "For information; shortening limits on the path shortens the response",
    ),
    "checks.hint.critical_path_untimed": (
        "提示信息；为路径上的步骤填写时限后可算出响应时间",
        "For information; fill in time limits on the path to time the response",
    ),
    "checks.hint.critical_path_concentrated": (
        "提示信息；可为该角色的部分步骤增设配合或替补角色",
        "For information; consider support or stand-in roles for some of its steps",
    ),
}
