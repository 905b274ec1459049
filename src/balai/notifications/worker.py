"""The outbox worker: claim due messages, hand each to its provider, record the outcome.

Claiming is a short transaction that moves rows from queued to sending. On PostgreSQL it reads
with `SELECT … FOR UPDATE SKIP LOCKED`, so several workers take disjoint rows without waiting
on each other; each row is then moved with a compare-and-set on its state, so even without
skip-locked (SQLite, whose IMMEDIATE transactions serialise writers anyway) no message is
claimed twice. The provider call happens outside any transaction or row lock.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from balai.notifications.choices import NotifyState
from balai.notifications.models import Notification
from balai.notifications.providers import (
    Outgoing,
    PermanentError,
    TransientError,
    provider_for,
)
from balai.notifications.retry import backoff_seconds
from balai.notifications.services import notification_finish


@dataclass
class RunResult:
    sent: int = 0
    retried: int = 0
    dead: int = 0

    def add(self, other: RunResult) -> None:
        self.sent += other.sent
        self.retried += other.retried
        self.dead += other.dead


def notifications_reclaim_stale(*, now: dt.datetime) -> int:
    """Messages left in `sending` by a worker that died go back to the queue.

    At-least-once: such a message may have reached the provider before the worker died.
    """
    cutoff = now - dt.timedelta(seconds=settings.NOTIFY_STALE_SECONDS)
    return Notification.objects.filter(state=NotifyState.SENDING, claimed_at__lt=cutoff).update(
        state=NotifyState.QUEUED, next_attempt_at=now
    )


def notifications_claim(*, now: dt.datetime, limit: int) -> list[int]:
    """Move up to `limit` due messages to `sending` for this worker; returns their ids."""
    with transaction.atomic():
        due = Notification.objects.filter(
            state=NotifyState.QUEUED, next_attempt_at__lte=now
        ).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        claimed = []
        for pk in list(due.values_list("pk", flat=True)[:limit]):
            moved = Notification.objects.filter(pk=pk, state=NotifyState.QUEUED).update(
                state=NotifyState.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
            if moved:
                claimed.append(pk)
    return claimed


def notification_deliver(pk: int, *, now: dt.datetime | None = None) -> RunResult:
    """Send one claimed message and record the outcome."""
    n = Notification.objects.get(pk=pk)
    if n.state != NotifyState.SENDING:
        return RunResult()
    provider = provider_for(n.channel)
    outcome: str | Exception
    try:
        outcome = provider.send(Outgoing(to=n.address, text=n.text, subject=n.subject))
    except (TransientError, PermanentError) as exc:
        outcome = exc
    now = now or timezone.now()
    with transaction.atomic():
        n = Notification.objects.select_for_update().get(pk=pk)
        if n.state != NotifyState.SENDING:
            return RunResult()
        if isinstance(outcome, str):
            n.state = NotifyState.SENT
            n.provider = provider.name
            n.provider_message_id = outcome
            n.sent_at = now
            n.last_error = ""
            n.save(
                update_fields=["state", "provider", "provider_message_id", "sent_at", "last_error"]
            )
            return RunResult(sent=1)
        error = f"{type(outcome).__name__}: {outcome}"
        if isinstance(outcome, PermanentError) or n.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
            notification_finish(n, state=NotifyState.DEAD, error=error, now=now)
            return RunResult(dead=1)
        delay = backoff_seconds(
            n.attempts, base=settings.NOTIFY_BACKOFF_BASE, cap=settings.NOTIFY_BACKOFF_MAX
        )
        n.state = NotifyState.QUEUED
        n.next_attempt_at = now + dt.timedelta(seconds=delay)
        n.last_error = error[:300]
        n.save(update_fields=["state", "next_attempt_at", "last_error"])
        return RunResult(retried=1)


def notifications_send_due(*, now: dt.datetime | None = None, limit: int = 100) -> RunResult:
    """One pass: reclaim stale messages, claim what is due, send each."""
    now = now or timezone.now()
    notifications_reclaim_stale(now=now)
    result = RunResult()
    for pk in notifications_claim(now=now, limit=limit):
        result.add(notification_deliver(pk, now=now))
    return result


def notifications_run(*, once: bool, limit: int, idle_seconds: float) -> RunResult:
    """The worker loop `balai notifications-send` runs; sleeps when nothing was due."""
    total = RunResult()
    while True:
        result = notifications_send_due(limit=limit)
        total.add(result)
        if once:
            return total
        if not (result.sent or result.retried or result.dead):
            time.sleep(idle_seconds)
