"""The contended rows of the queue, locked in one place and always in this order:
counter, then ticket or daily sequence or booking slot; the audit chain head comes last
(inside audit_record). One order everywhere means two transactions never wait on each other
in a circle.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from balai.catalog.models import ServicePoint
from balai.queueing.models import BookingSlot, Counter, DailySequence, QueuePrefix


def local_day(*, service_point: ServicePoint, at: dt.datetime) -> dt.date:
    """The office's own calendar day: numbers restart at its local midnight (WIB/WITA/WIT)."""
    return at.astimezone(ZoneInfo(service_point.timezone)).date()


def sequence_next(*, prefix: QueuePrefix, day: dt.date) -> int:
    """The next number for `prefix` on `day`. Call inside the issuing transaction: the row
    stays locked until it commits, so numbers are unique and a rollback leaves no gap.
    On SQLite the transaction's write lock (BEGIN IMMEDIATE) serialises issuers instead."""
    DailySequence.objects.get_or_create(prefix=prefix, day=day)
    sequence = DailySequence.objects.select_for_update().get(prefix=prefix, day=day)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def counter_lock(*, counter_id: int) -> Counter:
    return (
        Counter.objects.select_for_update(of=("self",))
        .select_related("service_point")
        .get(pk=counter_id)
    )


def slot_lock(*, slot_id: int) -> BookingSlot:
    return BookingSlot.objects.select_for_update().get(pk=slot_id)
