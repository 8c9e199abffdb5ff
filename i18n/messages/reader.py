"""Messages of the document reader (plans/reader*.py). Upload checks (read.damaged, read.encoding,
read.too_big …) belong to plans/guard.py and its own catalogue."""

MESSAGES = {
    "read.scanned": (
        "这个 PDF 没有文字层（可能是扫描件或图片）：请上传 Word 原件，或先用 OCR 软件识别文字后再上传",
        (
            "This PDF has no text layer (it is probably a scan): upload the Word original, or run OCR "
            "on it first"
        ),
    ),
    "read.no_text": (
        "文档中没有找到任何文字：请检查是否上传了正确的文件",
        "No text was found in the document: check that you uploaded the right file",
    ),
}
