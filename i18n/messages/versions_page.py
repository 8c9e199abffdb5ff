MESSAGES = {
    "versions.number": ("版本", "Version"),
    "versions.created": ("创建", "Created"),
    "versions.submitted": ("提交审核", "Submitted"),
    "versions.approved": ("审批发布", "Approved"),
    "versions.note": ("备注", "Note"),
    "versions.pick": ("选择版本", "Choose a version"),
    "versions.open": ("在编辑器中打开", "Open in the editor"),
    "versions.submit": ("提交审核", "Submit for review"),
    "versions.approve": ("审批并发布", "Approve and publish"),
    "versions.return": ("退回修改", "Return to draft"),
    "versions.new_draft": ("基于此版本新建草稿", "New draft from this version"),
    "versions.done": ("已完成", "Done"),
    "versions.export_json": ("导出预案 JSON", "Export plan JSON"),
    "versions.export_word": ("导出 Word 预案", "Export the plan as Word"),
    "versions.original": ("下载原始文档", "Download the original document"),
    "versions.diff": ("版本差异", "Differences between versions"),
    "versions.single": (
        "只有一个版本，暂无可比较的内容。",
        "Only one version so far: nothing to compare.",
    ),
    "versions.old": ("旧版本", "Older version"),
    "versions.new": ("新版本", "Newer version"),
    "versions.same": ("两个版本内容相同。", "The two versions are the same."),
    "versions.gate": (
        "该版本有 {n} 项错误级检查未解决。发布前请逐项写明豁免理由（理由随版本保存并记入审计日志）。",
        (
            "The version has {n} open error-level checks. Before publishing, give a reason to "
            "waive each (kept with the version and written to the audit log)."
        ),
    ),
    "versions.waiver_reason": ("豁免理由", "Reason for the waiver"),
    "versions.waiver_placeholder": (
        "例如：原文未写明责任人，已在修订计划中跟踪",
        "e.g. the text names nobody; tracked in the revision plan",
    ),
    "versions.approve_waived": ("豁免并发布", "Waive and publish"),
    "versions.waivers": ("发布时豁免的检查", "Checks waived at approval"),
    "versions.waiver_check": ("检查", "Check"),
    "versions.waiver_by": ("豁免人", "Waived by"),
    "versions.no_open_errors": (
        "该版本没有未解决的错误级检查。",
        "The version has no open error-level checks.",
    ),
}
