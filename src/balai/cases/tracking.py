"""Tracking codes a citizen can read aloud, type on a phone and copy from a receipt.

Eight characters from an alphabet without 0/O, 1/I/L: seven random, one check character.
The alphabet has 31 symbols, a prime, so a position-weighted sum modulo 31 catches every single
wrong character and every swap of two neighbours.
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BODY_LENGTH = 7
CODE_LENGTH = BODY_LENGTH + 1
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def check_character(body: str) -> str:
    total = sum((position + 1) * _VALUE[ch] for position, ch in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def tracking_code_new() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def tracking_code_normalise(text: str) -> str | None:
    """The code in canonical form, or None when it cannot be a valid code (typo caught)."""
    code = "".join(ch for ch in text.upper() if ch not in " -.")
    if len(code) != CODE_LENGTH or any(ch not in _VALUE for ch in code):
        return None
    if check_character(code[:BODY_LENGTH]) != code[BODY_LENGTH]:
        return None
    return code


def tracking_code_display(code: str) -> str:
    """Grouped in fours, as printed on receipts: `ABCD-EFGH`."""
    return f"{code[:4]}-{code[4:]}"
