MESSAGES = {
    "app.title": ("预案演练通", "PlanDrill"),
    "errors.plan": ("预案处理出错", "Something went wrong with the plan"),
    "common.choose": ("请选择", "Choose"),
    "plan.invalid": ("预案内容不合理：{detail}", "The plan is not valid: {detail}"),
}
