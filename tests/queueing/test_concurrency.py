"""Many counters and kiosks at once on PostgreSQL: each thread has its own connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from balai.queueing.models import Counter, Ticket
from balai.queueing.services import (
    counter_sign_in,
    ticket_call_next,
    ticket_issue,
    ticket_no_show,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

COUNTERS = 50
POOL = 200


def _run_threads(count: int, work: Callable[[int], Any]) -> list[Any]:
    results: list[Any] = [None] * count
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = work(i)
        except BaseException as exc:  # handed to the test thread below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def _officer(mpp, i: int) -> Any:
    from balai.accounts.models import StaffRole, User

    # No password: hashing fifty of them would be most of the test's time.
    user = User.objects.create(username=f"loket-{i}")
    StaffRole.objects.create(user=user, role="petugas_loket", service_point=mpp.point)
    return user


def test_fifty_counters_call_each_ticket_exactly_once(mpp):
    pool = {ticket_issue(actor=None, prefix=mpp.prefix_a).pk for _ in range(POOL)}
    pairs = []
    for number in range(10, 10 + COUNTERS):
        counter = Counter.objects.create(
            service_point=mpp.point, region_code="35.10", number=number, agency=mpp.dukcapil
        )
        officer = _officer(mpp, number)
        counter_sign_in(actor=officer, counter=counter)
        pairs.append((officer, counter))

    def work(i: int) -> list[int]:
        officer, counter = pairs[i]
        called = []
        while (ticket := ticket_call_next(actor=officer, counter=counter)) is not None:
            called.append(ticket.pk)
            # Cleared at once (one transaction) so the counter can call again.
            ticket_no_show(actor=officer, ticket=ticket)
        return called

    per_counter = _run_threads(COUNTERS, work)
    called = [pk for calls in per_counter for pk in calls]
    assert len(called) == len(set(called)) == POOL
    assert set(called) == pool
    assert Ticket.objects.filter(pk__in=pool, status="no_show").count() == POOL
    # More than one counter did the work: the calls really ran side by side.
    assert sum(1 for calls in per_counter if calls) > 1


def test_concurrent_issuing_numbers_one_to_n_without_gaps(mpp):
    threads, per_thread = 20, 10

    def work(i: int) -> list[int]:
        return [ticket_issue(actor=None, prefix=mpp.prefix_a).number for _ in range(per_thread)]

    numbers = sorted(n for batch in _run_threads(threads, work) for n in batch)
    assert numbers == list(range(1, threads * per_thread + 1))
    codes = set(Ticket.objects.filter(prefix=mpp.prefix_a).values_list("code", flat=True))
    assert len(codes) == threads * per_thread
