"""Messages of drill scoring and findings (drills/scoring.py, ratings.py, findings.py,
actions.py): capability areas, grades, causes and grades of findings, proposed finding texts,
corrective-action statuses and errors."""

MESSAGES = {
    # capability areas (AQ/T 9009 evaluation items)
    "scoring.area.preparation": ("应急准备", "Preparation"),
    "scoring.area.warning_report": ("预警与信息报告", "Warning and information report"),
    "scoring.area.mobilisation": ("应急启动与动员", "Activation and mobilisation"),
    "scoring.area.command": ("指挥与协调", "Command and coordination"),
    "scoring.area.disposal": ("应急处置", "Emergency disposal"),
    "scoring.area.support": ("应急保障", "Support"),
    "scoring.area.public_info": ("信息公开", "Public information"),
    "scoring.area.recovery": ("后期处置", "Recovery"),
    "scoring.area.termination": ("响应终止", "End of response"),
    # HSEEP ratings of an area and the overall grade
    "scoring.rating.P": ("P：顺利完成", "P: performed without challenges"),
    "scoring.rating.S": ("S：完成但有一些问题", "S: performed with some challenges"),
    "scoring.rating.M": ("M：完成但有重大问题", "M: performed with major challenges"),
    "scoring.rating.U": ("U：未能完成", "U: unable to be performed"),
    "scoring.not_rated": ("未评定（观察覆盖不足）", "not rated (too little observed)"),
    "scoring.grade.excellent": ("优秀", "Excellent"),
    "scoring.grade.good": ("良好", "Good"),
    "scoring.grade.pass": ("合格", "Pass"),
    "scoring.grade.fail": ("不合格", "Fail"),
    "scoring.overridden": (
        "评估人员将评定由 {computed} 改为 {rating}，理由：{reason}",
        "The evaluators changed the rating from {computed} to {rating}: {reason}",
    ),
    # scoring errors
    "scoring.unknown_area": ("未知的评估项目“{area}”", "Unknown capability area “{area}”"),
    "scoring.bad_weight": (
        "“{area}”的权重“{value}”无效：应为不小于 0 的数",
        "Weight “{value}” of “{area}” is not valid: give a number of 0 or more",
    ),
    "scoring.bad_rating": (
        "评定“{rating}”无效（可用：P、S、M、U）",
        "Rating “{rating}” is not valid (use P, S, M or U)",
    ),
    "scoring.override_needs_reason": (
        "修改“{area}”的评定须写明理由",
        "Changing the rating of “{area}” needs a written reason",
    ),
    # findings: causes, grades, statuses, kinds
    "findings.cause.plan_defect": ("预案缺陷", "plan defect"),
    "findings.cause.execution": ("执行问题", "execution"),
    "findings.cause.resources": ("装备与资源", "equipment and resources"),
    "findings.cause.training": ("培训不足", "training"),
    "findings.cause.coordination": ("协同配合", "coordination"),
    "findings.grade.deficiency": ("不足项", "deficiency"),
    "findings.grade.must_fix": ("整改项", "must fix"),
    "findings.grade.improvement": ("改进项", "improvement"),
    "findings.strength": ("亮点", "strength"),
    "findings.status.proposed": ("待确认", "proposed"),
    "findings.status.accepted": ("已确认", "accepted"),
    "findings.status.rejected": ("已驳回", "rejected"),
    "findings.kind.missed": ("未完成", "not done"),
    "findings.kind.late": ("超时", "late"),
    "findings.kind.out_of_order": ("顺序颠倒", "out of order"),
    "findings.kind.wrong_role": ("非指定角色执行", "done by another role"),
    "findings.kind.gap": ("评估覆盖缺口", "coverage gap"),
    "findings.kind.note": ("评估记录", "evaluator note"),
    "findings.kind.strength": ("亮点", "strength"),
    "findings.kind.manual": ("人工添加", "added by hand"),
    # proposed findings
    "findings.title.missed": ("未完成：{item}", "Not done: {item}"),
    "findings.title.late": ("超时：{item}", "Late: {item}"),
    "findings.title.out_of_order": (
        "先于前置步骤执行：{item}",
        "Done before its prerequisites: {item}",
    ),
    "findings.title.wrong_role": ("非预案指定角色执行：{item}", "Done by another role: {item}"),
    "findings.title.gap": ("{area}：{n} 项未观察到", "{area}: {n} items not observed"),
    "findings.title.note": ("评估记录：{item}", "Evaluator note: {item}"),
    "findings.title.free": ("现场观察：{note}", "Observed: {note}"),
    "findings.title.strength": ("亮点：{area}", "Strength: {area}"),
    "findings.text.missed": (
        "检查项“{item}”（{role}）被评为未完成。",
        "“{item}” ({role}) was rated not done.",
    ),
    "findings.why.no_owner": (
        "预案中该步骤未明确责任角色。",
        " The plan names no role responsible for this step.",
    ),
    "findings.why.no_time_limit": (
        "预案中该步骤未规定时限。",
        " The plan sets no time limit for this step.",
    ),
    "findings.text.late": (
        "“{item}”（{role}）应于演练第 {due} 分钟前完成，实际于第 {happened} 分钟完成，超时 {late} 分钟。",
        (
            "“{item}” ({role}) was due by drill minute {due} and happened at minute {happened}, "
            "{late} minutes late."
        ),
    ),
    "findings.text.out_of_order": (
        "“{item}”于演练第 {happened} 分钟执行，早于其前置步骤：{before}。",
        "“{item}” happened at drill minute {happened}, before its prerequisites: {before}.",
    ),
    "findings.text.wrong_role": (
        "“{item}”由{done_by}执行，预案指定由{expected}负责。",
        "“{item}” was done by {done_by}; the plan gives it to {expected}.",
    ),
    "findings.text.note_added": ("评估人员记录：{note}", " Evaluator's note: {note}"),
    "findings.text.gap": (
        (
            "{total} 项中有 {n} 项无人记录：{items}（涉及：{roles}）。这是评估覆盖的缺口，"
            "不代表参演人员未完成；建议为上述角色安排评估人员。"
        ),
        (
            "{n} of {total} items were recorded by nobody: {items} (roles: {roles}). This is a gap "
            "in the evaluation's coverage, not a failure of the participants; assign evaluators to "
            "these roles."
        ),
    ),
    "findings.text.strength": (
        "“{area}”评定为 P（得分 {score}，观察覆盖率 {coverage}%）。",
        "{area} was rated P (score {score}, {coverage}% of the items observed).",
    ),
    # finding and corrective-action errors
    "findings.empty_title": ("问题须有标题", "A finding needs a title"),
    "findings.bad_status": ("问题状态“{status}”无效", "Finding status “{status}” is not valid"),
    "findings.bad_kind": ("问题来源“{kind}”无效", "Finding kind “{kind}” is not valid"),
    "findings.bad_cause": (
        "问题原因“{cause}”无效（可用：预案缺陷、执行问题、装备与资源、培训不足、协同配合）",
        (
            "Cause “{cause}” is not valid (use plan defect, execution, equipment and resources, "
            "training or coordination)"
        ),
    ),
    "findings.bad_grade": (
        "问题等级“{grade}”无效（可用：不足项、整改项、改进项）",
        "Grade “{grade}” is not valid (use deficiency, must fix or improvement)",
    ),
    "findings.action.empty": ("纠正行动须写明要做什么", "A corrective action needs a description"),
    "findings.action.bad_status": (
        "纠正行动状态“{status}”无效",
        "Corrective action status “{status}” is not valid",
    ),
    "findings.action.verification_needed": (
        "纠正行动“{action}”须写明验证情况后才能标记为已验证",
        "Corrective action “{action}” needs a verification note before it is marked verified",
    ),
    "findings.action_status.open": ("未开始", "open"),
    "findings.action_status.in_progress": ("进行中", "in progress"),
    "findings.action_status.done": ("已完成待验证", "done, to be verified"),
    "findings.action_status.verified": ("已验证", "verified"),
    "findings.review.bad_rating": (
        "自评分“{rating}”无效：请选择 1 至 5",
        "Rating “{rating}” is not valid: choose 1 to 5",
    ),
}
