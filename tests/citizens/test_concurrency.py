"""Parallel guesses on PostgreSQL cannot get past the lockout: the PIN row is locked per try."""

import threading

import pytest
from django.db import connection

from balai.citizens.errors import CitizenAuthError
from balai.citizens.models import CitizenPin
from balai.citizens.services import pin_set, pin_verify
from tests.fixtures import VILLAGE

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_parallel_wrong_guesses_lock_after_five_and_count_every_one(
    make_staff, make_resident
):
    person = make_resident()
    pin_set(actor=make_staff("operator_desa", region=VILLAGE), resident=person, pin="258369")
    barrier = threading.Barrier(20)
    codes: list[str] = []

    def guess(n: int) -> None:
        try:
            barrier.wait()
            pin_verify(nik=person.nik, pin=f"{n:06d}", channel="kiosk")
        except CitizenAuthError as exc:
            codes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(n + 100,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(codes) == 20
    # Exactly four plain refusals, then the lock: everyone after the fifth is refused as locked.
    assert codes.count("invalid_credentials") == 4
    assert codes.count("pin_locked") == 16
    assert CitizenPin.objects.get(resident=person).lockouts == 1
