"""Delivery receipts from providers: check the signature, read the statuses.

Providers sign the raw body with HMAC-SHA256 under a shared secret and send it as
`X-Hub-Signature-256: sha256=<hex>` (the WhatsApp Cloud API's header; the SMS gateway is
configured to use the same). An unsigned or wrongly signed body changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings

SIGNATURE_HEADER = "X-Hub-Signature-256"


@dataclass(frozen=True)
class Receipt:
    message_id: str
    status: str
    error: str = ""


def webhook_secret(provider: str) -> str:
    return {
        "whatsapp": settings.NOTIFY_WHATSAPP_WEBHOOK_SECRET,
        "sms": settings.NOTIFY_SMS_WEBHOOK_SECRET,
    }.get(provider, "")


def signature_for(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_valid(*, provider: str, body: bytes, header: str) -> bool:
    secret = webhook_secret(provider)
    if not secret or not header:
        return False
    return hmac.compare_digest(signature_for(secret, body), header)


def _whatsapp(data: dict[str, Any]) -> list[Receipt]:
    receipts = []
    for entry in data.get("entry") or []:
        for change in entry.get("changes") or []:
            for status in (change.get("value") or {}).get("statuses") or []:
                errors = status.get("errors") or [{}]
                receipts.append(
                    Receipt(
                        message_id=str(status.get("id", "")),
                        status=str(status.get("status", "")),
                        error=str(errors[0].get("title", ""))[:200],
                    )
                )
    return receipts


def _sms(data: dict[str, Any]) -> list[Receipt]:
    items = data.get("receipts") if isinstance(data.get("receipts"), list) else [data]
    return [
        Receipt(
            message_id=str(item.get("message_id", "")),
            status=str(item.get("status", "")),
            error=str(item.get("error", ""))[:200],
        )
        for item in items
        if isinstance(item, dict)
    ]


def receipts_parse(provider: str, body: bytes) -> list[Receipt]:
    """The receipts in a webhook body; ValueError when it is not one we understand."""
    data = json.loads(body)
    if not isinstance(data, dict):
        raise ValueError("body is not an object")
    try:
        return _whatsapp(data) if provider == "whatsapp" else _sms(data)
    except (AttributeError, TypeError) as exc:
        raise ValueError("unexpected shape") from exc
