"""Messages of signed-in sessions kept across reloads (services/sessions.py, ui/session.py)."""

MESSAGES = {
    "auth.session_lifetime": (
        "本次登录已达到最长有效时间，会话已结束：请重新登录",
        "This sign-in has reached its longest lifetime and has ended: sign in again",
    ),
    "auth.session_signed_out": (
        "您已在其他窗口或设备上退出登录：请重新登录",
        "You signed out in another window or tab: sign in again",
    ),
}
