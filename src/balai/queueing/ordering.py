"""Which waiting ticket a counter calls next: the priority policy, then first come first
served by the time the ticket joined the line (kept across transfers)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from balai.queueing.choices import CALLABLE, PriorityMode
from balai.queueing.models import Counter, PriorityPolicy, Ticket


def counter_handles_q(*, counter: Counter, service_ids: list[int]) -> Q:
    """Tickets this counter may call: its services when it lists any, else its agency's."""
    if service_ids:
        handles = Q(service_id__in=service_ids)
        if counter.agency_id is not None:
            # A ticket sent to the agency without naming a service still reaches it.
            handles |= Q(service__isnull=True, agency_id=counter.agency_id)
    elif counter.agency_id is not None:
        handles = Q(agency_id=counter.agency_id)
    else:
        handles = Q()
    # A ticket transferred to one counter waits for that counter only.
    return (handles & Q(target_counter__isnull=True)) | Q(target_counter_id=counter.pk)


def prefers_priority(*, policy: PriorityPolicy | None, counter: Counter) -> bool:
    if policy is None or not policy.classes:
        return False
    if policy.mode == PriorityMode.STRICT:
        return True
    # Every Nth call goes to the priority line: after N-1 regular calls, the next is priority.
    return counter.calls_since_priority >= max(policy.every_nth, 1) - 1


def candidates(
    *, counter: Counter, service_ids: list[int], policy: PriorityPolicy | None, now: dt.datetime
) -> QuerySet[Ticket]:
    """The callable tickets in calling order. Aged tickets (waiting past the policy's
    limit) go first of all, so a long priority line never starves anyone."""
    queryset = Ticket.objects.filter(
        counter_handles_q(counter=counter, service_ids=service_ids),
        service_point_id=counter.service_point_id,
        status__in=CALLABLE,
    )
    classes = list(policy.classes) if policy is not None else []
    if not classes:
        return queryset.order_by("queued_at", "id")
    prefer = prefers_priority(policy=policy, counter=counter)
    cutoff = now - dt.timedelta(minutes=policy.max_wait_minutes)
    rank = Case(
        When(queued_at__lte=cutoff, then=Value(0)),
        When(priority_class__in=classes, then=Value(1 if prefer else 2)),
        default=Value(2 if prefer else 1),
        output_field=IntegerField(),
    )
    return queryset.annotate(rank=rank).order_by("rank", "queued_at", "id")


def take_next(queryset: QuerySet[Ticket]) -> Ticket | None:
    """Lock and return the first ticket no other counter is taking right now.

    PostgreSQL: FOR UPDATE SKIP LOCKED, so fifty counters calling at once each take a
    different row without waiting. SQLite has no row locks; its transaction already holds
    the database write lock (BEGIN IMMEDIATE), which serialises callers."""
    if connection.vendor == "postgresql":
        return queryset.select_for_update(skip_locked=True, of=("self",)).first()
    return queryset.first()
