"""Why a plan cannot be stored or an edit is refused (plans/validity.py)."""

_WHAT = {
    "role": ("角色", "role"),
    "level": ("响应级别", "response level"),
    "step": ("步骤", "step"),
    "part": ("分预案", "part"),
    "section": ("章节", "section"),
}

MESSAGES = {
    "plan.invalid.empty_title": ("预案标题不能为空", "The plan needs a title"),
    "plan.invalid.empty_role_name": ("角色 {id} 的名称不能为空", "Role {id} needs a name"),
    "plan.invalid.empty_step": (
        "步骤 {id} 的名称和原文不能都为空",
        "Step {id} needs a name or a text",
    ),
    "plan.invalid.bad_phone": (
        "角色“{name}”的联系电话“{value}”不是电话号码：只能填数字、空格、+、-、括号和分机号",
        "Role “{name}”: “{value}” is no phone number (digits, spaces, +, -, (), extension)",
    ),
    "plan.invalid.bad_duty_phone": (
        "角色“{name}”的值班电话“{value}”不是电话号码：只能填数字、空格、+、-、括号和分机号",
        "Role “{name}”: duty phone “{value}” is no phone number (digits, spaces, +, -, (), ext.)",
    ),
    "plan.invalid.parent_self": (
        "角色“{role}”不能隶属于自己",
        "Role “{role}” cannot belong to itself",
    ),
    "plan.invalid.parent_cycle": (
        "角色隶属关系形成了循环（从 {role} 开始）",
        "The role hierarchy goes round in a circle (starting at {role})",
    ),
    "plan.invalid.unknown_parent": (
        "角色“{role}”的上级不存在：{ids}",
        "The parent of role “{role}” does not exist: {ids}",
    ),
    "plan.invalid.unknown_role": (
        "步骤“{step}”引用了不存在的角色：{ids}",
        "Step “{step}” names roles that do not exist: {ids}",
    ),
    "plan.invalid.after_self": (
        "步骤“{step}”不能以自己为前置步骤或时限起点",
        "Step “{step}” cannot come after itself or count its time limit from itself",
    ),
    "plan.invalid.unknown_step": (
        "步骤“{step}”的前置步骤不存在：{ids}",
        "Step “{step}” comes after steps that do not exist: {ids}",
    ),
    "plan.invalid.unknown_level": (
        "步骤“{step}”引用了不存在的响应级别：{ids}",
        "Step “{step}” names response levels that do not exist: {ids}",
    ),
    "plan.invalid.unknown_time_from": (
        "步骤“{step}”的时限起点应为 T0（事发）、trigger（指令下达）或某个步骤编号，而不是：{ids}",
        (
            "The time limit of step “{step}” must count from T0 (the incident), trigger (the "
            "order) or a step id, not: {ids}"
        ),
    ),
    "plan.invalid.unknown_part": (
        "{item} 所属的分预案不存在：{ids}",
        "{item} belongs to a part that does not exist: {ids}",
    ),
}

for _what, (_zh, _en) in _WHAT.items():
    MESSAGES[f"plan.invalid.empty_{_what}_id"] = (
        f"每个{_zh}都需要编号",
        f"Every {_en} needs an id",
    )
    MESSAGES[f"plan.invalid.duplicate_{_what}_id"] = (
        f"{_zh}编号 {{id}} 重复出现",
        f"The {_en} id {{id}} is used more than once",
    )
