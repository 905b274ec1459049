"""Writing audit events. Call `audit_record` inside the transaction of the change it records."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from balai.audit.models import GLOBAL_CHAIN, AuditEvent, ChainHead
from balai.core import context


def canonical(event: AuditEvent) -> bytes:
    """The bytes an event's hash covers: every field that says what happened, in fixed order."""
    body = {
        "chain": event.chain,
        "seq": event.seq,
        "occurred_at": event.occurred_at.isoformat(),
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "region_code": event.region_code,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
        "ip": event.ip,
        "channel": event.channel,
        "prev_hash": event.prev_hash,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()


def event_hash(event: AuditEvent) -> str:
    return hashlib.sha256(canonical(event)).hexdigest()


def _jsonable(value: Any) -> Any:
    # Round-trip through JSON so what is hashed is exactly what the database gives back.
    return None if value is None else json.loads(json.dumps(value, default=str))


def chain_for(region_code: str | None) -> str:
    if not region_code:
        return GLOBAL_CHAIN
    return ".".join(region_code.split(".")[:2]) if region_code.count(".") >= 1 else GLOBAL_CHAIN


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    region_code: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
) -> AuditEvent:
    """Append one event to its regency's chain (the chain head row is locked meanwhile)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    ctx = context.current()
    chain = chain_for(region_code)
    with transaction.atomic():
        ChainHead.objects.get_or_create(chain=chain)
        head = ChainHead.objects.select_for_update().get(chain=chain)
        actor_obj = actor if getattr(actor, "pk", None) else None
        event = AuditEvent(
            chain=chain,
            seq=head.seq + 1,
            occurred_at=occurred_at or timezone.now(),
            actor=actor_obj,
            actor_label=str(actor) if actor is not None else "",
            action=action,
            object_type=object_type,
            object_id=object_id,
            region_code=region_code or "",
            before=_jsonable(before),
            after=_jsonable(after),
            request_id=ctx.request_id,
            ip=ctx.ip,
            channel=ctx.channel,
            prev_hash=head.last_hash,
        )
        event.hash = event_hash(event)
        event.save(force_insert=True)
        head.seq = event.seq
        head.last_hash = event.hash
        head.save(update_fields=["seq", "last_hash"])
    return event
