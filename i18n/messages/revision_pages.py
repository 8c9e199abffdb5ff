MESSAGES = {
    # The plan-revision screens (ui/revision.py): plans due, revision flags, revision record
    "revpage.due_title": ("待修订预案", "Plans due for revision"),
    "revpage.due_hint": (
        "演练发现了以下预案的缺陷（不足项）：请打开修订草稿，修改后提交审批并重新发布。",
        (
            "Drills found plan defects (deficiencies) in these plans: open a revision draft, "
            "fix it, then submit it for approval and publish it again."
        ),
    ),
    "revpage.due_row": (
        "**{title}** · 演练 #{drill} · {n} 项问题 · 自 {since} 起待修订",
        "**{title}** · drill #{drill} · {n} findings · due since {since}",
    ),
    "revpage.col_due": ("待修订", "Due for revision"),
    "revpage.open_revision": ("打开修订", "Open revision"),
    "revpage.open_existing": ("改为打开第 {number} 版", "Open version {number} instead"),
    "revpage.flags_title": (
        "修订标记：{n} 项，已处理 {done} 项",
        "Revision flags: {n}, {done} resolved",
    ),
    "revpage.flags_hint": (
        "演练发现的问题指向以下步骤和角色（表格中以 ⚑ 标出）。修改后逐项标记为已处理，并写明如何处理。",
        (
            "Drill findings point at these steps and roles (marked ⚑ in the tables). Change "
            "them, then mark each one resolved with a note on what you did."
        ),
    ),
    "revpage.flags_hint_read_only": (
        "演练发现的问题指向以下步骤和角色（表格中以 ⚑ 标出）。",
        "Drill findings point at these steps and roles (marked ⚑ in the tables).",
    ),
    "revpage.item_step": ("步骤 {id}：{name}", "Step {id}: {name}"),
    "revpage.item_role": ("角色 {id}：{name}", "Role {id}: {name}"),
    "revpage.item_removed": ("（已从本版本删除）", "(removed in this version)"),
    "revpage.state_open": ("待处理", "open"),
    "revpage.state_resolved": ("已处理", "resolved"),
    "revpage.from_drill": ("来自演练 #{drill}", "from drill #{drill}"),
    "revpage.note_shown": ("说明：{note}", "Note: {note}"),
    "revpage.note": ("处理说明", "Note"),
    "revpage.note_hint": (
        "写明如何处理（写入修订记录）",
        "What you did (goes into the revision record)",
    ),
    "revpage.resolve": ("标记为已处理", "Mark resolved"),
    "revpage.reopen": ("重新打开", "Reopen"),
    "revpage.saved": ("修订标记已保存", "Revision flag saved"),
    "revpage.col_flag": ("修订", "Revision"),
    "revpage.col_flag_help": (
        "⚑ 演练问题指向此项，待处理；✓ 已处理",
        "⚑ a drill finding points here, still open; ✓ resolved",
    ),
    "revpage.record_title": ("修订记录", "Revision record"),
    "revpage.record_hint": (
        (
            "本版本相对于其所据版本的每一处修改：修订依据（演练问题或编制人修改）、修订前后内容和批准。"
            "与导出的 Word 预案中的修订记录一致。"
        ),
        (
            "Every change of this version against the version it was revised from: why (a drill "
            "finding or the plan owner's edit), before, after and approval. The same rows as the "
            "revision record of the exported Word plan."
        ),
    ),
    "revision.flag_conflict": (
        "此标记已被他人处理（{item}），本次未保存；页面已显示最新状态",
        (
            "Someone else dealt with this flag ({item}) meanwhile; nothing was saved. The page now "
            "shows where it stands"
        ),
    ),
}
