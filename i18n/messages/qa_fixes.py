"""Messages added by the fixes of the QA walk: a text file renamed to .docx, the upload limit of
the injects file, clock events in the drill workbook, the debrief without an incident type, and
the confirmations of the users page."""

MESSAGES = {
    "read.docx_not_word": (
        (
            "不是 Word 文件：“{name}”的扩展名是 .docx，内容却是纯文本，不是 Word 文档。"
            "请在 Word 中打开原文件并另存为 .docx；如果它本来就是文本，请把扩展名改为 .txt 后再上传。"
        ),
        (
            'Not a Word file: "{name}" ends in .docx but holds plain text, not a Word document. '
            "Open the original in Word and save it as .docx; if it really is text, rename it to "
            ".txt and upload again."
        ),
    ),
    "drillpage.injects_upload_help": (
        "CSV 或 Excel（.xlsx）文件，单个文件不超过 {mb} MB。",
        "A CSV or Excel (.xlsx) file, up to {mb} MB.",
    ),
    "drills.clock.event.start": ("演练开始", "Exercise started"),
    "drills.clock.event.pause": ("演练暂停", "Exercise paused"),
    "drills.clock.event.resume": ("演练继续", "Exercise resumed"),
    "drills.clock.event.end": ("演练结束", "Exercise ended"),
    "doc.debrief.happened_text_no_incident": (
        "{date}开展了本次演练，历时{minutes}分钟。",
        "On {date} the exercise ran for {minutes} min.",
    ),
    "users.confirm_disable": (
        "确定停用账户 {username}？停用后该用户无法登录，已登录的会话也将结束。",
        "Disable the account {username}? They can no longer sign in and their sessions end.",
    ),
    "users.confirm_disable_yes": ("确定停用", "Yes, disable"),
    "users.confirm_reset": (
        "确定重置 {username} 的密码？旧密码立即失效，其会话全部结束；新密码只显示一次。",
        (
            "Reset the password of {username}? The old one stops working at once and their "
            "sessions end; the new one is shown only once."
        ),
    ),
    "users.confirm_reset_yes": ("确定重置", "Yes, reset"),
    "users.confirm_no": ("取消", "Cancel"),
}
