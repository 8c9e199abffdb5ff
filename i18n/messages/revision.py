MESSAGES = {
    # The plan-revision loop (plans/revision.py, db/revision_store.py)
    "revision.unchanged": ("未修改", "not changed"),
    "revision.removed": ("已删除", "removed"),
    "revision.rewritten": ("{field}已修改", "{field} rewritten"),
    "revision.with_note": ("{change}（说明：{note}）", "{change} (note: {note})"),
    "revision.item.step": ("步骤：{name}", "Step: {name}"),
    "revision.item.role": ("角色：{name}", "Role: {name}"),
    "revision.draft_exists": (
        "该预案已有未发布的版本（第 {number} 版），请在其中修订。",
        "The plan already has an unpublished version (version {number}): revise that one.",
    ),
    "revision.nothing_to_flag": (
        "没有与预案步骤或角色关联的预案缺陷问题，无需修订。",
        "No plan-defect finding is linked to a step or role: there is nothing to revise.",
    ),
    "revision.wrong_plan": (
        "演练 {drill_id} 不是针对预案 {plan_id} 的演练。",
        "Drill {drill_id} was not run on plan {plan_id}.",
    ),
    "revision.not_a_revision": (
        "版本 {version_id} 不是由演练问题引发的修订。",
        "Version {version_id} is not a revision opened from drill findings.",
    ),
    "revision.not_published": (
        "修订记录在版本发布后生成（当前状态：{status}）。",
        "The revision record is made once the version is published (now: {status}).",
    ),
    "revision.flag_not_found": ("找不到修订标记 {flag_id}。", "Revision flag {flag_id} not found."),
    "revision.no_published": (
        "预案 {plan_id} 没有已发布的版本。",
        "Plan {plan_id} has no published version.",
    ),
    "revision.note_required": (
        "请写明如何处理了这一项（写入修订记录），再标记为已处理。",
        "Say what you did about it (it goes into the revision record) before marking it resolved.",
    ),
}
