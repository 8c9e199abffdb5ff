"""Messages for refused uploads (plans/guard.py): what is wrong and what to do."""

_ACCEPTED_ZH = "可以上传：Word 文档（.docx）、含文字的 PDF、纯文本（.txt）或 Markdown（.md）。"
_ACCEPTED_EN = (
    "Accepted: Word documents (.docx), PDF files with text, plain text (.txt), Markdown (.md)."
)

MESSAGES = {
    "read.empty": (
        "文件是空的，没有任何内容。请检查是否选错了文件。",
        "The file is empty. Check that you chose the right file.",
    ),
    "read.too_big": (
        (
            "文件有 {size} MB，超过了 {limit} MB 的上限。请删除或压缩文档中的大图片后再上传，"
            "或请管理员调高上限（PLANDRILL_MAX_UPLOAD_MB）。"
        ),
        (
            "The file is {size} MB, over the {limit} MB limit. Remove or compress large pictures "
            "in the document and upload again, or ask the administrator to raise the limit "
            "(PLANDRILL_MAX_UPLOAD_MB)."
        ),
    ),
    "read.doc_legacy": (
        "这是旧版 Word 文档（.doc），无法直接读取。请在 Word 中另存为 .docx 后再上传。",
        (
            "This is a legacy Word document (.doc), which cannot be read directly: "
            "save it as .docx in Word and upload again."
        ),
    ),
    "read.encrypted": (
        (
            "文件设有打开密码（已加密），无法读取。请在 Word 中取消密码（文件 > 信息 > 保护文档 > "
            "用密码进行加密，清空密码），PDF 请在阅读器中去除密码，另存后再上传。"
        ),
        (
            "The file is password-protected (encrypted) and cannot be read. Remove the password "
            "(in Word: File > Info > Protect Document > Encrypt with Password, clear it; for a PDF, "
            "in your PDF software), save it and upload again."
        ),
    ),
    "read.damaged": (
        (
            "文件已损坏或不完整（可能下载或复制没有完成），无法打开。请重新获取原文件；"
            "如果 Word 仍能打开它，请另存为新的 .docx 后再上传。"
        ),
        (
            "The file is damaged or incomplete (perhaps an unfinished download or copy) and cannot "
            "be opened. Get the original file again; if Word still opens it, save it as a new "
            ".docx and upload that."
        ),
    ),
    "read.not_word": (
        (
            "这不是 Word 文档，而是{kind_zh}。请上传预案的 Word 文档（.docx）；"
            "如预案在其他格式中，请先在相应软件中另存为 .docx。"
        ),
        (
            "This is not a Word document but {kind_en}. Upload the plan as a Word document (.docx); "
            "if the plan is in another format, save it as .docx first."
        ),
    ),
    "read.zip_bomb": (
        "文件解压后的体积异常巨大（疑似“压缩炸弹”），为安全起见已拒绝。请上传原始的 Word 文档。",
        (
            'The file would expand to an abnormal size when unpacked (a suspected "zip bomb") and '
            "was refused for safety. Upload the original Word document."
        ),
    ),
    "read.unsafe_path": (
        "文件内部含有不安全的路径（{name}），为安全起见已拒绝。请在 Word 中打开后另存为新的 .docx 再上传。",
        (
            "The file contains an unsafe internal path ({name}) and was refused for safety. "
            "Open it in Word, save it as a new .docx and upload that."
        ),
    ),
    "read.unsupported": (
        "这是{kind_zh}，无法作为预案读取。" + _ACCEPTED_ZH,
        "The file is {kind_en}, which cannot be read as a plan. " + _ACCEPTED_EN,
    ),
    "read.encoding": (
        "无法识别这个文本文件的编码。请用记事本或其他编辑器将其另存为 UTF-8 编码后再上传。",
        (
            "The text file's encoding is not recognised. Save it as UTF-8 in a text editor and "
            "upload again."
        ),
    ),
}

_SHEETS_ZH = "可以导入：Excel 工作簿（.xlsx）或 CSV 文件（UTF-8 或 GB18030 编码）。"
_SHEETS_EN = "Accepted: Excel workbooks (.xlsx) and CSV files (UTF-8 or GB18030)."

# Refused spreadsheets (drills/sheet_guard.py), e.g. an injects file.
MESSAGES.update(
    {
        "sheet.empty": (
            "表格文件是空的。请检查是否选错了文件。",
            "The spreadsheet file is empty. Check that you chose the right file.",
        ),
        "sheet.too_big": (
            "表格文件有 {size} MB，超过了 {limit} MB 的上限。请只保留需要导入的工作表后再上传。",
            (
                "The spreadsheet is {size} MB, over the {limit} MB limit. Keep only the sheet "
                "to import and upload again."
            ),
        ),
        "sheet.zip_bomb": (
            (
                "工作簿解压后的体积异常巨大（疑似“压缩炸弹”），为安全起见已拒绝，未读取其中任何内容。"
                "请在 Excel 中另存为新的 .xlsx（只保留需要导入的行）后再上传。"
            ),
            (
                "The workbook would expand to an abnormal size when unpacked (a suspected "
                '"zip bomb") and was refused for safety, unread. Save it as a new .xlsx in Excel '
                "with only the rows to import, and upload that."
            ),
        ),
        "sheet.unsafe_path": (
            "工作簿内部含有不安全的路径（{name}），为安全起见已拒绝。请在 Excel 中另存为新的 .xlsx 再上传。",
            (
                "The workbook contains an unsafe internal path ({name}) and was refused for "
                "safety. Save it as a new .xlsx in Excel and upload that."
            ),
        ),
        "sheet.damaged": (
            "工作簿已损坏或不完整，无法打开。请重新获取原文件，或在 Excel 中另存为新的 .xlsx 再上传。",
            (
                "The workbook is damaged or incomplete and cannot be opened. Get the original "
                "again, or save it as a new .xlsx in Excel and upload that."
            ),
        ),
        "sheet.encrypted": (
            "工作簿设有打开密码（已加密），无法读取。请在 Excel 中取消密码，另存后再上传。",
            (
                "The workbook is password-protected (encrypted) and cannot be read. Remove the "
                "password in Excel, save it and upload again."
            ),
        ),
        "sheet.not_excel": (
            "这不是 Excel 工作簿，而是{kind_zh}。" + _SHEETS_ZH,
            "This is not an Excel workbook but {kind_en}. " + _SHEETS_EN,
        ),
        "sheet.legacy_xls": (
            "这是旧版 Excel 工作簿（.xls），无法直接读取。请在 Excel 中另存为 .xlsx 后再上传。",
            (
                "This is a legacy Excel workbook (.xls), which cannot be read directly: save it "
                "as .xlsx in Excel and upload again."
            ),
        ),
        "sheet.unsupported": (
            "这是{kind_zh}，不是表格。" + _SHEETS_ZH,
            "The file is {kind_en}, not a spreadsheet. " + _SHEETS_EN,
        ),
    }
)
