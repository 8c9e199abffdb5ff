"""Messages of the database layer (db/): errors a plan owner may meet."""

MESSAGES = {
    "db.error": ("数据库出错：{detail}", "Database error: {detail}"),
    "db.constraint": (
        "数据不符合数据库的约束，未保存任何内容：{detail}",
        "The data breaks a database rule; nothing was saved: {detail}",
    ),
    "db.locked": (
        "数据库正被另一个程序（通常是正在运行的应用）使用：请先停止应用，或在应用中操作",
        (
            "The database is in use by another program (usually the running app): "
            "stop the app, or use the app instead"
        ),
    ),
    "db.missing": ("数据库文件不存在：{path}", "The database file does not exist: {path}"),
    "db.folder_not_private": (
        (
            "数据库所在的文件夹 {folder} 其他用户也能访问，而其中还有别的文件（或它属于另一个用户），"
            "所以程序不会自动把它改为私有。请把数据库放在只供本程序使用的文件夹里（PLANDRILL_DB），"
            "或执行 chmod 700 {folder} 后再启动。"
        ),
        (
            "The database's folder {folder} is open to other users and holds other files too (or "
            "belongs to another user), so it is not made private automatically. Put the database "
            "in a folder of its own (PLANDRILL_DB), or run chmod 700 {folder}, and start again."
        ),
    ),
    "db.file_not_private": (
        (
            "数据库文件 {path} 其他用户也能读取，且无法改为私有（它属于另一个用户）。"
            "请以文件所有者的身份运行程序，或执行 chmod 600 {path} 后再启动。"
        ),
        (
            "The database file {path} is readable by other users and cannot be made private (it "
            "belongs to another user). Run the program as the file's owner, or run chmod 600 "
            "{path}, and start again."
        ),
    ),
    "db.schema_outdated": (
        "数据库结构需要升级（待执行 {pending}），但它以只读方式打开：请以可写方式启动一次应用",
        (
            "The database needs upgrading ({pending} pending) but was opened read-only: "
            "start the app once with write access"
        ),
    ),
    "db.schema_newer": (
        "数据库由更新版本的程序创建（结构版本 {found}，本程序只认识到 {known}）：请升级程序",
        (
            "The database was written by a newer release (schema {found}, this release "
            "knows up to {known}): upgrade the program"
        ),
    ),
    "db.not_found": ("找不到要找的内容", "Not found"),
    "db.plan_not_found": (
        "预案 {plan_id} 不存在或已删除",
        "Plan {plan_id} does not exist or was deleted",
    ),
    "db.version_not_found": ("版本 {version_id} 不存在", "Version {version_id} does not exist"),
    "db.duplicate_document": (
        "这份文件已导入过，对应预案《{title}》：可打开它继续编辑，或确认仍要再导入一份",
        (
            "This file was already imported, as the plan “{title}”: open that plan, "
            "or confirm that you want a second copy"
        ),
    ),
    "db.duplicate_document_deleted": (
        (
            "这份文件已导入过，对应预案《{title}》，但该预案已删除："
            "可在预案列表中恢复，或确认仍要再导入一份"
        ),
        (
            "This file was already imported, as the plan “{title}”, which has since been "
            "deleted: restore it from the plans list, or confirm that you want a new copy"
        ),
    ),
    "db.version_conflict": (
        (
            "保存失败：在您编辑期间，{updated_by} 已修改了此版本"
            "（您基于第 {expected} 次修订，当前为第 {actual} 次）。"
            "您的修改没有覆盖任何内容：请重新加载后再修改"
        ),
        (
            "Not saved: {updated_by} changed this version while you were editing (you "
            "started from revision {expected}, it is now at {actual}). Nothing was "
            "overwritten: reload, then make your changes again"
        ),
    ),
    "db.write_conflict": (
        "其他人正在同时修改同一内容，本次操作未生效：请重新加载后再试",
        (
            "Someone else changed the same thing at the same moment, so this did not "
            "take effect: reload and try again"
        ),
    ),
    "db.read_only_version": (
        "第 {number} 版不是草稿，不能修改：已发布的版本只读，请基于它新建草稿",
        (
            "Version {number} is not a draft and cannot be changed: published versions "
            "are read-only, start a new draft from it"
        ),
    ),
    "db.invalid_transition": (
        "第 {number} 版当前的状态不允许这一操作",
        "Version {number} cannot do this in its current status",
    ),
    "db.transition.submit": (
        "只有草稿可以提交审核（第 {number} 版不是草稿）",
        "Only a draft can be submitted for review (version {number} is not a draft)",
    ),
    "db.transition.return": (
        "只有审核中的版本可以退回修改（第 {number} 版不在审核中）",
        "Only a version in review can be returned to draft (version {number} is not in review)",
    ),
    "db.transition.approve": (
        "只有审核中的版本可以审批发布（第 {number} 版不在审核中）",
        "Only a version in review can be approved (version {number} is not in review)",
    ),
    "db.unwaived_errors": (
        "该版本还有 {n} 项错误级检查未豁免，不能发布：请逐项填写豁免理由，或退回修改。未豁免：{checks}",
        (
            "The version still has {n} error-level checks that are not waived, so it cannot be "
            "published: give a reason for each, or return it to draft. Not waived: {checks}"
        ),
    ),
    "db.approve_own": (
        "不能审批自己编写或提交的版本（第 {number} 版）：请由另一位审批人审批",
        (
            "You cannot approve a version you wrote or submitted (version {number}): "
            "another approver must approve it"
        ),
    ),
    "db.draft_exists": (
        "该预案已有未发布的第 {number} 版（草稿或审核中）：请继续处理该版本",
        (
            "This plan already has an unpublished version {number} (draft or in review): "
            "carry on with that one"
        ),
    ),
}
