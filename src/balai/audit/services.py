"""Writing audit events. Call `audit_record` inside the transaction of the change it records.

UU 27/2022 requires that a breach be traced and reported within 3×24 hours, so every event says
who did what to which record, when, from which request. Writing an event is a plain insert:
no row is shared between the writers of a regency, so a case, a ticket call and a document
never wait for each other's audit. `audit_integrate` (the sequencer) then gives committed
events their place in the regency's transparency log, in batches, and signs checkpoints
(docs/apps/audit.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from balai.audit import checkpoints
from balai.audit.canonical import event_hash, jsonable, text, tidy_ip
from balai.audit.merkle import Frontier
from balai.audit.models import GLOBAL_CHAIN, AuditEvent, ChainHead, Checkpoint
from balai.core import context

logger = logging.getLogger(__name__)

__all__ = [
    "audit_checkpoint_sign",
    "audit_event_open",
    "audit_integrate",
    "audit_record",
    "chain_for",
    "event_hash",
]


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
    """Insert one event; the sequencer gives it its place in the regency's log after commit."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if occurred_at is not None and timezone.is_naive(occurred_at):
        raise ValueError("occurred_at must be timezone-aware")
    ctx = context.current()
    chain = chain_for(region_code)
    actor_obj = actor if getattr(actor, "pk", None) else None
    event = AuditEvent(
        chain=chain,
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
    )
    event.hash = event_hash(event)
    event.save(force_insert=True)
    if settings.AUDIT_SEQUENCER == "on_commit":
        transaction.on_commit(lambda: _integrate_after_commit(chain))
    return event


def _integrate_after_commit(chain: str) -> None:
    # The change is committed already; a failure here must not undo or fail it. The event
    # stays pending, the next commit or `balai audit sequence` takes it, and `balai check`
    # raises the alarm if none does.
    try:
        audit_integrate(chains=[chain])
    except DatabaseError:
        logger.exception("audit: integrating chain %s after commit failed", chain)


@dataclass
class Integrated:
    events: int = 0
    batches: int = 0
    checkpoints: int = 0


def pending_chains() -> list[str]:
    return sorted(set(AuditEvent.objects.filter(seq__isnull=True).values_list("chain", flat=True)))


def _integrate_batch(chain: str, *, batch: int) -> int:
    """One short transaction: lock the regency's head, append up to `batch` committed events
    to its log in id order, move the head. A sequencer killed here loses nothing: the
    transaction rolls back and the events are still pending."""
    ChainHead.objects.get_or_create(chain=chain)
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().get(chain=chain)
        events = list(
            AuditEvent.objects.filter(chain=chain, seq__isnull=True).order_by("id")[:batch]
        )
        if not events:
            return 0
        frontier = Frontier.load(head.frontier, head.seq)
        for event in events:
            event.seq = head.seq + 1
            event.prev_hash = head.last_hash
            frontier.append(bytes.fromhex(event.hash))
            head.seq, head.last_hash = event.seq, event.hash
        AuditEvent.objects.bulk_update(events, ["seq", "prev_hash"], batch_size=batch)
        head.frontier = frontier.dump()
        head.integrated_at = timezone.now()
        head.save(update_fields=["seq", "last_hash", "frontier", "integrated_at"])
    return len(events)


def audit_integrate(
    *, chains: Iterable[str] | None = None, batch: int | None = None, checkpoint: bool = True
) -> Integrated:
    """Integrate every pending event of the chains named (or all), batch by batch; then sign a
    checkpoint for each chain that grew, when its latest is older than
    AUDIT_CHECKPOINT_SECONDS."""
    batch = batch or settings.AUDIT_BATCH
    result = Integrated()
    for chain in sorted(set(chains)) if chains is not None else pending_chains():
        grew = False
        while n := _integrate_batch(chain, batch=batch):
            result.events += n
            result.batches += 1
            grew = True
        due = grew and checkpoint and _checkpoint_due(chain)
        if due and audit_checkpoint_sign(chain=chain) is not None:
            result.checkpoints += 1
    return result


def _checkpoint_due(chain: str) -> bool:
    latest = Checkpoint.objects.filter(chain=chain).order_by("-tree_size").first()
    due = timezone.now() - timedelta(seconds=settings.AUDIT_CHECKPOINT_SECONDS)
    return latest is None or latest.signed_at <= due


def audit_checkpoint_sign(*, chain: str, now: datetime | None = None) -> Checkpoint | None:
    """Sign the regency log's current size and root, store it and publish it; None when the
    log has not grown since the last checkpoint."""
    head = ChainHead.objects.filter(chain=chain).first()
    if head is None or head.seq == 0:
        return None
    if Checkpoint.objects.filter(chain=chain, tree_size=head.seq).exists():
        return None
    root = Frontier.load(head.frontier, head.seq).root().hex()
    note = checkpoints.sign(
        chain=chain, tree_size=head.seq, root_hash=root, signed_at=now or timezone.now()
    )
    with transaction.atomic():
        made, created = Checkpoint.objects.get_or_create(
            chain=chain,
            tree_size=note.tree_size,
            defaults={
                "root_hash": note.root_hash,
                "signed_at": note.signed_at,
                "key_id": note.key_id,
                "signature": note.signature,
            },
        )
    if created:
        checkpoints.publish(note)
    return made if created else None


def oldest_pending_age() -> timedelta | None:
    oldest = (
        AuditEvent.objects.filter(seq__isnull=True).order_by("occurred_at").values("occurred_at")
    ).first()
    return None if oldest is None else timezone.now() - oldest["occurred_at"]


def audit_event_open(*, viewer: Any, event: AuditEvent) -> AuditEvent:
    """Record that `viewer` opened one event: its before/after may hold personal data, and
    UU 27/2022 asks that every such read be traceable."""
    return audit_record(
        actor=viewer,
        action="audit.event.view",
        obj=event,
        region_code=event.region_code or None,
    )
