"""Messages of plan extraction (plans/extract*.py): import warnings and progress stages."""

MESSAGES = {
    "extract.no_steps": (
        "没有识别出任何处置步骤：请检查预案是否包含应急响应、处置措施等章节，或在编辑器中手工添加",
        (
            "No response steps were recognised: check that the plan has response or action sections, "
            "or add the steps by hand in the editor"
        ),
    ),
    "extract.no_roles": (
        "没有识别出任何应急组织或岗位：请在编辑器中补充角色",
        "No emergency bodies or positions were recognised: add the roles in the editor",
    ),
    "extract.no_levels": (
        "没有识别出响应级别：如预案分级响应，请在编辑器中补充级别及启动条件",
        (
            "No response levels were recognised: if the plan has levels, add them and their "
            "conditions in the editor"
        ),
    ),
    "extract.no_structure": (
        "文档没有可识别的标题结构：识别结果可能不完整，请仔细核对",
        (
            "The document has no recognisable headings: the result may be incomplete, check it "
            "carefully"
        ),
    ),
    "extract.stage.read": ("正在读取文档", "Reading the document"),
    "extract.stage.structure": ("正在分析章节结构", "Analysing the sections"),
    "extract.stage.roles": ("正在识别组织与岗位", "Finding bodies and positions"),
    "extract.stage.steps": ("正在识别处置步骤", "Finding response steps"),
    "extract.stage.done": ("识别完成", "Done"),
}
