"""Messages of accounts and access control (access/, db/users_store.py, python -m access)."""

MESSAGES = {
    "access.denied": ("您没有执行此操作的权限", "You are not allowed to do this"),
    "access.must_change_password": (
        "请先修改初始密码，然后才能继续使用",
        "Change your initial password before you carry on",
    ),
    "access.action_leads_only": (
        "只有本次演练的导调和评估组长可以添加或修改纠正行动",
        "Only the drill's directors and evaluation leads add or change corrective actions",
    ),
    "access.action_verify": (
        "只有本次演练的导调和评估组长可以验证纠正行动（责任人只能更新进度）",
        (
            "Only the drill's directors and evaluation leads verify corrective actions "
            "(the owner updates the progress only)"
        ),
    ),
    "access.action_progress": (
        "只有纠正行动的责任人和本次演练的导调、评估组长可以更新其进度",
        (
            "Only the action's owner and the drill's directors and evaluation leads update its "
            "progress"
        ),
    ),
    "access.drill_record_only": (
        "只有本次演练的导调和评估组长（演练结束后还有本单位的监督人员）可以查看",
        (
            "Only the drill's directors and evaluation leads (after the end, also the unit's "
            "overseers) can see this"
        ),
    ),
    "access.approve_own": (
        "不能审批自己编写、修改或提交的版本：请由另一位审批人审批",
        "You cannot approve a version you wrote, edited or submitted: another approver must",
    ),
    "auth.bad_credentials": ("用户名或密码不正确", "Wrong user name or password"),
    "auth.locked": (
        "登录失败次数过多，账号已暂时锁定：请 {minutes} 分钟后再试",
        "Too many failed sign-ins: the account is locked, try again in {minutes} min",
    ),
    "auth.disabled": (
        "该账号已停用：请联系系统管理员",
        "This account is disabled: ask your administrator",
    ),
    "auth.session_ended": (
        "会话已结束（账号或密码已变更）：请重新登录",
        "Your session has ended (the account or its password changed): sign in again",
    ),
    "auth.action_refused": (
        "刚才的操作未执行，也未保存：{reason}",
        "Your last action was not carried out or saved: {reason}",
    ),
    "auth.session_expired": (
        "长时间未操作，会话已超时：请重新登录",
        "Your session timed out after a spell without activity: sign in again",
    ),
    "auth.bad_old_password": ("当前密码不正确", "The current password is wrong"),
    "auth.password_too_short": (
        "密码至少需要 {min} 个字符",
        "The password needs at least {min} characters",
    ),
    "auth.password_too_long": (
        "密码最多 {max} 个字符",
        "The password may have at most {max} characters",
    ),
    "auth.password_is_username": (
        "密码不能是用户名、姓名或其变体（加数字、符号、倒写、重复）",
        "The password must not be the user name or name, or a variant (digits, signs, reversed, twice)",
    ),
    "auth.password_unchanged": (
        "新密码不能与当前密码相同",
        "The new password must differ from the current one",
    ),
    "users.not_found": ("找不到用户 {username}", "No user {username}"),
    "users.duplicate": ("用户名 {username} 已被使用", "The user name {username} is taken"),
    "users.bad_username": (
        "用户名不能为空，最多 {max} 个字符，且不能含控制字符",
        "A user name must not be empty, have at most {max} characters and no control characters",
    ),
    "users.reserved_name": (
        "用户名 {username} 为系统保留，请换一个",
        "The user name {username} is reserved: choose another",
    ),
    "users.unknown_role": (
        "未知的角色：{roles}（可用：{known}）",
        "Unknown roles: {roles} (known: {known})",
    ),
    "users.no_roles": ("每个用户至少需要一个角色", "Every user needs at least one role"),
    "users.cannot_disable_self": (
        "不能停用自己的账号",
        "You cannot disable your own account",
    ),
    "users.last_admin": (
        "这是最后一个可用的管理员账号，不能停用或取消其管理员角色",
        "This is the last enabled administrator: it cannot be disabled or lose the admin role",
    ),
    "role.admin": ("系统管理员", "administrator"),
    "role.plan_owner": ("预案编制人", "plan owner"),
    "role.approver": ("审批人", "approver"),
    "role.drill_director": ("演练总指挥（导调）", "drill director"),
    "role.evaluation_lead": ("评估组长", "evaluation lead"),
    "role.evaluator": ("评估人员", "evaluator"),
    "role.participant": ("参演人员", "participant"),
    "role.manager": ("管理人员", "manager"),
}

