"""Messages of the command line (plans/cli.py)."""

MESSAGES = {
    "cli.help.description": (
        "预案演练通命令行：导入预案文档、检查预案 JSON、导出演示预案。",
        "PlanDrill command line: import plan documents, check plan JSON, write the demo plans.",
    ),
    "cli.help.lang": (
        "提示信息的语言（默认取 PLANDRILL_LANG，否则中文）",
        "language of the messages (default: PLANDRILL_LANG, else Chinese)",
    ),
    "cli.help.import": (
        "导入预案文档（.docx、含文字的 PDF、.txt、.md），输出预案 JSON",
        "import a plan document (.docx, PDF with text, .txt, .md) and print the plan JSON",
    ),
    "cli.help.chart": (
        "把预案流程图的各个视图写成 SVG 文件，并写出 index.json 目录",
        "write the plan's flow chart views as SVG files, listed in index.json",
    ),
    "cli.help.chart_file": (
        "预案文档（.docx、PDF、.txt、.md）或预案 JSON",
        "a plan document (.docx, PDF, .txt, .md) or a plan JSON file",
    ),
    "cli.help.chart_out": ("写入视图的文件夹", "the folder to write the views to"),
    "cli.chart_wrote": (
        "已写出 {n} 个流程图视图到 {path}",
        "Wrote {n} chart views to {path}",
    ),
    "cli.help.file": ("要导入的预案文档", "the plan document to import"),
    "cli.help.out": (
        "把预案 JSON 写入此文件，而不是标准输出",
        "write the plan JSON to this file instead of standard output",
    ),
    "cli.help.save": (
        "同时作为草稿保存到数据库（应用须未在运行）",
        "also store it as a draft in the database (the app must not be running)",
    ),
    "cli.help.db": ("数据库文件（默认取 PLANDRILL_DB）", "database file (default: PLANDRILL_DB)"),
    "cli.help.user": (
        "以此用户的身份保存（--save 时必填；预案归入该用户的单位）",
        "save as this user (required with --save; the plan joins that user's unit)",
    ),
    "cli.help.unit": (
        "预案所属单位（仅管理员可指定其他单位；默认取该用户的单位）",
        "the plan's unit (only an admin may give another; default: the user's unit)",
    ),
    "cli.save_needs_user": (
        "--save 需要 --user 用户名：预案以该用户的身份保存，并归入其所属单位",
        "--save needs --user USERNAME: the plan is saved as that user, in that user's unit",
    ),
    "cli.user_cannot_import": (
        "用户 {user} 不能导入预案到该单位：需要“预案编制人”角色和所属单位（或管理员角色）",
        (
            "User {user} may not import plans into this unit: it takes the plan_owner role and "
            "a unit (or the admin role)"
        ),
    ),
    "cli.help.check": (
        "检查预案 JSON 文件，列出全部问题",
        "check a plan JSON file and list every problem",
    ),
    "cli.help.json_file": (
        "预案 JSON 文件（import 命令的输出）",
        "a plan JSON file (what import prints)",
    ),
    "cli.help.json": ("以 JSON 输出问题列表", "print the findings as JSON"),
    "cli.help.demo": (
        "把演示预案（中文、英文 .docx）写入文件夹",
        "write the demo plans (Chinese and English .docx) into a folder",
    ),
    "cli.help.folder": ("目标文件夹", "the folder to write into"),
    "cli.summary": (
        "识别出 {roles} 个角色、{levels} 个响应级别、{steps} 个步骤",
        "Found {roles} roles, {levels} response levels and {steps} steps",
    ),
    "cli.saved": (
        "已保存为草稿：预案编号 {plan_id}，版本 {version_id}（数据库 {path}）",
        "Saved as a draft: plan id {plan_id}, version {version_id} (database {path})",
    ),
    "cli.wrote": ("已写入 {path}", "Wrote {path}"),
    "cli.app_running": (
        "应用正在运行：请先停止应用，或在应用中导入。（数据库 {path} 正被另一个程序使用）",
        (
            "The app is running: stop it, or import in the app. (The database {path} is in use "
            "by another program.)"
        ),
    ),
    "cli.one_writer": (
        (
            "DuckDB 数据库文件同一时间只能由一个程序写入。若要在应用运行时使用命令行，"
            "请改用 PostgreSQL（设置 PLANDRILL_DATABASE_URL，见 README“Several instances on PostgreSQL”）。"
        ),
        (
            "A DuckDB file can be written by one program at a time. To run the command lines "
            "beside the running app, use PostgreSQL (PLANDRILL_DATABASE_URL; see the README, "
            "“Several instances on PostgreSQL”)."
        ),
    ),
    "cli.duplicate": (
        "这份文件已经导入过（预案编号 {plan_id}《{title}》），没有重复保存。",
        "This file was imported before (plan id {plan_id}, “{title}”); nothing was saved again.",
    ),
    "cli.file_missing": ("找不到文件：{path}", "File not found: {path}"),
    "cli.not_a_file": ("{path} 是文件夹，请给出文件", "{path} is a folder: give a file"),
    "cli.cannot_read": ("无法读取 {path}：{detail}", "Cannot read {path}: {detail}"),
    "cli.cannot_write": ("无法写入 {path}：{detail}", "Cannot write {path}: {detail}"),
    "cli.bad_json": (
        "{path} 不是有效的预案 JSON：{detail}",
        "{path} is not valid plan JSON: {detail}",
    ),
    "cli.json_not_object": ("最外层应是一个对象 {{…}}", "the top level must be an object {{…}}"),
    "cli.no_findings": ("未发现问题", "No problems found"),
    "cli.findings": ("共 {n} 条检查结果", "{n} findings"),
    "cli.severity.error": ("错误", "error"),
    "cli.severity.warning": ("警告", "warning"),
    "cli.severity.info": ("提示", "note"),
    "cli.internal": (
        "程序内部出错（{detail}）。请把这条信息告诉维护人员；设置 PLANDRILL_DEBUG=1 可查看详细信息。",
        (
            "Internal error ({detail}). Please pass this on to the maintainers; set PLANDRILL_DEBUG=1 "
            "for details."
        ),
    ),
}
