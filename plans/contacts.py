"""Contact numbers of roles (phone, duty phone): a light check of what a plan owner types, so a
role card never prints a name or a sentence where a number should be."""

from __future__ import annotations

import re

from plans.model import Role

CONTACT_FIELDS = ("phone", "duty_phone")
_NUMBER = re.compile(r"^[0-9０-９+＋\-－‐–—()（）\s]+$")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)\s*[0-9０-９]+\s*$", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*[/、,，;；]\s*")
MIN_DIGITS = 3  # 110, 119, 120 are numbers too


def phone_ok(text: str) -> bool:
    """True for an empty text or for one or more numbers (separated by / 、 , ;) made of digits,
    spaces, +, - and parentheses, each with an optional extension ("转801", "分机 12", "ext. 5")."""
    text = (text or "").strip()
    if not text:
        return True
    for number in _SEPARATOR.split(text):
        number = _EXTENSION.sub("", number).strip()
        if not _NUMBER.match(number) or sum(c.isdigit() for c in number) < MIN_DIGITS:
            return False
    return True


def contact_problems(role: Role) -> list[tuple[str, dict]]:
    """(message key, params) for each contact field of `role` that is not a phone number:
    plan.invalid.bad_phone, plan.invalid.bad_duty_phone."""
    return [
        (f"plan.invalid.bad_{field}", {"name": role.name or role.id, "value": getattr(role, field)})
        for field in CONTACT_FIELDS
        if not phone_ok(getattr(role, field))
    ]


__all__ = ["CONTACT_FIELDS", "contact_problems", "phone_ok"]
