MESSAGES = {
    "nav.analytics": ("演练分析", "Drill analytics"),
    "analytics.steps": ("常被遗漏或超时的步骤", "Steps most often missed or late"),
    "analytics.ratings": ("各评估项目得分趋势", "Scores by area over time"),
    "analytics.stale": ("超期未演练（{n}）", "Not drilled in time ({n})"),
    "analytics.overdue": ("逾期整改（{n}）", "Overdue actions ({n})"),
    "analytics.none": ("还没有已评分的演练。", "No scored drill yet."),
    "analytics.missed": ("未完成", "Missed"),
    "analytics.not_observed": ("未观察到", "Not observed"),
    "analytics.late": ("超时", "Late"),
    "analytics.drills": ("演练次数", "Drills"),
    "analytics.stale_help": (
        "按规定周期（综合/专项预案每年、现场处置方案每半年）检查预案和角色最近一次演练。",
        "Plans and roles against their required period (comprehensive/special plans yearly, "
        "on-site plans half-yearly).",
    ),
    "analytics.period": ("周期（天）", "Period (days)"),
    "analytics.last": ("最近演练", "Last drilled"),
    "analytics.never": ("从未演练", "never"),
    "analytics.due_by": ("应于此前演练", "Due by"),
    "analytics.action": ("整改措施", "Action"),
    "analytics.owner": ("责任人", "Owner"),
    "analytics.due": ("期限", "Due"),
}
