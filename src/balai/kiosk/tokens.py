"""Device tokens: long, random, shown once, stored only as their SHA-256.

A token has 256 bits from the operating system's generator, so a fast hash is enough: nobody
can guess one, and a stolen database does not give a working token back.
"""

from __future__ import annotations

import hashlib
import secrets

PREFIX_LENGTH = 8
COOKIE_NAME = "balai_kiosk"
# Long enough for the life of the machine; revocation, not expiry, ends it.
COOKIE_MAX_AGE = 5 * 365 * 24 * 3600


def token_new() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_prefix(token: str) -> str:
    return token[:PREFIX_LENGTH]
