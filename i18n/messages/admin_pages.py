MESSAGES = {
    "users.search_hint": ("用户名、姓名或单位", "User name, name or unit"),
    "users.display_name": ("姓名", "Name"),
    "users.unit": ("单位", "Unit"),
    "users.state": ("状态", "State"),
    "users.state_active": ("正常", "Active"),
    "users.state_disabled": ("已停用", "Disabled"),
    "users.last_login": ("最近登录", "Last sign-in"),
    "users.create": ("新建用户", "New user"),
    "users.edit": ("修改用户", "Change a user"),
    "users.pick": ("选择用户", "Choose a user"),
    "users.save": ("保存角色和单位", "Save roles and unit"),
    "users.enable": ("启用账户", "Enable the account"),
    "users.disable": ("停用账户", "Disable the account"),
    "users.reset": ("重置密码", "Reset the password"),
    "users.password_once": (
        "用户 {username} 的一次性密码：{password} —— 只显示这一次，请安全地转交；对方首次登录时须修改。",
        (
            "One-time password of {username}: {password} (shown only now: pass it on safely; it must "
            "be changed at first sign-in)."
        ),
    ),
    "audit.hint": ("按用户、操作、对象或内容搜索", "Search user, action, object or content"),
    "audit.entity": ("对象", "Object"),
    "audit.plan": ("预案", "Plan"),
    "audit.version": ("版本", "Version"),
    "audit.user": ("用户", "User"),
    "audit.drill": ("演练", "Drill"),
    "audit.observation": ("观察记录", "Observation"),
    "audit.since": ("起始日期", "From"),
    "audit.until": ("截止日期", "Until"),
    "audit.count": ("共 {n} 条记录（最多显示 500 条）", "{n} entries (at most 500 shown)"),
    "audit.at": ("时间", "Time"),
    "audit.action": ("操作", "Action"),
    "audit.before": ("修改前", "Before"),
    "audit.after": ("修改后", "After"),
    "audit.detail": ("说明", "Detail"),
    "audit.export": ("导出 CSV", "Export CSV"),
    "audit.action.plan.import": ("导入预案", "import a plan"),
    "audit.action.plan.delete": ("删除预案", "delete a plan"),
    "audit.action.plan.restore": ("恢复预案", "restore a plan"),
    "audit.action.plan.set_unit": ("变更预案单位", "move a plan to a unit"),
    "audit.action.version.save": ("保存草稿", "save a draft"),
    "audit.action.version.submit": ("提交审核", "submit for review"),
    "audit.action.version.approve": ("审批发布", "approve and publish"),
    "audit.action.version.return": ("退回修改", "return to draft"),
    "audit.action.version.new_draft": ("新建草稿", "new draft"),
    "audit.action.user.create": ("新建用户", "create a user"),
    "audit.action.user.update": ("修改用户", "change a user"),
    "audit.action.user.disable": ("停用用户", "disable a user"),
    "audit.action.user.enable": ("启用用户", "enable a user"),
    "audit.action.user.reset_password": ("重置密码", "reset a password"),
    "audit.action.user.change_password": ("修改本人密码", "change own password"),
    "audit.action.user.unlock": ("解除登录锁定", "end sign-in lock-outs"),
    "audit.action.signin.locked": ("登录失败锁定", "sign-in lock-out"),
    "audit.action.signin.address_locked": ("网络地址登录锁定", "sign-in lock-out of an address"),
    "audit.signin": ("登录", "Sign-in"),
    "users.locked": (
        "该账号因登录失败被锁定：{addresses}（最晚至 {until}）",
        "Locked out after failed sign-ins: {addresses} (until {until} at the latest)",
    ),
    "users.address_unknown": ("本机或未知地址", "this machine or an unknown address"),
    "users.unlock": ("解除锁定", "End the lock-out"),
    "users.unlocked": ("已解除 {username} 的登录锁定", "Ended the lock-out of {username}"),
    "plans.pick_placeholder": ("请选择…", "Choose…"),
}