MESSAGES.update(
    {
        "users_cli.description": (
            "预案演练通账号管理：创建用户、重置密码、解除锁定、停用、启用、列出用户（应用须未在运行）。",
            (
                "PlanDrill accounts: create users, reset passwords, unlock, disable, enable, list "
                "(the app must not be running)."
            ),
        ),
        "users_cli.help.users": ("管理用户账号", "manage user accounts"),
        "users_cli.help.create": ("创建用户", "create a user"),
        "users_cli.help.reset": (
            "重置密码（用户下次登录时须修改）",
            "reset a password (to be changed at next sign-in)",
        ),
        "users_cli.help.disable": (
            "停用用户（其会话随即失效）",
            "disable a user (ends their sessions)",
        ),
        "users_cli.help.enable": ("重新启用用户", "enable a user again"),
        "users_cli.help.list": ("列出全部用户", "list every user"),
        "users_cli.help.json": ("以 JSON 输出", "print JSON"),
        "users_cli.help.roles": (
            (
                "逗号分隔的角色：admin, plan_owner, approver, drill_director, evaluation_lead, "
                "evaluator, participant, manager"
            ),
            (
                "roles, comma-separated: admin, plan_owner, approver, drill_director, "
                "evaluation_lead, evaluator, participant, manager"
            ),
        ),
        "users_cli.help.unit": ("所属单位（组织）", "organisation unit"),
        "users_cli.help.display_name": ("显示名称", "display name"),
        "users_cli.help.password_stdin": (
            "从标准输入读取一行作为密码（否则随机生成并显示一次）",
            (
                "read the password from one line of standard input (else one is generated and "
                "shown once)"
            ),
        ),
        "users_cli.help.no_must_change": (
            "不要求首次登录时修改密码",
            "do not require a password change at first sign-in",
        ),
        "users_cli.created": (
            "已创建用户 {username}（角色 {roles}，单位 {unit}）",
            "Created user {username} (roles {roles}, unit {unit})",
        ),
        "users_cli.reset": (
            "已重置用户 {username} 的密码；其现有会话已失效，锁定已解除",
            "Reset the password of {username}; their sessions ended and any lock-out is lifted",
        ),
        "users_cli.disabled": ("已停用用户 {username}", "Disabled user {username}"),
        "users_cli.enabled": ("已启用用户 {username}", "Enabled user {username}"),
        "users_cli.count": ("共 {n} 个用户", "{n} users"),
        "users_cli.state.enabled": ("启用", "enabled"),
        "users_cli.state.disabled": ("已停用", "disabled"),
        "users_cli.state.must_change": ("（须改密码）", "(must change password)"),
        "users_cli.password_once": (
            "一次性密码如下（只显示这一次；首次登录时须修改）：",
            "The one-time password follows (shown only now; it must be changed at first sign-in):",
        ),
        "users_cli.password_once_keep": (
            "密码如下（只显示这一次）：",
            "The password follows (shown only now):",
        ),
        "users_cli.empty_stdin": (
            "标准输入中没有密码（--password-stdin 需要一行密码）",
            "No password on standard input (--password-stdin reads one line)",
        ),
        "users_cli.app_running": (
            "应用正在运行：请先停止应用，或在应用中管理用户。（数据库 {path} 正被另一个程序使用）",
            (
                "The app is running: stop it, or manage users in the app. (The database {path} "
                "is in use by another program.)"
            ),
        ),
        "serve.demo_on_network": (
            (
                "演示模式不能在 {address} 上运行：演示账户的密码是公开的，任何能连到这个地址的人都能登录。"
                "请只在本机使用演示模式（默认地址 127.0.0.1），或设置 PLANDRILL_DEMO=0 以正式模式运行；"
                "确实要在网络上演示时，设置 PLANDRILL_DEMO_ON_NETWORK=1。"
            ),
            (
                "Demo mode does not run on {address}: the demo accounts' passwords are public, so "
                "anyone who reaches this address could sign in. Use demo mode on this machine only "
                "(the default address 127.0.0.1), or set PLANDRILL_DEMO=0 to run for real; to demo "
                "on a network all the same, set PLANDRILL_DEMO_ON_NETWORK=1."
            ),
        ),
        "bootstrap.admin_created": (
            "已创建管理员账号 admin，一次性密码：{password}（首次登录时须修改）",
            (
                "Created the administrator account admin, one-time password: {password} (it "
                "must be changed at first sign-in)"
            ),
        ),
    }
)

MESSAGES.update(
    {
        "auth.password_weak": (
            "密码太容易被猜中（常见密码、单词、键盘顺序、日期或您的姓名）：请用几个不相关的词加数字或符号",
            (
                "This password is too easy to guess (a common password, word, keyboard pattern, "
                "date or your own name): use a few unrelated words with digits or signs"
            ),
        ),
        "auth.address_locked": (
            "从您所在网络地址登录失败的次数过多，已暂时禁止从此地址登录：请 {minutes} 分钟后再试",
            (
                "Too many failed sign-ins from your network address: sign-ins from it are "
                "blocked, try again in {minutes} min"
            ),
        ),
        "users_cli.help.unlock": (
            "解除用户的登录锁定（来自所有地址）",
            "end a user's sign-in lock-outs (from every address)",
        ),
        "users_cli.unlocked": (
            "已解除用户 {username} 的登录锁定（{n} 个地址）",
            "Ended the sign-in lock-outs of {username} ({n} addresses)",
        ),
        "users_cli.not_locked": ("用户 {username} 未被锁定", "{username} is not locked out"),
    }
)
