MESSAGES = {
    "evaluate.details_help": (
        (
            "质量、发生时间和执行者随您下一次点选结果一起保存。备注和照片也随下一次点选保存，"
            "或点下方“保存备注和照片”立即单独保存（不改变已记录的结果）。"
        ),
        (
            "Quality, time and who are stored with your next result tap. The note and photo go "
            "with that tap too, or save them now with “Save note and photo” below (the recorded "
            "result stays as it is)."
        ),
    ),
    "evaluate.save_details": ("保存备注和照片", "Save note and photo"),
    "evaluate.details_empty": ("请先填写备注或选择照片。", "Write a note or choose a photo first."),
    "evaluate.details_saved": ("备注已保存", "Note saved"),
    "evaluate.pending": (
        "尚未保存：{what}。将随下一次点选结果保存。",
        "Not stored yet: {what}. Stored with your next result tap.",
    ),
    "evaluate.pending_note": (
        "尚未保存：{what}。将随下一次点选结果保存，或在“详情”中点“保存备注和照片”。",
        "Not stored yet: {what}. Stored with your next result tap, or use “Save note and photo”.",
    ),
    "evaluate.pending.quality": ("质量 {mark}", "quality {mark}"),
    "evaluate.pending.ago": ("{minutes} 分钟前", "{minutes} min ago"),
    "evaluate.pending.by": ("执行者 {role}", "done by {role}"),
    "evaluate.pending.note": ("备注", "note"),
    "evaluate.pending.photo": ("照片", "photo"),
    "evaluate.notes_saved": ("已保存备注 {n} 条", "Notes saved: {n}"),
    "evaluate.full_name": ("显示完整名称", "Show the full name"),
    "evaluate.free_empty": (
        "请先写下发生了什么（或附上照片）再记录。",
        "Write what happened (or add a photo) before recording it.",
    ),
    "evaluate.free_recorded": ("已记录意外情况", "Unexpected action recorded"),
    "evaluate.photo_only": ("照片", "photo"),
    "console.status.designing": ("设计中", "Designing"),
    "console.status.sealed": ("已封存", "Sealed"),
    "console.status.running": ("进行中", "Running"),
    "console.status.paused": ("已暂停", "Paused"),
    "console.status.ended": ("已结束", "Ended"),
    "console.button.start": ("开始", "Start"),
    "console.button.pause": ("暂停", "Pause"),
    "console.button.resume": ("继续", "Resume"),
    "console.button.end": ("结束", "End"),
    "console.legend.done": ("已完成", "Done"),
    "console.legend.partly": ("部分完成", "Partly done"),
    "console.legend.not_done": ("未完成", "Not done"),
    "console.legend.na": ("不适用", "Not applicable"),
    "console.legend.not_observed": ("未观察到", "Not observed"),
    "console.legend.note": ("观察或回答", "Note or answer"),
    "console.legend.undo": ("撤销", "Undo"),
    "console.legend.clock": ("导调事件", "Clock event"),
    "console.legend.inject": ("情景注入", "Inject"),
    "console.event.start": ("演练开始", "Drill started"),
    "console.event.pause": ("暂停", "Paused"),
    "console.event.resume": ("继续", "Resumed"),
    "console.event.end": ("结束", "Ended"),
    "console.tip.lane": ("角色或类别", "Role or lane"),
    "console.tip.what": ("内容", "What"),
    "console.tip.by": ("记录人", "By"),
    "evaluate.photo_limit": (
        "照片不超过 {mb} MB（JPEG、PNG、WebP）",
        "Photos up to {mb} MB (JPEG, PNG, WebP)",
    ),
}