# Units (pages/units.py), the first-start checklist (ui/setup.py) and the import's unit choice.
MESSAGES.update(
    {
        "nav.units": ("组织单位", "Units"),
        "units.help": (
            (
                "单位决定谁能看到哪些预案：账户只能看到本单位的预案。先建立单位，再把账户放进单位、"
                "把预案移到单位。"
            ),
            (
                "Units decide who sees which plans: an account reaches only its own unit's plans. "
                "Create the units, then put accounts in them and move plans to them."
            ),
        ),
        "units.name": ("单位名称", "Unit name"),
        "units.create": ("新建单位", "New unit"),
        "units.created": ("已建立单位 {unit}", "Created the unit {unit}"),
        "units.users": ("账户数", "Accounts"),
        "units.plans": ("预案数", "Plans"),
        "units.pick": ("选择单位", "Choose a unit"),
        "units.people_tab": ("人员", "People"),
        "units.plans_tab": ("预案", "Plans"),
        "units.members_none": ("这个单位还没有账户。", "No account is in this unit yet."),
        "units.assign_users": ("要放入本单位的账户", "Accounts to put in this unit"),
        "units.assign": ("放入本单位", "Put in this unit"),
        "units.assigned": ("{n} 个账户已放入 {unit}", "{n} accounts put in {unit}"),
        "units.plans_none": ("这个单位还没有预案。", "No plan belongs to this unit yet."),
        "units.move_plans": ("要移到本单位的预案", "Plans to move to this unit"),
        "units.move": ("移到本单位", "Move to this unit"),
        "units.moved": ("{n} 份预案已移到 {unit}", "{n} plans moved to {unit}"),
        "units.move_help": (
            "预案连同所有版本一起移动；已经进行的演练仍属于组织它的单位。",
            (
                "A plan moves with all its versions; drills already held stay with the unit that "
                "held them."
            ),
        ),
        "units.none": ("（无单位）", "(no unit)"),
        "units.bad_name": (
            "单位名称不能为空，最多 {max} 个字符，且不能含控制字符",
            (
                "A unit name must not be empty and has at most {max} characters, none of them "
                "control characters"
            ),
        ),
        "units.duplicate": ("单位“{unit}”已经存在", "The unit “{unit}” already exists"),
        "units.not_found": (
            "找不到单位“{unit}”：请先在“组织单位”页面建立它",
            "There is no unit “{unit}”: create it on the Units page first",
        ),
        "audit.unit": ("单位", "Unit"),
        "audit.action.unit.create": ("新建单位", "create a unit"),
        "import.unit": ("存入单位", "Store in unit"),
        "import.unit_first": (
            "请先在“组织单位”页面建立一个单位：不属于任何单位的预案，除管理员外谁都看不到。",
            (
                "Create a unit on the Units page first: a plan in no unit is seen by nobody but "
                "administrators."
            ),
        ),
        "setup.title": ("首次设置", "First-time setup"),
        "setup.progress": (
            "已完成 {done}/{total} 项；全部完成后，本清单不再显示。",
            "{done} of {total} done; this list goes away once all are done.",
        ),
        "setup.units": ("建立单位", "Create the units"),
        "setup.units_help": (
            "每个账户和每份预案都属于一个单位，同一单位的人才能看到彼此的预案。",
            (
                "Every account and every plan belongs to a unit; people see the plans of their "
                "own unit."
            ),
        ),
        "setup.people": (
            "建立账户：至少一名预案编制人和一名审批人，并放入单位",
            "Create accounts: at least one plan owner and one approver, each in a unit",
        ),
        "setup.people_help": (
            "在“用户管理”页面建立；每个一次性密码只显示一次，请安全地转交。",
            "On the Users page; each one-time password is shown once: pass it on safely.",
        ),
        "setup.accounts_unit": ("每个账户都属于一个单位", "Every account is in a unit"),
        "setup.accounts_unit_help": (
            "没有单位的账户看不到任何预案：{names}",
            "Accounts without a unit see no plan: {names}",
        ),
        "setup.plans": ("每份预案都属于一个单位", "Every plan belongs to a unit"),
        "setup.plans_help": (
            "有 {n} 份预案不属于任何单位，除管理员外谁都看不到：在“组织单位”页面把它们移到单位。",
            (
                "{n} plans belong to no unit, so nobody but administrators sees them: move them "
                "to a unit on the Units page."
            ),
        ),
        "setup.network": (
            (
                "让其他电脑访问：应用默认只在本机（127.0.0.1）监听；"
                "请按 README 的说明，通过带 TLS 的反向代理对外提供服务。"
            ),
            (
                "To let other computers in: the app listens on this machine only (127.0.0.1) by "
                "default; serve it through a reverse proxy with TLS as the README describes."
            ),
        ),
    }
)
