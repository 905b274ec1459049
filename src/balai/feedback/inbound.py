"""Complaints arriving from the WhatsApp/SMS provider's webhook, signed with a shared secret.

The provider signs the raw body with HMAC-SHA256 and sends `X-Balai-Signature:
sha256=<hex>`. The secret comes from the `BALAI_FEEDBACK_INBOUND_SECRET` environment
variable (or the FEEDBACK_INBOUND_SECRET setting); without one the endpoint refuses
everything, so an unconfigured installation accepts nothing unsigned.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from django.conf import settings

SIGNATURE_HEADER = "X-Balai-Signature"


def inbound_secret() -> str:
    return getattr(settings, "FEEDBACK_INBOUND_SECRET", "") or os.environ.get(
        "BALAI_FEEDBACK_INBOUND_SECRET", ""
    )


def signature_for(*, body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_valid(*, body: bytes, header: str, secret: str) -> bool:
    if not secret or not header:
        return False
    return hmac.compare_digest(signature_for(body=body, secret=secret), header.strip())
