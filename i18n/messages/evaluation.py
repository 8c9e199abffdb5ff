"""The one evaluation of a drill as every view shows it: categories, not rated areas, the process
record (undo, amendments, answers, unexpected actions, photos), conflicts between evaluators."""

MESSAGES = {
    # the one vocabulary of item results
    "eval.category.on_time": ("按时完成", "On time"),
    "eval.category.late": ("超时完成", "Late"),
    "eval.category.partly": ("部分完成", "Partly done"),
    "eval.category.not_done": ("未完成", "Not done"),
    "eval.category.na": ("不适用", "Not applicable"),
    "eval.category.not_observed": ("未观察到", "Not observed"),
    "eval.category.out_of_scope": ("不在本次演练范围", "Out of scope"),
    "draw.outcome.partly": ("部分完成", "Partly done"),
    "draw.outcome.not_done": ("未完成", "Not done"),
    "draw.outcome.na": ("不适用", "Not applicable"),
    "doc.grade.strength": ("成效", "Strength"),
    "eval.version": ("第{n}版", "version {n}"),
    "eval.not_rated": ("未评定", "Not rated"),
    "eval.counts": (
        (
            "{total}个检查项中，按时完成{on_time}项，超时完成{late}项，部分完成{partly}项，"
            "未完成{not_done}项，不适用{na}项，未观察到{not_observed}项。"
        ),
        (
            "Of {total} checklist items, {on_time} were done on time, {late} late, {partly} partly "
            "done, {not_done} not done, {na} not applicable and {not_observed} not observed."
        ),
    ),
    "eval.not_rated_note": (
        "{areas}没有可评分的记录，未评定，不计入综合得分。",
        "{areas}: nothing to score; not rated and left out of the overall score.",
    ),
    # the process record
    "eval.record.title": ("演练过程记录", "Exercise record"),
    "eval.record.intro": (
        (
            "下表按发生时间列出评估人员的全部记录，包括已撤销的记录（加删除线）、演练结束后的更正"
            "（原值、新值和原因）、对情景注入的回答和意外行动。"
        ),
        (
            "Every evaluator entry in the order things happened, undone entries (struck through), "
            "amendments after the end (original, new value and reason), answers to injects and "
            "unexpected actions included."
        ),
    ),
    "eval.record.observed": ("发生时间", "Observed"),
    "eval.record.time": ("时间", "Time"),
    "eval.record.times": (
        "{observed}（第{minute}分钟）\n记录于{recorded}",
        "{observed} (min {minute})\nrecorded {recorded}",
    ),
    "eval.record.recorded": ("记录时间", "Recorded"),
    "eval.record.evaluator": ("评估人员", "Evaluator"),
    "eval.record.what": ("事项", "Item"),
    "eval.record.result": ("结果", "Result"),
    "eval.record.quality": ("质量", "Quality"),
    "eval.record.note": ("说明", "Note"),
    "eval.record.free": ("意外行动", "Unexpected action"),
    "eval.record.answer": ("对注入“{inject}”的回答", "Answer to inject “{inject}”"),
    "eval.record.undone": ("【已撤销】{by}，{at}", "[UNDONE] {by}, {at}"),
    "eval.record.amended": (
        "【更正】{before} → {after}；原因：{reason}（{by}，{at}）",
        "[AMENDED] {before} → {after}; reason: {reason} ({by}, {at})",
    ),
    "eval.record.conflict": (
        "【记录冲突】与其他评估人员对同一检查项的记录不一致",
        "[CONFLICT] another evaluator recorded this item differently",
    ),
    "eval.record.superseded": ("已被后续记录取代", "superseded by a later entry"),
    "eval.record.overruled": ("裁定不采用", "set aside when the conflict was settled"),
    "eval.record.quality_refused": (
        "质量标记不适用于“未完成”，不予采用",
        "a quality mark does not apply to “not done”; not used",
    ),
    "eval.record.photo": ("见照片{n}", "see photo {n}"),
    "eval.record.empty": ("未记录任何观察。", "No entries were recorded."),
    "eval.record.done_by": ("执行：{role}", "done by {role}"),
    "eval.photos.title": ("现场照片", "Photographs"),
    "eval.photos.thumbs": (
        "现场照片（缩略图，原图见附件）：",
        "Photographs (thumbnails; full size in the appendix):",
    ),
    "eval.photos.caption": (
        "照片{n}：{what}（{evaluator}，{at}）",
        "Photo {n}: {what} ({evaluator}, {at})",
    ),
    "eval.photos.unreadable": (
        "照片{n}的格式无法嵌入文档",
        "Photo {n} is in a format that cannot be embedded",
    ),
    # conflicts
    "eval.conflicts.title": ("评估人员记录不一致", "Entries that disagree"),
    "eval.conflicts.none": ("各评估人员的记录没有不一致。", "No two evaluators' entries disagree."),
    "eval.conflicts.entry": ("{evaluator}记为{result}（{at}）", "{evaluator}: {result} ({at})"),
    "eval.conflicts.settled": (
        "已裁定：按“{outcome}”计；理由：{reason}（{by}）",
        "Settled: counted as “{outcome}”; reason: {reason} ({by})",
    ),
    "eval.conflicts.open": (
        "未裁定：计分暂按最后一条记录",
        "Not settled: the latest entry counts for now",
    ),
    "eval.conflicts.entries": ("各方记录", "Entries"),
    "eval.conflicts.status": ("处理情况", "Settlement"),
    # the store refuses a quality mark on "not done"
    "drills_store.observation.quality_not_done": (
        "“未完成”的记录不能带质量标记（P/S/M/U 说明完成得如何）。请去掉质量标记后再记录。",
        (
            "A “not done” entry takes no quality mark (P/S/M/U say how well something was done). "
            "Remove the mark and record it again."
        ),
    ),
    # Excel
    "eval.xlsx.item_id": ("检查项编号", "Item id"),
    "eval.xlsx.step_id": ("步骤编号", "Step id"),
    "eval.xlsx.step_name": ("步骤名称", "Step name"),
    "eval.xlsx.category": ("结果", "Result"),
    "eval.xlsx.quality": ("质量标记", "Quality mark"),
    "eval.xlsx.amended": ("更正", "Amendment"),
    "eval.xlsx.conflict": ("记录冲突", "Conflict"),
    "eval.xlsx.verification": ("验证情况", "Verification"),
    "eval.xlsx.record": ("过程记录", "Record"),
    "eval.xlsx.undone": ("已撤销", "Undone"),
    "eval.xlsx.categories": ("结果统计", "Results"),
    "eval.xlsx.count": ("项数", "Items"),
    "eval.xlsx.strength_grade": ("成效", "Strength"),
    # the review screen
    "eval.screen.categories": ("检查项结果", "Item results"),
    "eval.screen.items": ("逐项结果", "Item by item"),
    "eval.screen.record_tab": ("过程记录", "Record"),
    "eval.screen.doc_language": ("文档语言", "Document language"),
    "eval.screen.doc_language_help": (
        "默认按预案语言：中文预案按 AQ/T 9009 编写评估报告，英文预案按 HSEEP 编写 AAR/IP。",
        (
            "By default the plan's language: a Chinese plan gets the AQ/T 9009 evaluation report, "
            "an English plan the HSEEP AAR/IP."
        ),
    ),
    "eval.screen.conflicts_open": (
        "{n}个检查项的评估人员记录不一致，见“过程记录”。",
        "Evaluators disagree on {n} item(s); see “Record”.",
    ),
    "eval.lang.zh": ("中文（AQ/T 9009 评估报告）", "Chinese (AQ/T 9009 evaluation report)"),
    "eval.lang.en": ("英文（HSEEP AAR/IP）", "English (HSEEP AAR/IP)"),
}
