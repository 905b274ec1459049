"""Statistics from a scripted day whose answers are known in advance."""

from __future__ import annotations

import datetime as dt

import pytest

from balai.queueing.selectors import day_stats
from balai.queueing.services import (
    counter_sign_in,
    ticket_call_next,
    ticket_finish,
    ticket_issue,
    ticket_no_show,
    ticket_start,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)


def wib(hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2026, 3, 2, hour - 7, minute, tzinfo=dt.UTC)


@pytest.fixture
def scripted_day(mpp):
    counter_sign_in(actor=mpp.officer, counter=mpp.counter1, at=wib(7, 55))
    counter_sign_in(actor=mpp.officer3, counter=mpp.counter3, at=wib(7, 55))
    a1 = ticket_issue(actor=None, prefix=mpp.prefix_a, service=mpp.ktp, at=wib(8, 0))
    ticket_issue(actor=None, prefix=mpp.prefix_a, service=mpp.kk, at=wib(8, 5))
    officer, one, three = mpp.officer, mpp.counter1, mpp.counter3
    t = ticket_call_next(actor=officer, counter=one, at=wib(8, 10))
    assert t.pk == a1.pk
    ticket_start(actor=officer, ticket=t, at=wib(8, 11))
    ticket_finish(actor=officer, ticket=t, at=wib(8, 21))
    t = ticket_call_next(actor=officer, counter=one, at=wib(8, 21))
    ticket_start(actor=officer, ticket=t, at=wib(8, 22))
    ticket_finish(actor=officer, ticket=t, at=wib(8, 27))
    ticket_issue(actor=None, prefix=mpp.prefix_b, service=mpp.pajak, at=wib(9, 0))
    t = ticket_call_next(actor=mpp.officer3, counter=three, at=wib(9, 2))
    ticket_no_show(actor=mpp.officer3, ticket=t, at=wib(9, 5))
    ticket_issue(actor=None, prefix=mpp.prefix_b, service=mpp.pajak, at=wib(9, 10))
    t = ticket_call_next(actor=mpp.officer3, counter=three, at=wib(9, 12))
    ticket_start(actor=mpp.officer3, ticket=t, at=wib(9, 12))
    ticket_finish(actor=mpp.officer3, ticket=t, at=wib(9, 30))
    ticket_issue(actor=None, prefix=mpp.prefix_a, service=mpp.ktp, at=wib(9, 15))  # still waiting
    return mpp


def test_per_agency(scripted_day):
    stats = day_stats(viewer=scripted_day.manager, service_point=scripted_day.point, day=DAY)
    dukcapil = stats["agency"]["Dispendukcapil"]
    assert (dukcapil.tickets, dukcapil.served, dukcapil.no_shows) == (3, 2, 0)
    assert sorted(dukcapil.waits) == [600, 960]
    assert (dukcapil.wait_avg, dukcapil.wait_median) == (780, 780)
    assert (dukcapil.service_avg, dukcapil.service_median) == (450, 450)
    samsat = stats["agency"]["Samsat"]
    assert (samsat.tickets, samsat.served, samsat.no_shows) == (2, 1, 1)
    assert (samsat.wait_avg, samsat.service_avg) == (120, 1080)


def test_per_service_counter_and_hour(scripted_day):
    stats = day_stats(viewer=scripted_day.manager, service_point=scripted_day.point, day=DAY)
    assert stats["service"]["KTP elektronik"].tickets == 2
    assert stats["service"]["KTP elektronik"].services == [600]
    assert stats["service"]["Kartu Keluarga"].services == [300]
    assert stats["service"]["Pajak kendaraan tahunan"].wait_median == 120
    assert list(stats["counter"]) == ["Loket 1", "Loket 3"]
    assert stats["counter"]["Loket 1"].served == 2
    assert stats["counter"]["Loket 3"].no_shows == 1
    # Hours in the office's own time (WIB), not UTC.
    assert {hour: s.tickets for hour, s in stats["hour"].items()} == {8: 2, 9: 3}
    assert stats["hour"][8].wait_avg == 780
    assert stats["hour"][9].waits == [120, 120]


def test_staff_of_another_point_see_nothing(scripted_day, make_service_point, make_staff):
    elsewhere = make_staff(
        "admin_mpp", service_point=make_service_point("pasar-rogojampi", kind="market_desk")
    )
    stats = day_stats(viewer=elsewhere, service_point=scripted_day.point, day=DAY)
    assert stats["agency"] == {} and stats["hour"] == {}
