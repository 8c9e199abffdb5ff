"""Messages of `python -m db copy`: copying a database into another engine and checking it."""

MESSAGES = {
    "db_cli.description": (
        "数据库命令：把一个数据库（DuckDB 文件或 postgresql:// 地址）的全部数据复制到另一个。",
        (
            "Database commands: copy all data of one database (a DuckDB file or a postgresql:// "
            "URL) into another."
        ),
    ),
    "db_cli.help.copy": (
        "把全部数据复制到一个空的数据库，并逐表核对行数和内容哈希",
        "copy all data into an empty database, then check row counts and a content hash per table",
    ),
    "db_cli.help.from": (
        "来源：DuckDB 文件路径或 postgresql:// 地址（只读打开）",
        "the source: a DuckDB file path or a postgresql:// URL (opened read-only)",
    ),
    "db_cli.help.to": (
        "目标：DuckDB 文件路径或 postgresql:// 地址；必须为空（会先执行迁移）",
        (
            "the target: a DuckDB file path or a postgresql:// URL; must be empty (it is migrated "
            "first)"
        ),
    ),
    "db_copy.target_not_empty": (
        "目标数据库已有数据（表：{tables}），未复制任何内容。请使用一个新的空数据库作为目标。",
        (
            "The target database already holds data (tables: {tables}); nothing was copied. Use a "
            "new, empty database as the target."
        ),
    ),
    "db_copy.schema_differs": (
        (
            "两个数据库的结构版本不同（来源 {source}，目标 {target}），未复制任何内容。"
            "请先用同一版本的程序打开两者。"
        ),
        (
            "The two databases are at different schema versions (source {source}, target "
            "{target}); nothing was copied. Open both with the same version of the app first."
        ),
    ),
    "db_copy.same_database": (
        "来源和目标是同一个数据库：{target}",
        "The source and the target are the same database: {target}",
    ),
    "db_copy.copying": ("正在复制 {source} → {target} …", "Copying {source} → {target} …"),
    "db_copy.copied": (
        "已复制 {rows} 行，共 {tables} 张表；正在核对……",
        "Copied {rows} rows in {tables} tables; checking…",
    ),
    "db_copy.column.table": ("表", "table"),
    "db_copy.column.rows": ("行数（来源/目标）", "rows (source/target)"),
    "db_copy.column.hash": ("内容哈希", "content hash"),
    "db_copy.column.match": ("一致", "match"),
    "db_copy.match": ("是", "yes"),
    "db_copy.mismatch": ("否", "NO"),
    "db_copy.equal": (
        "两个数据库的每张表行数和内容都一致。",
        "Every table has the same rows and content in both databases.",
    ),
    "db_copy.differs": (
        "有 {count} 张表不一致：{tables}。请勿使用目标数据库，检查后重新复制到一个新的空数据库。",
        (
            "{count} tables differ: {tables}. Do not use the target; investigate, then copy again "
            "into a new, empty database."
        ),
    ),
}
