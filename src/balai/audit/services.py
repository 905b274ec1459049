"""Writing audit events. Call `audit_record` inside the transaction of the change it records.

UU 27/2022 requires that a breach be traced and reported within 3×24 hours, so every event says
who did what to which record, when, from which request; each regency's events form one
hash chain, so a changed or missing event is found by `balai audit verify`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from balai.audit.canonical import event_hash, jsonable, text, tidy_ip
from balai.audit.models import GLOBAL_CHAIN, AuditEvent, ChainHead
from balai.core import context

__all__ = ["audit_event_open", "audit_record", "chain_for", "event_hash"]


def chain_for(region_code: str | None) -> str:
    """The regency part of a region code ("35.10.05.2001" -> "35.10"); else the global chain."""
    if not region_code or region_code.count(".") < 1:
        return GLOBAL_CHAIN
    return ".".join(region_code.split(".")[:2])


def _field(value: str, model_field: str) -> str:
    # Cut to the column's length: PostgreSQL refuses longer text, SQLite would keep it, and
    # the hash must be of what both give back.
    limit = AuditEvent._meta.get_field(model_field).max_length
    return text(value)[:limit]


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
    if occurred_at is not None and timezone.is_naive(occurred_at):
        raise ValueError("occurred_at must be timezone-aware")
    ctx = context.current()
    chain = chain_for(region_code)
    with transaction.atomic():
        ChainHead.objects.get_or_create(chain=chain)
        head = ChainHead.objects.select_for_update().get(chain=chain)
        actor_obj = actor if getattr(actor, "pk", None) else None
        event = AuditEvent(
            chain=chain,
            seq=head.seq + 1,
            # Stored and hashed in UTC, so both databases give back the very same instant.
            occurred_at=(occurred_at or timezone.now()).astimezone(UTC),
            actor=actor_obj,
            actor_label=_field(str(actor) if actor is not None else "", "actor_label"),
            action=_field(action, "action"),
            object_type=_field(object_type, "object_type"),
            object_id=_field(object_id, "object_id"),
            region_code=_field(region_code or "", "region_code"),
            before=jsonable(before),
            after=jsonable(after),
            request_id=_field(ctx.request_id, "request_id"),
            ip=tidy_ip(ctx.ip),
            channel=_field(ctx.channel, "channel"),
            prev_hash=head.last_hash,
        )
        event.hash = event_hash(event)
        event.save(force_insert=True)
        head.seq = event.seq
        head.last_hash = event.hash
        head.save(update_fields=["seq", "last_hash"])
    return event


def audit_event_open(*, viewer: Any, event: AuditEvent) -> AuditEvent:
    """Record that `viewer` opened one event: its before/after may hold personal data, and
    UU 27/2022 asks that every such read be traceable."""
    with transaction.atomic():
        return audit_record(
            actor=viewer,
            action="audit.event.view",
            obj=event,
            region_code=event.region_code or None,
        )
