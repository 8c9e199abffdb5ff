"""The evaluator's taps on the device: waiting, sent, stored; the connection; limits and sources."""

MESSAGES = {
    "evaluate.tap.group": ("评定：{name}", "Rate: {name}"),
    "evaluate.tap.recorded": ("已记录：{rating}", "Recorded: {rating}"),
    "evaluate.tap.waiting": (
        "待发送：{rating}（{time} 点击，时间按点击时刻记）",
        "Waiting to be sent: {rating} (tapped {time}; stored with that time)",
    ),
    "evaluate.tap.offline": (
        (
            "离线：与服务器的连接已中断。继续点击即可，记录保存在本机，连接恢复后自动发送，"
            "时间按点击时刻记；请勿重复点击。备注、照片等其他内容需联网后再保存。"
        ),
        (
            "Offline: the connection to the server is lost. Keep tapping: taps are kept on this "
            "device and sent by themselves once the connection is back, with the time of the "
            "tap. Do not tap them again. Notes, photos and other entries need the connection."
        ),
    ),
    "evaluate.tap.sending": ("正在发送本机保存的记录…", "Sending the taps kept on this device…"),
    "evaluate.tap.waiting_count": ("待发送 {n} 项：", "{n} waiting to be sent:"),
    "evaluate.limit_now": ("时限：立即", "at once"),
    "evaluate.step_source": ("完整步骤与原文", "The whole step and its source"),
    "evaluate.source_paragraph": ("预案原文段落：", "Source paragraph of the plan:"),
}
