MESSAGES = {
    "evaluate.none": (
        "目前没有需要您评估的进行中的演练。",
        "There is no running drill for you to evaluate.",
    ),
    "evaluate.caption": (
        "{status} · 已记录 {done}/{total} 项",
        "{status} · {done} of {total} items recorded",
    ),
    "evaluate.paused": (
        "演练已暂停：仍可补录，记录时间按实际发生时间填写。",
        "The drill is paused: you can still catch up; set when it happened.",
    ),
    "evaluate.ended": ("演练已结束：记录已锁定。", "The drill has ended: the record is locked."),
    "evaluate.undo": ("撤销上一条记录（{name}）", "Undo my last entry ({name})"),
    "evaluate.next": ("接下来应做的", "Expected next"),
    "evaluate.all_recorded": ("您负责的项目都已记录。", "Every item of yours is recorded."),
    "evaluate.by_phase": ("按阶段查看全部项目", "All items by phase"),
    "evaluate.free": ("意外情况或额外行动", "Unexpected actions"),
    "evaluate.limit": ("时限 {minutes} 分钟", "within {minutes} min"),
    "evaluate.current": ("已记录：{rating}", "Recorded: {rating}"),
    "evaluate.details": ("质量、时间、执行者、备注、照片", "Quality, time, who, note, photo"),
    "evaluate.quality": ("质量评定（可选）", "Quality mark (optional)"),
    "evaluate.minutes_ago": (
        "几分钟前发生（补录时填写）",
        "Happened minutes ago (when catching up)",
    ),
    "evaluate.done_by": ("执行者", "Done by"),
    "evaluate.note": ("备注", "Note"),
    "evaluate.photo": ("照片（拍照或选择文件）", "Photo (camera or file)"),
    "evaluate.recorded": ("已记录", "Recorded"),
    "evaluate.not_recorded": ("未记录，请重试：{reason}", "Not recorded, try again: {reason}"),
    "evaluate.free_note": ("发生了什么", "What happened"),
    "evaluate.page": ("页码（共 {pages} 页）", "Page (of {pages})"),
    "evaluate.answers": ("任务卡与提问", "Task cards and questions"),
    "evaluate.answer": ("听到的回答/执行情况", "The answer given / what was done"),
    "evaluate.amend": ("修正记录（保留原记录）", "Amend an entry (the original is kept)"),
    "evaluate.amend_which": ("要修正的记录", "Entry to amend"),
    "evaluate.amend_reason": ("修正原因（必填）", "Reason (required)"),
    "evaluate.amend_save": ("保存修正", "Save the amendment"),
    "evaluate.amend_needs_reason": ("请填写修正原因。", "Please give a reason."),
    "evaluate.connection_hint": (
        (
            "只有显示“已记录”的点击才已保存到服务器。断网时点击照样有效：记录先保存在本机，"
            "显示为“待发送”，连接恢复后自动发送，时间按点击时刻记，请勿重复点击。"
        ),
        (
            "Only taps shown as “Recorded” are stored on the server. Taps made offline count: "
            "they are kept on this device as “waiting to be sent” and sent by themselves once the "
            "connection is back, with the time of the tap. Do not tap them again."
        ),
    ),
    "evaluate.free_save": ("记录", "Record"),
    "participate.none": ("目前没有发给您的演练信息。", "There are no drill messages for you."),
    "participate.no_messages": ("还没有发给您的信息。", "No messages for you yet."),
}
