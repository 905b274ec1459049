"""Counting sign-in attempts so that the check and the count are one atomic step.

`throttle_take` locks the key's row, refuses when the key is locked or its window is full, and
otherwise counts the attempt, all before the password or PIN is looked at; the lock is held for
that short step only, never across the slow hash. Twenty requests sent at once for one account
therefore reach the password check at most `limit` times (tests/security/test_login_race.py).

A key that fills its window is locked for the window, doubling with each further lockout up to
a cap (ASVS 5.0 6.3.1): guessing stays slow for ever, while a user is never shut out for
good, since the e-mailed one-time code opens the account meanwhile (accounts/services.py).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F

from balai.accounts.models import LoginThrottle


@dataclass(frozen=True)
class Rule:
    limit: int
    window_seconds: int
    # 0: a full window waits for the window to pass; otherwise the lock doubles up to this.
    max_lock_seconds: int = 0


def _row(key: str, now: dt.datetime) -> LoginThrottle:
    row = LoginThrottle.objects.select_for_update().filter(key=key).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            LoginThrottle.objects.create(key=key, window_started_at=now)
    except IntegrityError:
        pass  # created meanwhile by a concurrent attempt: lock that one
    return LoginThrottle.objects.select_for_update().get(key=key)


def lock_seconds(rule: Rule, lockouts: int) -> int:
    """The lock after the `lockouts`-th full window (1 = the first)."""
    if not rule.max_lock_seconds:
        return rule.window_seconds
    return min(rule.window_seconds * 2 ** max(0, lockouts - 1), rule.max_lock_seconds)


def throttle_take(*, key: str, rule: Rule, now: dt.datetime) -> int:
    """Counts one attempt for `key`: 0 when it may go ahead, else the seconds to wait."""
    with transaction.atomic():
        row = _row(key, now)
        if row.locked_until and row.locked_until > now:
            return math.ceil((row.locked_until - now).total_seconds())
        window_end = row.window_started_at + dt.timedelta(seconds=rule.window_seconds)
        if window_end <= now or row.locked_until:
            row.attempts = 0
            row.window_started_at = now
            row.locked_until = None
            window_end = now + dt.timedelta(seconds=rule.window_seconds)
        if row.attempts >= rule.limit:
            row.lockouts += 1
            seconds = lock_seconds(rule, row.lockouts)
            row.locked_until = max(window_end, now + dt.timedelta(seconds=seconds))
            row.save()
            return math.ceil((row.locked_until - now).total_seconds())
        row.attempts += 1
        row.save()
        return 0


def throttle_give_back(*, key: str) -> None:
    """Un-counts one attempt that turned out right (a colleague signing in from the office)."""
    LoginThrottle.objects.filter(key=key, attempts__gt=0).update(attempts=F("attempts") - 1)


def throttle_clear(*, key: str) -> None:
    """Forgets a key's attempts and lockouts (the account's owner proved who they are)."""
    LoginThrottle.objects.filter(key=key).update(attempts=0, lockouts=0, locked_until=None)


def throttle_wait(*, key: str, now: dt.datetime) -> int:
    """Seconds `key` is locked for, without counting an attempt."""
    row = LoginThrottle.objects.filter(key=key).only("locked_until").first()
    if row is None or not row.locked_until or row.locked_until <= now:
        return 0
    return math.ceil((row.locked_until - now).total_seconds())
