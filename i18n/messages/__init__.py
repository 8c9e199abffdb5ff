"""One module per area: MESSAGES = {"key": ("中文", "English")}."""
