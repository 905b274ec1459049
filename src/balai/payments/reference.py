"""Payment references: 16 digits a bank teller or a VA menu accepts, with two check digits.

Four digits of the regency (3510 for Banyuwangi), ten random digits, and two check digits by
ISO 7064 MOD 97-10 (the IBAN scheme): the whole number mod 97 is 1. That catches every single
wrong digit and every swap of two neighbouring digits, so a mistyped reference is refused
before it is looked up.
"""

from __future__ import annotations

import re
import secrets

REFERENCE_RE = re.compile(r"^\d{16}$")


def _check_digits(body: str) -> str:
    return f"{98 - (int(body) * 100) % 97:02d}"


def reference_new(regency_code: str) -> str:
    prefix = (regency_code.replace(".", "") + "0000")[:4]
    body = prefix + "".join(str(secrets.randbelow(10)) for _ in range(10))
    return body + _check_digits(body)


def reference_valid(reference: str) -> bool:
    return bool(REFERENCE_RE.match(reference or "")) and int(reference) % 97 == 1
