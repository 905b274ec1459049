"""The SLA clock across weekends, holidays and a pause (UU 25/2009 art. 21: jangka waktu)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balai.cases.sla import (
    WorkCalendar,
    add_working_days,
    add_working_minutes,
    sla_due,
    sla_pause_length,
    work_calendar,
    working_days_between,
    working_minutes_between,
)

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
# Idulfitri 2026 and its cuti bersama (SKB 3 Menteri 2025): Fri 20 Mar to Tue 24 Mar.
LEBARAN = frozenset(dt.date(2026, 3, d) for d in (18, 19, 20, 21, 22, 23, 24))
CAL = WorkCalendar(tz=WIB, holidays=LEBARAN)


def at(y, m, d, h=10, minute=0, tz=WIB):
    return dt.datetime(y, m, d, h, minute, tzinfo=tz)


@pytest.mark.parametrize(
    ("start", "days", "due_day"),
    [
        (at(2026, 3, 2), 1, dt.date(2026, 3, 3)),  # Monday → Tuesday
        (at(2026, 3, 6), 1, dt.date(2026, 3, 9)),  # Friday → Monday, the weekend skipped
        (at(2026, 3, 7), 1, dt.date(2026, 3, 9)),  # filed on Saturday
        (at(2026, 3, 6), 5, dt.date(2026, 3, 13)),
        (at(2026, 3, 16), 3, dt.date(2026, 3, 26)),  # Mon 16 → 17, then Lebaran, 25, 26
        (at(2026, 3, 17), 1, dt.date(2026, 3, 25)),
        (at(2026, 3, 2), 0, dt.date(2026, 3, 2)),
        (at(2026, 3, 21), 0, dt.date(2026, 3, 25)),  # filed on a holiday, 0 days
    ],
)
def test_working_days_skip_weekends_and_holidays(start, days, due_day):
    due = add_working_days(start, days, CAL)
    assert due.astimezone(WIB).date() == due_day
    assert due.astimezone(WIB).time() == dt.time(16, 0)


def test_the_day_is_the_offices_own_day():
    # 23:30 WIB on Friday is already Saturday 00:30 in WITA (Bali, NTB, Sulawesi).
    late_friday = at(2026, 3, 6, 23, 30)
    assert add_working_days(late_friday, 1, WorkCalendar(tz=WIB)).date() == dt.date(2026, 3, 9)
    wita_due = add_working_days(late_friday, 1, WorkCalendar(tz=WITA))
    assert wita_due.astimezone(WITA).date() == dt.date(2026, 3, 9)
    # A Thursday 23:30 WIB filing is Friday in WITA: due Monday there, Friday in WIB.
    late_thursday = at(2026, 3, 5, 23, 30)
    assert add_working_days(late_thursday, 1, WorkCalendar(tz=WIB)).date() == dt.date(2026, 3, 6)
    assert add_working_days(late_thursday, 1, WorkCalendar(tz=WITA)).astimezone(
        WITA
    ).date() == dt.date(2026, 3, 9)


@pytest.mark.parametrize(
    ("start", "minutes", "due"),
    [
        (at(2026, 3, 2, 9), 60, at(2026, 3, 2, 10)),
        (at(2026, 3, 2, 15), 120, at(2026, 3, 3, 9)),  # one hour today, one tomorrow
        (at(2026, 3, 2, 6), 30, at(2026, 3, 2, 8, 30)),  # before opening
        (at(2026, 3, 6, 15), 120, at(2026, 3, 9, 9)),  # across the weekend
        (at(2026, 3, 17, 15), 120, at(2026, 3, 25, 9)),  # across Lebaran
        (at(2026, 3, 2, 8), 480, at(2026, 3, 2, 16)),  # exactly one office day
    ],
)
def test_working_minutes_follow_office_hours(start, minutes, due):
    assert add_working_minutes(start, minutes, CAL) == due


def test_a_pause_waiting_on_the_citizen_does_not_count():
    submitted = at(2026, 3, 2)  # Monday, 3 working days: due Thursday 5 March
    assert sla_due(
        start=submitted, amount=3, unit="working_days", paused=0, calendar=CAL
    ).date() == (dt.date(2026, 3, 5))
    # Returned on Tuesday, the citizen comes back the next Monday: Wed, Thu, Fri, Mon passed.
    paused = sla_pause_length(
        start=at(2026, 3, 3, 11), end=at(2026, 3, 9, 9), unit="working_days", calendar=CAL
    )
    assert paused == 4
    due = sla_due(start=submitted, amount=3, unit="working_days", paused=paused, calendar=CAL)
    assert due.date() == dt.date(2026, 3, 11)
    # Returned and fixed the same day: nothing is added.
    assert (
        sla_pause_length(
            start=at(2026, 3, 3, 9), end=at(2026, 3, 3, 15), unit="working_days", calendar=CAL
        )
        == 0
    )


def test_an_hours_pause_counts_office_minutes_only():
    minutes = sla_pause_length(
        start=at(2026, 3, 6, 15), end=at(2026, 3, 9, 9), unit="hours", calendar=CAL
    )
    assert minutes == 120
    assert working_minutes_between(at(2026, 3, 9, 9), at(2026, 3, 9, 8), CAL) == 0


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        add_working_days(dt.datetime(2026, 3, 2, 10), 1, CAL)  # noqa: DTZ001


@pytest.mark.django_db
def test_the_holiday_table_holds_2026_and_local_days_stay_local():
    from balai.cases.models import Holiday

    national = work_calendar()
    assert dt.date(2026, 8, 17) in national.holidays
    assert dt.date(2026, 12, 24) in national.cuti_bersama  # cuti bersama Natal
    assert Holiday.objects.filter(date__year=2026, kind="national").count() == 17
    assert Holiday.objects.filter(date__year=2026, kind="cuti_bersama").count() == 8
    Holiday.objects.create(
        date=dt.date(2026, 12, 18), name="Hari Jadi Banyuwangi", kind="local", region_code="35.10"
    )
    assert dt.date(2026, 12, 18) in work_calendar(region_code="35.10.05.2001").holidays
    assert dt.date(2026, 12, 18) not in work_calendar(region_code="35.09.01.2001").holidays


# --- properties -----------------------------------------------------------------------------
holidays = st.frozensets(
    st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)), max_size=40
)
starts = st.datetimes(
    min_value=dt.datetime(2026, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive by design
    max_value=dt.datetime(2026, 10, 31),  # noqa: DTZ001
    timezones=st.just(WIB),
)


@given(holidays, starts, st.integers(0, 30))
def test_adding_working_days_never_lands_on_a_day_off(days_off, start, n):
    cal = WorkCalendar(tz=WIB, holidays=days_off)
    due = add_working_days(start, n, cal)
    assert cal.is_working_day(due.astimezone(WIB).date())
    if n > 0:
        assert due > start
        assert working_days_between(start, due, cal) == n


@given(holidays, starts, st.integers(0, 20), st.integers(0, 20))
def test_adding_working_days_is_monotonic(days_off, start, a, b):
    cal = WorkCalendar(tz=WIB, holidays=days_off)
    lo, hi = sorted((a, b))
    assert add_working_days(start, lo, cal) <= add_working_days(start, hi, cal)
    later = start + dt.timedelta(hours=a * 7)
    assert add_working_days(start, b, cal) <= add_working_days(later, b, cal)


@given(holidays, starts, st.integers(0, 5000))
def test_working_minutes_land_in_office_hours_and_measure_back(days_off, start, minutes):
    cal = WorkCalendar(tz=WIB, holidays=days_off)
    due = add_working_minutes(start, minutes, cal)
    local = due.astimezone(WIB)
    assert cal.is_working_day(local.date())
    assert dt.time(8) <= local.time() <= dt.time(16)
    assert working_minutes_between(start, due, cal) == minutes
