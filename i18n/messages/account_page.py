MESSAGES = {
    "nav.users": ("用户管理", "Users"),
    "nav.audit": ("审计日志", "Audit log"),
    "nav.account": ("我的账户", "My account"),
    "access.page_denied": ("您的角色无权使用此页面。", "Your role may not use this page."),
    "auth.sign_in": ("登录", "Sign in"),
    "auth.username": ("用户名", "User name"),
    "auth.password": ("密码", "Password"),
    "auth.role": ("角色", "Role"),
    "auth.demo_accounts": ("演示账户", "Demo accounts"),
    "auth.demo_hint": (
        (
            "演示模式：每种业务角色一个账户，可直接登录体验（系统管理员账户不在此列出）。"
            "正式部署请关闭演示模式（PLANDRILL_DEMO=0）。"
        ),
        (
            "Demo mode: one account per working role to try the product (the administrator "
            "account is not listed here). Turn demo mode off in production (PLANDRILL_DEMO=0)."
        ),
    ),
    "auth.signed_in_as": ("当前用户：{name}", "Signed in as {name}"),
    "auth.unit": ("单位：{unit}", "Unit: {unit}"),
    "auth.sign_out": ("退出登录", "Sign out"),
    "auth.signed_out": ("您已退出登录。", "You have signed out."),
    "auth.old_password": ("当前密码", "Current password"),
    "auth.new_password": ("新密码（至少 10 个字符）", "New password (at least 10 characters)"),
    "auth.repeat_password": ("再次输入新密码", "New password again"),
    "auth.change_password": ("修改密码", "Change password"),
    "auth.passwords_differ": ("两次输入的新密码不一致。", "The two new passwords differ."),
    "auth.must_change": (
        "首次登录或密码被重置后，请先设置您自己的密码。",
        "Please set a password of your own before you continue.",
    ),
    "auth.password_changed": ("密码已修改。", "Your password was changed."),
    "account.title": ("我的账户", "My account"),
    "account.roles": ("角色：{roles}", "Roles: {roles}"),
}
