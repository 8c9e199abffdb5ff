"""Messages of the signable evaluation documents: the evaluation lead's conclusions and cause
analysis (drills/signoff.py, db/drills_signoff.py, ui/review_conclusions.py), the document
standard, the drafts, the sections of both documents and the HSEEP Improvement Plan."""

MESSAGES = {
    "access.unit_leads_only": (
        "只有本单位的评估组长或管理员可以设置",
        "Only the unit's evaluation leads or an administrator may set this",
    ),
    "audit.action.drill.write_evaluation": ("编写评估结论", "write the evaluation's conclusions"),
    "audit.action.drill.set_report_standard": (
        "选择演练评估文件标准",
        "choose the drill's evaluation document standard",
    ),
    "audit.action.unit.set_report_standard": (
        "设置单位评估文件标准",
        "set the unit's evaluation document standard",
    ),
    "findings.action.start_after_due": (
        "纠正行动 {action} 的开始日期晚于完成期限",
        "Corrective action {action} starts after its completion date",
    ),
    "signoff.bad_key": ("无法保存该文字（{key}）", "This text cannot be stored ({key})"),
    "signoff.too_long": ("文字过长（最多 {limit} 字）", "The text is too long (at most {limit})"),
    "signoff.bad_lang": ("未知的文件语言：{lang}", "Unknown document language: {lang}"),
    "signoff.bad_standard": ("未知的文件标准：{standard}", "Unknown document standard: {standard}"),
    "signoff.general": ("综合", "General"),
    "signoff.met.met": ("达成", "met"),
    "signoff.met.partly": ("部分达成", "partly met"),
    "signoff.met.not_met": ("未达成", "not met"),
    "signoff.met.unrated": ("尚未评定", "not rated yet"),
    "signoff.element.planning": ("计划", "Planning"),
    "signoff.element.organization": ("组织", "Organization"),
    "signoff.element.equipment": ("装备", "Equipment"),
    "signoff.element.training": ("培训", "Training"),
    "signoff.element.exercise": ("演练", "Exercise"),
    "signoff.standard.aqt9009": (
        "AQ/T 9009 / GB/T 46792 演练评估报告",
        "AQ/T 9009 / GB/T 46792 evaluation report",
    ),
    "signoff.standard.hseep": (
        "HSEEP 演练总结报告/改进计划（AAR/IP）",
        "HSEEP After-Action Report / Improvement Plan",
    ),
    # drafts (prose made from the evaluation; the lead edits them)
    "signoff.draft.count": ("{what}{n}项", "{n} {what}"),
    "signoff.draft.area_counts": (
        "本领域共检查{total}项，其中{parts}",
        "{total} checklist items were checked in this capability: {parts}",
    ),
    "signoff.draft.area_not_rated": (
        "没有可评分的检查项，本领域未评定",
        "Nothing could be scored, so this capability is not rated",
    ),
    "signoff.draft.area_score": (
        "得分{score}，评定为{rating}",
        "It scored {score}, rated {rating}",
    ),
    "signoff.draft.strengths": ("做得好的方面：{items}", "Strengths: {items}"),
    "signoff.draft.no_strengths": ("未记录突出的优点", "No particular strength was recorded"),
    "signoff.draft.problems": ("存在的问题：{items}", "Areas for improvement: {items}"),
    "signoff.draft.no_problems": ("未发现问题", "No problem was found"),
    "signoff.draft.objectives": ("相关演练目标：{items}", "Related objectives: {items}"),
    "signoff.draft.objective_rated": (
        "{text}评定为{rating}（{met}）",
        "{text} was rated {rating} ({met})",
    ),
    "signoff.draft.objective_unrated": ("{text}尚未评定", "{text} is not rated yet"),
    "signoff.draft.overall": (
        "本次演练总体评定为{grade}，总分{score}分，评估覆盖率{coverage}",
        (
            "Overall the exercise was rated {grade}, with a score of {score} and {coverage} of "
            "the checklist observed"
        ),
    ),
    "signoff.draft.overall_no_grade": (
        "本次演练总分{score}分，但评估覆盖率仅{coverage}，观察不足，不给出总体等级",
        (
            "The exercise scored {score}, but only {coverage} of the checklist was observed: too "
            "little to grade it overall"
        ),
    ),
    "signoff.draft.overall_not_rated": (
        "本次演练没有可评分的检查项，总体未评定",
        "Nothing in this exercise could be scored, so it is not rated overall",
    ),
    "signoff.draft.objectives_met": (
        "{total}项演练目标中，{parts}",
        "Of {total} exercise objectives: {parts}",
    ),
    "signoff.draft.objectives_unrated": (
        "尚有{n}项演练目标未评定",
        "{n} exercise objectives are not rated yet",
    ),
    "signoff.draft.best_worst": (
        "{best}方面表现最好，{worst}方面最为薄弱",
        "{best} was the strongest capability and {worst} the weakest",
    ),
    "signoff.draft.main_problems": (
        "共发现问题{n}项，主要有{items}",
        "{n} areas for improvement were found, chiefly {items}",
    ),
    "signoff.draft.deficiencies": (
        "其中不足项{n}项，应优先整改",
        "Deficiencies among them ({n}) are to be corrected first",
    ),
    "signoff.draft.revise_plan": (
        "部分问题源于预案本身，应据此修订预案",
        "Some of them come from the plan itself, which is to be revised accordingly",
    ),
    "signoff.draft.no_main_problems": ("未发现需要整改的问题", "No area for improvement was found"),
    "signoff.draft.open_conflicts": (
        "尚有{n}项评估人员记录冲突未裁定，定稿前应予裁定",
        "Conflicts between evaluators still open ({n}) should be settled before signing",
    ),
    # sections of the documents
    "signoff.doc.objectives": ("演练目的与目标", "Exercise Objectives"),
    "signoff.doc.no_objectives": (
        "演练设计未设定演练目标。",
        "The exercise design sets no objectives.",
    ),
    "signoff.doc.objectives_rated": ("演练目标达成情况", "Objectives and their ratings"),
    "signoff.doc.objectives_performance": (
        "演练目标与能力表现汇总",
        "Summary of Objectives and Capability Performance",
    ),
    "signoff.doc.objective": ("演练目标", "Objective"),
    "signoff.doc.capability": ("能力领域", "Capability"),
    "signoff.doc.phases": ("预案阶段", "Plan phases"),
    "signoff.doc.rating": ("评定", "Rating"),
    "signoff.doc.note": ("达成情况与说明", "Met? Lead's note"),
    "signoff.doc.criteria": ("评估标准", "Evaluation Criteria"),
    "signoff.doc.criteria_default": (
        "以预案规定的职责、处置程序和时限为评估标准，逐项对照检查。",
        "Each item was checked against the duties, procedures and time limits the plan sets.",
    ),
    "signoff.doc.team": ("评估组", "Evaluation Team"),
    "signoff.doc.post": ("职务", "Post"),
    "signoff.doc.name": ("姓名", "Name"),
    "signoff.doc.area_conclusions": ("分领域评估结论", "Conclusions by capability"),
    "signoff.doc.no_areas": ("没有检查项。", "No checklist item."),
    "signoff.doc.cause_kind": ("原因类别：", "Cause category: "),
    "signoff.doc.capability_heading": ("能力领域：{area}", "Capability: {area}"),
    "signoff.doc.rating_label": ("评定：", "Rating: "),
    "signoff.doc.objective_label": ("演练目标：", "Objective: "),
    "signoff.doc.strength_n": ("优点{n}：", "Strength {n}: "),
    "signoff.doc.improvement_n": ("问题{n}：", "Area for Improvement {n}: "),
    "signoff.doc.sign_lead": (
        "评估组长（签字）：{blank}　　（{names}）",
        "Lead evaluator (signature): {blank}    ({names})",
    ),
    "signoff.doc.sign_date": ("日期：{blank}", "Date: {blank}"),
    "signoff.doc.sign_unit": ("单位（盖章）：{unit}", "Organization (seal): {unit}"),
    "signoff.ip.capability": ("能力领域", "Capability"),
    "signoff.ip.issue": ("改进方向", "Area for Improvement"),
    "signoff.ip.action": ("纠正行动", "Corrective Action"),
    "signoff.ip.element": ("能力要素", "Capability Element"),
    "signoff.ip.organization": ("主要责任单位", "Primary Responsible Organization"),
    "signoff.ip.contact": ("联系人", "Point of Contact"),
    "signoff.ip.start": ("开始日期", "Start Date"),
    "signoff.ip.completion": ("完成日期", "Completion Date"),
    # the review screen's tab
    "review.tab.conclusions": ("结论与签发", "Conclusions and sign-off"),
    "signoff.ui.help": (
        (
            "评估结论和原因分析由评估组长定稿后写入评估文件。草稿由评估数据生成，可直接修改后保存；"
            "“恢复草稿”删除已保存的文字。文字按文件语言分别保存。"
        ),
        (
            "The evaluation lead's conclusions and cause analysis go into the documents as saved "
            "here. Drafts are made from the evaluation data: edit and save them; “Back to draft” "
            "deletes the saved text. Texts are kept per document language."
        ),
    ),
    "signoff.ui.lang": ("文字用于哪种语言的文件", "Texts for documents in"),
    "signoff.ui.read_only": (
        "只有本次演练的导调和评估组长可以编辑这些文字。",
        "Only the drill's directors and evaluation leads edit these texts.",
    ),
    "signoff.ui.conclusion": ("总体评估结论", "Overall conclusion"),
    "signoff.ui.areas": ("分领域评估结论", "Conclusions by capability"),
    "signoff.ui.area_text": (
        "本领域结论（优点、问题、目标是否达成）",
        "Conclusion (strengths, problems, objectives met or not)",
    ),
    "signoff.ui.area_cause": ("本领域原因分析", "Cause analysis for this capability"),
    "signoff.ui.causes": ("问题原因分析", "Cause analysis of each problem"),
    "signoff.ui.no_problems": ("没有需要分析原因的问题。", "No problem to analyse."),
    "signoff.ui.causes_missing": (
        "还有 {n} 个问题没有写原因分析；评估文件中这些问题只显示原因类别。",
        "{n} problems have no cause analysis yet; the documents show only their cause category.",
    ),
    "signoff.ui.cause_of": ("原因分析：{title}（{cause}）", "Cause analysis: {title} ({cause})"),
    "signoff.ui.cause_placeholder": (
        "写明问题为什么会发生：哪个环节、什么条件、预案或准备有何欠缺……",
        "Why did it happen: which step, what conditions, what the plan or preparation lacked…",
    ),
    "signoff.ui.edited": ("已由评估组长编辑", "Edited by the evaluation lead"),
    "signoff.ui.draft": (
        "草稿（由评估数据生成，尚未保存）",
        "Draft from the evaluation data (not saved yet)",
    ),
    "signoff.ui.save": ("保存", "Save"),
    "signoff.ui.reset": ("恢复草稿", "Back to draft"),
    "signoff.ui.clear": ("清除", "Clear"),
    "signoff.ui.saved": ("已保存", "Saved"),
    "signoff.ui.reset_done": ("已恢复为草稿", "Back to the draft"),
    "signoff.ui.standard_now": (
        "评估文件标准：**{standard}**",
        "Document standard: **{standard}**",
    ),
    "signoff.ui.standard_drill": ("本次演练的文件标准", "This drill's document standard"),
    "signoff.ui.follow_unit": ("按单位设置（{standard}）", "As the unit sets it ({standard})"),
    "signoff.ui.standard_unit": ("单位“{unit}”的文件标准", "Document standard of unit “{unit}”"),
    "signoff.ui.follow_plan": ("按预案语言（{standard}）", "By the plan's language ({standard})"),
    "signoff.ui.standard_saved": ("文件标准已保存", "Document standard saved"),
    "signoff.ui.doc_standard": (
        "评估报告按 {standard} 编制（在“结论与签发”中选择），语言在此选择。",
        (
            "The report follows {standard} (chosen under “Conclusions and sign-off”); choose its "
            "language here."
        ),
    ),
    "signoff.ui.doc_draft": (
        "该语言的总体评估结论仍是草稿，评估组长尚未定稿。",
        "The overall conclusion in this language is still the draft: the lead has not edited it.",
    ),
    "review.a.organization": ("责任单位", "Responsible organization"),
    "review.a.organization_help": (
        "主要责任单位；不填时写入涉及的预案角色。",
        "The primary responsible organization; left empty, the plan role concerned is used.",
    ),
    "review.a.start": ("开始日期", "Start date"),
}
