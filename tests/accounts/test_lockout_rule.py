"""The lockout rule, as properties over any pattern of recent failures."""

from __future__ import annotations

import math
from datetime import timedelta

from django.db.models import F
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balai.accounts.models import LoginFailure
from balai.accounts.services import login_lockout_minutes

WINDOW = 900
LIMIT = 4


def _age_all(seconds: float) -> None:
    LoginFailure.objects.update(created_at=F("created_at") - timedelta(seconds=seconds))


@override_settings(LOGIN_MAX_FAILURES=LIMIT, LOGIN_FAILURE_WINDOW_SECONDS=WINDOW)
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ages=st.lists(st.integers(min_value=0, max_value=WINDOW - 10), max_size=8))
def test_locked_exactly_while_the_window_holds_the_limit(db, ages):
    LoginFailure.objects.all().delete()
    now = timezone.now()
    for age in ages:
        row = LoginFailure.objects.create(username="sri", ip="10.1.1.1")
        LoginFailure.objects.filter(pk=row.pk).update(created_at=now - timedelta(seconds=age))
    minutes = login_lockout_minutes(username="sri", ip="10.2.2.2")
    assert (minutes > 0) == (len(ages) >= LIMIT)
    assert minutes <= math.ceil(WINDOW / 60)
    # The same failures lock the address they came from, whatever username is tried next.
    assert (login_lockout_minutes(username="lain", ip="10.1.1.1") > 0) == (len(ages) >= LIMIT)
    if minutes == 0:
        return
    aged = 0
    if minutes > 1:
        # Two seconds before the shown wait is over, it still holds.
        aged = (minutes - 1) * 60 - 2
        _age_all(aged)
        assert login_lockout_minutes(username="sri", ip="10.2.2.2") > 0
    # Once the shown minutes have passed, it is over.
    _age_all(minutes * 60 - aged)
    assert login_lockout_minutes(username="sri", ip="10.2.2.2") == 0
