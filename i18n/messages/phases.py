"""Names of the response phases (plans.model.PHASES)."""

MESSAGES = {
    "phase.warning": ("预警", "Warning"),
    "phase.report": ("信息报告", "Information report"),
    "phase.initial": ("先期处置", "Initial response"),
    "phase.activation": ("响应启动", "Response activation"),
    "phase.command": ("指挥协调", "Command and coordination"),
    "phase.disposal": ("应急处置", "Emergency disposal"),
    "phase.escalation": ("扩大响应", "Escalation"),
    "phase.public_info": ("信息发布", "Public information"),
    "phase.support": ("应急保障", "Support"),
    "phase.termination": ("响应终止", "End of response"),
    "phase.recovery": ("后期处置", "Recovery"),
}
