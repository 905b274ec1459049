"""Several workers on PostgreSQL never send one message twice (FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone

from balai.notifications.models import Notification
from balai.notifications.services import notify
from balai.notifications.worker import notifications_send_due

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_four_workers_send_each_of_120_messages_exactly_once(fake_provider, make_resident):
    person = make_resident()
    for i in range(120):
        notify(
            template="case_progress",
            context={"service": "SK", "code": f"N{i:04d}", "stage": "x", "link": "l"},
            regency_code="35.10",
            resident=person,
        )
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            while notifications_send_due(now=timezone.now(), limit=7).sent:
                pass
        except BaseException as exc:  # reported below, the thread must not die silently
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    texts = [m["text"] for m in fake_provider.sent()]
    assert len(texts) == 120 and len(set(texts)) == 120
    assert set(Notification.objects.values_list("state", flat=True)) == {"sent"}
    assert set(Notification.objects.values_list("attempts", flat=True)) == {1}
