"""Queueing notifications and recording what became of them.

`notify` is called inside the transaction of the business change it reports (a transactional
outbox): the message exists if and only if the change was committed. The worker
(notifications/worker.py) sends it later; provider receipts move it forward, never back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from balai.audit.services import audit_record
from balai.notifications.addresses import phone_mask, phone_normalise
from balai.notifications.choices import (
    FALLBACK,
    FINAL_STATES,
    STATE_RANK,
    NotifyChannel,
    NotifyState,
)
from balai.notifications.messages import REDACTED, is_secret, message_render
from balai.notifications.models import Notification


def _address_for(*, channel: str, resident: Any, user: Any, address: str) -> str | None:
    if channel == NotifyChannel.EMAIL:
        email = address or getattr(user, "email", "") or ""
        return email.strip() or None
    return phone_normalise(address or getattr(resident, "phone", "") or "")


def notify(
    *,
    template: str,
    context: dict[str, Any],
    regency_code: str,
    channel: str = NotifyChannel.WHATSAPP,
    resident: Any = None,
    user: Any = None,
    address: str = "",
    obj: Any = None,
    now: dt.datetime | None = None,
) -> Notification | None:
    """Queue one message to a resident's registered phone, a staff member's e-mail, or
    `address`. None when the recipient has no usable phone or e-mail on record: there is
    nobody to send to, and the page or the office tells the citizen instead."""
    to = _address_for(channel=channel, resident=resident, user=user, address=address)
    if to is None:
        return None
    subject, text = message_render(template, context)
    now = now or timezone.now()
    return Notification.objects.create(
        regency_code=regency_code,
        recipient_resident=resident,
        recipient_user=user,
        address=to,
        channel=channel,
        template_code=template,
        subject=subject,
        text=text,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        next_attempt_at=now,
        created_at=now,
    )


def notify_residents(
    *,
    template: str,
    context: dict[str, Any],
    regency_code: str,
    residents: Any,
    obj: Any = None,
    channel: str = NotifyChannel.WHATSAPP,
    now: dt.datetime | None = None,
) -> int:
    """The same message to many residents in one insert (a village told of an outreach day);
    residents without a usable phone are skipped. Returns how many were queued."""
    subject, text = message_render(template, context)
    now = now or timezone.now()
    rows = []
    for resident in residents:
        to = _address_for(channel=channel, resident=resident, user=None, address="")
        if to is None:
            continue
        rows.append(
            Notification(
                regency_code=regency_code,
                recipient_resident=resident,
                address=to,
                channel=channel,
                template_code=template,
                subject=subject,
                text=text,
                object_type=obj._meta.label_lower if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
                next_attempt_at=now,
                created_at=now,
            )
        )
    Notification.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _masked(n: Notification) -> str:
    return phone_mask(n.address) if n.channel != NotifyChannel.EMAIL else n.address


def _fallback(n: Notification, *, now: dt.datetime) -> Notification | None:
    """The same message once more on the fallback channel (WhatsApp → SMS), once."""
    channel = FALLBACK.get(n.channel)
    if channel is None or Notification.objects.filter(fallback_of=n).exists():
        return None
    return Notification.objects.create(
        regency_code=n.regency_code,
        recipient_resident_id=n.recipient_resident_id,
        recipient_user_id=n.recipient_user_id,
        address=n.address,
        channel=channel,
        template_code=n.template_code,
        subject=n.subject,
        text=n.text,
        object_type=n.object_type,
        object_id=n.object_id,
        fallback_of=n,
        next_attempt_at=now,
        created_at=now,
    )


def notification_finish(n: Notification, *, state: str, error: str, now: dt.datetime) -> None:
    """Mark `n` failed or dead (the caller holds its row) and queue the fallback, if any."""
    n.state = state
    n.last_error = error[:300]
    n.final_at = now
    fallback = _fallback(n, now=now)
    fields = ["state", "last_error", "final_at"]
    if is_secret(n.template_code):
        # Given up on (its fallback, if any, already holds its own copy): no code stays readable.
        n.text = REDACTED
        fields.append("text")
    n.save(update_fields=fields)
    audit_record(
        actor=None,
        action=f"notifications.{state}",
        obj=n,
        region_code=n.regency_code,
        after={
            "channel": n.channel,
            "to": _masked(n),
            "template": n.template_code,
            "error": n.last_error,
            "fallback": fallback.pk if fallback else None,
        },
    )


# Provider words for what happened to a message, as our states.
_RECEIPT_STATES = {
    "sent": NotifyState.SENT,
    "accepted": NotifyState.SENT,
    "delivered": NotifyState.DELIVERED,
    "read": NotifyState.DELIVERED,
    "failed": NotifyState.FAILED,
    "undelivered": NotifyState.FAILED,
    "rejected": NotifyState.FAILED,
}


def delivery_receipt_apply(
    *, provider: str, message_id: str, status: str, error: str = "", now: dt.datetime | None = None
) -> bool:
    """Apply one delivery receipt; True when it changed the message.

    Idempotent on the provider's message id: a repeated receipt, a late `sent` after
    `delivered`, or a receipt for a message we do not know changes nothing.
    """
    target = _RECEIPT_STATES.get((status or "").lower())
    if target is None or not message_id:
        return False
    now = now or timezone.now()
    with transaction.atomic():
        n = (
            Notification.objects.select_for_update()
            .filter(provider=provider, provider_message_id=message_id)
            .first()
        )
        if n is None or n.state in FINAL_STATES or STATE_RANK[target] <= STATE_RANK[n.state]:
            return False
        if target == NotifyState.FAILED:
            notification_finish(n, state=NotifyState.FAILED, error=error or "undelivered", now=now)
            return True
        n.state = target
        if target == NotifyState.DELIVERED:
            n.final_at = now
        n.save(update_fields=["state", "final_at"])
        if target == NotifyState.DELIVERED:
            audit_record(
                actor=None,
                action="notifications.delivered",
                obj=n,
                region_code=n.regency_code,
                after={"channel": n.channel, "to": _masked(n), "template": n.template_code},
            )
    return True
