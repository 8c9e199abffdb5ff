MESSAGES = {
    "nav.analytics": ("演练分析", "Drill analytics"),
    # filters
    "analytics.plan": ("预案", "Plan"),
    "analytics.all_plans": ("全部预案", "All plans"),
    "analytics.since": ("演练结束日期自", "Drills ended from"),
    "analytics.until": ("演练结束日期至", "Drills ended until"),
    "analytics.bad_range": (
        "开始日期晚于结束日期，请调整日期范围。",
        "The start date is after the end date: change the date range.",
    ),
    "analytics.filters_help": (
        "预案和日期筛选作用于所有标签页；“超期未演练”只按预案筛选，按今天计算。",
        (
            "The plan and date filters apply to every tab; “not drilled in time” uses only the "
            "plan and counts from today."
        ),
    ),
    "analytics.periods": ("规定演练周期（天）", "Required drill periods (days)"),
    "analytics.excel": ("导出 Excel（全部标签页）", "Export Excel (all tabs)"),
    # tabs
    "analytics.steps": ("常被遗漏或超时的步骤", "Steps most often missed or late"),
    "analytics.ratings": ("得分趋势", "Scores over time"),
    "analytics.revisions": ("修订效果（{n}）", "Did the fix work? ({n})"),
    "analytics.stale": ("超期未演练（{n}）", "Not drilled in time ({n})"),
    "analytics.overdue": ("逾期整改（{n}）", "Overdue actions ({n})"),
    # Excel sheet names (at most 31 characters)
    "analytics.sheet.steps": ("遗漏或超时的步骤", "Steps missed or late"),
    "analytics.sheet.ratings": ("得分趋势", "Scores over time"),
    "analytics.sheet.revisions": ("修订效果", "Did the fix work"),
    "analytics.sheet.stale": ("超期未演练", "Not drilled in time"),
    "analytics.sheet.overdue": ("逾期整改", "Overdue actions"),
    # steps
    "analytics.none": ("还没有已评分的演练。", "No scored drill yet."),
    "analytics.step": ("步骤", "Step"),
    "analytics.items": ("检查项次", "Items"),
    "analytics.missed": ("未完成", "Missed"),
    "analytics.not_observed": ("未观察到", "Not observed"),
    "analytics.late": ("超时", "Late"),
    "analytics.drills": ("演练次数", "Drills"),
    "analytics.miss_rate": ("未完成率（%）", "Miss rate (%)"),
    "analytics.late_rate": ("超时率（%）", "Late rate (%)"),
    # ratings
    "analytics.by": ("按", "By"),
    "analytics.by.area": ("评估项目", "area"),
    "analytics.by.role": ("角色", "role"),
    "analytics.by.overall": ("总体", "overall"),
    "analytics.dimension": ("维度", "Dimension"),
    "analytics.series": ("项目/角色", "Area / role"),
    "analytics.drill": ("演练", "Drill"),
    "analytics.ended": ("结束时间", "Ended"),
    "analytics.score": ("得分", "Score"),
    "analytics.rating": ("评定", "Rating"),
    "analytics.coverage": ("覆盖率（%）", "Coverage (%)"),
    # did the fix work?
    "analytics.revisions_help": (
        "每个经修订的步骤在修订前后的演练中未完成和超时的比例。修订后至少 {n} 次演练才下结论。",
        (
            "Each revised step's miss and late rates in the drills before and after its revision. "
            "A verdict needs at least {n} drills after the revision."
        ),
    ),
    "analytics.no_revisions": (
        "还没有在已发布版本中修订过的步骤。",
        "No step has been revised in a released version yet.",
    ),
    "analytics.too_few": (
        "修订后的演练太少（少于 {n} 次），还不能判断修订是否有效：{steps}",
        "Too few drills since the revision (fewer than {n}) to tell whether it worked: {steps}",
    ),
    "analytics.revised_in": ("修订版本", "Revised in"),
    "analytics.drills_before": ("修订前演练", "Drills before"),
    "analytics.drills_after": ("修订后演练", "Drills after"),
    "analytics.miss_before": ("修订前未完成率（%）", "Miss rate before (%)"),
    "analytics.miss_after": ("修订后未完成率（%）", "Miss rate after (%)"),
    "analytics.late_before": ("修订前超时率（%）", "Late rate before (%)"),
    "analytics.late_after": ("修订后超时率（%）", "Late rate after (%)"),
    "analytics.verdict": ("结论", "Verdict"),
    "analytics.verdict.too_few": ("修订后演练太少", "too few drills since"),
    "analytics.verdict.no_before": ("修订前无演练", "not drilled before"),
    "analytics.verdict.better": ("有改善", "better"),
    "analytics.verdict.worse": ("变差", "worse"),
    "analytics.verdict.same": ("无变化", "no change"),
    # not drilled in time
    "analytics.stale_help": (
        "按规定周期（默认：综合/专项预案每年、现场处置方案每半年）检查预案和角色最近一次演练。",
        (
            "Plans and roles against their required period (by default comprehensive/special "
            "plans yearly, on-site plans half-yearly)."
        ),
    ),
    "analytics.kind": ("预案类型", "Kind"),
    "analytics.whole_plan": ("整个预案", "whole plan"),
    "analytics.period": ("周期（天）", "Period (days)"),
    "analytics.last": ("最近演练", "Last drilled"),
    "analytics.never": ("从未演练", "never"),
    "analytics.due_by": ("应于此前演练", "Due by"),
    "analytics.all_in_time": (
        "所有预案和角色都在规定周期内演练过。",
        "Everything was drilled in time.",
    ),
    # overdue actions
    "analytics.finding": ("问题", "Finding"),
    "analytics.action": ("整改措施", "Action"),
    "analytics.owner": ("责任人", "Owner"),
    "analytics.due": ("期限", "Due"),
    "analytics.days_overdue": ("逾期天数", "Days overdue"),
    "analytics.no_overdue": ("没有逾期的整改措施。", "No overdue corrective action."),
}
