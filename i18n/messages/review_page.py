"""The evaluation and improvement screen after a drill (scores, overrides, weights, findings,
corrective actions, participants' reviews, documents, revision) and the participants' own review."""

MESSAGES = {
    "nav.drill_review": ("评估与整改", "Evaluation and improvement"),
    "review.pick": ("选择已结束的演练", "Choose an ended drill"),
    "review.none": (
        "还没有您可以评估的已结束演练。演练结束后，其导调人员、评估组长和本单位管理人员可在此处评估。",
        (
            "There is no ended drill you may evaluate yet. Once a drill ends, its directors, "
            "evaluation leads and the unit's managers evaluate it here."
        ),
    ),
    "review.not_ended": (
        "演练尚未结束：结束后才能评估。",
        "The drill has not ended yet: it is evaluated after the end.",
    ),
    "review.read_only": (
        "您可以查看本次演练的评估，由评估组长和导调人员编辑。",
        "You may read this drill's evaluation; its evaluation leads and directors edit it.",
    ),
    "review.tab.scores": ("评分", "Scores"),
    "review.tab.findings": ("问题与亮点", "Findings"),
    "review.tab.actions": ("纠正行动", "Corrective actions"),
    "review.tab.reviews": ("参演人员自评", "Participants' reviews"),
    "review.tab.documents": ("文档", "Documents"),
    "review.counts": (
        "问题与亮点 {findings} 项 · 纠正行动 {actions} 项 · 参演人员自评 {reviews} 份",
        "{findings} findings · {actions} corrective actions · {reviews} participants' reviews",
    ),
    # scores
    "review.overall": ("总分", "Overall score"),
    "review.grade": ("总体评定", "Overall grade"),
    "review.coverage": ("评估覆盖率", "Coverage"),
    "review.coverage_help": (
        "有观察记录的检查项所占比例；未观察到的检查项按缺口计，不按通过计。",
        (
            "Share of checklist items someone observed; an item nobody observed counts as a gap, "
            "not as a pass."
        ),
    ),
    "review.col.area": ("评估内容", "Area"),
    "review.col.items": ("检查项", "Items"),
    "review.col.score": ("得分", "Score"),
    "review.col.weight": ("权重", "Weight"),
    "review.col.computed": ("计算评定", "Computed rating"),
    "review.col.rating": ("最终评定", "Rating"),
    "review.col.reason": ("调整理由", "Reason for the change"),
    "review.col.role": ("角色", "Role"),
    "review.col.done": ("完成", "Done"),
    "review.col.missed": ("未完成/未观察到", "Not done / not observed"),
    "review.col.late": ("超时", "Late"),
    "review.by_role": ("按角色", "By role"),
    "review.override": ("调整评定", "Change a rating"),
    "review.override_help": (
        "评估人员可改变计算得出的评定，但须写明理由；报告同时列出计算评定与理由，得分不变。",
        (
            "Evaluators may change a computed rating with a written reason; the report shows the "
            "computed rating and the reason beside it, and the score stays as computed."
        ),
    ),
    "review.override_area": ("评估内容", "Area"),
    "review.override_rating": ("评定", "Rating"),
    "review.override_reason": ("理由（必填）", "Reason (required)"),
    "review.override_save": ("保存评定", "Save the rating"),
    "review.override_saved": ("评定已调整", "Rating changed"),
    "review.weights": ("本单位各评估内容的权重", "The unit's weights of the areas"),
    "review.weights_help": (
        "总分是各评估内容得分的加权平均。权重为 0 的内容不计入总分。改动对本单位此后查看的所有演练生效。",
        (
            "The overall score is the weighted mean of the area scores. An area weighing 0 is left "
            "out. A change applies to every drill of the unit from now on."
        ),
    ),
    "review.weights_save": ("保存权重", "Save the weights"),
    "review.weights_saved": ("权重已保存", "Weights saved"),
    # findings
    "review.filter.grade": ("按等级筛选", "Filter by grade"),
    "review.filter.cause": ("按原因筛选", "Filter by cause"),
    "review.filter.status": ("按状态筛选", "Filter by status"),
    "review.filter.search": ("搜索", "Search"),
    "review.filter.strengths": ("显示亮点", "Show strengths"),
    "review.col.title": ("问题", "Finding"),
    "review.col.grade": ("等级", "Grade"),
    "review.col.cause": ("原因", "Cause"),
    "review.col.status": ("状态", "Status"),
    "review.col.target": ("关联预案内容", "Plan step or role"),
    "review.col.evidence": ("证据", "Evidence"),
    "review.col.closed": ("已关闭", "Closed"),
    "review.col.kind": ("来源", "Source"),
    "review.no_findings": ("没有符合条件的问题。", "No finding matches."),
    "review.accept_all": ("确认全部待确认问题", "Accept every proposed finding"),
    "review.accepted_n": ("已确认 {n} 项问题", "{n} finding(s) accepted"),
    "review.edit": ("编辑问题", "Edit a finding"),
    "review.edit_pick": ("问题", "Finding"),
    "review.f.title": ("标题", "Title"),
    "review.f.description": ("描述", "Description"),
    "review.f.cause": ("原因", "Cause"),
    "review.f.grade": ("等级", "Grade"),
    "review.f.status": ("状态", "Status"),
    "review.f.strength": ("这是亮点（做得好的方面）", "This is a strength"),
    "review.f.step": ("关联步骤", "Linked step"),
    "review.f.role": ("关联角色", "Linked role"),
    "review.f.evidence": ("证据（观察记录）", "Evidence (observations)"),
    "review.f.none": ("（无）", "(none)"),
    "review.f.save": ("保存问题", "Save the finding"),
    "review.f.saved": ("问题已保存", "Finding saved"),
    "review.changed_meanwhile": (
        "有人在您打开后保存了这一条。您的修改不会覆盖对方的；可载入最新内容后再改。",
        (
            "Someone saved this entry after you opened it. Your changes will not overwrite theirs; "
            "load the latest and edit again."
        ),
    ),
    "review.load_latest": ("载入最新内容", "Load the latest"),
    "review.add": ("添加问题或亮点", "Add a finding or strength"),
    "review.add_save": ("添加", "Add"),
    "review.added": ("已添加", "Added"),
    "review.photos": ("证据照片", "Evidence photos"),
    "review.plan_due": (
        "{n} 项已确认的预案缺陷类不足项：预案已标记为待修订。",
        "{n} accepted plan-defect deficiencies: the plan is marked as due for revision.",
    ),
    "review.open_revision": ("据此打开预案修订稿", "Open a revision of the plan from them"),
    "review.owner_revises": (
        "预案负责人在“预案”页面看到待修订提示，并从这些问题打开修订稿。",
        "The plan's owner sees it on the Plans page and opens the revision from these findings.",
    ),
    "review.obs_label": (
        "{minute} 分 · {item} · {rating} · {who}",
        "min {minute} · {item} · {rating} · {who}",
    ),
    "review.free_obs": ("现场观察", "free observation"),
    # corrective actions
    "review.overdue": ("已逾期的纠正行动（{n}）", "Overdue corrective actions ({n})"),
    "review.no_actions": ("还没有纠正行动。", "No corrective action yet."),
    "review.a.finding": ("针对的问题", "Finding"),
    "review.a.action": ("纠正行动", "Action"),
    "review.a.owner": ("责任人/部门", "Owner"),
    "review.a.due": ("完成期限", "Due"),
    "review.a.status": ("状态", "Status"),
    "review.a.verification": (
        "验证情况（状态为“已验证”时必填）",
        "Verification (required when verified)",
    ),
    "review.a.add": ("添加纠正行动", "Add a corrective action"),
    "review.a.add_save": ("添加行动", "Add the action"),
    "review.a.added": ("纠正行动已添加", "Corrective action added"),
    "review.a.edit": ("更新纠正行动", "Update a corrective action"),
    "review.a.pick": ("纠正行动", "Action"),
    "review.a.save": ("保存行动", "Save the action"),
    "review.a.saved": ("纠正行动已保存", "Corrective action saved"),
    "review.a.days_overdue": ("逾期天数", "Days overdue"),
    "review.a.rights": (
        (
            "导调和评估组长添加、修改和验证纠正行动；责任人填写为某个用户名时，该用户可在首页"
            "更新进度（未开始、进行中、已完成待验证），但不能验证；管理人员只读。"
        ),
        (
            "The drill's directors and evaluation leads add, change and verify corrective "
            "actions; when the owner is a user name, that user updates the progress on the home "
            "page (open, in progress, done) but does not verify; managers read."
        ),
    ),
    "review.a.owner_help": (
        "填写用户名时，该用户可在首页更新此行动的进度。",
        "Write a user name and that user can update the action's progress on the home page.",
    ),
    "home.my_actions": ("我负责的纠正行动", "Corrective actions I own"),
    "home.my_actions_help": (
        "完成后请将状态改为“已完成待验证”；由导调或评估组长验证。",
        "Set the status to done once finished; a director or evaluation lead verifies it.",
    ),
    "review.a.no_findings": (
        "先确认问题，再为其添加纠正行动。",
        "Accept findings first, then add their corrective actions.",
    ),
    "review.closed_n": (
        "{closed}/{total} 项问题已关闭（其纠正行动均已验证）",
        "{closed} of {total} findings closed (all their actions verified)",
    ),
    # participants' reviews
    "review.r.count": (
        "{done}/{named} 名参演人员已提交自评",
        "{done} of {named} participants reviewed the drill",
    ),
    "review.r.mean": ("平均自评", "Mean rating"),
    "review.r.none": ("还没有参演人员提交自评。", "No participant has reviewed the drill yet."),
    "review.r.user": ("参演人员", "Participant"),
    "review.r.role": ("担任角色", "Role played"),
    "review.r.well": ("做得好的方面", "What went well"),
    "review.r.improve": ("需要改进的方面", "What to improve"),
    "review.r.rating": ("自评（1–5）", "Rating (1–5)"),
    "review.r.when": ("提交时间", "Submitted"),
    # documents
    "review.d.help": (
        "文档按当前的评分、调整、问题和纠正行动生成；被驳回的问题不写入。",
        (
            "The documents follow the current scores, changes, findings and corrective actions; "
            "rejected findings are left out."
        ),
    ),
    "review.d.debrief": ("参演人员简报（Word）", "Participants' debrief (Word)"),
    "review.d.debrief_help": (
        "供没有账号的参演人员阅读，可直接转发。",
        "For participants without an account; share it as it is.",
    ),
    # participants' own review (participate page)
    "selfreview.title": ("演练自评", "Your review of the drill"),
    "selfreview.help": (
        "演练已结束。请简要写下您的体会，评估组将在总结中参考。再次提交会替换上一次。",
        (
            "The drill has ended. Say briefly how it went for you; the evaluation team reads it. "
            "Submitting again replaces your earlier review."
        ),
    ),
    "selfreview.role": ("我担任的角色", "The role I played"),
    "selfreview.well": ("做得好的方面", "What went well"),
    "selfreview.improve": (
        "需要改进的方面（预案、装备、培训、协同……）",
        "What to improve (plan, equipment, training, coordination…)",
    ),
    "selfreview.rating": ("总体感受（1 差 – 5 很好）", "Overall (1 poor – 5 very good)"),
    "selfreview.submit": ("提交自评", "Submit my review"),
    "selfreview.saved": ("自评已提交，谢谢！", "Review submitted, thank you!"),
    "findings_store.weights_conflict": (
        "单位 {unit} 的能力领域权重已被他人修改，本次未保存；请重新载入后再修改",
        (
            "Someone else changed the area weights of {unit} meanwhile; nothing was saved. Reload "
            "them and change them again"
        ),
    ),
    "findings_store.review_conflict": (
        "您的自评已在另一个窗口中提交过，本次未保存；请重新载入后再修改",
        (
            "Your review was submitted from another window meanwhile; this one was not saved. "
            "Reload it and change it again"
        ),
    ),
    "selfreview.empty": ("请至少填写一项内容。", "Please write at least one of the two."),
    "selfreview.earlier": (
        "已于 {when} 提交，可修改后再次提交。",
        "Submitted at {when}; you may change it and submit again.",
    ),
    "drillpage.add_evaluator": ("添加评估人员", "Add an evaluator"),
    "drillpage.choose_roles": ("选择角色", "Choose roles"),
    "drillpage.inject_needs_title": (
        "第 {rows} 行没有标题：请填写标题或删除该行，未保存任何修改。",
        "Row {rows} has no title: give it one or delete the row; nothing was saved.",
    ),
    "doc.timing.on_time": ("按时", "on time"),
    "doc.timing.late": ("超时", "late"),
    "home.review_help": (
        "演练结束后：评分、问题、纠正行动、评估报告和预案修订。",
        "After a drill: scores, findings, corrective actions, the report and the plan revision.",
    ),
    "drillpage.to_review": ("评估与整改", "Evaluation and improvement"),
}
