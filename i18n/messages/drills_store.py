"""Messages of the drill store (db/drills_*.py) and the drill command line (drills/cli.py)."""

_STATUS = {
    "designing": ("设计中", "being designed"),
    "sealed": ("已封存", "sealed"),
    "running": ("进行中", "running"),
    "paused": ("已暂停", "paused"),
    "ended": ("已结束", "ended"),
}

_STATUS_REFUSALS = {
    "designing": (
        "演练尚在设计中，不能这样操作",
        "The drill is still being designed: not possible yet",
    ),
    "sealed": (
        "演练已封存、尚未开始，不能这样操作",
        "The drill is sealed and has not started: not possible yet",
    ),
    "running": ("演练正在进行，不能这样操作", "The drill is running: not possible now"),
    "paused": ("演练已暂停，不能这样操作", "The drill is paused: not possible now"),
    "ended": ("演练已结束，不能再这样操作", "The drill has ended: no longer possible"),
}

MESSAGES = {
    "drills_store.not_found": ("找不到演练 {drill_id}", "Drill {drill_id} not found"),
    "drills_store.not_director": (
        "只有本次演练的导调人员可以这样操作",
        "Only the directors of this drill can do this",
    ),
    "drills_store.not_drill_director": (
        "只有预案所属单位的演练导调人员可以在该预案上设计演练",
        "Only a drill director of the plan's unit can design a drill on this plan",
    ),
    "drills_store.not_evaluator": (
        "只有本次演练的评估人员可以这样操作",
        "Only the evaluators of this drill can do this",
    ),
    "drills_store.not_your_observation": (
        "只能以自己的名义记录，且只能撤销或更正自己的记录",
        "You can record only as yourself, and undo or correct only your own entries",
    ),
    "drills_store.version_not_published": (
        "演练只能基于已发布的预案版本（该版本状态：{status}）",
        "A drill runs on a published plan version (this version is {status})",
    ),
    "drills_store.inject_not_found": ("找不到情景注入 {inject_id}", "Inject {inject_id} not found"),
    "drills_store.item_not_found": (
        "找不到检查项 {item_id}，或它不在您负责的范围内",
        "Checklist item {item_id} not found, or not in your share",
    ),
    "drills_store.photo_not_found": ("找不到照片 {photo_id}", "Photo {photo_id} not found"),
    "drills_store.observation_not_found": ("找不到记录 {id}", "Entry {id} not found"),
    "drills_store.unknown_person": (
        "没有名为 {username} 的可用账号",
        "There is no enabled account named {username}",
    ),
    "drills_store.person_lacks_role": (
        "{username} 不能担任演练中的 {role}（缺少相应的系统角色，导调人员还须属于预案所属单位）",
        (
            "{username} cannot be {role} of the drill (they lack the system role; a director "
            "must also belong to the plan's unit)"
        ),
    ),
    "drills_store.design.empty_title": ("演练名称不能为空", "The drill needs a title"),
    "drills_store.design.bad_type": ("未知的演练形式：{value}", "Unknown drill type: {value}"),
    "drills_store.design.bad_scope": (
        "未知的演练内容范围：{value}",
        "Unknown drill scope: {value}",
    ),
    "drills_store.design.bad_phase": (
        "检查项 {item} 的阶段未知：{phase}",
        "Checklist item {item} has an unknown phase: {phase}",
    ),
    "drills_store.design.bad_minutes": (
        "{item} 的分钟数必须是不小于 0 的数：{value}",
        "{item}: minutes must be a number of at least 0: {value}",
    ),
    "drills_store.design.bad_kind": (
        "情景注入 {inject} 的类型未知：{kind}",
        "Inject {inject} has an unknown kind: {kind}",
    ),
    "drills_store.design.empty_item": (
        "检查项 {item} 缺少编号或名称",
        "Checklist item {item} needs an id and a name",
    ),
    "drills_store.design.empty_inject": (
        "情景注入 {inject} 缺少编号或标题",
        "Inject {inject} needs an id and a title",
    ),
    "drills_store.design.unknown_role": (
        "预案中没有角色 {ref}",
        "The plan has no role {ref}",
    ),
    "drills_store.observation.kind": ("未知的记录类型：{kind}", "Unknown kind of entry: {kind}"),
    "drills_store.observation.rating": ("未知的评定：{rating}", "Unknown rating: {rating}"),
    "drills_store.observation.quality": (
        "未知的质量等级：{quality}（应为 P/S/M/U）",
        "Unknown quality mark: {quality} (P/S/M/U)",
    ),
    "drills_store.observation.too_long": (
        "文字太长（最多 {limit} 字）",
        "Text too long (at most {limit} characters)",
    ),
    "drills_store.observation.happened_later": (
        "“发生时间”不能晚于记录时间",
        "“Happened at” cannot be later than the time of entry",
    ),
    "drills_store.observation.before_start": (
        "“发生时间”不能早于演练开始（T0）",
        "“Happened at” cannot be before the drill started (T0)",
    ),
    "drills_store.observation.no_rating": (
        "请选择完成情况：完成、部分完成、未完成或不适用",
        "Choose a rating: done, partly, not done or not applicable",
    ),
    "drills_store.observation.empty": (
        "记录为空：请写一句说明或附上照片",
        "The entry is empty: write a note or add a photo",
    ),
    "drills_store.observation.no_reason": (
        "更正须说明原因",
        "A correction needs a reason",
    ),
    "drills_store.observation.id_taken": (
        "记录编号 {id} 已被另一条记录使用，未保存",
        "The id {id} belongs to another entry: nothing was stored",
    ),
    "drills_store.observation.locked": (
        "演练已结束，记录已锁定：如需更正，请填写更正及原因",
        "The drill has ended and its entries are locked: record a correction with a reason",
    ),
    "drills_store.observation.amend_after_end": (
        "演练进行中不能更正：请撤销该记录后重新记录",
        "No corrections while the drill runs: undo the entry and record it again",
    ),
    "drills_store.photo.too_big": (
        "照片太大（最大 {limit_mb} MB）",
        "The photo is too big (at most {limit_mb} MB)",
    ),
    "drills_store.photo.not_an_image": (
        "文件不是照片（支持 JPEG、PNG、WebP、GIF、HEIC）",
        "The file is not a photo (JPEG, PNG, WebP, GIF or HEIC)",
    ),
    # the command line
    "drills_cli.description": (
        "演练命令行：从 JSON 文件创建演练、导出演练设计、列出演练。请在应用停止时使用。",
        (
            "The drill command line: create a drill from a JSON file, export a drill's design, "
            "list drills. Use it while the app is stopped."
        ),
    ),
    "drills_cli.help.create": (
        "从设计 JSON 文件创建演练",
        "create a drill from a design JSON file",
    ),
    "drills_cli.help.file": ("演练设计 JSON 文件", "the drill design JSON file"),
    "drills_cli.help.director": (
        "以该导调人员（账号）的身份创建",
        "create it as this drill director (account)",
    ),
    "drills_cli.help.export": ("把演练设计导出为 JSON", "write a drill's design as JSON"),
    "drills_cli.help.out": (
        "写入该文件，而不是标准输出",
        "write to this file instead of standard output",
    ),
    "drills_cli.help.export_user": (
        "以该账号的身份导出（默认：本机操作员，开始前的导出会记入揭示日志）",
        (
            "export as this account (default: the machine's operator; an export before the "
            "start goes into the reveal log)"
        ),
    ),
    "drills_cli.help.list": (
        "列出某个账号可以知道的演练",
        "list the drills an account may know of",
    ),
    "drills_cli.help.user": ("以该账号的身份", "as this account"),
    "drills_cli.help.json": ("以 JSON 输出", "print JSON"),
    "drills_cli.bad_id": (
        "演练编号应是正整数：{value}",
        "A drill id is a positive number: {value}",
    ),
    "drills_cli.bad_json": (
        "{path} 不是有效的 JSON：{detail}",
        "{path} is not valid JSON: {detail}",
    ),
    "drills_cli.problems": (
        "{path} 中的演练设计有 {n} 个问题，未创建演练：",
        "The drill design in {path} has {n} problem(s); no drill was created:",
    ),
    "drills_cli.not_director": (
        "{user} 不是该预案所属单位的演练导调人员，不能创建演练",
        "{user} is not a drill director of the plan's unit and cannot create the drill",
    ),
    "drills_cli.created": (
        "已创建演练 {drill_id}（{status}），数据库：{path}",
        "Created drill {drill_id} ({status}) in {path}",
    ),
    "drills_cli.count": ("共 {n} 个演练", "{n} drill(s)"),
    "drills_cli.app_running": (
        "应用正在运行：请先停止应用，或在应用中操作演练。（数据库 {path} 正被另一个程序使用）",
        (
            "The app is running: stop it, or work on drills in the app. (The database {path} "
            "is in use by another program.)"
        ),
    ),
    **{f"drills_store.status_{k}": v for k, v in _STATUS_REFUSALS.items()},
    **{f"drills_cli.status.{k}": v for k, v in _STATUS.items()},
}
