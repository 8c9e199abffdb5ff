"""Messages of the forms that never overwrite (ui/edit_guard.py), the drill roster, the
participant's live screen and the due dates of corrective actions."""

MESSAGES = {
    "guard.changed_meanwhile": (
        "有人在您打开此表单后保存了新的内容。您的保存不会覆盖对方的修改：请先载入最新内容，再修改。",
        (
            "Someone saved new content after you opened this form. Your save will not overwrite "
            "their changes: load the latest content first, then edit again."
        ),
    ),
    "guard.reload": ("载入最新内容（放弃我的修改）", "Load the latest (drop my changes)"),
    "drills_store.roster_conflict": (
        (
            "未保存：在您打开参演人员表单后，{updated_by} 已修改了参演人员名单。"
            "名单没有被覆盖：请载入最新名单后再修改。"
        ),
        (
            "Not saved: {updated_by} changed the list of participants after you opened the "
            "form. Nothing was overwritten: load the latest list, then make your change again."
        ),
    ),
    "drills_store.design_conflict": (
        (
            "未保存：在您打开演练设计后，{updated_by} 已修改了它（您基于第 {expected} 次修订，"
            "当前为第 {actual} 次）。没有覆盖任何内容：请载入最新内容后再修改。"
        ),
        (
            "Not saved: {updated_by} changed the drill design after you opened it (you started "
            "from revision {expected}, it is now at {actual}). Nothing was overwritten: load "
            "the latest, then make your change again."
        ),
    ),
    "users.changed_meanwhile": (
        "未保存：在您打开表单后，{updated_by} 已修改了账号 {username}。没有覆盖任何内容：请载入最新内容后再修改。",
        (
            "Not saved: {updated_by} changed the account {username} after you opened the form. "
            "Nothing was overwritten: load the latest, then make your change again."
        ),
    ),
    "downloads.prepare_help": (
        "先生成文件，再点击同一位置的按钮下载",
        "Makes the file first; then click the button in the same place to download it",
    ),
    "downloads.preparing": ("正在生成文件…", "Making the file…"),
    "roster.saved": (
        "已保存参演人员（仅修改过的角色）",
        "Participants saved (only the roles changed)",
    ),
    "roster.unchanged": ("没有修改，未保存任何内容", "Nothing changed, nothing was saved"),
    "participate.started": ("演练已开始", "The drill has started"),
    "findings_store.finding_conflict": (
        "问题“{title}”已被他人修改，请重新载入后再保存",
        "The finding “{title}” was changed by someone else: reload it and save again",
    ),
    "findings_store.action_conflict": (
        "纠正行动“{title}”已被他人修改，请重新载入后再保存",
        "The corrective action “{title}” was changed by someone else: reload it and save again",
    ),
    "findings.action.due_before_drill": (
        "纠正行动“{action}”的完成期限 {due} 早于演练日期 {drill_day}：请填写演练之后的日期",
        (
            "The corrective action “{action}” is due on {due}, before the drill ({drill_day}): "
            "give a date after the drill"
        ),
    ),
    "findings.action.due_in_past": (
        "纠正行动“{action}”的完成期限 {due} 已经过去（今天是 {today}）：请填写今天或以后的日期",
        (
            "The corrective action “{action}” is due on {due}, which has passed (today is "
            "{today}): give today or a later date"
        ),
    ),
    "review.a.due_flag": (
        "期限早于演练或已过去：{names}",
        "Due before the drill or already past: {names}",
    ),
}
