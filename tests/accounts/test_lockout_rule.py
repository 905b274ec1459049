"""The lockout rule, as properties over any pattern of attempts in time."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.accounts.models import LoginThrottle
from balai.accounts.throttle import Rule, lock_seconds, throttle_take

RULE = Rule(limit=4, window_seconds=900, max_lock_seconds=4 * 3600)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(gaps=st.lists(st.integers(min_value=0, max_value=2000), min_size=1, max_size=30))
def test_never_more_than_the_limit_per_window_and_locks_grow_to_the_cap(db, gaps):
    LoginThrottle.objects.all().delete()
    now = timezone.now()
    allowed: list[dt.datetime] = []
    waits: list[int] = []
    for gap in gaps:
        now += dt.timedelta(seconds=gap)
        wait = throttle_take(key="user:sri", rule=RULE, now=now)
        if wait:
            waits.append(wait)
        else:
            allowed.append(now)
    # The counter keeps fixed windows, each starting at its first attempt: within one window at
    # most `limit` attempts reach the password check, so any span of a window's length holds
    # at most twice the limit (the end of one window and the start of the next).
    for i, start in enumerate(allowed):
        inside = [t for t in allowed[i:] if t < start + dt.timedelta(seconds=RULE.window_seconds)]
        assert len(inside) <= 2 * RULE.limit
    # No wait is ever longer than the cap plus one window: nobody is locked out for ever.
    assert all(w <= RULE.max_lock_seconds + RULE.window_seconds for w in waits)


def test_each_lockout_doubles_up_to_the_cap():
    locks = [lock_seconds(RULE, n) for n in range(1, 10)]
    assert locks[:4] == [900, 1800, 3600, 7200]
    assert max(locks) == RULE.max_lock_seconds
    assert locks == sorted(locks)
