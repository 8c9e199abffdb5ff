MESSAGES = {
    "nav.home": ("首页", "Home"),
    "nav.plans": ("预案库", "Plans"),
    "nav.import": ("导入预案", "Import a plan"),
    "nav.editor": ("预案编辑", "Plan editor"),
    "nav.versions": ("版本与审批", "Versions & approval"),
    "live.refresh": ("刷新", "Refresh"),
    "live.refresh_help": (
        "画面每隔几秒自动刷新；自动刷新不算操作，长时间不操作会自动退出登录。",
        (
            "The screen refreshes itself every few seconds; that is no activity, and a long "
            "spell without any action signs you out."
        ),
    ),
}
MESSAGES.update(
    {
        "home.tagline": (
            "把应急预案变成可视化、可检查、可演练、可持续改进的角色/步骤流程。",
            "Turn contingency plans into role/step processes you can see, check, drill and improve.",
        ),
        "home.plans": ("预案数", "Plans"),
        "home.next": ("接下来做什么", "What to do next"),
        "home.step_import": ("导入 Word/PDF 预案", "Import a Word/PDF plan"),
        "home.step_import_help": (
            "自动识别角色、响应级别和处置步骤，每一项都可追溯到原文段落。",
            "Roles, response levels and steps are extracted, each traceable to its paragraph.",
        ),
        "home.step_review": ("审核与修正", "Review and correct"),
        "home.step_review_help": (
            "在表格中修改角色和步骤，对照流程图，修复自动检查发现的问题。",
            "Edit roles and steps in tables beside the flow chart and fix what the checks flag.",
        ),
        "home.step_publish": ("提交审批并发布", "Submit and publish"),
        "home.step_publish_help": (
            "比较版本差异，提交审核，由审批人发布；已发布版本只读。",
            "Compare versions, submit for review, an approver publishes; published versions are read-only.",
        ),
        "home.recent": ("最近的预案", "Recent plans"),
        "home.drills": ("演练", "Drills"),
        "home.drills_help": (
            "基于已发布预案设计无脚本双盲演练，开始前参演人员一无所知；开始后在导调台掌握全局。",
            (
                "Design no-script, double-blind drills on published plans; participants learn nothing "
                "before the start; follow everything on the director console."
            ),
        ),
        "home.evaluate_help": (
            "演练开始后，在手机上按清单一键记录各项行动。",
            "Once a drill has started, record each action with one tap on your phone.",
        ),
        "home.participate_help": (
            "演练开始后，这里会出现发给您所在角色的情景信息。",
            "Once a drill has started, the messages for your role appear here.",
        ),
        "status.draft": ("草稿", "Draft"),
        "status.in_review": ("审核中", "In review"),
        "status.published": ("已发布", "Published"),
        "status.superseded": ("已被取代", "Superseded"),
    }
)

# Streamlit's own words that users meet, in ours (ui/streamlit_texts.py).
MESSAGES.update(
    {
        "ui.offline_title": ("与服务器的连接已中断", "The connection to the server is lost"),
        "ui.offline_body": (
            (
                "正在重新连接……断开期间的点击和输入都没有保存。连接恢复后，请核对并重新录入"
                "没有显示“已记录”的内容；如果服务器重新启动过，需要重新登录。"
            ),
            (
                "Reconnecting… Taps and entries made while disconnected were not saved. Once the "
                "connection is back, check and enter again whatever was not confirmed as "
                "recorded; if the server restarted, sign in again."
            ),
        ),
        "ui.upload_button": ("选择文件", "Choose a file"),
        "ui.upload_too_big": (
            "文件有 {size} MB，超过了 {limit} MB 的上限，未读取。请缩小文件后再上传，或请管理员调高上限。",
            (
                "The file is {size} MB, over the {limit} MB limit, and was not read. Make it "
                "smaller and upload again, or ask the administrator to raise the limit."
            ),
        ),
    }
)
