"""The outbox worker: claim due messages, hand each to its provider, record the outcome.

Claiming is a short transaction that moves rows from queued to sending. On PostgreSQL it reads
with `SELECT … FOR UPDATE SKIP LOCKED`, so several workers take disjoint rows without waiting
on each other; on SQLite the IMMEDIATE transaction serialises the claim. The provider calls
happen outside any transaction or row lock; the outcomes of a batch are then written in one
transaction, a success as one conditional UPDATE (still `sending` → `sent`).
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
from balai.notifications.messages import REDACTED, is_secret
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
        claimed = list(due.values_list("pk", flat=True)[:limit])
        # The rows are ours: locked by this transaction on PostgreSQL, and on SQLite the
        # IMMEDIATE transaction holds the write lock. The state test is a second guard.
        Notification.objects.filter(pk__in=claimed, state=NotifyState.QUEUED).update(
            state=NotifyState.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return claimed


def _send(n: Notification) -> str | TransientError | PermanentError:
    """Hand one message to its provider: its message id, or the error (never raised)."""
    try:
        return provider_for(n.channel).send(Outgoing(to=n.address, text=n.text, subject=n.subject))
    except (TransientError, PermanentError) as exc:
        return exc


def _record(n: Notification, outcome: str | Exception, *, now: dt.datetime) -> RunResult:
    """Write what the provider answered; the caller holds the transaction."""
    if isinstance(outcome, str):
        # One conditional UPDATE: the row moves only if it is still ours to move.
        sent: dict[str, object] = {
            "state": NotifyState.SENT,
            "provider": provider_for(n.channel).name,
            "provider_message_id": outcome,
            "sent_at": now,
            "last_error": "",
        }
        if is_secret(n.template_code):
            # A sign-in code is kept only until it is handed over: an outbox reader (the admin,
            # a backup) must not be able to sign in as the citizen (UU 27/2022 art. 35).
            sent["text"] = REDACTED
        moved = Notification.objects.filter(pk=n.pk, state=NotifyState.SENDING).update(**sent)
        return RunResult(sent=moved)
    n = Notification.objects.select_for_update().get(pk=n.pk)
    if n.state != NotifyState.SENDING:
        return RunResult()
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
    """One pass: reclaim stale messages, claim what is due, send each, record the outcomes.

    The outcomes of a batch are written in one transaction: one commit per batch rather than
    per message (measured in bench/notifications.py). A worker that dies between sending and
    recording leaves its batch in `sending`, to be retried once stale (at-least-once).
    """
    now = now or timezone.now()
    notifications_reclaim_stale(now=now)
    claimed = notifications_claim(now=now, limit=limit)
    rows = Notification.objects.filter(pk__in=claimed, state=NotifyState.SENDING).order_by("pk")
    outcomes = [(n, _send(n)) for n in rows]
    result = RunResult()
    with transaction.atomic():
        for n, outcome in outcomes:
            result.add(_record(n, outcome, now=now))
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
