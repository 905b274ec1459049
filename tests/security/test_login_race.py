"""Twenty wrong passwords sent at once for one account: at most five reach the password check.

Threads with their own database connections go through the real sign-in page; the check and
the count are one locked step (accounts/throttle.py), so no request can pass the limit while
others are still hashing.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from balai.accounts import services
from balai.audit.models import AuditEvent
from tests.fixtures import VILLAGE

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_parallel_wrong_passwords_reach_the_check_at_most_five_times(
    make_staff, monkeypatch, settings
):
    settings.LOGIN_MAX_FAILURES = 5
    make_staff("operator_desa", region=VILLAGE, username="sri")
    checked = []
    lock = threading.Lock()
    real = services.authenticate
    start = threading.Barrier(20)

    def counting(**credentials):
        with lock:
            checked.append(credentials["username"])
        return real(**credentials)

    monkeypatch.setattr(services, "authenticate", counting)

    def attempt(n: int) -> int:
        try:
            start.wait()
            response = Client().post(
                "/akun/masuk/",
                {"username": "sri", "password": f"salah-{n}"},
                REMOTE_ADDR=f"10.7.0.{n}",
            )
            return response.status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(attempt, range(20)))
    assert len(checked) <= 5
    assert statuses.count(429) >= 15
    assert AuditEvent.objects.filter(action="accounts.login_failed").count() <= 5
