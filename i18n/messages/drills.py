"""Messages of the drill domain (drills/): errors, design checks, import problems, and the words
for statuses, ratings, quality marks, inject kinds and drill types."""

MESSAGES = {
    # errors
    "drills.error": ("演练操作失败", "The drill operation failed"),
    "drills.invalid": ("演练数据有误", "The drill data is not valid"),
    "drills.bad_transition": (
        "演练当前状态为“{from}”，不能转为“{to}”",
        "The drill is {from}: it cannot become {to}",
    ),
    "drills.bad_clock_event": (
        "未知的演练计时事件“{event}”（可用：{known}）",
        "Unknown drill clock event “{event}” (known: {known})",
    ),
    # checklist edits
    "drills.checklist.invalid": ("检查清单修改无效", "The checklist edit is not valid"),
    "drills.checklist.empty_name": ("检查项名称不能为空", "A checklist item needs a name"),
    "drills.checklist.bad_phase": (
        "“{phase}”不是处置阶段",
        "“{phase}” is not a response phase",
    ),
    "drills.checklist.bad_time_limit": (
        "时限“{value}”无效：请填写不小于 0 的分钟数",
        "Time limit “{value}” is not valid: give minutes, 0 or more",
    ),
    "drills.checklist.unknown_item": (
        "检查清单中没有检查项“{item}”",
        "The checklist has no item “{item}”",
    ),
    # design JSON
    "drills.design.invalid": ("演练方案文件有误", "The drill design file is not valid"),
    "drills.design.not_json_object": (
        "演练方案文件应为一个 JSON 对象（{…}）",
        "A drill design file must hold one JSON object ({…})",
    ),
    "drills.design.not_object": (
        "{where} 应为一个 JSON 对象（{{…}}）",
        "{where} must be a JSON object ({{…}})",
    ),
    "drills.design.missing": ("缺少“{field}”", "“{field}” is missing"),
    "drills.design.bad_type": (
        "“{field}”的类型有误：应为 {expected}",
        "“{field}” has the wrong type: expected {expected}",
    ),
    "drills.design.bad_choice": (
        "“{field}”的值“{value}”无效（可用：{allowed}）",
        "“{field}”: “{value}” is not allowed (allowed: {allowed})",
    ),
    "drills.design.bad_number": (
        "“{field}”的值“{value}”无效：应为不小于 0 的数",
        "“{field}”: “{value}” is not a number of 0 or more",
    ),
    "drills.design.bad_time": (
        "“{field}”的时间“{value}”无效：请使用带时区的 ISO 8601 格式，如 2026-05-01T09:00:00+08:00",
        (
            "“{field}”: “{value}” is not a time: use ISO 8601 with a time zone, "
            "e.g. 2026-05-01T09:00:00+08:00"
        ),
    ),
    "drills.design.bad_version": (
        "预案版本编号“{value}”无效：应为正整数",
        "Plan version id “{value}” is not valid: it must be a positive whole number",
    ),
    "drills.design.duplicate_id": (
        "{where}：编号“{id}”重复使用",
        "{where}: id “{id}” is used more than once",
    ),
    "drills.design.unknown_item": (
        "{where}：引用了不存在的检查项“{item}”",
        "{where}: refers to an unknown checklist item “{item}”",
    ),
    "drills.design.no_title": ("演练名称不能为空", "The drill needs a title"),
    # inject files
    "drills.injects.invalid": (
        "情景注入文件有误，未导入任何内容",
        "The inject file was not imported",
    ),
    "drills.injects.unreadable": (
        "无法读取情景注入文件：请上传 UTF-8 编码的 CSV 或 Excel（.xlsx）文件",
        "The inject file cannot be read: upload a UTF-8 CSV or an Excel (.xlsx) file",
    ),
    "drills.injects.empty": ("情景注入文件是空的", "The inject file is empty"),
    "drills.injects.missing_column": (
        "情景注入文件缺少“{column}”列（第 1 行应为列名）",
        "The inject file has no “{column}” column (row 1 must hold the column names)",
    ),
    "drills.injects.too_many": (
        "情景注入文件超过 {limit} 行",
        "The inject file has more than {limit} rows",
    ),
    "drills.problems_more": (
        "……另有 {n} 个问题未列出（共 {total} 个）：请先改正上面的问题后再试",
        "… and {n} more problems ({total} in all): fix the ones above and try again",
    ),
    "drills.problems_more_rows": (
        "……另有 {n} 个问题未列出，在第 {first}–{last} 行（共 {total} 个）：请先改正上面的问题后再试",
        (
            "… and {n} more problems in rows {first}–{last} ({total} in all): fix the ones above "
            "and try again"
        ),
    ),
    "drills.injects.duplicate_id": (
        "第 {row} 行：编号“{id}”重复使用",
        "Row {row}: id “{id}” is used more than once",
    ),
    "drills.injects.no_title": ("第 {row} 行：缺少标题", "Row {row}: the title is missing"),
    "drills.injects.bad_kind": (
        "第 {row} 行：类型“{kind}”无效（可用：消息、任务卡、问题）",
        "Row {row}: kind “{kind}” is not valid (message, task_card or question)",
    ),
    "drills.injects.bad_offset": (
        "第 {row} 行：时间“{value}”无效：请填写开始后的分钟数，人工下达则留空",
        (
            "Row {row}: offset “{value}” is not valid: give minutes after the start, "
            "or leave it empty to release by hand"
        ),
    ),
    "drills.injects.unknown_roles": (
        "第 {row} 行：预案中没有这些角色：{roles}",
        "Row {row}: the plan has no such roles: {roles}",
    ),
    "drills.injects.unknown_steps": (
        "第 {row} 行：检查清单中没有这些步骤：{steps}",
        "Row {row}: the checklist has no such steps: {steps}",
    ),
    # design checks
    "drills.check.no_items": ("检查清单为空：请添加检查项", "The checklist is empty: add items"),
    "drills.check.no_director": ("没有指定导调（演练总指挥）", "No drill director is named"),
    "drills.check.no_evaluators": ("没有指定评估人员", "No evaluator is assigned"),
    "drills.check.evaluator_without_share": (
        "评估人员 {user} 没有分配角色或地点",
        "Evaluator {user} has no roles or places to watch",
    ),
    "drills.check.unknown_evaluator_role": (
        "评估人员 {user} 的角色“{role}”不是预案中的角色",
        "Evaluator {user}: “{role}” is not a role of the plan",
    ),
    "drills.check.window_reversed": (
        "计划结束时间早于或等于计划开始时间",
        "The planned end is not after the planned start",
    ),
    "drills.check.unknown_level": (
        "响应级别“{level}”不是预案中的级别",
        "Response level “{level}” is not a level of the plan",
    ),
    "drills.check.unknown_expected_level": (
        "情景的预期响应级别“{level}”不是预案中的级别",
        "The scenario's expected level “{level}” is not a level of the plan",
    ),
    "drills.check.unknown_participating_role": (
        "参演角色“{role}”不是预案中的角色",
        "Participating role “{role}” is not a role of the plan",
    ),
    "drills.check.duplicate_item": (
        "检查项编号“{item}”重复使用",
        "Checklist item id “{item}” is used more than once",
    ),
    "drills.check.item_step_unknown": (
        "检查项 {item} 关联的步骤“{step}”不在该预案版本中",
        "Checklist item {item}: step “{step}” is not in this plan version",
    ),
    "drills.check.item_role_unknown": (
        "检查项 {item} 的角色“{role}”不是预案中的角色",
        "Checklist item {item}: “{role}” is not a role of the plan",
    ),
    "drills.check.item_ref_unknown": (
        "检查项 {item} 引用了不存在的检查项“{ref}”",
        "Checklist item {item} refers to an unknown item “{ref}”",
    ),
    "drills.check.duplicate_inject": (
        "情景注入编号“{inject}”重复使用",
        "Inject id “{inject}” is used more than once",
    ),
    "drills.check.inject_role_unknown": (
        "情景注入 {inject} 的接收角色“{role}”不是预案中的角色",
        "Inject {inject} goes to “{role}”, which is not a role of the plan",
    ),
    "drills.check.inject_role_not_taking_part": (
        "情景注入 {inject} 的接收角色“{role}”未参演",
        "Inject {inject} goes to “{role}”, which does not take part",
    ),
    "drills.check.inject_step_unknown": (
        "情景注入 {inject} 预期触发的检查项“{item}”不在检查清单中",
        "Inject {inject} is expected to set off “{item}”, which is not in the checklist",
    ),
    # words
    "drills.status.designing": ("设计中", "designing"),
    "drills.status.sealed": ("已封存", "sealed"),
    "drills.status.running": ("进行中", "running"),
    "drills.status.paused": ("已暂停", "paused"),
    "drills.status.ended": ("已结束", "ended"),
    "drills.clock.start": ("开始", "start"),
    "drills.clock.pause": ("暂停", "pause"),
    "drills.clock.resume": ("继续", "resume"),
    "drills.clock.end": ("结束", "end"),
    "drills.type.tabletop": ("桌面演练", "tabletop"),
    "drills.type.live": ("实战演练", "live"),
    "drills.scope.single": ("单项演练", "single-subject"),
    "drills.scope.comprehensive": ("综合演练", "comprehensive"),
    "drills.rating.done": ("已完成", "done"),
    "drills.rating.partly": ("部分完成", "partly done"),
    "drills.rating.not_done": ("未完成", "not done"),
    "drills.rating.na": ("不适用", "not applicable"),
    "drills.rating.not_observed": ("未观察到", "not observed"),
    "drills.quality.P": ("P：顺利完成", "P: performed without challenges"),
    "drills.quality.S": ("S：完成但有一些问题", "S: performed with some challenges"),
    "drills.quality.M": ("M：完成但有重大问题", "M: performed with major challenges"),
    "drills.quality.U": ("U：未能完成", "U: unable to be performed"),
    "drills.inject_kind.message": ("情景消息", "message"),
    "drills.inject_kind.task_card": ("任务卡", "task card"),
    "drills.inject_kind.question": ("问题", "question"),
    "drills.aspect.time": ("时间", "time"),
    "drills.aspect.place": ("地点", "place"),
    "drills.aspect.scenario": ("情景", "scenario"),
    "drills.aspect.subject": ("科目", "subject"),
    "drills.no_role": ("未指定角色", "no role"),
    "drills.extra_item": ("附加检查项", "extra item"),
}
