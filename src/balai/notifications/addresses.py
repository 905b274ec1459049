"""Phone numbers as the providers want them: the country code and digits only."""

from __future__ import annotations

import re

# Indonesian mobile numbers are 62 8xx followed by 7–10 more digits (ITU-T E.164: at most 15).
_MOBILE = re.compile(r"628\d{7,11}")


def phone_normalise(raw: str) -> str | None:
    """`0812-3456-7890`, `+62 812 3456 7890` and `6281234567890` all give `6281234567890`;
    None when it cannot be an Indonesian mobile number (a landline gets no WhatsApp or SMS)."""
    digits = re.sub(r"\D", "", raw or "")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    return digits if _MOBILE.fullmatch(digits) else None


def phone_mask(phone: str) -> str:
    """`6281234567890` → `62812*****890`: enough for the citizen to recognise their number."""
    if len(phone) < 8:
        return "*" * len(phone)
    return phone[:5] + "*" * (len(phone) - 8) + phone[-3:]
